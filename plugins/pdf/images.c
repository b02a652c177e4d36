/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "pdf.h"

/*
 * Pictures for cairo. A PNG is decoded (cairo re-encodes it with Flate); a
 * JPEG is never decoded: the surface only stands for it, at its pixel
 * size, and carries the file as CAIRO_MIME_TYPE_JPEG, which cairo's PDF
 * backend embeds as is (DCTDecode). The surface's pixels are untouched
 * zero pages, so a large JPEG costs no memory for them.
 */

/* Larger pictures are refused: cairo's image surfaces are limited to 32767 pixels a side. */
#define MAX_SIDE 30000

typedef struct png_reader {
    const unsigned char *data;
    size_t len, pos;
} png_reader;

static cairo_status_t read_png(void *ctx, unsigned char *out, unsigned int n)
{
    png_reader *r = ctx;
    if (r->len - r->pos < n)
        return CAIRO_STATUS_READ_ERROR;
    memcpy(out, r->data + r->pos, n);
    r->pos += n;
    return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *png_surface(const folio_resource *res, const char **why)
{
    png_reader r = {folio_resource_data(res), folio_resource_size(res), 0};
    cairo_surface_t *s = cairo_image_surface_create_from_png_stream(read_png, &r);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        *why = "the PNG cannot be decoded";
        return NULL;
    }
    return s;
}

static cairo_surface_t *jpeg_surface(const folio_resource *res, const char **why)
{
    unsigned w = folio_resource_width(res), h = folio_resource_height(res);
    if (!w || !h) {
        *why = "the JPEG gives no size";
        return NULL;
    }
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)w, (int)h);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        *why = "cairo cannot make a surface of its size";
        return NULL;
    }
    /* The bytes stay in the document's arena until the PDF is finished. */
    cairo_status_t st = cairo_surface_set_mime_data(
        s, CAIRO_MIME_TYPE_JPEG, folio_resource_data(res), folio_resource_size(res), NULL, NULL);
    if (st != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        *why = "cairo refuses the JPEG";
        return NULL;
    }
    return s;
}

/* The same picture shown twice (a digest's logo) is embedded once: cairo keys on this id. */
static void set_unique_id(cairo_surface_t *s, const folio_resource *res)
{
    folio_str name = folio_resource_name(res);
    cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_UNIQUE_ID, (const unsigned char *)name.data,
                                name.len, NULL, NULL);
}

cairo_surface_t *pdf_image_surface(const folio_resource *res, const char **why)
{
    const char *type = folio_resource_media_type(res);
    unsigned w = folio_resource_width(res), h = folio_resource_height(res);
    if (w > MAX_SIDE || h > MAX_SIDE) {
        *why = "it is too large";
        return NULL;
    }
    cairo_surface_t *s = NULL;
    if (type && !strcmp(type, "image/png"))
        s = png_surface(res, why);
    else if (type && !strcmp(type, "image/jpeg"))
        s = jpeg_surface(res, why);
    else
        *why = "PDF output takes PNG and JPEG pictures only";
    if (s)
        set_unique_id(s, res);
    return s;
}
