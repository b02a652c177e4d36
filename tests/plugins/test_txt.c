/* SPDX-License-Identifier: MIT */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Each test is named after the rule of shared/spec/article-text.md it checks. */

static const char *const samples[] = {
    "article-sample", "nb-strompris",  "nb-kort", "nn-ferje", "sv-val",
    "da-cykel",       "de-hochwasser", "en-port", NULL,
};

static int setup(void **state)
{
    *state = test_registry();
    return 0;
}

static int teardown(void **state)
{
    folio_registry_free(*state);
    return 0;
}

static folio_doc *read_with(void **state, const char *text, size_t len, const folio_options *o)
{
    folio_doc *doc;
    folio_error err = {0};
    if (test_read(&doc, *state, "txt", text, len, o, &err) != FOLIO_OK)
        fail_msg("txt read failed: %s", err.message);
    return doc;
}

static folio_doc *read_txt(void **state, const char *text)
{
    return read_with(state, text, strlen(text), NULL);
}

static folio_node *article(const folio_doc *doc)
{
    return folio_node_first_child(folio_doc_root(doc));
}

static size_t block_count(const folio_doc *doc)
{
    size_t n = 0;
    for (folio_node *b = folio_node_first_child(article(doc)); b; b = folio_node_next(b))
        n++;
    return n;
}

static folio_node *block(const folio_doc *doc, size_t index)
{
    folio_node *b = folio_node_first_child(article(doc));
    while (b && index--)
        b = folio_node_next(b);
    if (!b)
        fail_msg("no block %zu", index);
    return b;
}

static folio_str meta(const folio_doc *doc, folio_meta_key key)
{
    return folio_node_meta(article(doc), key);
}

/* Fails unless block @i is a paragraph of @role holding @text. */
static void check_paragraph(const folio_doc *doc, size_t i, folio_role role, const char *text)
{
    folio_node *b = block(doc, i);
    assert_int_equal(folio_node_kind_of(b), FOLIO_NODE_PARAGRAPH);
    assert_int_equal(folio_node_role(b), role);
    assert_str_equal(folio_node_text(b), text);
}

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

static void collect_warning(const char *message, void *ctx)
{
    folio_buf *b = ctx;
    folio_buf_puts(b, message);
    folio_buf_putc(b, '\n');
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
    assert_int_equal(test_read(&doc, *state, "txt", "x", 1, o, &err), FOLIO_ERROR);
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
    assert_non_null(strstr(warnings.data, "replaced 3 invalid UTF-8 sequences with U+FFFD, "
                                          "the first at line 2, column 3"));
    folio_doc_free(doc);
    folio_buf_free(&warnings);
    folio_options_free(o);
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

static void test_rule_1_drops_nul_and_c0_controls(void **state)
{
    const char text[] = "A\0b\x01"
                        "c\x1B d\fe\x7F.\v";
    folio_doc *doc = read_with(state, text, sizeof text - 1, NULL);
    check_paragraph(doc, 0, FOLIO_ROLE_LEAD, "Abc de\x7F.");
    folio_doc_free(doc);
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
    assert_non_null(strstr(warnings.data, "header line 3 repeats 'title'"));
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

/* ---- 8. Writing ---- */

static char *write_txt(void **state, const folio_doc *doc, const folio_options *o)
{
    folio_buf out = {0};
    folio_error err = {0};
    if (test_write(&out, *state, "txt", doc, o, &err) != FOLIO_OK)
        fail_msg("txt write failed: %s", err.message);
    folio_buf_putc(&out, '\0');
    return out.data;
}

static char *write_json(void **state, const folio_doc *doc)
{
    folio_buf out = {0};
    folio_error err = {0};
    if (test_write(&out, *state, "json", doc, NULL, &err) != FOLIO_OK)
        fail_msg("json write failed: %s", err.message);
    folio_buf_putc(&out, '\0');
    return out.data;
}

/* Writes @doc as text, reads it back and fails unless the model is the same. */
static char *check_reads_back(void **state, const folio_doc *doc, const folio_options *o)
{
    char *text = write_txt(state, doc, o);
    folio_doc *again = read_txt(state, text);
    char *a = write_json(state, doc), *b = write_json(state, again);
    assert_string_equal(b, a);
    free(a);
    free(b);
    folio_doc_free(again);
    return text;
}

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
    assert_int_equal(test_write(&out, *state, "txt", doc, o, &err), FOLIO_ERROR);
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

static void test_rule_8_warns_of_what_will_not_read_back(void **state)
{
    folio_node *art;
    folio_doc *doc = built_article(&art);
    folio_node *h = folio_node_append_new(art, FOLIO_NODE_HEADLINE);
    folio_node_append_text(h, "Først", 6);
    folio_node *cap = folio_node_append_new(art, FOLIO_NODE_CAPTION);
    folio_node_append_text(cap, "Kim på kosmodromen", 19);
    folio_str parts[] = {folio_str_c("NTB")};
    folio_node_set_credit(cap, folio_str_c("Foto"), folio_str_c("NTB"), parts, 1);
    add_paragraph(art, FOLIO_ROLE_BODY, "Enkeltord");
    add_paragraph(art, FOLIO_ROLE_BODY, "Slutt.");
    folio_options *o = folio_options_new();
    folio_buf warnings = {0};
    folio_options_set_warning_handler(o, collect_warning, &warnings);
    free(write_txt(state, doc, o));
    assert_string_equal(warnings.data,
                        "txt: a headline before the first paragraph of an article without title "
                        "will read back as its title\n"
                        "txt: caption \"Kim på kosmodromen Foto: NTB\" will read back as a "
                        "headline\n"
                        "txt: paragraph \"Enkeltord\" will read back as a headline\n");
    folio_buf_free(&warnings);
    folio_options_free(o);
    folio_doc_free(doc);
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
        cmocka_unit_test(test_rule_1_strips_bom),
        cmocka_unit_test(test_rule_1_crlf_and_lone_cr_are_newlines),
        cmocka_unit_test(test_rule_1_invalid_utf8_names_line_and_column),
        cmocka_unit_test(test_rule_1_latin1_input_is_decoded),
        cmocka_unit_test(test_rule_1_cp1252_input_is_decoded),
        cmocka_unit_test(test_rule_1_other_encodings_go_through_iconv),
        cmocka_unit_test(test_rule_1_unknown_encoding_is_a_clear_error),
        cmocka_unit_test(test_rule_1_lossy_replaces_bad_bytes_and_warns),
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
        cmocka_unit_test(test_rule_8_writes_the_header_then_each_block),
        cmocka_unit_test(test_rule_8_writes_one_byline_field_per_author),
        cmocka_unit_test(test_rule_8_wrap_breaks_paragraphs_at_n_characters),
        cmocka_unit_test(test_rule_8_a_paragraph_that_would_read_as_a_headline_takes_two_lines),
        cmocka_unit_test(test_rule_8_model_text_is_written_as_the_reader_keeps_it),
        cmocka_unit_test(test_rule_8_a_list_is_one_paragraph_with_an_item_per_line),
        cmocka_unit_test(test_rule_8_a_date_that_is_not_iso_8601_is_left_out),
        cmocka_unit_test(test_rule_8_warns_of_what_will_not_read_back),
        cmocka_unit_test(test_rule_9_the_sample_reads_as_the_spec_says),
        cmocka_unit_test(test_samples_read_as_their_expected_json),
        cmocka_unit_test(test_samples_survive_txt_json_txt_json),
        cmocka_unit_test(test_samples_txt_is_a_fixed_point_after_one_pass),
        cmocka_unit_test(test_samples_keep_every_word),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
