/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_SINK_H
#define FOLIO_SINK_H

#include <folio/common.h>
#include <string.h>

/**
 * Where a writer puts its bytes. @write returns FOLIO_OK or a negative
 * folio_status (FOLIO_EIO); a writer passes that code up. Writers never
 * open files: the caller decides where the bytes go.
 */
typedef struct folio_sink {
    int (*write)(void *ctx, const void *data, size_t len);
    void *ctx;
} folio_sink;

/** Writes @len bytes to @sink. Returns what the sink returned. */
FOLIO_API int folio_sink_write(folio_sink *sink, const void *data, size_t len);

/** Writes a NUL-terminated string. */
FOLIO_API int folio_sink_puts(folio_sink *sink, const char *s);

/** Writes a view. */
FOLIO_API int folio_sink_put_str(folio_sink *sink, folio_str s);

/**
 * A growable byte buffer, for writers that build their output in memory and
 * for tests. Start from `folio_buf b = {0};`; free with folio_buf_free().
 * @data is always NUL-terminated once anything was appended.
 */
typedef struct folio_buf {
    char *data;
    size_t len;
    size_t cap;
} folio_buf;

/**
 * Makes room for @more bytes and a NUL after @buf->len. Out of memory
 * aborts. The inline appenders below call it only when they must.
 */
FOLIO_API void folio_buf_grow(folio_buf *buf, size_t more);

/* Writers append a few bytes at a time, millions of times for a large
 * document: the common case is inline. */

/** Appends @len bytes. Out of memory aborts. */
static inline void folio_buf_append(folio_buf *buf, const void *data, size_t len)
{
    if (buf->cap - buf->len <= len)
        folio_buf_grow(buf, len);
    if (len)
        memcpy(buf->data + buf->len, data, len);
    buf->len += len;
    buf->data[buf->len] = '\0';
}

/** Appends a NUL-terminated string. */
static inline void folio_buf_puts(folio_buf *buf, const char *s)
{
    folio_buf_append(buf, s, strlen(s));
}

/** Appends a view. */
static inline void folio_buf_put_str(folio_buf *buf, folio_str s)
{
    folio_buf_append(buf, s.data, s.len);
}

/** Appends one byte. */
static inline void folio_buf_putc(folio_buf *buf, char c)
{
    if (buf->cap - buf->len <= 1)
        folio_buf_grow(buf, 1);
    buf->data[buf->len++] = c;
    buf->data[buf->len] = '\0';
}

/** Appends printf-style text. */
FOLIO_API void folio_buf_printf(folio_buf *buf, const char *fmt, ...) FOLIO_PRINTF(2, 3);

/** Empties the buffer, keeping its memory. */
FOLIO_API void folio_buf_reset(folio_buf *buf);

/** Releases the memory and empties the buffer. */
FOLIO_API void folio_buf_free(folio_buf *buf);

/** A sink that appends to @buf; never fails. */
FOLIO_API folio_sink folio_buf_sink(folio_buf *buf);

#endif
