/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_HTMLREAD_H
#define FOLIO_HTMLREAD_H

/*
 * The one HTML reader: real-world article pages for the html plugin, and
 * XHTML content documents for the epub plugin's reader. Built as a static
 * library that both modules link (plugins/html/meson.build).
 */

#include <folio/doc.h>
#include <folio/error.h>
#include <folio/input.h>
#include <folio/options.h>

typedef struct htmlread_config {
    bool xhtml;        /* parse as XML (an EPUB content document), not as HTML */
    const char *entry; /* the zip entry being read, for errors and warnings; NULL for a page */
    /*
     * Loads a local image the page refers to into @doc as a resource named
     * @src. NULL: folio_input_load_image(in, ...). The epub reader loads
     * from its zip instead. A failure is reported as a warning, and the
     * caption keeps its text.
     */
    int (*load_image)(void *ctx, folio_doc *doc, folio_str src, folio_error *err);
    void *load_ctx;
    const folio_input *in;     /* may be NULL */
    const folio_options *opts; /* may be NULL */
} htmlread_config;

/*
 * Reads the article in @len bytes of HTML (or XHTML) at @data and appends it
 * to @doc as a new ARTICLE, with its metadata. Returns FOLIO_OK, or a
 * negative code with @err naming the position (and cfg->entry as source).
 */
int htmlread_parse(folio_doc *doc, const unsigned char *data, size_t len,
                   const htmlread_config *cfg, folio_error *err);

/* How sure it is that @data is an HTML page (0 to 100), from the first bytes. */
int htmlread_sniff(const unsigned char *data, size_t len);

#endif
