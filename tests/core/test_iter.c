/* SPDX-License-Identifier: MIT */
#include "test.h"

#include <string.h>

enum { E = FOLIO_EVENT_ENTER, X = FOLIO_EVENT_EXIT };

struct step {
    int event;
    const folio_node *node;
};

/*
 * DOCUMENT
 *   ARTICLE a1: HEADLINE("Tittel")
 *               PARAGRAPH("Kim " EMPHASIS("kom" BREAK STRONG("nå")))
 *               LIST(PARAGRAPH("én") PARAGRAPH())
 *   ARTICLE a2: PARAGRAPH(LINK(STRONG("z")))
 */
struct tree {
    folio_doc *doc;
    folio_node *root, *a1, *h, *h_t, *p, *p_t, *em, *em_t, *br, *st, *st_t;
    folio_node *list, *i1, *i1_t, *i2, *a2, *p2, *link, *st2, *st2_t;
};

static folio_node *text(folio_node *parent, const char *s)
{
    folio_node_append_text(parent, s, strlen(s));
    return folio_node_last_child(parent);
}

static void build(struct tree *t)
{
    t->doc = folio_doc_new();
    t->root = folio_doc_root(t->doc);
    t->a1 = folio_doc_add_article(t->doc);
    t->h = folio_node_append_new(t->a1, FOLIO_NODE_HEADLINE);
    t->h_t = text(t->h, "Tittel");
    t->p = folio_node_append_new(t->a1, FOLIO_NODE_PARAGRAPH);
    t->p_t = text(t->p, "Kim ");
    t->em = folio_node_append_new(t->p, FOLIO_NODE_EMPHASIS);
    t->em_t = text(t->em, "kom");
    t->br = folio_node_append_new(t->em, FOLIO_NODE_BREAK);
    t->st = folio_node_append_new(t->em, FOLIO_NODE_STRONG);
    t->st_t = text(t->st, "nå");
    t->list = folio_node_append_new(t->a1, FOLIO_NODE_LIST);
    t->i1 = folio_node_append_new(t->list, FOLIO_NODE_PARAGRAPH);
    t->i1_t = text(t->i1, "én");
    t->i2 = folio_node_append_new(t->list, FOLIO_NODE_PARAGRAPH);
    t->a2 = folio_doc_add_article(t->doc);
    t->p2 = folio_node_append_new(t->a2, FOLIO_NODE_PARAGRAPH);
    t->link = folio_node_append_new(t->p2, FOLIO_NODE_LINK);
    t->st2 = folio_node_append_new(t->link, FOLIO_NODE_STRONG);
    t->st2_t = text(t->st2, "z");
}

static int setup(void **state)
{
    static struct tree t;
    build(&t);
    *state = &t;
    return 0;
}

static int teardown(void **state)
{
    struct tree *t = *state;
    folio_doc_free(t->doc);
    return 0;
}

static void expect_walk(const folio_node *root, const struct step *want, size_t n)
{
    folio_iter *it = folio_iter_new(root);
    for (size_t i = 0; i < n; i++) {
        folio_event ev = folio_iter_next(it);
        const folio_node *node = folio_iter_node(it);
        if ((int)ev != want[i].event || node != want[i].node)
            fail_msg("step %zu: got event %d on a %s, expected %d on a %s", i, ev,
                     node ? folio_node_kind_name(folio_node_kind_of(node)) : "(null)",
                     want[i].event, folio_node_kind_name(folio_node_kind_of(want[i].node)));
        assert_int_equal(folio_iter_event(it), ev);
    }
    assert_int_equal(folio_iter_next(it), FOLIO_EVENT_DONE);
    assert_int_equal(folio_iter_event(it), FOLIO_EVENT_DONE);
    assert_null(folio_iter_node(it));
    folio_iter_free(it);
}

static void test_iter_walks_the_whole_document_in_order(void **state)
{
    struct tree *t = *state;
    const struct step want[] = {
        {E, t->root}, {E, t->a1},   {E, t->h},    {E, t->h_t},   {X, t->h},   {E, t->p},
        {E, t->p_t},  {E, t->em},   {E, t->em_t}, {E, t->br},    {E, t->st},  {E, t->st_t},
        {X, t->st},   {X, t->em},   {X, t->p},    {E, t->list},  {E, t->i1},  {E, t->i1_t},
        {X, t->i1},   {E, t->i2},   {X, t->i2},   {X, t->list},  {X, t->a1},  {E, t->a2},
        {E, t->p2},   {E, t->link}, {E, t->st2},  {E, t->st2_t}, {X, t->st2}, {X, t->link},
        {X, t->p2},   {X, t->a2},   {X, t->root},
    };
    expect_walk(t->root, want, sizeof want / sizeof want[0]);
}

static void test_iter_over_a_subtree_stops_at_its_root_exit(void **state)
{
    struct tree *t = *state;
    const struct step list[] = {
        {E, t->list}, {E, t->i1}, {E, t->i1_t}, {X, t->i1}, {E, t->i2}, {X, t->i2}, {X, t->list},
    };
    expect_walk(t->list, list, sizeof list / sizeof list[0]);
    const struct step em[] = {
        {E, t->em}, {E, t->em_t}, {E, t->br}, {E, t->st}, {E, t->st_t}, {X, t->st}, {X, t->em},
    };
    expect_walk(t->em, em, sizeof em / sizeof em[0]);
}

static void test_iter_over_a_leaf_sees_it_once(void **state)
{
    struct tree *t = *state;
    const struct step text_only[] = {{E, t->em_t}};
    expect_walk(t->em_t, text_only, 1);
    const struct step break_only[] = {{E, t->br}};
    expect_walk(t->br, break_only, 1);
}

static void test_iter_over_an_empty_document_enters_and_exits_the_root(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    const struct step want[] = {{E, folio_doc_root(doc)}, {X, folio_doc_root(doc)}};
    expect_walk(folio_doc_root(doc), want, 2);
    folio_doc_free(doc);
}

static void test_iter_node_is_null_before_the_first_event(void **state)
{
    struct tree *t = *state;
    folio_iter *it = folio_iter_new(t->root);
    assert_null(folio_iter_node(it));
    assert_int_equal(folio_iter_event(it), FOLIO_EVENT_NONE);
    folio_iter_free(it);
    folio_iter_free(NULL);
}

static void test_iter_stays_done_after_the_end(void **state)
{
    struct tree *t = *state;
    folio_iter *it = folio_iter_new(t->i2);
    assert_int_equal(folio_iter_next(it), FOLIO_EVENT_ENTER);
    assert_int_equal(folio_iter_next(it), FOLIO_EVENT_EXIT);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(folio_iter_next(it), FOLIO_EVENT_DONE);
        assert_null(folio_iter_node(it));
    }
    folio_iter_free(it);
}

static void advance_to(folio_iter *it, int event, const folio_node *node)
{
    folio_event ev;
    while ((ev = folio_iter_next(it)) != FOLIO_EVENT_DONE) {
        if ((int)ev == event && folio_iter_node(it) == node)
            return;
    }
    fail_msg("never reached the node");
}

static void test_skip_children_goes_straight_to_the_exit(void **state)
{
    struct tree *t = *state;
    folio_iter *it = folio_iter_new(t->root);
    advance_to(it, E, t->a1);
    folio_iter_skip_children(it);
    assert_int_equal(folio_iter_next(it), FOLIO_EVENT_EXIT);
    assert_ptr_equal(folio_iter_node(it), t->a1);
    assert_int_equal(folio_iter_next(it), FOLIO_EVENT_ENTER);
    assert_ptr_equal(folio_iter_node(it), t->a2);
    assert_int_equal(folio_iter_next(it), FOLIO_EVENT_ENTER);
    assert_ptr_equal(folio_iter_node(it), t->p2);
    folio_iter_skip_children(it);
    assert_int_equal(folio_iter_next(it), FOLIO_EVENT_EXIT);
    assert_ptr_equal(folio_iter_node(it), t->p2);
    assert_int_equal(folio_iter_next(it), FOLIO_EVENT_EXIT);
    assert_ptr_equal(folio_iter_node(it), t->a2);
    folio_iter_free(it);
}

static void test_skip_children_applies_to_the_next_step_only(void **state)
{
    struct tree *t = *state;
    folio_iter *it = folio_iter_new(t->a1);
    advance_to(it, E, t->em);
    folio_iter_skip_children(it);
    assert_int_equal(folio_iter_next(it), FOLIO_EVENT_EXIT);
    assert_ptr_equal(folio_iter_node(it), t->em);
    assert_int_equal(folio_iter_next(it), FOLIO_EVENT_EXIT);
    assert_ptr_equal(folio_iter_node(it), t->p);
    assert_int_equal(folio_iter_next(it), FOLIO_EVENT_ENTER);
    assert_ptr_equal(folio_iter_node(it), t->list);
    assert_int_equal(folio_iter_next(it), FOLIO_EVENT_ENTER);
    assert_ptr_equal(folio_iter_node(it), t->i1);
    folio_iter_free(it);
}

static void test_skip_children_of_the_root_ends_the_walk(void **state)
{
    struct tree *t = *state;
    folio_iter *it = folio_iter_new(t->list);
    assert_int_equal(folio_iter_next(it), FOLIO_EVENT_ENTER);
    folio_iter_skip_children(it);
    assert_int_equal(folio_iter_next(it), FOLIO_EVENT_EXIT);
    assert_ptr_equal(folio_iter_node(it), t->list);
    assert_int_equal(folio_iter_next(it), FOLIO_EVENT_DONE);
    folio_iter_free(it);
}

/* folio_node_append_text() on an empty block keeps the text in the block
 * until its children are asked for: the walk must still see a TEXT node. */
static void test_iter_shows_text_appended_to_an_empty_block(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    folio_node *p = folio_node_append_new(folio_doc_add_article(doc), FOLIO_NODE_PARAGRAPH);
    folio_node_append_text(p, "Kim ", 4);
    folio_node_append_text(p, "kom.", 4);
    assert_false(folio_node_has_formatting(p));
    assert_str_equal(folio_node_text(p), "Kim kom.");
    folio_iter *it = folio_iter_new(p);
    assert_int_equal(folio_iter_next(it), FOLIO_EVENT_ENTER);
    assert_ptr_equal(folio_iter_node(it), p);
    assert_int_equal(folio_iter_next(it), FOLIO_EVENT_ENTER);
    const folio_node *t = folio_iter_node(it);
    assert_int_equal(folio_node_kind_of(t), FOLIO_NODE_TEXT);
    assert_str_equal(folio_node_text(t), "Kim kom.");
    assert_ptr_equal(folio_node_parent(t), p);
    assert_int_equal(folio_iter_next(it), FOLIO_EVENT_EXIT);
    assert_int_equal(folio_iter_next(it), FOLIO_EVENT_DONE);
    folio_iter_free(it);
    /* Text appended later goes on into the same TEXT node. */
    folio_node_append_text(p, " Nå.", 5);
    assert_ptr_equal(folio_node_first_child(p), t);
    assert_str_equal(folio_node_text(t), "Kim kom. Nå.");
    assert_str_equal(folio_node_text(p), "Kim kom. Nå.");
    folio_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_iter_walks_the_whole_document_in_order),
        cmocka_unit_test(test_iter_over_a_subtree_stops_at_its_root_exit),
        cmocka_unit_test(test_iter_over_a_leaf_sees_it_once),
        cmocka_unit_test(test_iter_over_an_empty_document_enters_and_exits_the_root),
        cmocka_unit_test(test_iter_node_is_null_before_the_first_event),
        cmocka_unit_test(test_iter_stays_done_after_the_end),
        cmocka_unit_test(test_skip_children_goes_straight_to_the_exit),
        cmocka_unit_test(test_skip_children_applies_to_the_next_step_only),
        cmocka_unit_test(test_skip_children_of_the_root_ends_the_walk),
        cmocka_unit_test(test_iter_shows_text_appended_to_an_empty_block),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
