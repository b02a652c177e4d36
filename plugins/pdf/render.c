/* SPDX-License-Identifier: MIT */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "pdf.h"

/*
 * What a thread keeps from one document to the next: its font map (a new
 * one costs fontconfig a sort of every installed font) and the hyphenation
 * patterns it has read (parsing a language's file is most of a short
 * article's time). One per thread and never shared, so `folio -j` threads
 * need no lock; what they cache does not change what a document looks
 * like. A thread's are released when it ends, the main thread's at exit.
 * The key is the plugin's one global, made once and never changed.
 */
typedef struct kept {
    PangoFontMap *fontmap;
    pdf_hyph_set *hyph;
} kept;

static pthread_key_t kept_key;
static pthread_once_t kept_once = PTHREAD_ONCE_INIT;
static atomic_bool kept_ready;

static void kept_free(void *p)
{
    kept *k = p;
    g_object_unref(k->fontmap);
    pdf_hyph_set_free(k->hyph);
    free(k);
}

static void kept_key_create(void)
{
    atomic_store(&kept_ready, pthread_key_create(&kept_key, kept_free) == 0);
}

/* exit() runs no key destructor for the thread that calls it. */
__attribute__((destructor)) static void kept_release(void)
{
    kept *k = atomic_load(&kept_ready) ? pthread_getspecific(kept_key) : NULL;
    if (k) {
        pthread_setspecific(kept_key, NULL);
        kept_free(k);
    }
}

/* This thread's, made on its first document; NULL when pango has no font map. */
static kept *kept_get(void)
{
    pthread_once(&kept_once, kept_key_create);
    kept *k = atomic_load(&kept_ready) ? pthread_getspecific(kept_key) : NULL;
    if (k)
        return k;
    PangoFontMap *fontmap = pango_cairo_font_map_new();
    if (!fontmap)
        return NULL;
    pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(fontmap), 72);
    k = malloc(sizeof *k);
    if (!k)
        folio_oom();
    *k = (kept){.fontmap = fontmap, .hyph = pdf_hyph_set_new()};
    if (!atomic_load(&kept_ready) || pthread_setspecific(kept_key, k) != 0) {
        kept_free(k); /* no key: a document of its own, as pdf_text_free() cannot tell */
        return NULL;
    }
    return k;
}

/*
 * Text reaches pango as plain text with an attribute list, never as
 * markup, so "<b>" and "&amp;" in an article print as they are. Each line
 * is shaped on its own from the text the breaker chose, with a real "-"
 * after it when it ends in a hyphenation point; justification widens (or
 * narrows) the space glyphs of that line alone.
 */

int pdf_text_init(pdf_text *t, folio_error *err)
{
    memset(t, 0, sizeof *t);
    kept *k = kept_get();
    if (!k)
        return folio_error_set(err, FOLIO_ERROR, "pango has no font map (is fontconfig set up?)");
    t->fontmap = k->fontmap;
    t->pango = pango_font_map_create_context(t->fontmap);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(t->pango, fo);
    cairo_font_options_destroy(fo);
    pango_context_set_round_glyph_positions(t->pango, FALSE);
    t->layout = pango_layout_new(t->pango);
    pango_layout_set_single_paragraph_mode(t->layout, TRUE);
    t->hyph = k->hyph;
    pdf_hyph_set_begin(t->hyph);
    return FOLIO_OK;
}

void pdf_text_free(pdf_text *t)
{
    if (t->layout)
        g_object_unref(t->layout);
    if (t->pango)
        g_object_unref(t->pango);
    memset(t, 0, sizeof *t); /* the font map and the patterns are the thread's (kept) */
}

/* Widths at PDF_REF_SIZE: a hyphen, and a space (between two n's, as it is set). */
static void measure_face(pdf_text *t, const pdf_style *st, const char *lang, int *hyphen,
                         int *space)
{
    int w = 0, w3 = 0;
    pdf_layout_set(t->layout, st, "-", 1, NULL, 0, 0, lang, false);
    pango_layout_get_size(t->layout, hyphen, NULL);
    pdf_layout_set(t->layout, st, "n n", 3, NULL, 0, 0, lang, false);
    pango_layout_get_size(t->layout, &w3, NULL);
    pdf_layout_set(t->layout, st, "nn", 2, NULL, 0, 0, lang, false);
    pango_layout_get_size(t->layout, &w, NULL);
    *space = w3 - w;
}

void pdf_style_widths(pdf_text *t, const pdf_style *st, const char *lang, int *hyphen, int *space)
{
    /* Every style's font is loaded at one size: styles of one face share the measures,
     * taken when a face is first used, so that faces a document never shows cost nothing. */
    size_t i = 0;
    while (i < t->nfaces && !pango_font_description_equal(t->faces[i].font, st->font))
        i++;
    if (i == t->nfaces) {
        if (i == sizeof t->faces / sizeof *t->faces)
            i = 0; /* more faces than styles use: measure again */
        else
            t->nfaces++;
        t->faces[i].font = st->font;
        measure_face(t, st, lang, &t->faces[i].hyphen, &t->faces[i].space);
    }
    if (hyphen)
        *hyphen = (int)(t->faces[i].hyphen * st->scale);
    if (space)
        *space = (int)(t->faces[i].space * st->scale);
}

void pdf_show_line(cairo_t *cr, PangoLayoutLine *line, const pdf_style *st, double x, double y)
{
    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_scale(cr, st->scale, st->scale);
    cairo_move_to(cr, 0, 0);
    pango_cairo_show_layout_line(cr, line);
    cairo_restore(cr);
}

double pdf_layout_width(PangoLayout *layout, const pdf_style *st)
{
    int w = 0;
    pango_layout_get_size(layout, &w, NULL);
    return w * st->scale / PANGO_SCALE;
}

static void insert(PangoAttrList *list, PangoAttribute *a, guint start, guint end)
{
    a->start_index = start;
    a->end_index = end;
    pango_attr_list_insert(list, a);
}

static void span_attrs(PangoAttrList *list, const pdf_span *sp, guint a, guint b)
{
    if (sp->flags & PDF_SPAN_EM)
        insert(list, pango_attr_style_new(PANGO_STYLE_ITALIC), a, b);
    if (sp->flags & PDF_SPAN_STRONG)
        insert(list, pango_attr_weight_new(PANGO_WEIGHT_BOLD), a, b);
    if (sp->flags & PDF_SPAN_SMALL) {
        insert(list, pango_attr_size_new_absolute((int)(PDF_REF_SIZE * 0.84 * PANGO_SCALE)), a, b);
        insert(list, pango_attr_foreground_new(0x5400, 0x5400, 0x5400), a, b);
    }
    if (sp->flags & PDF_SPAN_CAPS)
        insert(list, pango_attr_letter_spacing_new((int)(PDF_REF_SIZE * 0.04 * PANGO_SCALE)), a, b);
}

void pdf_layout_set(PangoLayout *layout, const pdf_style *st, const char *s, size_t len,
                    const pdf_span *spans, size_t nspans, uint32_t base, const char *lang,
                    bool hyphen)
{
    PangoAttrList *list = pango_attr_list_new();
    guint all = (guint)len + (hyphen ? 1 : 0);
    if (lang)
        insert(list, pango_attr_language_new(pango_language_from_string(lang)), 0, all);
    insert(list, pango_attr_insert_hyphens_new(FALSE), 0, all);
    if (st->gray > 0) {
        guint16 g = (guint16)(st->gray * 65535);
        insert(list, pango_attr_foreground_new(g, g, g), 0, all);
    }
    for (size_t i = 0; i < nspans; i++) {
        const pdf_span *sp = &spans[i];
        if (sp->end <= base || sp->start >= base + len || !sp->flags)
            continue;
        guint a = sp->start > base ? sp->start - base : 0;
        guint b = sp->end - base >= len ? all : sp->end - base;
        span_attrs(list, sp, a, b);
    }
    pango_layout_set_font_description(layout, st->font);
    if (hyphen) {
        char buf[512];
        char *tmp = len < sizeof buf - 1 ? buf : g_malloc(len + 2);
        memcpy(tmp, s, len);
        tmp[len] = '-';
        pango_layout_set_text(layout, tmp, (int)len + 1);
        if (tmp != buf)
            g_free(tmp);
    } else {
        pango_layout_set_text(layout, s, (int)len);
    }
    pango_layout_set_attributes(layout, list);
    pango_attr_list_unref(list);
}

/*
 * Widens the space glyphs of @line by @space pango units each and every
 * other glyph with a width by @letter; returns how many spaces there were.
 * Combining marks (no width) keep their place on their base.
 */
static int adjust(PangoLayoutLine *line, const char *text, int space, int letter, int *letters)
{
    int count = 0, others = 0;
    for (GSList *r = line->runs; r; r = r->next) {
        PangoGlyphItem *gi = r->data;
        PangoGlyphString *gs = gi->glyphs;
        for (int g = 0; g < gs->num_glyphs; g++) {
            PangoGlyphInfo *info = &gs->glyphs[g];
            if (text[gi->item->offset + gs->log_clusters[g]] == ' ') {
                info->geometry.width += space;
                count++;
            } else if (info->geometry.width > 0 && info->attr.is_cluster_start) {
                info->geometry.width += letter;
                others++;
            }
        }
    }
    if (letters)
        *letters = others;
    return count;
}

/*
 * Justifies @line to @target: the spaces take the difference, and when
 * they would have to more than double, the letters share what is beyond
 * that, up to 1.5% of the size each, so that a loose line shows no holes.
 */
static void justify(PangoLayoutLine *line, const char *text, const pdf_style *st, int space_w,
                    int natural, int target)
{
    int letters = 0;
    int spaces = adjust(line, text, 0, 0, &letters);
    if (!spaces)
        return;
    int excess = target - natural, letter = 0;
    int room = (int)(spaces * space_w / st->scale);
    if (excess > room && letters > 1) {
        letter = (excess - room) / letters;
        int cap = (int)(PDF_REF_SIZE * 0.015 * PANGO_SCALE);
        letter = letter < cap ? letter : cap;
        excess -= letter * letters;
    }
    adjust(line, text, excess / spaces, letter, NULL);
}

void pdf_attr_quote(folio_buf *out, const char *s, size_t len)
{
    folio_buf_putc(out, '\'');
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\'' || s[i] == '\\')
            folio_buf_putc(out, '\\');
        folio_buf_putc(out, s[i]);
    }
    folio_buf_putc(out, '\'');
}

static void draw_links(cairo_t *cr, const pdf_para *p, const pdf_line *ln, PangoLayoutLine *line,
                       double x, double y)
{
    folio_buf attr = {0};
    for (size_t i = 0; i < p->nspans; i++) {
        const pdf_span *sp = &p->spans[i];
        if (sp->link < 0 || sp->end <= ln->start || sp->start >= ln->end)
            continue;
        int a = (int)((sp->start > ln->start ? sp->start : ln->start) - ln->start);
        int b = (int)((sp->end < ln->end ? sp->end : ln->end) - ln->start);
        int xa = 0, xb = 0;
        pango_layout_line_index_to_x(line, a, FALSE, &xa);
        pango_layout_line_index_to_x(line, b, FALSE, &xb);
        if (xb < xa) {
            int tmp = xa;
            xa = xb, xb = tmp;
        }
        folio_str href = p->links[sp->link];
        folio_buf_reset(&attr);
        folio_buf_puts(&attr, "uri=");
        pdf_attr_quote(&attr, href.data, href.len);
        double size = p->style->size, k = p->style->scale / PANGO_SCALE;
        folio_buf_printf(&attr, " rect=[%.2f %.2f %.2f %.2f]", x + xa * k, y - size, (xb - xa) * k,
                         size * 1.25);
        cairo_tag_begin(cr, CAIRO_TAG_LINK, attr.data);
        cairo_tag_end(cr, CAIRO_TAG_LINK);
    }
    folio_buf_free(&attr);
}

void pdf_line_draw(pdf_text *t, cairo_t *cr, const pdf_para *p, const pdf_line *ln, double x,
                   double y, double w)
{
    const char *s = p->text.data + ln->start;
    size_t len = ln->end - ln->start;
    int space_w = 0;
    if (ln->justify) /* before the layout is set: measuring a new face uses it */
        pdf_style_widths(t, p->style, p->lang, NULL, &space_w);
    pdf_layout_set(t->layout, p->style, s, len, p->spans, p->nspans, ln->start, p->lang,
                   ln->hyphen);
    PangoLayoutLine *line = pango_layout_get_line(t->layout, 0);
    if (!line)
        return;
    PangoRectangle logical;
    pango_layout_line_get_extents(line, NULL, &logical);
    int target = (int)(w / p->style->scale * PANGO_SCALE); /* in the layout's units */
    double off = 0;
    if (ln->justify) {
        justify(line, pango_layout_get_text(t->layout), p->style, space_w, logical.width, target);
    } else {
        double slack = (target - logical.width) * p->style->scale / PANGO_SCALE;
        pdf_align al = p->style->align;
        if (al == PDF_CENTER)
            off = slack / 2;
        else if (al == PDF_RIGHT || (p->rtl && al != PDF_CENTER))
            off = slack;
    }
    pdf_show_line(cr, line, p->style, x + off, y);
    if (p->nlinks)
        draw_links(cr, p, ln, line, x + off, y);
}
