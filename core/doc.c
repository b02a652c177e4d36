/* SPDX-License-Identifier: MIT */
#include <assert.h>
#include <string.h>

#include <folio/doc.h>
#include <folio/sink.h>

#include "internal.h"

folio_doc *folio_doc_new(void)
{
    folio_arena arena = {0};
    folio_doc *doc = folio_arena_calloc(&arena, sizeof *doc);
    doc->arena = arena;
    /* The doc struct sits in the arena it describes: copy the arena state
     * back after the allocation that placed it. */
    doc->root = folio_node_new(doc, FOLIO_NODE_DOCUMENT);
    return doc;
}

void folio_doc_free(folio_doc *doc)
{
    if (!doc)
        return;
    folio_arena arena = doc->arena;
    folio_arena_release(&arena);
}

folio_node *folio_doc_root(const folio_doc *doc)
{
    return doc->root;
}

folio_node *folio_doc_add_article(folio_doc *doc)
{
    return folio_node_append_new(doc->root, FOLIO_NODE_ARTICLE);
}

size_t folio_doc_article_count(const folio_doc *doc)
{
    size_t n = 0;
    for (const folio_node *a = doc->root->first; a; a = a->next)
        n++;
    return n;
}

static void set_doc(folio_node *node, folio_doc *doc)
{
    node->doc = doc;
    for (folio_node *c = node->first; c; c = c->next)
        set_doc(c, doc);
}

void folio_doc_merge(folio_doc *into, folio_doc *from)
{
    assert(into != from);
    folio_node *a = from->root->first;
    while (a) {
        folio_node *next = a->next;
        folio_node_unlink(a);
        set_doc(a, into);
        folio_node_append(into->root, a);
        a = next;
    }
    /* from lives in its own arena: take a copy of the arena state before
     * handing the chunks (from itself among them) to into. */
    folio_arena chunks = from->arena;
    folio_arena_take(&into->arena, &chunks);
}

folio_str folio_doc_intern(folio_doc *doc, const char *data, size_t len)
{
    return folio_str_n(folio_arena_strndup(&doc->arena, data, len), len);
}

folio_str folio_doc_copy(folio_doc *doc, folio_str s)
{
    if (!s.data)
        return s;
    return folio_doc_intern(doc, s.data, s.len);
}

folio_node *folio_node_new(folio_doc *doc, folio_node_kind kind)
{
    assert(kind >= FOLIO_NODE_DOCUMENT && kind <= FOLIO_NODE_BREAK);
    folio_node *n = folio_arena_calloc(&doc->arena, sizeof *n);
    n->doc = doc;
    n->kind = (uint8_t)kind;
    n->level = 2;
    n->role = FOLIO_ROLE_BODY;
    return n;
}

bool folio_node_kind_is_block(folio_node_kind kind)
{
    return kind >= FOLIO_NODE_HEADLINE && kind <= FOLIO_NODE_LIST;
}

bool folio_node_kind_is_inline(folio_node_kind kind)
{
    return kind >= FOLIO_NODE_TEXT && kind <= FOLIO_NODE_BREAK;
}

bool folio_node_can_contain(folio_node_kind parent, folio_node_kind child)
{
    switch (parent) {
    case FOLIO_NODE_DOCUMENT:
        return child == FOLIO_NODE_ARTICLE;
    case FOLIO_NODE_ARTICLE:
        return folio_node_kind_is_block(child);
    case FOLIO_NODE_LIST:
        return child == FOLIO_NODE_PARAGRAPH;
    case FOLIO_NODE_HEADLINE:
    case FOLIO_NODE_PARAGRAPH:
    case FOLIO_NODE_CAPTION:
    case FOLIO_NODE_CREDIT:
    case FOLIO_NODE_BYLINE:
    case FOLIO_NODE_EMPHASIS:
    case FOLIO_NODE_STRONG:
    case FOLIO_NODE_LINK:
        return folio_node_kind_is_inline(child);
    case FOLIO_NODE_TEXT:
    case FOLIO_NODE_BREAK:
        return false;
    }
    return false;
}

void folio_node_invalidate(folio_node *node)
{
    for (folio_node *n = node; n; n = n->parent)
        n->cache_valid = false;
}

/* Turns a block's own text into the TEXT node it stands for. Logically the
 * tree does not change, which is why getters on const nodes may call it. */
static void materialize(folio_node *block)
{
    folio_node *t = folio_node_new(block->doc, FOLIO_NODE_TEXT);
    t->text = block->text;
    t->parent = block;
    block->first = block->last = t;
    block->own_text = false;
    block->cache_valid = false;
}

void folio_node_append(folio_node *parent, folio_node *child)
{
    assert(child->parent == NULL && child != parent->doc->root);
    assert(child->doc == parent->doc);
    assert(folio_node_can_contain(parent->kind, child->kind));
    if (parent->own_text)
        materialize(parent);
    child->parent = parent;
    child->prev = parent->last;
    if (parent->last)
        parent->last->next = child;
    else
        parent->first = child;
    parent->last = child;
    folio_node_invalidate(parent);
}

folio_node *folio_node_append_new(folio_node *parent, folio_node_kind kind)
{
    folio_node *child = folio_node_new(parent->doc, kind);
    folio_node_append(parent, child);
    return child;
}

void folio_node_append_text(folio_node *parent, const char *text, size_t len)
{
    assert(folio_node_can_contain(parent->kind, FOLIO_NODE_TEXT));
    folio_node *holder = parent->last;
    if (parent->own_text || (!holder && folio_node_kind_is_block(parent->kind))) {
        holder = parent;
        if (!parent->own_text)
            parent->text = folio_str_n("", 0); /* drop a stale derived text */
        parent->own_text = true;
    } else if (!holder || holder->kind != FOLIO_NODE_TEXT) {
        holder = folio_node_new(parent->doc, FOLIO_NODE_TEXT);
        holder->text = folio_str_n("", 0);
        folio_node_append(parent, holder);
    }
    folio_str t = holder->text;
    char *s = folio_arena_extend(&parent->doc->arena, (char *)t.data, t.len, text, len);
    holder->text = folio_str_n(s, t.len + len);
    folio_node_invalidate(parent);
}

void folio_node_unlink(folio_node *node)
{
    folio_node *parent = node->parent;
    if (!parent)
        return;
    if (node->prev)
        node->prev->next = node->next;
    else
        parent->first = node->next;
    if (node->next)
        node->next->prev = node->prev;
    else
        parent->last = node->prev;
    node->parent = node->prev = node->next = NULL;
    folio_node_invalidate(parent);
}

folio_doc *folio_node_doc(const folio_node *node)
{
    return node->doc;
}

folio_node_kind folio_node_kind_of(const folio_node *node)
{
    return (folio_node_kind)node->kind;
}

folio_node *folio_node_parent(const folio_node *node)
{
    return node->parent;
}

folio_node *folio_node_first_child(const folio_node *node)
{
    if (node->own_text)
        materialize((folio_node *)node);
    return node->first;
}

folio_node *folio_node_last_child(const folio_node *node)
{
    if (node->own_text)
        materialize((folio_node *)node);
    return node->last;
}

folio_node *folio_node_next(const folio_node *node)
{
    return node->next;
}

folio_node *folio_node_prev(const folio_node *node)
{
    return node->prev;
}

const char *folio_node_kind_name(folio_node_kind kind)
{
    static const char *const names[] = {
        [FOLIO_NODE_DOCUMENT] = "document", [FOLIO_NODE_ARTICLE] = "article",
        [FOLIO_NODE_HEADLINE] = "headline", [FOLIO_NODE_PARAGRAPH] = "paragraph",
        [FOLIO_NODE_CAPTION] = "caption",   [FOLIO_NODE_CREDIT] = "credit",
        [FOLIO_NODE_BYLINE] = "byline",     [FOLIO_NODE_LIST] = "list",
        [FOLIO_NODE_TEXT] = "text",         [FOLIO_NODE_EMPHASIS] = "emphasis",
        [FOLIO_NODE_STRONG] = "strong",     [FOLIO_NODE_LINK] = "link",
        [FOLIO_NODE_BREAK] = "break",
    };
    assert(kind >= FOLIO_NODE_DOCUMENT && kind <= FOLIO_NODE_BREAK);
    return names[kind];
}
