/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <folio/sink.h>

int folio_sink_write(folio_sink *sink, const void *data, size_t len)
{
    if (len == 0)
        return FOLIO_OK;
    return sink->write(sink->ctx, data, len);
}

int folio_sink_puts(folio_sink *sink, const char *s)
{
    return folio_sink_write(sink, s, strlen(s));
}

int folio_sink_put_str(folio_sink *sink, folio_str s)
{
    return folio_sink_write(sink, s.data, s.len);
}

void folio_buf_grow(folio_buf *buf, size_t more)
{
    if (more < buf->cap - buf->len)
        return;
    if (more > SIZE_MAX / 2 - buf->len)
        folio_oom();
    size_t cap = buf->cap ? buf->cap : 256;
    while (cap - buf->len <= more)
        cap *= 2;
    char *p = realloc(buf->data, cap);
    if (!p)
        folio_oom();
    buf->data = p;
    buf->cap = cap;
}

void folio_buf_printf(folio_buf *buf, const char *fmt, ...)
{
    char small[256];
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n >= 0 && (size_t)n < sizeof small) {
        folio_buf_append(buf, small, (size_t)n);
    } else if (n >= 0) {
        folio_buf_grow(buf, (size_t)n);
        vsnprintf(buf->data + buf->len, (size_t)n + 1, fmt, again);
        buf->len += (size_t)n;
    }
    va_end(again);
}

void folio_buf_reset(folio_buf *buf)
{
    buf->len = 0;
    if (buf->data)
        buf->data[0] = '\0';
}

void folio_buf_free(folio_buf *buf)
{
    free(buf->data);
    *buf = (folio_buf){0};
}

static int buf_write(void *ctx, const void *data, size_t len)
{
    folio_buf_append(ctx, data, len);
    return FOLIO_OK;
}

folio_sink folio_buf_sink(folio_buf *buf)
{
    return (folio_sink){.write = buf_write, .ctx = buf};
}
