/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_HR_H
#define FOLIO_HR_H

/*
 * Internals of the HTML reader (htmlread.h): the page as a compact tree
 * (hr_tree.c builds it from libxml2's SAX events), the tag and class
 * heuristics (hr_class.c), the text rules shared with the plain-text format
 * (hr_text.c), the metadata of the page (hr_meta.c) and the walk that makes
 * the article (extract.c).
 */

#include <folio/arena.h>
#include <folio/doc.h>
#include <folio/sink.h>

#include "htmlread.h"

/* The elements the reader tells apart; every other one is HT_OTHER. */
typedef enum htag {
    HT_TEXT, /* a text node, not an element */
    HT_OTHER,
    HT_A,
    HT_ADDRESS,
    HT_ARTICLE,
    HT_ASIDE,
    HT_B,
    HT_BLOCKQUOTE,
    HT_BODY,
    HT_BR,
    HT_CAPTION,
    HT_DD,
    HT_DIV,
    HT_DL,
    HT_DT,
    HT_EM,
    HT_FIGCAPTION,
    HT_FIGURE,
    HT_FOOTER,
    HT_H1,
    HT_H2,
    HT_H3,
    HT_H4,
    HT_H5,
    HT_H6,
    HT_HEAD,
    HT_HEADER,
    HT_HR,
    HT_HTML,
    HT_I,
    HT_IMG,
    HT_LI,
    HT_MAIN,
    HT_OL,
    HT_P,
    HT_PICTURE,
    HT_PRE,
    HT_SECTION,
    HT_STRONG,
    HT_TABLE,
    HT_TBODY,
    HT_TD,
    HT_TFOOT,
    HT_TH,
    HT_THEAD,
    HT_TIME,
    HT_TR,
    HT_UL,
    /* dropped with everything in them */
    HT_DROP,
    HT_TAG_COUNT
} htag;

/* What an element's class, id, role and attributes say about it. */
enum {
    HF_CLUTTER = 1u << 0,     /* navigation, ads, share bars, comments, hidden */
    HF_LEAD = 1u << 1,        /* lead, ingress, intro, standfirst */
    HF_CREDIT = 1u << 2,      /* credit, byline, photographer, copyright (in a figure) */
    HF_KICKER = 1u << 3,      /* kicker */
    HF_BYLINE = 1u << 4,      /* byline (outside a figure) */
    HF_FACT = 1u << 5,        /* fact box */
    HF_BODY = 1u << 6,        /* itemprop="articleBody" */
    HF_LAYOUT = 1u << 7,      /* a table that holds blocks: a layout grid, not data */
    HF_QUOTE = 1u << 8,       /* class quote */
    HF_IN_P = 1u << 9,        /* scoring: inside a <p> */
    HF_DATE = 1u << 10,       /* date or timestamp line: metadata, not text */
    HF_DERIVED = 1u << 11,    /* the writer's derived title: no metadata */
    HF_SUBTITLE = 1u << 12,   /* subtitle */
    HF_AUTHORS = 1u << 13,    /* the writer's list of authors */
    HF_AUTHOR = 1u << 14,     /* one author in it */
    HF_SOURCE = 1u << 15,     /* the source in a dateline */
    HF_IN_CLUTTER = 1u << 16, /* scoring: inside clutter */
};

/* The attributes the walk needs, kept in the tree: each element keeps the
 * slots of its own tag only (an <a> one, an <img> six), read by that tag. */
typedef enum hattr_name {
    HA_HREF = 0,     /* <a> */
    HA_DATETIME = 0, /* <time> */
    HA_LANG = 0,     /* <article> */
    HA_ID = 1,       /* <article> */
    HA_SRC = 0,      /* <img> */
    HA_LAZY_SRC,     /* data-src, data-original, data-lazy-src */
    HA_SRCSET,       /* its first candidate, when there is no src */
    HA_ALT,
    HA_WIDTH,
    HA_HEIGHT,
    HA_COUNT /* slots of an <img>, the most */
} hattr_name;

typedef struct hnode hnode;
struct hnode {
    hnode *parent, *next;
    /* TEXT: the text (not NUL-terminated). Elements: kept attributes, in
     * the order of hattr_name, each NULL when absent. */
    union {
        const char *text;
        const char **attrs;
    } u;
    uint32_t len; /* TEXT: length in bytes; elements: the scoring pass's text count */
    uint16_t tag; /* htag */
    uint16_t seg; /* TEXT: the segment it and its bytes live in (htree) */
    /* Elements only: a TEXT node is allocated without what follows
     * (HR_TEXT_SIZE), as a page holds about twice as many texts as elements. */
    hnode *first;
    void *aux;      /* the walk's: what the element opened in the model */
    uint32_t flags; /* HF_* */
    uint32_t line;  /* where the element's start tag ends */
    uint32_t col;
};

#define HR_TEXT_SIZE offsetof(hnode, first)

/* The page's metadata, gathered while parsing. Views point into the tree's arena. */
typedef struct hmeta {
    folio_str lang;
    folio_str title;      /* <title> */
    folio_str og_title;   /* og:title */
    folio_str og_desc;    /* og:description */
    folio_str desc;       /* meta name=description */
    folio_str site;       /* og:site_name */
    folio_str published;  /* article:published_time, meta name=date ... */
    folio_str og_locale;  /* og:locale */
    folio_str rights;     /* meta name=copyright */
    folio_str authors[8]; /* meta name=author, in order */
    size_t author_count;
    folio_str og_authors[8]; /* article:author, in order */
    size_t og_author_count;
    folio_buf ld;        /* JSON-LD script texts, each followed by a NUL */
    folio_buf title_buf; /* <title> while it is read */
} hmeta;

/* The parsed page. */
/*
 * Texts (nodes and bytes, the larger part of a page) live in segments of
 * about HR_SEGMENT bytes, in document order, apart from the elements: the
 * walk frees each segment once it has passed it, so that a page's texts
 * and the model made of them are not both held whole.
 */
#define HR_SEGMENT ((size_t)1 << 21)
#define HR_MAX_SEGMENTS 65535

typedef struct htree {
    folio_arena *arena; /* elements */
    folio_arena **segs; /* texts, NULL once freed */
    size_t seg_count;
    size_t freed; /* segments below this one are freed */
    hnode *root;  /* a document node (HT_OTHER) holding <html> */
    hmeta meta;
} htree;

/* Frees the text segments before @seg: the walk is past them. */
void hr_tree_release(htree *tree, size_t seg);

/* Largest nesting of open elements accepted; deeper is an error (libxml2's
 * HTML parser scans its whole stack for each stray end tag). */
#define HR_MAX_OPEN 256

/* hr_tree.c: parses @len bytes into @tree (arena owned by the caller's
 * htree, freed with hr_tree_free). Returns FOLIO_OK or an error with its position. */
int hr_tree_parse(htree *tree, const unsigned char *data, size_t len, const htmlread_config *cfg,
                  folio_error *err);
void hr_tree_free(htree *tree);

/* hr_enc.c: @len bytes of @charset (lower case) as UTF-8 appended to @out,
 * *@bad the bytes replaced; FOLIO_EUNSUPPORTED for a charset iconv lacks. */
int hr_to_utf8(const unsigned char *s, size_t len, const char *charset, folio_buf *out,
               size_t *bad);

/* hr_class.c */
htag hr_tag_lookup(const char *name);
bool hr_tag_is_block(htag tag);
/* HF_* flags from a class or id value. */
unsigned hr_class_flags(const char *value);
bool hr_fact_heading(folio_str text);

/* hr_text.c: the plain-text rules of spec article-text.md. */
#define HR_MAX_PARTS 32
typedef struct hr_credit {
    folio_str label; /* absent for an agency tag or an unlabelled credit */
    folio_str text;
    folio_str parts[HR_MAX_PARTS];
    size_t count;
} hr_credit;
/* Finds a credit clause (spec 5) that ends @s; its label's offset in *@at. */
bool hr_find_clause(const char *s, size_t len, size_t *at, hr_credit *out);
/* The whole of @s is an agency tag: "(NTB)", "©NTB". */
bool hr_agency_tag(const char *s, size_t len, hr_credit *out);
/* A credit without a label: its text and parts as written. */
void hr_plain_credit(const char *s, size_t len, hr_credit *out);
/* Length of an upper-case kicker at the start of @s when ": " follows it, else 0. */
size_t hr_kicker_len(const char *s, size_t len);
bool hr_starts_quote(const char *s, size_t len);
/* Spec 4.3: a byline word ("Av", "By", "Tekst:" ...), then one to six words. */
bool hr_is_byline(const char *s, size_t len);
bool hr_is_iso_date(const char *s, size_t len);
/* @s has valid UTF-8 throughout. */
bool hr_utf8_valid(const unsigned char *s, size_t len);

/* What the article's own markup says about it (absent views: nothing). */
typedef struct hbody {
    folio_str h1;   /* the title */
    folio_str date; /* the first <time datetime> */
    folio_str subtitle, source, lang;
    const folio_buf *authors; /* NUL-terminated names, one after another */
    const char *url;          /* a digest's article: its JSON-LD has this url ("#a2") */
} hbody;

/* hr_meta.c: the article's metadata from the page and its body. */
void hr_meta_apply(const hmeta *meta, folio_node *article, const hbody *body);
/* A digest's own metadata: its title, from the page's <title>. */
void hr_meta_apply_digest(const hmeta *meta, folio_doc *doc);
/* One meta element's name or property and content, while parsing. */
void hr_meta_element(hmeta *meta, folio_arena *arena, const char *key, const char *content);

/* extract.c: the walk. */
int hr_extract(htree *tree, folio_doc *doc, const htmlread_config *cfg, folio_error *err);

#endif
