/* SPDX-License-Identifier: MIT */
#include "json.h"

#include <folio/resource.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The JSON form of the model, docs/json.md. */

typedef struct rd {
    folio_doc *doc;
    const unsigned char *data;
    size_t len;
    const folio_input *in;
    const folio_options *opts;
    folio_error *err;
} rd;

/* The names an object may hold, as bits over @names. */
typedef struct keyset {
    const char *const *names;
    size_t count;
    unsigned allowed, required;
    const char *what; /* the object, for messages: "a paragraph" */
} keyset;

/* Keys of block and inline objects. */
enum {
    K_TYPE,
    K_LEVEL,
    K_ROLE,
    K_ORDERED,
    K_KICKER,
    K_TEXT,
    K_CREDIT,
    K_IMAGE,
    K_LABEL,
    K_PARTS,
    K_ITEMS,
    K_INLINES,
    K_HREF,
    K_CAPTION,
    K_ROWS,
    K_TITLE,
    K_BLOCKS,
    K_COUNT
};

static const char *const node_keys[K_COUNT] = {
    "type",  "level", "role",    "ordered", "kicker",  "text", "credit", "image",  "label",
    "parts", "items", "inlines", "href",    "caption", "rows", "title",  "blocks",
};

#define B(k) (1u << (k))
#define ALL(n) ((1u << (n)) - 1)

/* What each block and inline type may and must hold: the table in docs/json.md. */
static const struct ntype {
    folio_node_kind kind;
    const char *what;
    unsigned allowed, required;
} ntypes[] = {
    {FOLIO_NODE_HEADLINE, "a headline", B(K_TYPE) | B(K_LEVEL) | B(K_TEXT) | B(K_INLINES),
     B(K_TYPE) | B(K_LEVEL) | B(K_TEXT)},
    {FOLIO_NODE_PARAGRAPH, "a paragraph", B(K_TYPE) | B(K_ROLE) | B(K_TEXT) | B(K_INLINES),
     B(K_TYPE) | B(K_ROLE) | B(K_TEXT)},
    {FOLIO_NODE_CAPTION, "a caption",
     B(K_TYPE) | B(K_KICKER) | B(K_TEXT) | B(K_CREDIT) | B(K_IMAGE) | B(K_INLINES),
     B(K_TYPE) | B(K_TEXT)},
    {FOLIO_NODE_CREDIT, "a credit", B(K_TYPE) | B(K_TEXT) | B(K_LABEL) | B(K_PARTS) | B(K_INLINES),
     B(K_TYPE) | B(K_TEXT) | B(K_PARTS)},
    {FOLIO_NODE_BYLINE, "a byline", B(K_TYPE) | B(K_TEXT) | B(K_INLINES), B(K_TYPE) | B(K_TEXT)},
    {FOLIO_NODE_LIST, "a list", B(K_TYPE) | B(K_ORDERED) | B(K_TEXT) | B(K_ITEMS),
     B(K_TYPE) | B(K_ORDERED) | B(K_TEXT) | B(K_ITEMS)},
    {FOLIO_NODE_TABLE, "a table", B(K_TYPE) | B(K_CAPTION) | B(K_TEXT) | B(K_ROWS),
     B(K_TYPE) | B(K_TEXT) | B(K_ROWS)},
    {FOLIO_NODE_FACTBOX, "a fact box", B(K_TYPE) | B(K_TITLE) | B(K_TEXT) | B(K_BLOCKS),
     B(K_TYPE) | B(K_TEXT) | B(K_BLOCKS)},
    {FOLIO_NODE_TEXT, "a text inline", B(K_TYPE) | B(K_TEXT), B(K_TYPE) | B(K_TEXT)},
    {FOLIO_NODE_EMPHASIS, "an emphasis", B(K_TYPE) | B(K_INLINES), B(K_TYPE) | B(K_INLINES)},
    {FOLIO_NODE_STRONG, "a strong", B(K_TYPE) | B(K_INLINES), B(K_TYPE) | B(K_INLINES)},
    {FOLIO_NODE_LINK, "a link", B(K_TYPE) | B(K_HREF) | B(K_INLINES),
     B(K_TYPE) | B(K_HREF) | B(K_INLINES)},
    {FOLIO_NODE_BREAK, "a break", B(K_TYPE), B(K_TYPE)},
};

static int read_node(rd *r, folio_node *parent, const json_value *v);

static int fail(rd *r, size_t offset, const char *fmt, ...) FOLIO_PRINTF(3, 4);

static int fail(rd *r, size_t offset, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = json_vfail(r->err, r->data, r->len, offset, fmt, ap);
    va_end(ap);
    return rc;
}

/* Names are quoted in messages up to this many bytes. */
static int clip(size_t len)
{
    return len > 40 ? 40 : (int)len;
}

static folio_str view(const json_value *v)
{
    return folio_str_n(v->str, v->len);
}

/* Checks that @v is of @kind (JSON_TRUE standing for either boolean). */
static int want(rd *r, const json_value *v, json_kind kind, const char *name)
{
    if (v->kind == kind || (kind == JSON_TRUE && v->kind == JSON_FALSE))
        return FOLIO_OK;
    return fail(r, v->offset, "%s must be %s, not %s", name, json_kind_name(kind),
                json_kind_name(v->kind));
}

/* Reads @v as a whole number in [@min, @max]. */
static int want_uint(rd *r, const json_value *v, const char *name, unsigned min, unsigned max,
                     unsigned *out)
{
    int rc = want(r, v, JSON_NUMBER, name);
    if (rc < 0)
        return rc;
    unsigned long long n = 0;
    bool whole = v->len <= 10;
    for (size_t i = 0; whole && i < v->len; i++) {
        whole = v->str[i] >= '0' && v->str[i] <= '9';
        n = n * 10 + (unsigned)(v->str[i] - '0');
    }
    if (!whole || n < min || n > max)
        return fail(r, v->offset, "%s must be a whole number from %u to %u", name, min, max);
    *out = (unsigned)n;
    return FOLIO_OK;
}

static size_t find_key(const keyset *ks, const json_value *m)
{
    size_t i = 0;
    while (i < ks->count && !folio_str_equal_c(folio_str_n(m->key, m->key_len), ks->names[i]))
        i++;
    return i;
}

/*
 * Sorts the members of object @obj into @out by @ks's names, refusing
 * unknown, unexpected, duplicate and missing keys.
 */
static int members(rd *r, const json_value *obj, const keyset *ks, const json_value **out)
{
    for (size_t i = 0; i < ks->count; i++)
        out[i] = NULL;
    for (const json_value *m = obj->child; m; m = m->next) {
        size_t i = find_key(ks, m);
        if (i == ks->count || !(ks->allowed & B(i)))
            return fail(r, m->key_offset, "unknown key \"%.*s\" in %s", clip(m->key_len), m->key,
                        ks->what);
        if (out[i])
            return fail(r, m->key_offset, "duplicate key \"%s\"", ks->names[i]);
        out[i] = m;
    }
    for (size_t i = 0; i < ks->count; i++) {
        if ((ks->required & B(i)) && !out[i])
            return fail(r, obj->offset, "%s has no \"%s\"", ks->what, ks->names[i]);
    }
    return FOLIO_OK;
}

/* Checks that @arr is an array of strings and copies their views into a new *@out. */
static int want_strings(rd *r, const json_value *arr, const char *name, folio_str **out)
{
    *out = NULL;
    int rc = want(r, arr, JSON_ARRAY, name);
    if (rc < 0)
        return rc;
    folio_str *s = malloc((arr->count + 1) * sizeof *s);
    if (!s)
        folio_oom();
    size_t i = 0;
    for (const json_value *v = arr->child; v; v = v->next) {
        if (v->kind != JSON_STRING) {
            free(s);
            return fail(r, v->offset, "the items of %s must be strings, not %s", name,
                        json_kind_name(v->kind));
        }
        s[i++] = view(v);
    }
    *out = s;
    return FOLIO_OK;
}

/* Can @parent, which may hold a @kind, take one more level? FOLIO_MAX_DEPTH
 * keeps every writer's recursion and the stack of hostile input bounded. */
static int room(rd *r, const folio_node *parent, folio_node_kind kind, size_t offset)
{
    if (folio_node_accepts(parent, kind))
        return FOLIO_OK;
    return fail(r, offset, "nested too deeply: the model holds at most %d levels", FOLIO_MAX_DEPTH);
}

static int read_meta(rd *r, folio_node *node, const json_value *v)
{
    const char *names[FOLIO_META_COUNT + 1];
    const json_value *m[FOLIO_META_COUNT + 1];
    for (int k = 0; k < FOLIO_META_COUNT; k++)
        names[k] = folio_meta_key_name((folio_meta_key)k);
    names[FOLIO_META_COUNT] = "authors";
    const keyset ks = {names, FOLIO_META_COUNT + 1, ALL(FOLIO_META_COUNT + 1), 0, "meta"};
    int rc = want(r, v, JSON_OBJECT, "\"meta\"");
    if (rc < 0 || (rc = members(r, v, &ks, m)) < 0)
        return rc;
    for (int k = 0; k < FOLIO_META_COUNT; k++) {
        if (!m[k])
            continue;
        char name[32];
        snprintf(name, sizeof name, "\"%s\"", names[k]);
        if ((rc = want(r, m[k], JSON_STRING, name)) < 0)
            return rc;
        folio_node_set_meta(node, (folio_meta_key)k, view(m[k]));
    }
    folio_str *authors;
    if (!m[FOLIO_META_COUNT])
        return FOLIO_OK;
    if ((rc = want_strings(r, m[FOLIO_META_COUNT], "\"authors\"", &authors)) < 0)
        return rc;
    for (size_t i = 0; i < m[FOLIO_META_COUNT]->count; i++)
        folio_node_add_author(node, authors[i]);
    free(authors);
    return FOLIO_OK;
}

static int read_inlines(rd *r, folio_node *node, const json_value *arr)
{
    int rc = want(r, arr, JSON_ARRAY, "\"inlines\"");
    for (const json_value *v = arr->child; rc == FOLIO_OK && v; v = v->next)
        rc = read_node(r, node, v);
    return rc;
}

/* Gives block @node its inlines, or a TEXT from @text, and checks that they agree. */
static int read_text(rd *r, folio_node *node, const json_value *text, const json_value *inlines)
{
    int rc = want(r, text, JSON_STRING, "\"text\"");
    if (rc < 0)
        return rc;
    if (!inlines) {
        if (text->len > 0 && (rc = room(r, node, FOLIO_NODE_TEXT, text->offset)) < 0)
            return rc;
        if (text->len > 0)
            folio_node_append_text(node, text->str, text->len);
        return FOLIO_OK;
    }
    if ((rc = read_inlines(r, node, inlines)) < 0)
        return rc;
    if (!folio_str_equal(folio_node_text(node), view(text)))
        return fail(r, text->offset, "\"text\" does not match the text of the block's inlines");
    return FOLIO_OK;
}

static int read_headline(rd *r, folio_node *parent, const json_value **m)
{
    unsigned level;
    int rc = want_uint(r, m[K_LEVEL], "\"level\"", 1, 3, &level);
    if (rc < 0)
        return rc;
    folio_node *n = folio_node_append_new(parent, FOLIO_NODE_HEADLINE);
    folio_node_set_level(n, (int)level);
    return read_text(r, n, m[K_TEXT], m[K_INLINES]);
}

static int read_paragraph(rd *r, folio_node *parent, const json_value **m)
{
    static const folio_role roles[] = {FOLIO_ROLE_LEAD, FOLIO_ROLE_BODY, FOLIO_ROLE_QUOTE};
    const json_value *v = m[K_ROLE];
    int rc = want(r, v, JSON_STRING, "\"role\"");
    if (rc < 0)
        return rc;
    size_t i = 0;
    while (i < 3 && !folio_str_equal_c(view(v), folio_role_name(roles[i])))
        i++;
    if (i == 3)
        return fail(r, v->offset, "unknown role \"%.*s\"", clip(v->len), v->str);
    folio_node *n = folio_node_append_new(parent, FOLIO_NODE_PARAGRAPH);
    folio_node_set_role(n, roles[i]);
    return read_text(r, n, m[K_TEXT], m[K_INLINES]);
}

static int read_list(rd *r, folio_node *parent, const json_value **m)
{
    int rc = want(r, m[K_ORDERED], JSON_TRUE, "\"ordered\"");
    if (rc < 0 || (rc = want(r, m[K_TEXT], JSON_STRING, "\"text\"")) < 0 ||
        (rc = want(r, m[K_ITEMS], JSON_ARRAY, "\"items\"")) < 0)
        return rc;
    folio_node *n = folio_node_append_new(parent, FOLIO_NODE_LIST);
    folio_node_set_ordered(n, m[K_ORDERED]->kind == JSON_TRUE);
    for (const json_value *v = m[K_ITEMS]->child; v; v = v->next) {
        if ((rc = read_node(r, n, v)) < 0)
            return rc;
    }
    if (!folio_str_equal(folio_node_text(n), view(m[K_TEXT])))
        return fail(r, m[K_TEXT]->offset, "\"text\" does not match the list's items");
    return FOLIO_OK;
}

/* A credit's label, text and parts, as a caption's "credit" object or a credit block holds them. */
static int set_credit(rd *r, folio_node *n, const json_value *label, const json_value *text,
                      const json_value *parts)
{
    folio_str *s;
    int rc;
    if (label && (rc = want(r, label, JSON_STRING, "\"label\"")) < 0)
        return rc;
    if ((rc = want(r, text, JSON_STRING, "\"text\"")) < 0 ||
        (rc = want_strings(r, parts, "\"parts\"", &s)) < 0)
        return rc;
    folio_node_set_credit(n, label ? view(label) : folio_str_n(NULL, 0), view(text), s,
                          parts->count);
    free(s);
    return FOLIO_OK;
}

static int read_caption_credit(rd *r, folio_node *n, const json_value *v)
{
    static const char *const names[] = {"label", "text", "parts"};
    static const keyset ks = {names, 3, ALL(3), B(1) | B(2), "a caption's credit"};
    const json_value *m[3];
    int rc = want(r, v, JSON_OBJECT, "\"credit\"");
    if (rc < 0 || (rc = members(r, v, &ks, m)) < 0)
        return rc;
    return set_credit(r, n, m[0], m[1], m[2]);
}

/*
 * Brings the picture @src names into the document through the caller's
 * resolver (docs/json.md, "Resources"). One that cannot be had (missing,
 * refused, not an image) costs the picture, not the article: a warning at
 * the src value, and the caption keeps its text and alt.
 */
static void load_image(rd *r, const json_value *src)
{
    const folio_input *in = r->in;
    if (!in || in->size < offsetof(folio_input, resolver) + sizeof in->resolver || !in->resolver)
        return;
    folio_error e = {0};
    /* The message names the image: "image 'photo.jpg': no such file ...". */
    if (folio_input_load_image(in, r->doc, view(src), &e) < 0)
        folio_warn_offset(r->opts, r->data, r->len, src->offset, "%s", e.message);
}

static int read_image(rd *r, folio_node *n, const json_value *v)
{
    static const char *const names[] = {"src", "alt", "width", "height"};
    static const keyset ks = {names, 4, ALL(4), B(0), "an image"};
    const json_value *m[4];
    unsigned size[2] = {0, 0};
    int rc = want(r, v, JSON_OBJECT, "\"image\"");
    if (rc < 0 || (rc = members(r, v, &ks, m)) < 0 ||
        (rc = want(r, m[0], JSON_STRING, "\"src\"")) < 0)
        return rc;
    if (m[1] && (rc = want(r, m[1], JSON_STRING, "\"alt\"")) < 0)
        return rc;
    /* 0 means "unknown" in the model, and is written by leaving the key out. */
    for (int i = 0; i < 2; i++) {
        if (m[2 + i] && (rc = want_uint(r, m[2 + i], i ? "\"height\"" : "\"width\"", 1, UINT_MAX,
                                        &size[i])) < 0)
            return rc;
    }
    folio_node_set_image(n, view(m[0]), m[1] ? view(m[1]) : folio_str_n(NULL, 0), size[0], size[1]);
    load_image(r, m[0]);
    return FOLIO_OK;
}

static int read_caption(rd *r, folio_node *parent, const json_value **m)
{
    int rc;
    if (m[K_KICKER] && (rc = want(r, m[K_KICKER], JSON_STRING, "\"kicker\"")) < 0)
        return rc;
    folio_node *n = folio_node_append_new(parent, FOLIO_NODE_CAPTION);
    if (m[K_KICKER])
        folio_node_set_kicker(n, view(m[K_KICKER]));
    if (m[K_CREDIT] && (rc = read_caption_credit(r, n, m[K_CREDIT])) < 0)
        return rc;
    if (m[K_IMAGE] && (rc = read_image(r, n, m[K_IMAGE])) < 0)
        return rc;
    return read_text(r, n, m[K_TEXT], m[K_INLINES]);
}

/*
 * A credit block's text is its credit text, held as one TEXT inline, so its
 * inlines, if given, must be plain text that spells the same.
 */
static int read_credit(rd *r, folio_node *parent, const json_value **m)
{
    int rc;
    if (m[K_INLINES]) {
        folio_node *scratch = folio_node_new(r->doc, FOLIO_NODE_PARAGRAPH);
        if ((rc = read_text(r, scratch, m[K_TEXT], m[K_INLINES])) < 0)
            return rc;
        if (folio_node_has_formatting(scratch))
            return fail(r, m[K_INLINES]->offset, "the inlines of a credit cannot carry formatting");
    }
    folio_node *n = folio_node_append_new(parent, FOLIO_NODE_CREDIT);
    return set_credit(r, n, m[K_LABEL], m[K_TEXT], m[K_PARTS]);
}

/* A table's cell: {"text", "inlines"}, with no "type": a row holds nothing else. */
static int read_cell(rd *r, folio_node *row, const json_value *v)
{
    static const char *const names[] = {"text", "inlines"};
    static const keyset ks = {names, 2, ALL(2), B(0), "a cell"};
    const json_value *m[2];
    int rc = want(r, v, JSON_OBJECT, "a cell");
    if (rc < 0 || (rc = members(r, v, &ks, m)) < 0 ||
        (rc = room(r, row, FOLIO_NODE_CELL, v->offset)) < 0)
        return rc;
    return read_text(r, folio_node_append_new(row, FOLIO_NODE_CELL), m[0], m[1]);
}

/* A table's row: {"header", "cells"}; "header" is written only when true. */
static int read_row(rd *r, folio_node *table, const json_value *v)
{
    static const char *const names[] = {"header", "cells"};
    static const keyset ks = {names, 2, ALL(2), B(1), "a row"};
    const json_value *m[2];
    int rc = want(r, v, JSON_OBJECT, "a row");
    if (rc < 0 || (rc = members(r, v, &ks, m)) < 0 ||
        (m[0] && (rc = want(r, m[0], JSON_TRUE, "\"header\"")) < 0) ||
        (rc = want(r, m[1], JSON_ARRAY, "\"cells\"")) < 0 ||
        (rc = room(r, table, FOLIO_NODE_ROW, v->offset)) < 0)
        return rc;
    folio_node *row = folio_node_append_new(table, FOLIO_NODE_ROW);
    if (m[0] && m[0]->kind == JSON_TRUE)
        folio_node_set_header(row, true);
    for (const json_value *c = m[1]->child; rc == FOLIO_OK && c; c = c->next)
        rc = read_cell(r, row, c);
    return rc;
}

/* An optional plain-text title: a table's "caption", a fact box's "title". */
static int want_title(rd *r, const json_value *v, const char *name)
{
    return v ? want(r, v, JSON_STRING, name) : FOLIO_OK;
}

static int read_table(rd *r, folio_node *parent, const json_value **m)
{
    int rc = want_title(r, m[K_CAPTION], "\"caption\"");
    if (rc < 0 || (rc = want(r, m[K_TEXT], JSON_STRING, "\"text\"")) < 0 ||
        (rc = want(r, m[K_ROWS], JSON_ARRAY, "\"rows\"")) < 0)
        return rc;
    folio_node *n = folio_node_append_new(parent, FOLIO_NODE_TABLE);
    if (m[K_CAPTION])
        folio_node_set_title(n, view(m[K_CAPTION]));
    for (const json_value *v = m[K_ROWS]->child; v; v = v->next) {
        if ((rc = read_row(r, n, v)) < 0)
            return rc;
    }
    if (!folio_str_equal(folio_node_text(n), view(m[K_TEXT])))
        return fail(r, m[K_TEXT]->offset, "\"text\" does not match the table's rows");
    return FOLIO_OK;
}

static int read_factbox(rd *r, folio_node *parent, const json_value **m)
{
    int rc = want_title(r, m[K_TITLE], "\"title\"");
    if (rc < 0 || (rc = want(r, m[K_TEXT], JSON_STRING, "\"text\"")) < 0 ||
        (rc = want(r, m[K_BLOCKS], JSON_ARRAY, "\"blocks\"")) < 0)
        return rc;
    folio_node *n = folio_node_append_new(parent, FOLIO_NODE_FACTBOX);
    if (m[K_TITLE])
        folio_node_set_title(n, view(m[K_TITLE]));
    for (const json_value *v = m[K_BLOCKS]->child; v; v = v->next) {
        if ((rc = read_node(r, n, v)) < 0)
            return rc;
    }
    if (!folio_str_equal(folio_node_text(n), view(m[K_TEXT])))
        return fail(r, m[K_TEXT]->offset, "\"text\" does not match the fact box's blocks");
    return FOLIO_OK;
}

static int read_inline(rd *r, folio_node *parent, folio_node_kind kind, const json_value **m)
{
    int rc;
    if (kind == FOLIO_NODE_TEXT) {
        if ((rc = want(r, m[K_TEXT], JSON_STRING, "\"text\"")) < 0)
            return rc;
        folio_node_append_text(parent, m[K_TEXT]->str, m[K_TEXT]->len);
        return FOLIO_OK;
    }
    if (kind == FOLIO_NODE_LINK && (rc = want(r, m[K_HREF], JSON_STRING, "\"href\"")) < 0)
        return rc;
    folio_node *n = folio_node_append_new(parent, kind);
    if (kind == FOLIO_NODE_LINK)
        folio_node_set_href(n, view(m[K_HREF]));
    return kind == FOLIO_NODE_BREAK ? FOLIO_OK : read_inlines(r, n, m[K_INLINES]);
}

static int build(rd *r, folio_node *parent, folio_node_kind kind, const json_value **m)
{
    switch (kind) {
    case FOLIO_NODE_HEADLINE:
        return read_headline(r, parent, m);
    case FOLIO_NODE_PARAGRAPH:
        return read_paragraph(r, parent, m);
    case FOLIO_NODE_CAPTION:
        return read_caption(r, parent, m);
    case FOLIO_NODE_CREDIT:
        return read_credit(r, parent, m);
    case FOLIO_NODE_BYLINE:
        return read_text(r, folio_node_append_new(parent, kind), m[K_TEXT], m[K_INLINES]);
    case FOLIO_NODE_LIST:
        return read_list(r, parent, m);
    case FOLIO_NODE_TABLE:
        return read_table(r, parent, m);
    case FOLIO_NODE_FACTBOX:
        return read_factbox(r, parent, m);
    default:
        return read_inline(r, parent, kind, m);
    }
}

/* What @parent holds, for messages. */
static const char *child_noun(const folio_node *parent)
{
    switch (folio_node_kind_of(parent)) {
    case FOLIO_NODE_ARTICLE:
        return "block";
    case FOLIO_NODE_LIST:
        return "list item";
    case FOLIO_NODE_FACTBOX:
        return "fact box block";
    default:
        return "inline";
    }
}

static const struct ntype *find_type(const json_value *type)
{
    for (size_t i = 0; i < sizeof ntypes / sizeof ntypes[0]; i++) {
        if (folio_str_equal_c(view(type), folio_node_kind_name(ntypes[i].kind)))
            return &ntypes[i];
    }
    return NULL;
}

/* Reads the block or inline object @v and appends what it describes to @parent. */
static int read_node(rd *r, folio_node *parent, const json_value *v)
{
    const char *noun = child_noun(parent);
    if (v->kind != JSON_OBJECT)
        return fail(r, v->offset, "a %s must be an object, not %s", noun, json_kind_name(v->kind));
    const json_value *type = v->child;
    while (type && !folio_str_equal_c(folio_str_n(type->key, type->key_len), "type"))
        type = type->next;
    if (!type)
        return fail(r, v->offset, "a %s has no \"type\"", noun);
    if (type->kind != JSON_STRING)
        return want(r, type, JSON_STRING, "\"type\"");
    const struct ntype *t = find_type(type);
    if (!t || !folio_node_can_contain(folio_node_kind_of(parent), t->kind)) {
        if (folio_node_kind_of(parent) == FOLIO_NODE_LIST)
            return fail(r, type->offset, "a list item must be a paragraph, not \"%.*s\"",
                        clip(type->len), type->str);
        if (t && folio_node_kind_of(parent) == FOLIO_NODE_FACTBOX)
            return fail(r, type->offset, "a fact box holds paragraphs and lists, not \"%.*s\"",
                        clip(type->len), type->str);
        return fail(r, type->offset, "unknown %s type \"%.*s\"", noun, clip(type->len), type->str);
    }
    const keyset ks = {node_keys, K_COUNT, t->allowed, t->required, t->what};
    const json_value *m[K_COUNT];
    int rc = members(r, v, &ks, m);
    if (rc == FOLIO_OK)
        rc = room(r, parent, t->kind, v->offset);
    return rc < 0 ? rc : build(r, parent, t->kind, m);
}

static int read_blocks(rd *r, folio_node *article, const json_value *blocks)
{
    int rc = want(r, blocks, JSON_ARRAY, "\"blocks\"");
    for (const json_value *v = blocks->child; rc == FOLIO_OK && v; v = v->next)
        rc = read_node(r, article, v);
    return rc;
}

static int read_article(rd *r, const json_value *v)
{
    static const char *const names[] = {"meta", "blocks"};
    static const keyset ks = {names, 2, ALL(2), B(1), "an article"};
    const json_value *m[2];
    int rc = want(r, v, JSON_OBJECT, "an article");
    if (rc < 0 || (rc = members(r, v, &ks, m)) < 0)
        return rc;
    folio_node *article = folio_doc_add_article(r->doc);
    if (m[0] && (rc = read_meta(r, article, m[0])) < 0)
        return rc;
    return read_blocks(r, article, m[1]);
}

static int read_top(rd *r, const json_value *root)
{
    static const char *const names[] = {"version", "meta", "blocks", "articles"};
    static const keyset ks = {names, 4, ALL(4), B(0), "the document"};
    const json_value *m[4];
    int rc = want(r, root, JSON_OBJECT, "the document");
    if (rc < 0 || (rc = members(r, root, &ks, m)) < 0 ||
        (rc = want(r, m[0], JSON_NUMBER, "\"version\"")) < 0)
        return rc;
    if (!folio_str_equal_c(view(m[0]), "1"))
        return fail(r, m[0]->offset, "unknown version %.*s: this reader knows version 1",
                    clip(m[0]->len), m[0]->str);
    if (m[2] && m[3]) {
        const json_value *later = m[2]->key_offset > m[3]->key_offset ? m[2] : m[3];
        return fail(r, later->key_offset, "a document holds \"blocks\" or \"articles\", not both");
    }
    if (!m[2] && !m[3])
        return fail(r, root->offset, "the document has neither \"blocks\" nor \"articles\"");
    folio_node *top = m[2] ? folio_doc_add_article(r->doc) : folio_doc_root(r->doc);
    if (m[1] && (rc = read_meta(r, top, m[1])) < 0)
        return rc;
    if (m[2])
        return read_blocks(r, top, m[2]);
    if ((rc = want(r, m[3], JSON_ARRAY, "\"articles\"")) < 0)
        return rc;
    for (const json_value *v = m[3]->child; rc == FOLIO_OK && v; v = v->next)
        rc = read_article(r, v);
    /* docs/json.md writes one article in the single form, which has no
     * place for a publication's meta: dropping it would be a guess. */
    if (rc == FOLIO_OK && m[1] && m[1]->child && folio_doc_article_count(r->doc) == 1)
        return fail(r, m[1]->key_offset,
                    "a document of one article has no publication \"meta\": "
                    "put its meta in the article and write \"blocks\" instead of \"articles\"");
    return rc;
}

static int json_read(folio_doc *doc, const unsigned char *data, size_t len, const folio_input *in,
                     const folio_options *opts, folio_error *err)
{
    json_doc jd;
    int rc = json_parse(&jd, data, len, err);
    if (rc == FOLIO_OK) {
        rd r = {.doc = doc, .data = data, .len = len, .in = in, .opts = opts, .err = err};
        rc = read_top(&r, jd.root);
    }
    json_doc_free(&jd);
    return rc;
}

/* The writer puts "version" first; other producers may not, so look a little further. */
static int json_sniff(const unsigned char *data, size_t len)
{
    static const char key[] = "\"version\"";
    const size_t klen = sizeof key - 1;
    size_t i = len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
        i++;
    if (i == len || data[i] != '{')
        return 0;
    size_t end = len - i > 256 ? i + 256 : len;
    for (size_t j = i; j + klen <= end; j++) {
        if (memcmp(data + j, key, klen) == 0)
            return 90;
    }
    return 20;
}

static const char *const extensions[] = {"json", NULL};

const folio_reader json_reader = {
    .media_type = "application/json",
    .extensions = extensions,
    .read = json_read,
    .sniff = json_sniff,
};
