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
 * It is drawn as coverage masks (cairo A8) and written as an 8-bit
 * palette PNG whose 256 entries are the two grounds blended toward their
 * inks: a quarter of the bytes of RGB and, with zlib's run-length mode
 * suited to flat colour, a fraction of the time cairo's own PNG writer
 * takes.
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
    pango_layout_set_text(l, text.data, (int)text.len);
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
 * The title, as large as fits @height: from 132 px down in steps until it
 * takes at most six lines; a title longer still is cut with an ellipsis.
 */
static PangoLayout *fit_title(const pen *p, folio_str title, int height)
{
    PangoLayout *l = make_layout(p, "Noto Serif Display, Noto Serif, DejaVu Serif, serif Bold 10",
                                 title, WIDTH - 2 * MARGIN, false);
    PangoFontDescription *fd = pango_font_description_copy(pango_layout_get_font_description(l));
    pango_layout_set_line_spacing(l, 1.04f);
    for (int px = 132;; px = px * 9 / 10) {
        pango_font_description_set_absolute_size(fd, px * PANGO_SCALE);
        pango_layout_set_font_description(l, fd);
        int w, h;
        pango_layout_get_pixel_size(l, &w, &h);
        if ((h <= height && pango_layout_get_line_count(l) <= 6) || px < 48) {
            pango_layout_set_height(l, height * PANGO_SCALE);
            pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
            break;
        }
    }
    pango_font_description_free(fd);
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
             make_layout(p, "Noto Sans, DejaVu Sans, sans-serif Bold 30px", source,
                         WIDTH - 2 * MARGIN, true),
             MARGIN, 118);
    rule(p, 182, 5);
    rule(p, 194, 2);
    title_block(book, p);
    int64_t t;
    if (folio_str_present(book->date) && epub_parse_date(book->date, &t)) {
        folio_buf date = {0};
        hg_human_date(&date, book->date, book->lang);
        show(p,
             make_layout(p, "Noto Sans, DejaVu Sans, sans-serif Bold 40px",
                         folio_str_n(date.data, date.len), WIDTH - 2 * MARGIN, true),
             MARGIN, BAND_TOP + 150);
        folio_buf_free(&date);
    }
    rule(p, HEIGHT - 120, 3);
}

static void put_be32(folio_buf *b, uint32_t v)
{
    unsigned char p[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 8), (unsigned char)v};
    folio_buf_append(b, p, 4);
}

/* Ends the chunk that starts at @start (its length field) with its CRC. */
static void end_chunk(folio_buf *b, size_t start)
{
    size_t len = b->len - start - 8;
    unsigned char *p = (unsigned char *)b->data + start;
    p[0] = (unsigned char)(len >> 24), p[1] = (unsigned char)(len >> 16);
    p[2] = (unsigned char)(len >> 8), p[3] = (unsigned char)len;
    put_be32(b, (uint32_t)crc32(0, p + 4, (uInt)(len + 4)));
}

static void begin_chunk(folio_buf *b, const char *type, size_t *start)
{
    *start = b->len;
    put_be32(b, 0);
    folio_buf_append(b, type, 4);
}

static unsigned char mix(unsigned char from, unsigned char to, unsigned i)
{
    return (unsigned char)((from * (127 - i) + to * i + 63) / 127);
}

static void palette(folio_buf *b, const scheme *s)
{
    size_t start;
    begin_chunk(b, "PLTE", &start);
    for (unsigned half = 0; half < 2; half++) {
        rgb from = half ? s->band : s->ground, to = half ? s->band_ink : s->ink;
        for (unsigned i = 0; i < 128; i++) {
            unsigned char c[3] = {mix(from.r, to.r, i), mix(from.g, to.g, i), mix(from.b, to.b, i)};
            folio_buf_append(b, c, 3);
        }
    }
    end_chunk(b, start);
}

/* Deflates the rows of @mask (coverage, stride @stride) as palette indices into @b. */
static int image_data(folio_buf *b, const unsigned char *mask, int stride, folio_error *err)
{
    z_stream z = {0};
    /* Z_RLE: flat colour is long runs, which run-length matching finds quickest. */
    if (deflateInit2(&z, 6, Z_DEFLATED, 15, 8, Z_RLE) != Z_OK)
        return folio_error_set(err, FOLIO_ERROR, "zlib: cannot start deflate");
    unsigned char row[WIDTH + 1];
    int rc = Z_OK;
    for (int y = 0; y < HEIGHT && rc == Z_OK; y++) {
        const unsigned char *m = mask + (size_t)y * (size_t)stride;
        unsigned char base = y < BAND_TOP ? 0 : 128;
        row[0] = 0; /* filter: none */
        for (int x = 0; x < WIDTH; x++)
            row[x + 1] = (unsigned char)(base + (m[x] >> 1));
        z.next_in = row;
        z.avail_in = sizeof row;
        int flush = y == HEIGHT - 1 ? Z_FINISH : Z_NO_FLUSH;
        do {
            folio_buf_grow(b, 65536);
            z.next_out = (Bytef *)b->data + b->len;
            z.avail_out = 65536;
            rc = deflate(&z, flush);
            b->len += 65536 - z.avail_out;
        } while (rc == Z_OK && (z.avail_in > 0 || (flush == Z_FINISH && z.avail_out == 0)));
    }
    deflateEnd(&z);
    if (rc != Z_STREAM_END)
        return folio_error_set(err, FOLIO_ERROR, "zlib: cannot compress the cover");
    return FOLIO_OK;
}

static int encode_png(folio_buf *png, const scheme *s, cairo_surface_t *surface, folio_error *err)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    folio_buf_append(png, sig, sizeof sig);
    size_t start;
    begin_chunk(png, "IHDR", &start);
    put_be32(png, WIDTH);
    put_be32(png, HEIGHT);
    static const unsigned char rest[5] = {8, 3, 0, 0, 0}; /* 8-bit palette, not interlaced */
    folio_buf_append(png, rest, sizeof rest);
    end_chunk(png, start);
    palette(png, s);
    begin_chunk(png, "IDAT", &start);
    cairo_surface_flush(surface);
    int rc = image_data(png, cairo_image_surface_get_data(surface),
                        cairo_image_surface_get_stride(surface), err);
    if (rc < 0)
        return rc;
    end_chunk(png, start);
    begin_chunk(png, "IEND", &start);
    end_chunk(png, start);
    return FOLIO_OK;
}

/*
 * A font map of its own, released after the cover, rather than pango's
 * per-thread default: nothing of the plugin outlives the call. Outlines
 * without hinting give the same shapes at every run, whatever the user's
 * font settings say.
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

int epub_draw_cover(const epub_book *book, folio_buf *png, unsigned *width, unsigned *height,
                    folio_error *err)
{
    cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_A8, WIDTH, HEIGHT);
    pen p = {.cr = cairo_create(surface)};
    PangoFontMap *fonts = pango_cairo_font_map_new();
    int rc = FOLIO_OK;
    if (cairo_status(p.cr) != CAIRO_STATUS_SUCCESS || !fonts) {
        rc = folio_error_set(err, FOLIO_ERROR, "cannot draw the cover: %s",
                             fonts ? cairo_status_to_string(cairo_status(p.cr))
                                   : "pango has no font map (is fontconfig set up?)");
        goto out;
    }
    p.pango = make_context(fonts, p.cr);
    draw(book, &p);
    rc = encode_png(png, pick_scheme(book->title), surface, err);
    *width = WIDTH;
    *height = HEIGHT;
    g_object_unref(p.pango);
out:
    if (fonts)
        g_object_unref(fonts);
    cairo_destroy(p.cr);
    cairo_surface_destroy(surface);
    return rc;
}
