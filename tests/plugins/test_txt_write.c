/* SPDX-License-Identifier: MIT */
#include "txt_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Spec rule 8, the writer: what it writes, and its warnings when the text
 * will not read back as the model. test_txt.c has the reader's rules,
 * test_txt_samples.c the encodings and the samples. */

/* ---- 8. Writing ---- */

static void test_rule_8_writes_the_header_then_each_block(void **state)
{
    folio_doc *doc = read_txt(state, "lang nb\nrights © NTB\nbyline Per Hansen\n"
                                     "date 2023-09-13 Nord-Koreas leder møtte Putin.\n\nIsolert\n\n"
                                     "GUIDET: Kim fikk omvisning. Foto:Vladimir Smirnov / AFP / NTB"
                                     "\n\n\n\nFoto: Ola Nordmann / NTB\n\n(NTB)\n\n"
                                     "Av Kari Nordmann\n\n– Sitat.\n\nSlutt.");
    char *text = write_txt(state, doc, NULL);
    assert_string_equal(text, "date 2023-09-13\nbyline Per Hansen\nlang nb\nrights © NTB\n\n"
                              "Nord-Koreas leder møtte Putin.\n\nIsolert\n\n"
                              "GUIDET: Kim fikk omvisning. Foto: Vladimir Smirnov / AFP / NTB\n\n"
                              "Foto: Ola Nordmann / NTB\n\n(NTB)\n\nAv Kari Nordmann\n\n"
                              "– Sitat.\n\nSlutt.\n");
    free(text);
    free(check_reads_back(state, doc, NULL));
    folio_doc_free(doc);
}

static folio_doc *built_article(folio_node **art)
{
    folio_doc *doc = folio_doc_new();
    *art = folio_doc_add_article(doc);
    return doc;
}

static folio_node *add_paragraph(folio_node *art, folio_role role, const char *text)
{
    folio_node *p = folio_node_append_new(art, FOLIO_NODE_PARAGRAPH);
    folio_node_set_role(p, role);
    folio_node_append_text(p, text, strlen(text));
    return p;
}

static void test_rule_8_writes_one_byline_field_per_author(void **state)
{
    folio_node *art;
    folio_doc *doc = built_article(&art);
    folio_node_set_meta(art, FOLIO_META_TITLE, folio_str_c("Tittel"));
    folio_node_set_meta(art, FOLIO_META_LANG, folio_str_c("nb"));
    folio_node_add_author(art, folio_str_c("Kari Nordmann"));
    folio_node_add_author(art, folio_str_c("Ola Nordmann"));
    add_paragraph(art, FOLIO_ROLE_LEAD, "Tekst.");
    char *text = check_reads_back(state, doc, NULL);
    assert_string_equal(text, "title Tittel\nbyline Kari Nordmann\nbyline Ola Nordmann\nlang nb\n\n"
                              "Tekst.\n");
    free(text);
    folio_doc_free(doc);
}

static bool lines_fit(const char *text, size_t width)
{
    bool longer_in_bytes = false;
    for (const char *l = text; *l;) {
        size_t n = strcspn(l, "\n"), chars = 0;
        for (size_t i = 0; i < n; i++)
            chars += ((unsigned char)l[i] & 0xC0) != 0x80;
        if (chars > width && memchr(l, ' ', n))
            return false;
        longer_in_bytes |= n > width;
        l += n + (l[n] == '\n');
    }
    return longer_in_bytes;
}

static void test_rule_8_wrap_breaks_paragraphs_at_n_characters(void **state)
{
    folio_doc *doc = read_txt(state, "lang nb\n\nÆrlige åtte øyne så på året. Blåbærsyltetøyet var "
                                     "ferdig, og kjøkkenbenken glinset i ettermiddagssola.\n\n"
                                     "GUIDET: Kim fikk omvisning på kosmodromen øst i Russland. "
                                     "Foto: Vladimir Smirnov / AFP / NTB\n\nKort avslutning.");
    folio_options *o = folio_options_new();
    folio_options_set(o, "txt.wrap", "20");
    char *text = check_reads_back(state, doc, o);
    assert_true(lines_fit(text, 20));
    assert_non_null(strstr(text, "Ærlige åtte øyne så\npå året."));
    free(text);
    folio_options_set(o, "txt.wrap", "bred");
    folio_buf out = {0};
    folio_error err = {0};
    assert_int_equal(test_write(&out, *state, "txt", doc, o, &err), FOLIO_EOPTION);
    assert_non_null(strstr(err.message, "txt.wrap"));
    folio_buf_free(&out);
    folio_options_free(o);
    folio_doc_free(doc);
}

static void test_rule_8_a_paragraph_that_would_read_as_a_headline_takes_two_lines(void **state)
{
    folio_node *art;
    folio_doc *doc = built_article(&art);
    folio_node_set_meta(art, FOLIO_META_LANG, folio_str_c("nb"));
    add_paragraph(art, FOLIO_ROLE_LEAD, "Kort ingress uten punktum");
    add_paragraph(art, FOLIO_ROLE_BODY, "Av Kari Nordmann");
    add_paragraph(art, FOLIO_ROLE_BODY, "Slutt");
    char *text = check_reads_back(state, doc, NULL);
    assert_string_equal(text,
                        "lang nb\n\nKort ingress uten\npunktum\n\nAv Kari\nNordmann\n\nSlutt\n");
    free(text);
    folio_doc_free(doc);
}

static void test_rule_8_model_text_is_written_as_the_reader_keeps_it(void **state)
{
    folio_node *art;
    folio_doc *doc = built_article(&art);
    add_paragraph(art, FOLIO_ROLE_LEAD, "  Linje én.\n\nLinje\tto.\x01 ");
    folio_node *cap = folio_node_append_new(art, FOLIO_NODE_CAPTION);
    folio_node_append_text(cap, "Bilde.", 6);
    folio_str parts[] = {folio_str_c("NTB")};
    folio_node_set_credit(cap, folio_str_c("Foto"), folio_str_c("NTB"), parts, 1);
    folio_node *h = folio_node_append_new(art, FOLIO_NODE_HEADLINE);
    folio_node_set_level(h, 3);
    folio_node_append_text(h, "Nivå tre", 9);
    add_paragraph(art, FOLIO_ROLE_BODY, "Slutt.");
    char *text = write_txt(state, doc, NULL);
    assert_string_equal(text, "Linje én. Linje to.\n\nBilde. Foto: NTB\n\nNivå tre\n\nSlutt.\n");
    /* Plain text has one headline level: a level-3 headline comes back as level 2. */
    folio_doc *again = read_txt(state, text);
    assert_int_equal(folio_node_level(block(again, 2)), 2);
    folio_doc_free(again);
    free(text);
    folio_doc_free(doc);
}

static void test_rule_8_a_list_is_one_paragraph_with_an_item_per_line(void **state)
{
    folio_node *art;
    folio_doc *doc = built_article(&art);
    add_paragraph(art, FOLIO_ROLE_LEAD, "Dette skjedde.");
    folio_node *list = folio_node_append_new(art, FOLIO_NODE_LIST);
    folio_node_set_ordered(list, true);
    add_paragraph(list, FOLIO_ROLE_BODY, "Første punkt");
    add_paragraph(list, FOLIO_ROLE_BODY, "Andre punkt");
    folio_node *bullets = folio_node_append_new(art, FOLIO_NODE_LIST);
    add_paragraph(bullets, FOLIO_ROLE_BODY, "Ett");
    add_paragraph(bullets, FOLIO_ROLE_BODY, "To");
    char *text = write_txt(state, doc, NULL);
    assert_string_equal(text, "Dette skjedde.\n\n1. Første punkt\n2. Andre punkt\n\n• Ett\n• To\n");
    folio_doc *again = read_txt(state, text);
    check_paragraph(again, 1, FOLIO_ROLE_BODY, "1. Første punkt 2. Andre punkt");
    check_paragraph(again, 2, FOLIO_ROLE_BODY, "• Ett • To");
    folio_doc_free(again);
    free(text);
    folio_doc_free(doc);
}

static void test_rule_8_a_date_that_is_not_iso_8601_is_left_out(void **state)
{
    folio_node *art;
    folio_doc *doc = built_article(&art);
    folio_node_set_meta(art, FOLIO_META_DATE, folio_str_c("13. september 2023"));
    add_paragraph(art, FOLIO_ROLE_LEAD, "Tekst.");
    folio_options *o = folio_options_new();
    folio_buf warnings = {0};
    folio_options_set_warning_handler(o, collect_warning, &warnings);
    char *text = write_txt(state, doc, o);
    assert_string_equal(text, "Tekst.\n");
    assert_non_null(strstr(warnings.data, "not ISO 8601"));
    free(text);
    folio_buf_free(&warnings);
    folio_options_free(o);
    folio_doc_free(doc);
}

/* Writes @doc and returns its warnings, one per line (empty: ""). */
static char *warnings_of(void **state, const folio_doc *doc)
{
    folio_options *o = folio_options_new();
    folio_buf warnings = {0};
    folio_options_set_warning_handler(o, collect_warning, &warnings);
    free(write_txt(state, doc, o));
    folio_buf_putc(&warnings, '\0');
    folio_options_free(o);
    return warnings.data;
}

static folio_node *add_caption(folio_node *art, const char *kicker, const char *text)
{
    folio_node *cap = folio_node_append_new(art, FOLIO_NODE_CAPTION);
    if (kicker)
        folio_node_set_kicker(cap, folio_str_c(kicker));
    folio_node_append_text(cap, text, strlen(text));
    folio_str parts[] = {folio_str_c("NTB")};
    folio_node_set_credit(cap, folio_str_c("Foto"), folio_str_c("NTB"), parts, 1);
    return cap;
}

static void add_headline(folio_node *art, int level, const char *text)
{
    folio_node *h = folio_node_append_new(art, FOLIO_NODE_HEADLINE);
    folio_node_set_level(h, level);
    folio_node_append_text(h, text, strlen(text));
}

static void test_rule_8_warns_of_what_will_not_read_back(void **state)
{
    folio_node *art;
    folio_doc *doc = built_article(&art);
    add_headline(art, 2, "Først");
    add_caption(art, NULL, "Kim på kosmodromen");
    add_paragraph(art, FOLIO_ROLE_BODY, "Enkeltord");
    add_paragraph(art, FOLIO_ROLE_LEAD, "Slutt.");
    char *warnings = warnings_of(state, doc);
    assert_string_equal(warnings,
                        "txt: block 1 (headline \"Først\") will read back as the title\n"
                        "txt: block 2 (caption \"Kim på kosmodromen Foto: NTB\") will read back "
                        "as a headline\n"
                        "txt: block 3 (body paragraph \"Enkeltord\") will read back as a "
                        "headline\n");
    free(warnings);
    folio_doc_free(doc);
}

/* Each warning says what the reader will do: reading the text back shows
 * it. A warning quotes at most the first 40 bytes of the block. */
static void test_rule_8_warns_when_a_paragraph_role_will_change(void **state)
{
    folio_node *art;
    folio_doc *doc = built_article(&art);
    add_paragraph(art, FOLIO_ROLE_BODY, "Første avsnitt, uten ingress.");
    add_paragraph(art, FOLIO_ROLE_QUOTE, "Sitat uten strek.");
    add_paragraph(art, FOLIO_ROLE_BODY, "- Strek uten sitat.");
    add_paragraph(art, FOLIO_ROLE_LEAD, "En ingress for mye, og lang nok til å bli kuttet her.");
    add_paragraph(art, FOLIO_ROLE_QUOTE, "– Et riktig sitat.");
    add_paragraph(art, FOLIO_ROLE_BODY, "Slutt.");
    char *warnings = warnings_of(state, doc);
    assert_string_equal(warnings,
                        "txt: block 1 (body paragraph \"Første avsnitt, uten ingress.\") will "
                        "read back as a lead paragraph\n"
                        "txt: block 2 (quote paragraph \"Sitat uten strek.\") will read back as "
                        "a body paragraph\n"
                        "txt: block 3 (body paragraph \"- Strek uten sitat.\") will read back as "
                        "a quote paragraph\n"
                        "txt: block 4 (lead paragraph \"En ingress for mye, og lang nok til å "
                        "b…\") will read back as a body paragraph\n");
    char *text = write_txt(state, doc, NULL);
    folio_doc *again = read_txt(state, text);
    check_paragraph(again, 0, FOLIO_ROLE_LEAD, "Første avsnitt, uten ingress.");
    check_paragraph(again, 1, FOLIO_ROLE_BODY, "Sitat uten strek.");
    check_paragraph(again, 2, FOLIO_ROLE_QUOTE, "- Strek uten sitat.");
    assert_int_equal(folio_node_role(block(again, 3)), FOLIO_ROLE_BODY);
    check_paragraph(again, 4, FOLIO_ROLE_QUOTE, "– Et riktig sitat.");
    folio_doc_free(again);
    free(text);
    free(warnings);
    folio_doc_free(doc);
}

static void add_credit(folio_node *art, const char *text, const char *const *parts, size_t n)
{
    folio_node *c = folio_node_append_new(art, FOLIO_NODE_CREDIT);
    folio_str p[4];
    for (size_t i = 0; i < n; i++)
        p[i] = folio_str_c(parts[i]);
    folio_node_set_credit(c, folio_str_c("Foto"), folio_str_c(text), p, n);
}

/* Plain text has one headline level, kickers in upper case only, and credit
 * parts split where spec 5 splits them. */
static void test_rule_8_warns_when_a_level_kicker_or_credit_parts_will_change(void **state)
{
    folio_node *art;
    folio_doc *doc = built_article(&art);
    folio_node_set_meta(art, FOLIO_META_TITLE, folio_str_c("Tittel"));
    add_paragraph(art, FOLIO_ROLE_LEAD, "Ingress.");
    add_headline(art, 3, "Nivå tre");
    add_headline(art, 1, "Nivå en");
    add_headline(art, 2, "Nivå to");
    add_caption(art, "Guidet", "Kim på kosmodromen.");
    add_caption(art, "GUIDET", "Kim på kosmodromen.");
    add_credit(art, "Hansen, Olsen / NTB", (const char *const[]){"Hansen", "Olsen", "NTB"}, 3);
    add_credit(art, "Ola Nordmann / NTB", (const char *const[]){"Ola", "NTB"}, 2);
    add_credit(art, "Ola Nordmann / NTB", (const char *const[]){"Ola Nordmann", "NTB"}, 2);
    add_paragraph(art, FOLIO_ROLE_BODY, "Slutt.");
    char *warnings = warnings_of(state, doc);
    assert_string_equal(warnings,
                        "txt: block 2 (headline \"Nivå tre\") will read back at level 2, not 3\n"
                        "txt: block 3 (headline \"Nivå en\") will read back at level 2, not 1\n"
                        "txt: block 5 (caption \"Guidet: Kim på kosmodromen. Foto: NTB\") will "
                        "read back with its kicker \"Guidet\" in the text\n"
                        "txt: block 7 (credit \"Foto: Hansen, Olsen / NTB\") will read back with "
                        "2 credit parts, not 3\n"
                        "txt: block 8 (credit \"Foto: Ola Nordmann / NTB\") will read back with "
                        "credit part 1 \"Ola Nordmann\", not \"Ola\"\n");
    char *text = write_txt(state, doc, NULL);
    folio_doc *again = read_txt(state, text);
    assert_int_equal(folio_node_level(block(again, 1)), 2);
    assert_false(folio_str_present(folio_node_kicker(block(again, 4))));
    assert_str_equal(folio_node_text(block(again, 4)), "Guidet: Kim på kosmodromen.");
    assert_str_equal(folio_node_kicker(block(again, 5)), "GUIDET");
    assert_int_equal(folio_node_credit_count(block(again, 6)), 2);
    assert_str_equal(folio_node_credit_part(block(again, 7), 0), "Ola Nordmann");
    folio_doc_free(again);
    free(text);
    free(warnings);
    folio_doc_free(doc);
}

/* Without a header a first block that opens with a header key and a space
 * would read back as a field; a key alone on its line is none (spec 3). */
/* Spec 4.4: a one-line closing paragraph that looks like a headline goes on
 * two lines when a headline stands before it, so that the headline keeps a
 * paragraph after it; where it cannot ("Slutt"), the writer warns. */
static void test_rule_8_a_headline_before_a_closing_line_keeps_it_a_headline(void **state)
{
    folio_node *art;
    folio_doc *doc = built_article(&art);
    add_paragraph(art, FOLIO_ROLE_LEAD, "Tekst.");
    folio_node_append_text(folio_node_append_new(art, FOLIO_NODE_HEADLINE), "Isolert", 7);
    folio_node *last = add_paragraph(art, FOLIO_ROLE_BODY, "Publisert av NTB");
    char *text = check_reads_back(state, doc, NULL);
    assert_string_equal(text, "Tekst.\n\nIsolert\n\nPublisert av\nNTB\n");
    free(text);
    folio_node_unlink(last);
    add_paragraph(art, FOLIO_ROLE_BODY, "Slutt");
    text = warnings_of(state, doc);
    assert_string_equal(text, "txt: block 2 (headline) will read back as a paragraph: no paragraph "
                              "follows it\n");
    free(text);
    folio_doc_free(doc);
}

static void test_rule_8_a_first_block_never_reads_back_as_a_header_field(void **state)
{
    static const char *const texts[] = {"source of the leak was never found.",
                                        "date 2023 was a year of change.",
                                        "title of the report is long.",
                                        "id est, det vil si.",
                                        "lang er det siden sist.",
                                        NULL};
    folio_options *o = folio_options_new();
    folio_options_set(o, "txt.wrap", "10");
    for (const char *const *t = texts; *t; t++) {
        folio_node *art;
        folio_doc *doc = built_article(&art);
        add_paragraph(art, FOLIO_ROLE_LEAD, *t);
        add_paragraph(art, FOLIO_ROLE_BODY, "Slutt.");
        char *text = check_reads_back(state, doc, NULL);
        size_t key = strcspn(*t, " ");
        assert_memory_equal(text, *t, key);
        assert_int_equal(text[key], '\n');
        assert_memory_equal(text + key + 1, *t + key + 1, strlen(*t) - key - 1);
        free(text);
        free(check_reads_back(state, doc, o));
        folio_doc_free(doc);
    }
    folio_node *art;
    folio_doc *doc = built_article(&art);
    add_caption(art, NULL, "source of the leak.");
    add_paragraph(art, FOLIO_ROLE_LEAD, "Slutt.");
    free(check_reads_back(state, doc, NULL));
    folio_node_set_meta(art, FOLIO_META_LANG, folio_str_c("en"));
    char *text = check_reads_back(state, doc, NULL);
    assert_string_equal(text, "lang en\n\nsource of the leak. Foto: NTB\n\nSlutt.\n");
    free(text);
    folio_doc_free(doc);
    folio_options_free(o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rule_8_writes_the_header_then_each_block),
        cmocka_unit_test(test_rule_8_writes_one_byline_field_per_author),
        cmocka_unit_test(test_rule_8_wrap_breaks_paragraphs_at_n_characters),
        cmocka_unit_test(test_rule_8_a_paragraph_that_would_read_as_a_headline_takes_two_lines),
        cmocka_unit_test(test_rule_8_model_text_is_written_as_the_reader_keeps_it),
        cmocka_unit_test(test_rule_8_a_list_is_one_paragraph_with_an_item_per_line),
        cmocka_unit_test(test_rule_8_a_date_that_is_not_iso_8601_is_left_out),
        cmocka_unit_test(test_rule_8_warns_of_what_will_not_read_back),
        cmocka_unit_test(test_rule_8_warns_when_a_paragraph_role_will_change),
        cmocka_unit_test(test_rule_8_warns_when_a_level_kicker_or_credit_parts_will_change),
        cmocka_unit_test(test_rule_8_a_first_block_never_reads_back_as_a_header_field),
        cmocka_unit_test(test_rule_8_a_headline_before_a_closing_line_keeps_it_a_headline),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
