/* SPDX-License-Identifier: MIT */
#include "txt_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Each test is named after the rule of docs/text-format.md it checks:
 * here the reader's rules 1 to 6. */

static void check_kind(const folio_doc *doc, size_t i, folio_node_kind kind, const char *text)
{
    folio_node *b = block(doc, i);
    assert_int_equal(folio_node_kind_of(b), kind);
    assert_str_equal(folio_node_text(b), text);
}

/* Kind of the first block of "@text\n\nEnd." (so it is not the last block). */
static folio_node_kind kind_before_end(void **state, const char *text)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "Start paragraph.\n\n%s\n\nEnd.", text);
    folio_doc *doc = read_txt(state, buf);
    folio_node_kind kind = folio_node_kind_of(block(doc, 1));
    folio_doc_free(doc);
    return kind;
}

static void check_invalid(void **state, const char *text, size_t len, unsigned line,
                          unsigned column)
{
    folio_doc *doc;
    folio_error err = {0};
    assert_int_equal(test_read(&doc, *state, "txt", text, len, NULL, &err), FOLIO_EFORMAT);
    assert_null(doc);
    assert_int_equal(err.line, line);
    assert_int_equal(err.column, column);
    assert_non_null(strstr(err.message, "UTF-8"));
}

/* ---- 1. Normalising ---- */

static void test_rule_1_strips_bom(void **state)
{
    folio_doc *doc = read_txt(state, "\xEF\xBB\xBF"
                                     "date 2023\n\nTekst her.");
    assert_str_equal(meta(doc, FOLIO_META_DATE), "2023");
    check_paragraph(doc, 0, FOLIO_ROLE_LEAD, "Tekst her.");
    folio_doc_free(doc);
}

static void test_rule_1_crlf_and_lone_cr_are_newlines(void **state)
{
    folio_doc *doc =
        read_txt(state, "Første linje\r\nandre linje.\r\n\r\nTredje\rfjerde.\r\rFemte.");
    assert_int_equal(block_count(doc), 3);
    check_paragraph(doc, 0, FOLIO_ROLE_LEAD, "Første linje andre linje.");
    check_paragraph(doc, 1, FOLIO_ROLE_BODY, "Tredje fjerde.");
    check_paragraph(doc, 2, FOLIO_ROLE_BODY, "Femte.");
    folio_doc_free(doc);
}

static void test_rule_1_invalid_utf8_names_line_and_column(void **state)
{
    /* Columns count characters: "æøå" are three, not six. */
    const char bad[] = "date 2023\n\nAbc æøå \xFF slutt.";
    check_invalid(state, bad, sizeof bad - 1, 3, 9);
    const char cr[] = "a\r\rb\xC3(";
    check_invalid(state, cr, sizeof cr - 1, 3, 2);
    const char truncated[] = "ab\xE2\x82";
    check_invalid(state, truncated, sizeof truncated - 1, 1, 3);
    const char overlong[] = "x\r\n\xC0\xAF";
    check_invalid(state, overlong, sizeof overlong - 1, 2, 1);
    const char surrogate[] = "\xEF\xBB\xBFok \xED\xA0\x80";
    check_invalid(state, surrogate, sizeof surrogate - 1, 1, 4);
    const char above[] = "\xF4\x90\x80\x80";
    check_invalid(state, above, sizeof above - 1, 1, 1);
}

static void test_rule_1_trims_lines_and_collapses_spaces(void **state)
{
    folio_doc *doc = read_txt(state, "  \t Ett  \t to   tre. \t\n   fire\t\tfem.   ");
    check_paragraph(doc, 0, FOLIO_ROLE_LEAD, "Ett to tre. fire fem.");
    folio_doc_free(doc);
    /* A no-break space is white space at a line's ends but text inside it. */
    doc = read_txt(state, "\xC2\xA0TV\xC2\xA0"
                          "2 melder.\xC2\xA0");
    check_paragraph(doc, 0, FOLIO_ROLE_LEAD,
                    "TV\xC2\xA0"
                    "2 melder.");
    folio_doc_free(doc);
}

/* The normaliser copies plain ASCII in 16-byte blocks: put runs of spaces,
 * a tab, a line end and a control byte at every offset from a block start. */
static void test_rule_1_white_space_is_normalised_at_every_alignment(void **state)
{
    for (size_t shift = 0; shift < 32; shift++) {
        char in[160], expected[160];
        size_t n = 0;
        for (size_t i = 0; i < shift; i++)
            in[n++] = (char)('a' + i % 26);
        static const char tail[] = "  ord \t og\x01 mer  tekst\n  som  fortsetter her.  ";
        memcpy(in + n, tail, sizeof tail);
        snprintf(expected, sizeof expected, "%.*s%sord og mer tekst som fortsetter her.",
                 (int)shift, in, shift ? " " : "");
        folio_doc *doc = read_txt(state, in);
        folio_str got = folio_node_text(block(doc, 0));
        if (!folio_str_equal_c(got, expected))
            fail_msg("shift %zu: got \"%.*s\", expected \"%s\"", shift, (int)got.len, got.data,
                     expected);
        folio_doc_free(doc);
    }
}

/* The repair is said once, at the first control dropped. */
static void test_rule_1_drops_nul_and_c0_controls(void **state)
{
    folio_options *o = folio_options_new();
    folio_buf warnings = {0};
    folio_options_set_warning_handler(o, collect_warning, &warnings);
    const char text[] = "A\0b\x01"
                        "c\x1B d\fe\x7F.\v";
    folio_doc *doc = read_with(state, text, sizeof text - 1, o);
    check_paragraph(doc, 0, FOLIO_ROLE_LEAD, "Abc de\x7F.");
    folio_buf_putc(&warnings, '\0');
    assert_string_equal(warnings.data, "1:2: txt: dropped 5 control characters, the first here\n");
    folio_doc_free(doc);
    folio_buf_free(&warnings);
    folio_options_free(o);
}

/* ---- 2. Blocks ---- */

static void test_rule_2_joins_the_lines_of_a_block(void **state)
{
    folio_doc *doc = read_txt(state, "En hardt\nbrutt\n  linje.\n\nNeste.");
    assert_int_equal(block_count(doc), 2);
    check_paragraph(doc, 0, FOLIO_ROLE_LEAD, "En hardt brutt linje.");
    folio_doc_free(doc);
}

static void test_rule_2_gaps_carry_no_meaning(void **state)
{
    folio_doc *a = read_txt(state, "\n\n\nEn.\n\n\n\n\nTo.\n \t \n\nTre.\n\n\n");
    folio_doc *b = read_txt(state, "En.\n\nTo.\n\nTre.");
    folio_buf ja = {0}, jb = {0};
    assert_int_equal(test_write(&ja, *state, "json", a, NULL, NULL), FOLIO_OK);
    assert_int_equal(test_write(&jb, *state, "json", b, NULL, NULL), FOLIO_OK);
    assert_int_equal(block_count(a), 3);
    assert_string_equal(ja.data, jb.data);
    folio_buf_free(&ja);
    folio_buf_free(&jb);
    folio_doc_free(a);
    folio_doc_free(b);
}

/* Readers work through large inputs piece by piece: nothing may depend on
 * where one piece ends. */
static void test_rule_2_blocks_of_any_size_anywhere_in_a_large_input(void **state)
{
    folio_buf in = {0};
    folio_buf_puts(&in, "date 2024\n\nTittel\n\n");
    for (int i = 0; i < 4000; i++)
        folio_buf_printf(&in, "Avsnitt nummer %d er her.%s", i, i % 7 ? "\n\n" : "\n\n\n\n");
    size_t big = in.len;
    for (int i = 0; i < 30000; i++)
        folio_buf_puts(&in, "Ei lang linje\r\n");
    folio_buf_puts(&in, "slutt.\n\nSiste");
    folio_doc *doc = read_with(state, in.data, in.len, NULL);
    assert_str_equal(meta(doc, FOLIO_META_TITLE), "Tittel");
    assert_int_equal(block_count(doc), 4002);
    check_paragraph(doc, 3999, FOLIO_ROLE_BODY, "Avsnitt nummer 3999 er her.");
    folio_str joined = folio_node_text(block(doc, 4000));
    assert_int_equal(joined.len, 30000 * 14 + 6);
    assert_memory_equal(joined.data + joined.len - 26, "linje Ei lang linje slutt.", 26);
    check_paragraph(doc, 4001, FOLIO_ROLE_BODY, "Siste");
    folio_doc_free(doc);
    /* A bad byte far into the input still has its own line and column. */
    in.data[big + 20 * 15 + 3] = (char)0xFF;
    folio_error err = {0};
    assert_int_equal(test_read(&doc, *state, "txt", in.data, in.len, NULL, &err), FOLIO_EFORMAT);
    assert_int_equal(err.line, 4 + 1 + 4000 * 2 + (3999 / 7 + 1) * 2 + 20);
    assert_int_equal(err.column, 4);
    folio_buf_free(&in);
}

/* ---- 3. The header ---- */

static void test_rule_3_reads_every_header_field(void **state)
{
    folio_doc *doc =
        read_txt(state, "date 2023-09-13\ntitle Kim møtte Putin\nsubtitle På romsenteret\n"
                        "byline Kari Nordmann\nlang nb\nsource NTB\nrights © NTB\n"
                        "id urn:uuid:1234\n\nTekst.");
    assert_str_equal(meta(doc, FOLIO_META_DATE), "2023-09-13");
    assert_str_equal(meta(doc, FOLIO_META_TITLE), "Kim møtte Putin");
    assert_str_equal(meta(doc, FOLIO_META_SUBTITLE), "På romsenteret");
    assert_str_equal(meta(doc, FOLIO_META_LANG), "nb");
    assert_str_equal(meta(doc, FOLIO_META_SOURCE), "NTB");
    assert_str_equal(meta(doc, FOLIO_META_RIGHTS), "© NTB");
    assert_str_equal(meta(doc, FOLIO_META_ID), "urn:uuid:1234");
    assert_int_equal(folio_node_author_count(article(doc)), 1);
    assert_str_equal(folio_node_author(article(doc), 0), "Kari Nordmann");
    assert_int_equal(block_count(doc), 1);
    folio_doc_free(doc);
}

static void test_rule_3_date_takes_iso_8601_of_any_precision(void **state)
{
    static const char *const good[] = {"2023",
                                       "2023-09",
                                       "2023-09-13",
                                       "2023-09-13T10",
                                       "2023-09-13T10:41",
                                       "2023-09-13T10:41:00+02:00",
                                       "2023-09-13T10:41:00.250Z",
                                       "2023-09-13T10:41:00-0500",
                                       NULL};
    static const char *const bad[] = {
        "2023-13",          "2023-09-32",        "23-09", "2023-9", "2023/09",
        "2023-09-13T25:00", "2023-09-13T10:41Q", "i",     NULL};
    char buf[128];
    for (const char *const *d = good; *d; d++) {
        snprintf(buf, sizeof buf, "date %s\n\nTekst.", *d);
        folio_doc *doc = read_txt(state, buf);
        assert_str_equal(meta(doc, FOLIO_META_DATE), *d);
        assert_int_equal(block_count(doc), 1);
        folio_doc_free(doc);
    }
    for (const char *const *d = bad; *d; d++) {
        snprintf(buf, sizeof buf, "date %s\nog mer.\n\nTekst.", *d);
        folio_doc *doc = read_txt(state, buf);
        assert_false(folio_str_present(meta(doc, FOLIO_META_DATE)));
        assert_int_equal(block_count(doc), 2);
        assert_memory_equal(folio_node_text(block(doc, 0)).data, "date ", 5);
        folio_doc_free(doc);
    }
}

static void test_rule_3_text_after_the_date_token_opens_the_body(void **state)
{
    folio_doc *doc =
        read_txt(state, " date 2023-09 Nord-Koreas leder\ntitle er ikke en header.\n\nTo.");
    assert_str_equal(meta(doc, FOLIO_META_DATE), "2023-09");
    assert_false(folio_str_present(meta(doc, FOLIO_META_TITLE)));
    check_paragraph(doc, 0, FOLIO_ROLE_LEAD, "Nord-Koreas leder title er ikke en header.");
    folio_doc_free(doc);
}

static void test_rule_3_header_stops_at_the_first_other_line(void **state)
{
    folio_doc *doc =
        read_txt(state, "source NTB\nTitle Stor bokstav er ikke en nøkkel.\nlang nb\n\n"
                        "id x-1 er tekst nå.");
    assert_str_equal(meta(doc, FOLIO_META_SOURCE), "NTB");
    assert_false(folio_str_present(meta(doc, FOLIO_META_ID)));
    check_paragraph(doc, 0, FOLIO_ROLE_LEAD, "Title Stor bokstav er ikke en nøkkel. lang nb");
    check_paragraph(doc, 1, FOLIO_ROLE_BODY, "id x-1 er tekst nå.");
    folio_doc_free(doc);
    /* A key alone on its line is not a field. */
    doc = read_txt(state, "source\nof the leak.\n\ndate\n2023 var et år.");
    assert_false(folio_str_present(meta(doc, FOLIO_META_SOURCE)));
    assert_false(folio_str_present(meta(doc, FOLIO_META_DATE)));
    check_paragraph(doc, 0, FOLIO_ROLE_LEAD, "source of the leak.");
    check_paragraph(doc, 1, FOLIO_ROLE_BODY, "date 2023 var et år.");
    folio_doc_free(doc);
}

static void test_rule_3_each_byline_field_is_one_author(void **state)
{
    folio_doc *doc =
        read_txt(state, "byline Kari Nordmann og Ola Nordmann\nbyline Per Hansen\n\nTekst.");
    assert_int_equal(folio_node_author_count(article(doc)), 2);
    assert_str_equal(folio_node_author(article(doc), 0), "Kari Nordmann og Ola Nordmann");
    assert_str_equal(folio_node_author(article(doc), 1), "Per Hansen");
    folio_doc_free(doc);
}

static void test_rule_3_a_repeated_field_keeps_the_last_and_warns(void **state)
{
    folio_options *o = folio_options_new();
    folio_buf warnings = {0};
    folio_options_set_warning_handler(o, collect_warning, &warnings);
    const char *text = "\ntitle Første\ntitle Andre\n\nTekst.";
    folio_doc *doc = read_with(state, text, strlen(text), o);
    assert_str_equal(meta(doc, FOLIO_META_TITLE), "Andre");
    assert_non_null(strstr(warnings.data, "3:1: txt: the header repeats 'title'"));
    folio_doc_free(doc);
    folio_buf_free(&warnings);
    folio_options_free(o);
}

/* ---- 4.1 Credits ---- */

static void test_rule_4_1_a_block_that_is_a_credit_clause_is_a_credit(void **state)
{
    folio_doc *doc = read_txt(state, "Tekst.\n\nFoto: Ola Nordmann / NTB\n\nMer tekst.");
    folio_node *b = block(doc, 1);
    assert_int_equal(folio_node_kind_of(b), FOLIO_NODE_CREDIT);
    assert_str_equal(folio_node_credit_label(b), "Foto");
    assert_str_equal(folio_node_credit_text(b), "Ola Nordmann / NTB");
    assert_str_equal(folio_node_text(b), "Ola Nordmann / NTB");
    assert_int_equal(folio_node_credit_count(b), 2);
    assert_str_equal(folio_node_credit_part(b, 1), "NTB");
    folio_doc_free(doc);
}

static void test_rule_4_1_an_agency_tag_alone_is_a_credit(void **state)
{
    static const char *const tags[][2] = {{"(NTB)", "NTB"},         {"(AFP)", "AFP"},
                                          {"©NTB", "NTB"},          {"© NTB", "NTB"},
                                          {"(ANB-NTB)", "ANB-NTB"}, {"(ТАСС)", "ТАСС"}};
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
        char buf[64];
        snprintf(buf, sizeof buf, "Tekst.\n\n%s", tags[i][0]);
        folio_doc *doc = read_txt(state, buf);
        folio_node *b = block(doc, 1);
        assert_int_equal(folio_node_kind_of(b), FOLIO_NODE_CREDIT);
        assert_false(folio_str_present(folio_node_credit_label(b)));
        assert_str_equal(folio_node_text(b), tags[i][0]);
        assert_int_equal(folio_node_credit_count(b), 1);
        assert_str_equal(folio_node_credit_part(b, 0), tags[i][1]);
        folio_doc_free(doc);
    }
    /* Not upper case, or not alone: not a tag. */
    assert_int_equal(kind_before_end(state, "(Reuters)"), FOLIO_NODE_HEADLINE);
    assert_int_equal(kind_before_end(state, "(N)"), FOLIO_NODE_HEADLINE);
    assert_int_equal(kind_before_end(state, "OSLO (NTB): Tekst her."), FOLIO_NODE_PARAGRAPH);
}

/* ---- 4.2 Captions ---- */

static void test_rule_4_2_caption_keeps_kicker_text_and_credit_apart(void **state)
{
    folio_doc *doc =
        read_txt(state, "Tekst.\n\nGUIDET: Kim fikk omvisning på Vostotsjnyj kosmodrom. "
                        "Foto: Vladimir Smirnov / AFP / NTB\n\nSlutt.");
    folio_node *b = block(doc, 1);
    assert_int_equal(folio_node_kind_of(b), FOLIO_NODE_CAPTION);
    assert_str_equal(folio_node_kicker(b), "GUIDET");
    assert_str_equal(folio_node_text(b), "Kim fikk omvisning på Vostotsjnyj kosmodrom.");
    assert_str_equal(folio_node_credit_label(b), "Foto");
    assert_str_equal(folio_node_credit_text(b), "Vladimir Smirnov / AFP / NTB");
    assert_int_equal(folio_node_credit_count(b), 3);
    folio_doc_free(doc);
}

static folio_str kicker_of(void **state, folio_doc **doc, const char *caption)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s Foto: NTB", caption);
    *doc = read_txt(state, buf);
    folio_node *b = block(*doc, 0);
    assert_int_equal(folio_node_kind_of(b), FOLIO_NODE_CAPTION);
    return folio_node_kicker(b);
}

static void test_rule_4_2_caption_kicker_needs_two_letters(void **state)
{
    static const char *const none[] = {"A: Tekst.",      "A1: Tekst.",    "2023: Tekst.",
                                       "Guidet: Tekst.", "GUIDET:Tekst.", "GUIDET : Tekst.",
                                       "GUIDEt: Tekst.", "-AB: Tekst.",   NULL};
    for (const char *const *c = none; *c; c++) {
        folio_doc *doc;
        assert_false(folio_str_present(kicker_of(state, &doc, *c)));
        assert_str_equal(folio_node_text(block(doc, 0)), *c);
        folio_doc_free(doc);
    }
    folio_doc *doc;
    assert_str_equal(kicker_of(state, &doc, "AB: Tekst."), "AB");
    folio_doc_free(doc);
}

static void test_rule_4_2_kicker_allows_digits_spaces_and_hyphens(void **state)
{
    static const char *const kickers[] = {
        "E39-BRUA", "VALVAKA 2022", "2024 OUTLOOK", "COVID-19", "PÅ VEJ HJEM", "KØ-KAOS", NULL};
    for (const char *const *k = kickers; *k; k++) {
        char caption[128];
        snprintf(caption, sizeof caption, "%s: Tekst her.", *k);
        folio_doc *doc;
        assert_str_equal(kicker_of(state, &doc, caption), *k);
        assert_str_equal(folio_node_text(block(doc, 0)), "Tekst her.");
        folio_doc_free(doc);
    }
}

static void test_rule_4_2_kicker_letters_may_be_of_any_script(void **state)
{
    static const char *const kickers[] = {"ΑΘΗΝΑ",
                                          "КИЇВ",
                                          "ÉTÉ",
                                          "ŁÓDŹ",
                                          "ΣΕΙΣΜΌΣ",
                                          "ՀԱՅԱՍՏԱՆ",
                                          "A\xCC\x8A"
                                          "B",
                                          NULL};
    for (const char *const *k = kickers; *k; k++) {
        char caption[128];
        snprintf(caption, sizeof caption, "%s: Tekst.", *k);
        folio_doc *doc;
        assert_str_equal(kicker_of(state, &doc, caption), *k);
        folio_doc_free(doc);
    }
    static const char *const lower[] = {"Αθηνα: Tekst.", "киев: Tekst.", "ÉTé: Tekst.", NULL};
    for (const char *const *c = lower; *c; c++) {
        folio_doc *doc;
        assert_false(folio_str_present(kicker_of(state, &doc, *c)));
        folio_doc_free(doc);
    }
}

/* ---- 4.3 Bylines ---- */

static void test_rule_4_3_byline_words_open_a_byline(void **state)
{
    static const char *const lines[] = {"Av Kari Nordmann",
                                        "By Sarah Mitchell and Tom Ellis",
                                        "Von Thomas Müller",
                                        "Af Mette Holm",
                                        "Tekst: Anna Lindqvist",
                                        "Text: Anna Lindqvist",
                                        "Av Kari Nordmann og Ola Nordmann",
                                        "By John F. Kennedy Jr",
                                        NULL};
    for (const char *const *l = lines; *l; l++)
        assert_int_equal(kind_before_end(state, *l), FOLIO_NODE_BYLINE);
    folio_doc *doc = read_txt(state, "Av Kari Nordmann");
    check_kind(doc, 0, FOLIO_NODE_BYLINE, "Av Kari Nordmann");
    folio_doc_free(doc);
}

static void test_rule_4_3_byline_has_at_most_six_words_and_no_sentence_end(void **state)
{
    assert_int_equal(kind_before_end(state, "Av en to tre fire fem seks"), FOLIO_NODE_BYLINE);
    assert_int_equal(kind_before_end(state, "Av en to tre fire fem seks sju"), FOLIO_NODE_HEADLINE);
    assert_int_equal(kind_before_end(state, "Av Kari. Nordmann"), FOLIO_NODE_HEADLINE);
    assert_int_equal(kind_before_end(state, "By now it is over!"), FOLIO_NODE_HEADLINE);
    assert_int_equal(kind_before_end(state, "Av og til regner det"), FOLIO_NODE_BYLINE);
    assert_int_equal(kind_before_end(state, "av Kari Nordmann"), FOLIO_NODE_HEADLINE);
    assert_int_equal(kind_before_end(state, "Av"), FOLIO_NODE_HEADLINE);
    assert_int_equal(kind_before_end(state, "Av Kari\nNordmann"), FOLIO_NODE_PARAGRAPH);
}

/* ---- 4.4 Headlines ---- */

static void test_rule_4_4_headline_has_at_most_12_words_and_100_characters(void **state)
{
    assert_int_equal(kind_before_end(state, "en to tre fire fem seks sju åtte ni ti elleve tolv"),
                     FOLIO_NODE_HEADLINE);
    assert_int_equal(
        kind_before_end(state, "en to tre fire fem seks sju åtte ni ti elleve tolv tretten"),
        FOLIO_NODE_PARAGRAPH);
    char line[256] = "";
    for (int i = 0; i < 50; i++)
        strcat(line, "Æ");
    strcat(line, " ");
    for (int i = 0; i < 48; i++)
        strcat(line, "ø");
    strcat(line, "x"); /* 100 characters */
    assert_int_equal(kind_before_end(state, line), FOLIO_NODE_HEADLINE);
    strcat(line, "y");
    assert_int_equal(kind_before_end(state, line), FOLIO_NODE_PARAGRAPH);
}

static void test_rule_4_4_headline_end_characters(void **state)
{
    static const char *const ends[] = {".", ",", ";", ":", "…",  "»",
                                       "«", "”", "“", "’", "\"", NULL};
    for (const char *const *e = ends; *e; e++) {
        char line[64];
        snprintf(line, sizeof line, "Kort linje%s", *e);
        assert_int_equal(kind_before_end(state, line), FOLIO_NODE_PARAGRAPH);
    }
    assert_int_equal(kind_before_end(state, "Hva nå?"), FOLIO_NODE_HEADLINE);
    assert_int_equal(kind_before_end(state, "Endelig!"), FOLIO_NODE_HEADLINE);
    assert_int_equal(kind_before_end(state, "Isolert (oppdatert)"), FOLIO_NODE_HEADLINE);
}

static void test_rule_4_4_headline_does_not_start_with_a_dash(void **state)
{
    assert_int_equal(kind_before_end(state, "– Vi kommer"), FOLIO_NODE_PARAGRAPH);
    assert_int_equal(kind_before_end(state, "— Vi kommer"), FOLIO_NODE_PARAGRAPH);
    assert_int_equal(kind_before_end(state, "- Vi kommer"), FOLIO_NODE_PARAGRAPH);
    assert_int_equal(kind_before_end(state, "-Vi kommer"), FOLIO_NODE_PARAGRAPH);
}

static void test_rule_4_4_the_last_block_is_not_a_headline(void **state)
{
    folio_doc *doc = read_txt(state, "Tekst.\n\nPublisert av NTB");
    check_paragraph(doc, 1, FOLIO_ROLE_BODY, "Publisert av NTB");
    folio_doc_free(doc);
    doc = read_txt(state, "Kort tittel");
    assert_false(folio_str_present(meta(doc, FOLIO_META_TITLE)));
    check_paragraph(doc, 0, FOLIO_ROLE_LEAD, "Kort tittel");
    folio_doc_free(doc);
}

/* A headline needs a paragraph after it: a closing line that is a paragraph
 * only for being last does not count, a closing paragraph of two lines does,
 * and the lead goes to the first paragraph in reading order. */
static void test_rule_4_4_a_headline_needs_a_real_paragraph_after_it(void **state)
{
    folio_doc *doc = read_txt(state, "Tekst.\n\nIsolert\n\nFoto: NTB\n\nPublisert av NTB");
    assert_int_equal(block_count(doc), 4);
    check_paragraph(doc, 1, FOLIO_ROLE_BODY, "Isolert");
    assert_int_equal(folio_node_kind_of(block(doc, 2)), FOLIO_NODE_CREDIT);
    check_paragraph(doc, 3, FOLIO_ROLE_BODY, "Publisert av NTB");
    folio_doc_free(doc);
    doc = read_txt(state, "Tekst.\n\nIsolert\n\nPublisert av\nNTB");
    check_kind(doc, 1, FOLIO_NODE_HEADLINE, "Isolert");
    folio_doc_free(doc);
    doc = read_txt(state, "title T\n\nIsolert\n\nPublisert av NTB");
    check_paragraph(doc, 0, FOLIO_ROLE_LEAD, "Isolert");
    check_paragraph(doc, 1, FOLIO_ROLE_BODY, "Publisert av NTB");
    folio_doc_free(doc);
}

static void test_rule_4_4_first_headline_before_a_paragraph_is_the_title(void **state)
{
    folio_doc *doc =
        read_txt(state, "Foto: NTB\n\nTittelen\n\nAv Kari\n\nTekst.\n\nMellomtittel\n\nMer.");
    assert_str_equal(meta(doc, FOLIO_META_TITLE), "Tittelen");
    assert_int_equal(block_count(doc), 5);
    check_kind(doc, 3, FOLIO_NODE_HEADLINE, "Mellomtittel");
    assert_int_equal(folio_node_level(block(doc, 3)), 2);
    folio_doc_free(doc);
    doc = read_txt(state, "title Fra header\n\nTittelen\n\nTekst.");
    assert_str_equal(meta(doc, FOLIO_META_TITLE), "Fra header");
    check_kind(doc, 0, FOLIO_NODE_HEADLINE, "Tittelen");
    folio_doc_free(doc);
    doc = read_txt(state, "Tekst.\n\nMellomtittel\n\nMer.");
    assert_false(folio_str_present(meta(doc, FOLIO_META_TITLE)));
    check_kind(doc, 1, FOLIO_NODE_HEADLINE, "Mellomtittel");
    folio_doc_free(doc);
}

static void test_rule_4_4_a_block_of_several_lines_is_not_a_headline(void **state)
{
    assert_int_equal(kind_before_end(state, "Fylkesordføraren er likevel\noptimistisk"),
                     FOLIO_NODE_PARAGRAPH);
}

/* ---- 4.5 Paragraph roles ---- */

static void test_rule_4_5_speech_dash_makes_a_quote(void **state)
{
    folio_doc *doc = read_txt(state, "– En.\n\n— To.\n\n- Tre.\n\n-Fire.\n\n−Fem.\n\n–Seks.");
    check_paragraph(doc, 0, FOLIO_ROLE_QUOTE, "– En.");
    check_paragraph(doc, 1, FOLIO_ROLE_QUOTE, "— To.");
    check_paragraph(doc, 2, FOLIO_ROLE_QUOTE, "- Tre.");
    check_paragraph(doc, 3, FOLIO_ROLE_LEAD, "-Fire.");
    check_paragraph(doc, 4, FOLIO_ROLE_BODY, "−Fem.");
    check_paragraph(doc, 5, FOLIO_ROLE_BODY, "–Seks.");
    folio_doc_free(doc);
}

static void test_rule_4_5_lead_is_the_first_paragraph_that_is_not_a_quote(void **state)
{
    folio_doc *doc = read_txt(state, "Tittel\n\n– Sitat.\n\nIngress.\n\nBrødtekst.\n\n– Sitat to.");
    check_paragraph(doc, 0, FOLIO_ROLE_QUOTE, "– Sitat.");
    check_paragraph(doc, 1, FOLIO_ROLE_LEAD, "Ingress.");
    check_paragraph(doc, 2, FOLIO_ROLE_BODY, "Brødtekst.");
    check_paragraph(doc, 3, FOLIO_ROLE_QUOTE, "– Sitat to.");
    folio_doc_free(doc);
}

/* ---- 5. Credit clauses ---- */

static void test_rule_5_every_label_in_its_case(void **state)
{
    static const char *const labels[] = {
        "Foto",         "Fotos",       "Photo",      "Photos",  "Bilde",    "Bild",  "Illustrasjon",
        "Illustration", "Grafikk",     "Grafik",     "Graphic", "Graphics", "Video", "Kart",
        "Map",          "Skjermbilde", "Screenshot", "Kilde",   "Source",   NULL};
    for (const char *const *l = labels; *l; l++) {
        char buf[128];
        snprintf(buf, sizeof buf, "Tekst.\n\n%s: Ola Nordmann / NTB\n\nSlutt.", *l);
        folio_doc *doc = read_txt(state, buf);
        assert_int_equal(folio_node_kind_of(block(doc, 1)), FOLIO_NODE_CREDIT);
        assert_str_equal(folio_node_credit_label(block(doc, 1)), *l);
        folio_doc_free(doc);
    }
    assert_int_equal(kind_before_end(state, "foto: Ola Nordmann"), FOLIO_NODE_HEADLINE);
    assert_int_equal(kind_before_end(state, "FOTO: Ola Nordmann"), FOLIO_NODE_HEADLINE);
    assert_int_equal(kind_before_end(state, "Karte: dpa"), FOLIO_NODE_HEADLINE);
    assert_int_equal(kind_before_end(state, "Foto:NTB"), FOLIO_NODE_CREDIT);
    assert_int_equal(kind_before_end(state, "Foto:"), FOLIO_NODE_PARAGRAPH);
}

static void test_rule_5_label_stands_after_a_sentence_end(void **state)
{
    static const char *const ends[] = {".", "!", "?", "»", "”", "\"", "’", "«", "“", NULL};
    for (const char *const *e = ends; *e; e++) {
        char buf[128];
        snprintf(buf, sizeof buf, "Tekst%s Foto: NTB", *e);
        assert_int_equal(kind_before_end(state, buf), FOLIO_NODE_CAPTION);
    }
    assert_int_equal(kind_before_end(state, "Se utstillingen Foto: Valnatten 2022 i Stockholm."),
                     FOLIO_NODE_PARAGRAPH);
    assert_int_equal(kind_before_end(state, "Tekst, Foto: NTB."), FOLIO_NODE_PARAGRAPH);
    assert_int_equal(kind_before_end(state, "Tekst.Foto: NTB."), FOLIO_NODE_PARAGRAPH);
    assert_int_equal(kind_before_end(state, "Tekst. XFoto: NTB."), FOLIO_NODE_PARAGRAPH);
}

static void test_rule_5_credit_list_has_at_most_160_characters(void **state)
{
    char list[512] = "";
    for (int i = 0; i < 160; i++)
        strcat(list, i % 10 == 9 ? " " : "å");
    list[strlen(list) - 1] = 'x';
    char buf[600];
    snprintf(buf, sizeof buf, "Tekst. Foto: %s", list);
    assert_int_equal(kind_before_end(state, buf), FOLIO_NODE_CAPTION);
    snprintf(buf, sizeof buf, "Tekst. Foto: %sy", list);
    assert_int_equal(kind_before_end(state, buf), FOLIO_NODE_PARAGRAPH);
}

static void test_rule_5_credit_list_has_no_sentence_end_followed_by_words(void **state)
{
    assert_int_equal(kind_before_end(state, "Tekst. Foto: NTB. Mer tekst her."),
                     FOLIO_NODE_PARAGRAPH);
    assert_int_equal(kind_before_end(state, "Tekst. Foto: «NTB» Oslo."), FOLIO_NODE_PARAGRAPH);
    assert_int_equal(kind_before_end(state, "Tekst. Foto: Ola Nordmann."), FOLIO_NODE_CAPTION);
    /* An initial is not a sentence end: names carry them. */
    folio_doc *doc = read_txt(state, "Tekst. Photo: John A. Smith / Reuters");
    folio_node *b = block(doc, 0);
    assert_int_equal(folio_node_kind_of(b), FOLIO_NODE_CAPTION);
    assert_str_equal(folio_node_credit_part(b, 0), "John A. Smith");
    folio_doc_free(doc);
}

static void test_rule_5_parts_split_at_slashes_else_commas(void **state)
{
    folio_doc *doc = read_txt(state, "A. Foto: Mikhail Metzel / Kreml / Sputnik / Reuters / NTB\n\n"
                                     "B. Foto: Terje Bendiksby, NTB\n\n"
                                     "C. Foto: Hansen, Olsen / NTB");
    static const char *const first[] = {"Mikhail Metzel", "Kreml", "Sputnik", "Reuters", "NTB"};
    assert_int_equal(folio_node_credit_count(block(doc, 0)), 5);
    for (size_t i = 0; i < 5; i++)
        assert_str_equal(folio_node_credit_part(block(doc, 0), i), first[i]);
    assert_int_equal(folio_node_credit_count(block(doc, 1)), 2);
    assert_str_equal(folio_node_credit_part(block(doc, 1), 0), "Terje Bendiksby");
    assert_str_equal(folio_node_credit_part(block(doc, 1), 1), "NTB");
    assert_int_equal(folio_node_credit_count(block(doc, 2)), 2);
    assert_str_equal(folio_node_credit_part(block(doc, 2), 0), "Hansen, Olsen");
    folio_doc_free(doc);
}

/* ---- 6. Language ---- */

static folio_str lang_of(void **state, folio_doc **doc, const char *text, const char *key,
                         const char *value)
{
    folio_options *o = folio_options_new();
    if (key)
        folio_options_set(o, key, value);
    *doc = read_with(state, text, strlen(text), o);
    folio_options_free(o);
    return meta(*doc, FOLIO_META_LANG);
}

static void test_rule_6_language_comes_from_header_option_or_text(void **state)
{
    size_t len;
    char *sample = test_read_file("samples/article-sample.txt", &len);
    folio_doc *doc;
    assert_str_equal(lang_of(state, &doc, sample, NULL, NULL), "nb");
    folio_doc_free(doc);
    assert_str_equal(lang_of(state, &doc, sample, "txt.lang", "nn"), "nn");
    folio_doc_free(doc);
    assert_false(folio_str_present(lang_of(state, &doc, sample, "meta.lang", "de")));
    folio_doc_free(doc);
    assert_str_equal(lang_of(state, &doc, "lang sv\n\nKort.", "txt.lang", "nn"), "sv");
    folio_doc_free(doc);
    assert_false(folio_str_present(lang_of(state, &doc, "Kort tekst.", NULL, NULL)));
    folio_doc_free(doc);
    free(sample);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rule_1_strips_bom),
        cmocka_unit_test(test_rule_1_crlf_and_lone_cr_are_newlines),
        cmocka_unit_test(test_rule_1_invalid_utf8_names_line_and_column),
        cmocka_unit_test(test_rule_1_trims_lines_and_collapses_spaces),
        cmocka_unit_test(test_rule_1_white_space_is_normalised_at_every_alignment),
        cmocka_unit_test(test_rule_1_drops_nul_and_c0_controls),
        cmocka_unit_test(test_rule_2_joins_the_lines_of_a_block),
        cmocka_unit_test(test_rule_2_gaps_carry_no_meaning),
        cmocka_unit_test(test_rule_2_blocks_of_any_size_anywhere_in_a_large_input),
        cmocka_unit_test(test_rule_3_reads_every_header_field),
        cmocka_unit_test(test_rule_3_date_takes_iso_8601_of_any_precision),
        cmocka_unit_test(test_rule_3_text_after_the_date_token_opens_the_body),
        cmocka_unit_test(test_rule_3_header_stops_at_the_first_other_line),
        cmocka_unit_test(test_rule_3_each_byline_field_is_one_author),
        cmocka_unit_test(test_rule_3_a_repeated_field_keeps_the_last_and_warns),
        cmocka_unit_test(test_rule_4_1_a_block_that_is_a_credit_clause_is_a_credit),
        cmocka_unit_test(test_rule_4_1_an_agency_tag_alone_is_a_credit),
        cmocka_unit_test(test_rule_4_2_caption_keeps_kicker_text_and_credit_apart),
        cmocka_unit_test(test_rule_4_2_caption_kicker_needs_two_letters),
        cmocka_unit_test(test_rule_4_2_kicker_allows_digits_spaces_and_hyphens),
        cmocka_unit_test(test_rule_4_2_kicker_letters_may_be_of_any_script),
        cmocka_unit_test(test_rule_4_3_byline_words_open_a_byline),
        cmocka_unit_test(test_rule_4_3_byline_has_at_most_six_words_and_no_sentence_end),
        cmocka_unit_test(test_rule_4_4_headline_has_at_most_12_words_and_100_characters),
        cmocka_unit_test(test_rule_4_4_headline_end_characters),
        cmocka_unit_test(test_rule_4_4_headline_does_not_start_with_a_dash),
        cmocka_unit_test(test_rule_4_4_the_last_block_is_not_a_headline),
        cmocka_unit_test(test_rule_4_4_a_headline_needs_a_real_paragraph_after_it),
        cmocka_unit_test(test_rule_4_4_first_headline_before_a_paragraph_is_the_title),
        cmocka_unit_test(test_rule_4_4_a_block_of_several_lines_is_not_a_headline),
        cmocka_unit_test(test_rule_4_5_speech_dash_makes_a_quote),
        cmocka_unit_test(test_rule_4_5_lead_is_the_first_paragraph_that_is_not_a_quote),
        cmocka_unit_test(test_rule_5_every_label_in_its_case),
        cmocka_unit_test(test_rule_5_label_stands_after_a_sentence_end),
        cmocka_unit_test(test_rule_5_credit_list_has_at_most_160_characters),
        cmocka_unit_test(test_rule_5_credit_list_has_no_sentence_end_followed_by_words),
        cmocka_unit_test(test_rule_5_parts_split_at_slashes_else_commas),
        cmocka_unit_test(test_rule_6_language_comes_from_header_option_or_text),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
