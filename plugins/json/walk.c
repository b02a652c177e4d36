/* SPDX-License-Identifier: MIT */
#include "reader.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int rd_fail(rd *r, size_t offset, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = json_vfail(r->err, r->p.data, r->p.len, offset, fmt, ap);
    va_end(ap);
    return rc;
}

/* Names are quoted in messages up to this many bytes. */
int rd_clip(size_t len)
{
    return len > 40 ? 40 : (int)len;
}

folio_str rd_view(const json_value *v)
{
    return folio_str_n(v->str, v->len);
}

/* Moves string @v out of the parser's buffer, which the next string reuses. */
void rd_keep(rd *r, json_value *v)
{
    /* Compared as integers: @v may point into the input, another object. */
    uintptr_t s = (uintptr_t)v->str, buf = (uintptr_t)r->p.buf;
    if (!r->p.buf || s < buf || s >= buf + r->p.cap)
        return;
    if (!r->keep)
        r->keep = folio_arena_new();
    v->str = folio_arena_strndup(r->keep, v->str, v->len);
}

/* Reads the scalar at @offset again, once its object is closed. */
int rd_scalar_at(rd *r, size_t offset, json_value *v)
{
    r->p.pos = offset;
    return json_scalar(&r->p, v);
}

/* Checks that @v is of @kind (JSON_TRUE standing for either boolean). */
int rd_want(rd *r, const json_value *v, json_kind kind, const char *name)
{
    if (v->kind == kind || (kind == JSON_TRUE && v->kind == JSON_FALSE))
        return FOLIO_OK;
    return rd_fail(r, v->offset, "%s must be %s, not %s", name, json_kind_name(kind),
                   json_kind_name(v->kind));
}

/* Reads the scalar at the parser into @v and checks that it is of @kind. */
int rd_want_scalar(rd *r, json_value *v, json_kind kind, const char *name)
{
    int rc = json_scalar(&r->p, v);
    return rc < 0 ? rc : rd_want(r, v, kind, name);
}

/* Reads the scalar at the parser as a whole number in [@min, @max]. */
int rd_want_uint(rd *r, const char *name, unsigned min, unsigned max, unsigned *out)
{
    json_value v;
    int rc = rd_want_scalar(r, &v, JSON_NUMBER, name);
    if (rc < 0)
        return rc;
    unsigned long long n = 0;
    bool whole = v.len <= 10;
    for (size_t i = 0; whole && i < v.len; i++) {
        whole = v.str[i] >= '0' && v.str[i] <= '9';
        n = n * 10 + (unsigned)(v.str[i] - '0');
    }
    if (!whole || n < min || n > max)
        return rd_fail(r, v.offset, "%s must be a whole number from %u to %u", name, min, max);
    *out = (unsigned)n;
    return FOLIO_OK;
}

size_t rd_find_key(const keyset *ks, folio_str key)
{
    size_t i = 0;
    while (i < ks->count && !folio_str_equal_c(key, ks->names[i]))
        i++;
    return i;
}

/* Enters the object at the parser, which must be one (@name for messages). */
int rd_walk_begin(rd *r, walk *w, const keyset *ks, const char *name)
{
    json_value v;
    int rc = json_peek(&r->p, &v);
    if (rc < 0 || (rc = rd_want(r, &v, JSON_OBJECT, name)) < 0)
        return rc;
    *w = (walk){.ks = ks, .offset = v.offset};
    return json_enter(&r->p, &w->it);
}

/*
 * Moves to the next member of @w: returns 1 with its index in @ks in *@i
 * and the parser at its value, or 0 at the end of the object once every
 * required member was seen. Unknown and duplicate names are refused here,
 * before their values are read.
 */
int rd_walk_next(rd *r, walk *w, size_t *i)
{
    const keyset *ks = w->ks;
    json_value key, v;
    int rc = json_next(&r->p, &w->it, &key);
    if (rc == 0) {
        for (size_t k = 0; k < ks->count; k++) {
            if ((ks->required & B(k)) && !(w->seen & B(k)))
                return rd_fail(r, w->offset, "%s has no \"%s\"", ks->what, ks->names[k]);
        }
    }
    if (rc <= 0)
        return rc;
    size_t k = rd_find_key(ks, rd_view(&key));
    if (k == ks->count || !(ks->allowed & B(k)))
        return rd_fail(r, key.offset, "unknown key \"%.*s\" in %s", rd_clip(key.len), key.str,
                       ks->what);
    if (w->seen & B(k))
        return rd_fail(r, key.offset, "duplicate key \"%s\"", ks->names[k]);
    if ((rc = json_peek(&r->p, &v)) < 0)
        return rc;
    w->seen |= B(k);
    w->at[k] = v.offset;
    *i = k;
    return 1;
}

/* Walks an object whose members are all read again at its end: it stores their offsets. */
int rd_walk_all(rd *r, walk *w, const keyset *ks, const char *name)
{
    size_t i;
    int rc = rd_walk_begin(r, w, ks, name);
    while (rc == FOLIO_OK && (rc = rd_walk_next(r, w, &i)) == 1)
        rc = json_skip(&r->p);
    return rc;
}

/* Reads the array at the parser (@name for messages), calling @fn for each item. */
int rd_children(rd *r, folio_node *parent, const char *name, child_fn fn)
{
    json_value v;
    json_iter it;
    int rc = json_peek(&r->p, &v);
    if (rc < 0 || (rc = rd_want(r, &v, JSON_ARRAY, name)) < 0 || (rc = json_enter(&r->p, &it)) < 0)
        return rc;
    while ((rc = json_next(&r->p, &it, NULL)) == 1) {
        if ((rc = fn(r, parent)) < 0)
            return rc;
    }
    return rc;
}

/* Can @parent, which may hold a @kind, take one more level? FOLIO_MAX_DEPTH
 * keeps every writer's recursion and the stack of hostile input bounded. */
int rd_room(rd *r, const folio_node *parent, folio_node_kind kind, size_t offset)
{
    if (folio_node_accepts(parent, kind))
        return FOLIO_OK;
    return rd_fail(r, offset, "nested too deeply: the model holds at most %d levels",
                   FOLIO_MAX_DEPTH);
}

/* Reads the array of strings at the parser, @fn taking each. */
int rd_strings(rd *r, const char *name, void (*fn)(void *ctx, json_value *s), void *ctx)
{
    json_value v;
    json_iter it;
    int rc = json_peek(&r->p, &v);
    if (rc < 0 || (rc = rd_want(r, &v, JSON_ARRAY, name)) < 0 || (rc = json_enter(&r->p, &it)) < 0)
        return rc;
    while ((rc = json_next(&r->p, &it, NULL)) == 1) {
        if ((rc = json_scalar(&r->p, &v)) < 0)
            return rc;
        if (v.kind != JSON_STRING)
            return rd_fail(r, v.offset, "the items of %s must be strings, not %s", name,
                           json_kind_name(v.kind));
        fn(ctx, &v);
    }
    return rc;
}
