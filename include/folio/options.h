/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_OPTIONS_H
#define FOLIO_OPTIONS_H

#include <folio/error.h>

/**
 * Options handed to readers and writers: string pairs, so that a new
 * option leaves the ABI alone. Plugins name theirs "<format>.<option>"
 * ("txt.wrap", "pdf.paper"). The `folio` command also passes every `-M
 * key=value` as "meta.<key>", so that a reader may skip work the user
 * overrides (language detection under `-M lang=`).
 *
 * The options also carry the caller's warning handler: a plugin reports
 * what it repaired or dropped with folio_warn(), never on stderr itself.
 */
typedef struct folio_options folio_options;

/**
 * Receives one warning: @warning->message (one line, no newline) and, where
 * known, its position (line and column) and source (a zip entry); its code
 * is FOLIO_OK. The handler adds the input's name when the source is empty.
 */
typedef void (*folio_warning_fn)(const folio_error *warning, void *ctx);

/** Creates an empty set. Cannot fail. */
FOLIO_API folio_options *folio_options_new(void);

/** Releases the set. Accepts NULL. */
FOLIO_API void folio_options_free(folio_options *opts);

/** Sets @key to a copy of @value, replacing an earlier value. */
FOLIO_API void folio_options_set(folio_options *opts, const char *key, const char *value);

/**
 * Sets from "key=value" text (as given to `-O`). Returns FOLIO_OK, or
 * FOLIO_EOPTION when there is no '=' or the key is empty.
 */
FOLIO_API int folio_options_parse(folio_options *opts, const char *pair, folio_error *err);

/** The value of @key, else @fallback. @opts may be NULL. Lent. */
FOLIO_API const char *folio_options_get(const folio_options *opts, const char *key,
                                        const char *fallback);

/**
 * Reads @key as a whole number in [@min, @max] into @out, else @fallback
 * when it is not set. A value that is not such a number gives FOLIO_EOPTION
 * with a message naming the key.
 */
FOLIO_API int folio_options_get_uint(const folio_options *opts, const char *key, unsigned fallback,
                                     unsigned min, unsigned max, unsigned *out, folio_error *err);

/**
 * Reads @key as a boolean (true/false, yes/no, on/off, 1/0) into @out, else
 * @fallback. Any other value gives FOLIO_EOPTION naming the key.
 */
FOLIO_API int folio_options_get_bool(const folio_options *opts, const char *key, bool fallback,
                                     bool *out, folio_error *err);

/**
 * Calls @fn for each pair in the order they were first set; stops early and
 * returns the first non-zero value @fn returns.
 */
FOLIO_API int folio_options_foreach(const folio_options *opts,
                                    int (*fn)(const char *key, const char *value, void *ctx),
                                    void *ctx);

/**
 * The contents of a file an option names. A plugin never opens files: for
 * each of its options declared with type "file" (folio_option_spec) the
 * caller reads the file the user named and attaches the bytes here, under
 * the option's key, before the plugin runs (`-O epub.cover=c.jpg`).
 * folio_options_set_file() copies @len bytes; folio_options_get_file()
 * returns the bytes (lent, with their length in *@len), or NULL when the
 * key has no file attached.
 */
FOLIO_API void folio_options_set_file(folio_options *opts, const char *key, const void *data,
                                      size_t len);
FOLIO_API const unsigned char *folio_options_get_file(const folio_options *opts, const char *key,
                                                      size_t *len);

/** Sets where warnings go; NULL @fn drops them. */
FOLIO_API void folio_options_set_warning_handler(folio_options *opts, folio_warning_fn fn,
                                                 void *ctx);

/** Reports a warning to the handler of @opts (may be NULL: dropped). */
FOLIO_API void folio_warn(const folio_options *opts, const char *fmt, ...) FOLIO_PRINTF(2, 3);

/**
 * Reports a warning at a position: @source is a zip entry or NULL for the
 * input itself, @line and @column 1-based (0 = unknown).
 */
FOLIO_API void folio_warn_at(const folio_options *opts, const char *source, unsigned line,
                             unsigned column, const char *fmt, ...) FOLIO_PRINTF(5, 6);

/** Reports a warning at byte @offset of the input @data, as folio_error_set_offset() counts. */
FOLIO_API void folio_warn_offset(const folio_options *opts, const unsigned char *data, size_t len,
                                 size_t offset, const char *fmt, ...) FOLIO_PRINTF(5, 6);

#endif
