/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "pdf.h"

/*
 * Tables: the caption above, then one item per row, so that a long table
 * breaks between rows (never after the header row). Column widths follow
 * the widest cell of each column when the table fits, else are shared in
 * proportion to it, so a column of numbers stays narrow.
 */

#define MAX_COLUMNS 16

static size_t column_count(const folio_node *table)
{
    size_t cols = 0;
    for (const folio_node *r = folio_node_first_child(table); r; r = folio_node_next(r)) {
        size_t k = 0;
        for (const folio_node *cell = folio_node_first_child(r); cell; cell = folio_node_next(cell))
            k++;
        if (k > cols)
            cols = k;
    }
    return cols > MAX_COLUMNS ? MAX_COLUMNS : cols;
}

static pdf_row *new_row(pdf_flow *f, size_t cols)
{
    if (f->nrows == f->cap_rows) {
        f->cap_rows = f->cap_rows ? f->cap_rows * 2 : 8;
        f->rows = realloc(f->rows, f->cap_rows * sizeof *f->rows);
    }
    pdf_row *row = calloc(1, sizeof *row);
    if (!f->rows || !row)
        folio_oom();
    row->cells = calloc(cols, sizeof *row->cells);
    row->x = calloc(cols + 1, sizeof *row->x);
    if (!row->cells || !row->x)
        folio_oom();
    f->rows[f->nrows++] = row;
    return row;
}

/* Fills @row's cells from ROW node @r, without breaking them yet. Cells past the
 * widest row's count join the last one: text is never dropped. */
static void fill_row(pdf_ctx *c, pdf_row *row, const folio_node *r, size_t cols)
{
    row->header = folio_node_header(r);
    const pdf_style *st = row->header ? &c->st.cell_head : &c->st.cell;
    const folio_node *cell = folio_node_first_child(r);
    for (size_t k = 0; k < cols; k++) {
        pdf_para *p = &row->cells[k];
        pdf_para_init(p, st, c->lang);
        for (; cell; cell = folio_node_next(cell)) {
            if (p->text.len)
                pdf_para_add(p, " ", 1, 0, -1);
            pdf_para_add_inlines(p, cell, 0);
            if (k + 1 < cols) {
                cell = folio_node_next(cell);
                break;
            }
        }
        pdf_para_finish(p);
    }
    row->ncells = cols;
}

/* A figure: digits with their separators, signs, units and dashes ("120 345", "32,9 %"). */
static bool numeric(const pdf_para *p)
{
    bool digit = false;
    for (const char *s = p->text.data, *end = s + p->text.len; s < end; s = g_utf8_next_char(s)) {
        gunichar ch = g_utf8_get_char(s);
        if (g_unichar_isdigit(ch))
            digit = true;
        else if (!strchr(" .,:%+-()", (int)ch) && ch != 0x2212 && ch != 0x2013 && ch != 0xa0 &&
                 ch != 0x202f)
            return false;
    }
    return digit || (p->text.len && p->text.len <= 3); /* a dash for "none" */
}

/* Sets a column whose body cells all hold figures flush right, its heading too. */
static void align_figures(pdf_ctx *c, pdf_row **rows, size_t nrows, size_t cols)
{
    for (size_t k = 0; k < cols; k++) {
        size_t figures = 0, body = 0;
        for (size_t i = 0; i < nrows; i++) {
            const pdf_para *p = &rows[i]->cells[k];
            if (rows[i]->header || !p->text.len)
                continue;
            body++;
            figures += numeric(p);
        }
        if (!body || figures < body)
            continue;
        for (size_t i = 0; i < nrows; i++)
            rows[i]->cells[k].style = rows[i]->header ? &c->st.cell_head_num : &c->st.cell_num;
    }
}

static void widths(pdf_ctx *c, pdf_row **rows, size_t nrows, size_t cols, double w, double pad,
                   double *x)
{
    double nat[MAX_COLUMNS] = {0}, sum = 0;
    for (size_t i = 0; i < nrows; i++)
        for (size_t k = 0; k < cols; k++) {
            double n = pdf_para_natural(&c->text, &rows[i]->cells[k]) + 2 * pad;
            if (n > nat[k])
                nat[k] = n;
        }
    for (size_t k = 0; k < cols; k++) {
        if (nat[k] > w * 0.5)
            nat[k] = w * 0.5;
        if (nat[k] < w / cols / 3)
            nat[k] = w / cols / 3;
        sum += nat[k];
    }
    x[0] = 0;
    for (size_t k = 0; k < cols; k++)
        x[k + 1] = x[k] + w * nat[k] / sum;
}

/* The table's caption, above it, kept with the first row. */
static void table_title(pdf_ctx *c, pdf_flow *f, const folio_node *n, double w)
{
    folio_str title = folio_node_title(n);
    if (!title.data || !title.len)
        return;
    pdf_para *p = pdf_flow_para(c, f, &c->st.table_title);
    pdf_para_add(p, title.data, title.len, 0, -1);
    pdf_para_finish(p);
    pdf_para_set(&c->text, p, w);
    for (size_t i = 0; i < p->nlines; i++) {
        pdf_item *it = pdf_flow_push(f, PDF_ITEM_LINE);
        *it = (pdf_item){.kind = PDF_ITEM_LINE,
                         .tag = "Caption",
                         .opens = i == 0,
                         .closes = i + 1 == p->nlines,
                         .keep = true,
                         .para = p,
                         .line = i,
                         .w = w,
                         .height = p->style->leading,
                         .ascent = p->style->leading / 2 + p->style->size * 0.3,
                         .after = i + 1 == p->nlines ? c->L * 0.2 : 0};
    }
}

void pdf_flow_table(pdf_ctx *c, pdf_flow *f, const folio_node *n, double w)
{
    size_t first = f->n, cols = column_count(n);
    table_title(c, f, n, w);
    if (!cols)
        return;
    size_t r0 = f->nrows;
    for (const folio_node *r = folio_node_first_child(n); r; r = folio_node_next(r))
        fill_row(c, new_row(f, cols), r, cols);
    align_figures(c, f->rows + r0, f->nrows - r0, cols);
    double pad = c->cfg.size * 0.35;
    double x[MAX_COLUMNS + 1];
    widths(c, f->rows + r0, f->nrows - r0, cols, w, pad, x);
    for (size_t i = r0; i < f->nrows; i++) {
        pdf_row *row = f->rows[i];
        row->pad = pad * 0.7;
        row->last = i + 1 == f->nrows;
        double lines = 1;
        for (size_t k = 0; k < cols; k++) {
            row->x[k] = x[k] + pad;
            pdf_para_set(&c->text, &row->cells[k], x[k + 1] - x[k] - 2 * pad);
            double h = row->cells[k].nlines * row->cells[k].style->leading;
            if (h > lines)
                lines = h;
        }
        row->x[cols] = w;
        pdf_item *it = pdf_flow_push(f, PDF_ITEM_ROW);
        it->tag = "TR";
        it->opens = it->closes = true;
        it->row = row;
        it->w = w;
        it->height = lines + 2 * row->pad;
        it->keep = row->header;
    }
    f->items[first].before += c->L * 0.5;
    f->items[f->n - 1].after += c->L * 0.5;
    pdf_flow_group(f, first, "Table");
    pdf_flow_snap(c, f, first);
    pdf_flow_keep_small(c, f, first);
    f->after_body = false;
}
