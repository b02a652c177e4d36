/* SPDX-License-Identifier: MIT */
#include "hr.h"

#include "../common/letters.h"

#include <string.h>

/* The rules of docs/text-format.md that hold for HTML too: credit clauses
 * (section 5), agency tags and kickers (4.1, 4.2), speech dashes (4.5). The
 * letter-level rules both readers share are in ../common/letters.h. */

size_t hr_kicker_len(const char *s, size_t len)
{
    size_t k = caps_run(s, len);
    return k > 0 && k + 2 < len && s[k] == ':' && s[k + 1] == ' ' ? k : 0;
}

bool hr_find_clause(const char *s, size_t len, size_t *at, hr_credit *out)
{
    credit_clause clause = {.parts = out->parts, .max = HR_MAX_PARTS};
    long ws = find_credit_clause(s, len, &clause);
    if (ws < 0)
        return false;
    out->label = clause.label;
    out->text = clause.credit;
    out->count = clause.count;
    *at = (size_t)ws;
    return true;
}

bool hr_agency_tag(const char *s, size_t len, hr_credit *out)
{
    if (!find_agency_tag(s, len, &out->parts[0]))
        return false;
    out->label = folio_str_n(NULL, 0);
    out->text = folio_str_n(s, len);
    out->count = 1;
    return true;
}

void hr_plain_credit(const char *s, size_t len, hr_credit *out)
{
    out->label = folio_str_n(NULL, 0);
    out->text = folio_str_n(s, len);
    out->count = split_credit(s, len, out->parts, HR_MAX_PARTS);
}

/* Does the word ending at @e end a sentence? Quotation marks after the
 * stop count; an initial does not. */
static bool word_ends_sentence(const char *s, size_t e)
{
    size_t b;
    while (e > 0 && is_quote_mark(prev_cp(s, e, &b)))
        e = b;
    if (e == 0 || ends_initial(s, e))
        return false;
    return s[e - 1] == '.' || s[e - 1] == '!' || s[e - 1] == '?';
}

bool hr_is_byline(const char *s, size_t len)
{
    static const char *const words[] = {"Av ", "By ", "Von ", "Af ", "Tekst: ", "Text: ", NULL};
    size_t at = 0, count = 0;
    for (const char *const *w = words; *w && !at; w++) {
        size_t n = strlen(*w);
        if (len > n && memcmp(s, *w, n) == 0)
            at = n;
    }
    while (at && at < len) {
        const char *sp = memchr(s + at, ' ', len - at);
        size_t e = sp ? (size_t)(sp - s) : len;
        if (++count > 6 || word_ends_sentence(s, e))
            return false;
        at = e + 1;
    }
    return count > 0;
}

bool hr_starts_quote(const char *s, size_t len)
{
    return (len > 1 && s[0] == '-' && s[1] == ' ') ||
           (len > 3 && (memcmp(s, "\xE2\x80\x93 ", 4) == 0 || memcmp(s, "\xE2\x80\x94 ", 4) == 0));
}

static bool digits(const char **p, const char *end, int n, int lo, int hi)
{
    int v = 0;
    for (int i = 0; i < n; i++, (*p)++) {
        if (*p >= end || **p < '0' || **p > '9')
            return false;
        v = v * 10 + (**p - '0');
    }
    return v >= lo && v <= hi;
}

/* hh:mm[:ss[.fff]] and an optional zone, as <time datetime> writes it. */
static bool iso_time(const char *p, const char *end)
{
    if (!digits(&p, end, 2, 0, 24) || p == end || *p++ != ':' || !digits(&p, end, 2, 0, 59))
        return false;
    if (p < end && *p == ':' && (p++, !digits(&p, end, 2, 0, 60)))
        return false;
    if (p < end && (*p == '.' || *p == ',')) {
        const char *f = ++p;
        while (p < end && *p >= '0' && *p <= '9')
            p++;
        if (p == f)
            return false;
    }
    if (p == end || (*p == 'Z' && p + 1 == end))
        return true;
    if (*p != '+' && *p != '-')
        return false;
    p++;
    if (!digits(&p, end, 2, 0, 14))
        return false;
    if (p < end && *p == ':')
        p++;
    return digits(&p, end, 2, 0, 59) && p == end;
}

bool hr_is_iso_date(const char *s, size_t len)
{
    const char *p = s, *end = s + len;
    if (!digits(&p, end, 4, 0, 9999))
        return false;
    if (p == end)
        return true;
    if (*p++ != '-' || !digits(&p, end, 2, 1, 12))
        return false;
    if (p == end)
        return true;
    if (*p++ != '-' || !digits(&p, end, 2, 1, 31))
        return false;
    if (p == end)
        return true;
    return (*p == 'T' || *p == ' ') && iso_time(p + 1, end);
}

bool hr_utf8_valid(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ull)
                break;
            i += 8;
        }
        if (i >= len)
            break;
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n = c >= 0xC2 && c <= 0xDF   ? 2
                   : c >= 0xE0 && c <= 0xEF ? 3
                   : c >= 0xF0 && c <= 0xF4 ? 4
                                            : 0;
        if (n == 0 || i + n > len)
            return false;
        for (size_t k = 1; k < n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
        }
        /* Overlong three-byte forms, surrogates, and code points past U+10FFFF. */
        if ((c == 0xE0 && s[i + 1] < 0xA0) || (c == 0xED && s[i + 1] >= 0xA0) ||
            (c == 0xF0 && s[i + 1] < 0x90) || (c == 0xF4 && s[i + 1] >= 0x90))
            return false;
        i += n;
    }
    return true;
}
