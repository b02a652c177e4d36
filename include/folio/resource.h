/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_RESOURCE_H
#define FOLIO_RESOURCE_H

#include <folio/doc.h>
#include <folio/error.h>

/**
 * Resources: the pictures a document carries. Each has a name (the
 * reference as the document uses it, "images/kim.jpg"), a media type and
 * pixel size found from its bytes, and the bytes themselves. A CAPTION's
 * image refers to one by its `src`. Resources live in the document's arena,
 * in the order they were added, and go with it (folio_doc_merge() moves them
 * too). See docs/json.md, "Resources".
 */
typedef struct folio_resource folio_resource;

/** What folio_image_probe() finds in an image's first bytes. */
typedef struct folio_image_info {
    const char
        *media_type; /* "image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml" */
    unsigned width;  /* pixels; 0 when the image does not say (an SVG without sizes) */
    unsigned height;
} folio_image_info;

/**
 * Finds the type and pixel size of the image in @len bytes at @data from
 * its signature and header (PNG IHDR, JPEG SOF, GIF screen descriptor,
 * WebP VP8/VP8L/VP8X, SVG `width`/`height`/`viewBox`), without decoding
 * it and never from a name. Reads nothing past @len. Returns FOLIO_OK, or
 * FOLIO_EFORMAT when the bytes are no such image or the header is cut short.
 */
FOLIO_API int folio_image_probe(const void *data, size_t len, folio_image_info *info,
                                folio_error *err);

/**
 * Adds a copy of @len bytes at @data to @doc under @name (present and not
 * empty, asserted), its type and size from folio_image_probe(). A second
 * resource of the same name replaces nothing: the first stays, and the call
 * returns FOLIO_OK when the bytes are the same, FOLIO_ERROR when they differ.
 * Returns FOLIO_EFORMAT (from the probe) when the bytes are not an image.
 */
FOLIO_API int folio_doc_add_resource(folio_doc *doc, folio_str name, const void *data, size_t len,
                                     folio_error *err);

/** The resource named @name, or NULL. Lent. */
FOLIO_API const folio_resource *folio_doc_resource(const folio_doc *doc, folio_str name);

/** The number of resources, and resource @index (below the count, asserted) in the order added. */
FOLIO_API size_t folio_doc_resource_count(const folio_doc *doc);
FOLIO_API const folio_resource *folio_doc_resource_at(const folio_doc *doc, size_t index);

/**
 * The resource a CAPTION's image names, or NULL when the caption has no
 * image or the document does not hold its bytes (a remote or missing one).
 */
FOLIO_API const folio_resource *folio_node_image_resource(const folio_node *caption);

/* Accessors. Every view is lent until the document is freed. */
FOLIO_API folio_str folio_resource_name(const folio_resource *res);
FOLIO_API const char *folio_resource_media_type(const folio_resource *res);
FOLIO_API const unsigned char *folio_resource_data(const folio_resource *res);
FOLIO_API size_t folio_resource_size(const folio_resource *res);
FOLIO_API unsigned folio_resource_width(const folio_resource *res);
FOLIO_API unsigned folio_resource_height(const folio_resource *res);

#endif
