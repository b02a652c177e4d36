/* SPDX-License-Identifier: MIT */
#include "epubw.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "htmlgen_int.h" /* hg_valid_lang() */

/* The package document (EPUB 3.2, section 3) and its EPUB 2 companion, the NCX. */

static void element(folio_buf *b, const char *open, folio_str text, const char *close)
{
    folio_buf_puts(b, open);
    epub_escape(b, text);
    folio_buf_puts(b, close);
}

static void meta_prop(folio_buf *b, const char *property, const char *value)
{
    folio_buf_printf(b, "    <meta property=\"%s\">%s</meta>\n", property, value);
}

/*
 * True when the date, already read by epub_parse_date(), is also in the
 * W3CDTF profile epubcheck asks for: a date alone, or a time after "T"
 * with a zone ("Z" or "+01:00").
 */
static bool is_w3cdtf(folio_str d)
{
    if (d.len <= 10)
        return true;
    if (d.data[10] != 'T')
        return false;
    char last = d.data[d.len - 1];
    return last == 'Z' || (d.len > 16 && (d.data[d.len - 6] == '+' || d.data[d.len - 6] == '-') &&
                           d.data[d.len - 3] == ':');
}

/* dc:date: the date as written when it is W3CDTF (2023-09), else its moment in UTC; as written,
 * the epub reader gives back the same date. */
static void dc_date(const epub_book *book, folio_buf *b)
{
    int64_t t;
    if (!folio_str_present(book->date) || !epub_parse_date(book->date, &t))
        return;
    if (is_w3cdtf(book->date)) {
        element(b, "    <dc:date>", book->date, "</dc:date>\n");
        return;
    }
    char when[24];
    epub_format_date(t, when);
    folio_buf_printf(b, "    <dc:date>%s</dc:date>\n", when);
}

static void titles(const epub_book *book, folio_buf *b)
{
    element(b, "    <dc:title id=\"title\">", book->title, "</dc:title>\n");
    folio_str sub = folio_node_meta(book->meta, FOLIO_META_SUBTITLE);
    if (!folio_str_present(sub) || sub.len == 0)
        return;
    folio_buf_puts(b, "    <meta refines=\"#title\" property=\"title-type\">main</meta>\n");
    element(b, "    <dc:title id=\"subtitle\">", sub, "</dc:title>\n");
    folio_buf_puts(b, "    <meta refines=\"#subtitle\" property=\"title-type\">subtitle</meta>\n");
}

static void creators(const epub_book *book, folio_buf *b)
{
    for (size_t i = 0; i < folio_node_author_count(book->meta); i++) {
        folio_buf_printf(b, "    <dc:creator id=\"creator%zu\">", i + 1);
        epub_escape(b, folio_node_author(book->meta, i));
        folio_buf_printf(b,
                         "</dc:creator>\n    <meta refines=\"#creator%zu\" property=\"role\" "
                         "scheme=\"marc:relators\">aut</meta>\n",
                         i + 1);
    }
}

/* Every language the articles are in, the book's own first. */
static void languages(const epub_book *book, folio_buf *b)
{
    element(b, "    <dc:language>", book->lang, "</dc:language>\n");
    for (size_t i = 0; i < book->n_articles; i++) {
        folio_str lang = folio_node_meta(book->articles[i], FOLIO_META_LANG);
        bool seen = !hg_valid_lang(lang) || folio_str_equal(lang, book->lang);
        for (size_t j = 0; j < i && !seen; j++)
            seen = folio_str_equal(lang, folio_node_meta(book->articles[j], FOLIO_META_LANG));
        if (!seen)
            element(b, "    <dc:language>", lang, "</dc:language>\n");
    }
}

/* EPUB Accessibility 1.1, section 2: what the book holds and how it can be read. */
static void accessibility(const epub_book *book, folio_buf *b)
{
    meta_prop(b, "schema:accessMode", "textual");
    if (book->n_images > 0)
        meta_prop(b, "schema:accessMode", "visual");
    meta_prop(b, "schema:accessModeSufficient", "textual");
    if (book->n_images > 0)
        meta_prop(b, "schema:accessModeSufficient", "textual,visual");
    meta_prop(b, "schema:accessibilityFeature", "structuralNavigation");
    meta_prop(b, "schema:accessibilityFeature", "tableOfContents");
    meta_prop(b, "schema:accessibilityFeature", "readingOrder");
    meta_prop(b, "schema:accessibilityFeature", "displayTransformability");
    if (book->n_images > 0)
        meta_prop(b, "schema:accessibilityFeature", "alternativeText");
    meta_prop(b, "schema:accessibilityHazard", "none");
    meta_prop(b, "schema:accessibilitySummary",
              book->n_images > 0
                  ? "Text with headings, a table of contents and a logical reading order; "
                    "every picture is described by its caption. The reader's own "
                    "font, size and colours apply."
                  : "Text with headings, a table of contents and a logical reading order, "
                    "without pictures beyond the cover. The reader's own font, size and "
                    "colours apply.");
    meta_prop(b, "dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA");
}

static void metadata(const epub_book *book, folio_buf *b)
{
    folio_buf_puts(b, "  <metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n");
    folio_buf_printf(b, "    <dc:identifier id=\"uid\">");
    epub_escape(b, book->identifier);
    folio_buf_puts(b, "</dc:identifier>\n");
    titles(book, b);
    languages(book, b);
    creators(book, b);
    dc_date(book, b);
    static const struct {
        folio_meta_key key;
        const char *dc;
    } simple[] = {{FOLIO_META_SOURCE, "publisher"},
                  {FOLIO_META_RIGHTS, "rights"},
                  {FOLIO_META_DESCRIPTION, "description"}};
    for (size_t i = 0; i < sizeof simple / sizeof simple[0]; i++) {
        folio_str v = folio_node_meta(book->meta, simple[i].key);
        if (folio_str_present(v) && v.len > 0) {
            folio_buf_printf(b, "    <dc:%s>", simple[i].dc);
            epub_escape(b, v);
            folio_buf_printf(b, "</dc:%s>\n", simple[i].dc);
        }
    }
    meta_prop(b, "dcterms:modified", book->modified);
    accessibility(book, b);
    /* EPUB 2 readers find the cover through this; the epub reader knows Folio's own books
     * (one article per content document) by the generator. */
    folio_buf_printf(b,
                     "    <meta name=\"cover\" content=\"cover-image\"/>\n"
                     "    <meta name=\"generator\" content=\"Folio %s\"/>\n  </metadata>\n",
                     folio_version());
}

static void item(folio_buf *b, const char *id, const char *href, const char *type,
                 const char *properties)
{
    folio_buf_printf(b, "    <item id=\"%s\" href=\"%s\" media-type=\"%s\"%s%s%s/>\n", id, href,
                     type, properties ? " properties=\"" : "", properties ? properties : "",
                     properties ? "\"" : "");
}

static void manifest(const epub_book *book, folio_buf *b)
{
    folio_buf_puts(b, "  <manifest>\n");
    item(b, "nav", "nav.xhtml", "application/xhtml+xml", "nav");
    item(b, "ncx", "toc.ncx", "application/x-dtbncx+xml", NULL);
    item(b, "css", "style.css", "text/css", NULL);
    item(b, "cover", "cover.xhtml", "application/xhtml+xml", NULL);
    bool png = book->cover_type[6] == 'p';
    item(b, "cover-image", png ? "images/cover.png" : "images/cover.jpg", book->cover_type,
         "cover-image");
    if (book->digest)
        item(b, "title-page", "title.xhtml", "application/xhtml+xml", NULL);
    for (size_t i = 0; i < book->n_articles; i++) {
        char id[24], href[32];
        snprintf(id, sizeof id, "a%zu", i + 1);
        snprintf(href, sizeof href, "a%zu.xhtml", i + 1);
        item(b, id, href, "application/xhtml+xml", NULL);
    }
    for (size_t i = 0; i < book->n_images; i++) {
        char id[24];
        snprintf(id, sizeof id, "img%zu", i + 1);
        item(b, id, book->images[i].href, folio_resource_media_type(book->images[i].res), NULL);
    }
    folio_buf_puts(b, "  </manifest>\n");
}

/* Is the book's language written right to left (its primary subtag)? */
static bool right_to_left(folio_str lang)
{
    static const char *const tags[] = {"ar", "he", "fa", "ur", "yi", "ps", "dv", "ckb", "sd", "ug"};
    size_t n = 0;
    while (n < lang.len && lang.data[n] != '-')
        n++;
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
        if (strlen(tags[i]) == n && strncasecmp(lang.data, tags[i], n) == 0)
            return true;
    }
    return false;
}

static void spine(const epub_book *book, folio_buf *b)
{
    /* A reader turns the pages of an Arabic or Hebrew book to the left. */
    folio_buf_puts(b, right_to_left(book->lang)
                          ? "  <spine toc=\"ncx\" page-progression-direction=\"rtl\">\n"
                          : "  <spine toc=\"ncx\">\n");
    folio_buf_puts(b, "    <itemref idref=\"cover\"/>\n");
    if (book->digest)
        folio_buf_puts(b, "    <itemref idref=\"title-page\"/>\n    <itemref idref=\"nav\"/>\n");
    for (size_t i = 0; i < book->n_articles; i++)
        folio_buf_printf(b, "    <itemref idref=\"a%zu\"/>\n", i + 1);
    folio_buf_puts(b, "  </spine>\n  <guide>\n    <reference type=\"cover\" href=\"cover.xhtml\" "
                      "title=\"");
    folio_buf_puts(b, epub_label(book->lang, "cover"));
    folio_buf_puts(b, "\"/>\n    <reference type=\"toc\" href=\"nav.xhtml\" title=\"");
    folio_buf_puts(b, epub_label(book->lang, "contents"));
    folio_buf_puts(b, "\"/>\n    <reference type=\"text\" href=\"a1.xhtml\" title=\"");
    folio_buf_puts(b, epub_label(book->lang, "start"));
    folio_buf_puts(b, "\"/>\n  </guide>\n");
}

void epub_write_opf(const epub_book *book, folio_buf *b)
{
    folio_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" "
                      "unique-identifier=\"uid\" xml:lang=\"");
    epub_escape(b, book->lang);
    folio_buf_puts(b, "\">\n");
    metadata(book, b);
    manifest(book, b);
    spine(book, b);
    folio_buf_puts(b, "</package>\n");
}

/* ---- NCX (OPF 2.0.1, section 2.4.1) ---- */

static void nav_point(folio_buf *b, unsigned *order, folio_str label, const char *src)
{
    folio_buf_printf(b, "<navPoint id=\"np%u\" playOrder=\"%u\"><navLabel><text>", *order, *order);
    epub_escape(b, label);
    folio_buf_printf(b, "</text></navLabel><content src=\"%s\"/>", src);
    (*order)++;
}

static void ncx_article(const epub_book *book, size_t k, unsigned *order, folio_buf *b)
{
    const folio_node *article = book->articles[k];
    char src[64];
    snprintf(src, sizeof src, "a%zu.xhtml#a%zu", k + 1, k + 1);
    folio_str title = folio_article_title(article);
    nav_point(b, order, folio_str_present(title) && title.len ? title : book->title, src);
    unsigned m = 0;
    for (const folio_node *n = folio_node_first_child(article); n; n = folio_node_next(n)) {
        if (folio_node_kind_of(n) != FOLIO_NODE_HEADLINE)
            continue;
        m++;
        folio_str text = folio_node_text(n);
        if (text.len == 0)
            continue;
        snprintf(src, sizeof src, "a%zu.xhtml#a%zu-h%u", k + 1, k + 1, m);
        folio_buf_puts(b, "\n  ");
        nav_point(b, order, text, src);
        folio_buf_puts(b, "</navPoint>");
    }
    folio_buf_puts(b, "</navPoint>\n");
}

void epub_write_ncx(const epub_book *book, folio_buf *b)
{
    folio_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" version=\"2005-1\" "
                      "xml:lang=\"");
    epub_escape(b, book->lang);
    folio_buf_puts(b, "\">\n<head>\n<meta name=\"dtb:uid\" content=\"");
    epub_escape(b, book->identifier);
    folio_buf_puts(b, "\"/>\n<meta name=\"dtb:depth\" content=\"2\"/>\n"
                      "<meta name=\"dtb:totalPageCount\" content=\"0\"/>\n"
                      "<meta name=\"dtb:maxPageNumber\" content=\"0\"/>\n</head>\n"
                      "<docTitle><text>");
    epub_escape(b, book->title);
    folio_buf_puts(b, "</text></docTitle>\n<navMap>\n");
    unsigned order = 1;
    for (size_t k = 0; k < book->n_articles; k++)
        ncx_article(book, k, &order, b);
    folio_buf_puts(b, "</navMap>\n</ncx>\n");
}
