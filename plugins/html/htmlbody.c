/* SPDX-License-Identifier: MIT */
#include "htmlgen_int.h"

#include <folio/iter.h>
#include <string.h>

/*
 * The markup of one article (docs/html.md, "What the writer makes"). Every
 * class name here is part of the contract with the html reader, which reads
 * the page back to the same model.
 */

static void put_lang_attrs(hg *g, folio_str lang)
{
    hg_attr(g, "lang", lang);
    if (g->xhtml)
        hg_attr(g, "xml:lang", lang);
}

static bool same_lang(folio_str a, folio_str b)
{
    if (a.len != b.len)
        return false;
    for (size_t i = 0; i < a.len; i++) {
        if ((a.data[i] | 0x20) != (b.data[i] | 0x20))
            return false;
    }
    return true;
}

static void put_title(hg *g, const folio_node *a)
{
    folio_str title = folio_node_meta(a, FOLIO_META_TITLE);
    /* A derived title is shown, but marked, so that reading the page back
     * does not turn it into metadata the article never had. */
    bool derived = !folio_str_present(title);
    if (derived)
        title = folio_article_title(a);
    if (!folio_str_present(title))
        return;
    hg_puts(g, derived ? "<h1 class=\"derived\">" : "<h1>");
    hg_escape(&g->out, title);
    hg_puts(g, "</h1>\n");
}

/* The date (a <time> when it is a valid one) and the source, on one line. */
static void put_dateline(hg *g, const folio_node *a)
{
    folio_str date = folio_node_meta(a, FOLIO_META_DATE);
    folio_str source = folio_node_meta(a, FOLIO_META_SOURCE);
    if (!folio_str_present(date) && !folio_str_present(source))
        return;
    hg_puts(g, "<p class=\"dateline\">");
    if (folio_str_present(date) && hg_valid_datetime(date)) {
        hg_puts(g, "<time");
        hg_attr(g, "datetime", date);
        folio_buf_putc(&g->out, '>');
        hg_human_date(&g->out, date, folio_node_meta(a, FOLIO_META_LANG));
        hg_puts(g, "</time>");
    } else if (folio_str_present(date)) {
        hg_puts(g, "<span class=\"date\">");
        hg_escape(&g->out, date);
        hg_puts(g, "</span>");
    }
    if (folio_str_present(date) && folio_str_present(source))
        hg_puts(g, " <span class=\"sep\" aria-hidden=\"true\">·</span> ");
    if (folio_str_present(source)) {
        hg_puts(g, "<span class=\"source\">");
        hg_escape(&g->out, source);
        hg_puts(g, "</span>");
    }
    hg_puts(g, "</p>\n");
}

static void put_authors(hg *g, const folio_node *a)
{
    size_t count = folio_node_author_count(a);
    if (count == 0)
        return;
    hg_puts(g, "<p class=\"authors\">");
    for (size_t i = 0; i < count; i++) {
        hg_puts(g, i == 0 ? "<span class=\"author\">" : ", <span class=\"author\">");
        hg_escape(&g->out, folio_node_author(a, i));
        hg_puts(g, "</span>");
    }
    hg_puts(g, "</p>\n");
}

static void open_article(hg *g, const folio_node *a, unsigned index)
{
    folio_str lang = folio_node_meta(a, FOLIO_META_LANG);
    folio_buf_printf(&g->out, "<article id=\"a%u\"", index);
    if (hg_valid_lang(lang) && !same_lang(lang, g->lang))
        put_lang_attrs(g, lang);
    hg_puts(g, ">\n");
    /* The header is left out when the article has nothing to put in it. */
    size_t mark = g->out.len;
    hg_puts(g, "<header>\n");
    size_t empty = g->out.len;
    put_title(g, a);
    folio_str subtitle = folio_node_meta(a, FOLIO_META_SUBTITLE);
    if (folio_str_present(subtitle)) {
        hg_puts(g, "<p class=\"subtitle\">");
        hg_escape(&g->out, subtitle);
        hg_puts(g, "</p>\n");
    }
    put_dateline(g, a);
    put_authors(g, a);
    if (g->out.len == empty) {
        g->out.len = mark;
        g->out.data[mark] = '\0';
    } else {
        hg_puts(g, "</header>\n");
    }
    g->headline = 0;
    g->rank = 1;
}

static void close_article(hg *g, const folio_node *a)
{
    folio_str rights = folio_node_meta(a, FOLIO_META_RIGHTS);
    if (folio_str_present(rights)) {
        hg_puts(g, "<footer>\n<p class=\"rights\">");
        hg_escape(&g->out, rights);
        hg_puts(g, "</p>\n</footer>\n");
    }
    hg_puts(g, "</article>\n");
}

/* Writes "Label: text" of a credit, the label only when there is one. */
static void put_credit_label(hg *g, const folio_node *n)
{
    folio_str label = folio_node_credit_label(n);
    if (folio_str_present(label) && label.len > 0) {
        hg_escape(&g->out, label);
        hg_puts(g, ": ");
    }
}

/* A caption shows a <figcaption> when it has anything to say. */
static bool has_figcaption(const folio_node *n)
{
    return folio_node_text(n).len > 0 || folio_str_present(folio_node_kicker(n)) ||
           folio_node_has_credit(n);
}

folio_str hg_image_href(hg *g, const folio_node *caption)
{
    const char *href = g->cfg->image_href ? g->cfg->image_href(g->cfg->image_ctx, caption) : NULL;
    if (href && !*href)
        return folio_str_n(NULL, 0);
    return href ? folio_str_c(href) : folio_node_image_src(caption);
}

static void put_image_src(hg *g, const folio_node *n, folio_str href)
{
    const folio_resource *res = folio_node_image_resource(n);
    if (g->cfg->embed_images && res) {
        hg_puts(g, " src=\"data:");
        hg_puts(g, folio_resource_media_type(res));
        hg_puts(g, ";base64,");
        hg_base64(&g->out, folio_resource_data(res), folio_resource_size(res));
        folio_buf_putc(&g->out, '"');
        return;
    }
    hg_url_attr(g, "src", href);
}

static void put_image(hg *g, const folio_node *n, folio_str href)
{
    const folio_resource *res = folio_node_image_resource(n);
    unsigned width = folio_node_image_width(n), height = folio_node_image_height(n);
    if ((width == 0 || height == 0) && res) {
        width = folio_resource_width(res);
        height = folio_resource_height(res);
    }
    hg_puts(g, "<img");
    put_image_src(g, n, href);
    folio_str alt = folio_node_image_alt(n);
    /* Without alt text the figcaption describes the picture (HTML allows
     * leaving alt out then); with neither, it is marked decorative. An
     * e-book's checkers (Ace) want alt on every picture: there the
     * caption's text is the alt. */
    if (!folio_str_present(alt) && g->xhtml && has_figcaption(n))
        alt = folio_node_text(n);
    if (folio_str_present(alt) || !has_figcaption(n))
        hg_attr(g, "alt", folio_str_present(alt) ? alt : folio_str_n("", 0));
    if (width > 0 && height > 0)
        folio_buf_printf(&g->out, " width=\"%u\" height=\"%u\"", width, height);
    hg_void_end(g);
    folio_buf_putc(&g->out, '\n');
}

static void open_caption(hg *g, const folio_node *n)
{
    folio_str href = folio_node_has_image(n) ? hg_image_href(g, n) : folio_str_n(NULL, 0);
    hg_puts(g, folio_str_present(href) ? "<figure>\n" : "<figure class=\"text\">\n");
    if (folio_str_present(href))
        put_image(g, n, href);
    if (!has_figcaption(n))
        return;
    hg_puts(g, "<figcaption>");
    folio_str kicker = folio_node_kicker(n);
    if (folio_str_present(kicker)) {
        hg_puts(g, "<span class=\"kicker\">");
        hg_escape(&g->out, kicker);
        hg_puts(g, "</span> ");
    }
}

static void close_caption(hg *g, const folio_node *n)
{
    if (has_figcaption(n)) {
        if (folio_node_has_credit(n)) {
            hg_puts(g, " <span class=\"credit\">");
            put_credit_label(g, n);
            hg_escape(&g->out, folio_node_credit_text(n));
            hg_puts(g, "</span>");
        }
        hg_puts(g, "</figcaption>\n");
    }
    hg_puts(g, "</figure>\n");
}

static void open_row(hg *g, const folio_node *row)
{
    /* Header rows at the top form the <thead>; one further down stays in the body. */
    if (folio_node_header(row) && !g->in_tbody) {
        if (!g->in_thead)
            hg_puts(g, "<thead>\n");
        g->in_thead = true;
    } else if (!g->in_tbody) {
        if (g->in_thead)
            hg_puts(g, "</thead>\n");
        hg_puts(g, "<tbody>\n");
        g->in_thead = false;
        g->in_tbody = true;
    }
    hg_puts(g, "<tr>");
}

static void open_table(hg *g, const folio_node *n)
{
    g->in_thead = g->in_tbody = false;
    hg_puts(g, "<div class=\"table\">\n<table>\n");
    folio_str title = folio_node_title(n);
    if (folio_str_present(title)) {
        hg_puts(g, "<caption>");
        hg_escape(&g->out, title);
        hg_puts(g, "</caption>\n");
    }
}

static void close_table(hg *g)
{
    hg_puts(g, g->in_tbody ? "</tbody>\n" : g->in_thead ? "</thead>\n" : "");
    hg_puts(g, "</table>\n</div>\n");
}

static void open_factbox(hg *g, const folio_node *n)
{
    hg_puts(g, "<aside class=\"factbox\">\n");
    folio_str title = folio_node_title(n);
    if (folio_str_present(title)) {
        hg_puts(g, "<h2>");
        hg_escape(&g->out, title);
        hg_puts(g, "</h2>\n");
        g->rank = 2;
    }
}

static bool in_list(const folio_node *n)
{
    return folio_node_kind_of(folio_node_parent(n)) == FOLIO_NODE_LIST;
}

static void open_paragraph(hg *g, const folio_node *n)
{
    static const char *const open[] = {
        [FOLIO_ROLE_BODY] = "<p>",
        [FOLIO_ROLE_LEAD] = "<p class=\"lead\">",
        [FOLIO_ROLE_QUOTE] = "<p class=\"quote\">",
    };
    hg_puts(g, in_list(n) ? "<li>" : open[folio_node_role(n)]);
}

/* A link whose target would run script when followed loses its href. */
static bool safe_href(folio_str href)
{
    static const char *const bad[] = {"javascript:", "vbscript:", "data:"};
    char scheme[12];
    size_t n = 0;
    /* Browsers drop controls, tabs and newlines anywhere in a URL, and
     * leading spaces: "java\tscript:" is "javascript:". */
    for (size_t i = 0; i < href.len && n < sizeof scheme; i++) {
        unsigned char c = (unsigned char)href.data[i];
        if (c <= ' ')
            continue;
        scheme[n++] = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        size_t len = strlen(bad[i]);
        if (n >= len && memcmp(scheme, bad[i], len) == 0)
            return false;
    }
    return true;
}

/* Does @href start with a scheme ("https:", "mailto:"), RFC 3986 section 3.1? */
static bool has_scheme(folio_str href)
{
    for (size_t i = 0; i < href.len; i++) {
        char c = href.data[i];
        bool alpha = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
        bool more = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
        if (c == ':')
            return i > 0;
        if (!alpha && (i == 0 || !more))
            return false;
    }
    return false;
}

static void open_link(hg *g, const folio_node *n)
{
    folio_str href = folio_node_href(n);
    hg_puts(g, "<a");
    /* An EPUB content document (XHTML) may only point at what the book
     * holds: a relative link, made for the site it came from, is dropped. */
    if (folio_str_present(href) && safe_href(href) && (!g->xhtml || has_scheme(href)))
        hg_url_attr(g, "href", href);
    folio_buf_putc(&g->out, '>');
}

static void open_headline(hg *g, const folio_node *n, unsigned index)
{
    /* HTML forbids skipping a heading level (h1 then h3): a level the
     * article jumps to is lifted, as the html reader would make it anyway. */
    int level = folio_node_level(n);
    g->open_rank = level > g->rank + 1 ? g->rank + 1 : level;
    g->rank = g->open_rank;
    g->headline++;
    folio_buf_printf(&g->out, "<h%d id=\"a%u-h%u\">", g->open_rank, index, g->headline);
}

static void enter_block(hg *g, const folio_node *n, unsigned index)
{
    switch (folio_node_kind_of(n)) {
    case FOLIO_NODE_ARTICLE:
        open_article(g, n, index);
        break;
    case FOLIO_NODE_HEADLINE:
        open_headline(g, n, index);
        break;
    case FOLIO_NODE_PARAGRAPH:
        open_paragraph(g, n);
        break;
    case FOLIO_NODE_CAPTION:
        open_caption(g, n);
        break;
    case FOLIO_NODE_CREDIT:
        hg_puts(g, "<p class=\"credit\">");
        put_credit_label(g, n);
        break;
    case FOLIO_NODE_BYLINE:
        hg_puts(g, "<p class=\"byline\">");
        break;
    case FOLIO_NODE_LIST:
        hg_puts(g, folio_node_ordered(n) ? "<ol>\n" : "<ul>\n");
        break;
    case FOLIO_NODE_TABLE:
        open_table(g, n);
        break;
    case FOLIO_NODE_ROW:
        /* HTML has no row without cells: an empty row is left out. */
        if (folio_node_first_child(n))
            open_row(g, n);
        break;
    case FOLIO_NODE_CELL:
        hg_puts(g, folio_node_header(folio_node_parent(n)) ? "<th scope=\"col\">" : "<td>");
        break;
    case FOLIO_NODE_FACTBOX:
        open_factbox(g, n);
        break;
    default:
        break;
    }
}

static void enter(hg *g, const folio_node *n, unsigned index)
{
    switch (folio_node_kind_of(n)) {
    case FOLIO_NODE_TEXT:
        hg_escape(&g->out, folio_node_text(n));
        break;
    case FOLIO_NODE_BREAK:
        hg_puts(g, g->xhtml ? "<br/>" : "<br>");
        break;
    case FOLIO_NODE_EMPHASIS:
        hg_puts(g, "<em>");
        break;
    case FOLIO_NODE_STRONG:
        hg_puts(g, "<strong>");
        break;
    case FOLIO_NODE_LINK:
        open_link(g, n);
        break;
    default:
        enter_block(g, n, index);
        break;
    }
}

static void leave(hg *g, const folio_node *n)
{
    switch (folio_node_kind_of(n)) {
    case FOLIO_NODE_ARTICLE:
        close_article(g, n);
        break;
    case FOLIO_NODE_HEADLINE:
        folio_buf_printf(&g->out, "</h%d>\n", g->open_rank);
        break;
    case FOLIO_NODE_PARAGRAPH:
        hg_puts(g, in_list(n) ? "</li>\n" : "</p>\n");
        break;
    case FOLIO_NODE_CAPTION:
        close_caption(g, n);
        break;
    case FOLIO_NODE_CREDIT:
    case FOLIO_NODE_BYLINE:
        hg_puts(g, "</p>\n");
        break;
    case FOLIO_NODE_LIST:
        hg_puts(g, folio_node_ordered(n) ? "</ol>\n" : "</ul>\n");
        break;
    case FOLIO_NODE_TABLE:
        close_table(g);
        break;
    case FOLIO_NODE_ROW:
        if (folio_node_first_child(n))
            hg_puts(g, "</tr>\n");
        break;
    case FOLIO_NODE_CELL:
        hg_puts(g, folio_node_header(folio_node_parent(n)) ? "</th>" : "</td>");
        break;
    case FOLIO_NODE_FACTBOX:
        hg_puts(g, "</aside>\n");
        break;
    case FOLIO_NODE_EMPHASIS:
        hg_puts(g, "</em>");
        break;
    case FOLIO_NODE_STRONG:
        hg_puts(g, "</strong>");
        break;
    case FOLIO_NODE_LINK:
        hg_puts(g, "</a>");
        break;
    default:
        break;
    }
}

void hg_article(hg *g, const folio_node *article, unsigned index)
{
    folio_iter *it = folio_iter_new(article);
    folio_event ev;
    while (g->rc == FOLIO_OK && (ev = folio_iter_next(it)) != FOLIO_EVENT_DONE) {
        if (ev == FOLIO_EVENT_ENTER)
            enter(g, folio_iter_node(it), index);
        else
            leave(g, folio_iter_node(it));
        hg_flush(g, false);
    }
    folio_iter_free(it);
}
