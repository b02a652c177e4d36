/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include <folio/iter.h>
#include <hb-ot.h>

#include "pdf.h"

/*
 * A paragraph's text is collected from its inlines, cleaned for setting
 * (white space and control characters collapse to one space, soft hyphens
 * become break points and leave the text), then measured by pango in one
 * single-line layout per chunk and broken by pdf_break_lines().
 */

/* Pango shapes at most this many bytes at once: its cost stays linear. */
#define CHUNK 8192
/* A run this long with no break point gets emergency breaks between graphemes. */
#define LONG_RUN 24
/* Character flag used while measuring only: a grapheme boundary. */
#define CURSOR 128

void pdf_para_init(pdf_para *p, const pdf_style *st, const char *lang)
{
    memset(p, 0, sizeof *p);
    p->style = st;
    p->lang = lang;
}

void pdf_para_free(pdf_para *p)
{
    if (!p)
        return;
    folio_buf_free(&p->text);
    free(p->spans);
    free(p->links);
    free(p->soft);
    free(p->forced);
    free(p->lines);
}

static void span_add(pdf_para *p, uint32_t start, uint32_t end, unsigned flags, int link)
{
    if (start == end)
        return;
    if (p->nspans) {
        pdf_span *last = &p->spans[p->nspans - 1];
        if (last->end == start && last->flags == flags && last->link == link) {
            last->end = end;
            return;
        }
    }
    p->spans = pdf_grow(p->spans, &p->cap_spans, p->nspans + 1, sizeof *p->spans, 8);
    p->spans[p->nspans++] = (pdf_span){start, end, flags, link};
}

/* White space and controls that collapse; U+00A0 and other fixed spaces stay. */
static bool collapses(gunichar c)
{
    return c <= 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
}

void pdf_para_add(pdf_para *p, const char *s, size_t len, unsigned flags, int link)
{
    if (!s || !len) /* an absent view: no arithmetic on its NULL */
        return;
    const char *end = s + len;
    uint32_t start = (uint32_t)p->text.len;
    while (s < end) {
        gunichar c = g_utf8_get_char_validated(s, end - s);
        size_t n = 1;
        if (c == (gunichar)-1 || c == (gunichar)-2)
            c = 0xfffd; /* the model holds valid UTF-8; never trust it blindly */
        else
            n = (size_t)(g_utf8_next_char(s) - s);
        if (c == 0xad) {
            p->soft = pdf_grow(p->soft, &p->cap_soft, p->nsoft + 1, sizeof *p->soft, 8);
            p->soft[p->nsoft++] = (uint32_t)p->text.len;
        } else if (collapses(c)) {
            p->pending_space = p->text.len > 0;
        } else {
            if (p->pending_space)
                folio_buf_putc(&p->text, ' ');
            p->pending_space = false;
            if (c == 0xfffd && n == 1)
                folio_buf_append(&p->text, "\xef\xbf\xbd", 3);
            else
                folio_buf_append(&p->text, s, n);
        }
        s += n;
    }
    span_add(p, start, (uint32_t)p->text.len, flags, link);
}

void pdf_para_break(pdf_para *p)
{
    p->pending_space = false;
    if (!p->text.len)
        return;
    p->forced = pdf_grow(p->forced, &p->cap_forced, p->nforced + 1, sizeof *p->forced, 8);
    p->forced[p->nforced++] = (uint32_t)p->text.len;
}

static int add_link(pdf_para *p, folio_str href)
{
    if (!href.data || !href.len)
        return -1;
    p->links = pdf_grow(p->links, &p->cap_links, p->nlinks + 1, sizeof *p->links, 8);
    p->links[p->nlinks] = href;
    return (int)p->nlinks++;
}

void pdf_para_add_inlines(pdf_para *p, const folio_node *block, unsigned flags)
{
    unsigned fl[FOLIO_MAX_DEPTH + 2];
    int ln[FOLIO_MAX_DEPTH + 2];
    unsigned base = folio_node_depth(block), depth = 0;
    fl[0] = flags;
    ln[0] = -1;
    folio_iter *it = folio_iter_new(block);
    folio_event ev;
    while ((ev = folio_iter_next(it)) != FOLIO_EVENT_DONE) {
        const folio_node *n = folio_iter_node(it);
        depth = folio_node_depth(n) - base;
        if (n == block || depth > FOLIO_MAX_DEPTH || ev == FOLIO_EVENT_EXIT)
            continue;
        unsigned f = fl[depth - 1];
        int link = ln[depth - 1];
        switch (folio_node_kind_of(n)) {
        case FOLIO_NODE_TEXT: {
            folio_str s = folio_node_text(n);
            pdf_para_add(p, s.data, s.len, f, link);
            break;
        }
        case FOLIO_NODE_BREAK:
            pdf_para_break(p);
            break;
        case FOLIO_NODE_EMPHASIS:
            f |= PDF_SPAN_EM;
            break;
        case FOLIO_NODE_STRONG:
            f |= PDF_SPAN_STRONG;
            break;
        case FOLIO_NODE_LINK:
            link = add_link(p, folio_node_href(n));
            if (link >= 0)
                f |= PDF_SPAN_LINK;
            break;
        default:
            break;
        }
        fl[depth] = f;
        ln[depth] = link;
    }
    folio_iter_free(it);
}

/* The direction of the first strong letter (pango_find_base_dir() is deprecated). */
static bool base_rtl(const char *s, size_t len)
{
    if (!s) /* an empty block's text: s + len would be arithmetic on NULL */
        return false;
    for (const char *end = s + len; s < end; s = g_utf8_next_char(s)) {
        gunichar c = g_utf8_get_char(s);
        if (!g_unichar_isalpha(c))
            continue;
        switch (g_unichar_get_script(c)) {
        case G_UNICODE_SCRIPT_ARABIC:
        case G_UNICODE_SCRIPT_HEBREW:
        case G_UNICODE_SCRIPT_SYRIAC:
        case G_UNICODE_SCRIPT_THAANA:
        case G_UNICODE_SCRIPT_NKO:
            return true;
        default:
            return false;
        }
    }
    return false;
}

void pdf_para_finish(pdf_para *p)
{
    p->pending_space = false;
    while (p->nforced && p->forced[p->nforced - 1] >= p->text.len)
        p->nforced--;
    p->rtl = base_rtl(p->text.data, p->text.len);
}

/* Where to end the chunk that starts at @from: at a space near CHUNK bytes, else at a
 * character boundary. */
static size_t chunk_end(const pdf_para *p, size_t from)
{
    const char *s = p->text.data;
    size_t len = p->text.len;
    if (len - from <= CHUNK)
        return len;
    size_t e = from + CHUNK;
    for (size_t k = e; k > from + CHUNK / 2; k--)
        if (s[k] == ' ')
            return k + 1;
    while (e > from + 1 && ((unsigned char)s[e] & 0xc0) == 0x80)
        e--;
    return e;
}

/* Notes the first character pango found no font for: it shows as a box with its code. */
static void find_missing(pdf_text *t, const PangoGlyphItem *gi, const char *s)
{
    const PangoGlyphString *gs = gi->glyphs;
    for (int g = 0; g < gs->num_glyphs; g++) {
        if (!(gs->glyphs[g].glyph & PANGO_GLYPH_UNKNOWN_FLAG))
            continue;
        gunichar c = g_utf8_get_char(s + gi->item->offset + gs->log_clusters[g]);
        if (c > 0x20 && !g_unichar_iszerowidth(c)) {
            t->missing = c;
            return;
        }
    }
}

/* A colour font (emoji): cairo 1.16 draws its glyphs as pictures, with no text. */
static bool color_font(PangoFont *font)
{
    hb_font_t *hb = font ? pango_font_get_hb_font(font) : NULL;
    hb_face_t *face = hb ? hb_font_get_face(hb) : NULL;
    return face &&
           (hb_ot_color_has_png(face) || hb_ot_color_has_layers(face) || hb_ot_color_has_svg(face));
}

/* Measures text[from, to) with one layout and fills the arrays from character @c0. */
static size_t measure_chunk(pdf_text *t, const pdf_para *p, pdf_measure *m, size_t from, size_t to,
                            size_t c0)
{
    const char *s = p->text.data + from;
    pdf_layout_set(t->layout, p->style, s, to - from, p->spans, p->nspans, (uint32_t)from, p->lang,
                   false);
    size_t c = c0;
    for (const char *q = s; q < s + (to - from); q = g_utf8_next_char(q))
        m->offset[c++] = (uint32_t)(q - p->text.data);
    int nattrs = 0;
    const PangoLogAttr *la = pango_layout_get_log_attrs_readonly(t->layout, &nattrs);
    for (size_t k = c0; k < c && (int)(k - c0) < nattrs; k++) {
        const PangoLogAttr *a = &la[k - c0];
        unsigned char b = 0;
        if (a->is_line_break && k > c0)
            b |= PDF_BRK_OK;
        if (a->is_white)
            b |= PDF_BRK_WHITE;
        if (a->is_cursor_position)
            b |= CURSOR;
        if (p->text.data[m->offset[k]] == ' ')
            b |= PDF_BRK_STRETCH | PDF_BRK_WHITE;
        m->brk[k] = b;
    }
    /* A chunk ends at a space, or inside a run that gets emergency breaks. */
    if (c0 > 0 && (m->brk[c0 - 1] & PDF_BRK_WHITE))
        m->brk[c0] |= PDF_BRK_OK;
    PangoLayoutLine *line = pango_layout_get_line_readonly(t->layout, 0);
    int *w = NULL;
    size_t wcap = 0;
    for (GSList *r = line ? line->runs : NULL; r; r = r->next) {
        PangoGlyphItem *gi = r->data;
        size_t first = (size_t)g_utf8_pointer_to_offset(s, s + gi->item->offset);
        w = pdf_grow(w, &wcap, (size_t)gi->item->num_chars, sizeof *w, 8);
        pango_glyph_item_get_logical_widths(gi, s, w);
        if (!t->missing)
            find_missing(t, gi, s);
        if (!t->color_glyphs)
            t->color_glyphs = color_font(gi->item->analysis.font);
        for (int k = 0; k < gi->item->num_chars && c0 + first + (size_t)k < c; k++)
            m->width[c0 + first + (size_t)k] = (int32_t)(w[k] * p->style->scale);
    }
    free(w);
    return c;
}

static size_t char_at(const pdf_measure *m, uint32_t off)
{
    size_t lo = 0, hi = m->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (m->offset[mid] < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static bool all_upper(const uint32_t *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!g_unichar_isupper(w[i]))
            return false;
    return true;
}

/* Marks hyphenation points in the word of characters [a, b). */
static void hyphenate_word(const pdf_hyph *h, pdf_measure *m, const char *text, size_t a, size_t b)
{
    uint32_t orig[64], low[64];
    unsigned char odd[64] = {0};
    size_t n = b - a;
    if (n < 5 || n > 64)
        return;
    for (size_t i = 0; i < n; i++) {
        if (i && (m->brk[a + i] & PDF_BRK_OK))
            return; /* a script that breaks between letters */
        orig[i] = g_utf8_get_char(text + m->offset[a + i]);
        low[i] = g_unichar_tolower(orig[i]);
    }
    if (all_upper(orig, n))
        return; /* acronyms and kickers */
    pdf_hyph_word(h, low, n, odd);
    for (size_t i = 1; i < n; i++)
        if (odd[i] && (m->brk[a + i] & CURSOR))
            m->brk[a + i] |= PDF_BRK_OK | PDF_BRK_HYPHEN;
}

/* Adds the hyphenation points of every word; false when there are no patterns. */
static bool hyphenate(pdf_text *t, const pdf_para *p, pdf_measure *m)
{
    const pdf_hyph *h = pdf_hyph_get(t->hyph, p->lang);
    if (!h)
        return false;
    size_t start = 0;
    bool in_word = false;
    for (size_t i = 0; i <= m->n; i++) {
        bool letter = false;
        if (i < m->n) {
            gunichar c = g_utf8_get_char(p->text.data + m->offset[i]);
            letter = g_unichar_isalpha(c) || (in_word && g_unichar_ismark(c));
        }
        if (letter && !in_word)
            start = i;
        else if (!letter && in_word)
            hyphenate_word(h, m, p->text.data, start, i);
        in_word = letter;
    }
    return true;
}

/* Whether character @i of the text starts with the @len bytes @lit (the text may end sooner). */
static bool char_is(const pdf_para *p, const pdf_measure *m, size_t i, const char *lit, size_t len)
{
    return p->text.len - m->offset[i] >= len && !memcmp(p->text.data + m->offset[i], lit, len);
}

/* Break points the text itself marks, and emergency breaks in long unbreakable runs. */
static void mark_breaks(const pdf_para *p, pdf_measure *m)
{
    for (size_t i = 0; i < p->nsoft; i++) {
        size_t c = char_at(m, p->soft[i]);
        if (c > 0 && c < m->n && !(m->brk[c - 1] & PDF_BRK_WHITE) && (m->brk[c] & CURSOR))
            m->brk[c] |= PDF_BRK_OK | PDF_BRK_HYPHEN;
    }
    for (size_t i = 0; i < p->nforced; i++) {
        size_t c = char_at(m, p->forced[i]);
        if (c > 0 && c < m->n)
            m->brk[c] |= PDF_BRK_FORCED | PDF_BRK_OK;
    }
    /* Norwegian and Swedish set a spaced dash with the word before it. */
    for (size_t i = 1; i < m->n; i++)
        if ((m->brk[i - 1] & PDF_BRK_WHITE) && char_is(p, m, i, "\xe2\x80\x93 ", 4))
            m->brk[i] &= (unsigned char)~PDF_BRK_OK;
    for (size_t i = 1; i < m->n; i++)
        if ((m->brk[i] & PDF_BRK_OK) &&
            (char_is(p, m, i - 1, "-", 1) || char_is(p, m, i - 1, "\xe2\x80\x90", 3)))
            m->brk[i] |= PDF_BRK_DASH;
    size_t run = 0;
    for (size_t i = 0; i <= m->n; i++) {
        if (i == m->n || (m->brk[i] & (PDF_BRK_OK | PDF_BRK_WHITE))) {
            if (i - run >= LONG_RUN)
                for (size_t k = run + 1; k < i; k++)
                    if (m->brk[k] & CURSOR)
                        m->brk[k] |= PDF_BRK_EMERG;
            run = i;
        }
    }
}

void pdf_para_set(pdf_text *t, pdf_para *p, double width)
{
    free(p->lines);
    p->lines = NULL;
    p->nlines = 0;
    p->width = width;
    if (!p->text.len)
        return;
    size_t cap = (size_t)g_utf8_strlen(p->text.data, (gssize)p->text.len);
    pdf_measure m = {.n = cap};
    m.offset = malloc((cap + 1) * sizeof *m.offset);
    m.width = calloc(cap + 1, sizeof *m.width);
    m.brk = calloc(cap + 1, 1);
    if (!m.offset || !m.width || !m.brk)
        folio_oom();
    size_t c = 0;
    for (size_t from = 0; from < p->text.len;) {
        size_t to = chunk_end(p, from);
        c = measure_chunk(t, p, &m, from, to, c);
        from = to;
    }
    m.offset[m.n] = (uint32_t)p->text.len;
    mark_breaks(p, &m);
    double first = width - p->style->indent;
    int hyphen_w = 0;
    pdf_style_widths(t, p->style, p->lang, &hyphen_w, NULL);
    /* Ragged display type (titles, headings: not hyphenated) may be more ragged. */
    double rag = p->style->align == PDF_JUSTIFY ? 0 : p->style->hyphenate ? 0.12 : 0.3;
    /* As TeX does: hyphenate only a paragraph that sets badly without (a line whose
     * spaces stretch by more than half); fewer hyphens, and no patterns loaded for
     * text that needs none. */
    double worst = pdf_break_lines(p, &m, (int)(width * PANGO_SCALE), (int)(first * PANGO_SCALE),
                                   hyphen_w, rag);
    if (worst > 1 && p->style->hyphenate && hyphenate(t, p, &m))
        pdf_break_lines(p, &m, (int)(width * PANGO_SCALE), (int)(first * PANGO_SCALE), hyphen_w,
                        rag);
    free(m.offset);
    free(m.width);
    free(m.brk);
}

double pdf_para_natural(pdf_text *t, const pdf_para *p)
{
    if (!p->text.len)
        return 0;
    size_t len = p->text.len < CHUNK ? p->text.len : CHUNK;
    pdf_layout_set(t->layout, p->style, p->text.data, len, p->spans, p->nspans, 0, p->lang, false);
    return pdf_layout_width(t->layout, p->style);
}
