/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_ITER_H
#define FOLIO_ITER_H

#include <folio/doc.h>

/**
 * Walks a subtree in document order, as cmark's iterator does: every node
 * that can hold children is seen twice, on ENTER and on EXIT; TEXT and
 * BREAK are seen once, on ENTER. Writers use one loop and one switch:
 *
 *     folio_iter *it = folio_iter_new(folio_doc_root(doc));
 *     folio_event ev;
 *     while ((ev = folio_iter_next(it)) != FOLIO_EVENT_DONE) {
 *         const folio_node *n = folio_iter_node(it);
 *         switch (folio_node_kind_of(n)) { ... }
 *     }
 *     folio_iter_free(it);
 *
 * The tree must not change while an iterator walks it.
 */
typedef struct folio_iter folio_iter;

typedef enum folio_event {
    FOLIO_EVENT_NONE,
    FOLIO_EVENT_DONE,
    FOLIO_EVENT_ENTER,
    FOLIO_EVENT_EXIT,
} folio_event;

/** Creates an iterator over @root and its descendants. Cannot fail. */
FOLIO_API folio_iter *folio_iter_new(const folio_node *root);

/** Releases the iterator. Accepts NULL. */
FOLIO_API void folio_iter_free(folio_iter *iter);

/** Moves to the next event; FOLIO_EVENT_DONE after the EXIT of the root. */
FOLIO_API folio_event folio_iter_next(folio_iter *iter);

/** The node of the current event; NULL before the first and after the last. */
FOLIO_API const folio_node *folio_iter_node(const folio_iter *iter);

/** The current event. */
FOLIO_API folio_event folio_iter_event(const folio_iter *iter);

/**
 * Makes the next call to folio_iter_next() leave the current ENTERed node:
 * its children are skipped and its EXIT comes next. For writers that
 * render a node's inlines themselves.
 */
FOLIO_API void folio_iter_skip_children(folio_iter *iter);

#endif
