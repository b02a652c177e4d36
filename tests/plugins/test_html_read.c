/* SPDX-License-Identifier: MIT */
#include "test.h"

#include <folio/resource.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "htmlread.h"

/*
 * The html reader (docs/html.md, "Reading"): the sample pages to their
 * expected JSON with nothing of their clutter, round trips with the html
 * writer, encodings, metadata, and hostile pages. Reading goes through the
 * registry; only the XHTML mode, which the epub reader uses, is called in
 * the reader's library directly.
 */

static const char *const pages[] = {
    "nb-nrk", "sv-dn", "en-guardian", "en-ap", "nb-clutter", "minimal", NULL,
};

/* Text of the pages' navigation, ads, scripts and boxes: none may be read. */
static const char *const clutter[] = {
    "Hopp til innhold",
    "Forsiden",
    "Annonse",
    "ANNONSE",
    "Advertisement",
    "googletag",
    "Del på",
    "Share",
    "Les også",
    "Läs också",
    "kakor",
    "personvern",
    "Kommentarer",
    "Comments",
    "Mest lest",
    "Most viewed",
    "Kjøp",
    "Logg inn",
    "newsletter",
    "nyhetsbrev",
    "Meld meg på",
    "Sign in",
    "Topics",
    "Related coverage",
    "Anbefalt",
    "Ansvarlig redaktør",
    "cookies",
    "Emner",
    "Dela",
    "VG+",
    "Vestfold og Telemark",
    "Godta",
    "window.",
    "Video: Strømprisen",
    "Mest läst",
    NULL,
};

static void collect(const folio_error *w, void *ctx)
{
    folio_buf *b = ctx;
    folio_buf_printf(b, "%u:%u: %s\n", w->line, w->column, w->message);
}

/* Reads @len bytes of HTML as if from a file in samples/html/; fails the test on an error. */
static folio_doc *read_page(void **state, const char *html, size_t len, const folio_options *o)
{
    folio_resolver *res = folio_resolver_new();
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", test_source_path("samples/html"));
    const folio_input in = {.size = sizeof in, .name = "page.html", .dir = dir, .resolver = res};
    folio_doc *doc;
    folio_error err = {0};
    int rc = test_read_input(&doc, *state, "html", html, len, &in, o, &err);
    folio_resolver_free(res);
    if (rc != FOLIO_OK)
        fail_msg("%u:%u: %s", err.line, err.column, err.message);
    return doc;
}

static folio_doc *read_str(void **state, const char *html)
{
    return read_page(state, html, strlen(html), NULL);
}

static char *write_as(void **state, const folio_doc *doc, const char *format)
{
    folio_buf out = {0};
    folio_error err = {0};
    if (test_write(&out, *state, format, doc, NULL, &err) != FOLIO_OK)
        fail_msg("%s writer: %s", format, err.message);
    return out.data;
}

static folio_doc *read_as(void **state, const char *text, const char *format)
{
    folio_doc *doc;
    folio_error err = {0};
    if (test_read(&doc, *state, format, text, strlen(text), NULL, &err) != FOLIO_OK)
        fail_msg("%s reader: %u:%u: %s", format, err.line, err.column, err.message);
    return doc;
}

static folio_node *block(const folio_doc *doc, size_t index)
{
    folio_node *b = folio_node_first_child(folio_node_first_child(folio_doc_root(doc)));
    while (b && index--)
        b = folio_node_next(b);
    if (!b)
        fail_msg("no block %zu", index);
    return b;
}

static size_t block_count(const folio_doc *doc)
{
    size_t n = 0;
    for (folio_node *b = folio_node_first_child(folio_node_first_child(folio_doc_root(doc))); b;
         b = folio_node_next(b))
        n++;
    return n;
}

static folio_str meta(const folio_doc *doc, folio_meta_key key)
{
    return folio_node_meta(folio_node_first_child(folio_doc_root(doc)), key);
}

static folio_doc *read_sample(void **state, const char *name)
{
    char path[128];
    snprintf(path, sizeof path, "samples/html/%s.html", name);
    size_t len;
    char *html = test_read_file(path, &len);
    folio_doc *doc = read_page(state, html, len, NULL);
    free(html);
    return doc;
}

/* ---- the samples ---- */

static void test_each_sample_page_reads_as_its_expected_json(void **state)
{
    for (const char *const *p = pages; *p; p++) {
        folio_doc *doc = read_sample(state, *p);
        char *json = write_as(state, doc, "json"), path[128];
        snprintf(path, sizeof path, "tests/expected/html/%s.json", *p);
        test_assert_golden(json, strlen(json), path);
        for (const char *const *c = clutter; *c; c++) {
            if (strstr(json, *c))
                fail_msg("%s: \"%s\" was read", *p, *c);
        }
        free(json);
        folio_doc_free(doc);
    }
}

static void test_local_pictures_become_resources_and_remote_ones_stay_references(void **state)
{
    folio_doc *doc = read_sample(state, "nb-nrk");
    assert_int_equal(folio_doc_resource_count(doc), 2);
    const folio_resource *png = folio_doc_resource(doc, folio_str_c("images/ferje.png"));
    const folio_resource *jpg = folio_doc_resource(doc, folio_str_c("images/havn.jpg"));
    assert_non_null(png);
    assert_non_null(jpg);
    assert_string_equal(folio_resource_media_type(png), "image/png");
    assert_int_equal(folio_resource_width(png), 64);
    assert_string_equal(folio_resource_media_type(jpg), "image/jpeg");
    assert_int_equal(folio_resource_height(jpg), 32);
    assert_ptr_equal(folio_node_image_resource(block(doc, 2)), png);
    folio_doc_free(doc);
    doc = read_sample(state, "en-guardian");
    assert_int_equal(folio_doc_resource_count(doc), 0);
    folio_doc_free(doc);
}

static void test_a_picture_that_cannot_be_loaded_is_a_warning_at_its_position(void **state)
{
    folio_options *o = folio_options_new();
    folio_buf warnings = {0};
    folio_options_set_warning_handler(o, collect, &warnings);
    const char *html = "<!DOCTYPE html>\n<article>\n<figure>\n  <img src=\"images/gone.png\">"
                       "<figcaption>Borte. Foto: NTB</figcaption></figure>\n"
                       "<figure><img src=\"../../README.md\"></figure>\n"
                       "<figure><img src=\"file:///etc/passwd\"></figure></article>";
    folio_doc *doc = read_page(state, html, strlen(html), o);
    assert_int_equal(block_count(doc), 3);
    assert_str_equal(folio_node_image_src(block(doc, 0)), "images/gone.png");
    assert_str_equal(folio_node_text(block(doc, 0)), "Borte.");
    assert_int_equal(folio_doc_resource_count(doc), 0);
    assert_non_null(strstr(warnings.data, "4:"));
    assert_non_null(strstr(warnings.data, "image 'images/gone.png' not loaded"));
    assert_non_null(strstr(warnings.data, "image '../../README.md' not loaded"));
    assert_non_null(strstr(warnings.data, "image 'file:///etc/passwd' not loaded"));
    folio_doc_free(doc);
    folio_buf_free(&warnings);
    folio_options_free(o);
}

/* ---- round trips with the writer ---- */

static void test_txt_html_json_gives_the_json_of_txt(void **state)
{
    static const char *const txt[] = {"article-sample", "nb-strompris", "nb-kort",
                                      "nn-ferje",       "sv-val",       "da-cykel",
                                      "de-hochwasser",  "en-port",      NULL};
    for (const char *const *s = txt; *s; s++) {
        char path[128];
        snprintf(path, sizeof path, "samples/%s.txt", *s);
        char *text = test_read_file(path, NULL);
        folio_doc *doc = read_as(state, text, "txt");
        char *html = write_as(state, doc, "html");
        folio_doc *back = read_str(state, html);
        char *json = write_as(state, back, "json"), *direct = write_as(state, doc, "json");
        if (strcmp(json, direct) != 0)
            fail_msg("%s: txt -> html -> json differs from txt -> json:\n%s", *s, json);
        if (s == txt) /* the sample article, as the acceptance names it */
            test_assert_golden(json, strlen(json), "tests/expected/article-sample.json");
        free(direct);
        free(json);
        folio_doc_free(back);
        free(html);
        folio_doc_free(doc);
        free(text);
    }
}

/* html -> json -> html, twice: the second page is the first. */
static void check_fixed_point(void **state, const char *first_html, const char *what)
{
    folio_doc *doc = read_str(state, first_html);
    char *json1 = write_as(state, doc, "json");
    folio_doc *from_json = read_as(state, json1, "json");
    char *html1 = write_as(state, from_json, "html");
    folio_doc *again = read_str(state, html1);
    char *json2 = write_as(state, again, "json");
    folio_doc *from_json2 = read_as(state, json2, "json");
    char *html2 = write_as(state, from_json2, "html");
    if (strcmp(json1, json2) != 0 || strcmp(html1, html2) != 0)
        fail_msg("%s: html -> json -> html is no fixed point:\n%s\n---\n%s", what, json1, json2);
    free(html2);
    folio_doc_free(from_json2);
    free(json2);
    folio_doc_free(again);
    free(html1);
    folio_doc_free(from_json);
    free(json1);
    folio_doc_free(doc);
}

static void test_html_json_html_is_a_fixed_point_after_the_first_pass(void **state)
{
    for (const char *const *p = pages; *p; p++) {
        char path[128];
        snprintf(path, sizeof path, "samples/html/%s.html", *p);
        char *html = test_read_file(path, NULL);
        check_fixed_point(state, html, *p);
        free(html);
    }
    char *kim = test_read_file("samples/kim-putin.json", NULL);
    folio_doc *doc = read_as(state, kim, "json");
    char *html = write_as(state, doc, "html");
    check_fixed_point(state, html, "kim-putin");
    folio_doc *back = read_str(state, html);
    char *json = write_as(state, back, "json");
    assert_string_equal(json, kim);
    free(json);
    folio_doc_free(back);
    free(html);
    folio_doc_free(doc);
    free(kim);
}

/* The writer's page of several articles reads back as those articles. */
static void test_a_digest_page_reads_back_as_its_articles(void **state)
{
    static const char *const names[] = {"samples/nb-kort.txt", "samples/sv-val.txt",
                                        "samples/en-port.txt"};
    folio_doc *digest = NULL;
    for (size_t i = 0; i < 3; i++) {
        char *text = test_read_file(names[i], NULL);
        folio_doc *doc = read_as(state, text, "txt");
        if (digest)
            folio_doc_merge(digest, doc);
        else
            digest = doc;
        free(text);
    }
    folio_node_set_meta(folio_doc_root(digest), FOLIO_META_TITLE, folio_str_c("Morgenutgaven"));
    char *html = write_as(state, digest, "html"), *direct = write_as(state, digest, "json");
    folio_doc *back = read_str(state, html);
    assert_int_equal(folio_doc_article_count(back), 3);
    char *json = write_as(state, back, "json");
    assert_string_equal(json, direct);
    free(json);
    folio_doc_free(back);
    free(direct);
    free(html);
    folio_doc_free(digest);
}

/* ---- mapping ---- */

static void test_subheadings_are_relative_to_the_highest_level_used(void **state)
{
    folio_doc *doc = read_str(state, "<h1>T</h1><h4>A</h4><p>x</p><h5>B</h5><h6>C</h6><p>y</p>");
    assert_str_equal(meta(doc, FOLIO_META_TITLE), "T");
    assert_int_equal(folio_node_level(block(doc, 0)), 2);
    assert_int_equal(folio_node_level(block(doc, 2)), 3);
    assert_int_equal(folio_node_level(block(doc, 3)), 3);
    folio_doc_free(doc);
}

static void test_paragraph_roles_follow_the_text_format(void **state)
{
    folio_doc *doc = read_str(state, "<article><p>– Sitat først.</p><p>Første vanlige.</p>"
                                     "<p>Andre.</p><p>Foto: Ola Nordmann / NTB</p><p>(NTB)</p>"
                                     "<blockquote><p>Et sitat</p></blockquote></article>");
    assert_int_equal(folio_node_role(block(doc, 0)), FOLIO_ROLE_QUOTE);
    assert_int_equal(folio_node_role(block(doc, 1)), FOLIO_ROLE_LEAD);
    assert_int_equal(folio_node_role(block(doc, 2)), FOLIO_ROLE_BODY);
    assert_int_equal(folio_node_kind_of(block(doc, 3)), FOLIO_NODE_CREDIT);
    assert_str_equal(folio_node_credit_label(block(doc, 3)), "Foto");
    assert_int_equal(folio_node_credit_count(block(doc, 3)), 2);
    assert_int_equal(folio_node_kind_of(block(doc, 4)), FOLIO_NODE_CREDIT);
    assert_false(folio_str_present(folio_node_credit_label(block(doc, 4))));
    assert_str_equal(folio_node_credit_part(block(doc, 4), 0), "NTB");
    assert_int_equal(folio_node_role(block(doc, 5)), FOLIO_ROLE_QUOTE);
    folio_doc_free(doc);
    doc = read_str(state, "<p>Av <a href=\"/k\">Kari Nordmann</a> og Ola Hansen</p>"
                          "<p>By the way, it rained.</p>");
    assert_int_equal(folio_node_kind_of(block(doc, 0)), FOLIO_NODE_BYLINE);
    assert_str_equal(folio_node_text(block(doc, 0)), "Av Kari Nordmann og Ola Hansen");
    assert_int_equal(folio_node_role(block(doc, 1)), FOLIO_ROLE_LEAD);
    folio_doc_free(doc);
    doc =
        read_str(state, "<p>Ikke ingress.</p><div class=\"article-ingress\"><p>Ingress.</p></div>");
    assert_int_equal(folio_node_role(block(doc, 0)), FOLIO_ROLE_BODY);
    assert_int_equal(folio_node_role(block(doc, 1)), FOLIO_ROLE_LEAD);
    folio_doc_free(doc);
}

static void test_white_space_collapses_as_in_a_browser(void **state)
{
    folio_doc *doc = read_str(state, "<p>\n  a  <em> b </em>\t<strong>c</strong>d<br>\n e"
                                     "&nbsp;f <a href=\"x\"> </a> g  </p>");
    assert_str_equal(folio_node_text(block(doc, 0)), "a b cd\ne\xC2\xA0"
                                                     "f g");
    folio_node *p = block(doc, 0), *first = folio_node_first_child(p);
    assert_str_equal(folio_node_text(first), "a ");
    assert_int_equal(folio_node_kind_of(folio_node_next(first)), FOLIO_NODE_EMPHASIS);
    folio_doc_free(doc);
}

static void test_lists_tables_and_fact_boxes_are_kept(void **state)
{
    folio_doc *doc =
        read_str(state, "<article><ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>"
                        "<table><caption>Tall</caption><tr><th>År</th><th>N</th></tr>"
                        "<tr><td>2023</td><td><p>5</p></td></tr></table>"
                        "<div class=\"box\"><h3>Fakta</h3><p>En.</p><ol><li>To</li></ol></div>"
                        "<aside><p>Annet</p></aside></article>");
    assert_int_equal(block_count(doc), 3);
    assert_str_equal(folio_node_text(block(doc, 0)), "a\nb\nc");
    folio_node *table = block(doc, 1);
    assert_str_equal(folio_node_title(table), "Tall");
    assert_true(folio_node_header(folio_node_first_child(table)));
    assert_false(folio_node_header(folio_node_last_child(table)));
    assert_str_equal(folio_node_text(table), "År\tN\n2023\t5");
    folio_node *box = block(doc, 2);
    assert_int_equal(folio_node_kind_of(box), FOLIO_NODE_FACTBOX);
    assert_str_equal(folio_node_title(box), "Fakta");
    assert_str_equal(folio_node_text(box), "En.\nTo");
    folio_doc_free(doc);
}

static void test_metadata_comes_from_meta_tags_and_json_ld(void **state)
{
    folio_doc *doc = read_str(
        state,
        "<html lang=\"da\"><head><title>Cykler overalt - Politiken</title>"
        "<meta property=\"og:site_name\" content=\"Politiken\">"
        "<meta name=\"description\" content=\"Om cykler.\">"
        "<script type=\"application/ld+json\">{\"@graph\": [{\"@type\": \"WebSite\"}, "
        "{\"@type\": [\"NewsArticle\"], \"datePublished\": \"2024-05-01\", \"author\": "
        "[{\"name\": \"Mette \\u00d8stergaard\"}, {\"name\": \"Jens Holm\"}], \"publisher\": "
        "{\"name\": \"Politiken\"}, \"identifier\": \"urn:x:1\"}]}</script></head>"
        "<body><p>Tekst.</p></body></html>");
    assert_str_equal(meta(doc, FOLIO_META_TITLE), "Cykler overalt");
    assert_str_equal(meta(doc, FOLIO_META_LANG), "da");
    assert_str_equal(meta(doc, FOLIO_META_DATE), "2024-05-01");
    assert_str_equal(meta(doc, FOLIO_META_SOURCE), "Politiken");
    assert_str_equal(meta(doc, FOLIO_META_DESCRIPTION), "Om cykler.");
    assert_str_equal(meta(doc, FOLIO_META_ID), "urn:x:1");
    folio_node *a = folio_node_first_child(folio_doc_root(doc));
    assert_int_equal(folio_node_author_count(a), 2);
    assert_str_equal(folio_node_author(a, 0), "Mette Østergaard");
    folio_doc_free(doc);
}

/* ---- encodings ---- */

static void test_encodings_declared_valid_utf8_else_windows_1252(void **state)
{
    folio_doc *doc = read_str(state, "<meta charset=\"iso-8859-1\"><p>Bl\xE5"
                                     "b\xE6r \x93ja\x94</p>");
    assert_str_equal(folio_node_text(block(doc, 0)), "Blåbær “ja”");
    folio_doc_free(doc);
    doc = read_str(state, "<p>R\xF8"
                          "dgr\xF8t \x80 5</p>");
    assert_str_equal(folio_node_text(block(doc, 0)), "Rødgrøt € 5");
    folio_doc_free(doc);
    doc = read_str(state, "\xEF\xBB\xBF<p>Rødgrøt</p>");
    assert_str_equal(folio_node_text(block(doc, 0)), "Rødgrøt");
    folio_doc_free(doc);
    /* Bytes Windows-1252 leaves undefined end nothing: browsers keep them as C1 controls. */
    doc = read_str(state, "<p>a\x81"
                          "b</p><p>c</p>");
    assert_str_equal(folio_node_text(block(doc, 0)), "a\xC2\x81"
                                                     "b");
    assert_int_equal(block_count(doc), 2);
    folio_doc_free(doc);
    doc = read_str(state, "<meta http-equiv=\"Content-Type\" content=\"text/html; "
                          "charset=ISO-8859-15\"><p>10 \xA4</p>");
    assert_str_equal(folio_node_text(block(doc, 0)), "10 €");
    folio_doc_free(doc);
    const char utf16[] = "\xFF\xFE<\0p\0>\0\xF8\0h\0";
    doc = read_page(state, utf16, sizeof utf16 - 1, NULL);
    assert_str_equal(folio_node_text(block(doc, 0)), "øh");
    folio_doc_free(doc);
}

static void test_invalid_utf8_in_a_utf8_page_becomes_replacement_characters(void **state)
{
    folio_options *o = folio_options_new();
    folio_buf warnings = {0};
    folio_options_set_warning_handler(o, collect, &warnings);
    const char *html = "<meta charset=utf-8><p>a\xFF"
                       "b\xC3</p>";
    folio_doc *doc = read_page(state, html, strlen(html), o);
    assert_str_equal(folio_node_text(block(doc, 0)), "a\xEF\xBF\xBD"
                                                     "b\xEF\xBF\xBD");
    assert_non_null(strstr(warnings.data, "replaced 2 invalid UTF-8 sequences"));
    folio_doc_free(doc);
    html = "<meta charset=\"shift_jis\"><p>\x82\xA0\x82</p><meta charset=klingon>";
    doc = read_page(state, html, strlen(html), o);
    assert_str_equal(folio_node_text(block(doc, 0)), "あ\xEF\xBF\xBD");
    assert_non_null(strstr(warnings.data, "replaced 1 invalid shift_jis sequences"));
    folio_doc_free(doc);
    html = "<meta charset=\"klingon-8\"><p>Qapla\xE5</p>";
    doc = read_page(state, html, strlen(html), o);
    assert_str_equal(folio_node_text(block(doc, 0)), "Qaplaå");
    assert_non_null(strstr(warnings.data, "unknown charset 'klingon-8'"));
    folio_doc_free(doc);
    folio_buf_free(&warnings);
    folio_options_free(o);
}

/* ---- hostile pages ---- */

static char *repeat(const char *head, const char *unit, size_t n, const char *middle,
                    const char *close, const char *tail)
{
    folio_buf b = {0};
    folio_buf_puts(&b, head);
    for (size_t i = 0; i < n; i++)
        folio_buf_puts(&b, unit);
    folio_buf_puts(&b, middle);
    for (size_t i = 0; close && i < n; i++)
        folio_buf_puts(&b, close);
    folio_buf_puts(&b, tail);
    return b.data;
}

static void test_a_page_nested_100000_deep_is_a_clear_error(void **state)
{
    char *html = repeat("<html><body>\n", "<div>", 100000, "x", "</div>", "</body></html>");
    folio_doc *doc;
    folio_error err = {0};
    assert_int_equal(test_read(&doc, *state, "html", html, strlen(html), NULL, &err),
                     FOLIO_EFORMAT);
    assert_null(doc);
    assert_non_null(strstr(err.message, "nested too deeply"));
    assert_int_equal(err.line, 2);
    assert_in_range(err.column, 5 * 250, 5 * 258);
    free(html);
    /* Stray end tags under a deep stack cost libxml2 a scan each: bounded too. */
    html = repeat("<body>", "<b>", 100000, "x", "</i>", "");
    assert_int_equal(test_read(&doc, *state, "html", html, strlen(html), NULL, &err),
                     FOLIO_EFORMAT);
    free(html);
}

static void test_deep_inline_nesting_is_flattened_into_the_model(void **state)
{
    char *html = repeat("<p>", "<em><div>", 120, "deep", "</div></em>", "</p>");
    folio_doc *doc = read_str(state, html);
    assert_str_equal(folio_node_text(block(doc, 0)), "deep");
    size_t depth = 0;
    for (folio_node *n = block(doc, 0); n; n = folio_node_first_child(n))
        depth = folio_node_depth(n);
    assert_true(depth <= FOLIO_MAX_DEPTH);
    free(html);
    folio_doc_free(doc);
}

static void test_a_large_page_reads_whole(void **state)
{
    char *html =
        repeat("<!DOCTYPE html><title>Stor</title><article><h1>Stor</h1>",
               "<p>Et avsnitt med <em>litt</em> tekst og en <a href=\"x\">lenke</a>.</p>\n", 40000,
               "", NULL, "</article>");
    folio_doc *doc = read_str(state, html);
    assert_int_equal(block_count(doc), 40000);
    assert_str_equal(folio_node_text(block(doc, 39999)), "Et avsnitt med litt tekst og en lenke.");
    free(html);
    folio_doc_free(doc);
}

/* Texts are freed as the walk passes them (hr.h): every kind of block
 * across many segments still reads whole. */
static void test_every_block_kind_reads_whole_across_text_segments(void **state)
{
    char *html =
        repeat("<!DOCTYPE html><article><h1>T</h1>",
               "<p>Avsnitt med <em>ord</em>.</p><figure><img src=\"https://x/a.jpg\"><figcaption>"
               "<strong>GUIDET:</strong> Bilde. <span class=\"credit\">Foto: "
               "NTB</span></figcaption></figure>"
               "<aside class=\"fakta\"><h3>Fakta</h3><ul><li>En</li><li>To</li></ul></aside>"
               "<table><tr><th>A</th></tr><tr><td>1</td></tr></table><h2>Mellomtittel</h2>\n",
               12000, "", NULL, "<p>Slutt.</p></article>");
    folio_doc *doc = read_str(state, html);
    assert_int_equal(block_count(doc), 12000 * 5 + 1);
    folio_node *last_caption = block(doc, 11999 * 5 + 1);
    assert_str_equal(folio_node_text(last_caption), "Bilde.");
    assert_str_equal(folio_node_kicker(last_caption), "GUIDET");
    assert_str_equal(folio_node_credit_text(last_caption), "NTB");
    assert_str_equal(folio_node_text(block(doc, 11999 * 5 + 2)), "En\nTo");
    assert_str_equal(folio_node_text(block(doc, 12000 * 5)), "Slutt.");
    free(html);
    folio_doc_free(doc);
}

static void test_entities_never_read_local_files(void **state)
{
    const char *html = "<!DOCTYPE html [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                       "<p>a &x; b</p>";
    folio_doc *doc = read_str(state, html);
    assert_null(strstr(folio_node_text(block(doc, 0)).data, "root:"));
    folio_doc_free(doc);
    const char *xhtml = "<?xml version=\"1.0\"?>\n<!DOCTYPE html [\n"
                        "<!ENTITY x SYSTEM \"file:///etc/passwd\">\n<!ENTITY y \"why\">]>\n"
                        "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>a &x; &y; b</p>"
                        "</body></html>";
    doc = folio_doc_new();
    folio_error err = {0};
    const htmlread_config cfg = {.xhtml = true, .entry = "OEBPS/c1.xhtml"};
    assert_int_equal(htmlread_parse(doc, (const unsigned char *)xhtml, strlen(xhtml), &cfg, &err),
                     FOLIO_OK);
    assert_str_equal(folio_node_text(block(doc, 0)), "a why b");
    folio_doc_free(doc);
}

/* A 100 kB entity used 20,000 times would be 2 GB of text. */
static void test_xhtml_entity_expansion_is_bounded(void **state)
{
    (void)state;
    char *big = malloc(100001);
    memset(big, 'x', 100000);
    big[100000] = '\0';
    folio_buf b = {0};
    folio_buf_printf(&b,
                     "<?xml version=\"1.0\"?>\n<!DOCTYPE html [\n<!ENTITY a \"%s\">\n]>\n"
                     "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>",
                     big);
    for (int i = 0; i < 20000; i++)
        folio_buf_puts(&b, "&a;");
    folio_buf_puts(&b, "</p></body></html>");
    folio_doc *doc = folio_doc_new();
    folio_error err = {0};
    const htmlread_config cfg = {.xhtml = true, .entry = "OEBPS/c1.xhtml"};
    assert_int_equal(htmlread_parse(doc, (const unsigned char *)b.data, b.len, &cfg, &err),
                     FOLIO_EFORMAT);
    assert_non_null(strstr(err.message, "entities expand to more than"));
    assert_int_equal(err.line, 5);
    folio_doc_free(doc);
    folio_buf_free(&b);
    free(big);
}

static void test_xhtml_that_is_not_well_formed_is_an_error_at_its_position(void **state)
{
    (void)state;
    const char *xhtml =
        "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body>\n<p>a</b></body></html>";
    folio_doc *doc = folio_doc_new();
    folio_error err = {0};
    const htmlread_config cfg = {.xhtml = true, .entry = "OEBPS/c1.xhtml"};
    assert_int_equal(htmlread_parse(doc, (const unsigned char *)xhtml, strlen(xhtml), &cfg, &err),
                     FOLIO_EFORMAT);
    assert_int_equal(err.line, 2);
    assert_true(err.column > 0);
    assert_string_equal(err.source, "OEBPS/c1.xhtml");
    assert_non_null(strstr(err.message, "mismatch"));
    folio_doc_free(doc);
}

static void test_sniffing_knows_a_page_by_its_first_bytes(void **state)
{
    const folio_plugin_desc *desc;
    assert_int_equal(folio_registry_load(&desc, *state, "html", FOLIO_CAN_READ, NULL), FOLIO_OK);
    const char *page = "\xEF\xBB\xBF\n<!doctype HTML><p>";
    assert_int_equal(desc->reader->sniff((const unsigned char *)page, strlen(page)), 100);
    page = "<html lang=nb>";
    assert_true(desc->reader->sniff((const unsigned char *)page, strlen(page)) >= 80);
    page = "date 2023-09 Nord-Koreas leder";
    assert_int_equal(desc->reader->sniff((const unsigned char *)page, strlen(page)), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_sample_page_reads_as_its_expected_json),
        cmocka_unit_test(test_local_pictures_become_resources_and_remote_ones_stay_references),
        cmocka_unit_test(test_a_picture_that_cannot_be_loaded_is_a_warning_at_its_position),
        cmocka_unit_test(test_txt_html_json_gives_the_json_of_txt),
        cmocka_unit_test(test_html_json_html_is_a_fixed_point_after_the_first_pass),
        cmocka_unit_test(test_a_digest_page_reads_back_as_its_articles),
        cmocka_unit_test(test_subheadings_are_relative_to_the_highest_level_used),
        cmocka_unit_test(test_paragraph_roles_follow_the_text_format),
        cmocka_unit_test(test_white_space_collapses_as_in_a_browser),
        cmocka_unit_test(test_lists_tables_and_fact_boxes_are_kept),
        cmocka_unit_test(test_metadata_comes_from_meta_tags_and_json_ld),
        cmocka_unit_test(test_encodings_declared_valid_utf8_else_windows_1252),
        cmocka_unit_test(test_invalid_utf8_in_a_utf8_page_becomes_replacement_characters),
        cmocka_unit_test(test_a_page_nested_100000_deep_is_a_clear_error),
        cmocka_unit_test(test_deep_inline_nesting_is_flattened_into_the_model),
        cmocka_unit_test(test_a_large_page_reads_whole),
        cmocka_unit_test(test_every_block_kind_reads_whole_across_text_segments),
        cmocka_unit_test(test_entities_never_read_local_files),
        cmocka_unit_test(test_xhtml_entity_expansion_is_bounded),
        cmocka_unit_test(test_xhtml_that_is_not_well_formed_is_an_error_at_its_position),
        cmocka_unit_test(test_sniffing_knows_a_page_by_its_first_bytes),
    };
    return cmocka_run_group_tests(tests, test_registry_setup, test_registry_teardown);
}
