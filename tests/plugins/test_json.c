/* SPDX-License-Identifier: MIT */
#include "test.h"

#include <folio/resource.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * The canonical files were made with `jq .` from hand-written JSON (see
 * tests/json/check-jq.sh), not with the writer under test.
 */
static const char *const canonical[] = {
    "tests/json/spec-example.json", "tests/json/digest.json",  "tests/json/minimal.json",
    "tests/json/empty-digest.json", "tests/json/built.json",   "samples/kim-putin.json",
    "tests/json/table.json",        "tests/json/factbox.json", "tests/json/txt-blocks.json",
    "tests/json/nb-valg.json",
};

static void assert_bytes(const folio_buf *got, const char *expected, size_t len, const char *what)
{
    size_t i = 0, line = 1;
    while (i < got->len && i < len && got->data[i] == expected[i])
        line += expected[i++] == '\n';
    if (i == len && i == got->len)
        return;
    fail_msg("%s: output differs at line %zu (byte %zu):\n%.*s", what, line, i,
             (int)(got->len - i < 120 ? got->len - i : 120), got->data + i);
}

static void test_json_round_trip_of_each_canonical_file_is_byte_for_byte(void **state)
{
    folio_registry *reg = *state;
    for (size_t i = 0; i < sizeof canonical / sizeof canonical[0]; i++) {
        size_t len;
        char *expected = test_read_file(canonical[i], &len);
        folio_doc *doc = test_read_file_ok(reg, "json", canonical[i]);
        folio_buf out = {0};
        folio_error err = {0};
        assert_int_equal(test_write(&out, reg, "json", doc, NULL, &err), FOLIO_OK);
        assert_bytes(&out, expected, len, canonical[i]);
        folio_buf_free(&out);
        folio_doc_free(doc);
        free(expected);
    }
}

static const folio_node *next_block(const folio_node *n, folio_node_kind kind)
{
    assert_non_null(n);
    assert_int_equal(folio_node_kind_of(n), kind);
    return n;
}

static void check_spec_meta(const folio_node *a)
{
    assert_str_equal(folio_node_meta(a, FOLIO_META_TITLE), "Kim og Putin møttes på romsenter");
    assert_str_equal(folio_node_meta(a, FOLIO_META_DATE), "2023-09");
    assert_str_equal(folio_node_meta(a, FOLIO_META_LANG), "nb");
    assert_null(folio_node_meta(a, FOLIO_META_SUBTITLE).data);
    assert_null(folio_node_meta(a, FOLIO_META_SOURCE).data);
    assert_int_equal(folio_node_author_count(a), 0);
}

static const folio_node *check_spec_body(const folio_node *b)
{
    next_block(b, FOLIO_NODE_PARAGRAPH);
    assert_int_equal(folio_node_role(b), FOLIO_ROLE_BODY);
    assert_true(folio_node_has_formatting(b));
    assert_str_equal(folio_node_text(b), "Han siteres av KCNA ...");
    const folio_node *t = folio_node_first_child(b);
    assert_int_equal(folio_node_kind_of(t), FOLIO_NODE_TEXT);
    assert_str_equal(folio_node_text(t), "Han siteres av ");
    const folio_node *link = folio_node_next(t);
    assert_int_equal(folio_node_kind_of(link), FOLIO_NODE_LINK);
    assert_str_equal(folio_node_href(link), "https://example.org/kcna");
    assert_int_equal(folio_node_kind_of(folio_node_first_child(link)), FOLIO_NODE_TEXT);
    assert_str_equal(folio_node_text(link), "KCNA");
    assert_str_equal(folio_node_text(folio_node_next(link)), " ...");
    assert_null(folio_node_next(folio_node_next(link)));
    return folio_node_next(b);
}

static const folio_node *check_spec_caption(const folio_node *b)
{
    next_block(b, FOLIO_NODE_CAPTION);
    assert_str_equal(folio_node_kicker(b), "GUIDET");
    assert_str_equal(folio_node_text(b), "Kim fikk omvisning ...");
    assert_false(folio_node_has_formatting(b));
    assert_true(folio_node_has_credit(b));
    assert_str_equal(folio_node_credit_label(b), "Foto");
    assert_str_equal(folio_node_credit_text(b), "Vladimir Smirnov / AFP / NTB");
    assert_int_equal(folio_node_credit_count(b), 3);
    assert_str_equal(folio_node_credit_part(b, 0), "Vladimir Smirnov");
    assert_str_equal(folio_node_credit_part(b, 1), "AFP");
    assert_str_equal(folio_node_credit_part(b, 2), "NTB");
    assert_true(folio_node_has_image(b));
    assert_str_equal(folio_node_image_src(b), "images/kim.jpg");
    assert_str_equal(folio_node_image_alt(b), "Kim på kosmodromen");
    assert_int_equal(folio_node_image_width(b), 0);
    assert_int_equal(folio_node_image_height(b), 0);
    b = next_block(folio_node_next(b), FOLIO_NODE_CREDIT);
    assert_str_equal(folio_node_text(b), "Ola Nordmann / NTB");
    assert_str_equal(folio_node_credit_label(b), "Foto");
    assert_str_equal(folio_node_credit_text(b), "Ola Nordmann / NTB");
    assert_int_equal(folio_node_credit_count(b), 2);
    assert_str_equal(folio_node_credit_part(b, 0), "Ola Nordmann");
    assert_str_equal(folio_node_credit_part(b, 1), "NTB");
    return folio_node_next(b);
}

static void test_json_reads_the_spec_example_field_by_field(void **state)
{
    folio_registry *reg = *state;
    folio_doc *doc = test_read_file_ok(reg, "json", "tests/json/spec-example.json");
    assert_int_equal(folio_doc_article_count(doc), 1);
    const folio_node *a = folio_node_first_child(folio_doc_root(doc));
    check_spec_meta(a);
    const folio_node *b = next_block(folio_node_first_child(a), FOLIO_NODE_HEADLINE);
    assert_int_equal(folio_node_level(b), 2);
    assert_str_equal(folio_node_text(b), "Isolert");
    b = next_block(folio_node_next(b), FOLIO_NODE_PARAGRAPH);
    assert_int_equal(folio_node_role(b), FOLIO_ROLE_LEAD);
    assert_str_equal(folio_node_text(b), "Nord-Koreas leder ...");
    b = next_block(folio_node_next(b), FOLIO_NODE_PARAGRAPH);
    assert_int_equal(folio_node_role(b), FOLIO_ROLE_QUOTE);
    assert_str_equal(folio_node_text(b), "– Vi vil alltid ...");
    b = check_spec_body(folio_node_next(b));
    b = check_spec_caption(b);
    b = next_block(b, FOLIO_NODE_BYLINE);
    assert_str_equal(folio_node_text(b), "Av Kari Nordmann");
    assert_null(folio_node_next(b));
    folio_doc_free(doc);
}

static void test_json_reads_a_digest_with_document_meta(void **state)
{
    folio_registry *reg = *state;
    folio_doc *doc = test_read_file_ok(reg, "json", "tests/json/digest.json");
    assert_int_equal(folio_doc_article_count(doc), 3);
    const folio_node *top = folio_doc_root(doc);
    assert_ptr_equal(folio_doc_meta_node(doc), top);
    assert_str_equal(folio_node_meta(top, FOLIO_META_TITLE), "Dagens nyheter");
    assert_str_equal(folio_node_meta(top, FOLIO_META_RIGHTS), "© NTB 2023");
    assert_int_equal(folio_node_author_count(top), 2);
    assert_str_equal(folio_node_author(top, 1), "Desk B");
    const folio_node *a = folio_node_first_child(top);
    assert_str_equal(folio_node_meta(a, FOLIO_META_DATE), "2023-09-13T10:41:00+02:00");
    assert_str_equal(folio_node_author(a, 0), "Kari Nordmann");
    const folio_node *lead = folio_node_next(folio_node_next(folio_node_first_child(a)));
    assert_str_equal(folio_node_text(lead), "Nord-Koreas leder møtte Putin.\nPå romsenteret.");
    const folio_node *last = folio_node_last_child(folio_node_last_child(top));
    assert_null(last);
    assert_str_equal(folio_node_meta(folio_node_last_child(top), FOLIO_META_DESCRIPTION), "");
    folio_doc_free(doc);
}

/* Neither white space nor the order of members matters: spec-reordered.json
 * has every object's members backwards ("type" last, "inlines" before
 * "text", "version" after "blocks"). */
static void test_json_layout_of_the_input_does_not_matter(void **state)
{
    static const char *const files[] = {"tests/json/layout/spec-handformatted.json",
                                        "tests/json/layout/spec-reordered.json"};
    folio_registry *reg = *state;
    size_t len;
    char *expected = test_read_file("tests/json/spec-example.json", &len);
    for (size_t i = 0; i < 2; i++) {
        folio_doc *doc = test_read_file_ok(reg, "json", files[i]);
        folio_buf out = {0};
        folio_error err = {0};
        assert_int_equal(test_write(&out, reg, "json", doc, NULL, &err), FOLIO_OK);
        assert_bytes(&out, expected, len, files[i]);
        folio_buf_free(&out);
        folio_doc_free(doc);
    }
    free(expected);
}

static void add_para(folio_node *parent, folio_role role, const char *text)
{
    folio_node *p = folio_node_append_new(parent, FOLIO_NODE_PARAGRAPH);
    folio_node_set_role(p, role);
    folio_node_append_text(p, text, strlen(text));
}

static void build_inlines(folio_node *a)
{
    folio_node *p = folio_node_append_new(a, FOLIO_NODE_PARAGRAPH);
    folio_node_append_text(p, "Plain ", 6);
    folio_node_append_text(folio_node_append_new(p, FOLIO_NODE_STRONG), "bold", 4);
    folio_node_append_new(p, FOLIO_NODE_BREAK);
    folio_node *link = folio_node_append_new(p, FOLIO_NODE_LINK);
    folio_node_set_href(link, folio_str_c("https://x.test/?q=\"1\""));
    folio_node_append_text(folio_node_append_new(link, FOLIO_NODE_EMPHASIS), "it", 2);
}

static void build_captions(folio_node *a)
{
    folio_node *c = folio_node_append_new(a, FOLIO_NODE_CAPTION);
    folio_node_append_text(c, "A caption", 9);
    folio_str ap = folio_str_c("AP");
    folio_node_set_credit(c, folio_str_n(NULL, 0), ap, &ap, 1);
    folio_node_set_image(c, folio_str_c("p.png"), folio_str_n(NULL, 0), 640, 0);
    folio_node *cr = folio_node_append_new(a, FOLIO_NODE_CREDIT);
    folio_str parts[] = {folio_str_c("Jane Doe"), ap};
    folio_node_set_credit(cr, folio_str_c("Photo"), folio_str_c("Jane Doe / AP"), parts, 2);
}

static folio_doc *build_doc(void)
{
    folio_doc *doc = folio_doc_new();
    /* One article: the single form shows the article's meta, not the document's. */
    folio_node_set_meta(folio_doc_root(doc), FOLIO_META_TITLE, folio_str_c("Not shown"));
    folio_node *a = folio_doc_add_article(doc);
    folio_node_set_meta(a, FOLIO_META_TITLE, folio_str_c("Bygget"));
    folio_node_set_meta(a, FOLIO_META_LANG, folio_str_c("en"));
    folio_node_add_author(a, folio_str_c("A. Writer"));
    folio_node *h = folio_node_append_new(a, FOLIO_NODE_HEADLINE);
    folio_node_set_level(h, 3);
    folio_node_append_text(h, "Controls", 8);
    add_para(a, FOLIO_ROLE_QUOTE, "tab\there \"q\" back\\slash \x01\x1f\x7f \b\f\r\n end");
    build_inlines(a);
    build_captions(a);
    folio_node *list = folio_node_append_new(a, FOLIO_NODE_LIST);
    add_para(list, FOLIO_ROLE_BODY, "one");
    add_para(list, FOLIO_ROLE_LEAD, "two");
    folio_node_append_text(folio_node_append_new(a, FOLIO_NODE_BYLINE), "By A. Writer", 12);
    return doc;
}

static void test_json_writes_a_built_doc_like_the_golden_file(void **state)
{
    folio_registry *reg = *state;
    folio_doc *doc = build_doc();
    folio_buf out = {0};
    folio_error err = {0};
    assert_int_equal(test_write(&out, reg, "json", doc, NULL, &err), FOLIO_OK);
    test_assert_golden(out.data, out.len, "tests/json/built.json");
    folio_buf_free(&out);
    folio_doc_free(doc);
}

static void test_json_writes_several_articles_in_the_articles_form(void **state)
{
    folio_registry *reg = *state;
    folio_doc *doc = folio_doc_new();
    folio_node_set_meta(folio_doc_root(doc), FOLIO_META_SOURCE, folio_str_c("NTB"));
    add_para(folio_doc_add_article(doc), FOLIO_ROLE_LEAD, "Én");
    folio_doc_add_article(doc);
    folio_buf out = {0};
    folio_error err = {0};
    assert_int_equal(test_write(&out, reg, "json", doc, NULL, &err), FOLIO_OK);
    static const char expected[] =
        "{\n  \"version\": 1,\n  \"meta\": {\n    \"source\": \"NTB\"\n  },\n"
        "  \"articles\": [\n    {\n      \"meta\": {},\n      \"blocks\": [\n"
        "        {\n          \"type\": \"paragraph\",\n          \"role\": \"lead\",\n"
        "          \"text\": \"Én\"\n        }\n      ]\n    },\n"
        "    {\n      \"meta\": {},\n      \"blocks\": []\n    }\n  ]\n}\n";
    assert_bytes(&out, expected, sizeof expected - 1, "two articles");
    folio_buf_free(&out);
    folio_doc_free(doc);
}

/* Blocks go on line 2, so that their columns are easy to count. */
#define HEAD "{\"version\": 1, \"meta\": {}, \"blocks\": [\n"
#define BLOCK(s) HEAD s "\n]}\n"
#define META(s) "{\"version\": 1, \"meta\": {\"title\": \"" s "\"}, \"blocks\": []}"

static const struct malformed {
    const char *name;
    const char *input;
    size_t len; /* 0: strlen(input) */
    const char *file;
    int code;
    unsigned line, column;
} malformed[] = {
    /* syntax */
    {"empty input", "", 0, NULL, FOLIO_EFORMAT, 1, 1},
    {"truncated object", "{\"version\": 1, \"meta\": {", 0, NULL, FOLIO_EFORMAT, 1, 25},
    {"truncated in a key", "{\"version\": 1, \"me", 0, NULL, FOLIO_EFORMAT, 1, 19},
    {"truncated block", HEAD "{\"type\": \"byline\", \"te", 0, NULL, FOLIO_EFORMAT, 2, 23},
    {"newline in a string", BLOCK("{\"type\": \"byline\", \"te"), 0, NULL, FOLIO_EFORMAT, 2, 23},
    {"bad escape", META("a\\qb"), 0, NULL, FOLIO_EFORMAT, 1, 36},
    {"short \\u escape", META("\\u12g4"), 0, NULL, FOLIO_EFORMAT, 1, 35},
    {"invalid UTF-8 byte", META("a\xff"), 0, NULL, FOLIO_EFORMAT, 1, 36},
    {"invalid UTF-8 after a non-ASCII char", META("\xc3\xb8\xff"), 0, NULL, FOLIO_EFORMAT, 1, 36},
    {"overlong UTF-8", META("a\xc0\xaf"), 0, NULL, FOLIO_EFORMAT, 1, 36},
    {"UTF-8 encoded surrogate", META("a\xed\xa0\x80"), 0, NULL, FOLIO_EFORMAT, 1, 36},
    {"truncated UTF-8", META("a\xe2\x80"), 0, NULL, FOLIO_EFORMAT, 1, 36},
    {"raw control character", META("a\tb"), 0, NULL, FOLIO_EFORMAT, 1, 36},
    {"lone high surrogate", META("\\ud800x"), 0, NULL, FOLIO_EFORMAT, 1, 35},
    {"lone low surrogate", META("\\udc00"), 0, NULL, FOLIO_EFORMAT, 1, 35},
    {"escaped NUL", META("\\u0000"), 0, NULL, FOLIO_EFORMAT, 1, 35},
    {"trailing garbage", "{\"version\": 1, \"meta\": {}, \"blocks\": []} x", 0, NULL, FOLIO_EFORMAT,
     1, 42},
    {"second document", "{\"version\": 1, \"blocks\": []}\n{}", 0, NULL, FOLIO_EFORMAT, 2, 1},
    {"trailing comma", "{\"version\": 1,}", 0, NULL, FOLIO_EFORMAT, 1, 15},
    {"leading zero", "{\"version\": 01}", 0, NULL, FOLIO_EFORMAT, 1, 13},
    {"fraction without digits", "{\"version\": 1.}", 0, NULL, FOLIO_EFORMAT, 1, 15},
    {"single quotes", "{'version': 1}", 0, NULL, FOLIO_EFORMAT, 1, 2},
    {"missing colon", "{\"version\" 1}", 0, NULL, FOLIO_EFORMAT, 1, 12},
    {"bad literal", "{\"version\": 1, \"meta\": {}, \"blocks\": [], \"x\": tru}", 0, NULL,
     FOLIO_EFORMAT, 1, 47},
    {"NUL byte", "{\0}", 3, NULL, FOLIO_EFORMAT, 1, 2},
    /* the top object */
    {"not an object", "[]", 0, NULL, FOLIO_EFORMAT, 1, 1},
    {"unknown version", "{\"version\": 2, \"meta\": {}, \"blocks\": []}", 0, NULL, FOLIO_EFORMAT, 1,
     13},
    {"version as a string", "{\"version\": \"1\", \"blocks\": []}", 0, NULL, FOLIO_EFORMAT, 1, 13},
    {"version 1.0", "{\"version\": 1.0, \"blocks\": []}", 0, NULL, FOLIO_EFORMAT, 1, 13},
    {"missing version", "{\"meta\": {}, \"blocks\": []}", 0, NULL, FOLIO_EFORMAT, 1, 1},
    {"blocks and articles", "{\"version\": 1, \"blocks\": [], \"articles\": []}", 0, NULL,
     FOLIO_EFORMAT, 1, 30},
    {"neither blocks nor articles", "{\"version\": 1, \"meta\": {}}", 0, NULL, FOLIO_EFORMAT, 1, 1},
    {"publication meta on one article",
     "{\"version\": 1, \"meta\": {\"title\": \"Dag\"}, \"articles\": [{\"blocks\": []}]}", 0, NULL,
     FOLIO_EFORMAT, 1, 16},
    {"unknown top key", "{\"version\": 1, \"blocks\": [], \"extra\": 0}", 0, NULL, FOLIO_EFORMAT, 1,
     30},
    {"duplicate top key", "{\"version\": 1, \"blocks\": [], \"version\": 1}", 0, NULL,
     FOLIO_EFORMAT, 1, 30},
    {"unknown meta key", "{\"version\": 1, \"meta\": {\"author\": \"x\"}, \"blocks\": []}", 0, NULL,
     FOLIO_EFORMAT, 1, 25},
    {"meta value not a string", "{\"version\": 1, \"meta\": {\"title\": 1}, \"blocks\": []}", 0,
     NULL, FOLIO_EFORMAT, 1, 34},
    {"authors not an array", "{\"version\": 1, \"meta\": {\"authors\": \"x\"}, \"blocks\": []}", 0,
     NULL, FOLIO_EFORMAT, 1, 36},
    {"author not a string", "{\"version\": 1, \"meta\": {\"authors\": [null]}, \"blocks\": []}", 0,
     NULL, FOLIO_EFORMAT, 1, 37},
    {"blocks not an array", "{\"version\": 1, \"blocks\": {}}", 0, NULL, FOLIO_EFORMAT, 1, 26},
    {"article without blocks", "{\"version\": 1, \"articles\": [{\"meta\": {}}]}", 0, NULL,
     FOLIO_EFORMAT, 1, 29},
    {"article not an object", "{\"version\": 1, \"articles\": [[]]}", 0, NULL, FOLIO_EFORMAT, 1,
     29},
    /* blocks */
    {"block not an object", BLOCK("\"x\""), 0, NULL, FOLIO_EFORMAT, 2, 1},
    {"block without type", BLOCK("{\"text\": \"x\"}"), 0, NULL, FOLIO_EFORMAT, 2, 1},
    {"type not a string", BLOCK("{\"type\": 3, \"text\": \"x\"}"), 0, NULL, FOLIO_EFORMAT, 2, 10},
    {"unknown block type", BLOCK("{\"type\": \"chart\", \"text\": \"x\"}"), 0, NULL, FOLIO_EFORMAT,
     2, 10},
    {"a table's row as a block", BLOCK("{\"type\": \"row\", \"cells\": []}"), 0, NULL,
     FOLIO_EFORMAT, 2, 10},
    {"inline type as a block", BLOCK("{\"type\": \"emphasis\", \"inlines\": []}"), 0, NULL,
     FOLIO_EFORMAT, 2, 10},
    {"missing text", BLOCK("{\"type\": \"byline\"}"), 0, NULL, FOLIO_EFORMAT, 2, 1},
    {"text not a string", BLOCK("{\"type\": \"byline\", \"text\": 5}"), 0, NULL, FOLIO_EFORMAT, 2,
     28},
    {"text that does not match its inlines",
     BLOCK("{\"type\": \"byline\", \"text\": \"ab\", \"inlines\": [{\"type\": \"text\", \"text\": "
           "\"a\"}]}"),
     0, NULL, FOLIO_EFORMAT, 2, 28},
    {"the spec's verbatim example (its text elides the link)", NULL, 0,
     "tests/json/bad/spec-verbatim.json", FOLIO_EFORMAT, 12, 52},
    {"unknown key in a block", BLOCK("{\"type\": \"byline\", \"text\": \"x\", \"level\": 2}"), 0,
     NULL, FOLIO_EFORMAT, 2, 33},
    {"duplicate key in a block", BLOCK("{\"type\": \"byline\", \"text\": \"x\", \"text\": \"x\"}"),
     0, NULL, FOLIO_EFORMAT, 2, 33},
    {"level outside 1..3", BLOCK("{\"type\": \"headline\", \"level\": 4, \"text\": \"x\"}"), 0,
     NULL, FOLIO_EFORMAT, 2, 31},
    {"level 0", BLOCK("{\"type\": \"headline\", \"level\": 0, \"text\": \"x\"}"), 0, NULL,
     FOLIO_EFORMAT, 2, 31},
    {"level as a string", BLOCK("{\"type\": \"headline\", \"level\": \"2\", \"text\": \"x\"}"), 0,
     NULL, FOLIO_EFORMAT, 2, 31},
    {"level 2.5", BLOCK("{\"type\": \"headline\", \"level\": 2.5, \"text\": \"x\"}"), 0, NULL,
     FOLIO_EFORMAT, 2, 31},
    {"headline without level", BLOCK("{\"type\": \"headline\", \"text\": \"x\"}"), 0, NULL,
     FOLIO_EFORMAT, 2, 1},
    {"unknown role", BLOCK("{\"type\": \"paragraph\", \"role\": \"intro\", \"text\": \"x\"}"), 0,
     NULL, FOLIO_EFORMAT, 2, 31},
    {"paragraph without role", BLOCK("{\"type\": \"paragraph\", \"text\": \"x\"}"), 0, NULL,
     FOLIO_EFORMAT, 2, 1},
    {"ordered not a boolean",
     BLOCK("{\"type\": \"list\", \"ordered\": 1, \"text\": \"\", \"items\": []}"), 0, NULL,
     FOLIO_EFORMAT, 2, 29},
    {"list item not a paragraph",
     BLOCK("{\"type\": \"list\", \"ordered\": false, \"text\": \"x\", \"items\": [{\"type\": "
           "\"headline\", \"level\": 2, \"text\": \"x\"}]}"),
     0, NULL, FOLIO_EFORMAT, 2, 68},
    {"list text that does not match its items",
     BLOCK("{\"type\": \"list\", \"ordered\": true, \"text\": \"a\", \"items\": [{\"type\": "
           "\"paragraph\", \"role\": \"body\", \"text\": \"b\"}]}"),
     0, NULL, FOLIO_EFORMAT, 2, 43},
    {"credit object with a wrong member",
     BLOCK("{\"type\": \"caption\", \"text\": \"x\", \"credit\": {\"label\": \"Foto\", \"name\": "
           "\"x\", \"text\": \"x\", \"parts\": []}}"),
     0, NULL, FOLIO_EFORMAT, 2, 62},
    {"credit object without parts",
     BLOCK("{\"type\": \"caption\", \"text\": \"x\", \"credit\": {\"text\": \"x\"}}"), 0, NULL,
     FOLIO_EFORMAT, 2, 44},
    {"image with a wrong member",
     BLOCK(
         "{\"type\": \"caption\", \"text\": \"x\", \"image\": {\"src\": \"a.jpg\", \"size\": 3}}"),
     0, NULL, FOLIO_EFORMAT, 2, 60},
    {"image width 0",
     BLOCK(
         "{\"type\": \"caption\", \"text\": \"x\", \"image\": {\"src\": \"a.jpg\", \"width\": 0}}"),
     0, NULL, FOLIO_EFORMAT, 2, 69},
    {"negative image width",
     BLOCK("{\"type\": \"caption\", \"text\": \"x\", \"image\": {\"src\": \"a.jpg\", \"width\": "
           "-5}}"),
     0, NULL, FOLIO_EFORMAT, 2, 69},
    {"image without src", BLOCK("{\"type\": \"caption\", \"text\": \"x\", \"image\": {}}"), 0, NULL,
     FOLIO_EFORMAT, 2, 43},
    {"credit parts with a number",
     BLOCK("{\"type\": \"credit\", \"text\": \"x\", \"parts\": [\"a\", 1]}"), 0, NULL,
     FOLIO_EFORMAT, 2, 48},
    {"formatted credit",
     BLOCK("{\"type\": \"credit\", \"text\": \"x\", \"parts\": [], \"inlines\": [{\"type\": "
           "\"emphasis\", \"inlines\": [{\"type\": \"text\", \"text\": \"x\"}]}]}"),
     0, NULL, FOLIO_EFORMAT, 2, 57},
    /* tables */
    {"table without rows", BLOCK("{\"type\": \"table\", \"text\": \"\"}"), 0, NULL, FOLIO_EFORMAT,
     2, 1},
    {"table caption not a string",
     BLOCK("{\"type\": \"table\", \"caption\": [], \"text\": \"\", \"rows\": []}"), 0, NULL,
     FOLIO_EFORMAT, 2, 30},
    {"table text that does not match its rows",
     BLOCK("{\"type\": \"table\", \"text\": \"a b\", \"rows\": [{\"cells\": [{\"text\": \"a\"}, "
           "{\"text\": \"b\"}]}]}"),
     0, NULL, FOLIO_EFORMAT, 2, 27},
    {"rows not an array", BLOCK("{\"type\": \"table\", \"text\": \"\", \"rows\": {}}"), 0, NULL,
     FOLIO_EFORMAT, 2, 39},
    {"row not an object", BLOCK("{\"type\": \"table\", \"text\": \"\", \"rows\": [[]]}"), 0, NULL,
     FOLIO_EFORMAT, 2, 40},
    {"row with an unknown key",
     BLOCK("{\"type\": \"table\", \"text\": \"\", \"rows\": [{\"head\": true, \"cells\": []}]}"), 0,
     NULL, FOLIO_EFORMAT, 2, 41},
    {"row without cells", BLOCK("{\"type\": \"table\", \"text\": \"\", \"rows\": [{}]}"), 0, NULL,
     FOLIO_EFORMAT, 2, 40},
    {"header not a boolean",
     BLOCK("{\"type\": \"table\", \"text\": \"\", \"rows\": [{\"header\": 1, \"cells\": []}]}"), 0,
     NULL, FOLIO_EFORMAT, 2, 51},
    {"cell not an object",
     BLOCK("{\"type\": \"table\", \"text\": \"x\", \"rows\": [{\"cells\": [\"x\"]}]}"), 0, NULL,
     FOLIO_EFORMAT, 2, 52},
    {"cell with a type",
     BLOCK("{\"type\": \"table\", \"text\": \"x\", \"rows\": [{\"cells\": [{\"type\": \"text\", "
           "\"text\": \"x\"}]}]}"),
     0, NULL, FOLIO_EFORMAT, 2, 53},
    {"cell without text",
     BLOCK("{\"type\": \"table\", \"text\": \"\", \"rows\": [{\"cells\": [{}]}]}"), 0, NULL,
     FOLIO_EFORMAT, 2, 51},
    {"cell text that does not match its inlines",
     BLOCK("{\"type\": \"table\", \"text\": \"x\", \"rows\": [{\"cells\": [{\"text\": \"x\", "
           "\"inlines\": [{\"type\": \"text\", \"text\": \"y\"}]}]}]}"),
     0, NULL, FOLIO_EFORMAT, 2, 61},
    {"table in a list",
     BLOCK("{\"type\": \"list\", \"ordered\": false, \"text\": \"\", \"items\": [{\"type\": "
           "\"table\", \"text\": \"\", \"rows\": []}]}"),
     0, NULL, FOLIO_EFORMAT, 2, 67},
    /* fact boxes */
    {"fact box without blocks", BLOCK("{\"type\": \"factbox\", \"text\": \"\"}"), 0, NULL,
     FOLIO_EFORMAT, 2, 1},
    {"fact box title not a string",
     BLOCK("{\"type\": \"factbox\", \"title\": 5, \"text\": \"\", \"blocks\": []}"), 0, NULL,
     FOLIO_EFORMAT, 2, 30},
    {"fact box with a caption key",
     BLOCK("{\"type\": \"factbox\", \"caption\": \"x\", \"text\": \"\", \"blocks\": []}"), 0, NULL,
     FOLIO_EFORMAT, 2, 21},
    {"fact box text that does not match its blocks",
     BLOCK("{\"type\": \"factbox\", \"text\": \"a\", \"blocks\": []}"), 0, NULL, FOLIO_EFORMAT, 2,
     29},
    {"headline in a fact box",
     BLOCK("{\"type\": \"factbox\", \"text\": \"x\", \"blocks\": [{\"type\": \"headline\", "
           "\"level\": 2, \"text\": \"x\"}]}"),
     0, NULL, FOLIO_EFORMAT, 2, 54},
    {"fact box in a fact box",
     BLOCK("{\"type\": \"factbox\", \"text\": \"\", \"blocks\": [{\"type\": \"factbox\", "
           "\"text\": \"\", \"blocks\": []}]}"),
     0, NULL, FOLIO_EFORMAT, 2, 53},
    /* inlines */
    {"unknown inline type",
     BLOCK("{\"type\": \"byline\", \"text\": \"x\", \"inlines\": [{\"type\": \"underline\", "
           "\"inlines\": []}]}"),
     0, NULL, FOLIO_EFORMAT, 2, 54},
    {"block type as an inline",
     BLOCK("{\"type\": \"byline\", \"text\": \"x\", \"inlines\": [{\"type\": \"byline\", "
           "\"text\": \"x\"}]}"),
     0, NULL, FOLIO_EFORMAT, 2, 54},
    {"text inline without text",
     BLOCK("{\"type\": \"byline\", \"text\": \"x\", \"inlines\": [{\"type\": \"text\"}]}"), 0, NULL,
     FOLIO_EFORMAT, 2, 45},
    {"link without href",
     BLOCK("{\"type\": \"byline\", \"text\": \"x\", \"inlines\": [{\"type\": \"link\", "
           "\"inlines\": []}]}"),
     0, NULL, FOLIO_EFORMAT, 2, 45},
    {"inlines not an array", BLOCK("{\"type\": \"byline\", \"text\": \"x\", \"inlines\": {}}"), 0,
     NULL, FOLIO_EFORMAT, 2, 44},
    {"inlines on a list",
     BLOCK("{\"type\": \"list\", \"ordered\": true, \"text\": \"\", \"items\": [], \"inlines\": "
           "[]}"),
     0, NULL, FOLIO_EFORMAT, 2, 60},
};

static void check_malformed(folio_registry *reg, const struct malformed *m, const char *data,
                            size_t len)
{
    folio_doc *doc;
    folio_error err = {0};
    int rc = test_read(&doc, reg, "json", data, len, NULL, &err);
    if (rc != m->code || err.code != m->code || err.line != m->line || err.column != m->column)
        fail_msg("%s: got %d at %u:%u (%s), expected %d at %u:%u", m->name, rc, err.line,
                 err.column, err.message, m->code, m->line, m->column);
    assert_null(doc);
    assert_true(err.message[0] != '\0');
}

static void test_json_rejects_malformed_input_with_its_position(void **state)
{
    folio_registry *reg = *state;
    for (size_t i = 0; i < sizeof malformed / sizeof malformed[0]; i++) {
        const struct malformed *m = &malformed[i];
        if (m->file) {
            size_t len;
            char *data = test_read_file(m->file, &len);
            check_malformed(reg, m, data, len);
            free(data);
        } else {
            check_malformed(reg, m, m->input, m->len ? m->len : strlen(m->input));
        }
    }
}

/* The parser takes 2 * FOLIO_MAX_DEPTH + 8 = 136 nested containers (then fails as
 * no object), not 137: enough for any document the model can hold. */
static void test_json_refuses_a_depth_bomb_at_the_137th_bracket(void **state)
{
    folio_registry *reg = *state;
    const size_t n = 100000;
    char *bomb = malloc(2 * n);
    memset(bomb, '[', n);
    memset(bomb + n, ']', n);
    folio_doc *doc;
    folio_error err = {0};
    assert_int_equal(test_read(&doc, reg, "json", bomb, 2 * n, NULL, &err), FOLIO_EFORMAT);
    assert_int_equal(err.line, 1);
    assert_int_equal(err.column, 137);
    assert_non_null(strstr(err.message, "nested too deeply"));
    memset(bomb + 136, ']', 136);
    assert_int_equal(test_read(&doc, reg, "json", bomb, 272, NULL, &err), FOLIO_EFORMAT);
    assert_int_equal(err.line, 1);
    assert_int_equal(err.column, 1);
    assert_non_null(strstr(err.message, "object"));
    free(bomb);
}

static void test_json_accepts_a_byte_order_mark_and_escapes(void **state)
{
    folio_registry *reg = *state;
    static const char input[] =
        "\xef\xbb\xbf{\"version\": 1, \"meta\": {\"title\": \"a\\u00e5\\ud83d\\ude00\\/\\n\"},"
        " \"blocks\": []}";
    folio_doc *doc;
    folio_error err = {0};
    assert_int_equal(test_read(&doc, reg, "json", input, sizeof input - 1, NULL, &err), FOLIO_OK);
    const folio_node *a = folio_node_first_child(folio_doc_root(doc));
    assert_str_equal(folio_node_meta(a, FOLIO_META_TITLE), "aå😀/\n");
    folio_doc_free(doc);
}

/* Values that the reader reads again once their object is closed (a
 * credit's, an image's) keep their escapes decoded, each its own, though
 * the parser decodes every escaped string into one buffer. */
static void test_json_escaped_values_read_together_stay_apart(void **state)
{
    static const char input[] =
        "{\"version\": 1, \"blocks\": [{\"type\": \"caption\", \"text\": \"\\u00c5\", "
        "\"credit\": {\"label\": \"F\\u00f8to\", \"text\": \"A\\u00e6 / B\\u00f8\", "
        "\"parts\": [\"A\\u00e6\", \"B\\u00f8\"]}, \"image\": {\"src\": \"\\u00e6.jpg\", "
        "\"alt\": \"\\u00c5l\"}}, {\"type\": \"credit\", \"label\": \"\\u00c6\", \"text\": "
        "\"\\u00d8\", \"parts\": [\"\\u00d8\"], \"inlines\": [{\"type\": \"text\", \"text\": "
        "\"\\u00d8\"}]}]}";
    folio_doc *doc;
    folio_error err = {0};
    if (test_read(&doc, *state, "json", input, sizeof input - 1, NULL, &err) != FOLIO_OK)
        fail_msg("%u:%u: %s", err.line, err.column, err.message);
    const folio_node *cap = folio_node_first_child(folio_node_first_child(folio_doc_root(doc)));
    assert_str_equal(folio_node_text(cap), "Å");
    assert_str_equal(folio_node_credit_label(cap), "Føto");
    assert_str_equal(folio_node_credit_text(cap), "Aæ / Bø");
    assert_int_equal(folio_node_credit_count(cap), 2);
    assert_str_equal(folio_node_credit_part(cap, 0), "Aæ");
    assert_str_equal(folio_node_credit_part(cap, 1), "Bø");
    assert_str_equal(folio_node_image_src(cap), "æ.jpg");
    assert_str_equal(folio_node_image_alt(cap), "Ål");
    const folio_node *credit = folio_node_next(cap);
    assert_str_equal(folio_node_credit_label(credit), "Æ");
    assert_str_equal(folio_node_credit_text(credit), "Ø");
    assert_str_equal(folio_node_credit_part(credit, 0), "Ø");
    folio_doc_free(doc);
}

static void test_json_sniff_is_sure_only_with_a_version_key(void **state)
{
    folio_registry *reg = *state;
    const folio_plugin_desc *desc;
    folio_error err = {0};
    assert_int_equal(folio_registry_load(&desc, reg, "json", FOLIO_CAN_READ, &err), FOLIO_OK);
    int (*sniff)(const unsigned char *, size_t) = desc->reader->sniff;
    assert_non_null(sniff);
    size_t len;
    char *data = test_read_file("tests/json/digest.json", &len);
    assert_int_equal(sniff((const unsigned char *)data, len), 90);
    free(data);
    assert_int_equal(sniff((const unsigned char *)"\n  {\"version\":1}", 16), 90);
    assert_int_equal(sniff((const unsigned char *)"{\"a\": 1}", 8), 20);
    assert_int_equal(sniff((const unsigned char *)"[1]", 3), 0);
    assert_int_equal(sniff((const unsigned char *)" date 2023-09 Nord", 18), 0);
    assert_int_equal(sniff((const unsigned char *)"", 0), 0);
}

/* The writer skips plain text a block of bytes at a time: put each byte
 * that must be escaped at every position of a 40-byte text, among UTF-8,
 * and check the escape and that the strict reader reads the text back. */
static void test_json_escapes_each_special_byte_at_every_position(void **state)
{
    folio_registry *reg = *state;
    static const struct {
        char byte;
        const char *escaped;
    } specials[] = {{'"', "\\\""},       {'\\', "\\\\"},      {'\n', "\\n"},      {'\t', "\\t"},
                    {'\x01', "\\u0001"}, {'\x1f', "\\u001f"}, {'\x7f', "\\u007f"}};
    for (size_t k = 0; k < sizeof specials / sizeof specials[0]; k++) {
        for (size_t at = 0; at < 40; at++) {
            char text[41];
            memcpy(text, "blåbærsyltetøy på vaffel til alle sammen", 40);
            text[40] = '\0';
            if ((unsigned char)text[at] >= 0x80)
                continue; /* keep the UTF-8 whole */
            text[at] = specials[k].byte;
            folio_doc *doc = folio_doc_new();
            folio_node *p = folio_node_append_new(folio_doc_add_article(doc), FOLIO_NODE_PARAGRAPH);
            folio_node_append_text(p, text, 40);
            folio_buf out = {0};
            folio_error err = {0};
            assert_int_equal(test_write(&out, reg, "json", doc, NULL, &err), FOLIO_OK);
            assert_non_null(strstr(out.data, specials[k].escaped));
            folio_doc *back;
            assert_int_equal(test_read(&back, reg, "json", out.data, out.len, NULL, &err),
                             FOLIO_OK);
            folio_node *q = folio_node_first_child(folio_node_first_child(folio_doc_root(back)));
            folio_str got = folio_node_text(q);
            assert_int_equal(got.len, 40);
            assert_memory_equal(got.data, text, 40);
            folio_doc_free(back);
            folio_doc_free(doc);
            folio_buf_free(&out);
        }
    }
}

static void check_row(const folio_node *row, bool header, const char *text)
{
    assert_int_equal(folio_node_kind_of(row), FOLIO_NODE_ROW);
    assert_int_equal(folio_node_header(row), header);
    assert_str_equal(folio_node_text(row), text);
}

static void test_json_reads_a_table_row_by_row_and_cell_by_cell(void **state)
{
    folio_doc *doc = test_read_file_ok(*state, "json", "tests/json/table.json");
    const folio_node *t =
        folio_node_next(folio_node_first_child(folio_node_first_child(folio_doc_root(doc))));
    next_block(t, FOLIO_NODE_TABLE);
    assert_str_equal(folio_node_title(t), "Oslo bystyre 2023");
    const folio_node *row = folio_node_first_child(t);
    check_row(row, true, "Parti\tStemmer\tProsent");
    row = folio_node_next(row);
    check_row(row, false, "Høyre\t120 345\t32,9");
    const folio_node *cell = folio_node_first_child(row);
    assert_int_equal(folio_node_kind_of(cell), FOLIO_NODE_CELL);
    assert_true(folio_node_has_formatting(cell));
    assert_int_equal(folio_node_kind_of(folio_node_first_child(cell)), FOLIO_NODE_STRONG);
    assert_false(folio_node_has_formatting(folio_node_next(cell)));
    row = folio_node_next(folio_node_next(row));
    check_row(row, false, "Andre\t\t");
    assert_null(folio_node_next(row));
    /* No caption and an empty one are two things, and both survive. */
    t = folio_node_next(t);
    assert_null(folio_node_title(t).data);
    assert_str_equal(folio_node_text(t), "a|b\tc\\d");
    t = folio_node_next(t);
    assert_str_equal(folio_node_title(t), "");
    assert_null(folio_node_first_child(t));
    folio_doc_free(doc);
}

static void test_json_reads_a_fact_box_with_paragraphs_and_a_list(void **state)
{
    folio_doc *doc = test_read_file_ok(*state, "json", "tests/json/factbox.json");
    const folio_node *box =
        folio_node_next(folio_node_first_child(folio_node_first_child(folio_doc_root(doc))));
    next_block(box, FOLIO_NODE_FACTBOX);
    assert_str_equal(folio_node_title(box), "Nord-Korea");
    const folio_node *b = next_block(folio_node_first_child(box), FOLIO_NODE_PARAGRAPH);
    b = next_block(folio_node_next(b), FOLIO_NODE_LIST);
    assert_false(folio_node_ordered(b));
    assert_str_equal(folio_node_text(b), "Hovedstad: Pyongyang\nLeder: Kim Jong-un");
    b = next_block(folio_node_next(b), FOLIO_NODE_PARAGRAPH);
    assert_true(folio_node_has_formatting(b));
    assert_null(folio_node_next(b));
    box = folio_node_next(folio_node_next(box));
    next_block(box, FOLIO_NODE_FACTBOX);
    assert_null(folio_node_title(box).data);
    assert_true(folio_node_ordered(folio_node_first_child(box)));
    folio_doc_free(doc);
}

/* A paragraph holding @n emphases, one inside the other, around "x". */
static char *nested_emphases(size_t n, size_t *len)
{
    static const char head[] = "{\"version\": 1, \"blocks\": [{\"type\": \"paragraph\", "
                               "\"role\": \"body\", \"text\": \"x\", \"inlines\": [";
    static const char open[] = "{\"type\": \"emphasis\", \"inlines\": [";
    static const char text[] = "{\"type\": \"text\", \"text\": \"x\"}";
    folio_buf b = {0};
    folio_buf_puts(&b, head);
    for (size_t i = 0; i < n; i++)
        folio_buf_puts(&b, open);
    folio_buf_puts(&b, text);
    for (size_t i = 0; i < n; i++)
        folio_buf_puts(&b, "]}");
    folio_buf_puts(&b, "]}]}");
    *len = b.len;
    return b.data;
}

/* FOLIO_MAX_DEPTH (64) holds 61 emphases in a paragraph, with their text at
 * depth 64; one more is an error at the text inline. 50,000 stop in the
 * parser, long before any stack is in danger. */
static void test_json_refuses_emphases_nested_deeper_than_the_model_holds(void **state)
{
    folio_registry *reg = *state;
    size_t len;
    char *json = nested_emphases(61, &len);
    folio_doc *doc;
    folio_error err = {0};
    assert_int_equal(test_read(&doc, reg, "json", json, len, NULL, &err), FOLIO_OK);
    folio_doc_free(doc);
    free(json);
    json = nested_emphases(62, &len);
    assert_int_equal(test_read(&doc, reg, "json", json, len, NULL, &err), FOLIO_EFORMAT);
    assert_non_null(strstr(err.message, "nested too deeply"));
    assert_int_equal(err.line, 1);
    assert_int_equal(err.column, (unsigned)(strstr(json, "{\"type\": \"text\"") - json) + 1);
    free(json);
    json = nested_emphases(50000, &len);
    assert_int_equal(test_read(&doc, reg, "json", json, len, NULL, &err), FOLIO_EFORMAT);
    assert_non_null(strstr(err.message, "nested too deeply"));
    assert_int_equal(err.line, 1);
    assert_true(err.column > 1 && err.column < 5000);
    free(json);
}

static void collect_warning(const folio_error *w, void *ctx)
{
    folio_buf_printf(ctx, "%u:%u: %s\n", w->line, w->column, w->message);
}

static void write_temp_file(const char *dir, const char *name, const void *data, size_t len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static void remove_temp_file(const char *dir, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    unlink(path);
}

static const char photo_json[] =
    "{\n  \"version\": 1,\n  \"meta\": {},\n  \"blocks\": [\n"
    "    {\n      \"type\": \"caption\",\n      \"text\": \"Kim.\",\n"
    "      \"image\": {\n        \"src\": \"photo.jpg\"\n      }\n    },\n"
    "    {\n      \"type\": \"caption\",\n      \"text\": \"Borte.\",\n"
    "      \"image\": {\n        \"src\": \"gone.jpg\",\n        \"alt\": \"Tom\"\n      }\n"
    "    }\n  ]\n}\n";

/* Reads photo_json as the file @dir/article.json would be read. */
static folio_doc *read_beside(folio_registry *reg, const char *dir, const folio_options *opts)
{
    folio_resolver *res = folio_resolver_new();
    char name[512];
    snprintf(name, sizeof name, "%s/article.json", dir);
    const folio_input in = {.size = sizeof in, .name = name, .dir = dir, .resolver = res};
    folio_doc *doc;
    folio_error err = {0};
    int rc = test_read_input(&doc, reg, "json", photo_json, sizeof photo_json - 1, &in, opts, &err);
    folio_resolver_free(res);
    if (rc != FOLIO_OK)
        fail_msg("%u:%u: %s", err.line, err.column, err.message);
    return doc;
}

/* docs/json.md, "Resources": image.src names a file beside the JSON; the
 * reader brings its bytes into the model, warns at a missing one's src and
 * keeps that caption; the writer writes what it read. */
static void test_json_loads_an_image_src_beside_the_input(void **state)
{
    char dir[] = "/tmp/folio-json-XXXXXX";
    assert_non_null(mkdtemp(dir));
    size_t jpeg_len;
    char *jpeg = test_read_file("tests/json/resources/photo.jpg", &jpeg_len);
    write_temp_file(dir, "photo.jpg", jpeg, jpeg_len);
    write_temp_file(dir, "article.json", photo_json, sizeof photo_json - 1);
    folio_options *o = folio_options_new();
    folio_buf warnings = {0};
    folio_options_set_warning_handler(o, collect_warning, &warnings);
    folio_doc *doc = read_beside(*state, dir, o);
    const folio_resource *res = folio_doc_resource(doc, folio_str_c("photo.jpg"));
    assert_non_null(res);
    assert_string_equal(folio_resource_media_type(res), "image/jpeg");
    assert_int_equal(folio_resource_width(res), 3);
    assert_int_equal(folio_resource_height(res), 2);
    assert_int_equal(folio_resource_size(res), jpeg_len);
    assert_memory_equal(folio_resource_data(res), jpeg, jpeg_len);
    assert_int_equal(folio_doc_resource_count(doc), 1);
    const folio_node *cap = folio_node_first_child(folio_node_first_child(folio_doc_root(doc)));
    assert_ptr_equal(folio_node_image_resource(cap), res);
    assert_null(folio_node_image_resource(folio_node_next(cap)));
    assert_str_equal(folio_node_image_alt(folio_node_next(cap)), "Tom");
    /* One warning, at the missing src's value: line 16, column 16. */
    folio_buf_putc(&warnings, '\0');
    assert_non_null(strstr(warnings.data, "16:16: image 'gone.jpg': "));
    assert_null(strchr(strchr(warnings.data, '\n') + 1, '\n'));
    folio_buf out = {0};
    folio_error err = {0};
    assert_int_equal(test_write(&out, *state, "json", doc, NULL, &err), FOLIO_OK);
    assert_bytes(&out, photo_json, sizeof photo_json - 1, "photo_json");
    folio_buf_free(&out);
    folio_buf_free(&warnings);
    folio_options_free(o);
    folio_doc_free(doc);
    free(jpeg);
    remove_temp_file(dir, "photo.jpg");
    remove_temp_file(dir, "article.json");
    rmdir(dir);
}

/* Without a resolver (a caller that gives no folio_input) nothing is loaded
 * and nothing is said: the model has the reference, as before ABI 2. */
static void test_json_without_an_input_loads_no_image(void **state)
{
    folio_options *o = folio_options_new();
    folio_buf warnings = {0};
    folio_options_set_warning_handler(o, collect_warning, &warnings);
    folio_doc *doc;
    folio_error err = {0};
    assert_int_equal(test_read(&doc, *state, "json", photo_json, sizeof photo_json - 1, o, &err),
                     FOLIO_OK);
    assert_int_equal(folio_doc_resource_count(doc), 0);
    assert_int_equal(warnings.len, 0);
    folio_doc_free(doc);
    folio_buf_free(&warnings);
    folio_options_free(o);
}

/* An input that another process rewrites while the reader reads it: the
 * warning of the missing picture in the first block changes a later byte
 * that the first pass (the syntax check) has already accepted. */
typedef struct changer {
    char *data;
    const char *find; /* the bytes to change, after the picture's block */
    char to;          /* what their last byte becomes */
} changer;

static void change_input(const folio_error *w, void *ctx)
{
    (void)w;
    changer *c = ctx;
    char *at = strstr(strstr(c->data, "gone.jpg"), c->find);
    at[strlen(c->find) - 1] = c->to;
}

static const char changing_json[] =
    "{\"version\": 1, \"blocks\": [\n"
    "{\"type\": \"caption\", \"text\": \"Borte\", \"image\": {\"src\": \"gone.jpg\"}},\n"
    "{\"type\": \"paragraph\", \"role\": \"body\", \"text\": \"a\\nb \\u00e6\", \"inlines\": "
    "[{\"type\": \"text\", \"text\": \"a\\nb \\u00e6\"}]}\n"
    "]}\n";

/* Whatever changes, the reader ends with an error at the change: it never
 * loops on what it checked before (issue 12: parse_string's second pass
 * ignored escape()'s error and never moved on) nor reads past the input. */
static void test_json_input_that_changes_while_read_gives_an_error(void **state)
{
    static const struct {
        const char *find;
        char to;
        const char *message;
        unsigned line;
    } cases[] = {
        {"a\\n", 'z', "invalid escape '\\z'", 3}, /* an escape checked before */
        {"\\u00e", 'g', "invalid \\u escape", 3}, /* a \\u escape's digit */
        {"b \\u00e6\"", 'x', "unexpected", 3},    /* the string runs on past its end */
        {"]}\n]", ' ', "expected ',' or ']'", 4}, /* the array of blocks is not closed */
        {"\"inlines\"", 'x', "unexpected", 3},    /* a name loses its closing quote */
    };
    char dir[] = "/tmp/folio-json-XXXXXX";
    assert_non_null(mkdtemp(dir));
    folio_resolver *res = folio_resolver_new();
    const folio_input in = {
        .size = sizeof in, .name = "changing.json", .dir = dir, .resolver = res};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        changer c = {.data = strdup(changing_json), .find = cases[i].find, .to = cases[i].to};
        folio_options *o = folio_options_new();
        folio_options_set_warning_handler(o, change_input, &c);
        folio_doc *doc;
        folio_error err = {0};
        int rc = test_read_input(&doc, *state, "json", c.data, strlen(c.data), &in, o, &err);
        if (rc != FOLIO_EFORMAT || !strstr(err.message, cases[i].message))
            fail_msg("change %zu: got %d (%s), expected \"%s\"", i, rc, err.message,
                     cases[i].message);
        assert_int_equal(err.line, cases[i].line);
        folio_options_free(o);
        free(c.data);
    }
    folio_resolver_free(res);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_round_trip_of_each_canonical_file_is_byte_for_byte),
        cmocka_unit_test(test_json_reads_the_spec_example_field_by_field),
        cmocka_unit_test(test_json_reads_a_digest_with_document_meta),
        cmocka_unit_test(test_json_layout_of_the_input_does_not_matter),
        cmocka_unit_test(test_json_writes_a_built_doc_like_the_golden_file),
        cmocka_unit_test(test_json_writes_several_articles_in_the_articles_form),
        cmocka_unit_test(test_json_rejects_malformed_input_with_its_position),
        cmocka_unit_test(test_json_refuses_a_depth_bomb_at_the_137th_bracket),
        cmocka_unit_test(test_json_refuses_emphases_nested_deeper_than_the_model_holds),
        cmocka_unit_test(test_json_reads_a_table_row_by_row_and_cell_by_cell),
        cmocka_unit_test(test_json_reads_a_fact_box_with_paragraphs_and_a_list),
        cmocka_unit_test(test_json_loads_an_image_src_beside_the_input),
        cmocka_unit_test(test_json_without_an_input_loads_no_image),
        cmocka_unit_test(test_json_input_that_changes_while_read_gives_an_error),
        cmocka_unit_test(test_json_accepts_a_byte_order_mark_and_escapes),
        cmocka_unit_test(test_json_escaped_values_read_together_stay_apart),
        cmocka_unit_test(test_json_sniff_is_sure_only_with_a_version_key),
        cmocka_unit_test(test_json_escapes_each_special_byte_at_every_position),
    };
    return cmocka_run_group_tests(tests, test_registry_setup, test_registry_teardown);
}
