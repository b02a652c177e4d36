/* SPDX-License-Identifier: MIT */
#include "txt.h"

#include "../common/letters.h"

#include <string.h>

/* Spec 4.3's byline words, each with what must follow it. */
static const char *const byline_words[] = {"Av ", "By ", "Von ", "Af ", "Tekst: ", "Text: ", NULL};

/* Finds the credit clause that ends @s (spec 5) into @out: the offset of
 * its label, or -1. */
static long find_clause(const char *s, size_t len, txt_class *out)
{
    credit_clause clause = {.parts = out->parts, .max = TXT_MAX_PARTS};
    long at = find_credit_clause(s, len, &clause);
    if (at >= 0) {
        out->label = clause.label;
        out->credit = clause.credit;
        out->count = clause.count;
    }
    return at;
}

/* An agency tag alone (spec 4.1): "(NTB)", "©NTB" or "© NTB". */
static bool agency_tag(const char *s, size_t len, txt_class *out)
{
    if (!find_agency_tag(s, len, &out->parts[0]))
        return false;
    out->kind = TXT_CREDIT;
    out->label = folio_str_n(NULL, 0);
    out->credit = folio_str_n(s, len);
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
