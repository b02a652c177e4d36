/* SPDX-License-Identifier: MIT */
#include "htmlgen_int.h"

#include <string.h>

/*
 * The page around the articles: <head> with title, metadata and stylesheet,
 * the contents list of a digest, and the two serialisations. The articles
 * themselves are htmlbody.c's.
 */

/* What one page holds: one article (@only, numbered @index) or every article of @doc. */
typedef struct page {
    const folio_doc *doc;
    const folio_node *only;
    unsigned index;
} page;

void hg_flush(hg *g, bool all)
{
    enum { FLUSH_AT = 256 * 1024 };
    if (g->rc < 0 || g->out.len == 0 || (g->out.len < FLUSH_AT && !all))
        return;
    g->rc = folio_sink_write(g->sink, g->out.data, g->out.len);
    folio_buf_reset(&g->out);
}

static size_t page_count(const page *p)
{
    return p->only ? 1 : folio_doc_article_count(p->doc);
}

/* The node whose metadata describes the page. */
static const folio_node *page_meta(const page *p)
{
    return p->only ? p->only : folio_doc_meta_node(p->doc);
}

static folio_str page_lang(const page *p)
{
    folio_str lang = folio_node_meta(page_meta(p), FOLIO_META_LANG);
    const folio_node *first = folio_node_first_child(folio_doc_root(p->doc));
    if (!folio_str_present(lang) && !p->only && first)
        lang = folio_node_meta(first, FOLIO_META_LANG);
    return lang;
}

static folio_str page_title(const page *p)
{
    folio_str title = p->only ? folio_article_title(p->only) : folio_doc_title(p->doc);
    return folio_str_present(title) && title.len > 0 ? title : folio_str_c("Untitled");
}

/* The href of the first picture an article shows, for og:image; absent when none. */
static folio_str first_image(hg *g, const folio_node *article)
{
    for (const folio_node *n = folio_node_first_child(article); n; n = folio_node_next(n)) {
        if (folio_node_kind_of(n) != FOLIO_NODE_CAPTION || !folio_node_has_image(n))
            continue;
        folio_str href = hg_image_href(g, n);
        if (folio_str_present(href))
            return href;
    }
    return folio_str_n(NULL, 0);
}

/* ---- JSON-LD ---- */

static void ld_member(hg *g, const char *key, folio_str value)
{
    if (!folio_str_present(value))
        return;
    folio_buf_printf(&g->out, ",\n\"%s\": ", key);
    hg_json_string(&g->out, value);
}

static void ld_authors(hg *g, const folio_node *a)
{
    size_t count = folio_node_author_count(a);
    if (count == 0)
        return;
    hg_puts(g, ",\n\"author\": [");
    for (size_t i = 0; i < count; i++) {
        hg_puts(g,
                i ? ", {\"@type\": \"Person\", \"name\": " : "{\"@type\": \"Person\", \"name\": ");
        hg_json_string(&g->out, folio_node_author(a, i));
        folio_buf_putc(&g->out, '}');
    }
    folio_buf_putc(&g->out, ']');
}

static void ld_images(hg *g, const folio_node *a)
{
    bool any = false;
    for (const folio_node *n = folio_node_first_child(a); n; n = folio_node_next(n)) {
        folio_str href = folio_node_kind_of(n) == FOLIO_NODE_CAPTION && folio_node_has_image(n)
                             ? hg_image_href(g, n)
                             : folio_str_n(NULL, 0);
        if (!folio_str_present(href))
            continue;
        hg_puts(g, any ? ", " : ",\n\"image\": [");
        hg_json_string(&g->out, href);
        any = true;
    }
    if (any)
        folio_buf_putc(&g->out, ']');
}

/* One NewsArticle object; @index > 0 gives it the url of its anchor (a digest). */
static void ld_article(hg *g, const folio_node *a, bool context, unsigned index)
{
    hg_puts(g, context ? "{\"@context\": \"https://schema.org\",\n\"@type\": \"NewsArticle\""
                       : "{\"@type\": \"NewsArticle\"");
    if (index > 0)
        folio_buf_printf(&g->out, ",\n\"url\": \"#a%u\"", index);
    /* The model's metadata only: a derived title is no headline (docs/html.md). */
    ld_member(g, "headline", folio_node_meta(a, FOLIO_META_TITLE));
    ld_member(g, "alternativeHeadline", folio_node_meta(a, FOLIO_META_SUBTITLE));
    ld_member(g, "description", folio_node_meta(a, FOLIO_META_DESCRIPTION));
    ld_member(g, "datePublished", folio_node_meta(a, FOLIO_META_DATE));
    ld_member(g, "inLanguage", folio_node_meta(a, FOLIO_META_LANG));
    ld_authors(g, a);
    folio_str source = folio_node_meta(a, FOLIO_META_SOURCE);
    if (folio_str_present(source)) {
        hg_puts(g, ",\n\"publisher\": {\"@type\": \"Organization\", \"name\": ");
        hg_json_string(&g->out, source);
        folio_buf_putc(&g->out, '}');
    }
    ld_member(g, "copyrightNotice", folio_node_meta(a, FOLIO_META_RIGHTS));
    ld_member(g, "identifier", folio_node_meta(a, FOLIO_META_ID));
    if (!g->cfg->embed_images)
        ld_images(g, a);
    folio_buf_putc(&g->out, '}');
}

static void put_json_ld(hg *g, const page *p)
{
    hg_puts(g, "<script type=\"application/ld+json\">\n");
    if (page_count(p) == 1) {
        const folio_node *a = p->only ? p->only : folio_node_first_child(folio_doc_root(p->doc));
        ld_article(g, a, true, 0);
    } else {
        hg_puts(g, "{\"@context\": \"https://schema.org\",\n\"@graph\": [");
        unsigned k = 0;
        for (const folio_node *a = folio_node_first_child(folio_doc_root(p->doc)); a;
             a = folio_node_next(a)) {
            hg_puts(g, k ? ",\n" : "\n");
            ld_article(g, a, false, ++k);
        }
        hg_puts(g, "]}");
    }
    hg_puts(g, "\n</script>\n");
}

/* ---- <head> ---- */

static void meta_tag(hg *g, const char *attr, const char *name, folio_str content)
{
    if (!folio_str_present(content))
        return;
    folio_buf_printf(&g->out, "<meta %s=\"%s\"", attr, name);
    hg_attr(g, "content", content);
    hg_void_end(g);
    folio_buf_putc(&g->out, '\n');
}

static void meta_authors(hg *g, const folio_node *m)
{
    size_t count = folio_node_author_count(m);
    if (count == 0)
        return;
    hg_puts(g, "<meta name=\"author\" content=\"");
    for (size_t i = 0; i < count; i++) {
        if (i > 0)
            hg_puts(g, ", ");
        hg_escape(&g->out, folio_node_author(m, i));
    }
    folio_buf_putc(&g->out, '"');
    hg_void_end(g);
    folio_buf_putc(&g->out, '\n');
}

/* <meta name=description>, author, and Open Graph from the page's metadata. */
static void put_metadata(hg *g, const page *p)
{
    const folio_node *m = page_meta(p);
    bool article = folio_node_kind_of(m) == FOLIO_NODE_ARTICLE;
    meta_tag(g, "name", "description", folio_node_meta(m, FOLIO_META_DESCRIPTION));
    meta_authors(g, m);
    meta_tag(g, "property", "og:type", folio_str_c(article ? "article" : "website"));
    meta_tag(g, "property", "og:title", folio_node_meta(m, FOLIO_META_TITLE));
    meta_tag(g, "property", "og:description", folio_node_meta(m, FOLIO_META_DESCRIPTION));
    meta_tag(g, "property", "og:site_name", folio_node_meta(m, FOLIO_META_SOURCE));
    if (article && !g->cfg->embed_images)
        meta_tag(g, "property", "og:image", first_image(g, m));
    if (article) {
        meta_tag(g, "property", "article:published_time", folio_node_meta(m, FOLIO_META_DATE));
        for (size_t i = 0; i < folio_node_author_count(m); i++)
            meta_tag(g, "property", "article:author", folio_node_author(m, i));
    }
    put_json_ld(g, p);
}

/* Does @css hold "</style" in any case, which would end an HTML <style> early? */
static bool ends_style(const char *css)
{
    for (const char *s = strstr(css, "</"); s; s = strstr(s + 2, "</")) {
        size_t i = 0;
        while (i < 5 && s[2 + i] && (s[2 + i] | 0x20) == "style"[i])
            i++;
        if (i == 5)
            return true;
    }
    return false;
}

static int put_css(hg *g, folio_error *err)
{
    const htmlgen_config *cfg = g->cfg;
    if (cfg->css_href) {
        hg_puts(g, "<link rel=\"stylesheet\"");
        hg_url_attr(g, "href", folio_str_c(cfg->css_href));
        hg_void_end(g);
        folio_buf_putc(&g->out, '\n');
        return FOLIO_OK;
    }
    const char *css = cfg->css_text ? cfg->css_text : htmlgen_default_css();
    hg_puts(g, "<style>\n");
    /* XHTML is parsed as XML: the stylesheet is character data, escaped.
     * HTML's <style> is raw text, ended by the first "</style". */
    if (g->xhtml) {
        hg_escape(&g->out, folio_str_c(css));
    } else if (ends_style(css)) {
        return folio_error_set(err, FOLIO_EOPTION, "the stylesheet contains '</style'");
    } else {
        hg_puts(g, css);
    }
    hg_puts(g, "</style>\n");
    return FOLIO_OK;
}

static void put_doctype(hg *g, folio_str lang)
{
    if (g->xhtml) {
        hg_puts(g, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
                   "<html xmlns=\"http://www.w3.org/1999/xhtml\" "
                   "xmlns:epub=\"http://www.idpf.org/2007/ops\"");
    } else {
        hg_puts(g, "<!DOCTYPE html>\n<html");
    }
    if (hg_valid_lang(lang)) {
        hg_attr(g, "lang", lang);
        if (g->xhtml)
            hg_attr(g, "xml:lang", lang);
    }
    hg_puts(g, ">\n<head>\n<meta charset=\"utf-8\"");
    hg_void_end(g);
    /* Reflowable EPUB pages take no viewport; a web page needs one for phones. */
    if (!g->xhtml) {
        hg_puts(g, "\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"");
        hg_void_end(g);
    }
    folio_buf_putc(&g->out, '\n');
}

static int put_head(hg *g, const page *p, folio_error *err)
{
    put_doctype(g, g->lang);
    hg_puts(g, "<title>");
    hg_escape(&g->out, page_title(p));
    hg_puts(g, "</title>\n");
    if (g->cfg->metadata)
        put_metadata(g, p);
    int rc = put_css(g, err);
    hg_puts(g, "</head>\n");
    return rc;
}

/* ---- <body> ---- */

/* A digest's masthead (the document's own title and date) and its contents list. */
static void put_contents(hg *g, const page *p)
{
    const folio_node *root = folio_doc_root(p->doc);
    folio_str title = folio_node_meta(root, FOLIO_META_TITLE);
    if (folio_str_present(title)) {
        hg_puts(g, "<header class=\"masthead\">\n<p class=\"publication\">");
        hg_escape(&g->out, title);
        hg_puts(g, "</p>\n</header>\n");
    }
    hg_puts(g, "<nav class=\"contents\" aria-labelledby=\"contents\">\n<h2 id=\"contents\">");
    hg_puts(g, hg_contents_label(g->lang));
    hg_puts(g, "</h2>\n<ol>\n");
    unsigned k = 0;
    for (const folio_node *a = folio_node_first_child(root); a; a = folio_node_next(a)) {
        folio_str t = folio_article_title(a);
        folio_buf_printf(&g->out, "<li><a href=\"#a%u\">", ++k);
        if (folio_str_present(t) && t.len > 0)
            hg_escape(&g->out, t);
        else
            folio_buf_printf(&g->out, "%u", k);
        hg_puts(g, "</a></li>\n");
        hg_flush(g, false);
    }
    hg_puts(g, "</ol>\n</nav>\n");
}

static void put_articles(hg *g, const page *p)
{
    if (p->only) {
        hg_article(g, p->only, p->index);
        return;
    }
    unsigned k = 0;
    for (const folio_node *a = folio_node_first_child(folio_doc_root(p->doc)); a && g->rc == 0;
         a = folio_node_next(a))
        hg_article(g, a, ++k);
}

static int write_page(const page *p, const htmlgen_config *cfg, folio_sink *sink, folio_error *err)
{
    hg g = {.sink = sink, .cfg = cfg, .xhtml = cfg->syntax == HTMLGEN_XHTML, .lang = page_lang(p)};
    int rc = FOLIO_OK;
    if (cfg->fragment) {
        /* A fragment lands in someone else's page: every article says its language. */
        g.lang = folio_str_n(NULL, 0);
        put_articles(&g, p);
    } else {
        rc = put_head(&g, p, err);
        if (rc == FOLIO_OK) {
            hg_puts(&g, "<body>\n");
            if (page_count(p) > 1)
                put_contents(&g, p);
            hg_puts(&g, "<main>\n");
            put_articles(&g, p);
            hg_puts(&g, "</main>\n</body>\n</html>\n");
        }
    }
    if (rc == FOLIO_OK)
        hg_flush(&g, true);
    folio_buf_free(&g.out);
    if (rc == FOLIO_OK && g.rc < 0)
        rc = folio_error_set(err, g.rc, "cannot write the HTML output");
    return rc;
}

int htmlgen_write_doc(const folio_doc *doc, const htmlgen_config *cfg, folio_sink *sink,
                      folio_error *err)
{
    page p = {.doc = doc};
    return write_page(&p, cfg, sink, err);
}

int htmlgen_write_article_page(const folio_node *article, unsigned index, const htmlgen_config *cfg,
                               folio_sink *sink, folio_error *err)
{
    page p = {.doc = folio_node_doc(article), .only = article, .index = index};
    return write_page(&p, cfg, sink, err);
}
