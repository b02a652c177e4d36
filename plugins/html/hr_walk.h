/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_HR_WALK_H
#define FOLIO_HR_WALK_H

/* The walk from the page's tree to the model: extract.c decides what each
 * element is, hr_blocks.c builds and finishes the blocks. */

#include "hr.h"

#include <folio/options.h>

/* What an element did when the walk entered it, so that leaving undoes it. */
typedef enum hact {
    ACT_NONE,      /* nothing to undo */
    ACT_BLOCK,     /* a block boundary: ends an implicit paragraph */
    ACT_PARA,      /* opened the inline block w->para */
    ACT_TITLE,     /* the article's <h1>: its text is the title */
    ACT_INLINE,    /* opened an inline (emphasis, strong, link) */
    ACT_LIST,      /* opened a LIST, or flattened a nested one into it */
    ACT_TABLE,     /* opened a TABLE */
    ACT_ROW,       /* opened a ROW */
    ACT_TCAPTION,  /* a table's caption */
    ACT_FIGURE,    /* a figure: one CAPTION when it closes */
    ACT_TARGET,    /* sent inlines elsewhere (a figure's kicker or credit) */
    ACT_FACTBOX,   /* opened a FACTBOX */
    ACT_FACTTITLE, /* a fact box's heading: its title */
    ACT_CREDIT,    /* a credit element outside a figure */
} hact;

/* Saved on entering an element that changes the walk's state. */
typedef struct hframe hframe;
struct hframe {
    hact act;
    folio_node *cont, *para, *inl, *node, *space_node;
    const hnode *owner;
    bool space, content;
    hframe *next_free;
};

typedef struct walker {
    folio_doc *doc;
    folio_node *art;
    const htmlread_config *cfg;
    hnode *root;            /* the element the article is read from */
    htree *tree;            /* NULL while nothing may be freed (a title read ahead) */
    folio_arena *arena;     /* frames and scratch text */
    hframe *free;           /* frames to use again: they nest, so few are live */
    folio_node *cont;       /* where blocks go: ARTICLE, FACTBOX, LIST, TABLE or ROW */
    folio_node *para;       /* the inline block being filled, or NULL */
    folio_node *inl;        /* where inlines go: para or an inline in it */
    const hnode *owner;     /* the element that opened para; NULL: an implicit paragraph */
    bool space;             /* collapsed white space waits for more text */
    folio_node *space_node; /* the inline it was seen in */
    bool trail;             /* the text so far ends a line or a space: white space is dropped */
    bool content;           /* para has text */
    unsigned quote, lead, pre, thead; /* inside such elements */
    bool class_lead;                  /* a paragraph took its lead role from a class */
    folio_node *first_para;           /* the article's first paragraph that is not a quote */
    bool row_td;                      /* the row being read has a <td> */
    /* the figure being read */
    const hnode *fig, *img;
    folio_node *fig_text, *fig_kicker, *fig_credit;
    /* what the body says about the article */
    bool title_done;
    folio_str h1, subtitle, source;
    folio_buf authors; /* NUL-separated names from the writer's authors line */
    folio_buf heads;   /* (folio_node *, int) pairs: each headline's HTML level */
    folio_buf scratch;
} walker;

/* hr_blocks.c */
bool hw_accepts_inline(const folio_node *parent, folio_node_kind kind);
void hw_text(walker *w, const char *s, size_t len);
void hw_pending_space(walker *w);
void hw_flush_space(walker *w);
bool hw_ensure_para(walker *w);
void hw_boundary(walker *w);
folio_node *hw_open_block(walker *w, folio_node_kind kind, const hnode *owner);
void hw_finish_para(walker *w);
void hw_break(walker *w);
void hw_image(walker *w, const hnode *img);
void hw_figure_end(walker *w);
void hw_credit_end(walker *w, folio_node *scratch);
void hw_copy_range(folio_node *dst, const folio_node *src, size_t from, size_t to);
folio_str hw_scratch_text(folio_node *scratch);
void hw_finish_article(walker *w);
/* A LIST, TABLE or FACTBOX with nothing in it. */
bool hw_is_empty_box(const folio_node *b);
void hw_headline_level(walker *w, folio_node *h, int level);

#endif
