/* SPDX-License-Identifier: MIT */
#include <assert.h>
#include <string.h>

#include <folio/doc.h>

#include "internal.h"

static const char *const key_names[FOLIO_META_COUNT] = {
    [FOLIO_META_TITLE] = "title",   [FOLIO_META_SUBTITLE] = "subtitle",
    [FOLIO_META_DATE] = "date",     [FOLIO_META_LANG] = "lang",
    [FOLIO_META_SOURCE] = "source", [FOLIO_META_RIGHTS] = "rights",
    [FOLIO_META_ID] = "id",         [FOLIO_META_DESCRIPTION] = "description",
};

const char *folio_meta_key_name(folio_meta_key key)
{
    if (key < 0 || key >= FOLIO_META_COUNT)
        return NULL;
    return key_names[key];
}

folio_meta_key folio_meta_key_from_name(const char *name)
{
    for (int k = 0; k < FOLIO_META_COUNT; k++) {
        if (strcmp(name, key_names[k]) == 0)
            return (folio_meta_key)k;
    }
    return FOLIO_META_COUNT;
}

static bool has_meta(const folio_node *node)
{
    return node->kind == FOLIO_NODE_ARTICLE || node->kind == FOLIO_NODE_DOCUMENT;
}

static folio_meta *meta_of(folio_node *node)
{
    assert(has_meta(node));
    if (!node->meta)
        node->meta = folio_arena_calloc(&node->doc->arena, sizeof *node->meta);
    return node->meta;
}

folio_str folio_node_meta(const folio_node *node, folio_meta_key key)
{
    assert(key >= 0 && key < FOLIO_META_COUNT);
    /* Other kinds use the union for their extra: never read it as meta. */
    if (!has_meta(node) || !node->meta)
        return folio_str_n(NULL, 0);
    return node->meta->values[key];
}

void folio_node_set_meta(folio_node *node, folio_meta_key key, folio_str value)
{
    assert(key >= 0 && key < FOLIO_META_COUNT);
    meta_of(node)->values[key] = folio_doc_copy(node->doc, value);
    if (key == FOLIO_META_TITLE)
        node->cache_valid = false;
}

size_t folio_node_author_count(const folio_node *node)
{
    return has_meta(node) && node->meta ? node->meta->n_authors : 0;
}

folio_str folio_node_author(const folio_node *node, size_t index)
{
    assert(has_meta(node) && node->meta && index < node->meta->n_authors);
    return node->meta->authors[index];
}

void folio_node_add_author(folio_node *node, folio_str name)
{
    assert(name.data);
    folio_meta *m = meta_of(node);
    if (m->n_authors == m->cap_authors) {
        /* The old array stays in the arena; authors are few. */
        size_t cap = m->cap_authors ? 2 * m->cap_authors : 4;
        folio_str *a = folio_arena_alloc(&node->doc->arena, cap * sizeof *a);
        if (m->n_authors)
            memcpy(a, m->authors, m->n_authors * sizeof *a);
        m->authors = a;
        m->cap_authors = cap;
    }
    m->authors[m->n_authors++] = folio_doc_copy(node->doc, name);
}

void folio_node_clear_authors(folio_node *node)
{
    if (has_meta(node) && node->meta)
        node->meta->n_authors = 0;
}

folio_node *folio_doc_meta_node(const folio_doc *doc)
{
    folio_node *root = doc->root;
    if (root->first && root->first == root->last)
        return root->first;
    return root;
}
