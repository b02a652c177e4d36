/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_PDF_H
#define FOLIO_PDF_H

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <folio/plugin.h>
#include <folio/resource.h>

/*
 * The PDF writer sets its own lines: pango measures and shapes, and the
 * plugin chooses the breaks (total-fit, with hyphenation by the patterns
 * Debian ships), so that a hyphen is a real "-" in the text layer and never
 * a soft hyphen, and an unbreakable run of any length costs linear time.
 * Lengths are in PostScript points (1/72 in) unless they say otherwise;
 * widths measured by pango are in pango units (1/PANGO_SCALE pt).
 */

/*
 * Makes room for @need elements of @elem bytes in the array @p of *@cap
 * (doubling, from @first); returns the array, moved or not. Out of memory
 * aborts in folio_oom().
 */
void *pdf_grow(void *p, size_t *cap, size_t need, size_t elem, size_t first);

#define PDF_MM (72.0 / 25.4)

/*
 * Every font is loaded at this one size and scaled by cairo: each new size
 * would cost pango a fontconfig sort (about 0.75 ms), and with hinting off
 * glyph advances scale exactly. A style's @scale is its size over this.
 */
#define PDF_REF_SIZE 10.0

extern const folio_writer pdf_writer;
extern const folio_option_spec pdf_options[];

/* ---- configuration (config.c) ---- */

typedef struct pdf_config {
    double paper_w, paper_h; /* the trimmed page */
    double top, bottom, inner, outer;
    double bleed; /* 0 without; crop marks and a slug come with it */
    double slug;  /* room for the crop marks outside the bleed */
    unsigned columns;
    double gutter;
    double size; /* body text size */
    char serif[64], sans[64], display[64];
    bool hyphenate;
} pdf_config;

/* Reads the pdf.* options into @cfg. FOLIO_EOPTION names a bad one. */
int pdf_config_read(pdf_config *cfg, const folio_options *opts, folio_error *err);

/* Parses "3mm", "0.5in", "12pt", "1cm" or a bare number of mm into points. */
bool pdf_parse_length(const char *s, double *out);

/* ---- hyphenation (hyphen.c) ---- */

typedef struct pdf_hyph pdf_hyph;         /* one language's patterns */
typedef struct pdf_hyph_set pdf_hyph_set; /* the languages loaded so far */

pdf_hyph_set *pdf_hyph_set_new(void);
void pdf_hyph_set_free(pdf_hyph_set *set);

/* Starts a document: it gets as many languages as a new set would, whatever the set
 * kept from earlier documents, so that what it looks like does not depend on them. */
void pdf_hyph_set_begin(pdf_hyph_set *set);

/* The patterns for BCP 47 @lang, loaded on first use; NULL when none are installed. */
const pdf_hyph *pdf_hyph_get(pdf_hyph_set *set, const char *lang);

/*
 * Finds the hyphenation points of the lower-cased word of @n code points
 * at @word: sets odd[k] (k in 1..n-1) when a hyphen may go before code point k.
 */
void pdf_hyph_word(const pdf_hyph *h, const uint32_t *word, size_t n, unsigned char *odd);

/* ---- styles and paragraphs (para.c) ---- */

enum {
    PDF_SPAN_EM = 1,
    PDF_SPAN_STRONG = 2,
    PDF_SPAN_SMALL = 4, /* a credit: smaller and grey */
    PDF_SPAN_LINK = 8,
    PDF_SPAN_CAPS = 16, /* letter-spaced (kickers, labels) */
};

typedef enum pdf_align { PDF_JUSTIFY, PDF_LEFT, PDF_CENTER, PDF_RIGHT } pdf_align;

typedef struct pdf_style {
    PangoFontDescription *font;
    double size, leading;
    double scale;         /* size / PDF_REF_SIZE: the font is loaded at PDF_REF_SIZE */
    double before, after; /* space around the block */
    double indent;        /* first-line indent */
    double gray;          /* 0 is black */
    pdf_align align;
    bool hyphenate;
} pdf_style;

typedef struct pdf_span {
    uint32_t start, end; /* bytes of the paragraph's text */
    unsigned flags;
    int link; /* index into pdf_para.links, or -1 */
} pdf_span;

/* One line of a paragraph, as the breaker chose it. */
typedef struct pdf_line {
    uint32_t start, end; /* bytes, without the spaces at either end */
    bool hyphen;         /* set a "-" after it */
    bool justify;        /* stretch its spaces to the measure */
    bool first;          /* carries the first-line indent (and a list marker) */
} pdf_line;

typedef struct pdf_para {
    const pdf_style *style;
    folio_buf text;
    pdf_span *spans;
    size_t nspans, cap_spans;
    folio_str *links;
    size_t nlinks, cap_links;
    uint32_t *soft; /* offsets where the source had a soft hyphen */
    size_t nsoft, cap_soft;
    uint32_t *forced; /* offsets of hard line breaks */
    size_t nforced, cap_forced;
    const char *lang;
    char marker[16]; /* list bullet or number, set in the indent */
    double width;    /* the measure */
    bool rtl;
    pdf_line *lines;
    size_t nlines;
    bool pending_space; /* collapsing white space while text is added */
} pdf_para;

/* The render context shared by measuring and drawing. */
typedef struct pdf_text {
    PangoFontMap *fontmap;
    PangoContext *pango;
    PangoLayout *layout;
    pdf_hyph_set *hyph;
    struct {
        const PangoFontDescription *font; /* a style's, lent */
        int hyphen, space;                /* at PDF_REF_SIZE */
    } faces[12];
    size_t nfaces;
    uint32_t missing;  /* the first character no installed font has, or 0 */
    bool color_glyphs; /* some text is in a colour (emoji) font */
} pdf_text;

int pdf_text_init(pdf_text *t, folio_error *err);
void pdf_text_free(pdf_text *t);

/* The widths of a hyphen and a space in @st, in pango units (either pointer may be NULL);
 * measured in @lang when the style's face is first used. */
void pdf_style_widths(pdf_text *t, const pdf_style *st, const char *lang, int *hyphen, int *space);

void pdf_para_init(pdf_para *p, const pdf_style *st, const char *lang);
void pdf_para_free(pdf_para *p);
/* Appends text, cleaned: white space and controls collapse to one space, soft hyphens
 * become break points. @flags and @link apply to it. */
void pdf_para_add(pdf_para *p, const char *s, size_t len, unsigned flags, int link);
/* Records a hard line break (a BREAK inline). */
void pdf_para_break(pdf_para *p);
/* Adds every inline below @block, with @flags added to each. */
void pdf_para_add_inlines(pdf_para *p, const folio_node *block, unsigned flags);
/* Removes a trailing space; call once all text is in. */
void pdf_para_finish(pdf_para *p);

/* Breaks @p into lines of @width points (the first line @indent less). */
void pdf_para_set(pdf_text *t, pdf_para *p, double width);

/* The width of @p set on one line (of its first 8 KB), in points. */
double pdf_para_natural(pdf_text *t, const pdf_para *p);

/* ---- the line breaker (breaker.c) ---- */

enum {
    PDF_BRK_OK = 1,       /* a break may come before this character */
    PDF_BRK_HYPHEN = 2,   /* ... with a hyphen inserted */
    PDF_BRK_EMERG = 4,    /* ... only if nothing else fits (inside a long run) */
    PDF_BRK_FORCED = 8,   /* ... must come (a hard line break) */
    PDF_BRK_WHITE = 16,   /* this character is a space that vanishes at a break */
    PDF_BRK_STRETCH = 32, /* this character is a space that stretches */
    PDF_BRK_DASH = 64     /* ... after a hyphen in the text ("Jong-un"): a small penalty */
};

typedef struct pdf_measure {
    size_t n;         /* characters */
    uint32_t *offset; /* n + 1 byte offsets */
    int32_t *width;   /* n widths, pango units */
    unsigned char *brk;
} pdf_measure;

/* Chooses the breaks with the fewest demerits; fills p->lines (freeing earlier ones).
 * @rag is 0 for justified text, else the share of the measure a ragged line may leave
 * empty at ratio 1. Returns the ratio of the loosest line (1: its spaces stretched by
 * half), INFINITY for an overfull line. */
double pdf_break_lines(pdf_para *p, const pdf_measure *m, int line_w, int first_w, int hyphen_w,
                       double rag);

/* ---- drawing text (render.c) ---- */

/* Shows @line of a layout set in @st with its origin at (@x, @y), scaled to the style. */
void pdf_show_line(cairo_t *cr, PangoLayoutLine *line, const pdf_style *st, double x, double y);

/* The width in points of what @layout holds, set in @st. */
double pdf_layout_width(PangoLayout *layout, const pdf_style *st);

/* Draws line @ln of @p with its left edge at @x and baseline at @y, @w wide. */
void pdf_line_draw(pdf_text *t, cairo_t *cr, const pdf_para *p, const pdf_line *ln, double x,
                   double y, double w);

/* Sets @layout to show @len bytes of @s in style @st, with @spans. */
void pdf_layout_set(PangoLayout *layout, const pdf_style *st, const char *s, size_t len,
                    const pdf_span *spans, size_t nspans, uint32_t base, const char *lang,
                    bool hyphen);

/* Appends @s to @out as a cairo tag attribute value, quoted. */
void pdf_attr_quote(folio_buf *out, const char *s, size_t len);

/* ---- images (images.c) ---- */

/* A cairo surface for @res (PNG decoded, JPEG embedded as is), or NULL with a reason. */
cairo_surface_t *pdf_image_surface(const folio_resource *res, const char **why);

/* ---- page boxes (boxes.c) ---- */

/*
 * Appends to the PDF in @pdf an incremental update that gives every page a
 * BleedBox @inset points inside the MediaBox and a TrimBox @bleed inside that, and the
 * catalog a /Lang of @lang (letters, digits and '-' only) unless it is NULL, and /MarkInfo.
 * FOLIO_ERROR when the file is not laid out as cairo writes it.
 */
int pdf_boxes_add(folio_buf *pdf, double inset, double bleed, const char *lang, folio_error *err);

/* ---- the page: styles, items and the writer's state (flow.c, page.c) ---- */

typedef struct pdf_styles {
    pdf_style body, body_first, quote, lead, title, subtitle, meta, h1, h2, h3, caption, byline,
        credit, list, cell, cell_head, cell_num, cell_head_num, table_title, box_title, box_body,
        box_list, header, folio;
} pdf_styles;

typedef enum pdf_item_kind {
    PDF_ITEM_LINE,
    PDF_ITEM_IMAGE,
    PDF_ITEM_RULE,
    PDF_ITEM_ROW,
} pdf_item_kind;

typedef struct pdf_row {
    pdf_para *cells;
    double *x; /* each cell's offset in the row */
    size_t ncells;
    double pad; /* above and below the text */
    bool header, last;
} pdf_row;

/* One unbreakable piece of a column: a line, a picture, a rule or a table row. */
typedef struct pdf_item {
    pdf_item_kind kind;
    const char *tag;   /* the structure element it belongs to ("P", "H2"), or NULL */
    const char *group; /* the element around that ("Figure", "L", "Table"), or NULL */
    bool opens, closes, group_opens, group_closes;
    bool keep;                     /* no column break between this item and the next */
    int outline;                   /* 1 an article's title, 2 or 3 a heading: a bookmark to here */
    double before, height, after;  /* space above (dropped to the grid at a column top) */
    double ascent;                 /* LINE: the baseline below the item's top */
    double x, w;                   /* offset from the column's left edge, and measure */
    bool tint;                     /* on a fact box's tint, which reaches */
    double tint_above, tint_below; /* this far above and below the item */
    const pdf_para *para;
    size_t line;
    cairo_surface_t *image;
    const pdf_row *row;
} pdf_item;

typedef struct pdf_flow {
    pdf_item *items;
    size_t n, cap;
    pdf_para **paras;
    size_t npara, cap_para;
    pdf_row **rows;
    size_t nrows, cap_rows;
    cairo_surface_t **images;
    size_t nimages, cap_images;
    bool after_body; /* the last block was a body paragraph: indent the next */
} pdf_flow;

typedef struct pdf_ctx {
    pdf_config cfg;
    pdf_text text;
    pdf_styles st;
    PangoLayout *furniture; /* running header and page numbers */
    cairo_surface_t *surface;
    cairo_t *cr;
    const folio_doc *doc;
    const folio_options *opts;
    folio_buf running; /* the running header's text, cut to fit with a "…" */
    double L;          /* the body's leading: the grid every column keeps */
    double ox, oy;     /* the trimmed page's corner in the media box */
    double text_x, text_y, text_w, text_h, col_w;
    int page;  /* pages begun */
    int dests; /* outline destinations made */
    int outline_article, outline_heading;
    const char *lang; /* of the article being set */
} pdf_ctx;

void pdf_styles_init(pdf_ctx *c);
void pdf_styles_free(pdf_styles *st);

void pdf_flow_free(pdf_flow *f);
/* Flow building blocks for flow.c and table.c: a new item, a new paragraph owned by
 * the flow, rounding items [first, n) to the grid, and an element around them. */
pdf_item *pdf_flow_push(pdf_flow *f, pdf_item_kind kind);
pdf_para *pdf_flow_para(pdf_ctx *c, pdf_flow *f, const pdf_style *st);
void pdf_flow_snap(pdf_ctx *c, pdf_flow *f, size_t first);
void pdf_flow_group(pdf_flow *f, size_t first, const char *group);
/* Keeps items [first, n) in one column when they take less than 40% of a page. */
void pdf_flow_keep_small(pdf_ctx *c, pdf_flow *f, size_t first);
/* Lays out a TABLE: its caption and one item per row. */
void pdf_flow_table(pdf_ctx *c, pdf_flow *f, const folio_node *n, double w);
/* Writes @date ("2023-09-13") the way @lang writes dates; returns the length, 0 if none. */
size_t pdf_date_format(char *out, size_t size, folio_str date, const char *lang);
/* Lays out the title block of @article (title, subtitle, lead, byline and date) at @width. */
void pdf_flow_head(pdf_ctx *c, pdf_flow *f, const folio_node *article, double width);
/* For a digest: the digest's title and date above the first article, over a heavy rule. */
void pdf_flow_masthead(pdf_ctx *c, pdf_flow *f, const folio_doc *doc, double width);
/* Lays out the body of @article in columns of @width. */
void pdf_flow_body(pdf_ctx *c, pdf_flow *f, const folio_node *article, double width);

/* Sets @head across the page and @body in columns, from a new page. A figure that does
 * not fit the rest of a column moves after the text that does: @body's items move. */
void pdf_page_article(pdf_ctx *c, const pdf_flow *head, pdf_flow *body);

#endif
