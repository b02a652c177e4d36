/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_HTMLGEN_H
#define FOLIO_HTMLGEN_H

/*
 * The one HTML writer, two serialisations: HTML5 pages for the html plugin
 * and XHTML5 content documents for the epub plugin. Built as a static
 * library that both modules link (plugins/html/meson.build), so the markup
 * of an article is made in one place.
 *
 * Anchors, so that a contents list or an EPUB navigation document can point
 * into a page: article number K (1-based, in document order) is
 * `<article id="aK">`, and its M-th HEADLINE (1-based) has `id="aK-hM"`.
 */

#include <folio/doc.h>
#include <folio/error.h>
#include <folio/options.h>
#include <folio/resource.h>
#include <folio/sink.h>

typedef enum htmlgen_syntax {
    HTMLGEN_HTML5, /* text/html: <!DOCTYPE html>, void elements without '/' */
    HTMLGEN_XHTML, /* application/xhtml+xml for EPUB 3: XML declaration, xmlns and
                      xmlns:epub, xml:lang, "/>", no viewport, only links with a scheme */
} htmlgen_syntax;

typedef struct htmlgen_config {
    htmlgen_syntax syntax;
    bool fragment;        /* only the <article> elements, no page around them */
    bool metadata;        /* schema.org NewsArticle JSON-LD and Open Graph tags in <head> */
    const char *css_href; /* link this stylesheet; NULL: embed css_text */
    const char *css_text; /* the stylesheet to embed; NULL: htmlgen_default_css() */
    bool embed_images;    /* <img src="data:..."> from the document's resources */
    /*
     * The href written for a caption's image; NULL keeps the image's src,
     * and "" leaves the picture out (the caption keeps its text). The epub
     * writer maps every picture to the name it has in the book, and drops
     * those the book does not hold.
     */
    const char *(*image_href)(void *ctx, const folio_node *caption);
    void *image_ctx;
    const folio_options *opts; /* for warnings; may be NULL */
} htmlgen_config;

/*
 * Writes @doc as one page: every article, and a contents list before them
 * when there are several. Returns FOLIO_OK, the sink's error, or
 * FOLIO_EOPTION when cfg->css_text cannot be embedded (it holds "</style"
 * and the syntax is HTML5).
 */
int htmlgen_write_doc(const folio_doc *doc, const htmlgen_config *cfg, folio_sink *sink,
                      folio_error *err);

/*
 * Writes a page that holds only @article, numbered @index (1-based) for its
 * anchors; its <title> is the article's derived title and <html lang> its
 * language. The epub writer calls this once per content document.
 */
int htmlgen_write_article_page(const folio_node *article, unsigned index, const htmlgen_config *cfg,
                               folio_sink *sink, folio_error *err);

/* The default stylesheet of the web page (screen, dark scheme, print). */
const char *htmlgen_default_css(void);

#endif
