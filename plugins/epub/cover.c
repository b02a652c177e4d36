/* SPDX-License-Identifier: MIT */
#include "epubw.h"

#include <cairo.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "htmlgen_int.h" /* hg_human_date() */

/*
 * The drawn cover: a typographic cover in the manner of a publisher's
 * series, in two colours. The upper part is a deep ground with the source
 * in spaced capitals over a rule and the title large in a display serif;
 * the foot is a band in a light colour with the date. The colours come
 * from the title, so books differ on a shelf, and the same book gets the
 * same cover.
 *
 * It is drawn as a coverage mask (cairo A8) and written as an 8-bit
 * palette PNG whose 256 entries are the two grounds blended toward their
 * inks (png.c): a quarter of the bytes of RGB, in a small fraction of the
 * time cairo's own PNG writer takes.
 */

enum { WIDTH = 1200, HEIGHT = 1800, MARGIN = 100, BAND_TOP = 1380 };

typedef struct rgb {
    unsigned char r, g, b;
} rgb;

typedef struct scheme {
    rgb ground, ink, band, band_ink;
} scheme;

static const scheme schemes[] = {
    {{0x16, 0x23, 0x3d}, {0xf4, 0xee, 0xe0}, {0xe3, 0xb5, 0x5b}, {0x16, 0x23, 0x3d}}, /* navy */
    {{0x5a, 0x1b, 0x1b}, {0xf6, 0xee, 0xe3}, {0xef, 0xe2, 0xc8}, {0x5a, 0x1b, 0x1b}}, /* oxblood */
    {{0x1d, 0x3b, 0x32}, {0xf1, 0xee, 0xe2}, {0xd9, 0xa4, 0x41}, {0x1d, 0x3b, 0x32}}, /* forest */
    {{0x1e, 0x1e, 0x22}, {0xf2, 0xf0, 0xea}, {0xd6, 0x4f, 0x2a}, {0xf7, 0xf2, 0xe8}}, /* ink */
    {{0x0e, 0x3d, 0x4c}, {0xef, 0xf1, 0xea}, {0xe9, 0xc8, 0x9b}, {0x0e, 0x3d, 0x4c}}, /* petrol */
};

/* FNV-1a of the title picks the colours. */
static const scheme *pick_scheme(folio_str title)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < title.len; i++)
        h = (h ^ (unsigned char)title.data[i]) * 16777619u;
    return &schemes[h % (sizeof schemes / sizeof schemes[0])];
}

/* What the drawing functions share: the surface's context and a font map of this cover's own. */
typedef struct pen {
    cairo_t *cr;
    PangoContext *pango;
} pen;

/* A layout of @text in @font, @width wide, optionally in spaced capitals. */
static PangoLayout *make_layout(const pen *p, const char *font, folio_str text, int width,
                                bool caps)
{
    PangoLayout *l = pango_layout_new(p->pango);
    PangoFontDescription *fd = pango_font_description_from_string(font);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(l, width * PANGO_SCALE);
    pango_layout_set_wrap(l, PANGO_WRAP_WORD);
    /* pango refuses (and complains on stderr about) text that is not UTF-8. */
    char *valid = g_utf8_make_valid(text.data ? text.data : "", (gssize)text.len);
    pango_layout_set_text(l, valid, -1);
    g_free(valid);
    if (caps) {
        PangoAttrList *attrs = pango_attr_list_new();
        pango_attr_list_insert(attrs, pango_attr_letter_spacing_new(6 * PANGO_SCALE));
        pango_attr_list_insert(attrs,
                               pango_attr_text_transform_new(PANGO_TEXT_TRANSFORM_UPPERCASE));
        pango_layout_set_attributes(l, attrs);
        pango_attr_list_unref(attrs);
        pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    }
    return l;
}

/* Draws @l at @x, @y and returns its height. */
static int show(const pen *p, PangoLayout *l, double x, double y)
{
    int w, h;
    cairo_move_to(p->cr, x, y);
    pango_cairo_show_layout(p->cr, l);
    pango_layout_get_pixel_size(l, &w, &h);
    g_object_unref(l);
    return h;
}

/*
 * The title, as large as fits @height: from 132 px down in steps of a
 * tenth until it takes at most six lines; a title longer still is cut with
 * an ellipsis. Without hinting, text scales exactly, so each size is tried
 * at 100 px in a column narrowed in proportion: one font for all the
 * tries, where a font of each size would cost fontconfig a sort of every
 * installed font the first time. The size chosen is then set for real
 * (drawing the 100 px layout magnified would make pango shape it again,
 * and look up fonts for the new matrix, on every cover).
 */
static PangoLayout *fit_title(const pen *p, folio_str title, int height)
{
    const int width = WIDTH - 2 * MARGIN;
    PangoLayout *l = make_layout(
        p, "Noto Serif Display, Noto Serif, DejaVu Serif, serif Bold 100px", title, width, false);
    pango_layout_set_line_spacing(l, 1.04f);
    int px = 132;
    for (; px >= 48; px = px * 9 / 10) {
        pango_layout_set_width(l, width * 100 / px * PANGO_SCALE);
        int w, h;
        pango_layout_get_pixel_size(l, &w, &h);
        if (h * px <= height * 100 && pango_layout_get_line_count(l) <= 6)
            break;
    }
    PangoFontDescription *fd = pango_font_description_copy(pango_layout_get_font_description(l));
    pango_font_description_set_absolute_size(fd, px * PANGO_SCALE);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(l, width * PANGO_SCALE);
    pango_layout_set_height(l, height * PANGO_SCALE);
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    return l;
}

static void rule(const pen *p, double y, double thickness)
{
    cairo_rectangle(p->cr, MARGIN, y, WIDTH - 2 * MARGIN, thickness);
    cairo_fill(p->cr);
}

/* A digest's cover lists its first articles at the foot of the upper part, as a magazine's does. */
static PangoLayout *teaser(const epub_book *book, const pen *p)
{
    folio_buf text = {0};
    size_t shown = book->n_articles < 5 ? book->n_articles : 5;
    for (size_t i = 0; i < shown; i++) {
        folio_str t = folio_article_title(book->articles[i]);
        if (!folio_str_present(t) || t.len == 0)
            continue;
        if (text.len)
            folio_buf_putc(&text, '\n');
        folio_buf_append(&text, t.data, t.len);
    }
    PangoLayout *l = NULL;
    if (text.len) {
        l = make_layout(p, "Noto Serif, DejaVu Serif, serif 34px", folio_str_n(text.data, text.len),
                        WIDTH - 2 * MARGIN, false);
        /* One line each: a title too long for its line ends in an ellipsis. */
        pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
        pango_layout_set_height(l, -1);
        pango_layout_set_spacing(l, 14 * PANGO_SCALE);
    }
    folio_buf_free(&text);
    return l;
}

/* The title, and under it the subtitle; a digest's teaser sits at the foot. */
static void title_block(const epub_book *book, const pen *p)
{
    folio_str sub = folio_node_meta(book->meta, FOLIO_META_SUBTITLE);
    bool has_sub = folio_str_present(sub) && sub.len;
    PangoLayout *list = book->digest ? teaser(book, p) : NULL;
    int w, list_h = 0, top = 290;
    if (list) {
        pango_layout_get_pixel_size(list, &w, &list_h);
        rule(p, BAND_TOP - 90 - list_h - 40, 2);
        show(p, list, MARGIN, BAND_TOP - 90 - list_h);
        list_h += 80;
    }
    int room = BAND_TOP - 110 - top - (has_sub ? 170 : 0) - list_h;
    PangoLayout *title = fit_title(p, book->title, room);
    int h;
    pango_layout_get_pixel_size(title, &w, &h);
    /* A short title of a single article sits a little lower, nearer the optical centre. */
    if (!list && h < room)
        top += (room - h) / 4;
    show(p, title, MARGIN, top);
    if (has_sub) {
        PangoLayout *l = make_layout(p, "Noto Serif, DejaVu Serif, serif Italic 46px", sub,
                                     WIDTH - 2 * MARGIN, false);
        pango_layout_set_height(l, 150 * PANGO_SCALE);
        pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
        show(p, l, MARGIN, top + h + 40);
    }
}

/* Draws the inks of the upper part (source, rules, title) and of the band (date). */
static void draw(const epub_book *book, const pen *p)
{
    cairo_set_source_rgba(p->cr, 0, 0, 0, 1);
    folio_str source = folio_node_meta(book->meta, FOLIO_META_SOURCE);
    if (folio_str_present(source) && source.len)
        show(p,
             make_layout(p, "Noto Sans, DejaVu Sans, sans-serif Bold 34px", source,
                         WIDTH - 2 * MARGIN, true),
             MARGIN, 118);
    rule(p, 182, 5);
    rule(p, 194, 2);
    title_block(book, p);
    if (book->dated) {
        folio_buf date = {0};
        hg_human_date(&date, book->date, book->lang);
        show(p,
             make_layout(p, "Noto Sans, DejaVu Sans, sans-serif Bold 34px",
                         folio_str_n(date.data, date.len), WIDTH - 2 * MARGIN, true),
             MARGIN, BAND_TOP + 150);
        folio_buf_free(&date);
    }
    rule(p, HEIGHT - 120, 3);
}

static unsigned char mix(unsigned char from, unsigned char to, unsigned i)
{
    return (unsigned char)((from * (127 - i) + to * i + 63) / 127);
}

/* Entries 0-127 blend the ground towards its ink, 128-255 the band towards its ink. */
static void make_palette(const scheme *s, unsigned char pal[768])
{
    for (unsigned half = 0; half < 2; half++) {
        rgb from = half ? s->band : s->ground, to = half ? s->band_ink : s->ink;
        for (unsigned i = 0; i < 128; i++) {
            unsigned char *c = pal + 3 * (128 * half + i);
            c[0] = mix(from.r, to.r, i), c[1] = mix(from.g, to.g, i), c[2] = mix(from.b, to.b, i);
        }
    }
}

/* Turns the coverage mask into palette indices, in place. */
static void to_indices(cairo_surface_t *surface)
{
    cairo_surface_flush(surface);
    unsigned char *px = cairo_image_surface_get_data(surface);
    size_t stride = (size_t)cairo_image_surface_get_stride(surface);
    for (size_t y = 0; y < HEIGHT; y++) {
        unsigned char *row = px + y * stride, base = y < BAND_TOP ? 0 : 128;
        for (size_t x = 0; x < WIDTH; x++)
            row[x] = (unsigned char)(base + (row[x] >> 1));
    }
    cairo_surface_mark_dirty(surface);
}

/*
 * A context of the cover's own on pango's per-thread default font map.
 * The map keeps the fonts it loaded for the next cover: a font map made
 * per cover costs four times the whole drawing (fontconfig sorts every
 * installed font for each face again). Its caches are pango's and
 * fontconfig's (tests/lsan.supp). Outlines without hinting give the same
 * shapes at every run, whatever the user's font settings say.
 */
static PangoContext *make_context(PangoFontMap *fonts, cairo_t *cr)
{
    PangoContext *pango = pango_font_map_create_context(fonts);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(pango, fo);
    cairo_font_options_destroy(fo);
    pango_cairo_update_context(cr, pango);
    return pango;
}

static int draw_cover(const epub_book *book, folio_buf *png, unsigned *width, unsigned *height,
                      folio_error *err)
{
    cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_A8, WIDTH, HEIGHT);
    pen p = {.cr = cairo_create(surface)};
    PangoFontMap *fonts = pango_cairo_font_map_get_default();
    int rc = FOLIO_OK;
    if (cairo_status(p.cr) != CAIRO_STATUS_SUCCESS || !fonts) {
        rc = folio_error_set(err, FOLIO_ERROR, "cannot draw the cover: %s",
                             fonts ? cairo_status_to_string(cairo_status(p.cr))
                                   : "pango has no font map (is fontconfig set up?)");
        goto out;
    }
    p.pango = make_context(fonts, p.cr);
    draw(book, &p);
    unsigned char pal[768];
    make_palette(pick_scheme(book->title), pal);
    to_indices(surface);
    epub_png_write(png, pal, cairo_image_surface_get_data(surface),
                   (size_t)cairo_image_surface_get_stride(surface), WIDTH, HEIGHT);
    *width = WIDTH;
    *height = HEIGHT;
    g_object_unref(p.pango);
out:
    cairo_destroy(p.cr);
    cairo_surface_destroy(surface);
    return rc;
}

/* The one symbol of epub-cover.so.0. */
__attribute__((visibility("default"))) const epub_cover_api epub_cover_module = {
    .draw = draw_cover,
};
