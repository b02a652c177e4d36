/* SPDX-License-Identifier: MIT */
#include "txt.h"

#include <string.h>

/* A credit clause starts at most this many bytes before the end of its block:
 * 160 characters of up to 4 bytes, the longest label, its colon and space. */
#define CLAUSE_TAIL (TXT_CREDIT_MAX * 4 + 16)

/* Code points lo, lo + step, ... up to hi. */
typedef struct urange {
    uint32_t lo, hi;
    uint8_t step;
} urange;

/* Upper-case letters (Unicode Lu) of the Latin, Greek, Cyrillic, Armenian and
 * Georgian scripts, and fullwidth Latin: the scripts with case that news is
 * written in. Caseless scripts have no kickers (spec 4.2). Kept as a table
 * so that the test is the same in every locale. */
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

/* Spec 5's labels, matched with the case written here. */
static const char *const labels[] = {
    "Foto",         "Fotos",       "Photo",      "Photos",  "Bilde",    "Bild",  "Illustrasjon",
    "Illustration", "Grafikk",     "Grafik",     "Graphic", "Graphics", "Video", "Kart",
    "Map",          "Skjermbilde", "Screenshot", "Kilde",   "Source",   NULL,
};

/* Spec 4.3's byline words, each with what must follow it. */
static const char *const byline_words[] = {"Av ", "By ", "Von ", "Af ", "Tekst: ", "Text: ", NULL};

static bool is_upper(uint32_t c)
{
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
static uint32_t prev_cp(const char *s, size_t e, size_t *start)
{
    size_t b = e - 1;
    while (b > 0 && ((unsigned char)s[b] & 0xC0) == 0x80 && e - b < 4)
        b--;
    *start = b;
    size_t i = b;
    return next_cp(s, e, &i);
}

static bool is_quote_mark(uint32_t c)
{
    return c == '"' || c == 0xBB || c == 0xAB || c == 0x201D || c == 0x201C || c == 0x2019;
}

/* Does s[0..e) end a sentence (spec 5): with '.', '!', '?' or a quotation mark? */
static bool ends_sentence(const char *s, size_t e)
{
    if (e == 0)
        return false;
    size_t b;
    uint32_t c = prev_cp(s, e, &b);
    return c == '.' || c == '!' || c == '?' || is_quote_mark(c);
}

/* An initial ("Ola A. Nordmann"): one upper-case letter, alone, then '.'.
 * Not a sentence end in credit lists and bylines, where names carry them. */
static bool ends_initial(const char *s, size_t e)
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
static size_t caps_run(const char *s, size_t len)
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

static bool is_ascii_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_label(const char *s, size_t len)
{
    for (const char *const *l = labels; *l; l++) {
        if (strlen(*l) == len && memcmp(*l, s, len) == 0)
            return true;
    }
    return false;
}

static const char *find(const char *s, size_t len, const char *needle, size_t n)
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

/* Splits a credit list into parts at " / ", else at ", " (spec 5). */
static void split_parts(const char *s, size_t len, txt_class *out)
{
    const char *sep = " / ";
    size_t seplen = 3;
    if (!find(s, len, sep, seplen)) {
        sep = ", ";
        seplen = 2;
    }
    out->count = 0;
    size_t at = 0;
    while (out->count < TXT_MAX_PARTS - 1) {
        const char *hit = find(s + at, len - at, sep, seplen);
        if (!hit)
            break;
        out->parts[out->count++] = folio_str_n(s + at, (size_t)(hit - (s + at)));
        at = (size_t)(hit - s) + seplen;
    }
    out->parts[out->count++] = folio_str_n(s + at, len - at);
}

/* A credit list (spec 5): 1 to 160 characters, no sentence end followed by
 * more words. */
static bool credit_list_ok(const char *s, size_t len)
{
    if (len == 0 || len > TXT_CREDIT_MAX * 4 || utf8_count(s, len) > TXT_CREDIT_MAX)
        return false;
    for (const char *sp = memchr(s, ' ', len); sp;
         sp = memchr(sp + 1, ' ', len - (size_t)(sp + 1 - s))) {
        size_t e = (size_t)(sp - s);
        if (ends_sentence(s, e) && !ends_initial(s, e))
            return false;
    }
    return true;
}

/* Finds the credit clause that ends @s (spec 5) and fills @out's label and
 * credit. Returns the offset of its label, or -1. At most one position can
 * qualify: a later label would follow a sentence end inside the earlier list. */
static long find_clause(const char *s, size_t len, txt_class *out)
{
    size_t from = len > CLAUSE_TAIL ? len - CLAUSE_TAIL : 0;
    for (const char *c = memchr(s + from, ':', len - from); c;
         c = memchr(c + 1, ':', len - (size_t)(c + 1 - s))) {
        size_t colon = (size_t)(c - s), ws = colon;
        while (ws > 0 && is_ascii_letter(s[ws - 1]))
            ws--;
        if (!is_label(s + ws, colon - ws))
            continue;
        if (ws > 0 && !(s[ws - 1] == ' ' && ends_sentence(s, ws - 1)))
            continue;
        /* "Foto:NTB" is as clear as "Foto: NTB": the space is optional. */
        size_t list = colon + 1 + (colon + 1 < len && s[colon + 1] == ' ');
        if (!credit_list_ok(s + list, len - list))
            continue;
        out->label = folio_str_n(s + ws, colon - ws);
        out->credit = folio_str_n(s + list, len - list);
        split_parts(s + list, len - list, out);
        return (long)ws;
    }
    return -1;
}

/* An agency tag alone (spec 4.1): "(NTB)", "©NTB" or "© NTB". */
static bool agency_tag(const char *s, size_t len, txt_class *out)
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
    out->kind = TXT_CREDIT;
    out->label = folio_str_n(NULL, 0);
    out->credit = folio_str_n(s, len);
    out->parts[0] = folio_str_n(s + at, inner);
    out->count = 1;
    return true;
}

/* Caption text before the clause, with its kicker kept apart (spec 4.2). */
static void set_caption(const char *s, size_t len, txt_class *out)
{
    out->kind = TXT_CAPTION;
    out->kicker = folio_str_n(NULL, 0);
    out->text = folio_str_n(s, len);
    size_t k = caps_run(s, len);
    if (k > 0 && k + 2 < len && s[k] == ':' && s[k + 1] == ' ') {
        out->kicker = folio_str_n(s, k);
        out->text = folio_str_n(s + k + 2, len - k - 2);
    }
}

/* Does this word end a sentence? Closing quotation marks after the stop
 * count; an initial does not (spec 4.3). */
static bool word_ends_sentence(const char *s, size_t e)
{
    size_t b;
    while (e > 0 && is_quote_mark(prev_cp(s, e, &b)))
        e = b;
    if (e == 0 || ends_initial(s, e))
        return false;
    char c = s[e - 1];
    return c == '.' || c == '!' || c == '?';
}

/* Spec 4.3: a byline word, then one to six words, none ending a sentence.
 * A byline word alone names no one, so it is not a byline. */
static bool is_byline(const char *s, size_t len)
{
    size_t at = 0;
    for (const char *const *w = byline_words; *w && !at; w++) {
        size_t n = strlen(*w);
        if (len > n && memcmp(s, *w, n) == 0)
            at = n;
    }
    if (!at)
        return false;
    size_t words = 0;
    while (at < len) {
        const char *sp = memchr(s + at, ' ', len - at);
        size_t e = sp ? (size_t)(sp - s) : len;
        if (++words > 6 || word_ends_sentence(s, e))
            return false;
        at = e + 1;
    }
    return words > 0;
}

static bool starts_with_dash(const char *s, size_t len)
{
    size_t i = 0;
    uint32_t c = next_cp(s, len, &i);
    return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212;
}

/* Spec 4.4, apart from "not the last block", which the caller knows. */
static bool is_headline(const char *s, size_t len)
{
    if (len == 0 || len > 400 || starts_with_dash(s, len))
        return false;
    size_t b;
    uint32_t c = prev_cp(s, len, &b);
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == 0x2026 || is_quote_mark(c))
        return false;
    size_t words = 1;
    for (const char *sp = memchr(s, ' ', len); sp;
         sp = memchr(sp + 1, ' ', len - (size_t)(sp + 1 - s)))
        words++;
    return words <= 12 && utf8_count(s, len) <= 100;
}

bool txt_headline_but_last(const char *s, size_t len)
{
    txt_class c;
    txt_classify(s, len, true, false, &c);
    return c.kind == TXT_HEADLINE;
}

void txt_classify(const char *s, size_t len, bool one_line, bool last, txt_class *out)
{
    out->kind = TXT_PARAGRAPH;
    if (agency_tag(s, len, out))
        return;
    long at = find_clause(s, len, out);
    if (at == 0) {
        out->kind = TXT_CREDIT;
        return;
    }
    if (at > 0) {
        set_caption(s, (size_t)at - 1, out);
        return;
    }
    if (one_line && is_byline(s, len))
        out->kind = TXT_BYLINE;
    else if (one_line && !last && is_headline(s, len))
        out->kind = TXT_HEADLINE;
}

bool txt_is_quote(const char *s, size_t len)
{
    return (len > 1 && s[0] == '-' && s[1] == ' ') ||
           (len > 3 && (memcmp(s, "\xE2\x80\x93 ", 4) == 0 || memcmp(s, "\xE2\x80\x94 ", 4) == 0));
}

/* Reads @n digits at *@p as a number in [@lo, @hi]. */
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

static bool iso_zone(const char *p, const char *end)
{
    if (p == end)
        return true;
    if (*p == 'Z')
        return p + 1 == end;
    if (*p != '+' && *p != '-')
        return false;
    p++;
    if (!digits(&p, end, 2, 0, 14))
        return false;
    if (p == end)
        return true;
    if (*p == ':')
        p++;
    return digits(&p, end, 2, 0, 59) && p == end;
}

/* hh[:mm[:ss[.fff]]] then an optional zone. */
static bool iso_time(const char *p, const char *end)
{
    if (!digits(&p, end, 2, 0, 24))
        return false;
    for (int i = 0; i < 2 && p < end && *p == ':'; i++) {
        p++;
        if (!digits(&p, end, 2, 0, i ? 60 : 59))
            return false;
    }
    if (p < end && (*p == '.' || *p == ',')) {
        const char *f = ++p;
        while (p < end && *p >= '0' && *p <= '9')
            p++;
        if (p == f)
            return false;
    }
    return iso_zone(p, end);
}

/* Spec 3: YYYY, YYYY-MM, YYYY-MM-DD, or a date then 'T' and a time. */
bool txt_is_iso_date(const char *s, size_t len)
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
    return *p == 'T' && iso_time(p + 1, end);
}

const txt_field txt_fields[TXT_KEY_COUNT] = {
    [TXT_KEY_DATE] = {"date", FOLIO_META_DATE},
    [TXT_KEY_TITLE] = {"title", FOLIO_META_TITLE},
    [TXT_KEY_SUBTITLE] = {"subtitle", FOLIO_META_SUBTITLE},
    [TXT_KEY_BYLINE] = {"byline", FOLIO_META_COUNT},
    [TXT_KEY_LANG] = {"lang", FOLIO_META_LANG},
    [TXT_KEY_SOURCE] = {"source", FOLIO_META_SOURCE},
    [TXT_KEY_RIGHTS] = {"rights", FOLIO_META_RIGHTS},
    [TXT_KEY_ID] = {"id", FOLIO_META_ID},
};

txt_key txt_key_lookup(const char *s, size_t len)
{
    for (txt_key k = TXT_KEY_DATE; k < TXT_KEY_COUNT; k++) {
        const char *name = txt_fields[k].name;
        if (strlen(name) == len && memcmp(name, s, len) == 0)
            return k;
    }
    return TXT_KEY_NONE;
}

bool txt_flow_headline(txt_flow *f)
{
    bool title = !f->have_title && !f->seen_paragraph;
    f->have_title |= title;
    return title;
}

folio_role txt_flow_paragraph(txt_flow *f, const char *s, size_t len)
{
    f->seen_paragraph = true;
    if (txt_is_quote(s, len))
        return FOLIO_ROLE_QUOTE;
    if (f->seen_lead)
        return FOLIO_ROLE_BODY;
    f->seen_lead = true;
    return FOLIO_ROLE_LEAD;
}
