/* SPDX-License-Identifier: MIT */
#include <assert.h>
#include <string.h>

#include <folio/doc.h>

#include "internal.h"

static folio_extra *extra_of(folio_node *node)
{
    if (!node->extra)
        node->extra = folio_arena_calloc(&node->doc->arena, sizeof *node->extra);
    return node->extra;
}

static folio_credit *credit_of(const folio_node *node)
{
    bool has = node->kind == FOLIO_NODE_CAPTION || node->kind == FOLIO_NODE_CREDIT;
    return has && node->extra ? node->extra->credit : NULL;
}

static folio_image *image_of(const folio_node *node)
{
    return node->kind == FOLIO_NODE_CAPTION && node->extra ? node->extra->image : NULL;
}

/* LINK href or CAPTION kicker. */
static folio_str aux_of(const folio_node *node, folio_node_kind kind)
{
    return node->kind == kind && node->extra ? node->extra->aux : folio_str_n(NULL, 0);
}

static bool holds_inlines(folio_node_kind kind)
{
    return folio_node_can_contain(kind, FOLIO_NODE_TEXT);
}

/* The text between the texts of two children of @parent. */
static folio_str separator(const folio_node *parent)
{
    switch (parent->kind) {
    case FOLIO_NODE_LIST:
    case FOLIO_NODE_TABLE:
    case FOLIO_NODE_FACTBOX:
        return folio_str_n("\n", 1);
    case FOLIO_NODE_ROW:
        return folio_str_n("\t", 1);
    default:
        return folio_str_n("", 0);
    }
}

static void put(char *out, size_t *len, folio_str piece)
{
    if (out && piece.len)
        memcpy(out + *len, piece.data, piece.len);
    *len += piece.len;
}

/*
 * Walks @top's subtree in order and counts (or, with @out, copies) its
 * plain text: the leaves' text and the separators between siblings. One
 * pass, no recursion and nothing cached on the way, so deriving a block's
 * text is linear in its size however its inlines nest.
 */
static size_t walk_text(const folio_node *top, char *out)
{
    size_t len = 0;
    const folio_node *n = top;
    for (;;) {
        if (n->kind == FOLIO_NODE_TEXT || n->own_text)
            put(out, &len, n->text);
        else if (n->kind == FOLIO_NODE_BREAK)
            put(out, &len, folio_str_n("\n", 1));
        if (n->first) {
            n = n->first;
            continue;
        }
        while (n != top && !n->next)
            n = n->parent;
        if (n == top)
            return len;
        put(out, &len, separator(n->parent));
        n = n->next;
    }
}

folio_str folio_node_text(const folio_node *node)
{
    switch (node->kind) {
    case FOLIO_NODE_TEXT:
        return node->text;
    case FOLIO_NODE_BREAK:
        return folio_str_n("\n", 1);
    case FOLIO_NODE_DOCUMENT:
    case FOLIO_NODE_ARTICLE:
        return folio_str_n("", 0);
    default:
        break;
    }
    if (node->own_text)
        return node->text;
    /* A block of one TEXT inline: lend its text rather than copy it. */
    if (!node->first)
        return folio_str_n("", 0);
    if (node->first == node->last && node->first->kind == FOLIO_NODE_TEXT)
        return node->first->text;
    if (!node->cache_valid) {
        /* Derived text is a cache: the node is logically unchanged. */
        folio_node *self = (folio_node *)node;
        size_t len = walk_text(node, NULL);
        char *s = folio_arena_alloc(&node->doc->arena, len + 1);
        walk_text(node, s);
        s[len] = '\0';
        self->text = folio_str_n(s, len);
        self->cache_valid = true;
    }
    return node->text;
}

bool folio_node_has_formatting(const folio_node *node)
{
    if (!holds_inlines(node->kind) || !node->first)
        return false;
    return node->first != node->last || node->first->kind != FOLIO_NODE_TEXT;
}

int folio_node_level(const folio_node *node)
{
    return node->kind == FOLIO_NODE_HEADLINE ? node->level : 0;
}

void folio_node_set_level(folio_node *node, int level)
{
    assert(node->kind == FOLIO_NODE_HEADLINE && level >= 1 && level <= 3);
    node->level = (uint8_t)level;
}

folio_role folio_node_role(const folio_node *node)
{
    return node->kind == FOLIO_NODE_PARAGRAPH ? (folio_role)node->role : FOLIO_ROLE_BODY;
}

void folio_node_set_role(folio_node *node, folio_role role)
{
    assert(node->kind == FOLIO_NODE_PARAGRAPH);
    assert(role == FOLIO_ROLE_BODY || role == FOLIO_ROLE_LEAD || role == FOLIO_ROLE_QUOTE);
    node->role = (uint8_t)role;
    /* The article's derived title depends on which paragraph is the lead. */
    folio_node_invalidate(node);
}

const char *folio_role_name(folio_role role)
{
    switch (role) {
    case FOLIO_ROLE_LEAD:
        return "lead";
    case FOLIO_ROLE_QUOTE:
        return "quote";
    case FOLIO_ROLE_BODY:
        break;
    }
    return "body";
}

bool folio_node_ordered(const folio_node *node)
{
    return node->kind == FOLIO_NODE_LIST && node->flag;
}

void folio_node_set_ordered(folio_node *node, bool ordered)
{
    assert(node->kind == FOLIO_NODE_LIST);
    node->flag = ordered;
}

bool folio_node_header(const folio_node *node)
{
    return node->kind == FOLIO_NODE_ROW && node->flag;
}

void folio_node_set_header(folio_node *node, bool header)
{
    assert(node->kind == FOLIO_NODE_ROW);
    node->flag = header;
}

folio_str folio_node_title(const folio_node *node)
{
    if (node->kind == FOLIO_NODE_TABLE)
        return aux_of(node, FOLIO_NODE_TABLE);
    return aux_of(node, FOLIO_NODE_FACTBOX);
}

void folio_node_set_title(folio_node *node, folio_str title)
{
    assert(node->kind == FOLIO_NODE_TABLE || node->kind == FOLIO_NODE_FACTBOX);
    extra_of(node)->aux = folio_doc_copy(node->doc, title);
}

folio_str folio_node_href(const folio_node *node)
{
    return aux_of(node, FOLIO_NODE_LINK);
}

void folio_node_set_href(folio_node *node, folio_str href)
{
    assert(node->kind == FOLIO_NODE_LINK);
    extra_of(node)->aux = folio_doc_copy(node->doc, href);
}

folio_str folio_node_kicker(const folio_node *node)
{
    return aux_of(node, FOLIO_NODE_CAPTION);
}

void folio_node_set_kicker(folio_node *node, folio_str kicker)
{
    assert(node->kind == FOLIO_NODE_CAPTION);
    extra_of(node)->aux = folio_doc_copy(node->doc, kicker);
}

void folio_node_set_credit(folio_node *node, folio_str label, folio_str text,
                           const folio_str *parts, size_t count)
{
    assert(node->kind == FOLIO_NODE_CAPTION || node->kind == FOLIO_NODE_CREDIT);
    assert(text.data && (count == 0 || parts));
    folio_doc *doc = node->doc;
    folio_credit *c = folio_arena_calloc(&doc->arena, sizeof *c);
    c->label = folio_doc_copy(doc, label);
    c->text = folio_doc_copy(doc, text);
    c->count = count;
    if (count) {
        c->parts = folio_arena_alloc(&doc->arena, count * sizeof *c->parts);
        for (size_t i = 0; i < count; i++)
            c->parts[i] = folio_doc_copy(doc, parts[i]);
    }
    extra_of(node)->credit = c;
    if (node->kind == FOLIO_NODE_CREDIT) {
        assert(node->first == NULL && !node->own_text);
        folio_node_append_text(node, c->text.data, c->text.len);
    }
}

bool folio_node_has_credit(const folio_node *node)
{
    return credit_of(node) != NULL;
}

folio_str folio_node_credit_label(const folio_node *node)
{
    const folio_credit *c = credit_of(node);
    return c ? c->label : folio_str_n(NULL, 0);
}

folio_str folio_node_credit_text(const folio_node *node)
{
    const folio_credit *c = credit_of(node);
    return c ? c->text : folio_str_n(NULL, 0);
}

size_t folio_node_credit_count(const folio_node *node)
{
    const folio_credit *c = credit_of(node);
    return c ? c->count : 0;
}

folio_str folio_node_credit_part(const folio_node *node, size_t index)
{
    const folio_credit *c = credit_of(node);
    assert(c && index < c->count);
    return c->parts[index];
}

void folio_node_set_image(folio_node *node, folio_str src, folio_str alt, unsigned width,
                          unsigned height)
{
    assert(node->kind == FOLIO_NODE_CAPTION && src.data);
    folio_image *img = folio_arena_calloc(&node->doc->arena, sizeof *img);
    img->src = folio_doc_copy(node->doc, src);
    img->alt = folio_doc_copy(node->doc, alt);
    img->width = width;
    img->height = height;
    extra_of(node)->image = img;
}

bool folio_node_has_image(const folio_node *node)
{
    return image_of(node) != NULL;
}

folio_str folio_node_image_src(const folio_node *node)
{
    const folio_image *img = image_of(node);
    return img ? img->src : folio_str_n(NULL, 0);
}

folio_str folio_node_image_alt(const folio_node *node)
{
    const folio_image *img = image_of(node);
    return img ? img->alt : folio_str_n(NULL, 0);
}

unsigned folio_node_image_width(const folio_node *node)
{
    const folio_image *img = image_of(node);
    return img ? img->width : 0;
}

unsigned folio_node_image_height(const folio_node *node)
{
    const folio_image *img = image_of(node);
    return img ? img->height : 0;
}
