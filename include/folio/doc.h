/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_DOC_H
#define FOLIO_DOC_H

#include <folio/common.h>

/**
 * The document model (docs/json.md): a DOCUMENT holds one or more ARTICLEs;
 * an article holds blocks; a block with text holds inlines. Every node,
 * string and resource lives in the document's arena and is released by one
 * folio_doc_free(). Text is copied in; views handed out stay valid until
 * the document is freed.
 *
 * Threads: a document is used by one thread at a time, reading included.
 * Getters fill caches (derived text, titles, a block's TEXT node) on first
 * use, so two threads reading the same document race. Different documents
 * may be used on different threads freely.
 */
typedef struct folio_doc folio_doc;
typedef struct folio_node folio_node;

typedef enum folio_node_kind {
    FOLIO_NODE_DOCUMENT,
    FOLIO_NODE_ARTICLE,
    /* blocks */
    FOLIO_NODE_HEADLINE,
    FOLIO_NODE_PARAGRAPH,
    FOLIO_NODE_CAPTION,
    FOLIO_NODE_CREDIT,
    FOLIO_NODE_BYLINE,
    FOLIO_NODE_LIST,
    /* inlines */
    FOLIO_NODE_TEXT,
    FOLIO_NODE_EMPHASIS,
    FOLIO_NODE_STRONG,
    FOLIO_NODE_LINK,
    FOLIO_NODE_BREAK,
    /* ABI 2: appended, never renumbered. Blocks: a TABLE holds ROWs, a ROW
     * holds CELLs, a CELL holds inlines; a FACTBOX holds PARAGRAPHs and LISTs. */
    FOLIO_NODE_TABLE,
    FOLIO_NODE_ROW,
    FOLIO_NODE_CELL,
    FOLIO_NODE_FACTBOX,
    FOLIO_NODE_KIND_COUNT
} folio_node_kind;

/**
 * The deepest a node may sit below the DOCUMENT (which is depth 0). Readers
 * check folio_node_accepts() before they build, so hostile input (50,000
 * nested emphases) becomes an error rather than a recursion that overflows
 * the stack of every writer after it.
 */
#define FOLIO_MAX_DEPTH 64

/** The role of a paragraph. */
typedef enum folio_role {
    FOLIO_ROLE_BODY,
    FOLIO_ROLE_LEAD,
    FOLIO_ROLE_QUOTE,
} folio_role;

/** Metadata keys, in the order the JSON form writes them (authors apart). */
typedef enum folio_meta_key {
    FOLIO_META_TITLE,
    FOLIO_META_SUBTITLE,
    FOLIO_META_DATE,
    FOLIO_META_LANG,
    FOLIO_META_SOURCE,
    FOLIO_META_RIGHTS,
    FOLIO_META_ID,
    FOLIO_META_DESCRIPTION,
    FOLIO_META_COUNT
} folio_meta_key;

/* ---- document ---- */

/** Creates an empty document: a DOCUMENT root with no articles. Cannot fail. */
FOLIO_API folio_doc *folio_doc_new(void);

/** Releases the document, every node and every string in it. Accepts NULL. */
FOLIO_API void folio_doc_free(folio_doc *doc);

/** The DOCUMENT node. Lent: valid until the document is freed. */
FOLIO_API folio_node *folio_doc_root(const folio_doc *doc);

/** Appends a new empty ARTICLE to the document and returns it. */
FOLIO_API folio_node *folio_doc_add_article(folio_doc *doc);

/** The number of articles in the document. */
FOLIO_API size_t folio_doc_article_count(const folio_doc *doc);

/**
 * Moves every article of @from to the end of @into, and @from's memory with
 * them, then frees @from. Used to make one digest of several inputs. The
 * document-level metadata of @from is dropped.
 */
FOLIO_API void folio_doc_merge(folio_doc *into, folio_doc *from);

/**
 * Copies @len bytes into the document's arena, NUL-terminated, and returns
 * the view. For readers that keep scratch text alive as long as the doc.
 */
FOLIO_API folio_str folio_doc_intern(folio_doc *doc, const char *data, size_t len);

/* ---- nodes: creation and structure ---- */

/**
 * Creates a detached node of @kind in @doc's arena. Attach it with
 * folio_node_append(); a node that is never attached is freed with the doc.
 */
FOLIO_API folio_node *folio_node_new(folio_doc *doc, folio_node_kind kind);

/**
 * The nesting rules, in one place: may a node of @parent kind hold a child
 * of @child kind? DOCUMENT holds ARTICLEs; ARTICLE holds blocks other than
 * ROW and CELL; LIST holds PARAGRAPHs; TABLE holds ROWs; ROW holds CELLs;
 * FACTBOX holds PARAGRAPHs and LISTs; HEADLINE, PARAGRAPH, CAPTION, CREDIT,
 * BYLINE, CELL, EMPHASIS, STRONG and LINK hold inlines; TEXT and BREAK hold
 * nothing. Readers check it (or folio_node_accepts()) before they build;
 * builders assert it.
 */
FOLIO_API bool folio_node_can_contain(folio_node_kind parent, folio_node_kind child);

/** How deep @node sits: 0 for the DOCUMENT and for a detached node's own root. */
FOLIO_API unsigned folio_node_depth(const folio_node *node);

/**
 * May a new node of @kind be appended to @parent: the nesting rules allow
 * it and it would sit no deeper than FOLIO_MAX_DEPTH. A reader that gets
 * false for a depth reason reports "nested too deeply" at the position.
 */
FOLIO_API bool folio_node_accepts(const folio_node *parent, folio_node_kind kind);

/**
 * Appends detached @child as the last child of @parent. Both must belong to
 * the same document, the nesting rules must allow it and the deepest node
 * of @child's subtree must end up no deeper than FOLIO_MAX_DEPTH (asserted).
 */
FOLIO_API void folio_node_append(folio_node *parent, folio_node *child);

/** folio_node_new() then folio_node_append() to @parent; returns the child. */
FOLIO_API folio_node *folio_node_append_new(folio_node *parent, folio_node_kind kind);

/**
 * Appends a copy of @len bytes at @text to @parent's text: to its last TEXT
 * inline when that is its last child, else as a new TEXT inline. Fetch the
 * TEXT node with folio_node_last_child() if you need it.
 */
FOLIO_API void folio_node_append_text(folio_node *parent, const char *text, size_t len);

/** Detaches @node (with its subtree) from its parent. Its memory stays in the arena. */
FOLIO_API void folio_node_unlink(folio_node *node);

/** The document that owns @node. */
FOLIO_API folio_doc *folio_node_doc(const folio_node *node);

/** The kind of @node. */
FOLIO_API folio_node_kind folio_node_kind_of(const folio_node *node);

/*
 * Tree links; NULL where there is none. Lent: valid until the document is
 * freed. A block whose only inline is plain text keeps that text without a
 * TEXT node until its children are first asked for: first_child and
 * last_child then make the node (in the arena, so the tree looks the same
 * whatever is asked first). Like every derived value, this makes reading
 * one document from several threads at once unsafe.
 */
FOLIO_API folio_node *folio_node_parent(const folio_node *node);
FOLIO_API folio_node *folio_node_first_child(const folio_node *node);
FOLIO_API folio_node *folio_node_last_child(const folio_node *node);
FOLIO_API folio_node *folio_node_next(const folio_node *node);
FOLIO_API folio_node *folio_node_prev(const folio_node *node);

/**
 * True for HEADLINE, PARAGRAPH, CAPTION, CREDIT, BYLINE, LIST, TABLE and
 * FACTBOX, and for a table's ROW and CELL (blocks that only a TABLE holds).
 */
FOLIO_API bool folio_node_kind_is_block(folio_node_kind kind);

/** True for TEXT, EMPHASIS, STRONG, LINK and BREAK. */
FOLIO_API bool folio_node_kind_is_inline(folio_node_kind kind);

/** The JSON name of @kind ("headline", "emphasis", "table", "row", "cell", "factbox");
 * "document", "article" for those two; NULL for an unknown number. */
FOLIO_API const char *folio_node_kind_name(folio_node_kind kind);

/* ---- text ---- */

/**
 * The plain text of @node: a TEXT node's own text; a BREAK's "\n"; for any
 * other inline or block the concatenation of its inline text; for a LIST its
 * items' texts joined by "\n"; for a TABLE its rows' texts joined by "\n",
 * for a ROW its cells' texts joined by "\t"; for a FACTBOX its blocks'
 * texts joined by "\n"; for ARTICLE and DOCUMENT an empty view. Never
 * absent. Computed once, in one pass, and kept until the subtree changes.
 */
FOLIO_API folio_str folio_node_text(const folio_node *node);

/**
 * True when the block's inlines carry formatting: anything other than a
 * single TEXT child (or none). Writers of plain forms can then skip them.
 */
FOLIO_API bool folio_node_has_formatting(const folio_node *node);

/* ---- block and inline properties ---- */

/*
 * Every getter below accepts a node of any kind and answers the default
 * (0, false, FOLIO_ROLE_BODY or an absent view) for a kind that lacks the
 * property; each setter asserts the kind it is for.
 */

/** HEADLINE level, 1 to 3 (asserted); default 2. */
FOLIO_API int folio_node_level(const folio_node *node);
FOLIO_API void folio_node_set_level(folio_node *node, int level);

/** PARAGRAPH role; default FOLIO_ROLE_BODY. */
FOLIO_API folio_role folio_node_role(const folio_node *node);
FOLIO_API void folio_node_set_role(folio_node *node, folio_role role);

/** The JSON name of @role ("lead", "body", "quote"). */
FOLIO_API const char *folio_role_name(folio_role role);

/** LIST: numbered or not; default false. */
FOLIO_API bool folio_node_ordered(const folio_node *node);
FOLIO_API void folio_node_set_ordered(folio_node *node, bool ordered);

/** ROW: a header row (its cells are column headings); default false. */
FOLIO_API bool folio_node_header(const folio_node *node);
FOLIO_API void folio_node_set_header(folio_node *node, bool header);

/** TABLE caption or FACTBOX title, as plain text. Absent until set; absent on any other kind. */
FOLIO_API folio_str folio_node_title(const folio_node *node);
FOLIO_API void folio_node_set_title(folio_node *node, folio_str title);

/** LINK target. Absent until set. */
FOLIO_API folio_str folio_node_href(const folio_node *node);
FOLIO_API void folio_node_set_href(folio_node *node, folio_str href);

/** CAPTION kicker ("GUIDET"). Absent when the caption has none. */
FOLIO_API folio_str folio_node_kicker(const folio_node *node);
FOLIO_API void folio_node_set_kicker(folio_node *node, folio_str kicker);

/**
 * Credit of a CAPTION or a CREDIT block: optional @label ("Foto", absent
 * for an agency tag), the credit @text as written and its @count @parts.
 * On a CREDIT block the credit text is also the block's text: it is
 * appended as the block's TEXT inline (the block must have no inlines yet).
 */
FOLIO_API void folio_node_set_credit(folio_node *node, folio_str label, folio_str text,
                                     const folio_str *parts, size_t count);

/**
 * The credit of a CAPTION or CREDIT: whether it has one, its label and
 * text (absent without a credit, the label also for an agency tag), the
 * number of parts (0 without) and part @index, which must be below the
 * count (asserted). Any other kind has no credit.
 */
FOLIO_API bool folio_node_has_credit(const folio_node *node);
FOLIO_API folio_str folio_node_credit_label(const folio_node *node);
FOLIO_API folio_str folio_node_credit_text(const folio_node *node);
FOLIO_API size_t folio_node_credit_count(const folio_node *node);
FOLIO_API folio_str folio_node_credit_part(const folio_node *node, size_t index);

/**
 * CAPTION image: @src, optional @alt (absent allowed), and size in pixels
 * (0 = unknown).
 */
FOLIO_API void folio_node_set_image(folio_node *node, folio_str src, folio_str alt, unsigned width,
                                    unsigned height);

/** The image of a CAPTION: whether it has one, its source and alt text
 * (absent without), its width and height (0 without, or unknown). */
FOLIO_API bool folio_node_has_image(const folio_node *node);
FOLIO_API folio_str folio_node_image_src(const folio_node *node);
FOLIO_API folio_str folio_node_image_alt(const folio_node *node);
FOLIO_API unsigned folio_node_image_width(const folio_node *node);
FOLIO_API unsigned folio_node_image_height(const folio_node *node);

/* ---- metadata (on ARTICLE and DOCUMENT nodes) ---- */

/** The JSON name of @key ("title"); NULL for FOLIO_META_COUNT. */
FOLIO_API const char *folio_meta_key_name(folio_meta_key key);

/** The key named @name, or FOLIO_META_COUNT if none is ("authors" is none). */
FOLIO_API folio_meta_key folio_meta_key_from_name(const char *name);

/** The value of @key; absent when unknown. */
FOLIO_API folio_str folio_node_meta(const folio_node *node, folio_meta_key key);

/** Sets @key to a copy of @value; an absent @value removes it. */
FOLIO_API void folio_node_set_meta(folio_node *node, folio_meta_key key, folio_str value);

/**
 * Authors of an ARTICLE or DOCUMENT, in order: their count, author @index
 * (below the count, asserted), and adding a copy of @name (present,
 * asserted) at the end.
 */
FOLIO_API size_t folio_node_author_count(const folio_node *node);
FOLIO_API folio_str folio_node_author(const folio_node *node, size_t index);
FOLIO_API void folio_node_add_author(folio_node *node, folio_str name);
/** Removes every author. */
FOLIO_API void folio_node_clear_authors(folio_node *node);

/* ---- titles (docs/text-format.md, "Titles") ---- */

/**
 * The title a writer shows for @article: its `title` meta, else the first
 * sentence of its lead (the first LEAD paragraph, else the first paragraph)
 * cut at a word boundary to at most 80 characters, with "…" where it was
 * cut. Absent when the article has neither. Every writer calls this rather
 * than deciding for itself. Stays valid until the document is freed.
 */
FOLIO_API folio_str folio_article_title(const folio_node *article);

/**
 * The title of the whole document: the DOCUMENT's `title` meta, else the
 * title of its first article (folio_article_title()).
 */
FOLIO_API folio_str folio_doc_title(const folio_doc *doc);

/**
 * The node whose metadata describes the document as a whole: the only
 * article of a one-article document, else the DOCUMENT node. The JSON form
 * and `-M` use this.
 */
FOLIO_API folio_node *folio_doc_meta_node(const folio_doc *doc);

#endif
