/* SPDX-License-Identifier: MIT */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include <folio/resource.h>

#include "internal.h"

struct folio_resource {
    folio_str name;
    const char *media_type; /* a constant of folio_image_probe() */
    const unsigned char *data;
    size_t size;
    unsigned width;
    unsigned height;
};

static uint32_t hash_name(folio_str name)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < name.len; i++)
        h = (h ^ (unsigned char)name.data[i]) * 16777619u;
    return h;
}

/* The slot of @name in the open-addressed index: its own, or the empty one it would take. */
static size_t slot_of(const folio_resources *set, folio_str name)
{
    size_t mask = set->n_slots - 1;
    size_t i = hash_name(name) & mask;
    while (set->slots[i]) {
        if (folio_str_equal(set->items[set->slots[i] - 1]->name, name))
            break;
        i = (i + 1) & mask;
    }
    return i;
}

/* Keeps the index at most half full. Old arrays stay in the arena: resources are few. */
static void grow(folio_arena *arena, folio_resources *set)
{
    size_t cap = set->cap ? 2 * set->cap : 8;
    folio_resource **items = folio_arena_alloc(arena, cap * sizeof *items);
    if (set->count)
        memcpy(items, set->items, set->count * sizeof *items);
    set->items = items;
    set->cap = cap;
    set->n_slots = 2 * cap;
    set->slots = folio_arena_calloc(arena, set->n_slots * sizeof *set->slots);
    for (size_t k = 0; k < set->count; k++)
        set->slots[slot_of(set, items[k]->name)] = (uint32_t)(k + 1);
}

static void insert(folio_doc *doc, folio_resource *res)
{
    folio_resources *set = &doc->resources;
    if (set->count == set->cap)
        grow(&doc->arena, set);
    set->items[set->count++] = res;
    set->slots[slot_of(set, res->name)] = (uint32_t)set->count;
}

const folio_resource *folio_doc_resource(const folio_doc *doc, folio_str name)
{
    const folio_resources *set = &doc->resources;
    if (!set->count || !name.data)
        return NULL;
    size_t i = slot_of(set, name);
    return set->slots[i] ? set->items[set->slots[i] - 1] : NULL;
}

static bool same_bytes(const folio_resource *res, const void *data, size_t len)
{
    return res->size == len && (len == 0 || memcmp(res->data, data, len) == 0);
}

int folio_doc_add_resource(folio_doc *doc, folio_str name, const void *data, size_t len,
                           folio_error *err)
{
    assert(name.data && name.len > 0);
    const folio_resource *old = folio_doc_resource(doc, name);
    if (old) {
        if (same_bytes(old, data, len))
            return FOLIO_OK;
        return folio_error_set(err, FOLIO_ERROR, "resource '%.*s' is already in the document",
                               (int)(name.len > 200 ? 200 : name.len), name.data);
    }
    folio_image_info info;
    int rc = folio_image_probe(data, len, &info, err);
    if (rc < 0)
        return rc;
    folio_resource *res = folio_arena_calloc(&doc->arena, sizeof *res);
    res->name = folio_doc_copy(doc, name);
    res->media_type = info.media_type;
    unsigned char *copy = folio_arena_alloc(&doc->arena, len ? len : 1);
    if (len)
        memcpy(copy, data, len);
    res->data = copy;
    res->size = len;
    res->width = info.width;
    res->height = info.height;
    insert(doc, res);
    return FOLIO_OK;
}

size_t folio_doc_resource_count(const folio_doc *doc)
{
    return doc->resources.count;
}

const folio_resource *folio_doc_resource_at(const folio_doc *doc, size_t index)
{
    assert(index < doc->resources.count);
    return doc->resources.items[index];
}

const folio_resource *folio_node_image_resource(const folio_node *caption)
{
    if (!folio_node_has_image(caption))
        return NULL;
    return folio_doc_resource(caption->doc, folio_node_image_src(caption));
}

/* Points every caption under @top that names @from at @to instead. */
static void rename_refs(folio_node *top, folio_str from, folio_str to)
{
    for (folio_node *n = top; n; n = n->next) {
        if (n->kind == FOLIO_NODE_CAPTION && n->extra && n->extra->image &&
            folio_str_equal(n->extra->image->src, from))
            n->extra->image->src = to;
    }
}

void folio_resources_merge(folio_doc *into, folio_doc *from, folio_node *first_moved,
                           size_t article)
{
    for (size_t k = 0; k < from->resources.count; k++) {
        folio_resource *res = from->resources.items[k];
        const folio_resource *old = folio_doc_resource(into, res->name);
        if (old && same_bytes(old, res->data, res->size))
            continue;
        if (old) {
            /* Two inputs use one name for different pictures: the later one
             * gets a name of its own, and its captions follow it. */
            char prefix[32];
            int n = snprintf(prefix, sizeof prefix, "%zu/", article);
            char *name = folio_arena_alloc(&into->arena, (size_t)n + res->name.len + 1);
            memcpy(name, prefix, (size_t)n);
            memcpy(name + n, res->name.data, res->name.len);
            name[(size_t)n + res->name.len] = '\0';
            folio_str renamed = folio_str_n(name, (size_t)n + res->name.len);
            for (folio_node *a = first_moved; a; a = a->next)
                rename_refs(a->first, res->name, renamed);
            res->name = renamed;
        }
        insert(into, res);
    }
}

folio_str folio_resource_name(const folio_resource *res)
{
    return res->name;
}

const char *folio_resource_media_type(const folio_resource *res)
{
    return res->media_type;
}

const unsigned char *folio_resource_data(const folio_resource *res)
{
    return res->data;
}

size_t folio_resource_size(const folio_resource *res)
{
    return res->size;
}

unsigned folio_resource_width(const folio_resource *res)
{
    return res->width;
}

unsigned folio_resource_height(const folio_resource *res)
{
    return res->height;
}
