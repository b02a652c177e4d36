/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf.h"

/*
 * An article becomes a flow of items for the pager: the lines of each
 * paragraph (with the keeps that forbid widows and orphans), pictures,
 * rules and table rows. Each block's height is rounded up to a whole number
 * of body lines, so that body text keeps one baseline grid in every column.
 */

typedef struct block {
    const char *tag, *group;
    double x, w;
    double before, after;
    bool keep_all, keep_next, tint;
    int outline;
} block;

void *pdf_grow(void *p, size_t *cap, size_t need, size_t elem, size_t first)
{
    if (need <= *cap)
        return p;
    size_t n = *cap ? *cap * 2 : first;
    while (n < need)
        n *= 2;
    p = realloc(p, n * elem);
    if (!p)
        folio_oom();
    *cap = n;
    return p;
}

pdf_item *pdf_flow_push(pdf_flow *f, pdf_item_kind kind)
{
    f->items = pdf_grow(f->items, &f->cap, f->n + 1, sizeof *f->items, 16);
    pdf_item *it = &f->items[f->n++];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    return it;
}

pdf_para *pdf_flow_para(pdf_ctx *c, pdf_flow *f, const pdf_style *st)
{
    f->paras = pdf_grow(f->paras, &f->cap_para, f->npara + 1, sizeof *f->paras, 16);
    pdf_para *p = malloc(sizeof *p);
    if (!p)
        folio_oom();
    pdf_para_init(p, st, c->lang);
    f->paras[f->npara++] = p;
    return p;
}

void pdf_flow_free(pdf_flow *f)
{
    for (size_t i = 0; i < f->npara; i++) {
        pdf_para_free(f->paras[i]);
        free(f->paras[i]);
    }
    for (size_t i = 0; i < f->nrows; i++) {
        for (size_t k = 0; k < f->rows[i]->ncells; k++)
            pdf_para_free(&f->rows[i]->cells[k]);
        free(f->rows[i]->cells);
        free(f->rows[i]->x);
        free(f->rows[i]);
    }
    for (size_t i = 0; i < f->nimages; i++)
        cairo_surface_destroy(f->images[i]);
    free(f->items);
    free(f->paras);
    free(f->rows);
    free(f->images);
    memset(f, 0, sizeof *f);
}

/* Rounds the height of items [first, n) up to whole grid lines, adding to the space above. */
void pdf_flow_snap(pdf_ctx *c, pdf_flow *f, size_t first)
{
    if (first >= f->n)
        return;
    double total = 0;
    for (size_t i = first; i < f->n; i++)
        total += f->items[i].before + f->items[i].height + f->items[i].after;
    double lines = ceil(total / c->L - 1e-6);
    f->items[first].before += lines * c->L - total;
}

void pdf_flow_keep_small(pdf_ctx *c, pdf_flow *f, size_t first)
{
    double total = 0;
    for (size_t i = first; i < f->n; i++)
        total += f->items[i].before + f->items[i].height + f->items[i].after;
    if (total > c->text_h * 0.4)
        return; /* a long one breaks where it must */
    for (size_t i = first; i + 1 < f->n; i++)
        f->items[i].keep = true;
}

void pdf_flow_group(pdf_flow *f, size_t first, const char *group)
{
    if (first >= f->n)
        return;
    /* Items carry one group: an outer group (a fact box) replaces the inner
     * ones (its list) whole, so that every tag begun is ended once. */
    for (size_t i = first; i < f->n; i++) {
        f->items[i].group = group;
        f->items[i].group_opens = f->items[i].group_closes = false;
    }
    f->items[first].group_opens = true;
    f->items[f->n - 1].group_closes = true;
}

/* Breaks @p at the block's measure and adds its lines. */
static void add_lines(pdf_ctx *c, pdf_flow *f, pdf_para *p, const block *b)
{
    pdf_para_finish(p);
    pdf_para_set(&c->text, p, b->w);
    const pdf_style *st = p->style;
    size_t m = p->nlines;
    for (size_t i = 0; i < m; i++) {
        pdf_item *it = pdf_flow_push(f, PDF_ITEM_LINE);
        it->tag = b->tag;
        it->opens = i == 0;
        it->closes = i == m - 1;
        it->para = p;
        it->line = i;
        it->x = b->x;
        it->w = b->w;
        it->height = st->leading;
        it->ascent = st->leading / 2 + st->size * 0.3;
        if (b->outline >= 2) /* a heading sits low in its line, near the text it opens */
            it->ascent = st->leading - c->L / 2 + st->size * 0.3;
        it->before = i == 0 ? b->before : 0;
        it->after = i == m - 1 ? b->after : 0;
        /* Two lines at least on each side of a break. */
        it->keep = i + 1 < m ? (b->keep_all || i == 0 || i + 2 >= m) : b->keep_next;
        it->outline = i == 0 ? b->outline : 0;
        it->tint = b->tint;
    }
}

static void add_rule(pdf_flow *f, double x, double w, double before, double after, double weight)
{
    pdf_item *it = pdf_flow_push(f, PDF_ITEM_RULE);
    it->x = x;
    it->w = w;
    it->before = before;
    it->height = weight;
    it->after = after;
    it->keep = true;
}

static block block_for(const pdf_style *st, double w, const char *tag)
{
    return (block){.tag = tag, .w = w, .before = st->before, .after = st->after};
}

static bool starts_with_dash(const pdf_para *p)
{
    const char *s = p->text.data;
    return p->text.len >= 1 &&
           (s[0] == '-' || !strncmp(s, "\xe2\x80\x93", 3) || !strncmp(s, "\xe2\x80\x94", 3));
}

static void paragraph(pdf_ctx *c, pdf_flow *f, const folio_node *n, double w)
{
    folio_role role = folio_node_role(n);
    const pdf_style *st = f->after_body ? &c->st.body : &c->st.body_first;
    if (role == FOLIO_ROLE_LEAD)
        st = &c->st.lead;
    pdf_para *p = pdf_flow_para(c, f, st);
    pdf_para_add_inlines(p, n, 0);
    pdf_para_finish(p);
    if (role == FOLIO_ROLE_QUOTE && !starts_with_dash(p))
        p->style = st = &c->st.quote; /* a block quote; a dash quote is dialogue in the text */
    block b = block_for(st, w, role == FOLIO_ROLE_QUOTE && st == &c->st.quote ? "BlockQuote" : "P");
    if (st == &c->st.quote) {
        b.x = st->size * 1.2;
        b.w = w - 2 * b.x;
    }
    size_t first = f->n;
    add_lines(c, f, p, &b);
    if (st != &c->st.body && st != &c->st.body_first)
        pdf_flow_snap(c, f, first);
    f->after_body = role == FOLIO_ROLE_BODY || (role == FOLIO_ROLE_QUOTE && st != &c->st.quote);
}

static void headline(pdf_ctx *c, pdf_flow *f, const folio_node *n, double w)
{
    static const char *const tags[] = {"H2", "H2", "H3"};
    int level = folio_node_level(n);
    level = level < 1 ? 1 : level > 3 ? 3 : level;
    const pdf_style *st = level == 1 ? &c->st.h1 : level == 2 ? &c->st.h2 : &c->st.h3;
    pdf_para *p = pdf_flow_para(c, f, st);
    pdf_para_add_inlines(p, n, 0);
    block b = block_for(st, w, tags[level - 1]);
    b.keep_all = b.keep_next = true;
    b.outline = level == 3 ? 3 : 2;
    size_t first = f->n;
    add_lines(c, f, p, &b);
    pdf_flow_snap(c, f, first);
    f->after_body = false;
}

/* Adds the picture of @n scaled to the column; false when there is none to show. */
static bool picture(pdf_ctx *c, pdf_flow *f, const folio_node *n, double w)
{
    if (!folio_node_has_image(n))
        return false;
    folio_str src = folio_node_image_src(n);
    const folio_resource *res = folio_node_image_resource(n);
    const char *why = "it is not in the document";
    cairo_surface_t *img = res ? pdf_image_surface(res, &why) : NULL;
    if (!img) {
        folio_warn(c->opts, "pdf: picture '%.*s' is left out (%s); its caption stays",
                   (int)(src.len > 200 ? 200 : src.len), src.data ? src.data : "", why);
        return false;
    }
    f->images = pdf_grow(f->images, &f->cap_images, f->nimages + 1, sizeof *f->images, 16);
    f->images[f->nimages++] = img;
    double iw = folio_resource_width(res), ih = folio_resource_height(res);
    if (!(iw > 0 && ih > 0)) {
        iw = cairo_image_surface_get_width(img);
        ih = cairo_image_surface_get_height(img);
    }
    double h = w * ih / iw, maxh = c->text_h * 0.55;
    double dw = h > maxh ? w * maxh / h : w;
    pdf_item *it = pdf_flow_push(f, PDF_ITEM_IMAGE);
    it->image = img;
    it->w = dw;
    it->x = (w - dw) / 2;
    it->height = dw * ih / iw;
    it->before = c->L * 0.5;
    it->keep = true;
    return true;
}

static void caption(pdf_ctx *c, pdf_flow *f, const folio_node *n, double w)
{
    size_t first = f->n;
    bool pic = picture(c, f, n, w);
    const pdf_style *st = &c->st.caption;
    pdf_para *p = pdf_flow_para(c, f, st);
    folio_str kicker = folio_node_kicker(n);
    if (kicker.data && kicker.len) {
        pdf_para_add(p, kicker.data, kicker.len, PDF_SPAN_STRONG, -1);
        pdf_para_add(p, ": ", 2, PDF_SPAN_STRONG, -1);
    }
    pdf_para_add_inlines(p, n, 0);
    if (folio_node_has_credit(n)) {
        folio_str label = folio_node_credit_label(n), text = folio_node_credit_text(n);
        pdf_para_add(p, " ", 1, 0, -1);
        if (label.data && label.len) {
            pdf_para_add(p, label.data, label.len, PDF_SPAN_SMALL, -1);
            pdf_para_add(p, ": ", 2, PDF_SPAN_SMALL, -1);
        }
        pdf_para_add(p, text.data, text.len, PDF_SPAN_SMALL, -1);
    }
    /* Small type wants a short line: a caption is at most 95 mm wide. */
    double cw = w < 95 * PDF_MM ? w : 95 * PDF_MM;
    if (!pic)
        add_rule(f, 0, cw, c->L * 0.5, c->L * 0.3, 0.4);
    block b = block_for(st, cw, "Caption");
    b.before = pic ? c->L * 0.3 : 0;
    b.keep_all = true;
    add_lines(c, f, p, &b);
    if (pic)
        pdf_flow_group(f, first, "Figure");
    pdf_flow_snap(c, f, first);
    /* The paragraph after a caption keeps its indent: a figure may float away from it. */
}

static void simple(pdf_ctx *c, pdf_flow *f, const folio_node *n, const pdf_style *st, double w)
{
    const folio_node *prev = folio_node_prev(n);
    bool run = prev && folio_node_kind_of(prev) == folio_node_kind_of(n);
    pdf_para *p = pdf_flow_para(c, f, st);
    folio_str label = folio_node_credit_label(n);
    if (folio_node_kind_of(n) == FOLIO_NODE_CREDIT && label.data && label.len) {
        pdf_para_add(p, label.data, label.len, 0, -1);
        pdf_para_add(p, ": ", 2, 0, -1);
    }
    pdf_para_add_inlines(p, n, 0);
    block b = block_for(st, w, "P");
    if (run)
        b.before = 0;
    size_t first = f->n;
    add_lines(c, f, p, &b);
    pdf_flow_snap(c, f, first);
    f->after_body = false;
}

/* A list's items, each with its bullet or number hung in the indent. */
static void list(pdf_ctx *c, pdf_flow *f, const folio_node *n, const pdf_style *st, double x,
                 double w, bool tint)
{
    size_t first = f->n, count = 0;
    double hang = st->size * 1.6;
    for (const folio_node *k = folio_node_first_child(n); k; k = folio_node_next(k)) {
        pdf_para *p = pdf_flow_para(c, f, st);
        if (folio_node_ordered(n))
            snprintf(p->marker, sizeof p->marker, "%zu.", ++count);
        else
            strcpy(p->marker, "\xe2\x80\xa2");
        pdf_para_add_inlines(p, k, 0);
        block b = {.tag = "LI", .x = x + hang, .w = w - hang, .tint = tint};
        add_lines(c, f, p, &b);
    }
    if (f->n > first) {
        f->items[first].before += c->L * 0.3;
        f->items[f->n - 1].after += c->L * 0.3;
    }
    pdf_flow_group(f, first, "L");
    if (!tint)
        pdf_flow_snap(c, f, first);
    f->after_body = false;
}

static void factbox(pdf_ctx *c, pdf_flow *f, const folio_node *n, double w)
{
    double pad = c->cfg.size * 0.9;
    size_t first = f->n;
    folio_str title = folio_node_title(n);
    if (title.data && title.len) {
        pdf_para *p = pdf_flow_para(c, f, &c->st.box_title);
        pdf_para_add(p, title.data, title.len, 0, -1);
        block b = {.tag = "H3",
                   .x = pad,
                   .w = w - 2 * pad,
                   .keep_all = true,
                   .keep_next = true,
                   .tint = true,
                   .after = c->cfg.size * 0.3};
        add_lines(c, f, p, &b);
    }
    for (const folio_node *k = folio_node_first_child(n); k; k = folio_node_next(k)) {
        if (folio_node_kind_of(k) == FOLIO_NODE_LIST) {
            list(c, f, k, &c->st.box_list, pad, w - 2 * pad, true);
            continue;
        }
        pdf_para *p = pdf_flow_para(c, f, &c->st.box_body);
        pdf_para_add_inlines(p, k, 0);
        block b = block_for(&c->st.box_body, w - 2 * pad, "P");
        b.x = pad;
        b.tint = true;
        add_lines(c, f, p, &b);
    }
    if (f->n == first)
        return;
    for (size_t i = first; i < f->n; i++) {
        f->items[i].tint_above = f->items[i].before;
        f->items[i].tint_below = f->items[i].after;
    }
    f->items[first].before += pad;
    f->items[first].tint_above = pad;
    f->items[f->n - 1].after += pad;
    f->items[f->n - 1].tint_below = f->items[f->n - 1].after;
    f->items[first].before += c->L * 0.5;
    f->items[f->n - 1].after += c->L * 0.5;
    pdf_flow_group(f, first, "Div");
    pdf_flow_snap(c, f, first);
    pdf_flow_keep_small(c, f, first);
    f->after_body = false;
}

static void block_node(pdf_ctx *c, pdf_flow *f, const folio_node *n, double w)
{
    switch (folio_node_kind_of(n)) {
    case FOLIO_NODE_PARAGRAPH:
        paragraph(c, f, n, w);
        break;
    case FOLIO_NODE_HEADLINE:
        headline(c, f, n, w);
        break;
    case FOLIO_NODE_CAPTION:
        caption(c, f, n, w);
        break;
    case FOLIO_NODE_CREDIT:
        simple(c, f, n, &c->st.credit, w);
        break;
    case FOLIO_NODE_BYLINE:
        simple(c, f, n, &c->st.byline, w);
        break;
    case FOLIO_NODE_LIST:
        list(c, f, n, &c->st.list, 0, w, false);
        break;
    case FOLIO_NODE_TABLE:
        pdf_flow_table(c, f, n, w);
        break;
    case FOLIO_NODE_FACTBOX:
        factbox(c, f, n, w);
        break;
    default: /* anything else holds text: set it, never drop it */
        simple(c, f, n, &c->st.body_first, w);
        break;
    }
}

static bool is_lead(const folio_node *n)
{
    return folio_node_kind_of(n) == FOLIO_NODE_PARAGRAPH && folio_node_role(n) == FOLIO_ROLE_LEAD;
}

/* The lead paragraphs and bylines that open the article go into the title block, when
 * they are of a sensible length: how many blocks that is. */
static size_t head_blocks(const folio_node *article)
{
    size_t count = 0, bytes = 0;
    for (const folio_node *n = folio_node_first_child(article); n; n = folio_node_next(n)) {
        if (!is_lead(n) && folio_node_kind_of(n) != FOLIO_NODE_BYLINE)
            break;
        bytes += folio_node_text(n).len;
        if (bytes > 1500)
            return 0;
        count++;
    }
    return count;
}

void pdf_flow_body(pdf_ctx *c, pdf_flow *f, const folio_node *article, double width)
{
    size_t skip = head_blocks(article);
    for (const folio_node *n = folio_node_first_child(article); n; n = folio_node_next(n)) {
        if (skip) {
            skip--;
            continue;
        }
        block_node(c, f, n, width);
    }
}

/* The byline and date under the lead: the article's BYLINE blocks, else its authors. */
static void meta_line(pdf_ctx *c, pdf_flow *f, const folio_node *article, size_t blocks,
                      double width)
{
    pdf_para *p = pdf_flow_para(c, f, &c->st.meta);
    const folio_node *n = folio_node_first_child(article);
    for (size_t i = 0; i < blocks; i++, n = folio_node_next(n)) {
        if (folio_node_kind_of(n) != FOLIO_NODE_BYLINE)
            continue;
        if (p->text.len)
            pdf_para_add(p, "  \xc2\xb7  ", 6, 0, -1);
        pdf_para_add_inlines(p, n, PDF_SPAN_STRONG);
    }
    size_t authors = p->text.len ? 0 : folio_node_author_count(article);
    for (size_t i = 0; i < authors; i++) {
        folio_str a = folio_node_author(article, i);
        if (i)
            pdf_para_add(p, i + 1 == authors ? " & " : ", ", i + 1 == authors ? 3 : 2,
                         PDF_SPAN_STRONG, -1);
        pdf_para_add(p, a.data, a.len, PDF_SPAN_STRONG, -1);
    }
    char date[96];
    size_t dl =
        pdf_date_format(date, sizeof date, folio_node_meta(article, FOLIO_META_DATE), c->lang);
    if (dl) {
        if (p->text.len)
            pdf_para_add(p, "  \xc2\xb7  ", 6, 0, -1);
        pdf_para_add(p, date, dl, 0, -1);
    }
    if (!p->text.len)
        return;
    block b = block_for(&c->st.meta, width, "P");
    add_lines(c, f, p, &b);
}

void pdf_flow_head(pdf_ctx *c, pdf_flow *f, const folio_node *article, double width)
{
    folio_str title = folio_article_title(article);
    if (title.data && title.len) {
        pdf_para *p = pdf_flow_para(c, f, &c->st.title);
        pdf_para_add(p, title.data, title.len, 0, -1);
        block b = block_for(&c->st.title, width, "H1");
        b.keep_all = true;
        b.outline = 1;
        add_lines(c, f, p, &b);
    }
    folio_str sub = folio_node_meta(article, FOLIO_META_SUBTITLE);
    if (sub.data && sub.len) {
        pdf_para *p = pdf_flow_para(c, f, &c->st.subtitle);
        pdf_para_add(p, sub.data, sub.len, 0, -1);
        block b = block_for(&c->st.subtitle, width, "P");
        add_lines(c, f, p, &b);
    }
    size_t blocks = head_blocks(article);
    const folio_node *n = folio_node_first_child(article);
    for (size_t i = 0; i < blocks; i++, n = folio_node_next(n)) {
        if (!is_lead(n))
            continue;
        pdf_para *p = pdf_flow_para(c, f, &c->st.lead);
        pdf_para_add_inlines(p, n, 0);
        block b = block_for(&c->st.lead, width, "P");
        add_lines(c, f, p, &b);
    }
    meta_line(c, f, article, blocks, width);
    add_rule(f, 0, width, c->L * 0.5, c->L, 0.6);
    pdf_flow_snap(c, f, 0);
    f->after_body = false;
}

void pdf_flow_masthead(pdf_ctx *c, pdf_flow *f, const folio_doc *doc, double width)
{
    const folio_node *root = folio_doc_root(doc);
    folio_str title = folio_node_meta(root, FOLIO_META_TITLE);
    if (!title.data || !title.len)
        return;
    pdf_para *p = pdf_flow_para(c, f, &c->st.box_title);
    pdf_para_add(p, title.data, title.len, PDF_SPAN_CAPS, -1);
    char date[96];
    size_t dl = pdf_date_format(date, sizeof date, folio_node_meta(root, FOLIO_META_DATE), c->lang);
    if (dl) {
        pdf_para_add(p, "  \xc2\xb7  ", 6, 0, -1);
        pdf_para_add(p, date, dl, 0, -1);
    }
    block b = block_for(&c->st.box_title, width, "P");
    add_lines(c, f, p, &b);
    add_rule(f, 0, width, c->L * 0.2, c->L * 1.2, 1.5);
}
