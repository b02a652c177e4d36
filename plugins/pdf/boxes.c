/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "pdf.h"

/*
 * cairo 1.16 writes neither TrimBox nor BleedBox, nor the catalog's /Lang.
 * They come in an incremental update (PDF 1.7, 7.5.6) appended to cairo's
 * file: a new version of each page object with the two boxes, a catalog
 * with the language, a cross-reference section for those objects and a
 * trailer pointing back to cairo's. cairo writes a classic cross-reference
 * table and plain page dictionaries that start "<< /Type /Page", which is
 * all this relies on; anything else is an error rather than a guess.
 */

typedef struct xref {
    size_t count;
    size_t *offset; /* 0 for a free entry */
    const char *trailer;
    size_t trailer_len;
    size_t start; /* where cairo's cross-reference table starts */
} xref;

static const char *find(const char *hay, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *p = hay; len >= n && (p = memchr(p, needle[0], len - n + 1));) {
        if (!memcmp(p, needle, n))
            return p;
        p++;
        len = (size_t)(hay + len - p);
        hay = p;
    }
    return NULL;
}

static int bad(folio_error *err, const char *what)
{
    return folio_error_set(err, FOLIO_ERROR, "pdf: cannot add page boxes: %s", what);
}

static int read_xref(const folio_buf *pdf, xref *x, folio_error *err)
{
    size_t tail = pdf->len > 64 ? pdf->len - 64 : 0;
    const char *sx = find(pdf->data + tail, pdf->len - tail, "startxref");
    if (!sx)
        return bad(err, "no startxref");
    x->start = strtoull(sx + 9, NULL, 10);
    if (x->start >= pdf->len || strncmp(pdf->data + x->start, "xref\n0 ", 7))
        return bad(err, "no cross-reference table");
    char *p = NULL;
    x->count = strtoull(pdf->data + x->start + 7, &p, 10);
    while (*p == '\r' || *p == '\n' || *p == ' ')
        p++;
    if (x->count == 0 || (size_t)(p - pdf->data) + x->count * 20 > pdf->len)
        return bad(err, "a short cross-reference table");
    x->offset = calloc(x->count, sizeof *x->offset);
    if (!x->offset)
        folio_oom();
    for (size_t i = 0; i < x->count; i++, p += 20)
        x->offset[i] = p[17] == 'n' ? strtoull(p, NULL, 10) : 0;
    const char *t = find(p, pdf->len - (size_t)(p - pdf->data), "<<");
    const char *e = t ? find(t, pdf->len - (size_t)(t - pdf->data), ">>") : NULL;
    if (!e)
        return bad(err, "no trailer");
    x->trailer = t + 2;
    x->trailer_len = (size_t)(e - t - 2);
    return FOLIO_OK;
}

/* The dictionary of object @i if it starts with @type ("<< /Type /Page"), else NULL. */
static const char *object(const folio_buf *pdf, const xref *x, size_t i, const char *type,
                          size_t *len)
{
    size_t off = x->offset[i];
    if (!off || off >= x->start)
        return NULL;
    const char *s = pdf->data + off, *end = pdf->data + x->start;
    const char *d = memchr(s, '\n', (size_t)(end - s));
    size_t tl = strlen(type);
    if (!d || (size_t)(end - d) < tl + 2 || memcmp(d + 1, type, tl))
        return NULL;
    char next = d[1 + tl];
    if (next != ' ' && next != '\n' && next != '/' && next != '>')
        return NULL; /* "/Pages", "/PageLabels" */
    const char *e = find(d, (size_t)(end - d), "endobj");
    if (!e)
        return NULL;
    *len = (size_t)(e - d - 1);
    return d + 1;
}

static void box(folio_buf *out, const char *name, double inset, double w, double h)
{
    folio_buf_printf(out, " /%s [ %.4f %.4f %.4f %.4f ]", name, inset, inset, w - inset, h - inset);
}

/* Appends a new version of object @i: its dictionary with @extra after @type. */
static size_t rewrite(folio_buf *out, size_t i, const char *dict, size_t len, const char *type,
                      const char *extra)
{
    size_t at = out->len, tl = strlen(type);
    folio_buf_printf(out, "%zu 0 obj\n%s%s", i, type, extra);
    folio_buf_append(out, dict + tl, len - tl);
    folio_buf_puts(out, "\nendobj\n");
    return at;
}

static bool media_size(const char *dict, size_t len, double *w, double *h)
{
    const char *m = find(dict, len, "/MediaBox [");
    return m && sscanf(m + 11, " %*f %*f %lf %lf", w, h) == 2;
}

/* What the catalog gains: its language, the title shown as the window's, and the
 * MarkInfo that cairo 1.16 leaves out of some tagged files. */
static void catalog(folio_buf *extra, const char *dict, size_t len, const char *lang)
{
    if (lang)
        folio_buf_printf(extra, " /Lang (%s)", lang);
    folio_buf_puts(extra, " /ViewerPreferences << /DisplayDocTitle true >>");
    if (find(dict, len, "/StructTreeRoot") && !find(dict, len, "/MarkInfo"))
        folio_buf_puts(extra, " /MarkInfo << /Marked true >>");
}

int pdf_boxes_add(folio_buf *pdf, double inset, double bleed, const char *lang, folio_error *err)
{
    xref x = {0};
    folio_buf up = {0}, xr = {0}, extra = {0};
    size_t pages = 0;
    int rc = read_xref(pdf, &x, err);
    if (rc < 0)
        goto out;
    folio_buf_putc(&up, '\n');
    for (size_t i = 1; i < x.count; i++) {
        size_t len = 0;
        const char *type = "<< /Type /Page", *d = object(pdf, &x, i, type, &len);
        double w = 0, h = 0;
        folio_buf_reset(&extra);
        folio_buf_puts(&extra, "");
        if (d && media_size(d, len, &w, &h)) {
            box(&extra, "TrimBox", inset + bleed, w, h);
            box(&extra, "BleedBox", inset, w, h);
            pages++;
        } else if ((d = object(pdf, &x, i, type = "<< /Type /Catalog", &len))) {
            catalog(&extra, d, len, lang);
        } else {
            continue;
        }
        size_t at = rewrite(&up, i, d, len, type, extra.data);
        folio_buf_printf(&xr, "%zu 1\n%010zu 00000 n \n", i, pdf->len + at);
    }
    if (!pages) {
        rc = bad(err, "no pages found");
        goto out;
    }
    /* The whole update goes together before it is appended: the trailer points into @pdf. */
    size_t xref_at = pdf->len + up.len;
    folio_buf_puts(&up, "xref\n");
    folio_buf_append(&up, xr.data, xr.len);
    folio_buf_puts(&up, "trailer\n<<");
    folio_buf_append(&up, x.trailer, x.trailer_len);
    folio_buf_printf(&up, "   /Prev %zu\n>>\nstartxref\n%zu\n%%%%EOF\n", x.start, xref_at);
    folio_buf_append(pdf, up.data, up.len);
out:
    folio_buf_free(&up);
    folio_buf_free(&xr);
    folio_buf_free(&extra);
    free(x.offset);
    return rc;
}
