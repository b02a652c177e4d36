/* SPDX-License-Identifier: MIT */
/* The conversion API: bytes in, bytes out, through the registry's plugins, with no files. */
#include "test.h"

#include <string.h>

static const char article_txt[] = "title Ferja går igjen\n"
                                  "date 2024-03-01\n"
                                  "\n"
                                  "Ferja mellom Lavik og Oppedal går igjen etter stormen.\n"
                                  "\n"
                                  "Mannskapet har sjekket kaiene.\n";

static folio_source txt_source(const char *name)
{
    return (folio_source){
        .data = (const unsigned char *)article_txt, .len = sizeof article_txt - 1, .name = name};
}

static void test_convert_turns_text_into_json_in_memory(void **state)
{
    folio_conversion conv = {.registry = *state, .to = "json"};
    folio_source src = txt_source("ferje.txt");
    folio_buf out = {0};
    folio_sink sink = folio_buf_sink(&out);
    folio_error err = {0};
    assert_int_equal(folio_convert(&conv, &src, 1, &sink, &err), FOLIO_OK);
    assert_non_null(strstr(out.data, "\"title\": \"Ferja går igjen\""));
    assert_non_null(strstr(out.data, "\"role\": \"lead\""));
    folio_buf_free(&out);
}

static void test_convert_tells_the_format_by_name_or_by_content(void **state)
{
    folio_conversion conv = {.registry = *state, .to = "json"};
    folio_doc *doc;
    folio_error err = {0};
    /* No name and no format: the json reader recognises its own form. */
    const char json[] = "{\"version\": 1, \"blocks\": []}";
    folio_source anon = {.data = (const unsigned char *)json, .len = sizeof json - 1};
    assert_int_equal(folio_convert_read(&doc, &conv, &anon, &err), FOLIO_OK);
    folio_doc_free(doc);
    folio_source named = txt_source("ferje.text");
    assert_int_equal(folio_convert_read(&doc, &conv, &named, &err), FOLIO_OK);
    assert_int_equal(folio_doc_article_count(doc), 1);
    folio_doc_free(doc);
}

static void test_several_sources_make_a_digest_with_the_metadata_given(void **state)
{
    const char *const meta[] = {"title=Morgenutgaven", "author=Kari", "author=Per", "lang=", NULL};
    folio_conversion conv = {.registry = *state, .to = "json", .meta = meta};
    folio_source srcs[2] = {txt_source("a.txt"), txt_source("b.txt")};
    folio_doc *doc;
    folio_error err = {0};
    assert_int_equal(folio_convert_read_all(&doc, &conv, srcs, 2, &err), FOLIO_OK);
    assert_int_equal(folio_doc_article_count(doc), 2);
    folio_node *meta_node = folio_doc_meta_node(doc);
    assert_ptr_equal(meta_node, folio_doc_root(doc));
    assert_str_equal(folio_node_meta(meta_node, FOLIO_META_TITLE), "Morgenutgaven");
    assert_int_equal(folio_node_author_count(meta_node), 2);
    assert_str_equal(folio_node_author(meta_node, 1), "Per");
    folio_doc_free(doc);
}

static void test_a_bad_input_fails_naming_it_and_keeps_no_document(void **state)
{
    folio_conversion conv = {.registry = *state, .to = "json"};
    const char bad[] = "{\"version\": 1, \"blocks\": [{\"type\": \"nosuch\"}]}";
    folio_source srcs[2] = {
        txt_source("a.txt"),
        {.data = (const unsigned char *)bad, .len = sizeof bad - 1, .name = "b.json"}};
    folio_doc *doc = (folio_doc *)1;
    folio_error err = {0};
    assert_int_equal(folio_convert_read_all(&doc, &conv, srcs, 2, &err), FOLIO_EFORMAT);
    assert_null(doc);
    assert_string_equal(err.source, "b.json");
    assert_int_equal(err.line, 1);
}

static void test_an_unknown_output_format_is_unsupported(void **state)
{
    folio_conversion conv = {.registry = *state, .to = "nosuch"};
    folio_source src = txt_source("a.txt");
    folio_buf out = {0};
    folio_sink sink = folio_buf_sink(&out);
    folio_error err = {0};
    assert_int_equal(folio_convert(&conv, &src, 1, &sink, &err), FOLIO_EUNSUPPORTED);
    assert_int_equal(out.len, 0);
    folio_buf_free(&out);
}

static int setup(void **state)
{
    *state = folio_registry_new(NULL);
    return 0;
}

static int teardown(void **state)
{
    folio_registry_free(*state);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_convert_turns_text_into_json_in_memory),
        cmocka_unit_test(test_convert_tells_the_format_by_name_or_by_content),
        cmocka_unit_test(test_several_sources_make_a_digest_with_the_metadata_given),
        cmocka_unit_test(test_a_bad_input_fails_naming_it_and_keeps_no_document),
        cmocka_unit_test(test_an_unknown_output_format_is_unsupported),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
