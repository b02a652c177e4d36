/* SPDX-License-Identifier: MIT */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KIND_COUNT FOLIO_NODE_KIND_COUNT

/* folio_node_append_text() and the TEXT node it wrote into. */
static folio_node *append_text(folio_node *parent, const char *text, size_t len)
{
    folio_node_append_text(parent, text, len);
    return folio_node_last_child(parent);
}

static folio_node *add_para(folio_node *parent, const char *text)
{
    folio_node *p = folio_node_append_new(parent, FOLIO_NODE_PARAGRAPH);
    folio_node_append_text(p, text, strlen(text));
    return p;
}

static void test_new_document_is_an_empty_document_root(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    folio_node *root = folio_doc_root(doc);
    assert_non_null(root);
    assert_int_equal(folio_node_kind_of(root), FOLIO_NODE_DOCUMENT);
    assert_ptr_equal(folio_node_doc(root), doc);
    assert_null(folio_node_parent(root));
    assert_null(folio_node_first_child(root));
    assert_null(folio_node_last_child(root));
    assert_int_equal(folio_doc_article_count(doc), 0);
    folio_doc_free(doc);
    folio_doc_free(NULL);
}

/*
 * Row: parent kind; column: child kind, in enum order (D)OCUMENT (A)RTICLE
 * (H)EADLINE (P)ARAGRAPH (C)APTION C(R)EDIT (B)YLINE (L)IST (T)EXT (E)MPHASIS
 * (S)TRONG LI(N)K BREA(K) T(A)BLE R(O)W CE(L)L (F)ACTBOX; 'x' where doc.h
 * allows the child.
 */
/* clang-format off */
static const char *const nesting[KIND_COUNT] = {
    /*                       DAHPCRBLTESNKAOLF */
    [FOLIO_NODE_DOCUMENT]  = ".x...............",
    [FOLIO_NODE_ARTICLE]   = "..xxxxxx.....x..x",
    [FOLIO_NODE_HEADLINE]  = "........xxxxx....",
    [FOLIO_NODE_PARAGRAPH] = "........xxxxx....",
    [FOLIO_NODE_CAPTION]   = "........xxxxx....",
    [FOLIO_NODE_CREDIT]    = "........xxxxx....",
    [FOLIO_NODE_BYLINE]    = "........xxxxx....",
    [FOLIO_NODE_LIST]      = "...x.............",
    [FOLIO_NODE_TEXT]      = ".................",
    [FOLIO_NODE_EMPHASIS]  = "........xxxxx....",
    [FOLIO_NODE_STRONG]    = "........xxxxx....",
    [FOLIO_NODE_LINK]      = "........xxxxx....",
    [FOLIO_NODE_BREAK]     = ".................",
    [FOLIO_NODE_TABLE]     = "..............x..",
    [FOLIO_NODE_ROW]       = "...............x.",
    [FOLIO_NODE_CELL]      = "........xxxxx....",
    [FOLIO_NODE_FACTBOX]   = "...x...x.........",
};
/* clang-format on */

static void test_can_contain_follows_the_nesting_rules_for_every_pair(void **state)
{
    (void)state;
    for (int p = 0; p < KIND_COUNT; p++) {
        for (int c = 0; c < KIND_COUNT; c++) {
            bool want = nesting[p][c] == 'x';
            if (folio_node_can_contain(p, c) != want)
                fail_msg("%s in %s: expected %s", folio_node_kind_name(c), folio_node_kind_name(p),
                         want ? "allowed" : "refused");
        }
    }
}

static void test_kind_is_block_and_is_inline_split_the_kinds(void **state)
{
    (void)state;
    /* DOCUMENT ARTICLE, blocks, inlines, then the blocks ABI 2 added, in enum order. */
    const char *is_block = "..xxxxxx.....xxxx";
    const char *is_inline = "........xxxxx....";
    for (int k = 0; k < KIND_COUNT; k++) {
        assert_int_equal(folio_node_kind_is_block(k), is_block[k] == 'x');
        assert_int_equal(folio_node_kind_is_inline(k), is_inline[k] == 'x');
    }
}

static void test_kind_and_role_names_are_the_json_names(void **state)
{
    (void)state;
    const char *names[KIND_COUNT] = {"document", "article", "headline", "paragraph", "caption",
                                     "credit",   "byline",  "list",     "text",      "emphasis",
                                     "strong",   "link",    "break",    "table",     "row",
                                     "cell",     "factbox"};
    for (int k = 0; k < KIND_COUNT; k++)
        assert_string_equal(folio_node_kind_name(k), names[k]);
    assert_null(folio_node_kind_name(KIND_COUNT));
    assert_false(folio_node_kind_is_block(KIND_COUNT));
    assert_false(folio_node_can_contain(FOLIO_NODE_ARTICLE, KIND_COUNT));
    assert_string_equal(folio_role_name(FOLIO_ROLE_BODY), "body");
    assert_string_equal(folio_role_name(FOLIO_ROLE_LEAD), "lead");
    assert_string_equal(folio_role_name(FOLIO_ROLE_QUOTE), "quote");
}

static void test_node_new_creates_a_detached_node_of_the_doc(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    folio_node *n = folio_node_new(doc, FOLIO_NODE_EMPHASIS);
    assert_int_equal(folio_node_kind_of(n), FOLIO_NODE_EMPHASIS);
    assert_ptr_equal(folio_node_doc(n), doc);
    assert_null(folio_node_parent(n));
    assert_null(folio_node_next(n));
    assert_null(folio_node_prev(n));
    assert_null(folio_node_first_child(n));
    folio_doc_free(doc);
}

static void test_append_links_parent_and_siblings(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    folio_node *art = folio_doc_add_article(doc);
    folio_node *a = folio_node_new(doc, FOLIO_NODE_HEADLINE);
    folio_node *b = folio_node_new(doc, FOLIO_NODE_PARAGRAPH);
    folio_node *c = folio_node_new(doc, FOLIO_NODE_LIST);
    folio_node_append(art, a);
    folio_node_append(art, b);
    folio_node_append(art, c);
    assert_ptr_equal(folio_node_first_child(art), a);
    assert_ptr_equal(folio_node_last_child(art), c);
    assert_ptr_equal(folio_node_parent(a), art);
    assert_ptr_equal(folio_node_parent(b), art);
    assert_ptr_equal(folio_node_parent(c), art);
    assert_null(folio_node_prev(a));
    assert_ptr_equal(folio_node_next(a), b);
    assert_ptr_equal(folio_node_prev(b), a);
    assert_ptr_equal(folio_node_next(b), c);
    assert_ptr_equal(folio_node_prev(c), b);
    assert_null(folio_node_next(c));
    folio_doc_free(doc);
}

static void test_append_new_creates_and_attaches_a_child(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    folio_node *art = folio_doc_add_article(doc);
    folio_node *list = folio_node_append_new(art, FOLIO_NODE_LIST);
    folio_node *item = folio_node_append_new(list, FOLIO_NODE_PARAGRAPH);
    assert_int_equal(folio_node_kind_of(list), FOLIO_NODE_LIST);
    assert_ptr_equal(folio_node_parent(item), list);
    assert_ptr_equal(folio_node_first_child(list), item);
    assert_ptr_equal(folio_node_last_child(art), list);
    assert_ptr_equal(folio_node_doc(item), doc);
    folio_doc_free(doc);
}

static void test_append_text_copies_only_the_bytes_given(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    folio_node *p = folio_node_append_new(folio_doc_add_article(doc), FOLIO_NODE_PARAGRAPH);
    char src[] = "blåbær og mer";
    folio_node *t = append_text(p, src, strlen("blåbær"));
    memset(src, 'X', sizeof src - 1);
    assert_int_equal(folio_node_kind_of(t), FOLIO_NODE_TEXT);
    assert_ptr_equal(folio_node_parent(t), p);
    assert_str_equal(folio_node_text(t), "blåbær");
    assert_str_equal(folio_node_text(p), "blåbær");
    folio_doc_free(doc);
}

static void test_append_text_merges_into_last_text_node(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    folio_node *p = folio_node_append_new(folio_doc_add_article(doc), FOLIO_NODE_PARAGRAPH);
    folio_node *t1 = append_text(p, "Kim ", 4);
    folio_node *t2 = append_text(p, "kom", 3);
    assert_ptr_equal(t1, t2);
    assert_ptr_equal(folio_node_first_child(p), folio_node_last_child(p));
    assert_str_equal(folio_node_text(t1), "Kim kom");
    folio_doc_free(doc);
}

static void test_append_text_starts_a_new_node_after_another_inline(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    folio_node *p = folio_node_append_new(folio_doc_add_article(doc), FOLIO_NODE_PARAGRAPH);
    folio_node *t1 = append_text(p, "a", 1);
    folio_node *em = folio_node_append_new(p, FOLIO_NODE_EMPHASIS);
    folio_node *inner = append_text(em, "b", 1);
    folio_node *t2 = append_text(p, "c", 1);
    assert_ptr_not_equal(t1, t2);
    assert_ptr_not_equal(inner, t2);
    assert_ptr_equal(folio_node_next(em), t2);
    assert_str_equal(folio_node_text(t1), "a");
    assert_str_equal(folio_node_text(inner), "b");
    assert_str_equal(folio_node_text(t2), "c");
    assert_str_equal(folio_node_text(p), "abc");
    folio_doc_free(doc);
}

static void test_unlink_middle_child_relinks_its_siblings(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    folio_node *art = folio_doc_add_article(doc);
    folio_node *a = add_para(art, "a");
    folio_node *b = add_para(art, "b");
    folio_node *c = add_para(art, "c");
    folio_node_unlink(b);
    assert_null(folio_node_parent(b));
    assert_null(folio_node_next(b));
    assert_null(folio_node_prev(b));
    assert_ptr_equal(folio_node_next(a), c);
    assert_ptr_equal(folio_node_prev(c), a);
    assert_ptr_equal(folio_node_first_child(art), a);
    assert_ptr_equal(folio_node_last_child(art), c);
    assert_str_equal(folio_node_text(b), "b");
    folio_doc_free(doc);
}

static void test_unlink_first_and_last_children_update_the_parent(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    folio_node *art = folio_doc_add_article(doc);
    folio_node *a = add_para(art, "a");
    folio_node *b = add_para(art, "b");
    folio_node *c = add_para(art, "c");
    folio_node_unlink(a);
    assert_ptr_equal(folio_node_first_child(art), b);
    assert_null(folio_node_prev(b));
    folio_node_unlink(c);
    assert_ptr_equal(folio_node_last_child(art), b);
    assert_null(folio_node_next(b));
    folio_node_unlink(b);
    assert_null(folio_node_first_child(art));
    assert_null(folio_node_last_child(art));
    folio_doc_free(doc);
}

static void test_unlinked_subtree_can_be_appended_elsewhere(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    folio_node *art1 = folio_doc_add_article(doc);
    folio_node *art2 = folio_doc_add_article(doc);
    folio_node *p = folio_node_append_new(art1, FOLIO_NODE_PARAGRAPH);
    folio_node *em = folio_node_append_new(p, FOLIO_NODE_EMPHASIS);
    folio_node_append_text(em, "moved", 5);
    folio_node_unlink(p);
    folio_node_append(art2, p);
    assert_ptr_equal(folio_node_parent(p), art2);
    assert_ptr_equal(folio_node_first_child(p), em);
    assert_null(folio_node_first_child(art1));
    assert_str_equal(folio_node_text(p), "moved");
    folio_doc_free(doc);
}

static void test_unlinking_an_article_lowers_the_article_count(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    folio_node *a = folio_doc_add_article(doc);
    folio_doc_add_article(doc);
    folio_node_unlink(a);
    assert_int_equal(folio_doc_article_count(doc), 1);
    folio_node_append(folio_doc_root(doc), a);
    assert_int_equal(folio_doc_article_count(doc), 2);
    folio_doc_free(doc);
}

static void test_text_of_text_and_break_nodes(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    folio_node *p = folio_node_append_new(folio_doc_add_article(doc), FOLIO_NODE_PARAGRAPH);
    folio_node *t = append_text(p, "hei", 3);
    folio_node *br = folio_node_append_new(p, FOLIO_NODE_BREAK);
    assert_str_equal(folio_node_text(t), "hei");
    assert_str_equal(folio_node_text(br), "\n");
    folio_node *empty = append_text(folio_node_append_new(p, FOLIO_NODE_STRONG), "", 0);
    assert_str_equal(folio_node_text(empty), "");
    folio_doc_free(doc);
}

/* "Han sa: " *"det er " **"bra"*** [lenke](KCNA) BREAK "slutt" */
static folio_node *build_rich_paragraph(folio_node *art, folio_node **em_out)
{
    folio_node *p = folio_node_append_new(art, FOLIO_NODE_PARAGRAPH);
    folio_node_append_text(p, "Han sa: ", 8);
    folio_node *em = folio_node_append_new(p, FOLIO_NODE_EMPHASIS);
    folio_node_append_text(em, "det er ", 7);
    folio_node_append_text(folio_node_append_new(em, FOLIO_NODE_STRONG), "bra", 3);
    folio_node *link = folio_node_append_new(p, FOLIO_NODE_LINK);
    folio_node_set_href(link, folio_str_c("https://example.org/kcna"));
    folio_node_append_text(link, " KCNA", 5);
    folio_node_append_new(p, FOLIO_NODE_BREAK);
    folio_node_append_text(p, "slutt", 5);
    if (em_out)
        *em_out = em;
    return p;
}

static void test_text_of_a_block_concatenates_nested_inlines(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    folio_node *em;
    folio_node *p = build_rich_paragraph(folio_doc_add_article(doc), &em);
    assert_str_equal(folio_node_text(p), "Han sa: det er bra KCNA\nslutt");
    assert_str_equal(folio_node_text(em), "det er bra");
    assert_str_equal(folio_node_text(folio_node_next(em)), " KCNA");
    folio_doc_free(doc);
}

static void test_text_of_a_list_joins_its_items_with_newlines(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    folio_node *art = folio_doc_add_article(doc);
    folio_node *list = folio_node_append_new(art, FOLIO_NODE_LIST);
    assert_str_equal(folio_node_text(list), "");
    add_para(list, "én");
    assert_str_equal(folio_node_text(list), "én");
    add_para(list, "to");
    add_para(list, "tre");
    assert_str_equal(folio_node_text(list), "én\nto\ntre");
    folio_doc_free(doc);
}

static void test_text_of_article_and_document_is_empty_not_absent(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    assert_str_equal(folio_node_text(folio_doc_root(doc)), "");
    folio_node *art = folio_doc_add_article(doc);
    add_para(art, "tekst");
    assert_str_equal(folio_node_text(art), "");
    assert_str_equal(folio_node_text(folio_doc_root(doc)), "");
    folio_node *empty = folio_node_append_new(art, FOLIO_NODE_PARAGRAPH);
    assert_true(folio_str_present(folio_node_text(empty)));
    assert_str_equal(folio_node_text(empty), "");
    folio_doc_free(doc);
}

static void test_text_follows_later_changes_to_the_subtree(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    folio_node *art = folio_doc_add_article(doc);
    folio_node *list = folio_node_append_new(art, FOLIO_NODE_LIST);
    folio_node *item = add_para(list, "a");
    folio_node *em = folio_node_append_new(item, FOLIO_NODE_EMPHASIS);
    folio_node *t = append_text(em, "b", 1);
    assert_str_equal(folio_node_text(list), "ab");
    assert_str_equal(folio_node_text(item), "ab");
    folio_node_append_text(em, "c", 1); /* merges into t, two levels below item */
    assert_str_equal(folio_node_text(t), "bc");
    assert_str_equal(folio_node_text(em), "bc");
    assert_str_equal(folio_node_text(item), "abc");
    assert_str_equal(folio_node_text(list), "abc");
    folio_node_append(em, folio_node_new(doc, FOLIO_NODE_BREAK));
    assert_str_equal(folio_node_text(item), "abc\n");
    folio_node_unlink(em);
    assert_str_equal(folio_node_text(item), "a");
    assert_str_equal(folio_node_text(list), "a");
    add_para(list, "z");
    assert_str_equal(folio_node_text(list), "a\nz");
    folio_doc_free(doc);
}

static void test_text_views_handed_out_stay_valid_after_changes(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    folio_node *p = add_para(folio_doc_add_article(doc), "før");
    folio_node_append_new(p, FOLIO_NODE_BREAK);
    folio_str before = folio_node_text(p);
    for (int i = 0; i < 100; i++) {
        folio_node_append_text(p, "etter ", 6);
        (void)folio_node_text(p);
    }
    assert_str_equal(before, "før\n");
    assert_int_equal(folio_node_text(p).len, strlen("før\n") + 600);
    folio_doc_free(doc);
}

static void test_has_formatting_is_false_only_for_plain_text(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    folio_node *art = folio_doc_add_article(doc);
    folio_node *empty = folio_node_append_new(art, FOLIO_NODE_PARAGRAPH);
    assert_false(folio_node_has_formatting(empty));
    folio_node *plain = add_para(art, "a");
    folio_node_append_text(plain, "b", 1);
    assert_false(folio_node_has_formatting(plain));
    folio_node *broken = add_para(art, "a");
    folio_node_append_new(broken, FOLIO_NODE_BREAK);
    assert_true(folio_node_has_formatting(broken));
    folio_node *em = folio_node_append_new(art, FOLIO_NODE_HEADLINE);
    folio_node_append_text(folio_node_append_new(em, FOLIO_NODE_EMPHASIS), "x", 1);
    assert_true(folio_node_has_formatting(em));
    folio_node *link = folio_node_append_new(art, FOLIO_NODE_BYLINE);
    folio_node_append_text(folio_node_append_new(link, FOLIO_NODE_LINK), "x", 1);
    assert_true(folio_node_has_formatting(link));
    folio_doc_free(doc);
}

static void test_block_properties_have_their_defaults(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    folio_node *art = folio_doc_add_article(doc);
    folio_node *h = folio_node_append_new(art, FOLIO_NODE_HEADLINE);
    folio_node *p = folio_node_append_new(art, FOLIO_NODE_PARAGRAPH);
    folio_node *list = folio_node_append_new(art, FOLIO_NODE_LIST);
    folio_node *cap = folio_node_append_new(art, FOLIO_NODE_CAPTION);
    folio_node *link = folio_node_append_new(p, FOLIO_NODE_LINK);
    assert_int_equal(folio_node_level(h), 2);
    assert_int_equal(folio_node_role(p), FOLIO_ROLE_BODY);
    assert_false(folio_node_ordered(list));
    assert_false(folio_str_present(folio_node_href(link)));
    assert_false(folio_str_present(folio_node_kicker(cap)));
    assert_false(folio_node_has_credit(cap));
    assert_false(folio_node_has_image(cap));
    folio_doc_free(doc);
}

static void test_block_properties_keep_what_is_set(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    folio_node *art = folio_doc_add_article(doc);
    folio_node *h = folio_node_append_new(art, FOLIO_NODE_HEADLINE);
    folio_node *p = folio_node_append_new(art, FOLIO_NODE_PARAGRAPH);
    folio_node *list = folio_node_append_new(art, FOLIO_NODE_LIST);
    for (int level = 1; level <= 3; level++) {
        folio_node_set_level(h, level);
        assert_int_equal(folio_node_level(h), level);
    }
    folio_node_set_role(p, FOLIO_ROLE_LEAD);
    assert_int_equal(folio_node_role(p), FOLIO_ROLE_LEAD);
    folio_node_set_role(p, FOLIO_ROLE_QUOTE);
    assert_int_equal(folio_node_role(p), FOLIO_ROLE_QUOTE);
    folio_node_set_ordered(list, true);
    assert_true(folio_node_ordered(list));
    folio_node_set_ordered(list, false);
    assert_false(folio_node_ordered(list));
    folio_doc_free(doc);
}

static void test_href_and_kicker_are_copied_and_may_be_empty(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    folio_node *art = folio_doc_add_article(doc);
    folio_node *cap = folio_node_append_new(art, FOLIO_NODE_CAPTION);
    folio_node *link = folio_node_append_new(cap, FOLIO_NODE_LINK);
    char href[] = "https://example.org/æ";
    char kicker[] = "GUIDET";
    folio_node_set_href(link, folio_str_c(href));
    folio_node_set_kicker(cap, folio_str_c(kicker));
    href[0] = kicker[0] = 'X';
    assert_str_equal(folio_node_href(link), "https://example.org/æ");
    assert_str_equal(folio_node_kicker(cap), "GUIDET");
    folio_node_set_href(link, folio_str_n("", 0));
    folio_node_set_kicker(cap, folio_str_n("", 0));
    assert_true(folio_str_present(folio_node_href(link)));
    assert_true(folio_str_present(folio_node_kicker(cap)));
    assert_int_equal(folio_node_href(link).len, 0);
    assert_int_equal(folio_node_kicker(cap).len, 0);
    folio_node_set_kicker(cap, folio_str_c(NULL));
    assert_false(folio_str_present(folio_node_kicker(cap)));
    folio_doc_free(doc);
}

static void test_caption_credit_keeps_label_text_and_parts(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    folio_node *cap = folio_node_append_new(folio_doc_add_article(doc), FOLIO_NODE_CAPTION);
    folio_node_append_text(cap, "Kim fikk omvisning", 18);
    char text[] = "Vladimir Smirnov / AFP / NTB";
    folio_str parts[] = {folio_str_n(text, 16), folio_str_n(text + 19, 3),
                         folio_str_n(text + 25, 3)};
    folio_node_set_credit(cap, folio_str_c("Foto"), folio_str_c(text), parts, 3);
    memset(text, 'X', sizeof text - 1);
    parts[0] = folio_str_c("changed");
    assert_true(folio_node_has_credit(cap));
    assert_str_equal(folio_node_credit_label(cap), "Foto");
    assert_str_equal(folio_node_credit_text(cap), "Vladimir Smirnov / AFP / NTB");
    assert_int_equal(folio_node_credit_count(cap), 3);
    assert_str_equal(folio_node_credit_part(cap, 0), "Vladimir Smirnov");
    assert_str_equal(folio_node_credit_part(cap, 1), "AFP");
    assert_str_equal(folio_node_credit_part(cap, 2), "NTB");
    assert_str_equal(folio_node_text(cap), "Kim fikk omvisning");
    folio_doc_free(doc);
}

static void test_credit_on_a_credit_block_becomes_its_text(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    folio_node *credit = folio_node_append_new(folio_doc_add_article(doc), FOLIO_NODE_CREDIT);
    folio_str part = folio_str_c("NTB");
    folio_node_set_credit(credit, folio_str_c(NULL), folio_str_c("(NTB)"), &part, 1);
    assert_true(folio_node_has_credit(credit));
    assert_false(folio_str_present(folio_node_credit_label(credit)));
    assert_str_equal(folio_node_credit_text(credit), "(NTB)");
    assert_int_equal(folio_node_credit_count(credit), 1);
    assert_str_equal(folio_node_credit_part(credit, 0), "NTB");
    folio_node *t = folio_node_first_child(credit);
    assert_non_null(t);
    assert_int_equal(folio_node_kind_of(t), FOLIO_NODE_TEXT);
    assert_null(folio_node_next(t));
    assert_str_equal(folio_node_text(t), "(NTB)");
    assert_str_equal(folio_node_text(credit), "(NTB)");
    folio_doc_free(doc);
}

static void test_caption_image_keeps_src_alt_and_size(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    folio_node *art = folio_doc_add_article(doc);
    folio_node *cap = folio_node_append_new(art, FOLIO_NODE_CAPTION);
    char src[] = "images/kim.jpg";
    folio_node_set_image(cap, folio_str_c(src), folio_str_c("Kim på kosmodromen"), 640, 480);
    src[0] = 'X';
    assert_true(folio_node_has_image(cap));
    assert_str_equal(folio_node_image_src(cap), "images/kim.jpg");
    assert_str_equal(folio_node_image_alt(cap), "Kim på kosmodromen");
    assert_int_equal(folio_node_image_width(cap), 640);
    assert_int_equal(folio_node_image_height(cap), 480);
    folio_node *bare = folio_node_append_new(art, FOLIO_NODE_CAPTION);
    folio_node_set_image(bare, folio_str_c("a.png"), folio_str_c(NULL), 0, 0);
    assert_true(folio_node_has_image(bare));
    assert_false(folio_str_present(folio_node_image_alt(bare)));
    assert_int_equal(folio_node_image_width(bare), 0);
    assert_int_equal(folio_node_image_height(bare), 0);
    folio_node_set_image(bare, folio_str_c("b.png"), folio_str_c(""), 1, 2);
    assert_str_equal(folio_node_image_src(bare), "b.png");
    assert_true(folio_str_present(folio_node_image_alt(bare)));
    folio_doc_free(doc);
}

static void test_meta_is_absent_until_set(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    folio_node *art = folio_doc_add_article(doc);
    for (int k = 0; k < FOLIO_META_COUNT; k++) {
        assert_false(folio_str_present(folio_node_meta(art, k)));
        assert_false(folio_str_present(folio_node_meta(folio_doc_root(doc), k)));
    }
    assert_int_equal(folio_node_author_count(art), 0);
    folio_doc_free(doc);
}

static void test_meta_set_copies_replaces_and_removes(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    folio_node *art = folio_doc_add_article(doc);
    char value[] = "Kim og Putin møttes";
    folio_node_set_meta(art, FOLIO_META_TITLE, folio_str_c(value));
    value[0] = 'X';
    assert_str_equal(folio_node_meta(art, FOLIO_META_TITLE), "Kim og Putin møttes");
    assert_false(folio_str_present(folio_node_meta(art, FOLIO_META_SUBTITLE)));
    folio_node_set_meta(art, FOLIO_META_TITLE, folio_str_c("Ny tittel"));
    assert_str_equal(folio_node_meta(art, FOLIO_META_TITLE), "Ny tittel");
    folio_node_set_meta(art, FOLIO_META_TITLE, folio_str_c(""));
    assert_true(folio_str_present(folio_node_meta(art, FOLIO_META_TITLE)));
    assert_str_equal(folio_node_meta(art, FOLIO_META_TITLE), "");
    folio_node_set_meta(art, FOLIO_META_TITLE, folio_str_c(NULL));
    assert_false(folio_str_present(folio_node_meta(art, FOLIO_META_TITLE)));
    folio_doc_free(doc);
}

static void test_meta_of_every_key_is_kept_apart(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    folio_node *nodes[] = {folio_doc_root(doc), folio_doc_add_article(doc)};
    for (int n = 0; n < 2; n++) {
        for (int k = 0; k < FOLIO_META_COUNT; k++)
            folio_node_set_meta(nodes[n], k, folio_str_c(folio_meta_key_name(k)));
    }
    folio_node_set_meta(nodes[0], FOLIO_META_LANG, folio_str_c("nb"));
    for (int k = 0; k < FOLIO_META_COUNT; k++) {
        const char *want = k == FOLIO_META_LANG ? "nb" : folio_meta_key_name(k);
        assert_str_equal(folio_node_meta(nodes[0], k), want);
        assert_str_equal(folio_node_meta(nodes[1], k), folio_meta_key_name(k));
    }
    folio_doc_free(doc);
}

static void test_authors_keep_their_order_and_clear(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    folio_node *art = folio_doc_add_article(doc);
    char name[] = "Kari Nordmann";
    folio_node_add_author(art, folio_str_c(name));
    name[0] = 'X';
    folio_node_add_author(art, folio_str_c("Ola Nordmann"));
    folio_node_add_author(art, folio_str_c("Åse Ødegård"));
    assert_int_equal(folio_node_author_count(art), 3);
    assert_str_equal(folio_node_author(art, 0), "Kari Nordmann");
    assert_str_equal(folio_node_author(art, 1), "Ola Nordmann");
    assert_str_equal(folio_node_author(art, 2), "Åse Ødegård");
    assert_int_equal(folio_node_author_count(folio_doc_root(doc)), 0);
    folio_node_clear_authors(art);
    assert_int_equal(folio_node_author_count(art), 0);
    folio_node_add_author(art, folio_str_c("Ny"));
    assert_int_equal(folio_node_author_count(art), 1);
    assert_str_equal(folio_node_author(art, 0), "Ny");
    folio_doc_free(doc);
}

static void test_meta_key_names_round_trip_and_refuse_others(void **state)
{
    (void)state;
    const char *names[FOLIO_META_COUNT] = {"title",  "subtitle", "date", "lang",
                                           "source", "rights",   "id",   "description"};
    for (int k = 0; k < FOLIO_META_COUNT; k++) {
        assert_string_equal(folio_meta_key_name(k), names[k]);
        assert_int_equal(folio_meta_key_from_name(names[k]), k);
    }
    assert_null(folio_meta_key_name(FOLIO_META_COUNT));
    const char *others[] = {"authors", "", "titl", "titles", "version", "blocks"};
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
        assert_int_equal(folio_meta_key_from_name(others[i]), FOLIO_META_COUNT);
}

static void test_add_article_appends_articles_in_order(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    folio_node *a = folio_doc_add_article(doc);
    folio_node *b = folio_doc_add_article(doc);
    assert_int_equal(folio_node_kind_of(a), FOLIO_NODE_ARTICLE);
    assert_ptr_equal(folio_node_parent(a), folio_doc_root(doc));
    assert_ptr_equal(folio_node_first_child(folio_doc_root(doc)), a);
    assert_ptr_equal(folio_node_next(a), b);
    assert_null(folio_node_first_child(a));
    assert_int_equal(folio_doc_article_count(doc), 2);
    folio_doc_free(doc);
}

/* An article whose every string was copied from heap memory freed at once. */
static folio_doc *build_from_doc(folio_str *cached)
{
    folio_doc *from = folio_doc_new();
    for (int i = 0; i < 2; i++) {
        char *scratch = malloc(64);
        assert_non_null(scratch);
        snprintf(scratch, 64, "Artikkel %d: blåbær", i + 1);
        folio_node *art = folio_doc_add_article(from);
        folio_node_set_meta(art, FOLIO_META_TITLE, folio_str_c(scratch));
        folio_node_add_author(art, folio_str_c(scratch));
        folio_node *p = add_para(art, scratch);
        cached[i] = folio_node_text(p);
        free(scratch);
    }
    folio_node_set_meta(folio_doc_root(from), FOLIO_META_TITLE, folio_str_c("Digest B"));
    return from;
}

static void test_merge_moves_articles_and_their_memory(void **state)
{
    (void)state;
    folio_doc *into = folio_doc_new();
    folio_node *first = folio_doc_add_article(into);
    add_para(first, "først");
    folio_str cached[2];
    folio_doc *from = build_from_doc(cached);
    folio_doc_merge(into, from);
    assert_int_equal(folio_doc_article_count(into), 3);
    folio_node *art = folio_node_next(first);
    for (int i = 0; i < 2; i++, art = folio_node_next(art)) {
        char want[64];
        snprintf(want, sizeof want, "Artikkel %d: blåbær", i + 1);
        assert_non_null(art);
        assert_ptr_equal(folio_node_parent(art), folio_doc_root(into));
        assert_str_equal(folio_node_meta(art, FOLIO_META_TITLE), want);
        assert_str_equal(folio_node_author(art, 0), want);
        assert_str_equal(folio_node_text(folio_node_first_child(art)), want);
        assert_str_equal(cached[i], want);
    }
    assert_null(art);
    folio_doc_free(into);
}

static void test_merge_drops_the_document_metadata_of_from(void **state)
{
    (void)state;
    folio_doc *into = folio_doc_new();
    folio_node_set_meta(folio_doc_root(into), FOLIO_META_DATE, folio_str_c("2023-09"));
    folio_str cached[2];
    folio_doc_merge(into, build_from_doc(cached));
    assert_false(folio_str_present(folio_node_meta(folio_doc_root(into), FOLIO_META_TITLE)));
    assert_str_equal(folio_node_meta(folio_doc_root(into), FOLIO_META_DATE), "2023-09");
    assert_int_equal(folio_doc_article_count(into), 2);
    folio_doc_free(into);
}

static void test_merged_articles_belong_to_the_new_document(void **state)
{
    (void)state;
    folio_doc *into = folio_doc_new();
    folio_str cached[2];
    folio_doc_merge(into, build_from_doc(cached));
    folio_node *art = folio_node_first_child(folio_doc_root(into));
    assert_ptr_equal(folio_node_doc(art), into);
    assert_ptr_equal(folio_node_doc(folio_node_first_child(art)), into);
    folio_node *p = folio_node_append_new(art, FOLIO_NODE_PARAGRAPH);
    folio_node_append_text(p, "lagt til", 8);
    assert_ptr_equal(folio_node_last_child(art), p);
    folio_doc_free(into);
}

static void test_merge_of_an_empty_document_changes_nothing(void **state)
{
    (void)state;
    folio_doc *into = folio_doc_new();
    folio_node *a = folio_doc_add_article(into);
    folio_doc_merge(into, folio_doc_new());
    assert_int_equal(folio_doc_article_count(into), 1);
    assert_ptr_equal(folio_node_first_child(folio_doc_root(into)), a);
    assert_null(folio_node_next(a));
    folio_doc_free(into);
}

static void test_intern_copies_and_terminates(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    char src[] = "blåbær\0skjult";
    folio_str s = folio_doc_intern(doc, src, sizeof src - 1);
    assert_ptr_not_equal(s.data, src);
    memset(src, 'X', sizeof src - 1);
    assert_int_equal(s.len, sizeof src - 1);
    assert_memory_equal(s.data, "blåbær\0skjult", s.len);
    assert_int_equal(s.data[s.len], '\0');
    folio_str part = folio_doc_intern(doc, "abc", 2);
    assert_str_equal(part, "ab");
    assert_int_equal(part.data[2], '\0');
    folio_str empty = folio_doc_intern(doc, "", 0);
    assert_true(folio_str_present(empty));
    assert_int_equal(empty.len, 0);
    assert_int_equal(empty.data[0], '\0');
    folio_doc_free(doc);
}

static void test_meta_node_is_the_only_article_or_the_document(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    assert_ptr_equal(folio_doc_meta_node(doc), folio_doc_root(doc));
    folio_node *a = folio_doc_add_article(doc);
    assert_ptr_equal(folio_doc_meta_node(doc), a);
    folio_doc_add_article(doc);
    assert_ptr_equal(folio_doc_meta_node(doc), folio_doc_root(doc));
    folio_doc_free(doc);
}

/* A table of two rows (a header row and one of data) and a fact box of a paragraph and a list. */
static folio_node *build_table(folio_node *article)
{
    folio_node *table = folio_node_append_new(article, FOLIO_NODE_TABLE);
    const char *cells[2][2] = {{"Parti", "Stemmer"}, {"Ap", "26,3"}};
    for (int r = 0; r < 2; r++) {
        folio_node *row = folio_node_append_new(table, FOLIO_NODE_ROW);
        folio_node_set_header(row, r == 0);
        for (int c = 0; c < 2; c++) {
            folio_node *cell = folio_node_append_new(row, FOLIO_NODE_CELL);
            folio_node_append_text(cell, cells[r][c], strlen(cells[r][c]));
        }
    }
    return table;
}

static void test_tables_and_fact_boxes_derive_their_text(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    folio_node *a = folio_doc_add_article(doc);
    folio_node *table = build_table(a);
    folio_node_set_title(table, folio_str_c("Valget 2023"));
    assert_str_equal(folio_node_text(table), "Parti\tStemmer\nAp\t26,3");
    assert_str_equal(folio_node_title(table), "Valget 2023");
    assert_true(folio_node_header(folio_node_first_child(table)));
    assert_false(folio_node_header(folio_node_last_child(table)));
    folio_node *box = folio_node_append_new(a, FOLIO_NODE_FACTBOX);
    assert_false(folio_str_present(folio_node_title(box)));
    folio_node_set_title(box, folio_str_c("Fakta"));
    add_para(box, "Første");
    folio_node *list = folio_node_append_new(box, FOLIO_NODE_LIST);
    add_para(list, "a");
    add_para(list, "b");
    assert_str_equal(folio_node_text(box), "Første\na\nb");
    assert_str_equal(folio_node_title(box), "Fakta");
    /* A cell is changed: the table's text follows. */
    folio_node *cell = folio_node_last_child(folio_node_last_child(table));
    folio_node_append_text(cell, "%", 1);
    assert_str_equal(folio_node_text(table), "Parti\tStemmer\nAp\t26,3%");
    folio_doc_free(doc);
}

/* One node of every kind, attached where the nesting rules allow it. */
static folio_node **one_of_each(folio_doc *doc)
{
    static folio_node *nodes[KIND_COUNT];
    nodes[FOLIO_NODE_DOCUMENT] = folio_doc_root(doc);
    folio_node *a = nodes[FOLIO_NODE_ARTICLE] = folio_doc_add_article(doc);
    for (int k = FOLIO_NODE_HEADLINE; k < KIND_COUNT; k++) {
        folio_node *parent = a;
        if (k == FOLIO_NODE_ROW)
            parent = nodes[FOLIO_NODE_TABLE];
        else if (k == FOLIO_NODE_CELL)
            parent = nodes[FOLIO_NODE_ROW];
        else if (folio_node_kind_is_inline(k))
            parent = nodes[FOLIO_NODE_PARAGRAPH];
        nodes[k] = folio_node_append_new(parent, k);
    }
    return nodes;
}

static void test_every_getter_answers_on_every_kind(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    folio_node **nodes = one_of_each(doc);
    /* Set what each kind carries, so that a getter reading the wrong union member would see it. */
    folio_node_set_meta(nodes[FOLIO_NODE_ARTICLE], FOLIO_META_TITLE, folio_str_c("T"));
    folio_node_set_href(nodes[FOLIO_NODE_LINK], folio_str_c("https://example.org/"));
    folio_node_set_kicker(nodes[FOLIO_NODE_CAPTION], folio_str_c("K"));
    folio_node_set_title(nodes[FOLIO_NODE_TABLE], folio_str_c("Tab"));
    folio_node_set_title(nodes[FOLIO_NODE_FACTBOX], folio_str_c("Fakta"));
    folio_node_set_ordered(nodes[FOLIO_NODE_LIST], true);
    folio_node_set_header(nodes[FOLIO_NODE_ROW], true);
    for (int k = 0; k < KIND_COUNT; k++) {
        const folio_node *n = nodes[k];
        bool meta = k == FOLIO_NODE_ARTICLE;
        assert_int_equal(folio_str_present(folio_node_meta(n, FOLIO_META_TITLE)), meta);
        assert_int_equal(folio_node_author_count(n), 0);
        assert_int_equal(folio_str_present(folio_node_href(n)), k == FOLIO_NODE_LINK);
        assert_int_equal(folio_str_present(folio_node_kicker(n)), k == FOLIO_NODE_CAPTION);
        assert_int_equal(folio_str_present(folio_node_title(n)),
                         k == FOLIO_NODE_TABLE || k == FOLIO_NODE_FACTBOX);
        assert_int_equal(folio_node_ordered(n), k == FOLIO_NODE_LIST);
        assert_int_equal(folio_node_header(n), k == FOLIO_NODE_ROW);
        assert_int_equal(folio_node_level(n), k == FOLIO_NODE_HEADLINE ? 2 : 0);
        assert_int_equal(folio_node_role(n), FOLIO_ROLE_BODY);
        assert_false(folio_node_has_credit(n));
        assert_false(folio_node_has_image(n));
        assert_false(folio_str_present(folio_node_image_src(n)));
        assert_int_equal(folio_node_credit_count(n), 0);
        assert_null(folio_node_image_resource(n));
        assert_non_null(folio_node_text(n).data);
        assert_non_null(folio_node_kind_name(folio_node_kind_of(n)));
    }
    folio_doc_free(doc);
}

static void test_depth_is_capped_and_accepts_says_so(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    folio_node *a = folio_doc_add_article(doc);
    assert_int_equal(folio_node_depth(folio_doc_root(doc)), 0);
    assert_int_equal(folio_node_depth(a), 1);
    folio_node *n = folio_node_append_new(a, FOLIO_NODE_PARAGRAPH);
    unsigned nested = 0;
    while (folio_node_accepts(n, FOLIO_NODE_EMPHASIS)) {
        n = folio_node_append_new(n, FOLIO_NODE_EMPHASIS);
        nested++;
    }
    assert_int_equal(folio_node_depth(n), FOLIO_MAX_DEPTH);
    assert_int_equal(nested, FOLIO_MAX_DEPTH - 2);
    assert_false(folio_node_accepts(n, FOLIO_NODE_TEXT));
    assert_false(folio_node_accepts(a, FOLIO_NODE_ARTICLE)); /* nesting, not depth */
    /* A detached subtree takes its depth from where it is attached. */
    folio_node *top = folio_node_new(doc, FOLIO_NODE_STRONG);
    folio_node *inner = folio_node_append_new(top, FOLIO_NODE_EMPHASIS);
    assert_int_equal(folio_node_depth(inner), 1);
    folio_node *p = folio_node_append_new(a, FOLIO_NODE_PARAGRAPH);
    folio_node_append(p, top);
    assert_int_equal(folio_node_depth(inner), 4);
    folio_node_unlink(top);
    assert_int_equal(folio_node_depth(top), 0);
    folio_doc_free(doc);
}

static void test_text_of_many_small_inlines_is_made_once(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    folio_node *p = folio_node_append_new(folio_doc_add_article(doc), FOLIO_NODE_PARAGRAPH);
    /* 20,000 small inlines: the block's text is made once, not once per child. */
    for (int i = 0; i < 20000; i++) {
        folio_node *e = folio_node_append_new(p, i % 2 ? FOLIO_NODE_EMPHASIS : FOLIO_NODE_STRONG);
        folio_node_append_text(e, "ab", 2);
    }
    folio_str t = folio_node_text(p);
    assert_int_equal(t.len, 40000);
    assert_memory_equal(t.data, "abab", 4);
    /* Only the block kept a derived text; its inlines made none on the way. */
    folio_node *first = folio_node_first_child(p);
    assert_ptr_equal(folio_node_text(first).data,
                     folio_node_text(folio_node_first_child(first)).data);
    folio_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tables_and_fact_boxes_derive_their_text),
        cmocka_unit_test(test_every_getter_answers_on_every_kind),
        cmocka_unit_test(test_depth_is_capped_and_accepts_says_so),
        cmocka_unit_test(test_text_of_many_small_inlines_is_made_once),
        cmocka_unit_test(test_new_document_is_an_empty_document_root),
        cmocka_unit_test(test_can_contain_follows_the_nesting_rules_for_every_pair),
        cmocka_unit_test(test_kind_is_block_and_is_inline_split_the_kinds),
        cmocka_unit_test(test_kind_and_role_names_are_the_json_names),
        cmocka_unit_test(test_node_new_creates_a_detached_node_of_the_doc),
        cmocka_unit_test(test_append_links_parent_and_siblings),
        cmocka_unit_test(test_append_new_creates_and_attaches_a_child),
        cmocka_unit_test(test_append_text_copies_only_the_bytes_given),
        cmocka_unit_test(test_append_text_merges_into_last_text_node),
        cmocka_unit_test(test_append_text_starts_a_new_node_after_another_inline),
        cmocka_unit_test(test_unlink_middle_child_relinks_its_siblings),
        cmocka_unit_test(test_unlink_first_and_last_children_update_the_parent),
        cmocka_unit_test(test_unlinked_subtree_can_be_appended_elsewhere),
        cmocka_unit_test(test_unlinking_an_article_lowers_the_article_count),
        cmocka_unit_test(test_text_of_text_and_break_nodes),
        cmocka_unit_test(test_text_of_a_block_concatenates_nested_inlines),
        cmocka_unit_test(test_text_of_a_list_joins_its_items_with_newlines),
        cmocka_unit_test(test_text_of_article_and_document_is_empty_not_absent),
        cmocka_unit_test(test_text_follows_later_changes_to_the_subtree),
        cmocka_unit_test(test_text_views_handed_out_stay_valid_after_changes),
        cmocka_unit_test(test_has_formatting_is_false_only_for_plain_text),
        cmocka_unit_test(test_block_properties_have_their_defaults),
        cmocka_unit_test(test_block_properties_keep_what_is_set),
        cmocka_unit_test(test_href_and_kicker_are_copied_and_may_be_empty),
        cmocka_unit_test(test_caption_credit_keeps_label_text_and_parts),
        cmocka_unit_test(test_credit_on_a_credit_block_becomes_its_text),
        cmocka_unit_test(test_caption_image_keeps_src_alt_and_size),
        cmocka_unit_test(test_meta_is_absent_until_set),
        cmocka_unit_test(test_meta_set_copies_replaces_and_removes),
        cmocka_unit_test(test_meta_of_every_key_is_kept_apart),
        cmocka_unit_test(test_authors_keep_their_order_and_clear),
        cmocka_unit_test(test_meta_key_names_round_trip_and_refuse_others),
        cmocka_unit_test(test_add_article_appends_articles_in_order),
        cmocka_unit_test(test_merge_moves_articles_and_their_memory),
        cmocka_unit_test(test_merge_drops_the_document_metadata_of_from),
        cmocka_unit_test(test_merged_articles_belong_to_the_new_document),
        cmocka_unit_test(test_merge_of_an_empty_document_changes_nothing),
        cmocka_unit_test(test_intern_copies_and_terminates),
        cmocka_unit_test(test_meta_node_is_the_only_article_or_the_document),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
