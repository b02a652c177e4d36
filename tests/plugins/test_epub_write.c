/* SPDX-License-Identifier: MIT */
#include "test.h"

#include <folio/resource.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

/*
 * The EPUB writer, through the registry: the archive's layout (OCF), the
 * package document, navigation, pictures, covers, digests and the same
 * bytes every time. tests/epubcheck.sh runs epubcheck on real books.
 */

/* A 2x1 PNG (IHDR only matters to folio_image_probe) and a 3x2 baseline JPEG header. */
static const unsigned char png_2x1[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0,    0, 0, 13,
                                        'I',  'H', 'D', 'R', 0,    0,    0,    2,    0,    0, 0, 1,
                                        8,    2,   0,   0,   0,    0x7b, 0x40, 0xe8, 0xdd, 0, 0, 0,
                                        0,    'I', 'E', 'N', 'D',  0xae, 0x42, 0x60, 0x82};
static const unsigned char jpeg_3x2[] = {0xff, 0xd8, 0xff, 0xc0, 0,    11, 8,    0,   2,
                                         0,    3,    1,    1,    0x11, 0,  0xff, 0xd9};

typedef struct book {
    folio_buf bytes;
    zip_t *zip;
} book;

static folio_node *add_paragraph(folio_node *article, folio_role role, const char *text)
{
    folio_node *p = folio_node_append_new(article, FOLIO_NODE_PARAGRAPH);
    folio_node_set_role(p, role);
    folio_node_append_text(p, text, strlen(text));
    return p;
}

static folio_node *add_headline(folio_node *article, const char *text)
{
    folio_node *h = folio_node_append_new(article, FOLIO_NODE_HEADLINE);
    folio_node_set_level(h, 2);
    folio_node_append_text(h, text, strlen(text));
    return h;
}

static folio_node *add_caption(folio_node *article, const char *text, const char *src)
{
    folio_node *c = folio_node_append_new(article, FOLIO_NODE_CAPTION);
    folio_node_append_text(c, text, strlen(text));
    folio_node_set_image(c, folio_str_c(src), (folio_str){0}, 0, 0);
    return c;
}

/* An article in Nynorsk with a title, two subheadings and the metadata a package carries. */
static folio_doc *make_doc(const char *title)
{
    folio_doc *doc = folio_doc_new();
    folio_node *a = folio_doc_add_article(doc);
    folio_node_set_meta(a, FOLIO_META_TITLE, folio_str_c(title));
    folio_node_set_meta(a, FOLIO_META_LANG, folio_str_c("nn"));
    folio_node_set_meta(a, FOLIO_META_DATE, folio_str_c("2024-03-05T14:30+01:00"));
    folio_node_set_meta(a, FOLIO_META_SOURCE, folio_str_c("NTB"));
    folio_node_set_meta(a, FOLIO_META_RIGHTS, folio_str_c("© NTB"));
    folio_node_add_author(a, folio_str_c("Kari Nordmann"));
    add_paragraph(a, FOLIO_ROLE_LEAD, "Ferja låg ved kai heile dagen.");
    add_headline(a, "Vêret");
    add_paragraph(a, FOLIO_ROLE_BODY, "Vinden var sterk & kald.");
    add_headline(a, "Kaia");
    add_paragraph(a, FOLIO_ROLE_BODY, "Kaia stod under vatn.");
    return doc;
}

static void write_book(book *b, folio_registry *reg, const folio_doc *doc,
                       const folio_options *opts)
{
    folio_error err = {0};
    *b = (book){0};
    int rc = test_write(&b->bytes, reg, "epub", doc, opts, &err);
    if (rc != FOLIO_OK)
        fail_msg("epub: %s", err.message);
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t *src = zip_source_buffer_create(b->bytes.data, b->bytes.len, 0, &zerr);
    assert_non_null(src);
    b->zip = zip_open_from_source(src, ZIP_CHECKCONS | ZIP_RDONLY, &zerr);
    if (!b->zip)
        fail_msg("not a zip: %s", zip_error_strerror(&zerr));
}

static void free_book(book *b)
{
    zip_discard(b->zip);
    folio_buf_free(&b->bytes);
}

/* The entry @name, NUL-terminated, in a malloc'd buffer; fails the test when it is missing. */
static char *entry(const book *b, const char *name, size_t *len)
{
    zip_stat_t st;
    if (zip_stat(b->zip, name, 0, &st) != 0)
        fail_msg("no entry %s", name);
    char *data = malloc(st.size + 1);
    zip_file_t *f = zip_fopen(b->zip, name, 0);
    assert_non_null(f);
    assert_int_equal(zip_fread(f, data, st.size), (zip_int64_t)st.size);
    zip_fclose(f);
    data[st.size] = '\0';
    if (len)
        *len = st.size;
    return data;
}

static void assert_contains(const char *haystack, const char *needle)
{
    if (!haystack)
        fail_msg("expected to find\n  %s\nin a file that is not there", needle);
    else if (!strstr(haystack, needle))
        fail_msg("expected to find\n  %s\nin\n%s", needle, haystack);
}

static void test_epub_starts_with_the_stored_mimetype_entry(void **state)
{
    folio_doc *doc = make_doc("Ferja");
    book b;
    write_book(&b, *state, doc, NULL);
    const unsigned char *p = (const unsigned char *)b.bytes.data;
    assert_memory_equal(p, "PK\x03\x04", 4);
    assert_int_equal(p[8] | p[9] << 8, 0);   /* stored */
    assert_int_equal(p[28] | p[29] << 8, 0); /* no extra field */
    assert_memory_equal(p + 30, "mimetypeapplication/epub+zip", 28);
    assert_string_equal(zip_get_name(b.zip, 0, 0), "mimetype");
    assert_string_equal(zip_get_name(b.zip, 1, 0), "META-INF/container.xml");
    char *container = entry(&b, "META-INF/container.xml", NULL);
    assert_contains(container, "full-path=\"EPUB/package.opf\"");
    free(container);
    free_book(&b);
    folio_doc_free(doc);
}

static void test_epub_package_carries_the_articles_metadata(void **state)
{
    folio_doc *doc = make_doc("Ferja & «bølgene»");
    folio_node_set_meta(folio_node_first_child(folio_doc_root(doc)), FOLIO_META_ID,
                        folio_str_c("ntb-2024-0305"));
    book b;
    write_book(&b, *state, doc, NULL);
    char *opf = entry(&b, "EPUB/package.opf", NULL);
    assert_contains(opf, "<dc:identifier id=\"uid\">ntb-2024-0305</dc:identifier>");
    assert_contains(opf, "<dc:title id=\"title\">Ferja &amp; «bølgene»</dc:title>");
    assert_contains(opf, "<dc:language>nn</dc:language>");
    assert_contains(opf, ">Kari Nordmann</dc:creator>");
    assert_contains(opf, "<dc:publisher>NTB</dc:publisher>");
    assert_contains(opf, "<dc:rights>© NTB</dc:rights>");
    /* The date as written (so it reads back the same); modified is its moment in UTC. */
    assert_contains(opf, "<dc:date>2024-03-05T14:30+01:00</dc:date>");
    assert_contains(opf, "<meta property=\"dcterms:modified\">2024-03-05T13:30:00Z</meta>");
    assert_contains(opf, "<meta property=\"schema:accessibilityHazard\">none</meta>");
    assert_contains(opf, "<meta property=\"dcterms:conformsTo\">EPUB Accessibility 1.1 - WCAG "
                         "2.1 Level AA</meta>");
    assert_contains(opf, "<spine toc=\"ncx\">");
    char *ncx = entry(&b, "EPUB/toc.ncx", NULL);
    assert_contains(ncx, "<meta name=\"dtb:uid\" content=\"ntb-2024-0305\"/>");
    free(ncx);
    free(opf);
    free_book(&b);
    folio_doc_free(doc);
}

static void test_epub_navigation_lists_title_and_subheadings(void **state)
{
    folio_doc *doc = make_doc("Ferja");
    book b;
    write_book(&b, *state, doc, NULL);
    char *nav = entry(&b, "EPUB/nav.xhtml", NULL);
    assert_contains(nav, "<html xmlns=\"http://www.w3.org/1999/xhtml\"");
    assert_contains(nav, "lang=\"nn\" xml:lang=\"nn\"");
    assert_contains(nav, "<a href=\"a1.xhtml#a1\">Ferja</a>");
    assert_contains(nav, "<a href=\"a1.xhtml#a1-h1\">Vêret</a>");
    assert_contains(nav, "<a href=\"a1.xhtml#a1-h2\">Kaia</a>");
    assert_contains(nav, "epub:type=\"landmarks\"");
    char *page = entry(&b, "EPUB/a1.xhtml", NULL);
    assert_contains(page, "id=\"a1-h2\"");
    assert_contains(page, "href=\"style.css\"");
    char *css = entry(&b, "EPUB/style.css", NULL);
    assert_contains(css, "hyphens: auto");
    assert_contains(css, "-epub-hyphens: auto");
    assert_null(strstr(css, "px"));
    free(css);
    free(page);
    free(nav);
    free_book(&b);
    folio_doc_free(doc);
}

static void test_epub_is_the_same_bytes_every_time(void **state)
{
    folio_doc *doc = make_doc("Ferja");
    book one, two;
    write_book(&one, *state, doc, NULL);
    write_book(&two, *state, doc, NULL);
    assert_int_equal(one.bytes.len, two.bytes.len);
    assert_memory_equal(one.bytes.data, two.bytes.data, one.bytes.len);
    free_book(&two);
    /* SOURCE_DATE_EPOCH wins over the article's date: 2001-09-09T01:46:40Z. */
    setenv("SOURCE_DATE_EPOCH", "1000000000", 1);
    write_book(&two, *state, doc, NULL);
    unsetenv("SOURCE_DATE_EPOCH");
    char *opf = entry(&two, "EPUB/package.opf", NULL);
    assert_contains(opf, "<meta property=\"dcterms:modified\">2001-09-09T01:46:40Z</meta>");
    zip_stat_t st1, st2;
    assert_int_equal(zip_stat_index(one.zip, 0, 0, &st1), 0);
    assert_int_equal(zip_stat_index(two.zip, 0, 0, &st2), 0);
    assert_true(st1.mtime - st2.mtime > 20 * 365 * 86400); /* 2024 against 2001 */
    free(opf);
    free_book(&one);
    free_book(&two);
    folio_doc_free(doc);
}

static void test_epub_identifier_without_id_comes_from_the_content(void **state)
{
    folio_doc *a = make_doc("Ferja"), *same = make_doc("Ferja"), *other = make_doc("Ferje");
    book b1, b2, b3;
    write_book(&b1, *state, a, NULL);
    write_book(&b2, *state, same, NULL);
    write_book(&b3, *state, other, NULL);
    char *o1 = entry(&b1, "EPUB/package.opf", NULL), *o2 = entry(&b2, "EPUB/package.opf", NULL);
    char *o3 = entry(&b3, "EPUB/package.opf", NULL);
    const char *u1 = strstr(o1, "urn:uuid:"), *u2 = strstr(o2, "urn:uuid:");
    const char *u3 = strstr(o3, "urn:uuid:");
    assert_non_null(u1);
    assert_non_null(u3);
    assert_memory_equal(u1, u2, 45);
    assert_memory_not_equal(u1, u3, 45);
    assert_int_equal(u1[23], '5'); /* a name-based (SHA-1) UUID */
    free(o1), free(o2), free(o3);
    free_book(&b1), free_book(&b2), free_book(&b3);
    folio_doc_free(a), folio_doc_free(same), folio_doc_free(other);
}

static void test_epub_package_holds_only_characters_xml_allows(void **state)
{
    folio_doc *doc = make_doc("A\x01"
                              "B\xef\xbf\xbf"
                              "C\xff"
                              "D <&>");
    book b;
    write_book(&b, *state, doc, NULL);
    char *opf = entry(&b, "EPUB/package.opf", NULL);
    assert_contains(opf, "<dc:title id=\"title\">A\xef\xbf\xbd"
                         "B\xef\xbf\xbd"
                         "C\xef\xbf\xbd"
                         "D &lt;&amp;&gt;</dc:title>");
    char *nav = entry(&b, "EPUB/nav.xhtml", NULL);
    assert_contains(nav, ">A\xef\xbf\xbd"
                         "B\xef\xbf\xbd"
                         "C\xef\xbf\xbd"
                         "D &lt;&amp;&gt;</a>");
    free(nav);
    free(opf);
    free_book(&b);
    folio_doc_free(doc);
}

static void test_epub_identifier_keeps_a_long_id_whole(void **state)
{
    folio_doc *doc = make_doc("Ferja");
    char id[200];
    memset(id, 'x', sizeof id - 1);
    memcpy(id, "https://example.com/", 20);
    id[sizeof id - 1] = '\0';
    folio_node_set_meta(folio_node_first_child(folio_doc_root(doc)), FOLIO_META_ID,
                        folio_str_c(id));
    book b;
    write_book(&b, *state, doc, NULL);
    char *opf = entry(&b, "EPUB/package.opf", NULL);
    assert_non_null(strstr(opf, id));
    assert_null(strstr(opf, "urn:uuid:"));
    free(opf);
    free_book(&b);
    folio_doc_free(doc);
}

static void test_epub_packs_each_picture_once_and_drops_missing_ones(void **state)
{
    folio_doc *doc = make_doc("Ferja");
    folio_node *a = folio_node_first_child(folio_doc_root(doc));
    assert_int_equal(
        folio_doc_add_resource(doc, folio_str_c("photo.jpg"), jpeg_3x2, sizeof jpeg_3x2, NULL),
        FOLIO_OK);
    add_caption(a, "Ferja ved kai.", "photo.jpg");
    add_caption(a, "Same bilete.", "photo.jpg");
    add_caption(a, "Bilete som manglar.", "missing.png");
    book b;
    write_book(&b, *state, doc, NULL);
    size_t len;
    char *jpg = entry(&b, "EPUB/images/1.jpg", &len);
    assert_int_equal(len, sizeof jpeg_3x2);
    assert_memory_equal(jpg, jpeg_3x2, len);
    assert_int_equal(zip_name_locate(b.zip, "EPUB/images/2.jpg", 0), -1);
    char *opf = entry(&b, "EPUB/package.opf", NULL);
    assert_contains(opf, "href=\"images/1.jpg\" media-type=\"image/jpeg\"");
    assert_contains(opf, "<meta property=\"schema:accessibilityFeature\">alternativeText</meta>");
    char *page = entry(&b, "EPUB/a1.xhtml", NULL);
    assert_contains(page, "src=\"images/1.jpg\"");
    assert_contains(page, "Bilete som manglar.");
    assert_null(strstr(page, "missing.png"));
    assert_null(strstr(page, "src=\"\""));
    free(page);
    free(opf);
    free(jpg);
    free_book(&b);
    folio_doc_free(doc);
}

static void test_epub_cover_is_the_given_picture_or_a_drawn_png(void **state)
{
    folio_doc *doc = make_doc("Ferja");
    book b;
    write_book(&b, *state, doc, NULL);
    size_t len;
    char *png = entry(&b, "EPUB/images/cover.png", &len);
    folio_image_info info;
    assert_int_equal(folio_image_probe(png, len, &info, NULL), FOLIO_OK);
    assert_string_equal(info.media_type, "image/png");
    assert_int_equal(info.width, 1200);
    assert_int_equal(info.height, 1800);
    free(png);
    char *opf = entry(&b, "EPUB/package.opf", NULL);
    assert_contains(opf, "href=\"images/cover.png\" media-type=\"image/png\" "
                         "properties=\"cover-image\"");
    free(opf);
    free_book(&b);

    folio_options *opts = folio_options_new();
    folio_options_set_file(opts, "epub.cover", jpeg_3x2, sizeof jpeg_3x2);
    write_book(&b, *state, doc, opts);
    char *jpg = entry(&b, "EPUB/images/cover.jpg", &len);
    assert_int_equal(len, sizeof jpeg_3x2);
    assert_int_equal(zip_name_locate(b.zip, "EPUB/images/cover.png", 0), -1);
    free(jpg);
    free_book(&b);

    folio_options_set_file(opts, "epub.cover", png_2x1, sizeof png_2x1);
    write_book(&b, *state, doc, opts);
    png = entry(&b, "EPUB/images/cover.png", &len);
    assert_int_equal(len, sizeof png_2x1);
    assert_memory_equal(png, png_2x1, len);
    free(png);
    free_book(&b);

    folio_options_set_file(opts, "epub.cover", "GIF89a", 6);
    folio_buf out = {0};
    folio_error err = {0};
    assert_int_equal(test_write(&out, *state, "epub", doc, opts, &err), FOLIO_EOPTION);
    assert_non_null(strstr(err.message, "epub.cover"));
    folio_buf_free(&out);
    folio_options_free(opts);
    folio_doc_free(doc);
}

static void test_epub_digest_has_a_title_page_and_contents(void **state)
{
    folio_doc *doc = make_doc("Ferja");
    folio_doc_merge(doc, make_doc("Brua"));
    folio_node_set_meta(folio_doc_root(doc), FOLIO_META_TITLE, folio_str_c("Morgonutgåva"));
    book b;
    write_book(&b, *state, doc, NULL);
    char *opf = entry(&b, "EPUB/package.opf", NULL);
    assert_contains(opf, "<dc:title id=\"title\">Morgonutgåva</dc:title>");
    assert_contains(opf, "<itemref idref=\"cover\"/>\n    <itemref idref=\"title-page\"/>\n"
                         "    <itemref idref=\"nav\"/>\n    <itemref idref=\"a1\"/>\n"
                         "    <itemref idref=\"a2\"/>");
    char *title = entry(&b, "EPUB/title.xhtml", NULL);
    assert_contains(title, "Morgonutgåva</h1>");
    assert_contains(title, "<time datetime=\"2024-03-05T14:30+01:00\">5. mars 2024</time>");
    char *nav = entry(&b, "EPUB/nav.xhtml", NULL);
    assert_contains(nav, "<a href=\"a2.xhtml#a2\">Brua</a>");
    assert_contains(nav, "<a href=\"a2.xhtml#a2-h1\">Vêret</a>");
    char *page = entry(&b, "EPUB/a2.xhtml", NULL);
    assert_contains(page, "<article id=\"a2\"");
    free(page);
    free(nav);
    free(title);
    free(opf);
    free_book(&b);
    folio_doc_free(doc);
}

static void test_epub_refuses_a_document_without_articles(void **state)
{
    folio_doc *doc = folio_doc_new();
    folio_buf out = {0};
    folio_error err = {0};
    assert_int_equal(test_write(&out, *state, "epub", doc, NULL, &err), FOLIO_EFORMAT);
    assert_int_equal(out.len, 0);
    folio_buf_free(&out);
    folio_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_epub_starts_with_the_stored_mimetype_entry),
        cmocka_unit_test(test_epub_package_carries_the_articles_metadata),
        cmocka_unit_test(test_epub_navigation_lists_title_and_subheadings),
        cmocka_unit_test(test_epub_is_the_same_bytes_every_time),
        cmocka_unit_test(test_epub_identifier_without_id_comes_from_the_content),
        cmocka_unit_test(test_epub_package_holds_only_characters_xml_allows),
        cmocka_unit_test(test_epub_identifier_keeps_a_long_id_whole),
        cmocka_unit_test(test_epub_packs_each_picture_once_and_drops_missing_ones),
        cmocka_unit_test(test_epub_cover_is_the_given_picture_or_a_drawn_png),
        cmocka_unit_test(test_epub_digest_has_a_title_page_and_contents),
        cmocka_unit_test(test_epub_refuses_a_document_without_articles),
    };
    return cmocka_run_group_tests(tests, test_registry_setup, test_registry_teardown);
}
