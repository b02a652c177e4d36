/* SPDX-License-Identifier: MIT */
#include "test.h"

#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

/*
 * The html plugin's writer, through the registry: golden pages, escaping of
 * hostile text, fragments, digests, embedded pictures and the XHTML form
 * (well-formed XML, checked with libxml2). tests/html-vnu.sh validates the
 * same kinds of page with the Nu HTML Checker.
 */

/* A 2 x 3 pixel PNG: 73 bytes, so its base64 ends in "==". */
static const unsigned char png[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
    0x52, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x03, 0x08, 0x02, 0x00, 0x00, 0x00, 0x36,
    0x88, 0x49, 0xd6, 0x00, 0x00, 0x00, 0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0xf8,
    0xcf, 0xc0, 0x00, 0x44, 0x0c, 0x28, 0x14, 0x00, 0x44, 0xd0, 0x05, 0xfb, 0x4c, 0xce, 0x71,
    0x0f, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};
static const char png_base64[] = "iVBORw0KGgoAAAANSUhEUgAAAAIAAAADCAIAAAA2iEnWAAAAEElEQVR42mP4z8AAR"
                                 "AwoFABE0AX7TM5xDwAAAABJRU5ErkJggg==";

/* Writes @doc as HTML with the options in @pairs ("key=value", NULL-terminated). */
static folio_buf write_html(folio_registry *reg, const folio_doc *doc, const char *const *pairs)
{
    folio_options *opts = folio_options_new();
    for (size_t i = 0; pairs && pairs[i]; i++)
        assert_int_equal(folio_options_parse(opts, pairs[i], NULL), FOLIO_OK);
    folio_buf out = {0};
    folio_error err = {0};
    int rc = test_write(&out, reg, "html", doc, opts, &err);
    if (rc != FOLIO_OK)
        fail_msg("html writer: %s", err.message);
    folio_options_free(opts);
    return out;
}

static size_t count(const folio_buf *b, const char *needle)
{
    size_t n = 0, len = strlen(needle);
    for (const char *p = b->data; (p = strstr(p, needle)) != NULL; p += len)
        n++;
    return n;
}

#define assert_has(b, s) assert_true_msg(count((b), (s)) > 0, (b), (s), "missing")
#define assert_lacks(b, s) assert_true_msg(count((b), (s)) == 0, (b), (s), "unexpected")

static void assert_true_msg(bool ok, const folio_buf *b, const char *s, const char *what)
{
    if (!ok)
        fail_msg("%s: %s\n--- output ---\n%s", what, s, b->data);
}

static void assert_well_formed_xml(const folio_buf *b)
{
    xmlDocPtr x = xmlReadMemory(b->data, (int)b->len, "page.xhtml", NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!x)
        fail_msg("not well-formed XML:\n%s", b->data);
    xmlNodePtr root = xmlDocGetRootElement(x);
    assert_string_equal((const char *)root->name, "html");
    assert_non_null(root->ns);
    assert_string_equal((const char *)root->ns->href, "http://www.w3.org/1999/xhtml");
    xmlFreeDoc(x);
}

static folio_node *add_para(folio_node *parent, folio_role role, const char *text)
{
    folio_node *p = folio_node_append_new(parent, FOLIO_NODE_PARAGRAPH);
    folio_node_set_role(p, role);
    folio_node_append_text(p, text, strlen(text));
    return p;
}

static void test_html_writes_the_sample_as_its_golden_page(void **state)
{
    folio_doc *doc = test_read_file_ok(*state, "json", "tests/expected/article-sample.json");
    folio_buf out = write_html(*state, doc, NULL);
    test_assert_golden(out.data, out.len, "tests/expected/html/article-sample.html");
    folio_buf_free(&out);
    folio_doc_free(doc);
}

static void test_html_writes_every_block_kind_as_its_golden_page(void **state)
{
    folio_doc *doc = test_read_file_ok(*state, "json", "tests/html/rich.json");
    folio_buf out = write_html(*state, doc, NULL);
    test_assert_golden(out.data, out.len, "tests/expected/html/rich.html");
    folio_buf_free(&out);
    out = write_html(*state, doc, (const char *const[]){"html.xhtml=true", NULL});
    test_assert_golden(out.data, out.len, "tests/expected/html/rich.xhtml");
    assert_well_formed_xml(&out);
    folio_buf_free(&out);
    folio_doc_free(doc);
}

/* An article whose every string tries to break out of its element. */
static folio_doc *hostile_doc(void)
{
    folio_doc *doc = folio_doc_new();
    folio_node *a = folio_doc_add_article(doc);
    folio_node_set_meta(a, FOLIO_META_TITLE, folio_str_c("<script>alert(1)</script> & co"));
    folio_node_set_meta(a, FOLIO_META_LANG, folio_str_c("en\"><x"));
    folio_node_set_meta(a, FOLIO_META_DESCRIPTION, folio_str_c("a </script><!-- b"));
    folio_node_set_meta(a, FOLIO_META_DATE, folio_str_c("yesterday <b>"));
    folio_node_add_author(a, folio_str_c("Eve \"</SCRIPT>\""));
    folio_node *p = add_para(a, FOLIO_ROLE_BODY, "1 < 2 && 3 > 2, &amp; stays text; ");
    const char *odd = "ctl\x01 c1\xc2\x85 bad\xff nc\xef\xbf\xbe.";
    folio_node_append_text(p, odd, strlen(odd));
    folio_node *link = folio_node_append_new(p, FOLIO_NODE_LINK);
    folio_node_set_href(link, folio_str_c("java\tscript:alert(\"x\")"));
    folio_node_append_text(link, "click", 5);
    link = folio_node_append_new(p, FOLIO_NODE_LINK);
    folio_node_set_href(link, folio_str_c("https://e.org/100%/?a=1&b=\"2 3\"%2F"));
    folio_node_append_text(link, "ok", 2);
    folio_node *c = folio_node_append_new(a, FOLIO_NODE_CAPTION);
    folio_node_set_image(c, folio_str_c("x.jpg\" onerror=\"alert(1)"), folio_str_c("a \"b\" <c>"),
                         0, 0);
    return doc;
}

static void test_html_escapes_hostile_text_everywhere(void **state)
{
    folio_doc *doc = hostile_doc();
    folio_buf out = write_html(*state, doc, NULL);
    assert_lacks(&out, "<script>alert");
    assert_has(&out, "<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</title>");
    /* A language that is no BCP 47 tag is left out rather than written invalid. */
    assert_has(&out, "<!DOCTYPE html>\n<html>\n");
    assert_has(&out, "1 &lt; 2 &amp;&amp; 3 &gt; 2, &amp;amp; stays text;");
    /* Controls, C1 controls, bytes that are not UTF-8 and noncharacters become U+FFFD. */
    assert_has(&out, "ctl\xef\xbf\xbd c1\xef\xbf\xbd bad\xef\xbf\xbd nc\xef\xbf\xbd.");
    assert_has(&out, "<a>click</a>");
    /* What a URL may not hold is percent-encoded, then escaped. */
    assert_has(&out, "<a href=\"https://e.org/100%25/?a=1&amp;b=%222%203%22%2F\">ok</a>");
    assert_has(&out, "src=\"x.jpg%22%20onerror=%22alert(1)\" alt=\"a &quot;b&quot; &lt;c&gt;\"");
    /* JSON-LD: one script element, closed once, with no markup inside. */
    assert_int_equal(count(&out, "</script"), 1);
    assert_int_equal(count(&out, "</SCRIPT"), 0);
    assert_has(&out, "\"description\": \"a \\u003c/script\\u003e\\u003c!-- b\"");
    assert_has(&out, "\"name\": \"Eve \\\"\\u003c/SCRIPT\\u003e\\\"\"");
    /* A date that is no valid datetime is shown, but not as a <time>. */
    assert_has(&out, "<span class=\"date\">yesterday &lt;b&gt;</span>");
    assert_lacks(&out, "<time");
    folio_buf_free(&out);
    out = write_html(*state, doc, (const char *const[]){"html.xhtml=true", NULL});
    assert_well_formed_xml(&out);
    folio_buf_free(&out);
    folio_doc_free(doc);
}

static void test_html_fragment_is_only_the_article(void **state)
{
    folio_doc *doc = test_read_file_ok(*state, "json", "tests/html/rich.json");
    folio_buf out = write_html(*state, doc, (const char *const[]){"html.fragment=true", NULL});
    const char *start = "<article id=\"a1\" lang=\"en\">\n<header>\n";
    assert_true(strncmp(out.data, start, strlen(start)) == 0);
    assert_true(out.len > 10 && strcmp(out.data + out.len - 11, "</article>\n") == 0);
    assert_lacks(&out, "<html");
    assert_lacks(&out, "<head>");
    assert_lacks(&out, "<style");
    assert_lacks(&out, "<script");
    assert_lacks(&out, "<nav");
    assert_has(&out, "<p class=\"lead\">");
    folio_buf_free(&out);
    folio_doc_free(doc);
}

static void test_html_xhtml_keeps_only_links_that_leave_the_book(void **state)
{
    folio_doc *doc = folio_doc_new();
    folio_node *p = add_para(folio_doc_add_article(doc), FOLIO_ROLE_LEAD, "");
    const char *const hrefs[] = {"/author/kari", "#top", "mailto:a@b.no", "https://e.org/x"};
    for (size_t i = 0; i < 4; i++) {
        folio_node *link = folio_node_append_new(p, FOLIO_NODE_LINK);
        folio_node_set_href(link, folio_str_c(hrefs[i]));
        folio_node_append_text(link, "x", 1);
    }
    folio_buf out = write_html(*state, doc, NULL);
    assert_has(&out, "<a href=\"/author/kari\">x</a><a href=\"#top\">x</a>");
    folio_buf_free(&out);
    /* An EPUB content document may point only into the book or away from it. */
    out = write_html(*state, doc, (const char *const[]){"html.xhtml=true", NULL});
    assert_has(&out,
               "<a>x</a><a>x</a><a href=\"mailto:a@b.no\">x</a><a href=\"https://e.org/x\">x</a>");
    folio_buf_free(&out);
    folio_doc_free(doc);
}

static folio_doc *digest_doc(void)
{
    folio_doc *doc = folio_doc_new();
    folio_node_set_meta(folio_doc_root(doc), FOLIO_META_TITLE, folio_str_c("Morgenavisen"));
    folio_node_set_meta(folio_doc_root(doc), FOLIO_META_LANG, folio_str_c("nb"));
    const char *const titles[] = {"Første sak", "Andra saken", "Tredje sak"};
    const char *const langs[] = {"nb", "sv", "NB"};
    for (int i = 0; i < 3; i++) {
        folio_node *a = folio_doc_add_article(doc);
        folio_node_set_meta(a, FOLIO_META_TITLE, folio_str_c(titles[i]));
        folio_node_set_meta(a, FOLIO_META_LANG, folio_str_c(langs[i]));
        add_para(a, FOLIO_ROLE_LEAD, "Ingress.");
        for (int h = 0; h < 2; h++) {
            folio_node *hl = folio_node_append_new(a, FOLIO_NODE_HEADLINE);
            folio_node_append_text(hl, "Mellomtittel", 12);
            add_para(a, FOLIO_ROLE_BODY, "Brødtekst.");
        }
    }
    return doc;
}

static void test_html_digest_has_a_contents_list_and_anchors(void **state)
{
    folio_doc *doc = digest_doc();
    folio_buf out = write_html(*state, doc, NULL);
    assert_has(&out, "<html lang=\"nb\">");
    assert_has(&out, "<title>Morgenavisen</title>");
    assert_has(&out, "<p class=\"publication\">Morgenavisen</p>");
    assert_has(&out, "<nav class=\"contents\" aria-labelledby=\"contents\">\n"
                     "<h2 id=\"contents\">Innhold</h2>\n<ol>\n"
                     "<li><a href=\"#a1\">Første sak</a></li>\n"
                     "<li><a href=\"#a2\">Andra saken</a></li>\n"
                     "<li><a href=\"#a3\">Tredje sak</a></li>\n</ol>\n</nav>");
    assert_int_equal(count(&out, "<article "), 3);
    assert_has(&out, "<article id=\"a1\">");
    /* Only the article in another language says so; case does not matter. */
    assert_has(&out, "<article id=\"a2\" lang=\"sv\">");
    assert_has(&out, "<article id=\"a3\">");
    assert_has(&out, "<h2 id=\"a2-h1\">Mellomtittel</h2>");
    assert_has(&out, "<h2 id=\"a3-h2\">Mellomtittel</h2>");
    assert_has(&out, "\"@graph\": [");
    assert_has(&out, "\"url\": \"#a3\"");
    assert_int_equal(count(&out, "\"@type\": \"NewsArticle\""), 3);
    folio_buf_free(&out);
    folio_doc_free(doc);
}

static folio_doc *picture_doc(void)
{
    folio_doc *doc = folio_doc_new();
    folio_error err = {0};
    assert_int_equal(folio_doc_add_resource(doc, folio_str_c("img/dot.png"), png, sizeof png, &err),
                     FOLIO_OK);
    folio_node *a = folio_doc_add_article(doc);
    add_para(a, FOLIO_ROLE_LEAD, "Lead.");
    folio_node *c = folio_node_append_new(a, FOLIO_NODE_CAPTION);
    folio_node_set_image(c, folio_str_c("img/dot.png"), folio_str_c("A dot"), 0, 0);
    folio_node_append_text(c, "A red dot.", 10);
    c = folio_node_append_new(a, FOLIO_NODE_CAPTION);
    folio_node_set_image(c, folio_str_c("https://e.org/far.jpg"), folio_str_n(NULL, 0), 0, 0);
    return doc;
}

static void test_html_embeds_pictures_as_data_uris(void **state)
{
    folio_doc *doc = picture_doc();
    folio_buf out = write_html(*state, doc, NULL);
    /* The resource's pixel size comes from its bytes. */
    assert_has(&out, "<img src=\"img/dot.png\" alt=\"A dot\" width=\"2\" height=\"3\">");
    assert_has(&out, "<meta property=\"og:image\" content=\"img/dot.png\">");
    /* A picture the document does not hold keeps its src; without any
     * caption text, alt is empty. */
    assert_has(&out, "<figure>\n<img src=\"https://e.org/far.jpg\" alt=\"\">\n</figure>");
    folio_buf_free(&out);

    out = write_html(*state, doc, (const char *const[]){"html.embed=true", NULL});
    folio_buf want = {0};
    folio_buf_printf(&want, "<img src=\"data:image/png;base64,%s\" alt=\"A dot\"", png_base64);
    assert_has(&out, want.data);
    assert_has(&out, "<img src=\"https://e.org/far.jpg\" alt=\"\">");
    assert_lacks(&out, "og:image");
    folio_buf_free(&want);
    folio_buf_free(&out);
    folio_doc_free(doc);
}

static void test_html_links_or_embeds_the_users_stylesheet(void **state)
{
    folio_registry *reg = *state;
    folio_doc *doc = picture_doc();
    folio_buf out = write_html(reg, doc, (const char *const[]){"html.css=site.css", NULL});
    assert_has(&out, "<link rel=\"stylesheet\" href=\"site.css\">\n");
    assert_lacks(&out, "<style");
    folio_buf_free(&out);

    const char css[] = "body { color: teal; }\n";
    folio_options *opts = folio_options_new();
    folio_options_set(opts, "html.css", "site.css");
    folio_options_set(opts, "html.css-embed", "true");
    folio_error err = {0};
    assert_int_equal(test_write(&out, reg, "html", doc, opts, &err), FOLIO_EOPTION);
    folio_buf_reset(&out);
    folio_options_set_file(opts, "html.css", css, sizeof css - 1);
    assert_int_equal(test_write(&out, reg, "html", doc, opts, &err), FOLIO_OK);
    assert_has(&out, "<style>\nbody { color: teal; }\n</style>\n");
    assert_lacks(&out, "<link");
    folio_buf_reset(&out);
    folio_options_set_file(opts, "html.css", "p{}</STYLE><script>", 19);
    assert_int_equal(test_write(&out, reg, "html", doc, opts, &err), FOLIO_EOPTION);
    folio_options_set(opts, "html.css-embed", "maybe");
    assert_int_equal(test_write(&out, reg, "html", doc, opts, &err), FOLIO_EOPTION);
    folio_options_free(opts);
    folio_buf_free(&out);
    folio_doc_free(doc);
}

static void test_html_leaves_out_what_html_cannot_hold(void **state)
{
    folio_doc *doc = test_read_file_ok(*state, "json", "tests/html/edge.json");
    folio_buf out = write_html(*state, doc, NULL);
    /* No metadata, no title: no empty <header>. */
    assert_has(&out, "<article id=\"a1\">\n<h1 id=\"a1-h1\">Erste</h1>\n");
    assert_lacks(&out, "<header>");
    /* A row without cells is no HTML row. */
    assert_has(&out, "<caption>Leer</caption>\n</table>");
    assert_lacks(&out, "<tr></tr>");
    /* A header row below the body stays in it, with column headings. */
    assert_has(&out, "<tr><td>a</td><td>b</td></tr>\n<tr><th scope=\"col\">c</th>");
    /* Level 3 right after a level 1 would skip a level: it is lifted. */
    assert_has(&out, "<h2 id=\"a1-h2\">Dritte</h2>");
    folio_buf_free(&out);
    folio_doc_free(doc);
}

/* Random bytes, biased towards what escaping must handle. */
static folio_str random_text(folio_doc *doc, uint32_t *seed)
{
    static const char pool[] = "<>&\"' \t\n\r\x01\x7f\xc2\x85\xef\xbf\xbe\xff\xc3\xa5/]]>-!";
    char buf[48];
    size_t len = 0;
    for (size_t n = (*seed = *seed * 1103515245u + 12345u) >> 27; len < n; len++) {
        *seed = *seed * 1103515245u + 12345u;
        unsigned r = *seed >> 16;
        buf[len] = r & 1 ? pool[(r >> 1) % (sizeof pool - 1)] : (char)(r >> 8);
    }
    return folio_doc_intern(doc, buf, len);
}

static folio_doc *random_doc(uint32_t *seed)
{
    folio_doc *doc = folio_doc_new();
    folio_node *a = folio_doc_add_article(doc);
    for (int k = 0; k < FOLIO_META_COUNT; k++)
        folio_node_set_meta(a, (folio_meta_key)k, random_text(doc, seed));
    folio_node_add_author(a, random_text(doc, seed));
    folio_str t = random_text(doc, seed);
    folio_node *p = add_para(a, FOLIO_ROLE_QUOTE, "");
    folio_node_append_text(p, t.data, t.len);
    folio_node *link = folio_node_append_new(p, FOLIO_NODE_LINK);
    folio_node_set_href(link, random_text(doc, seed));
    folio_node *c = folio_node_append_new(a, FOLIO_NODE_CAPTION);
    folio_node_set_kicker(c, random_text(doc, seed));
    folio_node_set_image(c, random_text(doc, seed), random_text(doc, seed), 0, 0);
    folio_str parts[] = {random_text(doc, seed)};
    folio_node_set_credit(c, random_text(doc, seed), parts[0], parts, 1);
    folio_node *table = folio_node_append_new(a, FOLIO_NODE_TABLE);
    folio_node_set_title(table, random_text(doc, seed));
    folio_node *cell =
        folio_node_append_new(folio_node_append_new(table, FOLIO_NODE_ROW), FOLIO_NODE_CELL);
    t = random_text(doc, seed);
    folio_node_append_text(cell, t.data, t.len);
    folio_node *box = folio_node_append_new(a, FOLIO_NODE_FACTBOX);
    folio_node_set_title(box, random_text(doc, seed));
    return doc;
}

static void test_html_xhtml_is_well_formed_whatever_the_text(void **state)
{
    uint32_t seed = 7;
    for (int i = 0; i < 300; i++) {
        folio_doc *doc = random_doc(&seed);
        folio_buf out = write_html(*state, doc, (const char *const[]){"html.xhtml=true", NULL});
        assert_well_formed_xml(&out);
        folio_buf_free(&out);
        out = write_html(*state, doc, NULL);
        assert_int_equal(count(&out, "</script"), 1);
        folio_buf_free(&out);
        folio_doc_free(doc);
    }
}

static folio_doc *read_bytes(folio_registry *reg, const char *format, const folio_buf *b)
{
    folio_doc *doc;
    folio_error err = {0};
    if (test_read(&doc, reg, format, b->data, b->len, NULL, &err) != FOLIO_OK)
        fail_msg("%s reader: %u:%u: %s", format, err.line, err.column, err.message);
    return doc;
}

static folio_buf write_as(folio_registry *reg, const char *format, const folio_doc *doc)
{
    folio_buf out = {0};
    folio_error err = {0};
    if (test_write(&out, reg, format, doc, NULL, &err) != FOLIO_OK)
        fail_msg("%s writer: %s", format, err.message);
    return out;
}

/* Issue 7's acceptance: txt -> html -> json is txt -> json, and html ->
 * json -> html is a fixed point, for every sample article. */
static void test_html_samples_read_back_to_the_same_model(void **state)
{
    static const char *const samples[] = {
        "samples/article-sample.txt", "samples/da-cykel.txt", "samples/de-hochwasser.txt",
        "samples/en-port.txt",        "samples/nb-kort.txt",  "samples/nb-strompris.txt",
        "samples/nn-ferje.txt",       "samples/sv-val.txt",
    };
    folio_registry *reg = *state;
    const folio_plugin_desc *desc;
    if (folio_registry_load(&desc, reg, "txt", FOLIO_CAN_READ, NULL) < 0)
        skip(); /* built without the txt plugin (libexttextcat) */
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        folio_buf txt = {0};
        txt.data = test_read_file(samples[i], &txt.len);
        folio_doc *doc = read_bytes(reg, "txt", &txt);
        folio_buf json = write_as(reg, "json", doc);
        folio_buf html = write_as(reg, "html", doc);
        folio_doc *back = read_bytes(reg, "html", &html);
        folio_buf json2 = write_as(reg, "json", back);
        if (json.len != json2.len || memcmp(json.data, json2.data, json.len) != 0)
            fail_msg("%s: txt -> html -> json differs from txt -> json:\n%s", samples[i],
                     json2.data);
        folio_buf html2 = write_as(reg, "html", back);
        assert_int_equal(html.len, html2.len);
        assert_memory_equal(html.data, html2.data, html.len);
        folio_doc_free(back);
        folio_doc_free(doc);
        free(txt.data);
        folio_buf_free(&json);
        folio_buf_free(&json2);
        folio_buf_free(&html);
        folio_buf_free(&html2);
    }
}

static int failing_write(void *ctx, const void *data, size_t len)
{
    (void)data, (void)len;
    return ++*(int *)ctx > 1 ? FOLIO_EIO : FOLIO_OK;
}

static void test_html_passes_up_the_sinks_error(void **state)
{
    const folio_plugin_desc *desc;
    assert_int_equal(folio_registry_load(&desc, *state, "html", FOLIO_CAN_WRITE, NULL), FOLIO_OK);
    folio_doc *doc = digest_doc();
    /* Enough articles that the page is handed over in several pieces. */
    for (int i = 0; i < 3000; i++)
        add_para(folio_doc_add_article(doc), FOLIO_ROLE_LEAD, "Lead of a long digest.");
    int calls = 0;
    folio_sink sink = {.write = failing_write, .ctx = &calls};
    folio_error err = {0};
    assert_int_equal(desc->writer->write(doc, &sink, NULL, &err), FOLIO_EIO);
    assert_int_equal(err.code, FOLIO_EIO);
    assert_int_equal(calls, 2); /* nothing more after the failure */
    folio_doc_free(doc);
}

static void test_html_output_is_the_same_every_time(void **state)
{
    folio_doc *doc = test_read_file_ok(*state, "json", "tests/html/rich.json");
    folio_buf a = write_html(*state, doc, NULL);
    folio_buf b = write_html(*state, doc, NULL);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.data, b.data, a.len);
    folio_buf_free(&a);
    folio_buf_free(&b);
    folio_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html_writes_the_sample_as_its_golden_page),
        cmocka_unit_test(test_html_writes_every_block_kind_as_its_golden_page),
        cmocka_unit_test(test_html_escapes_hostile_text_everywhere),
        cmocka_unit_test(test_html_fragment_is_only_the_article),
        cmocka_unit_test(test_html_xhtml_keeps_only_links_that_leave_the_book),
        cmocka_unit_test(test_html_digest_has_a_contents_list_and_anchors),
        cmocka_unit_test(test_html_embeds_pictures_as_data_uris),
        cmocka_unit_test(test_html_links_or_embeds_the_users_stylesheet),
        cmocka_unit_test(test_html_leaves_out_what_html_cannot_hold),
        cmocka_unit_test(test_html_xhtml_is_well_formed_whatever_the_text),
        cmocka_unit_test(test_html_samples_read_back_to_the_same_model),
        cmocka_unit_test(test_html_passes_up_the_sinks_error),
        cmocka_unit_test(test_html_output_is_the_same_every_time),
    };
    return cmocka_run_group_tests(tests, test_registry_setup, test_registry_teardown);
}
