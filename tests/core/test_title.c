/* SPDX-License-Identifier: MIT */
#include "test.h"

#include <string.h>

/* 72 characters, 80 bytes: æ, ø and å are two bytes each. */
#define BASE "Blåbærsyltetøyet på hytta smakte søtt for både små og store gjester i år"
#define ELLIPSIS "\xe2\x80\xa6"

static size_t chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

static int setup(void **state)
{
    *state = folio_doc_new();
    return 0;
}

static int teardown(void **state)
{
    folio_doc_free(*state);
    return 0;
}

static folio_node *add_para(folio_node *art, folio_role role, const char *text)
{
    folio_node *p = folio_node_append_new(art, FOLIO_NODE_PARAGRAPH);
    folio_node_set_role(p, role);
    folio_node_append_text(p, text, strlen(text));
    return p;
}

/* The title of an article whose only block is a lead paragraph of @lead. */
static folio_str title_of_lead(folio_doc *doc, const char *lead)
{
    folio_node *art = folio_doc_add_article(doc);
    add_para(art, FOLIO_ROLE_LEAD, lead);
    return folio_article_title(art);
}

static void test_fixture_lengths_are_what_the_tests_assume(void **state)
{
    (void)state;
    assert_int_equal(chars(BASE), 72);
    assert_int_equal(strlen(BASE), 80);
    assert_int_equal(chars(BASE " også nå"), 80);
    assert_int_equal(chars(BASE " sa Åse."), 80);
    assert_int_equal(chars(BASE " også i"), 79);
    assert_int_equal(chars(ELLIPSIS), 1);
}

static void test_title_meta_wins_over_the_lead(void **state)
{
    folio_doc *doc = *state;
    folio_node *art = folio_doc_add_article(doc);
    add_para(art, FOLIO_ROLE_LEAD, "Kim kom. Putin sa.");
    folio_node_set_meta(art, FOLIO_META_TITLE, folio_str_c("Kim og Putin møttes"));
    assert_str_equal(folio_article_title(art), "Kim og Putin møttes");
}

static void test_title_is_the_first_sentence_of_the_lead_paragraph(void **state)
{
    folio_doc *doc = *state;
    folio_node *art = folio_doc_add_article(doc);
    folio_node_append_text(folio_node_append_new(art, FOLIO_NODE_HEADLINE), "Isolert", 7);
    add_para(art, FOLIO_ROLE_QUOTE, "– Vi vil alltid støtte ham. Sa han.");
    add_para(art, FOLIO_ROLE_BODY, "Brødtekst først. Mer.");
    add_para(art, FOLIO_ROLE_LEAD, "Kim kom. Putin sa.");
    add_para(art, FOLIO_ROLE_LEAD, "Andre ingress. Nei.");
    assert_str_equal(folio_article_title(art), "Kim kom.");
}

static void test_title_falls_back_to_the_first_paragraph(void **state)
{
    folio_doc *doc = *state;
    folio_node *art = folio_doc_add_article(doc);
    folio_node *cap = folio_node_append_new(art, FOLIO_NODE_CAPTION);
    folio_node_append_text(cap, "Bildetekst. Her.", 16);
    add_para(art, FOLIO_ROLE_BODY, "Hva nå? Ingen vet.");
    add_para(art, FOLIO_ROLE_BODY, "Senere avsnitt.");
    assert_str_equal(folio_article_title(art), "Hva nå?");
}

static void test_sentence_ends_at_a_full_stop_question_or_exclamation_mark(void **state)
{
    folio_doc *doc = *state;
    assert_str_equal(title_of_lead(doc, "Kim kom. Putin sa."), "Kim kom.");
    assert_str_equal(title_of_lead(doc, "Hvorfor nå? Ingen vet."), "Hvorfor nå?");
    assert_str_equal(title_of_lead(doc, "Stopp! Sa han."), "Stopp!");
}

static void test_sentence_end_needs_a_space_after_the_mark(void **state)
{
    folio_doc *doc = *state;
    assert_str_equal(title_of_lead(doc, "Klokka var 10.30 og alt var stille."),
                     "Klokka var 10.30 og alt var stille.");
    assert_str_equal(title_of_lead(doc, "Nettstedet nrk.no?ja var nede"),
                     "Nettstedet nrk.no?ja var nede");
}

static void test_short_first_sentence_stays_whole_without_ellipsis(void **state)
{
    folio_doc *doc = *state;
    assert_str_equal(title_of_lead(doc, "Kim Jong-un har møtt Putin i Russland."),
                     "Kim Jong-un har møtt Putin i Russland.");
    assert_str_equal(title_of_lead(doc, "Kim kom uten punktum"), "Kim kom uten punktum");
}

static void test_title_uses_the_plain_text_of_a_formatted_lead(void **state)
{
    folio_doc *doc = *state;
    folio_node *art = folio_doc_add_article(doc);
    folio_node *p = folio_node_append_new(art, FOLIO_NODE_PARAGRAPH);
    folio_node_append_text(p, "Kim ", 4);
    folio_node_append_text(folio_node_append_new(p, FOLIO_NODE_EMPHASIS), "kom", 3);
    folio_node_append_text(p, ". Putin sa.", 11);
    assert_str_equal(folio_article_title(art), "Kim kom.");
}

static void test_title_of_exactly_80_characters_is_not_cut(void **state)
{
    folio_doc *doc = *state;
    assert_str_equal(title_of_lead(doc, BASE " også nå"), BASE " også nå");
    assert_str_equal(title_of_lead(doc, BASE " sa Åse. Hun lo."), BASE " sa Åse.");
}

static void test_title_over_80_characters_is_cut_at_the_last_word_boundary(void **state)
{
    folio_doc *doc = *state;
    assert_str_equal(title_of_lead(doc, BASE " også når"), BASE " også" ELLIPSIS);
    assert_str_equal(title_of_lead(doc, BASE " også når de kom."), BASE " også" ELLIPSIS);
}

/* A cut title is at most 80 characters with its ellipsis, so it fits where 80 do. */
static void test_cut_title_is_at_most_80_characters_with_its_ellipsis(void **state)
{
    folio_doc *doc = *state;
    assert_str_equal(title_of_lead(doc, BASE " også i fjor."), BASE " også i" ELLIPSIS);
    assert_str_equal(title_of_lead(doc, BASE " også nå og i fjor."), BASE " også" ELLIPSIS);
}

static void test_cut_title_drops_a_comma_before_the_ellipsis(void **state)
{
    folio_doc *doc = *state;
    assert_str_equal(title_of_lead(doc, BASE " også, og mer til."), BASE " også" ELLIPSIS);
}

static void test_final_punctuation_counts_toward_the_limit(void **state)
{
    folio_doc *doc = *state;
    assert_str_equal(title_of_lead(doc, BASE " sa Åsne. Hun lo."), BASE " sa" ELLIPSIS);
}

static void test_title_cuts_a_single_overlong_word_at_79_characters(void **state)
{
    folio_doc *doc = *state;
    char word[2 * 100 + 1] = "";
    char want[2 * 79 + sizeof ELLIPSIS] = "";
    for (int i = 0; i < 100; i++)
        strcat(word, "ø");
    for (int i = 0; i < 79; i++)
        strcat(want, "ø");
    strcat(want, ELLIPSIS);
    assert_str_equal(title_of_lead(doc, word), want);
}

static void test_title_is_absent_without_lead_or_paragraph(void **state)
{
    folio_doc *doc = *state;
    folio_node *empty = folio_doc_add_article(doc);
    assert_false(folio_str_present(folio_article_title(empty)));
    folio_node *art = folio_doc_add_article(doc);
    folio_node_append_text(folio_node_append_new(art, FOLIO_NODE_HEADLINE), "Isolert", 7);
    folio_node_append_text(folio_node_append_new(art, FOLIO_NODE_BYLINE), "Av Kari", 7);
    assert_false(folio_str_present(folio_article_title(art)));
}

static void test_title_stays_valid_until_the_doc_is_freed(void **state)
{
    folio_doc *doc = *state;
    folio_node *art = folio_doc_add_article(doc);
    add_para(art, FOLIO_ROLE_LEAD, BASE " også når de kom.");
    folio_str first = folio_article_title(art);
    for (int i = 0; i < 50; i++)
        add_para(folio_doc_add_article(doc), FOLIO_ROLE_LEAD, "Fyll. Mer.");
    assert_str_equal(first, BASE " også" ELLIPSIS);
    assert_str_equal(folio_article_title(art), BASE " også" ELLIPSIS);
}

static void test_title_follows_later_changes_to_the_article(void **state)
{
    folio_doc *doc = *state;
    folio_node *art = folio_doc_add_article(doc);
    assert_false(folio_str_present(folio_article_title(art)));
    folio_node *body = add_para(art, FOLIO_ROLE_BODY, "Kim kom");
    assert_str_equal(folio_article_title(art), "Kim kom");
    folio_node_append_text(body, " i dag. Putin sa.", 17);
    assert_str_equal(folio_article_title(art), "Kim kom i dag.");
    folio_node *lead = add_para(art, FOLIO_ROLE_LEAD, "Ingressen. Mer.");
    assert_str_equal(folio_article_title(art), "Ingressen.");
    folio_node_unlink(lead);
    assert_str_equal(folio_article_title(art), "Kim kom i dag.");
    folio_node *later = add_para(art, FOLIO_ROLE_BODY, "Senere. Mer.");
    assert_str_equal(folio_article_title(art), "Kim kom i dag.");
    folio_node_set_role(later, FOLIO_ROLE_LEAD);
    assert_str_equal(folio_article_title(art), "Senere.");
}

static void test_article_text_stays_empty_once_its_title_is_known(void **state)
{
    folio_doc *doc = *state;
    folio_node *art = folio_doc_add_article(doc);
    add_para(art, FOLIO_ROLE_LEAD, "Kim kom. Putin sa.");
    assert_str_equal(folio_article_title(art), "Kim kom.");
    assert_str_equal(folio_node_text(art), "");
    assert_str_equal(folio_node_text(folio_doc_root(doc)), "");
    assert_str_equal(folio_article_title(art), "Kim kom.");
}

static void test_doc_title_prefers_the_document_title_meta(void **state)
{
    folio_doc *doc = *state;
    folio_node *art = folio_doc_add_article(doc);
    folio_node_set_meta(art, FOLIO_META_TITLE, folio_str_c("Artikkelen"));
    folio_node_set_meta(folio_doc_root(doc), FOLIO_META_TITLE, folio_str_c("Dagens digest"));
    assert_str_equal(folio_doc_title(doc), "Dagens digest");
}

static void test_doc_title_falls_back_to_the_first_article_title(void **state)
{
    folio_doc *doc = *state;
    folio_node *a1 = folio_doc_add_article(doc);
    folio_node *a2 = folio_doc_add_article(doc);
    add_para(a1, FOLIO_ROLE_LEAD, "Første sak. Mer.");
    folio_node_set_meta(a2, FOLIO_META_TITLE, folio_str_c("Andre sak"));
    assert_str_equal(folio_doc_title(doc), "Første sak.");
    folio_node_set_meta(a1, FOLIO_META_TITLE, folio_str_c("Første tittel"));
    assert_str_equal(folio_doc_title(doc), "Første tittel");
}

static void test_doc_title_of_an_empty_document_is_absent(void **state)
{
    folio_doc *doc = *state;
    assert_false(folio_str_present(folio_doc_title(doc)));
    folio_doc_add_article(doc);
    assert_false(folio_str_present(folio_doc_title(doc)));
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_fixture_lengths_are_what_the_tests_assume),
        T(test_title_meta_wins_over_the_lead),
        T(test_title_is_the_first_sentence_of_the_lead_paragraph),
        T(test_title_falls_back_to_the_first_paragraph),
        T(test_sentence_ends_at_a_full_stop_question_or_exclamation_mark),
        T(test_sentence_end_needs_a_space_after_the_mark),
        T(test_short_first_sentence_stays_whole_without_ellipsis),
        T(test_title_uses_the_plain_text_of_a_formatted_lead),
        T(test_title_of_exactly_80_characters_is_not_cut),
        T(test_title_over_80_characters_is_cut_at_the_last_word_boundary),
        T(test_cut_title_is_at_most_80_characters_with_its_ellipsis),
        T(test_cut_title_drops_a_comma_before_the_ellipsis),
        T(test_final_punctuation_counts_toward_the_limit),
        T(test_title_cuts_a_single_overlong_word_at_79_characters),
        T(test_title_is_absent_without_lead_or_paragraph),
        T(test_title_stays_valid_until_the_doc_is_freed),
        T(test_title_follows_later_changes_to_the_article),
        T(test_article_text_stays_empty_once_its_title_is_known),
        T(test_doc_title_prefers_the_document_title_meta),
        T(test_doc_title_falls_back_to_the_first_article_title),
        T(test_doc_title_of_an_empty_document_is_absent),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
