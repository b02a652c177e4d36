/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <folio/error.h>

const char *folio_version(void)
{
    return FOLIO_VERSION;
}

/* The program's choice, made once at its start (folio_oom_set_handler()). */
static void (*oom_handler)(void);

void folio_oom_set_handler(void (*handler)(void))
{
    oom_handler = handler;
}

void folio_oom(void)
{
    fputs("folio: out of memory\n", stderr);
    if (oom_handler)
        oom_handler();
    abort();
}

bool folio_str_equal(folio_str a, folio_str b)
{
    if (!a.data || !b.data)
        return a.data == b.data;
    return a.len == b.len && (a.len == 0 || memcmp(a.data, b.data, a.len) == 0);
}

bool folio_str_equal_c(folio_str s, const char *c)
{
    return c && folio_str_equal(s, folio_str_c(c));
}

static int vset(folio_error *err, int code, unsigned line, unsigned column, const char *fmt,
                va_list ap)
{
    if (!err)
        return code;
    err->code = code;
    err->line = line;
    err->column = column;
    err->source[0] = '\0';
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    return code;
}

int folio_error_set(folio_error *err, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vset(err, code, 0, 0, fmt, ap);
    va_end(ap);
    return code;
}

int folio_error_set_at(folio_error *err, int code, unsigned line, unsigned column, const char *fmt,
                       ...)
{
    va_list ap;
    va_start(ap, fmt);
    vset(err, code, line, column, fmt, ap);
    va_end(ap);
    return code;
}

int folio_error_set_offset(folio_error *err, int code, const unsigned char *data, size_t len,
                           size_t offset, const char *fmt, ...)
{
    unsigned line, column;
    folio_position(data, len, offset, &line, &column);
    va_list ap;
    va_start(ap, fmt);
    vset(err, code, line, column, fmt, ap);
    va_end(ap);
    return code;
}

void folio_error_set_source(folio_error *err, const char *source)
{
    if (!err || err->source[0] || !source)
        return;
    snprintf(err->source, sizeof err->source, "%s", source);
}

void folio_error_clear(folio_error *err)
{
    if (err)
        *err = (folio_error){0};
}

/* Lines end at LF, CRLF or a lone CR, as the readers count them; a column
 * counts characters, so UTF-8 continuation bytes do not add to it. */
void folio_position(const unsigned char *data, size_t len, size_t offset, unsigned *line,
                    unsigned *column)
{
    unsigned l = 1, c = 1;
    if (offset > len)
        offset = len;
    size_t i = 0;
    if (offset >= 3 && len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    for (; i < offset; i++) {
        unsigned char b = data[i];
        if (b == '\n' || (b == '\r' && (i + 1 >= len || data[i + 1] != '\n'))) {
            l++;
            c = 1;
        } else if (b != '\r' && (b & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *column = c;
}

const char *folio_status_name(int code)
{
    switch (code) {
    case FOLIO_OK:
        return "success";
    case FOLIO_ENOMEM:
        return "out of memory";
    case FOLIO_EIO:
        return "I/O error";
    case FOLIO_EFORMAT:
        return "format error";
    case FOLIO_EUNSUPPORTED:
        return "unsupported";
    case FOLIO_EOPTION:
        return "bad option";
    case FOLIO_EPLUGIN:
        return "plugin error";
    default:
        return "error";
    }
}

char *folio_error_format(const folio_error *err, char *buf, size_t size)
{
    if (size == 0)
        return buf;
    /* "source:line:column: ", leaving out what is unknown (0 or ""). */
    char where[96] = "";
    size_t n = 0;
    if (err->source[0])
        n += (size_t)snprintf(where, sizeof where, "%s:", err->source);
    if (err->line && n < sizeof where)
        n += (size_t)snprintf(where + n, sizeof where - n, "%u:", err->line);
    if (err->line && err->column && n < sizeof where)
        n += (size_t)snprintf(where + n, sizeof where - n, "%u:", err->column);
    snprintf(buf, size, "%s%s%s", where, where[0] ? " " : "",
             err->message[0] ? err->message : folio_status_name(err->code));
    return buf;
}
