/* SPDX-License-Identifier: MIT */
#include "epubw.h"

#include <folio/iter.h>
#include <nettle/sha1.h>
#include <stdio.h>
#include <string.h>

/* Name-based UUIDs (RFC 4122, version 5) hash with SHA-1: nettle's. */

/* Feeds a value with its length first, so that ("ab","c") and ("a","bc") differ. */
static void feed(struct sha1_ctx *s, folio_str v)
{
    unsigned char n[8];
    uint64_t len = folio_str_present(v) ? v.len + 1 : 0;
    for (int i = 0; i < 8; i++)
        n[i] = (unsigned char)(len >> (8 * i));
    sha1_update(s, sizeof n, n);
    if (v.len)
        sha1_update(s, v.len, (const uint8_t *)v.data);
}

/* Hashes each article's metadata and the text of each of its blocks, in order. */
static void feed_article(struct sha1_ctx *s, const folio_node *article)
{
    for (int k = 0; k < FOLIO_META_COUNT; k++)
        feed(s, folio_node_meta(article, (folio_meta_key)k));
    for (size_t i = 0; i < folio_node_author_count(article); i++)
        feed(s, folio_node_author(article, i));
    for (const folio_node *b = folio_node_first_child(article); b; b = folio_node_next(b)) {
        unsigned char kind = (unsigned char)folio_node_kind_of(b);
        sha1_update(s, 1, &kind);
        feed(s, folio_node_text(b));
    }
}

void epub_content_uuid(epub_book *book)
{
    /* The namespace of version 5 UUIDs made from a URL (RFC 4122, appendix C),
     * with the name "urn:folio:" and the content. */
    static const unsigned char ns[16] = {0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
                                         0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
    struct sha1_ctx s;
    sha1_init(&s);
    sha1_update(&s, sizeof ns, ns);
    sha1_update(&s, 10, (const uint8_t *)"urn:folio:");
    feed(&s, folio_node_meta(folio_doc_root(book->doc), FOLIO_META_TITLE));
    for (size_t i = 0; i < book->n_articles; i++)
        feed_article(&s, book->articles[i]);
    unsigned char d[SHA1_DIGEST_SIZE];
    sha1_digest(&s, sizeof d, d);
    d[6] = (unsigned char)((d[6] & 0x0f) | 0x50);
    d[8] = (unsigned char)((d[8] & 0x3f) | 0x80);
    char *o = book->uid + sprintf(book->uid, "urn:uuid:");
    for (int i = 0; i < 16; i++)
        o += sprintf(o, "%s%02x", i == 4 || i == 6 || i == 8 || i == 10 ? "-" : "", d[i]);
}

/* ---- dates ---- */

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void epub_civil(int64_t epoch, int *year, int *month, int *day, int *hour, int *minute, int *second)
{
    int64_t days = (epoch >= 0 ? epoch : epoch - 86399) / 86400, secs = epoch - days * 86400;
    *hour = (int)(secs / 3600), *minute = (int)(secs / 60 % 60), *second = (int)(secs % 60);
    days += 719468;
    int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    int64_t doe = days - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *day = (int)(doy - (153 * mp + 2) / 5 + 1);
    *month = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = (int)(yoe + era * 400 + (*month <= 2));
}

void epub_format_date(int64_t epoch, char *out)
{
    int y, mo, d, h, mi, s;
    epub_civil(epoch, &y, &mo, &d, &h, &mi, &s);
    snprintf(out, 24, "%04d-%02d-%02dT%02d:%02d:%02dZ", y % 10000, mo, d, h, mi, s);
}

/* Reads @n digits at *@at within [@lo, @hi]; -1 when they are not there. */
static int num(folio_str s, size_t *at, size_t n, int lo, int hi)
{
    int v = 0;
    if (s.len - *at < n)
        return -1;
    for (size_t i = 0; i < n; i++) {
        char c = s.data[*at + i];
        if (c < '0' || c > '9')
            return -1;
        v = v * 10 + (c - '0');
    }
    *at += n;
    return v >= lo && v <= hi ? v : -1;
}

static bool skip(folio_str s, size_t *at, const char *set)
{
    if (*at < s.len && strchr(set, s.data[*at])) {
        (*at)++;
        return true;
    }
    return false;
}

/* The time of day and zone after a date, as seconds to add to midnight UTC. */
static bool parse_time(folio_str s, size_t at, int64_t *out)
{
    int h = num(s, &at, 2, 0, 23), m = skip(s, &at, ":") ? num(s, &at, 2, 0, 59) : -1, sec = 0;
    if (h < 0 || m < 0)
        return false;
    if (skip(s, &at, ":") && (sec = num(s, &at, 2, 0, 60)) < 0)
        return false;
    if (skip(s, &at, ".,"))
        while (num(s, &at, 1, 0, 9) >= 0)
            ;
    *out = h * 3600 + m * 60 + (sec > 59 ? 59 : sec);
    if (at == s.len || (skip(s, &at, "Z") && at == s.len))
        return at == s.len;
    int sign = s.data[at] == '-' ? 1 : -1; /* 14:00+02:00 is 12:00 UTC */
    if (!skip(s, &at, "+-"))
        return false;
    int zh = num(s, &at, 2, 0, 23);
    skip(s, &at, ":");
    int zm = num(s, &at, 2, 0, 59);
    *out += sign * (zh * 3600 + zm * 60);
    return zh >= 0 && zm >= 0 && at == s.len;
}

static int days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

bool epub_parse_date(folio_str s, int64_t *epoch)
{
    size_t at = 0;
    int year = num(s, &at, 4, 1, 9999), month = 1, day = 1;
    if (year < 0 || !folio_str_present(s))
        return false;
    if (at < s.len && (!skip(s, &at, "-") || (month = num(s, &at, 2, 1, 12)) < 0))
        return false;
    if (at < s.len && (!skip(s, &at, "-") || (day = num(s, &at, 2, 1, 31)) < 0))
        return false;
    if (day > days_in_month(year, month))
        return false;
    int64_t t = 0;
    if (at < s.len && (!skip(s, &at, "T ") || !parse_time(s, at, &t)))
        return false;
    *epoch = days_from_civil(year, month, day) * 86400 + t;
    return true;
}
