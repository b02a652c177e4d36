/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "pdf.h"

/*
 * The type scale. Everything derives from the body size s and its leading
 * L (the grid): the title is set large and tight in the display cut, the
 * lead a step up from the body, headings in the sans at body size so that
 * they sit on the grid, captions and tables a step down in the sans.
 */

static void style(pdf_ctx *c, pdf_style *st, const char *family, double size, double leading,
                  PangoWeight weight, PangoStyle slant)
{
    memset(st, 0, sizeof *st);
    st->font = pango_font_description_new();
    pango_font_description_set_family(st->font, family);
    pango_font_description_set_weight(st->font, weight);
    pango_font_description_set_style(st->font, slant);
    pango_font_description_set_absolute_size(st->font, PDF_REF_SIZE * PANGO_SCALE);
    st->size = size;
    st->scale = size / PDF_REF_SIZE;
    st->leading = leading;
    st->align = PDF_LEFT;
    st->hyphenate = c->cfg.hyphenate;
}

static void text_styles(pdf_ctx *c, pdf_styles *st, double s, double L)
{
    const char *serif = c->cfg.serif, *sans = c->cfg.sans;
    style(c, &st->body, serif, s, L, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
    st->body.align = PDF_JUSTIFY;
    st->body.indent = s * 1.1;
    style(c, &st->body_first, serif, s, L, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
    st->body_first.align = PDF_JUSTIFY;
    style(c, &st->quote, serif, s, L, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC);
    st->quote.align = PDF_JUSTIFY;
    st->quote.before = st->quote.after = L * 0.5;
    style(c, &st->list, serif, s, L, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
    st->list.align = PDF_JUSTIFY;
    style(c, &st->h1, sans, s * 1.25, L * 1.25, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL);
    st->h1.before = L * 1.5;
    st->h1.hyphenate = false;
    /* 2 grid lines in all: a line and a quarter for the heading, the rest above it. */
    style(c, &st->h2, sans, s * 1.02, L * 1.3, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL);
    st->h2.before = L * 0.55;
    st->h2.after = L * 0.15;
    st->h2.hyphenate = false;
    style(c, &st->h3, sans, s * 0.92, L, PANGO_WEIGHT_BOLD, PANGO_STYLE_ITALIC);
    st->h3.before = L * 0.6;
    st->h3.hyphenate = false;
    style(c, &st->byline, sans, s * 0.82, L * 0.85, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL);
    st->byline.before = L * 0.5;
    style(c, &st->credit, sans, s * 0.76, L * 0.8, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
    st->credit.gray = 0.33;
    st->credit.before = L * 0.4;
}

static void small_styles(pdf_ctx *c, pdf_styles *st, double s, double L)
{
    const char *sans = c->cfg.sans;
    style(c, &st->caption, sans, s * 0.8, s * 1.02, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
    st->caption.before = L * 0.35;
    st->caption.after = L * 0.6;
    style(c, &st->cell, sans, s * 0.8, s * 1.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
    style(c, &st->cell_head, sans, s * 0.8, s * 1.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL);
    style(c, &st->cell_num, sans, s * 0.8, s * 1.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
    st->cell_num.align = PDF_RIGHT;
    style(c, &st->cell_head_num, sans, s * 0.8, s * 1.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL);
    st->cell_head_num.align = PDF_RIGHT;
    style(c, &st->table_title, sans, s * 0.9, L * 0.9, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL);
    style(c, &st->box_title, sans, s * 1.0, L, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL);
    st->box_title.hyphenate = false;
    style(c, &st->box_body, sans, s * 0.86, s * 1.14, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
    st->box_body.after = s * 0.35;
    style(c, &st->box_list, sans, s * 0.86, s * 1.14, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
    style(c, &st->header, sans, 7, 9, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
    st->header.gray = 0.3;
    st->header.hyphenate = false;
    style(c, &st->folio, sans, 8, 10, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
    st->folio.align = PDF_CENTER;
}

static void head_styles(pdf_ctx *c, pdf_styles *st, double s, double L)
{
    double t = c->cfg.columns > 1 ? s * 3.3 : s * 2.45;
    if (c->text_w < 120 * PDF_MM)
        t = s * 2.3;
    style(c, &st->title, c->cfg.display, t, t * 1.06, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL);
    st->title.hyphenate = false;
    style(c, &st->subtitle, c->cfg.serif, s * 1.45, s * 1.8, PANGO_WEIGHT_NORMAL,
          PANGO_STYLE_ITALIC);
    st->subtitle.before = s * 0.6;
    st->subtitle.hyphenate = false;
    double ls = c->cfg.columns > 1 ? s * 1.42 : s * 1.28;
    style(c, &st->lead, c->cfg.serif, ls, ls * 1.32, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
    st->lead.before = s * 1.4;
    style(c, &st->meta, c->cfg.sans, s * 0.74, L, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
    st->meta.gray = 0.3;
    st->meta.before = s * 0.9;
    st->meta.hyphenate = false;
}

/* Warns when fontconfig has no font of @st's family and pango substitutes another. */
static void check_family(pdf_ctx *c, const pdf_style *st)
{
    PangoFont *font = pango_context_load_font(c->text.pango, st->font);
    if (!font)
        return;
    PangoFontDescription *got = pango_font_describe(font);
    const char *want = pango_font_description_get_family(st->font);
    const char *family = pango_font_description_get_family(got);
    if (family && want && g_ascii_strcasecmp(family, want))
        folio_warn(c->opts, "pdf: no font '%s' is installed; '%s' stands in for it", want, family);
    pango_font_description_free(got);
    g_object_unref(font);
}

void pdf_styles_init(pdf_ctx *c)
{
    /* pango keeps fonts per language: one language for every lookup loads each face once. */
    if (c->lang)
        pango_context_set_language(c->text.pango, pango_language_from_string(c->lang));
    double s = c->cfg.size;
    double L = s * (c->cfg.columns > 1 ? 1.3 : 1.38);
    L = (double)(int)(L * 4 + 0.5) / 4; /* a round grid: 12.25 pt rather than 12.35 */
    c->L = L;
    text_styles(c, &c->st, s, L);
    small_styles(c, &c->st, s, L);
    head_styles(c, &c->st, s, L);
    check_family(c, &c->st.body);
    check_family(c, &c->st.caption);
    check_family(c, &c->st.title);
}

void pdf_styles_free(pdf_styles *st)
{
    pdf_style *all = (pdf_style *)st;
    for (size_t i = 0; i < sizeof *st / sizeof *all; i++)
        if (all[i].font)
            pango_font_description_free(all[i].font);
}
