/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_HTMLGEN_INT_H
#define FOLIO_HTMLGEN_INT_H

/* Inside the htmlgen library (and hg_human_date() for the epub writer): the
 * state of one write and its helpers. */

#include "htmlgen.h"

#include <folio/sink.h>

typedef struct hg {
    folio_buf out; /* output not yet handed to the sink */
    folio_sink *sink;
    const htmlgen_config *cfg;
    bool xhtml;
    int rc;            /* the sink's first error; nothing is written after it */
    folio_str lang;    /* the page's language: an article in another one says its own */
    unsigned headline; /* headlines seen so far in the current article */
    int rank;          /* of the last heading written: the next goes at most one deeper */
    int open_rank;     /* of the heading being written */
    bool in_thead;     /* the current table has an open <thead> */
    bool in_tbody;
} hg;

/* Hands the buffered output to the sink once there is enough of it (or @all). */
void hg_flush(hg *g, bool all);

static inline void hg_puts(hg *g, const char *s)
{
    folio_buf_puts(&g->out, s);
}

/* Closes a void element: ">" in HTML, "/>" in XHTML. */
static inline void hg_void_end(hg *g)
{
    folio_buf_puts(&g->out, g->xhtml ? "/>" : ">");
}

/* ---- htmlesc.c ---- */

/*
 * Appends @s escaped for text and for double-quoted attribute values alike:
 * & < > " as the XML entities, and every code point HTML forbids in text
 * (C0 and C1 controls but tab and newlines, noncharacters) and every byte
 * that is not UTF-8 as U+FFFD, so the output stays valid HTML and XML
 * whatever the model holds.
 */
void hg_escape(folio_buf *b, folio_str s);

/* Appends ` name="value"` with the value escaped. */
void hg_attr(hg *g, const char *name, folio_str value);

/*
 * Appends ` name="url"`: the URL with what a URL may not hold as it is
 * (spaces, quotes, controls, a stray "%") percent-encoded, then escaped.
 */
void hg_url_attr(hg *g, const char *name, folio_str url);

/* True when @s has the shape of a BCP 47 language tag ("nb", "en-GB"). */
bool hg_valid_lang(folio_str s);

/*
 * Appends @s as a JSON string (with its quotes) that is safe inside a
 * <script> element of either syntax: < > & are \u escapes, so neither
 * "</script" nor "<!--" nor an XML markup character appears raw.
 */
void hg_json_string(folio_buf *b, folio_str s);

/* Appends @len bytes at @data in base64 (RFC 4648, padded). */
void hg_base64(folio_buf *b, const unsigned char *data, size_t len);

/*
 * True when @s is an HTML "valid date string with optional time" of the
 * forms news metadata uses: YYYY, YYYY-MM, YYYY-MM-DD, and a date with a
 * time ("T" or a space, HH:MM[:SS[.fff]]) and optional zone (Z, +HH:MM).
 */
bool hg_valid_datetime(folio_str s);

/*
 * The epub writer calls this too (its cover and navigation), so that a date
 * reads the same in a book as on a page.
 *
 * Appends the date of @s (a valid datetime) for a reader of @lang: "13.
 * september 2023" in Norwegian, "13 September 2023" in English; the ISO
 * form for a language it does not know.
 */
void hg_human_date(folio_buf *b, folio_str s, folio_str lang);

/* The heading of the contents list in @lang ("Innhold", "Contents"). */
const char *hg_contents_label(folio_str lang);

/* ---- htmlbody.c ---- */

/*
 * The src written for @caption's picture: cfg->image_href's answer, else
 * the picture's own src; absent when image_href answers "" (the picture
 * is left out).
 */
folio_str hg_image_href(hg *g, const folio_node *caption);

/* Writes @article as <article id="aK"> with its header, blocks and footer. */
void hg_article(hg *g, const folio_node *article, unsigned index);

#endif
