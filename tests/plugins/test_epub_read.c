/* SPDX-License-Identifier: MIT */
#include "test.h"

#include <folio/resource.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

/*
 * The EPUB reader, through the registry: books made by pandoc and calibre
 * (tests/epub/make-books.sh), a small book and hostile ones generated at
 * build time by tests/epub/make-hostile.py into $FOLIO_BUILD_ROOT/tests/epub.
 */

static char *read_generated(const char *name, size_t *len)
{
    const char *root = getenv("FOLIO_BUILD_ROOT");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/epub/%s", root ? root : ".", name);
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s (made by tests/epub/make-hostile.py)", path);
    folio_buf buf = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        folio_buf_append(&buf, chunk, n);
    fclose(f);
    *len = buf.len;
    return buf.data;
}

typedef struct warnings {
    int count;
    folio_error last;
} warnings;

static void on_warning(const folio_error *w, void *ctx)
{
    warnings *ws = ctx;
    ws->count++;
    ws->last = *w;
}

static int read_book(folio_doc **out, folio_registry *reg, const char *data, size_t len,
                     warnings *ws, folio_error *err)
{
    folio_options *opts = folio_options_new();
    if (ws)
        folio_options_set_warning_handler(opts, on_warning, ws);
    int rc = test_read(out, reg, "epub", data, len, opts, err);
    folio_options_free(opts);
    return rc;
}

static folio_doc *read_ok(folio_registry *reg, const char *data, size_t len, const char *what)
{
    folio_doc *doc;
    folio_error err = {0};
    if (read_book(&doc, reg, data, len, NULL, &err) != FOLIO_OK)
        fail_msg("%s: %s:%u:%u: %s", what, err.source, err.line, err.column, err.message);
    return doc;
}

static folio_doc *read_committed(folio_registry *reg, const char *relpath)
{
    size_t len;
    char *data = test_read_file(relpath, &len);
    folio_doc *doc = read_ok(reg, data, len, relpath);
    free(data);
    return doc;
}

static bool article_says(const folio_node *article, const char *text)
{
    for (folio_node *b = folio_node_first_child(article); b; b = folio_node_next(b)) {
        folio_str t = folio_node_text(b);
        size_t n = strlen(text);
        for (size_t i = 0; i + n <= t.len; i++) {
            if (memcmp(t.data + i, text, n) == 0)
                return true;
        }
    }
    return false;
}

static const folio_node *first_caption(const folio_node *article)
{
    for (folio_node *b = folio_node_first_child(article); b; b = folio_node_next(b)) {
        if (folio_node_kind_of(b) == FOLIO_NODE_CAPTION)
            return b;
    }
    return NULL;
}

static void test_epub_reads_its_small_book_with_metadata_text_and_photo(void **state)
{
    size_t len;
    char *data = read_generated("valid.epub", &len);
    folio_doc *doc = read_ok(*state, data, len, "valid.epub");
    assert_int_equal(folio_doc_article_count(doc), 1);
    const folio_node *a = folio_doc_meta_node(doc);
    assert_str_equal(folio_node_meta(a, FOLIO_META_TITLE), "Ferja er tilbake");
    assert_str_equal(folio_node_meta(a, FOLIO_META_LANG), "nb");
    assert_str_equal(folio_node_meta(a, FOLIO_META_DATE), "2023-09-13");
    assert_str_equal(folio_node_meta(a, FOLIO_META_SOURCE), "NTB");
    assert_str_equal(folio_node_meta(a, FOLIO_META_ID), "urn:isbn:9780000000001");
    assert_int_equal(folio_node_author_count(a), 1);
    assert_str_equal(folio_node_author(a, 0), "Kari Nordmann");
    assert_true(article_says(a, "Ferja mellom Bastø og Moss"));
    assert_true(article_says(a, "Trafikken går som normalt."));
    /* The nav document is not read as text. */
    assert_false(article_says(a, "Contents"));
    /* The photo comes out of the zip: "../images/photo%201.png" from text/ch1.xhtml. */
    const folio_node *cap = first_caption(a);
    assert_non_null(cap);
    const folio_resource *res = folio_node_image_resource(cap);
    assert_non_null(res);
    assert_string_equal(folio_resource_media_type(res), "image/png");
    assert_int_equal(folio_resource_width(res), 40);
    assert_int_equal(folio_resource_height(res), 30);
    folio_doc_free(doc);
    free(data);
}

typedef struct hostile {
    const char *file;
    const char *source;  /* the entry the error must name */
    const char *message; /* a part of the message */
} hostile;

static const hostile hostiles[] = {
    {"bomb.epub", "OEBPS/text/ch1.xhtml", "zip bomb"},
    {"bomb-lying.epub", "OEBPS/text/ch1.xhtml", "more than the 4000 bytes its header states"},
    {"bomb-image.epub", "OEBPS/images/photo 1.png", "zip bomb"},
    {"dotdot.epub", "OEBPS/../../evil.xhtml", "leaves the book"},
    {"absolute.epub", "/etc/cron.d/evil", "absolute"},
    {"backslash.epub", "..\\..\\evil.xhtml", "refused"},
    {"encrypted.epub", "OEBPS/text/ch1.xhtml", "encrypted"},
    {"xxe.epub", "OEBPS/content.opf", "entity"},
    {"laughs.epub", "OEBPS/content.opf", "entity"},
    {"missing-item.epub", "OEBPS/text/ch2.xhtml", "spine item 'ch2'"},
    {"missing-idref.epub", "OEBPS/content.opf", "spine item 'ch9' is not in the manifest"},
    {"truncated.epub", "OEBPS/text/ch1.xhtml", "cut short"},
    {"not-epub.epub", "mimetype", "not an EPUB"},
    {"many-entries.epub", "", "over the limit of 10000"},
    {"spine-twice.epub", "OEBPS/content.opf", "lists OEBPS/text/ch1.xhtml twice"},
    {"dup-name.epub", "", "same name"},
    {"two-faced.epub", "", "headers disagree"},
    {"quadratic.epub", "OEBPS/text/ch1.xhtml", "declares an entity"},
    {"xxe-utf16.epub", "OEBPS/content.opf", "declares an entity"},
    {"drm.epub", "OEBPS/text/ch1.xhtml", "DRM"},
};

static void test_epub_hostile_books_are_errors_naming_the_entry(void **state)
{
    for (size_t i = 0; i < sizeof hostiles / sizeof hostiles[0]; i++) {
        const hostile *h = &hostiles[i];
        size_t len;
        char *data = read_generated(h->file, &len);
        folio_doc *doc = NULL;
        folio_error err = {0};
        int rc = read_book(&doc, *state, data, len, NULL, &err);
        free(data);
        if (rc != FOLIO_EFORMAT || strcmp(err.source, h->source) != 0 ||
            !strstr(err.message, h->message))
            fail_msg("%s: got %d, %s: %s; want %s: ...%s...", h->file, rc, err.source, err.message,
                     h->source, h->message);
        assert_null(doc);
    }
}

static long peak_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* 1 GiB of zeros in 1 MB, stated honestly or with a lying header: read in bounded memory. */
static void test_epub_zip_bombs_cost_bounded_memory(void **state)
{
    static const char *const bombs[] = {"bomb.epub", "bomb-lying.epub", "bomb-image.epub"};
    long before = peak_rss_kb();
    for (size_t i = 0; i < 3; i++) {
        size_t len;
        char *data = read_generated(bombs[i], &len);
        folio_doc *doc;
        folio_error err = {0};
        assert_int_equal(read_book(&doc, *state, data, len, NULL, &err), FOLIO_EFORMAT);
        free(data);
    }
    long grown_mb = (peak_rss_kb() - before) / 1024;
    if (grown_mb > 64)
        fail_msg("reading the zip bombs raised peak memory by %ld MB", grown_mb);
}

/* Fonts obfuscated as OCF allows are listed in META-INF/encryption.xml too: the text reads. */
static void test_epub_reads_a_book_with_an_obfuscated_font(void **state)
{
    size_t len;
    char *data = read_generated("obfuscated-font.epub", &len);
    folio_doc *doc = read_ok(*state, data, len, "obfuscated-font.epub");
    assert_true(article_says(folio_doc_meta_node(doc), "Trafikken går som normalt."));
    folio_doc_free(doc);
    free(data);
}

static void test_epub_malformed_package_document_names_entry_line_and_column(void **state)
{
    size_t len;
    char *data = read_generated("bad-opf.epub", &len);
    folio_doc *doc;
    folio_error err = {0};
    assert_int_equal(read_book(&doc, *state, data, len, NULL, &err), FOLIO_EFORMAT);
    assert_string_equal(err.source, "OEBPS/content.opf");
    assert_int_equal(err.line, 4);
    assert_int_equal(err.column, 14);
    assert_non_null(strstr(err.message, "not well-formed XML"));
    free(data);
}

static void test_epub_tag_soup_content_is_read_as_html_with_a_warning(void **state)
{
    size_t len;
    char *data = read_generated("tag-soup.epub", &len);
    folio_doc *doc;
    folio_error err = {0};
    warnings ws = {0};
    if (read_book(&doc, *state, data, len, &ws, &err) != FOLIO_OK)
        fail_msg("%s:%u: %s", err.source, err.line, err.message);
    assert_true(article_says(folio_doc_meta_node(doc), "Ferja"));
    assert_true(ws.count >= 1);
    assert_string_equal(ws.last.source, "OEBPS/text/ch1.xhtml");
    assert_non_null(strstr(ws.last.message, "read as HTML"));
    folio_doc_free(doc);
    free(data);
}

static void test_epub_reads_pandoc_epub3_with_its_photo(void **state)
{
    folio_doc *doc = read_committed(*state, "tests/epub/pandoc-en.epub");
    assert_int_equal(folio_doc_article_count(doc), 1);
    const folio_node *a = folio_doc_meta_node(doc);
    assert_str_equal(folio_node_meta(a, FOLIO_META_TITLE),
                     "Rotterdam port handles fewer containers");
    assert_str_equal(folio_node_meta(a, FOLIO_META_LANG), "en");
    assert_str_equal(folio_node_author(a, 0), "Sarah Mitchell");
    assert_true(article_says(a, "Throughput fell 6.1 percent to 438.8 million tonnes"));
    assert_true(article_says(a, "Reporting by Sarah Mitchell"));
    const folio_node *cap = first_caption(a);
    assert_non_null(cap);
    assert_non_null(folio_node_image_resource(cap));
    folio_doc_free(doc);
}

static void test_epub_reads_pandoc_epub2_without_its_title_page(void **state)
{
    folio_doc *doc = read_committed(*state, "tests/epub/pandoc-sv-epub2.epub");
    const folio_node *a = folio_doc_meta_node(doc);
    assert_str_equal(folio_node_meta(a, FOLIO_META_TITLE),
                     "Valresultatet dröjer efter jämn rysare");
    assert_str_equal(folio_node_meta(a, FOLIO_META_LANG), "sv");
    assert_true(article_says(a, "Det svenska riksdagsvalet slutade i ett nästan dött lopp."));
    /* The title page (title, author) is not read as text: the byline appears once, not twice. */
    folio_node *first = folio_node_first_child(a);
    assert_false(folio_str_equal_c(folio_node_text(first), "Anna Lindqvist"));
    assert_false(folio_str_equal_c(folio_node_text(folio_node_next(first)), "Anna Lindqvist"));
    folio_doc_free(doc);
}

/* calibre splits a page at its headings: the parts are joined into one article again. */
static void test_epub_reads_calibre_epub2_and_epub3_as_one_article_each(void **state)
{
    folio_doc *doc = read_committed(*state, "tests/epub/calibre-de-epub2.epub");
    assert_int_equal(folio_doc_article_count(doc), 1);
    const folio_node *a = folio_doc_meta_node(doc);
    assert_str_equal(folio_node_meta(a, FOLIO_META_TITLE),
                     "Hochwasser in Bayern: Lage bleibt angespannt");
    assert_str_equal(folio_node_meta(a, FOLIO_META_LANG), "de");
    assert_str_equal(folio_node_author(a, 0), "Thomas Müller");
    assert_true(article_says(a, "Nach tagelangem Starkregen"));
    assert_true(article_says(a, "Mit diesen Worten versuchte der Landrat"));
    assert_non_null(folio_node_image_resource(first_caption(a)));
    folio_doc_free(doc);

    doc = read_committed(*state, "tests/epub/calibre-da.epub");
    assert_int_equal(folio_doc_article_count(doc), 1);
    a = folio_doc_meta_node(doc);
    assert_str_equal(folio_node_meta(a, FOLIO_META_TITLE),
                     "Københavnerne cykler mere end nogensinde");
    assert_str_equal(folio_node_meta(a, FOLIO_META_LANG), "da");
    assert_true(article_says(a, "Antallet af cyklister over Dronning Louises Bro"));
    folio_doc_free(doc);
}

static void test_epub_sniffs_the_mimetype_entry(void **state)
{
    const folio_plugin_desc *desc;
    folio_error err = {0};
    assert_int_equal(folio_registry_load(&desc, *state, "epub", FOLIO_CAN_READ, &err), FOLIO_OK);
    size_t len;
    char *data = read_generated("valid.epub", &len);
    assert_int_equal(desc->reader->sniff((const unsigned char *)data, len), 100);
    free(data);
    assert_int_equal(desc->reader->sniff((const unsigned char *)"date 2023", 9), 0);
}

static const char *const samples[] = {"article-sample", "da-cykel",     "de-hochwasser", "en-port",
                                      "nb-kort",        "nb-strompris", "nn-ferje",      "sv-val"};

/* Folio's own book reads back to the article it was made from: txt -> epub -> json. */
static void test_epub_round_trip_of_every_sample_loses_nothing(void **state)
{
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        char path[128], expected[128];
        snprintf(path, sizeof path, "samples/%s.txt", samples[i]);
        snprintf(expected, sizeof expected, "tests/expected/%s.json", samples[i]);
        size_t len;
        char *txt = test_read_file(path, &len);
        folio_doc *doc, *back;
        folio_error err = {0};
        assert_int_equal(test_read(&doc, *state, "txt", txt, len, NULL, &err), FOLIO_OK);
        free(txt);
        folio_buf epub = {0}, json = {0};
        if (test_write(&epub, *state, "epub", doc, NULL, &err) != FOLIO_OK)
            fail_msg("%s: %s", path, err.message);
        folio_doc_free(doc);
        back = read_ok(*state, epub.data, epub.len, path);
        assert_int_equal(test_write(&json, *state, "json", back, NULL, &err), FOLIO_OK);
        test_assert_golden(json.data, json.len, expected);
        folio_doc_free(back);
        folio_buf_free(&epub);
        folio_buf_free(&json);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* First, so that the peak memory it measures is its own. */
        cmocka_unit_test(test_epub_zip_bombs_cost_bounded_memory),
        cmocka_unit_test(test_epub_reads_its_small_book_with_metadata_text_and_photo),
        cmocka_unit_test(test_epub_hostile_books_are_errors_naming_the_entry),
        cmocka_unit_test(test_epub_reads_a_book_with_an_obfuscated_font),
        cmocka_unit_test(test_epub_malformed_package_document_names_entry_line_and_column),
        cmocka_unit_test(test_epub_tag_soup_content_is_read_as_html_with_a_warning),
        cmocka_unit_test(test_epub_reads_pandoc_epub3_with_its_photo),
        cmocka_unit_test(test_epub_reads_pandoc_epub2_without_its_title_page),
        cmocka_unit_test(test_epub_reads_calibre_epub2_and_epub3_as_one_article_each),
        cmocka_unit_test(test_epub_sniffs_the_mimetype_entry),
        cmocka_unit_test(test_epub_round_trip_of_every_sample_loses_nothing),
    };
    return cmocka_run_group_tests(tests, test_registry_setup, test_registry_teardown);
}
