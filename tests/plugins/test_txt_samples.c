/* SPDX-License-Identifier: MIT */
#include "txt_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The encodings of rule 1 and the samples: spec 9's structure, the expected
 * JSON, round trips and every word surviving. */

static const char *const samples[] = {
    "article-sample", "nb-strompris",  "nb-kort", "nn-ferje", "sv-val",
    "da-cykel",       "de-hochwasser", "en-port", NULL,
};

/* ---- 1. Legacy encodings ---- */

static folio_doc *read_encoded(void **state, const char *text, const char *encoding)
{
    folio_options *o = folio_options_new();
    folio_options_set(o, "txt.encoding", encoding);
    folio_doc *doc = read_with(state, text, strlen(text), o);
    folio_options_free(o);
    return doc;
}

static void test_rule_1_latin1_input_is_decoded(void **state)
{
    folio_doc *doc = read_encoded(state,
                                  "Bl\xE5"
                                  "b\xE6r og r\xF8"
                                  "dgr\xF8t \xA9 NTB.",
                                  "latin1");
    check_paragraph(doc, 0, FOLIO_ROLE_LEAD, "Blåbær og rødgrøt © NTB.");
    folio_doc_free(doc);
    doc = read_encoded(state, "\x93Hei\x94 \x80 \x96 s\xE5.", "ISO-8859-1");
    check_paragraph(doc, 0, FOLIO_ROLE_LEAD, "\xC2\x93Hei\xC2\x94 \xC2\x80 \xC2\x96 så.");
    folio_doc_free(doc);
}

static void test_rule_1_cp1252_input_is_decoded(void **state)
{
    folio_doc *doc = read_encoded(state, "\x93Hei\x94 \x80 5 \x96 s\xE5 \x85", "cp1252");
    check_paragraph(doc, 0, FOLIO_ROLE_LEAD, "“Hei” € 5 – så …");
    folio_doc_free(doc);
    folio_options *o = folio_options_new();
    folio_options_set(o, "txt.encoding", "windows-1252");
    folio_error err = {0};
    const char undefined[] = "ok\nab\x81";
    assert_int_equal(test_read(&doc, *state, "txt", undefined, 6, o, &err), FOLIO_EFORMAT);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 3);
    folio_options_free(o);
}

/* Fails unless reading @len bytes of @text as @encoding fails at @line:@column. */
static void check_encoding_error(void **state, const char *text, size_t len, const char *encoding,
                                 unsigned line, unsigned column)
{
    folio_options *o = folio_options_new();
    folio_options_set(o, "txt.encoding", encoding);
    folio_doc *doc;
    folio_error err = {0};
    assert_int_equal(test_read(&doc, *state, "txt", text, len, o, &err), FOLIO_EFORMAT);
    assert_null(doc);
    if (err.line != line || err.column != column)
        fail_msg("%s: error at %u:%u, expected %u:%u", encoding, err.line, err.column, line,
                 column);
    folio_options_free(o);
}

/* A column counts characters of the decoded text: one per byte in an 8-bit
 * encoding, whatever the bytes would be as UTF-8. */
static void test_rule_1_a_byte_the_encoding_lacks_is_placed_by_character(void **state)
{
    check_encoding_error(state, "Temp \xB0\xB0\xB0 \x81", 10, "cp1252", 1, 10);
    check_encoding_error(state, "ok\r\n\xE6\xF8\xE5 \x8D", 9, "windows-1252", 2, 5);
    check_encoding_error(state, "\xB7\xB7\xB7 \xFF", 5, "ISO-8859-7", 1, 5);
    const char utf16[] = "a\0\xE6\0\n\0b\0\x00\xDC";
    check_encoding_error(state, utf16, sizeof utf16 - 1, "UTF-16LE", 2, 2);
    check_encoding_error(state, "a\0\xE6\0b", 5, "UTF-16LE", 1, 3);
}

static void test_rule_1_other_encodings_go_through_iconv(void **state)
{
    folio_doc *doc = read_encoded(state, "Pris: 10 \xA4.", "ISO-8859-15");
    check_paragraph(doc, 0, FOLIO_ROLE_LEAD, "Pris: 10 €.");
    folio_doc_free(doc);
    folio_options *o = folio_options_new();
    folio_options_set(o, "txt.encoding", "UTF-16LE");
    const char utf16[] = "H\0i\0!\0\n\0";
    doc = read_with(state, utf16, sizeof utf16 - 1, o);
    check_paragraph(doc, 0, FOLIO_ROLE_LEAD, "Hi!");
    folio_doc_free(doc);
    folio_options_free(o);
}

static void test_rule_1_unknown_encoding_is_a_clear_error(void **state)
{
    folio_options *o = folio_options_new();
    folio_options_set(o, "txt.encoding", "klingon-8");
    folio_doc *doc;
    folio_error err = {0};
    assert_int_equal(test_read(&doc, *state, "txt", "x", 1, o, &err), FOLIO_EOPTION);
    assert_non_null(strstr(err.message, "unknown encoding 'klingon-8'"));
    folio_options_free(o);
}

static void test_rule_1_lossy_replaces_bad_bytes_and_warns(void **state)
{
    folio_options *o = folio_options_new();
    folio_options_set(o, "txt.encoding", "lossy");
    folio_buf warnings = {0};
    folio_options_set_warning_handler(o, collect_warning, &warnings);
    const char text[] = "Linje.\nab\xFF"
                        "c \xE2\x82 d\xC3";
    folio_doc *doc = read_with(state, text, sizeof text - 1, o);
    check_paragraph(doc, 0, FOLIO_ROLE_LEAD,
                    "Linje. ab\xEF\xBF\xBD"
                    "c \xEF\xBF\xBD d\xEF\xBF\xBD");
    assert_non_null(strstr(warnings.data, "2:3: txt: replaced 3 invalid UTF-8 sequences with "
                                          "U+FFFD, the first here\n"));
    folio_doc_free(doc);
    folio_buf_free(&warnings);
    folio_options_free(o);
}

/* ---- 9. The sample, and every sample ---- */

/* Spec 9's four captions, in order; returns how many the sample has. */
static size_t check_sample_caption(const folio_node *b, size_t index)
{
    static const char *const kickers[] = {"GUIDET", "SATELITTBYGGING", NULL, NULL};
    static const char *const credits[] = {
        "Vladimir Smirnov / AFP / NTB", "Mikhail Metzel / Kreml / Sputnik / Reuters / NTB",
        "Sputnik / AP / NTB", "Russlands departement for naturressurser / AP / NTB"};
    static const size_t parts[] = {3, 5, 3, 3};
    assert_in_range(index, 0, 3);
    assert_str_equal(folio_node_kicker(b), kickers[index]);
    assert_str_equal(folio_node_credit_label(b), "Foto");
    assert_str_equal(folio_node_credit_text(b), credits[index]);
    assert_int_equal(folio_node_credit_count(b), parts[index]);
    return index + 1;
}

static void test_rule_9_the_sample_reads_as_the_spec_says(void **state)
{
    size_t len, count[3] = {0}, captions = 0, heads = 0;
    char *text = test_read_file("samples/article-sample.txt", &len);
    folio_doc *doc = read_with(state, text, len, NULL);
    assert_str_equal(meta(doc, FOLIO_META_DATE), "2023-09");
    assert_str_equal(meta(doc, FOLIO_META_LANG), "nb");
    assert_false(folio_str_present(meta(doc, FOLIO_META_TITLE)));
    assert_int_equal(block_count(doc), 30);
    static const char *const sub[] = {"Skal diskutere våpen", "Isolert", "Ankom tirsdag"};
    static const char *const quote[] = {"– Vi vil alltid ", "– Russland har ", "– Spørsmålet er ",
                                        "– Nord-Korea har ikke ", "– I retur kan "};
    for (folio_node *b = folio_node_first_child(article(doc)); b; b = folio_node_next(b)) {
        folio_str t = folio_node_text(b);
        folio_node_kind kind = folio_node_kind_of(b);
        if (kind == FOLIO_NODE_PARAGRAPH && folio_node_role(b) == FOLIO_ROLE_QUOTE)
            assert_memory_equal(t.data, quote[count[FOLIO_ROLE_QUOTE]],
                                strlen(quote[count[FOLIO_ROLE_QUOTE]]));
        if (kind == FOLIO_NODE_PARAGRAPH)
            count[folio_node_role(b)]++;
        else if (kind == FOLIO_NODE_HEADLINE)
            assert_str_equal(t, sub[heads++]);
        else if (kind == FOLIO_NODE_CAPTION)
            captions = check_sample_caption(b, captions);
        else
            fail_msg("unexpected block %s", folio_node_kind_name(kind));
    }
    assert_int_equal(count[FOLIO_ROLE_LEAD], 1);
    assert_int_equal(count[FOLIO_ROLE_BODY], 17);
    assert_int_equal(count[FOLIO_ROLE_QUOTE], 5);
    assert_int_equal(heads, 3);
    assert_int_equal(captions, 4);
    check_paragraph(doc, 0, FOLIO_ROLE_LEAD,
                    "Nord-Koreas leder Kim Jong-un og Russlands president Vladimir Putin har "
                    "onsdag møttes på et romsenter i Amurskaja-regionen helt øst i Russland.");
    /* No final period, but more than 12 words: a paragraph (spec 9). */
    assert_int_equal(folio_node_role(block(doc, 2)), FOLIO_ROLE_BODY);
    folio_str t = folio_node_text(block(doc, 2));
    assert_memory_equal(t.data + t.len - 15, "bekreftet Putin", 15);
    folio_doc_free(doc);
    free(text);
}

static folio_doc *read_sample(void **state, const char *name, char **text, size_t *len)
{
    char path[128];
    snprintf(path, sizeof path, "samples/%s.txt", name);
    *text = test_read_file(path, len);
    return read_with(state, *text, *len, NULL);
}

static void test_samples_read_as_their_expected_json(void **state)
{
    for (const char *const *s = samples; *s; s++) {
        char *text, path[128];
        size_t len;
        folio_doc *doc = read_sample(state, *s, &text, &len);
        char *json = write_json(state, doc);
        snprintf(path, sizeof path, "tests/expected/%s.json", *s);
        test_assert_golden(json, strlen(json), path);
        free(json);
        folio_doc_free(doc);
        free(text);
    }
}

static void test_samples_survive_txt_json_txt_json(void **state)
{
    for (const char *const *s = samples; *s; s++) {
        char *text;
        size_t len;
        folio_doc *doc = read_sample(state, *s, &text, &len);
        char *json = write_json(state, doc);
        folio_doc *from_json;
        folio_error err = {0};
        assert_int_equal(test_read(&from_json, *state, "json", json, strlen(json), NULL, &err),
                         FOLIO_OK);
        char *txt = write_txt(state, from_json, NULL);
        folio_doc *again = read_txt(state, txt);
        char *json2 = write_json(state, again);
        assert_string_equal(json2, json);
        free(json2);
        folio_doc_free(again);
        free(txt);
        folio_doc_free(from_json);
        free(json);
        folio_doc_free(doc);
        free(text);
    }
}

static void test_samples_txt_is_a_fixed_point_after_one_pass(void **state)
{
    folio_options *wrapped = folio_options_new();
    folio_options_set(wrapped, "txt.wrap", "60");
    for (const char *const *s = samples; *s; s++) {
        for (int w = 0; w < 2; w++) {
            const folio_options *o = w ? wrapped : NULL;
            char *text;
            size_t len;
            folio_doc *doc = read_sample(state, *s, &text, &len);
            char *first = write_txt(state, doc, o);
            folio_doc *again = read_txt(state, first);
            char *second = write_txt(state, again, o);
            assert_string_equal(second, first);
            folio_doc_free(again);
            free(second);
            free(first);
            folio_doc_free(doc);
            free(text);
        }
    }
    folio_options_free(wrapped);
}

static int compare_words(const void *a, const void *b)
{
    const folio_str *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->data, y->data, n);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* The words of @s (split at ASCII white space), sorted; *@n of them. */
static folio_str *sorted_words(const char *s, size_t *n)
{
    size_t cap = 16;
    folio_str *w = malloc(cap * sizeof *w);
    *n = 0;
    if (strncmp(s, "\xEF\xBB\xBF", 3) == 0)
        s += 3;
    while (*s) {
        s += strspn(s, " \t\r\n");
        size_t len = strcspn(s, " \t\r\n");
        if (!len)
            break;
        if (*n == cap)
            w = realloc(w, (cap *= 2) * sizeof *w);
        w[(*n)++] = folio_str_n(s, len);
        s += len;
    }
    qsort(w, *n, sizeof *w, compare_words);
    return w;
}

static void test_samples_keep_every_word(void **state)
{
    for (const char *const *s = samples; *s; s++) {
        char *text;
        size_t len, nin, nout;
        folio_doc *doc = read_sample(state, *s, &text, &len);
        char *out = write_txt(state, doc, NULL);
        folio_str *in = sorted_words(text, &nin), *kept = sorted_words(out, &nout);
        size_t j = 0;
        for (size_t i = 0; i < nin; i++) {
            while (j < nout && compare_words(&kept[j], &in[i]) < 0)
                j++;
            if (j == nout || compare_words(&kept[j], &in[i]) != 0)
                fail_msg("%s: word \"%.*s\" was lost", *s, (int)in[i].len, in[i].data);
            j++;
        }
        free(in);
        free(kept);
        free(out);
        folio_doc_free(doc);
        free(text);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rule_1_latin1_input_is_decoded),
        cmocka_unit_test(test_rule_1_cp1252_input_is_decoded),
        cmocka_unit_test(test_rule_1_a_byte_the_encoding_lacks_is_placed_by_character),
        cmocka_unit_test(test_rule_1_other_encodings_go_through_iconv),
        cmocka_unit_test(test_rule_1_unknown_encoding_is_a_clear_error),
        cmocka_unit_test(test_rule_1_lossy_replaces_bad_bytes_and_warns),
        cmocka_unit_test(test_rule_9_the_sample_reads_as_the_spec_says),
        cmocka_unit_test(test_samples_read_as_their_expected_json),
        cmocka_unit_test(test_samples_survive_txt_json_txt_json),
        cmocka_unit_test(test_samples_txt_is_a_fixed_point_after_one_pass),
        cmocka_unit_test(test_samples_keep_every_word),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
