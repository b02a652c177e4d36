/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_INPUT_H
#define FOLIO_INPUT_H

#include <folio/doc.h>
#include <folio/error.h>
#include <folio/sink.h>

/**
 * Where an input came from, and the one safe way to load what it refers to
 * (an HTML page's `<img src>`, a JSON article's `image.src`, a cover). A
 * plugin never opens a file itself: it asks the resolver the caller handed
 * it. See docs/plugins.md, "Inputs and resources".
 *
 * The rules, for every caller: a relative reference is looked up under the
 * input's folder, then under each folder added with folio_resolver_add_path()
 * (`--resource-path`), and nowhere else. Absolute paths, `..` that leaves the
 * folder, symlinks that lead outside it, devices, FIFOs, sockets and folders
 * are refused. `data:` URIs (base64 or percent-encoded) are decoded. Every
 * other scheme (`http:`, `https:`, `file:`, ...) is refused without a
 * connection: folio makes no network request, ever.
 */
typedef struct folio_resolver folio_resolver;

/** The default largest resource, in bytes: 50 MB. */
#define FOLIO_RESOURCE_MAX_DEFAULT ((size_t)50 * 1000 * 1000)

/** Creates a resolver with no extra folders and the default size limit. Cannot fail. */
FOLIO_API folio_resolver *folio_resolver_new(void);

/** Releases @res. Accepts NULL. */
FOLIO_API void folio_resolver_free(folio_resolver *res);

/** Adds a copy of @dir to the folders searched after the input's own, in order. */
FOLIO_API void folio_resolver_add_path(folio_resolver *res, const char *dir);

/** Sets the largest resource loaded, in bytes (0 restores the default). */
FOLIO_API void folio_resolver_set_max_size(folio_resolver *res, size_t max);

/**
 * Loads the bytes @ref names, by the rules above, for an input whose folder
 * is @base_dir (NULL for standard input: only the added folders), and
 * appends them to @out. Returns FOLIO_OK, or with @err saying why:
 * FOLIO_EUNSUPPORTED for a URL scheme or an absolute path (never opened),
 * FOLIO_EIO when no folder holds a regular file by that name inside it
 * (missing, leaves the folder, a symlink out, a device or FIFO) or it is
 * larger than the limit, FOLIO_EFORMAT for a broken `data:` URI.
 */
FOLIO_API int folio_resolver_load(const folio_resolver *res, const char *base_dir, folio_str ref,
                                  folio_buf *out, folio_error *err);

/**
 * What a reader is told about its input. The caller fills it with
 * designated initializers and sets @size to sizeof(folio_input) as it was
 * built, so that members added at the end later can be told apart.
 */
typedef struct folio_input {
    uint32_t size;                  /* sizeof(folio_input) of the caller's build */
    const char *name;               /* as the user named it ("a/b.html"); "-" for standard input */
    const char *dir;                /* the input's folder; NULL for standard input */
    const folio_resolver *resolver; /* NULL: references are not loaded */
} folio_input;

/**
 * For readers: loads the image @ref names into @doc as a resource of that
 * name, through @in's resolver. Returns FOLIO_OK (also when @doc holds it
 * already), FOLIO_EUNSUPPORTED when @in is NULL or has no resolver, or the
 * resolver's or folio_image_probe()'s error. A reader reports a failure as
 * a warning at the reference's position and keeps the caption.
 */
FOLIO_API int folio_input_load_image(const folio_input *in, folio_doc *doc, folio_str ref,
                                     folio_error *err);

#endif
