/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_PLUGINS_UTF8_H
#define FOLIO_PLUGINS_UTF8_H

/*
 * UTF-8 for the plugins, in one place: checking, decoding and encoding
 * (the JSON parser, the txt normaliser and classifier). Inline, since they
 * run for every character that is not ASCII; a plugin includes this with
 * "../common/utf8.h", and nothing here is exported.
 */

#include <stddef.h>
#include <stdint.h>

/*
 * The length of the well-formed UTF-8 sequence at @p, before @end
 * (Unicode table 3-7: no overlongs, surrogates or values past U+10FFFF),
 * or minus the length of its maximal invalid subpart, which lossy decoding
 * replaces by one U+FFFD (Unicode's recommended practice).
 */
static inline int utf8_seq(const unsigned char *p, const unsigned char *end)
{
    unsigned c = p[0];
    int n;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        lo = c == 0xE0 ? 0xA0 : 0x80;
        hi = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        lo = c == 0xF0 ? 0x90 : 0x80;
        hi = c == 0xF4 ? 0x8F : 0xBF;
    } else {
        return c < 0x80 ? 1 : -1; /* tested last: the normaliser passes no ASCII */
    }
    for (int i = 1; i < n; i++) {
        if (p + i >= end || p[i] < lo || p[i] > hi)
            return -i;
        lo = 0x80;
        hi = 0xBF;
    }
    return n;
}

/* Decodes the sequence at @p into *@cp and returns its length; 0 when it
 * is not well-formed (utf8_seq()). */
static inline size_t utf8_decode(const unsigned char *p, const unsigned char *end, uint32_t *cp)
{
    int n = utf8_seq(p, end);
    if (n <= 0)
        return 0;
    uint32_t c = n == 1 ? p[0] : p[0] & (0x7Fu >> n);
    for (int i = 1; i < n; i++)
        c = c << 6 | (p[i] & 0x3Fu);
    *cp = c;
    return (size_t)n;
}

/* Writes code point @cp as UTF-8 to @o (room for 4 bytes); returns its length. */
static inline size_t utf8_put(char *o, uint32_t cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | cp >> 6);
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12);
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | cp >> 18);
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* The number of UTF-8 characters in @s. */
static inline size_t utf8_count(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* @len, or at most @max so that the first bytes of @s end on a character
 * boundary. */
static inline size_t utf8_cut(const char *s, size_t len, size_t max)
{
    if (len <= max)
        return len;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return max;
}

#endif
