/* SPDX-License-Identifier: MIT */
#include <stdlib.h>

#include <folio/iter.h>

#include "internal.h"

struct folio_iter {
    const folio_node *root;
    const folio_node *node;
    folio_event event;
    bool skip;
};

folio_iter *folio_iter_new(const folio_node *root)
{
    folio_iter *it = calloc(1, sizeof *it);
    if (!it)
        folio_oom();
    it->root = root;
    it->event = FOLIO_EVENT_NONE;
    return it;
}

void folio_iter_free(folio_iter *iter)
{
    free(iter);
}

static bool is_leaf(const folio_node *node)
{
    return node->kind == FOLIO_NODE_TEXT || node->kind == FOLIO_NODE_BREAK;
}

folio_event folio_iter_next(folio_iter *it)
{
    const folio_node *n = it->node;
    bool skip = it->skip;
    it->skip = false;
    switch (it->event) {
    case FOLIO_EVENT_NONE:
        it->node = it->root;
        return it->event = FOLIO_EVENT_ENTER;
    case FOLIO_EVENT_DONE:
        return FOLIO_EVENT_DONE;
    case FOLIO_EVENT_ENTER:
        if (!is_leaf(n)) {
            const folio_node *first = skip ? NULL : folio_node_first_child(n);
            if (first) {
                it->node = first;
                return it->event = FOLIO_EVENT_ENTER;
            }
            return it->event = FOLIO_EVENT_EXIT;
        }
        break;
    case FOLIO_EVENT_EXIT:
        break;
    }
    if (n == it->root) {
        it->node = NULL;
        return it->event = FOLIO_EVENT_DONE;
    }
    if (n->next) {
        it->node = n->next;
        return it->event = FOLIO_EVENT_ENTER;
    }
    it->node = n->parent;
    return it->event = FOLIO_EVENT_EXIT;
}

const folio_node *folio_iter_node(const folio_iter *iter)
{
    return iter->node;
}

folio_event folio_iter_event(const folio_iter *iter)
{
    return iter->event;
}

void folio_iter_skip_children(folio_iter *iter)
{
    if (iter->event == FOLIO_EVENT_ENTER)
        iter->skip = true;
}
