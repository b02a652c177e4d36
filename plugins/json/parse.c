/* SPDX-License-Identifier: MIT */
#include "json.h"

#include "../common/utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(json_parser *p, size_t offset, const char *fmt, ...) FOLIO_PRINTF(3, 4);

int json_vfail(folio_error *err, const unsigned char *data, size_t len, size_t offset,
               const char *fmt, va_list ap)
{
    char msg[200];
    vsnprintf(msg, sizeof msg, fmt, ap);
    return folio_error_set_offset(err, FOLIO_EFORMAT, data, len, offset, "%s", msg);
}

static int fail(json_parser *p, size_t offset, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = json_vfail(p->err, p->data, p->len, offset, fmt, ap);
    va_end(ap);
    return rc;
}

/* Names the byte at @pos for a message, or says the input ended there. */
static int unexpected(json_parser *p, size_t pos, const char *expected)
{
    if (pos >= p->len)
        return fail(p, pos, "unexpected end of input, expected %s", expected);
    unsigned char c = p->data[pos];
    if (c > 0x20 && c < 0x7f)
        return fail(p, pos, "unexpected '%c', expected %s", c, expected);
    return fail(p, pos, "unexpected byte 0x%02x, expected %s", c, expected);
}

void json_parser_init(json_parser *p, const unsigned char *data, size_t len, folio_error *err)
{
    *p = (json_parser){.data = data, .len = len, .err = err};
    /* RFC 8259 lets a parser ignore a byte order mark; some Windows tools write one. */
    if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
        p->pos = 3;
}

void json_parser_free(json_parser *p)
{
    free(p->buf);
    p->buf = NULL;
    p->cap = 0;
}

const char *json_kind_name(json_kind kind)
{
    switch (kind) {
    case JSON_NULL:
        return "null";
    case JSON_FALSE:
    case JSON_TRUE:
        return "a boolean";
    case JSON_NUMBER:
        return "a number";
    case JSON_STRING:
        return "a string";
    case JSON_ARRAY:
        return "an array";
    case JSON_OBJECT:
        return "an object";
    }
    return "a value";
}

static void skip_ws(json_parser *p)
{
    while (p->pos < p->len) {
        unsigned char c = p->data[p->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        p->pos++;
    }
}

static int hex4(const unsigned char *s, size_t avail, unsigned *out)
{
    if (avail < 4)
        return -1;
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        unsigned char c = s[i];
        unsigned d = c >= '0' && c <= '9'   ? (unsigned)(c - '0')
                     : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                     : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10)
                                            : 16u;
        if (d == 16)
            return -1;
        v = v << 4 | d;
    }
    *out = v;
    return 0;
}

/*
 * Reads the \u escape at @at (its backslash, with at least one byte after
 * it), joining a surrogate pair. Stores the code point and the escape's
 * length in bytes.
 */
static int read_u_escape(json_parser *p, size_t at, unsigned *cp, size_t *n)
{
    const unsigned char *s = p->data + at;
    size_t avail = p->len - at;
    unsigned hi, lo;
    if (hex4(s + 2, avail - 2, &hi) < 0)
        return fail(p, at, "invalid \\u escape: four hex digits expected");
    if (hi >= 0xdc00 && hi <= 0xdfff)
        return fail(p, at, "lone low surrogate \\u%04x", hi);
    *cp = hi;
    *n = 6;
    if (hi < 0xd800 || hi > 0xdbff)
        return hi == 0 ? fail(p, at, "U+0000 is not allowed in a string") : FOLIO_OK;
    if (avail < 12 || s[6] != '\\' || s[7] != 'u' || hex4(s + 8, avail - 8, &lo) < 0 ||
        lo < 0xdc00 || lo > 0xdfff)
        return fail(p, at, "lone high surrogate \\u%04x", hi);
    *cp = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
    *n = 12;
    return FOLIO_OK;
}

/* The byte a one-letter escape stands for, 0 if the letter is not one. */
static char simple_escape(unsigned char c)
{
    switch (c) {
    case '"':
    case '\\':
    case '/':
        return (char)c;
    case 'b':
        return '\b';
    case 'f':
        return '\f';
    case 'n':
        return '\n';
    case 'r':
        return '\r';
    case 't':
        return '\t';
    }
    return 0;
}

/*
 * Checks the escape at @at (its backslash) and writes its UTF-8 to @out
 * (room for 4 bytes). Returns the escape's length in bytes, at least 2,
 * or an error.
 */
static int escape(json_parser *p, size_t at, char out[4], size_t *n)
{
    if (at + 1 >= p->len)
        return unexpected(p, p->len, "an escape");
    unsigned char letter = p->data[at + 1];
    char c = simple_escape(letter);
    if (c) {
        out[0] = c;
        *n = 1;
        return 2;
    }
    if (letter != 'u')
        return fail(p, at, "invalid escape '\\%c'", letter >= 0x20 && letter < 0x7f ? letter : '?');
    unsigned cp = 0;
    size_t len = 0;
    int rc = read_u_escape(p, at, &cp, &len);
    if (rc < 0)
        return rc;
    *n = utf8_put(out, cp);
    return (int)len;
}

/* Makes room for @more bytes after the @used of the buffer. */
static void reserve(json_parser *p, size_t used, size_t more)
{
    if (used + more <= p->cap)
        return;
    size_t cap = p->cap ? p->cap : 256;
    while (cap < used + more)
        cap += cap / 2;
    char *buf = realloc(p->buf, cap);
    if (!buf)
        folio_oom();
    p->buf = buf;
    p->cap = cap;
}

/*
 * Reads the string whose opening quote is at p->pos and moves past its
 * closing quote, in one pass that checks and decodes together: a string
 * without escapes is a view of the input, one with escapes is decoded into
 * the buffer as it is checked. Each step consumes at least one byte, and
 * each byte is looked at once, so a file that changes under the parser
 * gives wrong text or an error, never a loop. @v may be NULL: check only.
 */
static int read_string(json_parser *p, json_value *v)
{
    size_t start = p->pos, i = start + 1, n = 0;
    bool decoding = false;
    for (;;) {
        /* The common case first: a run of plain ASCII, copied later or never. */
        while (!decoding && i < p->len && p->data[i] >= 0x20 && p->data[i] < 0x80 &&
               p->data[i] != '"' && p->data[i] != '\\')
            i++;
        if (i >= p->len)
            return unexpected(p, p->len, "'\"' to close the string");
        unsigned char c = p->data[i];
        size_t step = 1;
        if (c == '"')
            break;
        if (c == '\\') {
            char out[4];
            size_t len = 0;
            int rc = escape(p, i, out, &len);
            if (rc < 0)
                return rc;
            if (v && !decoding) {
                decoding = true;
                n = i - start - 1;
                reserve(p, 0, n + 4);
                memcpy(p->buf, p->data + start + 1, n);
            }
            if (decoding) {
                reserve(p, n, 4);
                memcpy(p->buf + n, out, len);
                n += len;
            }
            i += (size_t)rc;
            continue;
        }
        if (c < 0x20)
            return fail(p, i, "control character 0x%02x in a string", c);
        if (c >= 0x80) {
            int k = utf8_seq(p->data + i, p->data + p->len);
            if (k <= 0)
                return fail(p, i, "invalid UTF-8 in a string");
            step = (size_t)k;
        }
        if (decoding) {
            reserve(p, n, step + 4);
            memcpy(p->buf + n, p->data + i, step);
            n += step;
        }
        i += step;
    }
    p->pos = i + 1;
    if (v) {
        v->kind = JSON_STRING;
        v->offset = start;
        v->str = decoding ? p->buf : (const char *)p->data + start + 1;
        v->len = decoding ? n : i - start - 1;
    }
    return FOLIO_OK;
}

static size_t skip_digits(const json_parser *p, size_t pos)
{
    while (pos < p->len && p->data[pos] >= '0' && p->data[pos] <= '9')
        pos++;
    return pos;
}

static bool is_digit_at(const json_parser *p, size_t pos)
{
    return pos < p->len && p->data[pos] >= '0' && p->data[pos] <= '9';
}

static int read_number(json_parser *p, json_value *v)
{
    size_t pos = p->pos;
    if (p->data[pos] == '-')
        pos++;
    if (!is_digit_at(p, pos))
        return unexpected(p, pos, "a digit");
    if (p->data[pos] == '0' && is_digit_at(p, pos + 1))
        return fail(p, p->pos, "leading zeros are not allowed in a number");
    pos = skip_digits(p, pos);
    if (pos < p->len && p->data[pos] == '.') {
        if (!is_digit_at(p, pos + 1))
            return unexpected(p, pos + 1, "a digit");
        pos = skip_digits(p, pos + 1);
    }
    if (pos < p->len && (p->data[pos] == 'e' || p->data[pos] == 'E')) {
        pos++;
        if (pos < p->len && (p->data[pos] == '+' || p->data[pos] == '-'))
            pos++;
        if (!is_digit_at(p, pos))
            return unexpected(p, pos, "a digit");
        pos = skip_digits(p, pos);
    }
    v->str = (const char *)p->data + p->pos;
    v->len = pos - p->pos;
    p->pos = pos;
    return FOLIO_OK;
}

static int read_literal(json_parser *p, json_value *v)
{
    static const char *const words[] = {
        [JSON_NULL] = "null", [JSON_FALSE] = "false", [JSON_TRUE] = "true"};
    size_t n = strlen(words[v->kind]);
    if (p->len - p->pos < n || memcmp(p->data + p->pos, words[v->kind], n) != 0)
        return unexpected(p, p->pos, "a value");
    p->pos += n;
    return FOLIO_OK;
}

int json_peek(json_parser *p, json_value *v)
{
    skip_ws(p);
    *v = (json_value){.offset = p->pos};
    if (p->pos >= p->len)
        return unexpected(p, p->pos, "a value");
    switch (p->data[p->pos]) {
    case '{':
        v->kind = JSON_OBJECT;
        return FOLIO_OK;
    case '[':
        v->kind = JSON_ARRAY;
        return FOLIO_OK;
    case '"':
        v->kind = JSON_STRING;
        return FOLIO_OK;
    case 't':
        v->kind = JSON_TRUE;
        return FOLIO_OK;
    case 'f':
        v->kind = JSON_FALSE;
        return FOLIO_OK;
    case 'n':
        v->kind = JSON_NULL;
        return FOLIO_OK;
    }
    if (p->data[p->pos] == '-' || is_digit_at(p, p->pos)) {
        v->kind = JSON_NUMBER;
        return FOLIO_OK;
    }
    return unexpected(p, p->pos, "a value");
}

int json_scalar(json_parser *p, json_value *v)
{
    int rc = json_peek(p, v);
    if (rc < 0)
        return rc;
    switch (v->kind) {
    case JSON_OBJECT:
    case JSON_ARRAY:
        return json_skip(p);
    case JSON_STRING:
        return read_string(p, v);
    case JSON_NUMBER:
        return read_number(p, v);
    default:
        return read_literal(p, v);
    }
}

int json_enter(json_parser *p, json_iter *it)
{
    skip_ws(p);
    if (p->pos >= p->len || (p->data[p->pos] != '{' && p->data[p->pos] != '['))
        return unexpected(p, p->pos, "'[' or '{'");
    *it = (json_iter){.offset = p->pos, .object = p->data[p->pos] == '{'};
    if (++p->depth > JSON_MAX_DEPTH)
        return fail(p, p->pos, "nested too deeply: more than %d arrays and objects",
                    JSON_MAX_DEPTH);
    p->pos++;
    return FOLIO_OK;
}

int json_next(json_parser *p, json_iter *it, json_value *key)
{
    char close = it->object ? '}' : ']';
    skip_ws(p);
    bool at_close = p->pos < p->len && p->data[p->pos] == close;
    if (it->started && !at_close) {
        if (p->pos >= p->len || p->data[p->pos] != ',')
            return unexpected(p, p->pos, it->object ? "',' or '}'" : "',' or ']'");
        p->pos++;
        skip_ws(p);
    } else if (at_close) {
        p->pos++;
        p->depth--;
        return 0;
    }
    it->started = true;
    if (!it->object)
        return 1;
    if (p->pos >= p->len || p->data[p->pos] != '"')
        return unexpected(p, p->pos, "a member name in quotes");
    int rc = read_string(p, key);
    if (rc < 0)
        return rc;
    skip_ws(p);
    if (p->pos >= p->len || p->data[p->pos] != ':')
        return unexpected(p, p->pos, "':' after the member name");
    p->pos++;
    return 1;
}

/* Skipping decodes no names and no strings: it only checks them. */
int json_skip(json_parser *p)
{
    json_value v;
    int rc = json_peek(p, &v);
    if (rc < 0)
        return rc;
    if (v.kind == JSON_STRING)
        return read_string(p, NULL);
    if (v.kind != JSON_OBJECT && v.kind != JSON_ARRAY)
        return json_scalar(p, &v);
    json_iter it;
    if ((rc = json_enter(p, &it)) < 0)
        return rc;
    while ((rc = json_next(p, &it, NULL)) == 1) {
        if ((rc = json_skip(p)) < 0)
            return rc;
    }
    return rc;
}

int json_end(json_parser *p)
{
    skip_ws(p);
    if (p->pos < p->len)
        return fail(p, p->pos, "unexpected data after the JSON value");
    return FOLIO_OK;
}
