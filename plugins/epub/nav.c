/* SPDX-License-Identifier: MIT */
#include "epubw.h"

#include <stdio.h>
#include <string.h>

#include "htmlgen_int.h" /* hg_human_date(): dates read the same in the book as on the page */

/* The navigation document (EPUB 3.2 Packages, section 7) and the pages around the articles. */

typedef struct labels {
    const char *lang;
    const char *contents, *cover, *start, *landmarks, *untitled, *title_page;
} labels;

static const labels table[] = {
    {"en", "Contents", "Cover", "Start", "Landmarks", "Untitled", "Title page"},
    {"nb", "Innhold", "Omslag", "Start", "Landemerker", "Uten tittel", "Tittelside"},
    {"nn", "Innhald", "Omslag", "Start", "Landemerke", "Utan tittel", "Tittelside"},
    {"no", "Innhold", "Omslag", "Start", "Landemerker", "Uten tittel", "Tittelside"},
    {"sv", "Innehåll", "Omslag", "Början", "Landmärken", "Utan titel", "Titelsida"},
    {"da", "Indhold", "Omslag", "Start", "Vartegn", "Uden titel", "Titelside"},
    {"de", "Inhalt", "Umschlag", "Anfang", "Orientierungspunkte", "Ohne Titel", "Titelseite"},
};

const char *epub_label(folio_str lang, const char *what)
{
    const labels *l = &table[0];
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (lang.len >= 2 && memcmp(lang.data, table[i].lang, 2) == 0 &&
            (lang.len == 2 || lang.data[2] == '-'))
            l = &table[i];
    }
    return strcmp(what, "contents") == 0    ? l->contents
           : strcmp(what, "cover") == 0     ? l->cover
           : strcmp(what, "start") == 0     ? l->start
           : strcmp(what, "landmarks") == 0 ? l->landmarks
           : strcmp(what, "title") == 0     ? l->title_page
                                            : l->untitled;
}

static void nav_link(folio_buf *b, const char *href, folio_str text)
{
    folio_buf_printf(b, "<a href=\"%s\">", href);
    epub_escape(b, text);
    folio_buf_puts(b, "</a>");
}

/* One article in the contents: its title, then its subheadings (anchors as htmlgen.h says). */
static void toc_article(const epub_book *book, size_t k, folio_buf *b)
{
    const folio_node *article = book->articles[k];
    char href[64];
    snprintf(href, sizeof href, "a%zu.xhtml#a%zu", k + 1, k + 1);
    folio_str title = folio_article_title(article);
    folio_buf_puts(b, "<li>");
    nav_link(b, href, folio_str_present(title) && title.len ? title : book->title);
    unsigned m = 0, listed = 0;
    for (const folio_node *n = folio_node_first_child(article); n; n = folio_node_next(n)) {
        if (folio_node_kind_of(n) != FOLIO_NODE_HEADLINE)
            continue;
        m++;
        folio_str text = folio_node_text(n);
        if (text.len == 0)
            continue;
        folio_buf_puts(b, listed++ ? "</li>\n<li>" : "\n<ol>\n<li>");
        snprintf(href, sizeof href, "a%zu.xhtml#a%zu-h%u", k + 1, k + 1, m);
        nav_link(b, href, text);
    }
    folio_buf_puts(b, listed ? "</li>\n</ol>\n</li>\n" : "</li>\n");
}

static void landmark(folio_buf *b, const char *type, const char *href, const char *label)
{
    folio_buf_printf(b, "<li><a epub:type=\"%s\" href=\"%s\">%s</a></li>\n", type, href, label);
}

void epub_write_nav(const epub_book *book, folio_buf *b)
{
    const char *contents = epub_label(book->lang, "contents");
    epub_xhtml_open(b, book->lang, folio_str_c(contents), NULL);
    folio_buf_printf(b, "<nav epub:type=\"toc\" id=\"toc\">\n<h1>%s</h1>\n<ol>\n", contents);
    for (size_t k = 0; k < book->n_articles; k++)
        toc_article(book, k, b);
    folio_buf_printf(b,
                     "</ol>\n</nav>\n<nav epub:type=\"landmarks\" id=\"landmarks\" "
                     "hidden=\"hidden\">\n<h2>%s</h2>\n<ol>\n",
                     epub_label(book->lang, "landmarks"));
    landmark(b, "cover", "cover.xhtml", epub_label(book->lang, "cover"));
    /* Only spine items may be linked, and the contents page is one only in a digest. */
    if (book->digest) {
        landmark(b, "titlepage", "title.xhtml", epub_label(book->lang, "title"));
        landmark(b, "toc", "nav.xhtml#toc", contents);
    }
    landmark(b, "bodymatter", "a1.xhtml", epub_label(book->lang, "start"));
    folio_buf_puts(b, "</ol>\n</nav>\n");
    epub_xhtml_close(b);
}

/* The date as a reader of the book's language writes it, in a <time>. */
static void human_date(const epub_book *book, folio_buf *b)
{
    if (!book->dated)
        return;
    folio_buf_puts(b, "<p class=\"book-date\"><time datetime=\"");
    epub_escape(b, book->date);
    folio_buf_puts(b, "\">");
    hg_human_date(b, book->date, book->lang);
    folio_buf_puts(b, "</time></p>\n");
}

void epub_write_title_page(const epub_book *book, folio_buf *b)
{
    epub_xhtml_open(b, book->lang, book->title, "frontmatter");
    folio_buf_puts(b, "<section class=\"titlepage\" epub:type=\"titlepage\">\n"
                      "<h1 class=\"book-title\">");
    epub_escape(b, book->title);
    folio_buf_puts(b, "</h1>\n");
    folio_str sub = folio_node_meta(book->meta, FOLIO_META_SUBTITLE);
    if (folio_str_present(sub) && sub.len) {
        folio_buf_puts(b, "<p class=\"book-subtitle\">");
        epub_escape(b, sub);
        folio_buf_puts(b, "</p>\n");
    }
    human_date(book, b);
    folio_str source = folio_node_meta(book->meta, FOLIO_META_SOURCE);
    if (folio_str_present(source) && source.len) {
        folio_buf_puts(b, "<p class=\"book-source\">");
        epub_escape(b, source);
        folio_buf_puts(b, "</p>\n");
    }
    folio_buf_puts(b, "</section>\n");
    epub_xhtml_close(b);
}

void epub_write_cover_page(const epub_book *book, folio_buf *b)
{
    const char *label = epub_label(book->lang, "cover");
    epub_xhtml_open(b, book->lang, folio_str_c(label), NULL);
    bool png = book->cover_type[6] == 'p';
    folio_buf_printf(b, "<section class=\"cover\" epub:type=\"cover\">\n<img src=\"%s\" alt=\"",
                     png ? "images/cover.png" : "images/cover.jpg");
    epub_escape(b, book->title);
    folio_buf_puts(b, "\"/>\n</section>\n");
    epub_xhtml_close(b);
}
