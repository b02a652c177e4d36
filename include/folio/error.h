/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_ERROR_H
#define FOLIO_ERROR_H

#include <folio/common.h>

/**
 * What went wrong, and where. Functions that can fail take a `folio_error *`
 * as their last parameter (NULL allowed) and fill it once, where the fault is
 * found; callers pass the code up unchanged.
 */
typedef struct folio_error {
    int code;          /* a folio_status */
    unsigned line;     /* 1-based input line, 0 = unknown */
    unsigned column;   /* 1-based column in characters, 0 = unknown */
    char source[64];   /* input file or entry name ("OEBPS/ch1.xhtml"), "" = unknown */
    char message[256]; /* one line of text, no trailing period */
} folio_error;

/**
 * Fills @err (if not NULL) with @code and a printf-style message, clearing
 * the position and source. Returns @code, so a failing function can say
 * `return folio_error_set(err, FOLIO_EFORMAT, "unclosed <%s>", tag);`.
 */
FOLIO_API int folio_error_set(folio_error *err, int code, const char *fmt, ...) FOLIO_PRINTF(3, 4);

/**
 * Like folio_error_set(), with the 1-based @line and @column of the fault.
 * Returns @code.
 */
FOLIO_API int folio_error_set_at(folio_error *err, int code, unsigned line, unsigned column,
                                 const char *fmt, ...) FOLIO_PRINTF(5, 6);

/**
 * Like folio_error_set_at(), with the position given as a byte @offset
 * into @data (the input as it was handed to the reader): line and column
 * are counted from it, the column in UTF-8 characters. Returns @code.
 */
FOLIO_API int folio_error_set_offset(folio_error *err, int code, const unsigned char *data,
                                     size_t len, size_t offset, const char *fmt, ...)
    FOLIO_PRINTF(6, 7);

/** Names @source (truncated to fit) unless the error already names one. */
FOLIO_API void folio_error_set_source(folio_error *err, const char *source);

/** Resets @err to FOLIO_OK with no message, position or source. */
FOLIO_API void folio_error_clear(folio_error *err);

/**
 * Computes the 1-based line and column (in UTF-8 characters) of byte
 * @offset in @data. An offset past @len counts as @len.
 */
FOLIO_API void folio_position(const unsigned char *data, size_t len, size_t offset, unsigned *line,
                              unsigned *column);

/** A short constant name for a folio_status ("format error"). */
FOLIO_API const char *folio_status_name(int code);

/**
 * Writes "source:line:column: message" into @buf (leaving out what is
 * unknown), always NUL-terminated. Returns @buf.
 */
FOLIO_API char *folio_error_format(const folio_error *err, char *buf, size_t size);

#endif
