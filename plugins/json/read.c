/* SPDX-License-Identifier: MIT */
#include "reader.h"

#include <folio/resource.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The JSON form of the model, docs/json.md. */

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

_Static_assert(K_COUNT <= MAX_KEYS, "MAX_KEYS");

static const char *const node_keys[K_COUNT] = {
    "type",  "level", "role",    "ordered", "kicker",  "text", "credit", "image",  "label",
    "parts", "items", "inlines", "href",    "caption", "rows", "title",  "blocks",
};

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

/* What read_node() builds. */
typedef struct build {
    const struct ntype *t;
    folio_node *parent;
    folio_node *n;       /* NULL for a text inline, which adds its text to @parent */
    folio_node *scratch; /* a credit's inlines, checked against its text */
} build;

static int read_node(rd *r, folio_node *parent);

static void add_author(void *node, json_value *s)
{
    folio_node_add_author(node, rd_view(s));
}

/* Reads the meta object at the parser into @node; *@count is its number of members. */
static int read_meta(rd *r, folio_node *node, size_t *count)
{
    const char *names[FOLIO_META_COUNT + 1];
    for (int k = 0; k < FOLIO_META_COUNT; k++)
        names[k] = folio_meta_key_name((folio_meta_key)k);
    names[FOLIO_META_COUNT] = "authors";
    const keyset ks = {names, FOLIO_META_COUNT + 1, ALL(FOLIO_META_COUNT + 1), 0, "meta"};
    walk w;
    size_t k;
    int rc = rd_walk_begin(r, &w, &ks, "\"meta\"");
    for (*count = 0; rc == FOLIO_OK && (rc = rd_walk_next(r, &w, &k)) == 1; ++*count) {
        if (k == FOLIO_META_COUNT) {
            rc = rd_strings(r, "\"authors\"", add_author, node);
            continue;
        }
        char name[32];
        json_value v;
        snprintf(name, sizeof name, "\"%s\"", names[k]);
        if ((rc = rd_want_scalar(r, &v, JSON_STRING, name)) == FOLIO_OK)
            folio_node_set_meta(node, (folio_meta_key)k, rd_view(&v));
    }
    return rc;
}

/* The text at @offset: a block's "text", read again once its object is closed. */
static int text_at(rd *r, size_t offset, json_value *text)
{
    int rc = rd_scalar_at(r, offset, text);
    return rc < 0 ? rc : rd_want(r, text, JSON_STRING, "\"text\"");
}

/* Gives block @node the "text" at @offset, or checks it against its inlines. */
static int finish_text(rd *r, folio_node *node, size_t offset, bool inlines, const char *what)
{
    json_value text;
    int rc = text_at(r, offset, &text);
    if (rc < 0)
        return rc;
    if (inlines) {
        if (!folio_str_equal(folio_node_text(node), rd_view(&text)))
            return rd_fail(r, text.offset, "\"text\" does not match %s", what);
        return FOLIO_OK;
    }
    if (text.len > 0 && (rc = rd_room(r, node, FOLIO_NODE_TEXT, text.offset)) < 0)
        return rc;
    if (text.len > 0)
        folio_node_append_text(node, text.str, text.len);
    return FOLIO_OK;
}

typedef struct parts {
    folio_str *items;
    size_t count, cap;
    rd *r;
} parts;

static void add_part(void *ctx, json_value *s)
{
    parts *ps = ctx;
    if (ps->count == ps->cap) {
        ps->cap = ps->cap ? 2 * ps->cap : 8;
        ps->items = realloc(ps->items, ps->cap * sizeof *ps->items);
        if (!ps->items)
            folio_oom();
    }
    rd_keep(ps->r, s);
    ps->items[ps->count++] = rd_view(s);
}

/* A credit's label, text and parts, as a caption's "credit" object or a
 * credit block holds them, read from their offsets (@label 0: none). */
static int set_credit(rd *r, folio_node *n, size_t label, size_t text, size_t parts_at)
{
    json_value lv = {0}, tv;
    parts ps = {.r = r};
    int rc;
    if (label && ((rc = rd_scalar_at(r, label, &lv)) < 0 ||
                  (rc = rd_want(r, &lv, JSON_STRING, "\"label\"")) < 0))
        return rc;
    rd_keep(r, &lv);
    if ((rc = text_at(r, text, &tv)) < 0)
        return rc;
    rd_keep(r, &tv);
    r->p.pos = parts_at;
    if ((rc = rd_strings(r, "\"parts\"", add_part, &ps)) == FOLIO_OK)
        folio_node_set_credit(n, rd_view(&lv), rd_view(&tv), ps.items, ps.count);
    free(ps.items);
    return rc;
}

static int read_caption_credit(rd *r, folio_node *n)
{
    static const char *const names[] = {"label", "text", "parts"};
    static const keyset ks = {names, 3, ALL(3), B(1) | B(2), "a caption's credit"};
    walk w;
    int rc = rd_walk_all(r, &w, &ks, "\"credit\"");
    if (rc < 0)
        return rc;
    size_t end = r->p.pos;
    rc = set_credit(r, n, w.seen & B(0) ? w.at[0] : 0, w.at[1], w.at[2]);
    r->p.pos = end;
    return rc;
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
    if (folio_input_load_image(in, r->doc, rd_view(src), &e) < 0)
        folio_warn_offset(r->opts, r->p.data, r->p.len, src->offset, "%s", e.message);
}

/* The members of an image object, read from their offsets. */
static int set_image(rd *r, folio_node *n, const walk *w)
{
    json_value src, alt = {0};
    unsigned size[2] = {0, 0};
    int rc = rd_scalar_at(r, w->at[0], &src);
    if (rc < 0 || (rc = rd_want(r, &src, JSON_STRING, "\"src\"")) < 0)
        return rc;
    rd_keep(r, &src);
    if ((w->seen & B(1)) && ((rc = rd_scalar_at(r, w->at[1], &alt)) < 0 ||
                             (rc = rd_want(r, &alt, JSON_STRING, "\"alt\"")) < 0))
        return rc;
    /* 0 means "unknown" in the model, and is written by leaving the key out. */
    for (int i = 0; i < 2; i++) {
        if (!(w->seen & B(2 + i)))
            continue;
        r->p.pos = w->at[2 + i];
        if ((rc = rd_want_uint(r, i ? "\"height\"" : "\"width\"", 1, UINT_MAX, &size[i])) < 0)
            return rc;
    }
    folio_node_set_image(n, rd_view(&src), rd_view(&alt), size[0], size[1]);
    load_image(r, &src);
    return FOLIO_OK;
}

static int read_image(rd *r, folio_node *n)
{
    static const char *const names[] = {"src", "alt", "width", "height"};
    static const keyset ks = {names, 4, ALL(4), B(0), "an image"};
    walk w;
    int rc = rd_walk_all(r, &w, &ks, "\"image\"");
    if (rc < 0)
        return rc;
    size_t end = r->p.pos;
    rc = set_image(r, n, &w);
    r->p.pos = end;
    return rc;
}

/* A table's cell: {"text", "inlines"}, with no "type": a row holds nothing else. */
static int read_cell(rd *r, folio_node *row)
{
    static const char *const names[] = {"text", "inlines"};
    static const keyset ks = {names, 2, ALL(2), B(0), "a cell"};
    walk w;
    size_t k;
    int rc = rd_walk_begin(r, &w, &ks, "a cell");
    if (rc < 0 || (rc = rd_room(r, row, FOLIO_NODE_CELL, w.offset)) < 0)
        return rc;
    folio_node *cell = folio_node_append_new(row, FOLIO_NODE_CELL);
    while ((rc = rd_walk_next(r, &w, &k)) == 1) {
        json_value v;
        rc = k == 0 ? rd_want_scalar(r, &v, JSON_STRING, "\"text\"")
                    : rd_children(r, cell, "\"inlines\"", read_node);
        if (rc < 0)
            return rc;
    }
    if (rc < 0)
        return rc;
    size_t end = r->p.pos;
    rc = finish_text(r, cell, w.at[0], w.seen & B(1), "the text of the block's inlines");
    r->p.pos = end;
    return rc;
}

/* A table's row: {"header", "cells"}; "header" is written only when true. */
static int read_row(rd *r, folio_node *table)
{
    static const char *const names[] = {"header", "cells"};
    static const keyset ks = {names, 2, ALL(2), B(1), "a row"};
    walk w;
    size_t k;
    int rc = rd_walk_begin(r, &w, &ks, "a row");
    if (rc < 0 || (rc = rd_room(r, table, FOLIO_NODE_ROW, w.offset)) < 0)
        return rc;
    folio_node *row = folio_node_append_new(table, FOLIO_NODE_ROW);
    while ((rc = rd_walk_next(r, &w, &k)) == 1) {
        json_value v;
        if (k == 1)
            rc = rd_children(r, row, "\"cells\"", read_cell);
        else if ((rc = rd_want_scalar(r, &v, JSON_TRUE, "\"header\"")) == FOLIO_OK)
            folio_node_set_header(row, v.kind == JSON_TRUE);
        if (rc < 0)
            return rc;
    }
    return rc;
}

static int read_role(rd *r, folio_node *n)
{
    static const folio_role roles[] = {FOLIO_ROLE_LEAD, FOLIO_ROLE_BODY, FOLIO_ROLE_QUOTE};
    json_value v;
    int rc = rd_want_scalar(r, &v, JSON_STRING, "\"role\"");
    if (rc < 0)
        return rc;
    size_t i = 0;
    while (i < 3 && !folio_str_equal_c(rd_view(&v), folio_role_name(roles[i])))
        i++;
    if (i == 3)
        return rd_fail(r, v.offset, "unknown role \"%.*s\"", rd_clip(v.len), v.str);
    folio_node_set_role(n, roles[i]);
    return FOLIO_OK;
}

/* A string member that goes straight into the node: "kicker", "href", "caption", "title". */
static int read_string_member(rd *r, const build *b, size_t k)
{
    json_value v;
    char name[16];
    snprintf(name, sizeof name, "\"%s\"", node_keys[k]);
    int rc = rd_want_scalar(r, &v, JSON_STRING, name);
    if (rc < 0)
        return rc;
    if (k == K_KICKER)
        folio_node_set_kicker(b->n, rd_view(&v));
    else if (k == K_HREF)
        folio_node_set_href(b->n, rd_view(&v));
    else
        folio_node_set_title(b->n, rd_view(&v));
    return FOLIO_OK;
}

/* Reads member @k of a block or inline object, with the parser at its value. */
static int read_member(rd *r, build *b, size_t k)
{
    json_value v;
    unsigned level;
    int rc;
    switch (k) {
    case K_TEXT:
        if ((rc = rd_want_scalar(r, &v, JSON_STRING, "\"text\"")) == FOLIO_OK && !b->n)
            folio_node_append_text(b->parent, v.str, v.len);
        return rc;
    case K_LEVEL:
        if ((rc = rd_want_uint(r, "\"level\"", 1, 3, &level)) == FOLIO_OK)
            folio_node_set_level(b->n, (int)level);
        return rc;
    case K_ROLE:
        return read_role(r, b->n);
    case K_ORDERED:
        if ((rc = rd_want_scalar(r, &v, JSON_TRUE, "\"ordered\"")) == FOLIO_OK)
            folio_node_set_ordered(b->n, v.kind == JSON_TRUE);
        return rc;
    case K_KICKER:
    case K_HREF:
    case K_CAPTION:
    case K_TITLE:
        return read_string_member(r, b, k);
    case K_CREDIT:
        return read_caption_credit(r, b->n);
    case K_IMAGE:
        return read_image(r, b->n);
    case K_INLINES:
        if (b->t->kind == FOLIO_NODE_CREDIT)
            b->scratch = folio_node_new(r->doc, FOLIO_NODE_PARAGRAPH);
        return rd_children(r, b->scratch ? b->scratch : b->n, "\"inlines\"", read_node);
    case K_ITEMS:
        return rd_children(r, b->n, "\"items\"", read_node);
    case K_ROWS:
        return rd_children(r, b->n, "\"rows\"", read_row);
    case K_BLOCKS:
        return rd_children(r, b->n, "\"blocks\"", read_node);
    default: /* "type", read already; "label" and "parts", read at the end */
        return json_skip(&r->p);
    }
}

/* What is left once the object is closed: the checks and values that need all of it. */
static int finish(rd *r, const build *b, const walk *w)
{
    bool inlines = w->seen & B(K_INLINES);
    int rc;
    switch (b->t->kind) {
    case FOLIO_NODE_HEADLINE:
    case FOLIO_NODE_PARAGRAPH:
    case FOLIO_NODE_CAPTION:
    case FOLIO_NODE_BYLINE:
        return finish_text(r, b->n, w->at[K_TEXT], inlines, "the text of the block's inlines");
    case FOLIO_NODE_LIST:
        return finish_text(r, b->n, w->at[K_TEXT], true, "the list's items");
    case FOLIO_NODE_TABLE:
        return finish_text(r, b->n, w->at[K_TEXT], true, "the table's rows");
    case FOLIO_NODE_FACTBOX:
        return finish_text(r, b->n, w->at[K_TEXT], true, "the fact box's blocks");
    case FOLIO_NODE_CREDIT:
        /* A credit's text is one TEXT inline: its inlines must spell the same, unformatted. */
        if (inlines && (rc = finish_text(r, b->scratch, w->at[K_TEXT], true,
                                         "the text of the block's inlines")) < 0)
            return rc;
        if (inlines && folio_node_has_formatting(b->scratch))
            return rd_fail(r, w->at[K_INLINES], "the inlines of a credit cannot carry formatting");
        return set_credit(r, b->n, w->seen & B(K_LABEL) ? w->at[K_LABEL] : 0, w->at[K_TEXT],
                          w->at[K_PARTS]);
    default:
        return FOLIO_OK;
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
        if (folio_str_equal_c(rd_view(type), folio_node_kind_name(ntypes[i].kind)))
            return &ntypes[i];
    }
    return NULL;
}

/*
 * Finds the "type" of the object at @offset, whose members the parser is
 * at, and leaves the parser where it was. The writer puts "type" first, so
 * this reads one name; another producer's order costs a skip of the
 * members before it.
 */
static int find_type_member(rd *r, size_t offset, json_value *type)
{
    size_t pos = r->p.pos;
    unsigned depth = r->p.depth;
    json_iter it = {.offset = offset, .object = true};
    json_value key;
    int rc;
    while ((rc = json_next(&r->p, &it, &key)) == 1) {
        if (folio_str_equal_c(rd_view(&key), "type")) {
            rc = json_scalar(&r->p, type);
            rc = rc < 0 ? rc : 1;
            break;
        }
        if ((rc = json_skip(&r->p)) < 0)
            break;
    }
    r->p.pos = pos;
    r->p.depth = depth;
    return rc < 0 ? rc : rc == 1 ? FOLIO_OK : 1; /* 1: it has none */
}

/* The type of the object at @offset, which the parser has entered, checked against @parent. */
static int node_type(rd *r, const folio_node *parent, size_t offset, const struct ntype **out)
{
    const char *noun = child_noun(parent);
    json_value type;
    int rc = find_type_member(r, offset, &type);
    if (rc < 0)
        return rc;
    if (rc == 1)
        return rd_fail(r, offset, "a %s has no \"type\"", noun);
    if (type.kind != JSON_STRING)
        return rd_want(r, &type, JSON_STRING, "\"type\"");
    const struct ntype *t = find_type(&type);
    folio_node_kind pk = folio_node_kind_of(parent);
    if (!t || !folio_node_can_contain(pk, t->kind)) {
        if (pk == FOLIO_NODE_LIST)
            return rd_fail(r, type.offset, "a list item must be a paragraph, not \"%.*s\"",
                           rd_clip(type.len), type.str);
        if (t && pk == FOLIO_NODE_FACTBOX)
            return rd_fail(r, type.offset, "a fact box holds paragraphs and lists, not \"%.*s\"",
                           rd_clip(type.len), type.str);
        return rd_fail(r, type.offset, "unknown %s type \"%.*s\"", noun, rd_clip(type.len),
                       type.str);
    }
    *out = t;
    return rd_room(r, parent, t->kind, offset);
}

/* Reads the block or inline object at the parser and appends what it describes to @parent. */
static int read_node(rd *r, folio_node *parent)
{
    json_value v;
    int rc = json_peek(&r->p, &v);
    if (rc < 0)
        return rc;
    if (v.kind != JSON_OBJECT)
        return rd_fail(r, v.offset, "a %s must be an object, not %s", child_noun(parent),
                       json_kind_name(v.kind));
    build b = {.parent = parent};
    walk w;
    size_t k;
    keyset ks = {node_keys, K_COUNT, 0, 0, NULL};
    if ((rc = rd_walk_begin(r, &w, &ks, "an object")) < 0 ||
        (rc = node_type(r, parent, v.offset, &b.t)) < 0)
        return rc;
    ks = (keyset){node_keys, K_COUNT, b.t->allowed, b.t->required, b.t->what};
    if (b.t->kind != FOLIO_NODE_TEXT)
        b.n = folio_node_append_new(parent, b.t->kind);
    while ((rc = rd_walk_next(r, &w, &k)) == 1) {
        if ((rc = read_member(r, &b, k)) < 0)
            return rc;
    }
    if (rc < 0)
        return rc;
    size_t end = r->p.pos;
    rc = finish(r, &b, &w);
    r->p.pos = end;
    return rc;
}

static int read_blocks(rd *r, folio_node *parent)
{
    return rd_children(r, parent, "\"blocks\"", read_node);
}

/* An article of the "articles" form: a child_fn, though it adds to the document, not @root. */
static int read_article(rd *r, folio_node *root)
{
    static const char *const names[] = {"meta", "blocks"};
    static const keyset ks = {names, 2, ALL(2), B(1), "an article"};
    walk w;
    size_t k, count;
    (void)root;
    int rc = rd_walk_begin(r, &w, &ks, "an article");
    if (rc < 0)
        return rc;
    folio_node *article = folio_doc_add_article(r->doc);
    while ((rc = rd_walk_next(r, &w, &k)) == 1) {
        if ((rc = k == 0 ? read_meta(r, article, &count) : read_blocks(r, article)) < 0)
            return rc;
    }
    return rc;
}

/* The top object's members. */
enum { T_VERSION, T_META, T_BLOCKS, T_ARTICLES, T_COUNT };

typedef struct top_scan {
    size_t offset;      /* of the document's first byte */
    size_t at[T_COUNT]; /* of each member's value */
    size_t key_at[T_COUNT];
    unsigned seen;
    size_t bad; /* the name of the first unknown or duplicate member, or SIZE_MAX */
} top_scan;

static const char *const top_names[] = {"version", "meta", "blocks", "articles"};

/*
 * The first pass: checks the syntax of the whole text, so that a syntax
 * error anywhere is reported before any fault of the model, and notes
 * where the top object's members are. Nothing is stored but offsets.
 */
static int scan_top(rd *r, top_scan *t, json_value *root)
{
    static const keyset ks = {top_names, T_COUNT, ALL(T_COUNT), B(T_VERSION), "the document"};
    json_iter it;
    json_value key, v;
    int rc = json_peek(&r->p, root);
    *t = (top_scan){.offset = root->offset, .bad = SIZE_MAX};
    if (rc < 0)
        return rc;
    if (root->kind != JSON_OBJECT)
        return json_skip(&r->p);
    if ((rc = json_enter(&r->p, &it)) < 0)
        return rc;
    while ((rc = json_next(&r->p, &it, &key)) == 1) {
        size_t k = rd_find_key(&ks, rd_view(&key));
        if ((rc = json_peek(&r->p, &v)) < 0)
            return rc;
        if (k < T_COUNT && !(t->seen & B(k))) {
            t->seen |= B(k);
            t->at[k] = v.offset;
            t->key_at[k] = key.offset;
        } else if (t->bad == SIZE_MAX) {
            t->bad = key.offset;
        }
        if ((rc = json_skip(&r->p)) < 0)
            return rc;
    }
    return rc;
}

/* Checks the top object's members, as scan_top() found them. */
static int check_top(rd *r, const top_scan *t)
{
    json_value v;
    int rc;
    if (t->bad != SIZE_MAX) {
        if ((rc = rd_scalar_at(r, t->bad, &v)) < 0)
            return rc;
        size_t k = 0;
        while (k < T_COUNT && !folio_str_equal_c(rd_view(&v), top_names[k]))
            k++;
        if (k < T_COUNT)
            return rd_fail(r, t->bad, "duplicate key \"%s\"", top_names[k]);
        return rd_fail(r, t->bad, "unknown key \"%.*s\" in the document", rd_clip(v.len), v.str);
    }
    if (!(t->seen & B(T_VERSION)))
        return rd_fail(r, t->offset, "the document has no \"version\"");
    if ((rc = rd_scalar_at(r, t->at[T_VERSION], &v)) < 0 ||
        (rc = rd_want(r, &v, JSON_NUMBER, "\"version\"")) < 0)
        return rc;
    if (!folio_str_equal_c(rd_view(&v), "1"))
        return rd_fail(r, v.offset, "unknown version %.*s: this reader knows version 1",
                       rd_clip(v.len), v.str);
    if ((t->seen & B(T_BLOCKS)) && (t->seen & B(T_ARTICLES)))
        return rd_fail(r,
                       t->key_at[T_BLOCKS] > t->key_at[T_ARTICLES] ? t->key_at[T_BLOCKS]
                                                                   : t->key_at[T_ARTICLES],
                       "a document holds \"blocks\" or \"articles\", not both");
    if (!(t->seen & (B(T_BLOCKS) | B(T_ARTICLES))))
        return rd_fail(r, t->offset, "the document has neither \"blocks\" nor \"articles\"");
    return FOLIO_OK;
}

static int read_top(rd *r)
{
    top_scan t;
    json_value root;
    size_t meta = 0;
    int rc = scan_top(r, &t, &root);
    if (rc < 0 || (rc = json_end(&r->p)) < 0 ||
        (rc = rd_want(r, &root, JSON_OBJECT, "the document")) < 0 || (rc = check_top(r, &t)) < 0)
        return rc;
    bool single = t.seen & B(T_BLOCKS);
    folio_node *top = single ? folio_doc_add_article(r->doc) : folio_doc_root(r->doc);
    r->p.pos = t.at[T_META];
    if ((t.seen & B(T_META)) && (rc = read_meta(r, top, &meta)) < 0)
        return rc;
    r->p.pos = t.at[single ? T_BLOCKS : T_ARTICLES];
    if (single)
        return read_blocks(r, top);
    if ((rc = rd_children(r, top, "\"articles\"", read_article)) < 0)
        return rc;
    /* docs/json.md writes one article in the single form, which has no
     * place for a publication's meta: dropping it would be a guess. */
    if (meta > 0 && folio_doc_article_count(r->doc) == 1)
        return rd_fail(r, t.key_at[T_META],
                       "a document of one article has no publication \"meta\": "
                       "put its meta in the article and write \"blocks\" instead of \"articles\"");
    return FOLIO_OK;
}

static int json_read(folio_doc *doc, const unsigned char *data, size_t len, const folio_input *in,
                     const folio_options *opts, folio_error *err)
{
    rd r = {.doc = doc, .in = in, .opts = opts, .err = err};
    json_parser_init(&r.p, data, len, err);
    int rc = read_top(&r);
    json_parser_free(&r.p);
    folio_arena_free(r.keep);
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
