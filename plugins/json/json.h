/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_JSON_H
#define FOLIO_JSON_H

#include <stdarg.h>

#include <folio/arena.h>
#include <folio/plugin.h>

/*
 * A strict JSON parser (RFC 8259) that keeps the byte offset of every value,
 * so that the reader can name the line and column of a value that breaks the
 * model's rules, not only of a syntax error.
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

typedef struct json_value json_value;

struct json_value {
    json_kind kind;
    size_t offset;   /* byte offset of the value's first byte in the input */
    const char *str; /* STRING: the decoded UTF-8; NUMBER: the number as written */
    size_t len;
    const char *key; /* member of an OBJECT: its decoded name, else NULL */
    size_t key_len;
    size_t key_offset; /* member of an OBJECT: offset of the name's opening quote */
    size_t count;      /* ARRAY, OBJECT: number of elements or members */
    json_value *child; /* ARRAY, OBJECT: first element or member, in input order */
    json_value *next;  /* next element or member of the parent */
};

/* A parsed text: the values and decoded strings live in its arena. */
typedef struct json_doc {
    json_value *root;
    folio_arena *arena;
} json_doc;

/*
 * Parses the whole of @data into @out. Strings are checked to be valid UTF-8
 * without raw control characters, lone surrogates or U+0000. Returns FOLIO_OK,
 * or FOLIO_EFORMAT with the line and column of the fault in @err. Release
 * @out with json_doc_free() in either case.
 */
int json_parse(json_doc *out, const unsigned char *data, size_t len, folio_error *err);

/* Releases what json_parse() allocated. Accepts a zeroed doc. */
void json_doc_free(json_doc *doc);

/* The JSON name of @kind for messages ("a string", "an array"). */
const char *json_kind_name(json_kind kind);

extern const folio_reader json_reader;
extern const folio_writer json_writer;

/* Sets a FOLIO_EFORMAT error at byte @offset of the input, with a printf
 * message; returns FOLIO_EFORMAT. The parser and the reader share it. */
int json_vfail(folio_error *err, const unsigned char *data, size_t len, size_t offset,
               const char *fmt, va_list ap) FOLIO_PRINTF(5, 0);

#endif
