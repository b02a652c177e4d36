/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_CORE_INTERNAL_H
#define FOLIO_CORE_INTERNAL_H

#include <folio/doc.h>

#include <stdint.h>

#include "arena.h"

typedef struct folio_credit {
    folio_str label;
    folio_str text;
    folio_str *parts;
    size_t count;
} folio_credit;

typedef struct folio_image {
    folio_str src;
    folio_str alt;
    unsigned width;
    unsigned height;
} folio_image;

typedef struct folio_meta {
    folio_str values[FOLIO_META_COUNT];
    folio_str *authors;
    size_t n_authors;
    size_t cap_authors;
} folio_meta;

/* What only links, captions, credits, tables and fact boxes carry, allocated when first set. */
typedef struct folio_extra {
    folio_str aux;        /* LINK href, CAPTION kicker, TABLE caption, FACTBOX title */
    folio_credit *credit; /* CAPTION, CREDIT */
    folio_image *image;   /* CAPTION */
} folio_extra;

/* 80 bytes: a large article has millions of nodes, and every byte of them
 * is memory the kernel must first clear. */
struct folio_node {
    folio_doc *doc;
    folio_node *parent;
    folio_node *first;
    folio_node *last;
    folio_node *next;
    folio_node *prev;
    /*
     * TEXT: its own text. Blocks and containers of inlines: their plain
     * text, derived on demand. ARTICLE: its derived title.
     */
    folio_str text;
    union {
        folio_extra *extra; /* LINK, CAPTION, CREDIT, TABLE, FACTBOX */
        folio_meta *meta;   /* ARTICLE, DOCUMENT */
    };
    uint8_t kind;     /* folio_node_kind */
    uint8_t level;    /* HEADLINE */
    uint8_t role;     /* PARAGRAPH: folio_role */
    bool flag;        /* LIST: ordered; ROW: header */
    bool cache_valid; /* @text holds the derived text (or title) */
    /*
     * A block whose only inline is plain text keeps it in @text, with no
     * TEXT node until somebody asks for its children: most blocks are such,
     * and a node less per block is a third less memory for a large article.
     */
    bool own_text;
    uint16_t depth; /* below the root of its tree; at most FOLIO_MAX_DEPTH once attached */
};

/* A document's pictures: in the order added, with an open-addressed index by name. */
typedef struct folio_resources {
    struct folio_resource **items;
    size_t count;
    size_t cap;
    uint32_t *slots; /* 1 + index into items, 0 = empty; n_slots is a power of two */
    size_t n_slots;
} folio_resources;

struct folio_doc {
    folio_arena arena;
    folio_node *root;
    folio_resources resources;
};

/*
 * Adds @from's resources to @into, whose articles from @first_moved (number
 * @article, 1-based) on came from @from. A name @into already uses for
 * other bytes gets the prefix "<article>/", and those articles' captions
 * are renamed with it.
 */
void folio_resources_merge(folio_doc *into, folio_doc *from, folio_node *first_moved,
                           size_t article);

/* Copies @s into @doc's arena; an absent view stays absent. */
folio_str folio_doc_copy(folio_doc *doc, folio_str s);

/* Marks derived text of @node and its ancestors as stale. */
void folio_node_invalidate(folio_node *node);

#endif
