/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_JSON_READER_H
#define FOLIO_JSON_READER_H

/* The reader's walking of objects and arrays, shared by read.c (the model) and walk.c. */

#include "json.h"

#include <folio/input.h>

/*
 * The reader pulls each value from the parser as it maps it into the model
 * (json.h): a name is checked against the model before its value is read,
 * and an array of blocks or inlines is read where it stands. Only a few
 * values that need their neighbours (a block's "text", which must match its
 * inlines; a credit's or an image's parts) are read again from their
 * offsets once their object is closed. So reading costs the input, the
 * model and the longest escaped string, and time linear in the input.
 */
typedef struct rd {
    folio_doc *doc;
    json_parser p;
    const folio_input *in;
    const folio_options *opts;
    folio_error *err;
    folio_arena *keep; /* decoded strings that must outlive the next one */
} rd;

/* The names an object may hold, as bits over @names. */
typedef struct keyset {
    const char *const *names;
    size_t count;
    unsigned allowed, required;
    const char *what; /* the object, for messages: "a paragraph" */
} keyset;

#define B(k) (1u << (k))
#define ALL(n) ((1u << (n)) - 1)

/* The most names an object of the model may hold (a meta object's). */
#define MAX_KEYS 24
_Static_assert(FOLIO_META_COUNT + 1 <= MAX_KEYS, "MAX_KEYS");

/* An object being walked: each name is checked against @ks as it comes. */
typedef struct walk {
    const keyset *ks;
    json_iter it;
    size_t offset; /* of the object's brace */
    unsigned seen;
    size_t at[MAX_KEYS]; /* the offset of each value seen, for a second look */
} walk;

/* Reads one item of an array at the parser into @parent. */
typedef int (*child_fn)(rd *r, folio_node *parent);

/* Sets a FOLIO_EFORMAT error at byte @offset of the input; returns FOLIO_EFORMAT. */
int rd_fail(rd *r, size_t offset, const char *fmt, ...) FOLIO_PRINTF(3, 4);

/* Names are quoted in messages up to this many bytes. */
int rd_clip(size_t len);

/* The text of scalar @v. */
folio_str rd_view(const json_value *v);

/* Moves string @v out of the parser's buffer, which the next string reuses. */
void rd_keep(rd *r, json_value *v);

/* Reads the scalar at @offset again, once its object is closed. */
int rd_scalar_at(rd *r, size_t offset, json_value *v);

/* Checks that @v is of @kind (JSON_TRUE standing for either boolean). */
int rd_want(rd *r, const json_value *v, json_kind kind, const char *name);

/* Reads the scalar at the parser into @v and checks that it is of @kind. */
int rd_want_scalar(rd *r, json_value *v, json_kind kind, const char *name);

/* Reads the scalar at the parser as a whole number in [@min, @max]. */
int rd_want_uint(rd *r, const char *name, unsigned min, unsigned max, unsigned *out);

/* The index of @key in @ks, or ks->count if it is none of its names. */
size_t rd_find_key(const keyset *ks, folio_str key);

/* Enters the object at the parser, which must be one (@name for messages). */
int rd_walk_begin(rd *r, walk *w, const keyset *ks, const char *name);

/*
 * Moves to the next member of @w: returns 1 with its index in @ks in *@i
 * and the parser at its value, or 0 at the end of the object once every
 * required member was seen. Unknown and duplicate names are refused here,
 * before their values are read.
 */
int rd_walk_next(rd *r, walk *w, size_t *i);

/* Walks an object whose members are all read again at its end: it stores their offsets. */
int rd_walk_all(rd *r, walk *w, const keyset *ks, const char *name);

/* Reads the array at the parser (@name for messages), calling @fn for each item. */
int rd_children(rd *r, folio_node *parent, const char *name, child_fn fn);

/* Can @parent, which may hold a @kind, take one more level? FOLIO_MAX_DEPTH
 * keeps every writer's recursion and the stack of hostile input bounded. */
int rd_room(rd *r, const folio_node *parent, folio_node_kind kind, size_t offset);

/* Reads the array of strings at the parser, @fn taking each. */
int rd_strings(rd *r, const char *name, void (*fn)(void *ctx, json_value *s), void *ctx);

#endif
