/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_CONVERT_H
#define FOLIO_CONVERT_H

#include <folio/doc.h>
#include <folio/error.h>
#include <folio/input.h>
#include <folio/options.h>
#include <folio/registry.h>
#include <folio/sink.h>

/**
 * The conversion the `folio` command runs, for programs that convert
 * without it (a CMS, a language binding): read each input with the right
 * reader, make one document of them (a digest when there are several), set
 * the metadata the caller gives, and write it. Nothing here opens a file:
 * inputs are bytes in memory and the output goes to a sink.
 */

/** One input: its bytes, and what is known of where they came from. */
typedef struct folio_source {
    const unsigned char *data;
    size_t len;
    const char *name;   /* for messages and the format by extension; NULL or "-": none */
    const char *dir;    /* where its relative references resolve; NULL: only the resolver's paths */
    const char *format; /* its format; NULL: from @name's extension, else from its bytes */
} folio_source;

/** How to convert. Set with designated initializers; unset members are NULL. */
typedef struct folio_conversion {
    folio_registry *registry;       /* where the plugins come from (required) */
    const char *to;                 /* the output format (required for writing) */
    const folio_options *opts;      /* -O options and the warning handler; may be NULL */
    const folio_resolver *resolver; /* loads referenced pictures; NULL: none is loaded */
    const char *const *meta;        /* "key=value" pairs set after reading, NULL-terminated */
} folio_conversion;

/**
 * Sets the metadata pairs on @doc's meta node (folio_doc_meta_node()), in
 * order: a key of folio_meta_key_from_name() sets that field (an empty
 * value removes it); "author" or "authors" adds an author, and the first
 * of them replaces the input's authors; a pair without '=' or with
 * another key is skipped (the caller checks them, as `folio -M` does).
 */
FOLIO_API void folio_doc_apply_meta(folio_doc *doc, const char *const *pairs);

/**
 * Reads @src with the reader its format names. Returns FOLIO_OK with the
 * new document in *@out (the caller frees it), or NULL and the reader's or
 * registry's error, with err->source naming the input when the error names
 * no entry of it.
 */
FOLIO_API int folio_convert_read(folio_doc **out, const folio_conversion *conv,
                                 const folio_source *src, folio_error *err);

/**
 * Reads @n inputs (at least one) into one document, a digest of their
 * articles when @n > 1, then applies conv->meta. Stops at the first input
 * that fails. Returns as folio_convert_read() does.
 */
FOLIO_API int folio_convert_read_all(folio_doc **out, const folio_conversion *conv,
                                     const folio_source *srcs, size_t n, folio_error *err);

/**
 * Writes @doc as conv->to to @sink. Returns FOLIO_OK or the writer's or
 * registry's error. The sink may have had part of the output when it fails.
 */
FOLIO_API int folio_convert_write(const folio_conversion *conv, const folio_doc *doc,
                                  folio_sink *sink, folio_error *err);

/** folio_convert_read_all() then folio_convert_write(): bytes in, bytes out. */
FOLIO_API int folio_convert(const folio_conversion *conv, const folio_source *srcs, size_t n,
                            folio_sink *sink, folio_error *err);

#endif
