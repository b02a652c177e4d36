/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_PLUGINS_COMMON_LETTERS_H
#define FOLIO_PLUGINS_COMMON_LETTERS_H

/*
 * The rules of docs/text-format.md that hold for every reader of articles:
 * upper-case names (kickers, agency tags, section 4), sentence ends and
 * initials, credit labels, lists and clauses (section 5). The txt and
 * html readers include this; each module gets its own copy, none exported.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <string.h>

#include <folio/common.h>

#include "utf8.h"

/* Code points lo, lo + step, ... up to hi. */
typedef struct urange {
    uint32_t lo, hi;
    uint8_t step;
} urange;

/* Upper-case letters (Unicode Lu) of the Latin, Greek, Cyrillic, Armenian and
 * Georgian scripts, and fullwidth Latin: the scripts with case that news is
 * written in. Caseless scripts have no kickers (spec 4.2). Kept as a table
 * so that the test is the same in every locale. */
static inline bool is_upper(uint32_t c)
{
    static const urange uppers[] = {
        {0x41, 0x5A, 1},     {0xC0, 0xD6, 1},     {0xD8, 0xDE, 1},     {0x100, 0x136, 2},
        {0x139, 0x147, 2},   {0x14A, 0x176, 2},   {0x178, 0x179, 1},   {0x17B, 0x17D, 2},
        {0x181, 0x182, 1},   {0x184, 0x184, 1},   {0x186, 0x187, 1},   {0x189, 0x18B, 1},
        {0x18E, 0x191, 1},   {0x193, 0x194, 1},   {0x196, 0x198, 1},   {0x19C, 0x19D, 1},
        {0x19F, 0x1A0, 1},   {0x1A2, 0x1A6, 2},   {0x1A7, 0x1A7, 1},   {0x1A9, 0x1A9, 1},
        {0x1AC, 0x1AC, 1},   {0x1AE, 0x1AF, 1},   {0x1B1, 0x1B3, 1},   {0x1B5, 0x1B5, 1},
        {0x1B7, 0x1B8, 1},   {0x1BC, 0x1BC, 1},   {0x1C4, 0x1C4, 1},   {0x1C7, 0x1C7, 1},
        {0x1CA, 0x1CA, 1},   {0x1CD, 0x1DB, 2},   {0x1DE, 0x1EE, 2},   {0x1F1, 0x1F1, 1},
        {0x1F4, 0x1F4, 1},   {0x1F6, 0x1F8, 1},   {0x1FA, 0x232, 2},   {0x23A, 0x23B, 1},
        {0x23D, 0x23E, 1},   {0x241, 0x241, 1},   {0x243, 0x246, 1},   {0x248, 0x24E, 2},
        {0x370, 0x372, 2},   {0x376, 0x376, 1},   {0x37F, 0x37F, 1},   {0x386, 0x386, 1},
        {0x388, 0x38A, 1},   {0x38C, 0x38C, 1},   {0x38E, 0x38F, 1},   {0x391, 0x3A1, 1},
        {0x3A3, 0x3AB, 1},   {0x3CF, 0x3CF, 1},   {0x3D2, 0x3D4, 1},   {0x3D8, 0x3EE, 2},
        {0x3F4, 0x3F4, 1},   {0x3F7, 0x3F7, 1},   {0x3F9, 0x3FA, 1},   {0x3FD, 0x42F, 1},
        {0x460, 0x480, 2},   {0x48A, 0x4BE, 2},   {0x4C0, 0x4C1, 1},   {0x4C3, 0x4CD, 2},
        {0x4D0, 0x52E, 2},   {0x531, 0x556, 1},   {0x10A0, 0x10C5, 1}, {0x10C7, 0x10C7, 1},
        {0x10CD, 0x10CD, 1}, {0x1C90, 0x1CBA, 1}, {0x1CBD, 0x1CBF, 1}, {0x1E00, 0x1E94, 2},
        {0x1E9E, 0x1E9E, 1}, {0x1EA0, 0x1EFE, 2}, {0x1F08, 0x1F0F, 1}, {0x1F18, 0x1F1D, 1},
        {0x1F28, 0x1F2F, 1}, {0x1F38, 0x1F3F, 1}, {0x1F48, 0x1F4D, 1}, {0x1F59, 0x1F5F, 2},
        {0x1F68, 0x1F6F, 1}, {0x1FB8, 0x1FBB, 1}, {0x1FC8, 0x1FCB, 1}, {0x1FD8, 0x1FDB, 1},
        {0x1FE8, 0x1FEC, 1}, {0x1FF8, 0x1FFB, 1}, {0xFF21, 0xFF3A, 1},
    };
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    for (size_t i = 0; i < sizeof uppers / sizeof uppers[0]; i++) {
        const urange *r = &uppers[i];
        if (c >= r->lo && c <= r->hi)
            return (c - r->lo) % r->step == 0;
    }
    return false;
}

/* Decodes the code point at *@i and moves past it; a stray byte reads as U+FFFD. */
static inline uint32_t next_cp(const char *s, size_t len, size_t *i)
{
    const unsigned char *p = (const unsigned char *)s + *i;
    if (p[0] < 0x80) {
        *i += 1;
        return p[0];
    }
    uint32_t c;
    size_t n = utf8_decode(p, (const unsigned char *)s + len, &c);
    *i += n ? n : 1;
    return n ? c : 0xFFFD;
}

/* The code point that ends at byte @e, with its start in *@start. */
static inline uint32_t prev_cp(const char *s, size_t e, size_t *start)
{
    size_t b = e - 1;
    while (b > 0 && ((unsigned char)s[b] & 0xC0) == 0x80 && e - b < 4)
        b--;
    *start = b;
    size_t i = b;
    return next_cp(s, e, &i);
}

static inline bool is_quote_mark(uint32_t c)
{
    return c == '"' || c == 0xBB || c == 0xAB || c == 0x201D || c == 0x201C || c == 0x2019;
}

/* Does s[0..e) end a sentence (spec 5): with '.', '!', '?' or a quotation mark? */
static inline bool ends_sentence(const char *s, size_t e)
{
    if (e == 0)
        return false;
    size_t b;
    uint32_t c = prev_cp(s, e, &b);
    return c == '.' || c == '!' || c == '?' || is_quote_mark(c);
}

/* An initial ("Ola A. Nordmann"): one upper-case letter, alone, then '.'.
 * Not a sentence end in credit lists and bylines, where names carry them. */
static inline bool ends_initial(const char *s, size_t e)
{
    if (e < 2 || s[e - 1] != '.')
        return false;
    size_t b;
    if (!is_upper(prev_cp(s, e - 1, &b)))
        return false;
    return b == 0 || s[b - 1] == ' ' || s[b - 1] == '-';
}

/* Length of the upper-case name at @s: words of upper-case letters of any
 * script, digits, spaces and hyphens, with at least two letters (spec 4.2).
 * Combining marks may follow a letter. 0 when there is none. */
static inline size_t caps_run(const char *s, size_t len)
{
    size_t i = 0, end = 0, letters = 0;
    while (i < len) {
        size_t j = i;
        uint32_t c = next_cp(s, len, &j);
        bool digit = c >= '0' && c <= '9';
        bool joiner = c == ' ' || c == '-' || c == 0x2010 || c == 0x2011;
        bool mark = c >= 0x300 && c <= 0x36F && i > 0;
        if (is_upper(c))
            letters++;
        else if (!digit && !mark && !(joiner && i > 0))
            break;
        i = j;
        if (c != ' ')
            end = i;
    }
    return letters >= 2 ? end : 0;
}

/* Spec 5's labels, matched with the case written here; NULL-terminated. */
static inline const char *const *credit_labels(void)
{
    static const char *const labels[] = {
        "Foto",         "Fotos",       "Photo",      "Photos",  "Bilde",    "Bild",  "Illustrasjon",
        "Illustration", "Grafikk",     "Grafik",     "Graphic", "Graphics", "Video", "Kart",
        "Map",          "Skjermbilde", "Screenshot", "Kilde",   "Source",   NULL,
    };
    return labels;
}

/* The most characters in a credit list (spec 5). */
#define CREDIT_MAX_CHARS 160

static inline bool is_credit_label(const char *s, size_t len)
{
    for (const char *const *l = credit_labels(); *l; l++) {
        if (strlen(*l) == len && memcmp(*l, s, len) == 0)
            return true;
    }
    return false;
}

/* The first @n bytes of @needle in @s, or NULL. */
static inline const char *find_bytes(const char *s, size_t len, const char *needle, size_t n)
{
    for (const char *p = s; (size_t)(s + len - p) >= n; p++) {
        p = memchr(p, needle[0], (size_t)(s + len - p) - n + 1);
        if (!p)
            return NULL;
        if (memcmp(p, needle, n) == 0)
            return p;
    }
    return NULL;
}

/* Splits a credit list into at most @max parts at " / ", else at ", "
 * (spec 5); the last part keeps the rest. Returns the number of parts. */
static inline size_t split_credit(const char *s, size_t len, folio_str *parts, size_t max)
{
    const char *sep = find_bytes(s, len, " / ", 3) ? " / " : ", ";
    size_t seplen = strlen(sep), at = 0, count = 0;
    while (count < max - 1) {
        const char *hit = find_bytes(s + at, len - at, sep, seplen);
        if (!hit)
            break;
        parts[count++] = folio_str_n(s + at, (size_t)(hit - (s + at)));
        at = (size_t)(hit - s) + seplen;
    }
    parts[count++] = folio_str_n(s + at, len - at);
    return count;
}

/* A credit list (spec 5): 1 to 160 characters, no sentence end followed by
 * more words. */
static inline bool credit_list_ok(const char *s, size_t len)
{
    if (len == 0 || len > CREDIT_MAX_CHARS * 4 || utf8_count(s, len) > CREDIT_MAX_CHARS)
        return false;
    for (const char *sp = memchr(s, ' ', len); sp;
         sp = memchr(sp + 1, ' ', len - (size_t)(sp + 1 - s))) {
        size_t e = (size_t)(sp - s);
        if (ends_sentence(s, e) && !ends_initial(s, e))
            return false;
    }
    return true;
}

/* A credit clause: its label, its credit list and the list's parts. */
typedef struct credit_clause {
    folio_str label;
    folio_str credit;
    folio_str *parts; /* room for @max parts, given by the caller */
    size_t max;
    size_t count;
} credit_clause;

static inline bool is_ascii_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * Finds the credit clause that ends @s (spec 5) and fills @out. Returns the
 * offset of its label, or -1. At most one position can qualify: a later
 * label would follow a sentence end inside the earlier list. A clause
 * starts at most 160 characters of up to 4 bytes, the longest label, its
 * colon and space before the end.
 */
static inline long find_credit_clause(const char *s, size_t len, credit_clause *out)
{
    size_t tail = CREDIT_MAX_CHARS * 4 + 16;
    size_t from = len > tail ? len - tail : 0;
    for (const char *c = memchr(s + from, ':', len - from); c;
         c = memchr(c + 1, ':', len - (size_t)(c + 1 - s))) {
        size_t colon = (size_t)(c - s), ws = colon;
        while (ws > 0 && is_ascii_letter(s[ws - 1]))
            ws--;
        if (!is_credit_label(s + ws, colon - ws))
            continue;
        if (ws > 0 && !(s[ws - 1] == ' ' && ends_sentence(s, ws - 1)))
            continue;
        /* "Foto:NTB" is as clear as "Foto: NTB": the space is optional. */
        size_t list = colon + 1 + (colon + 1 < len && s[colon + 1] == ' ');
        if (!credit_list_ok(s + list, len - list))
            continue;
        out->label = folio_str_n(s + ws, colon - ws);
        out->credit = folio_str_n(s + list, len - list);
        out->count = split_credit(s + list, len - list, out->parts, out->max);
        return (long)ws;
    }
    return -1;
}

/*
 * An agency tag alone (spec 4.1): "(NTB)", "©NTB" or "© NTB". Returns true
 * with the agency's name at *@name.
 */
static inline bool find_agency_tag(const char *s, size_t len, folio_str *name)
{
    size_t at;
    if (len > 2 && s[0] == '(' && s[len - 1] == ')')
        at = 1;
    else if (len > 2 && memcmp(s, "\xC2\xA9", 2) == 0)
        at = len > 3 && s[2] == ' ' ? 3 : 2;
    else
        return false;
    size_t inner = len - at - (at == 1);
    if (caps_run(s + at, inner) != inner)
        return false;
    *name = folio_str_n(s + at, inner);
    return true;
}

#endif
