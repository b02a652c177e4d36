/* SPDX-License-Identifier: MIT */
#include "hr.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>

/*
 * Every page reaches libxml2 as UTF-8: the reader converts it first, so a
 * byte the encoding lacks becomes U+FFFD (and is counted) instead of an
 * encoding error that libxml2 prints on stderr and that ends the parse.
 */

/* Windows-1252's 0x80-0x9F; the five bytes it leaves undefined map to the
 * C1 controls of the same number, as browsers map them. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static void put_cp(folio_buf *out, uint32_t c)
{
    char b[4];
    size_t n;
    if (c < 0x80) {
        b[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        b[0] = (char)(0xC0 | c >> 6);
        b[1] = (char)(0x80 | (c & 0x3F));
        n = 2;
    } else if (c < 0x10000) {
        b[0] = (char)(0xE0 | c >> 12);
        b[1] = (char)(0x80 | (c >> 6 & 0x3F));
        b[2] = (char)(0x80 | (c & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | c >> 18);
        b[1] = (char)(0x80 | (c >> 12 & 0x3F));
        b[2] = (char)(0x80 | (c >> 6 & 0x3F));
        b[3] = (char)(0x80 | (c & 0x3F));
        n = 4;
    }
    folio_buf_append(out, b, n);
}

static void from_cp1252(const unsigned char *s, size_t len, folio_buf *out)
{
    folio_buf_grow(out, len + len / 2);
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && s[j] < 0x80)
            j++;
        folio_buf_append(out, s + i, j - i);
        if (j < len)
            put_cp(out, s[j] < 0xA0 ? cp1252_high[s[j] - 0x80] : s[j]);
        i = j + 1;
    }
}

static size_t from_utf16(const unsigned char *s, size_t len, bool big, folio_buf *out)
{
    size_t bad = 0;
    for (size_t i = 0; i + 1 < len; i += 2) {
        uint32_t c = big ? (uint32_t)s[i] << 8 | s[i + 1] : (uint32_t)s[i + 1] << 8 | s[i];
        if (c >= 0xD800 && c <= 0xDBFF && i + 3 < len) {
            uint32_t lo =
                big ? (uint32_t)s[i + 2] << 8 | s[i + 3] : (uint32_t)s[i + 3] << 8 | s[i + 2];
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                put_cp(out, 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00));
                i += 2;
                continue;
            }
        }
        bool lone = c >= 0xD800 && c <= 0xDFFF;
        bad += lone;
        put_cp(out, lone ? 0xFFFD : c);
    }
    bad += len % 2;
    return bad;
}

/* Any other encoding through iconv, a bad byte at a time replaced. */
static int from_iconv(const unsigned char *s, size_t len, const char *charset, folio_buf *out,
                      size_t *bad)
{
    iconv_t cd = iconv_open("UTF-8", charset);
    if (cd == (iconv_t)-1)
        return FOLIO_EUNSUPPORTED;
    char *in = (char *)s;
    size_t left = len;
    while (left > 0) {
        folio_buf_grow(out, left * 4 + 16);
        char *o = out->data + out->len;
        size_t room = out->cap - out->len - 1;
        size_t rc = iconv(cd, &in, &left, &o, &room);
        out->len = (size_t)(o - out->data);
        if (rc != (size_t)-1 || errno == E2BIG)
            continue;
        /* EILSEQ or EINVAL (cut short at the end): one byte is replaced. */
        folio_buf_append(out, "\xEF\xBF\xBD", 3);
        (*bad)++;
        in++;
        left--;
        iconv(cd, NULL, NULL, NULL, NULL);
    }
    out->data[out->len] = '\0';
    iconv_close(cd);
    return FOLIO_OK;
}

int hr_to_utf8(const unsigned char *s, size_t len, const char *charset, folio_buf *out, size_t *bad)
{
    *bad = 0;
    folio_buf_grow(out, 1);
    if (strcmp(charset, "windows-1252") == 0) {
        from_cp1252(s, len, out);
        return FOLIO_OK;
    }
    if (strcmp(charset, "utf-16le") == 0 || strcmp(charset, "utf-16be") == 0) {
        *bad = from_utf16(s, len, charset[7] == 'b', out);
        return FOLIO_OK;
    }
    return from_iconv(s, len, charset, out, bad);
}
