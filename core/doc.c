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
    folio_node *first_moved = a;
    size_t before = folio_doc_article_count(into);
    while (a) {
        folio_node *next = a->next;
        folio_node_unlink(a);
        set_doc(a, into);
        folio_node_append(into->root, a);
        a = next;
    }
    folio_resources_merge(into, from, first_moved, before + 1);
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

/* What each kind is, in one table: kind tests are lookups, not enum ranges. */
enum {
    IS_BLOCK = 1,   /* a block: a child of ARTICLE, or a table's ROW and CELL */
    IS_INLINE = 2,  /* an inline */
    HAS_INLINES = 4 /* holds inlines */
};

static const struct {
    const char *name;
    uint8_t flags;
} kinds[FOLIO_NODE_KIND_COUNT] = {
    [FOLIO_NODE_DOCUMENT] = {"document", 0},
    [FOLIO_NODE_ARTICLE] = {"article", 0},
    [FOLIO_NODE_HEADLINE] = {"headline", IS_BLOCK | HAS_INLINES},
    [FOLIO_NODE_PARAGRAPH] = {"paragraph", IS_BLOCK | HAS_INLINES},
    [FOLIO_NODE_CAPTION] = {"caption", IS_BLOCK | HAS_INLINES},
    [FOLIO_NODE_CREDIT] = {"credit", IS_BLOCK | HAS_INLINES},
    [FOLIO_NODE_BYLINE] = {"byline", IS_BLOCK | HAS_INLINES},
    [FOLIO_NODE_LIST] = {"list", IS_BLOCK},
    [FOLIO_NODE_TEXT] = {"text", IS_INLINE},
    [FOLIO_NODE_EMPHASIS] = {"emphasis", IS_INLINE | HAS_INLINES},
    [FOLIO_NODE_STRONG] = {"strong", IS_INLINE | HAS_INLINES},
    [FOLIO_NODE_LINK] = {"link", IS_INLINE | HAS_INLINES},
    [FOLIO_NODE_BREAK] = {"break", IS_INLINE},
    [FOLIO_NODE_TABLE] = {"table", IS_BLOCK},
    [FOLIO_NODE_ROW] = {"row", IS_BLOCK},
    [FOLIO_NODE_CELL] = {"cell", IS_BLOCK | HAS_INLINES},
    [FOLIO_NODE_FACTBOX] = {"factbox", IS_BLOCK},
};

static bool kind_valid(folio_node_kind kind)
{
    return (unsigned)kind < FOLIO_NODE_KIND_COUNT;
}

static bool kind_has(folio_node_kind kind, unsigned flag)
{
    return kind_valid(kind) && (kinds[kind].flags & flag);
}

folio_node *folio_node_new(folio_doc *doc, folio_node_kind kind)
{
    assert(kind_valid(kind));
    folio_node *n = folio_arena_calloc(&doc->arena, sizeof *n);
    n->doc = doc;
    n->kind = (uint8_t)kind;
    n->level = 2;
    n->role = FOLIO_ROLE_BODY;
    if (kind == FOLIO_NODE_TEXT)
        n->text = folio_str_n("", 0); /* text is never absent */
    return n;
}

bool folio_node_kind_is_block(folio_node_kind kind)
{
    return kind_has(kind, IS_BLOCK);
}

bool folio_node_kind_is_inline(folio_node_kind kind)
{
    return kind_has(kind, IS_INLINE);
}

bool folio_node_can_contain(folio_node_kind parent, folio_node_kind child)
{
    if (!kind_valid(parent) || !kind_valid(child))
        return false;
    if (kinds[parent].flags & HAS_INLINES)
        return kind_has(child, IS_INLINE);
    switch (parent) {
    case FOLIO_NODE_DOCUMENT:
        return child == FOLIO_NODE_ARTICLE;
    case FOLIO_NODE_ARTICLE:
        return kind_has(child, IS_BLOCK) && child != FOLIO_NODE_ROW && child != FOLIO_NODE_CELL;
    case FOLIO_NODE_LIST:
        return child == FOLIO_NODE_PARAGRAPH;
    case FOLIO_NODE_TABLE:
        return child == FOLIO_NODE_ROW;
    case FOLIO_NODE_ROW:
        return child == FOLIO_NODE_CELL;
    case FOLIO_NODE_FACTBOX:
        return child == FOLIO_NODE_PARAGRAPH || child == FOLIO_NODE_LIST;
    default:
        return false;
    }
}

unsigned folio_node_depth(const folio_node *node)
{
    return node->depth;
}

bool folio_node_accepts(const folio_node *parent, folio_node_kind kind)
{
    return folio_node_can_contain(parent->kind, kind) && parent->depth < FOLIO_MAX_DEPTH;
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
    t->depth = (uint16_t)(block->depth + 1);
    block->first = block->last = t;
    block->own_text = false;
    block->cache_valid = false;
}

/*
 * Gives every node under @top its depth below @top's new depth, and returns
 * the deepest. Iterative: a detached subtree may be as deep as its builder made it.
 */
static unsigned set_depths(folio_node *top)
{
    unsigned deepest = top->depth;
    folio_node *n = top;
    for (;;) {
        if (n->first) {
            n->first->depth = (uint16_t)(n->depth + 1);
            n = n->first;
        } else {
            while (n != top && !n->next)
                n = n->parent;
            if (n == top)
                break;
            n->next->depth = n->depth;
            n = n->next;
        }
        if (n->depth > deepest)
            deepest = n->depth;
    }
    return deepest;
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
    child->depth = (uint16_t)(parent->depth + 1);
    if (child->first) {
        unsigned deepest = set_depths(child);
        assert(deepest <= FOLIO_MAX_DEPTH);
        (void)deepest;
    }
    assert(child->depth <= FOLIO_MAX_DEPTH);
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
    node->depth = 0;
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
    return kind_valid(kind) ? kinds[kind].name : NULL;
}
