/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_JSON_H
#define FOLIO_JSON_H

#include <stdarg.h>

#include <folio/arena.h>
#include <folio/plugin.h>

/*
 * A strict JSON parser (RFC 8259) that the reader pulls values from, one at
 * a time, as it maps them into the model: no tree of the text is ever built,
 * so reading costs the input, the model and the longest escaped string, and
 * a value under a key the model does not know is refused before it is read
 * (docs/bounds.md). Every value keeps its byte offset for messages.
 *
 * Every call checks what it reads, every time: the input may be a mapping
 * of a file that another process rewrites, so a second look at the same
 * bytes is no proof of anything. Each step moves forward or fails.
 */

/*
 * Containers nested deeper than this are refused, against stack exhaustion.
 * Each level of the model takes two of JSON (an object and its array), so
 * this leaves the model's own cap, FOLIO_MAX_DEPTH, to speak first for
 * every document that gets that deep, with its clearer message.
 */
#define JSON_MAX_DEPTH (2 * FOLIO_MAX_DEPTH + 8)

typedef enum json_kind {
    JSON_NULL,
    JSON_FALSE,
    JSON_TRUE,
    JSON_NUMBER,
    JSON_STRING,
    JSON_ARRAY,
    JSON_OBJECT,
} json_kind;

/* One value, as far as the reader has asked for it. */
typedef struct json_value {
    json_kind kind;
    size_t offset; /* of the value's first byte in the input */
    /* STRING: the decoded UTF-8, in the input when it has no escapes, else in
     * the parser's buffer until the next string is read; NUMBER: as written. */
    const char *str;
    size_t len;
} json_value;

typedef struct json_parser {
    const unsigned char *data;
    size_t len, pos;
    unsigned depth;
    folio_error *err;
    char *buf; /* strings with escapes, decoded */
    size_t cap;
} json_parser;

/* An array or object being walked with json_next(). */
typedef struct json_iter {
    size_t offset; /* of its bracket */
    bool object;
    bool started;
} json_iter;

/* Starts @p at the beginning of @data (after a byte order mark). */
void json_parser_init(json_parser *p, const unsigned char *data, size_t len, folio_error *err);

/* Releases the parser's buffer. */
void json_parser_free(json_parser *p);

/* Stores the kind and offset of the value at the parser, without consuming it. */
int json_peek(json_parser *p, json_value *v);

/* Consumes the value at the parser: a scalar is stored in @v, an array or
 * object is checked and skipped (@v has its kind and offset). */
int json_scalar(json_parser *p, json_value *v);

/* Checks and skips the value at the parser. */
int json_skip(json_parser *p);

/* Consumes the '[' or '{' at the parser (json_peek() said which) into @it. */
int json_enter(json_parser *p, json_iter *it);

/*
 * Moves to the next element or member of @it. Returns 1 with the parser at
 * its value (and, in an object, the member's name in @key, its offset that
 * of the opening quote; @key may be NULL: names are checked only), 0 when
 * the closing bracket was consumed, or an error. The caller consumes each
 * value before it asks for the next.
 */
int json_next(json_parser *p, json_iter *it, json_value *key);

/* Checks that only white space follows the parser. */
int json_end(json_parser *p);

/* The JSON name of @kind for messages ("a string", "an array"). */
const char *json_kind_name(json_kind kind);

extern const folio_reader json_reader;
extern const folio_writer json_writer;

/* Sets a FOLIO_EFORMAT error at byte @offset of the input, with a printf
 * message; returns FOLIO_EFORMAT. The parser and the reader share it. */
int json_vfail(folio_error *err, const unsigned char *data, size_t len, size_t offset,
               const char *fmt, va_list ap) FOLIO_PRINTF(5, 0);

#endif
