/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf.h"

/*
 * The pager: fills columns from a flow, keeping every keep (no widows,
 * orphans or lonely headings), balances the columns of an article's last
 * page, and draws the items with their structure tags, bookmarks, running
 * header, page number and crop marks. An element cut by a column break is
 * closed at the foot of the column and opened again at the head of the next,
 * so that the running header and page number, drawn between, stay outside
 * every element.
 */

/* How many items from @from fit a column @h high; *used is the height they take. With
 * @force, at least one: a keep taller than the column is cut where the column is full. */
static size_t fill_some(const pdf_ctx *c, const pdf_flow *f, size_t from, double h, double *used,
                        bool force)
{
    double y = 0, ok_y = 0;
    size_t ok = from, k = from;
    for (; k < f->n; k++) {
        const pdf_item *it = &f->items[k];
        double b = k == from ? fmod(it->before, c->L) : it->before;
        if (y + b + it->height > h + 0.01)
            break;
        y += b + it->height + it->after;
        if (!it->keep || k + 1 == f->n)
            ok = k + 1, ok_y = y;
    }
    if (ok == from && force) {
        ok = k > from ? k : from + 1;
        ok_y = h;
    }
    if (used)
        *used = ok_y;
    return ok;
}

static size_t fill(const pdf_ctx *c, const pdf_flow *f, size_t from, double h, double *used)
{
    return fill_some(c, f, from, h, used, true);
}

/* Moves items [a, b) after items [b, e). */
static void rotate(pdf_item *items, size_t a, size_t b, size_t e)
{
    size_t n = b - a;
    pdf_item *tmp = malloc(n * sizeof *tmp);
    if (!tmp)
        folio_oom();
    memcpy(tmp, items + a, n * sizeof *tmp);
    memmove(items + a, items + b, (e - b) * sizeof *tmp);
    memcpy(items + a + (e - b), tmp, n * sizeof *tmp);
    free(tmp);
}

/*
 * A figure that does not fit what is left of a column floats: the text after
 * it fills the column, and the figure opens the next one. Returns the end of
 * the column's items.
 */
static size_t float_figure(const pdf_ctx *c, pdf_flow *f, size_t from, size_t to, double h)
{
    double used = 0;
    fill(c, f, from, h, &used);
    const pdf_item *it = to < f->n ? &f->items[to] : NULL;
    if (!it || to == from || !it->group_opens || strcmp(it->group, "Figure") || h - used < 2 * c->L)
        return to;
    size_t end = to;
    while (end < f->n && !f->items[end].group_closes)
        end++;
    if (++end >= f->n)
        return to;
    size_t more = fill_some(c, f, end, h - used, NULL, false);
    if (more == end || f->items[end].group_opens)
        return to;
    rotate(f->items, to, end, more);
    return fill(c, f, from, h, NULL);
}

static bool fits(const pdf_ctx *c, const pdf_flow *f, size_t from, unsigned cols, double h)
{
    for (unsigned k = 0; k < cols && from < f->n; k++)
        from = fill(c, f, from, h, NULL);
    return from >= f->n;
}

/* The least column height, in whole lines, that holds the rest of the flow in @cols. */
static double balance(const pdf_ctx *c, const pdf_flow *f, size_t from, unsigned cols, double h)
{
    if (cols < 2 || !fits(c, f, from, cols, h))
        return h;
    int lo = 1, hi = (int)(h / c->L);
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (fits(c, f, from, cols, mid * c->L + 0.02))
            hi = mid;
        else
            lo = mid + 1;
    }
    double b = hi * c->L + 0.02;
    return b < h ? b : h;
}

static void set_gray(cairo_t *cr, double g)
{
    cairo_set_source_rgb(cr, g, g, g);
}

static void bookmark(pdf_ctx *c, const pdf_item *it, double x, double y)
{
    char name[32];
    snprintf(name, sizeof name, "folio-%d", ++c->dests);
    folio_buf a = {0};
    folio_buf_printf(&a, "name='%s' x=%.2f y=%.2f", name, x, y);
    cairo_tag_begin(c->cr, CAIRO_TAG_DEST, a.data);
    cairo_tag_end(c->cr, CAIRO_TAG_DEST);
    folio_buf_reset(&a);
    folio_buf_printf(&a, "dest='%s'", name);
    const folio_buf *t = &it->para->text;
    char label[256];
    size_t n = t->len < sizeof label - 1 ? t->len : sizeof label - 1;
    while (n && ((unsigned char)t->data[n] & 0xc0) == 0x80 && n < t->len)
        n--; /* whole characters only */
    memcpy(label, t->data, n);
    label[n] = '\0';
    int parent = CAIRO_PDF_OUTLINE_ROOT;
    if (it->outline == 2 && c->outline_article)
        parent = c->outline_article;
    else if (it->outline == 3)
        parent = c->outline_heading ? c->outline_heading : c->outline_article;
    int id = cairo_pdf_surface_add_outline(c->surface, parent, label, a.data,
                                           it->outline == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
    if (it->outline == 1)
        c->outline_article = id, c->outline_heading = 0;
    else if (it->outline == 2)
        c->outline_heading = id;
    folio_buf_free(&a);
}

static void draw_marker(pdf_ctx *c, const pdf_para *p, double x, double y)
{
    PangoLayout *l = c->furniture;
    pdf_layout_set(l, p->style, p->marker, strlen(p->marker), NULL, 0, 0, c->lang, false);
    pango_layout_set_width(l, -1);
    double w = pdf_layout_width(l, p->style);
    PangoLayoutLine *line = pango_layout_get_line_readonly(l, 0);
    pdf_show_line(c->cr, line, p->style, x - w - p->style->size * 0.45, y);
}

static void draw_line(pdf_ctx *c, const pdf_item *it, double x, double y)
{
    const pdf_para *p = it->para;
    const pdf_line *ln = &p->lines[it->line];
    double lx = x + it->x, lw = it->w, base = y + it->ascent;
    if (ln->first && p->style->indent > 0) {
        lw -= p->style->indent;
        if (!p->rtl)
            lx += p->style->indent;
    }
    if (it->outline)
        bookmark(c, it, lx, y);
    set_gray(c->cr, p->style->gray);
    if (ln->first && p->marker[0])
        draw_marker(c, p, lx, base);
    pdf_line_draw(&c->text, c->cr, p, ln, lx, base, lw);
}

static void draw_row(pdf_ctx *c, const pdf_item *it, double x, double y)
{
    const pdf_row *row = it->row;
    cairo_t *cr = c->cr;
    for (size_t k = 0; k < row->ncells; k++) {
        const pdf_para *p = &row->cells[k];
        set_gray(cr, p->style->gray);
        double base = y + row->pad + p->style->leading / 2 + p->style->size * 0.3;
        for (size_t i = 0; i < p->nlines; i++, base += p->style->leading)
            pdf_line_draw(&c->text, cr, p, &p->lines[i], x + row->x[k], base, p->width);
    }
    set_gray(cr, row->header || row->last ? 0 : 0.6);
    double weight = row->header || row->last ? 0.6 : 0.3;
    cairo_rectangle(cr, x + it->x, y + it->height - weight / 2, it->w, weight);
    if (row->header)
        cairo_rectangle(cr, x + it->x, y - 0.3, it->w, 0.6);
    cairo_fill(cr);
}

static void draw_item(pdf_ctx *c, const pdf_item *it, double x, double y)
{
    cairo_t *cr = c->cr;
    switch (it->kind) {
    case PDF_ITEM_LINE:
        draw_line(c, it, x, y);
        break;
    case PDF_ITEM_RULE:
        set_gray(cr, 0);
        cairo_rectangle(cr, x + it->x, y, it->w, it->height);
        cairo_fill(cr);
        break;
    case PDF_ITEM_IMAGE: {
        double iw = cairo_image_surface_get_width(it->image);
        double ih = cairo_image_surface_get_height(it->image);
        cairo_save(cr);
        cairo_translate(cr, x + it->x, y);
        cairo_scale(cr, it->w / iw, it->height / ih);
        cairo_set_source_surface(cr, it->image, 0, 0);
        cairo_rectangle(cr, 0, 0, iw, ih);
        cairo_fill(cr);
        cairo_restore(cr);
        break;
    }
    case PDF_ITEM_ROW:
        draw_row(c, it, x, y);
        break;
    }
}

static void draw_tint(pdf_ctx *c, const pdf_item *it, double x, double y, double b, double w)
{
    double above = it->tint_above < b ? it->tint_above : b;
    cairo_set_source_rgb(c->cr, 0.925, 0.918, 0.894);
    cairo_rectangle(c->cr, x, y - above, w, above + it->height + it->tint_below);
    cairo_fill(c->cr);
}

/* Draws items [from, to) as a column whose top left corner is (@x, @y), @w wide. */
static void draw_column(pdf_ctx *c, const pdf_flow *f, size_t from, size_t to, double x, double y,
                        double w)
{
    for (size_t k = from; k < to; k++) {
        const pdf_item *it = &f->items[k];
        double b = k == from ? fmod(it->before, c->L) : it->before;
        y += b;
        if (it->tint)
            draw_tint(c, it, x, y, b, w);
        if (it->group && (it->group_opens || k == from))
            cairo_tag_begin(c->cr, it->group, NULL);
        if (it->tag && (it->opens || k == from))
            cairo_tag_begin(c->cr, it->tag, NULL);
        draw_item(c, it, x, y);
        if (it->tag && (it->closes || k + 1 == to))
            cairo_tag_end(c->cr, it->tag);
        if (it->group && (it->group_closes || k + 1 == to))
            cairo_tag_end(c->cr, it->group);
        y += it->height + it->after;
    }
}

static void crop_marks(pdf_ctx *c)
{
    cairo_t *cr = c->cr;
    double off = c->cfg.bleed + 1 * PDF_MM, len = c->cfg.slug - 1.5 * PDF_MM;
    double xs[2] = {c->ox, c->ox + c->cfg.paper_w}, ys[2] = {c->oy, c->oy + c->cfg.paper_h};
    set_gray(cr, 0);
    cairo_set_line_width(cr, 0.25);
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) {
            double dx = i ? 1 : -1, dy = j ? 1 : -1;
            cairo_move_to(cr, xs[i] + dx * off, ys[j]);
            cairo_rel_line_to(cr, dx * len, 0);
            cairo_move_to(cr, xs[i], ys[j] + dy * off);
            cairo_rel_line_to(cr, 0, dy * len);
        }
    cairo_stroke(cr);
}

static void running_header(pdf_ctx *c)
{
    PangoLayout *l = c->furniture;
    const pdf_style *st = &c->st.header;
    pdf_layout_set(l, st, c->running.data, c->running.len, NULL, 0, 0, c->lang, false);
    PangoLayoutLine *line = pango_layout_get_line_readonly(l, 0);
    double y = c->oy + c->text_y - 7.5 * PDF_MM;
    set_gray(c->cr, st->gray);
    pdf_show_line(c->cr, line, st, c->ox + c->text_x, y);
    cairo_rectangle(c->cr, c->ox + c->text_x, y + 2.6 * PDF_MM, c->text_w, 0.4);
    cairo_fill(c->cr);
}

static void new_page(pdf_ctx *c, bool header)
{
    if (c->page++)
        cairo_show_page(c->cr);
    if (header && c->running.len)
        running_header(c);
    char num[16];
    int n = snprintf(num, sizeof num, "%d", c->page);
    PangoLayout *l = c->furniture;
    pdf_layout_set(l, &c->st.folio, num, (size_t)n, NULL, 0, 0, c->lang, false);
    double w = pdf_layout_width(l, &c->st.folio);
    set_gray(c->cr, 0);
    pdf_show_line(c->cr, pango_layout_get_line_readonly(l, 0), &c->st.folio,
                  c->ox + c->text_x + (c->text_w - w) / 2,
                  c->oy + c->cfg.paper_h - c->cfg.bottom + 11 * PDF_MM);
    if (c->cfg.bleed > 0)
        crop_marks(c);
}

/* A page does not end in a hyphen when the line before may end it instead. */
static size_t no_hyphen_at_foot(const pdf_flow *f, size_t from, size_t to)
{
    if (to >= f->n || to < from + 2)
        return to;
    const pdf_item *last = &f->items[to - 1];
    bool hyphen = last->kind == PDF_ITEM_LINE && last->para->lines[last->line].hyphen;
    return hyphen && !f->items[to - 2].keep ? to - 1 : to;
}

/* Sets the title block across the text area from @y; returns where it ends. */
static double place_head(pdf_ctx *c, const pdf_flow *head, double y)
{
    double bottom = c->text_y + c->text_h;
    for (size_t from = 0; from < head->n;) {
        double used = 0;
        size_t to = fill(c, head, from, bottom - y, &used);
        draw_column(c, head, from, to, c->ox + c->text_x, c->oy + y, c->text_w);
        y += used;
        from = to;
        if (from < head->n) {
            new_page(c, true);
            y = c->text_y;
        }
    }
    return y;
}

void pdf_page_article(pdf_ctx *c, const pdf_flow *head, pdf_flow *body)
{
    new_page(c, false);
    double y = place_head(c, head, c->text_y);
    double bottom = c->text_y + c->text_h;
    unsigned cols = c->cfg.columns;
    for (size_t from = 0; from < body->n;) {
        if (bottom - y < 3 * c->L) {
            new_page(c, true);
            y = c->text_y;
        }
        double h = balance(c, body, from, cols, bottom - y);
        for (unsigned k = 0; k < cols && from < body->n; k++) {
            size_t to = float_figure(c, body, from, fill(c, body, from, h, NULL), h);
            if (k + 1 == cols)
                to = no_hyphen_at_foot(body, from, to);
            double x = c->ox + c->text_x + k * (c->col_w + c->cfg.gutter);
            draw_column(c, body, from, to, x, c->oy + y, c->col_w);
            from = to;
        }
        y = bottom;
    }
}
