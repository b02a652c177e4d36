/* SPDX-License-Identifier: MIT */
#include "json.h"

#include "../common/utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct parser {
    const unsigned char *data;
    size_t len, pos;
    unsigned depth;
    json_doc *doc;
    folio_error *err;
} parser;

static int parse_value(parser *ps, json_value **out);

static int fail(parser *ps, size_t offset, const char *fmt, ...) FOLIO_PRINTF(3, 4);

int json_vfail(folio_error *err, const unsigned char *data, size_t len, size_t offset,
               const char *fmt, va_list ap)
{
    char msg[200];
    vsnprintf(msg, sizeof msg, fmt, ap);
    return folio_error_set_offset(err, FOLIO_EFORMAT, data, len, offset, "%s", msg);
}

static int fail(parser *ps, size_t offset, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = json_vfail(ps->err, ps->data, ps->len, offset, fmt, ap);
    va_end(ap);
    return rc;
}

/* Names the byte at @pos for a message, or says the input ended there. */
static int unexpected(parser *ps, size_t pos, const char *expected)
{
    if (pos >= ps->len)
        return fail(ps, pos, "unexpected end of input, expected %s", expected);
    unsigned char c = ps->data[pos];
    if (c > 0x20 && c < 0x7f)
        return fail(ps, pos, "unexpected '%c', expected %s", c, expected);
    return fail(ps, pos, "unexpected byte 0x%02x, expected %s", c, expected);
}

void json_doc_free(json_doc *doc)
{
    folio_arena_free(doc->arena);
    *doc = (json_doc){0};
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

static void skip_ws(parser *ps)
{
    while (ps->pos < ps->len) {
        unsigned char c = ps->data[ps->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        ps->pos++;
    }
}

static int hex4(const unsigned char *p, size_t avail, unsigned *out)
{
    if (avail < 4)
        return -1;
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        unsigned char c = p[i];
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
 * Reads the \u escape at @at (its backslash), joining a surrogate pair.
 * Stores the code point and the escape's length in bytes.
 */
static int read_u_escape(parser *ps, size_t at, unsigned *cp, size_t *n)
{
    const unsigned char *p = ps->data + at;
    size_t avail = ps->len - at;
    unsigned hi, lo;
    if (hex4(p + 2, avail - 2, &hi) < 0)
        return fail(ps, at, "invalid \\u escape: four hex digits expected");
    if (hi >= 0xdc00 && hi <= 0xdfff)
        return fail(ps, at, "lone low surrogate \\u%04x", hi);
    *cp = hi;
    *n = 6;
    if (hi < 0xd800 || hi > 0xdbff)
        return hi == 0 ? fail(ps, at, "U+0000 is not allowed in a string") : FOLIO_OK;
    if (avail < 12 || p[6] != '\\' || p[7] != 'u' || hex4(p + 8, avail - 8, &lo) < 0 ||
        lo < 0xdc00 || lo > 0xdfff)
        return fail(ps, at, "lone high surrogate \\u%04x", hi);
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
 * Checks the escape at ps->pos (its backslash), moves past it and, when
 * @out is not NULL, writes its UTF-8 there, adding to *@n.
 */
static int escape(parser *ps, char *out, size_t *n)
{
    size_t at = ps->pos;
    if (at + 1 >= ps->len)
        return unexpected(ps, ps->len, "an escape");
    char c = simple_escape(ps->data[at + 1]);
    if (c) {
        if (out)
            out[(*n)++] = c;
        ps->pos += 2;
        return FOLIO_OK;
    }
    if (ps->data[at + 1] != 'u')
        return fail(ps, at, "invalid escape '\\%c'",
                    ps->data[at + 1] >= 0x20 && ps->data[at + 1] < 0x7f ? ps->data[at + 1] : '?');
    unsigned cp = 0;
    size_t len = 0;
    int rc = read_u_escape(ps, at, &cp, &len);
    if (rc < 0)
        return rc;
    if (out)
        *n += utf8_put(out + *n, cp);
    ps->pos += len;
    return FOLIO_OK;
}

/*
 * Checks the string whose opening quote is at ps->pos and moves past its
 * closing quote. Sets *@escaped when it holds an escape.
 */
static int scan_string(parser *ps, bool *escaped)
{
    *escaped = false;
    ps->pos++;
    while (ps->pos < ps->len) {
        unsigned char c = ps->data[ps->pos];
        if (c == '"') {
            ps->pos++;
            return FOLIO_OK;
        }
        if (c == '\\') {
            *escaped = true;
            int rc = escape(ps, NULL, NULL);
            if (rc < 0)
                return rc;
        } else if (c < 0x20) {
            return fail(ps, ps->pos, "control character 0x%02x in a string", c);
        } else if (c < 0x80) {
            ps->pos++;
        } else {
            int n = utf8_seq(ps->data + ps->pos, ps->data + ps->len);
            if (n <= 0)
                return fail(ps, ps->pos, "invalid UTF-8 in a string");
            ps->pos += (size_t)n;
        }
    }
    return unexpected(ps, ps->len, "'\"' to close the string");
}

/* Parses the string at ps->pos into a view: of the input, or decoded when it has escapes. */
static int parse_string(parser *ps, const char **str, size_t *len)
{
    size_t start = ps->pos;
    bool escaped;
    int rc = scan_string(ps, &escaped);
    if (rc < 0)
        return rc;
    size_t end = ps->pos - 1;
    if (!escaped) {
        *str = (const char *)ps->data + start + 1;
        *len = end - start - 1;
        return FOLIO_OK;
    }
    /* An escape never decodes to more bytes than it is written with. */
    char *out = folio_arena_alloc(ps->doc->arena, end - start);
    size_t n = 0;
    ps->pos = start + 1;
    while (ps->pos < end) {
        if (ps->data[ps->pos] == '\\') {
            (void)escape(ps, out, &n); /* scan_string() has checked it */
        } else {
            out[n++] = (char)ps->data[ps->pos++];
        }
    }
    ps->pos = end + 1;
    out[n] = '\0';
    *str = out;
    *len = n;
    return FOLIO_OK;
}

static size_t skip_digits(const parser *ps, size_t pos)
{
    while (pos < ps->len && ps->data[pos] >= '0' && ps->data[pos] <= '9')
        pos++;
    return pos;
}

static bool is_digit_at(const parser *ps, size_t pos)
{
    return pos < ps->len && ps->data[pos] >= '0' && ps->data[pos] <= '9';
}

static int parse_number(parser *ps, json_value *v)
{
    size_t pos = ps->pos;
    if (ps->data[pos] == '-')
        pos++;
    if (!is_digit_at(ps, pos))
        return unexpected(ps, pos, "a digit");
    if (ps->data[pos] == '0' && is_digit_at(ps, pos + 1))
        return fail(ps, ps->pos, "leading zeros are not allowed in a number");
    pos = skip_digits(ps, pos);
    if (pos < ps->len && ps->data[pos] == '.') {
        if (!is_digit_at(ps, pos + 1))
            return unexpected(ps, pos + 1, "a digit");
        pos = skip_digits(ps, pos + 1);
    }
    if (pos < ps->len && (ps->data[pos] == 'e' || ps->data[pos] == 'E')) {
        pos++;
        if (pos < ps->len && (ps->data[pos] == '+' || ps->data[pos] == '-'))
            pos++;
        if (!is_digit_at(ps, pos))
            return unexpected(ps, pos, "a digit");
        pos = skip_digits(ps, pos);
    }
    v->kind = JSON_NUMBER;
    v->str = (const char *)ps->data + ps->pos;
    v->len = pos - ps->pos;
    ps->pos = pos;
    return FOLIO_OK;
}

static int parse_literal(parser *ps, json_value *v)
{
    static const struct {
        const char *word;
        json_kind kind;
    } words[] = {{"true", JSON_TRUE}, {"false", JSON_FALSE}, {"null", JSON_NULL}};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        size_t n = strlen(words[i].word);
        if (ps->len - ps->pos >= n && memcmp(ps->data + ps->pos, words[i].word, n) == 0) {
            v->kind = words[i].kind;
            ps->pos += n;
            return FOLIO_OK;
        }
    }
    return unexpected(ps, ps->pos, "a value");
}

static void add_child(json_value *parent, json_value **last, json_value *child)
{
    if (*last)
        (*last)->next = child;
    else
        parent->child = child;
    *last = child;
    parent->count++;
}

/* Parses one member of the object @obj at ps->pos (its name's quote) and adds it. */
static int parse_member(parser *ps, json_value *obj, json_value **last)
{
    if (ps->pos >= ps->len || ps->data[ps->pos] != '"')
        return unexpected(ps, ps->pos, "a member name in quotes");
    size_t key_offset = ps->pos;
    const char *key;
    size_t key_len;
    int rc = parse_string(ps, &key, &key_len);
    if (rc < 0)
        return rc;
    skip_ws(ps);
    if (ps->pos >= ps->len || ps->data[ps->pos] != ':')
        return unexpected(ps, ps->pos, "':' after the member name");
    ps->pos++;
    json_value *v;
    if ((rc = parse_value(ps, &v)) < 0)
        return rc;
    v->key = key;
    v->key_len = key_len;
    v->key_offset = key_offset;
    add_child(obj, last, v);
    return FOLIO_OK;
}

/* Parses the array or object whose bracket is at ps->pos into @v. */
static int parse_container(parser *ps, json_value *v)
{
    bool object = ps->data[ps->pos] == '{';
    char close = object ? '}' : ']';
    if (++ps->depth > JSON_MAX_DEPTH)
        return fail(ps, ps->pos, "nested too deeply: more than %d arrays and objects",
                    JSON_MAX_DEPTH);
    v->kind = object ? JSON_OBJECT : JSON_ARRAY;
    ps->pos++;
    skip_ws(ps);
    json_value *last = NULL;
    if (ps->pos < ps->len && ps->data[ps->pos] == close) {
        ps->pos++;
        ps->depth--;
        return FOLIO_OK;
    }
    for (;;) {
        int rc;
        json_value *item;
        if (object)
            rc = parse_member(ps, v, &last);
        else if ((rc = parse_value(ps, &item)) == FOLIO_OK)
            add_child(v, &last, item);
        if (rc < 0)
            return rc;
        skip_ws(ps);
        if (ps->pos < ps->len && ps->data[ps->pos] == ',') {
            ps->pos++;
            skip_ws(ps);
            continue;
        }
        if (ps->pos < ps->len && ps->data[ps->pos] == close)
            break;
        return unexpected(ps, ps->pos, object ? "',' or '}'" : "',' or ']'");
    }
    ps->pos++;
    ps->depth--;
    return FOLIO_OK;
}

static int parse_value(parser *ps, json_value **out)
{
    skip_ws(ps);
    json_value *v = folio_arena_alloc(ps->doc->arena, sizeof *v);
    *v = (json_value){.offset = ps->pos};
    *out = v;
    if (ps->pos >= ps->len)
        return unexpected(ps, ps->pos, "a value");
    unsigned char c = ps->data[ps->pos];
    if (c == '{' || c == '[')
        return parse_container(ps, v);
    if (c == '"') {
        v->kind = JSON_STRING;
        return parse_string(ps, &v->str, &v->len);
    }
    if (c == '-' || (c >= '0' && c <= '9'))
        return parse_number(ps, v);
    return parse_literal(ps, v);
}

int json_parse(json_doc *out, const unsigned char *data, size_t len, folio_error *err)
{
    parser ps = {.data = data, .len = len, .doc = out, .err = err};
    *out = (json_doc){.arena = folio_arena_new()};
    /* RFC 8259 lets a parser ignore a byte order mark; some Windows tools write one. */
    if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
        ps.pos = 3;
    int rc = parse_value(&ps, &out->root);
    if (rc < 0)
        return rc;
    skip_ws(&ps);
    if (ps.pos < len)
        return fail(&ps, ps.pos, "unexpected data after the JSON value");
    return FOLIO_OK;
}
