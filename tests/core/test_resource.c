/* SPDX-License-Identifier: MIT */
/* Resources: the pictures a document owns, looked up by name and kept in order. */
#include "test.h"

#include <stdio.h>
#include <string.h>

/* The first bytes of a PNG of @w x @h pixels: enough for the probe, which decodes nothing. */
static size_t png_header(unsigned char *out, unsigned w, unsigned h, unsigned char tag)
{
    static const unsigned char head[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
                                         0,    0,   0,   13,  'I',  'H',  'D',  'R'};
    memcpy(out, head, sizeof head);
    unsigned char *p = out + sizeof head;
    const unsigned dims[2] = {w, h};
    for (int i = 0; i < 2; i++) {
        *p++ = (unsigned char)(dims[i] >> 24);
        *p++ = (unsigned char)(dims[i] >> 16);
        *p++ = (unsigned char)(dims[i] >> 8);
        *p++ = (unsigned char)dims[i];
    }
    const unsigned char rest[] = {8, 2, 0, 0, 0, 0, 0, 0, 0, tag};
    memcpy(p, rest, sizeof rest);
    return (size_t)(p - out) + sizeof rest;
}

static void test_a_resource_is_found_by_name_with_type_and_size_from_its_bytes(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    unsigned char png[64];
    size_t len = png_header(png, 640, 480, 1);
    folio_error err = {0};
    /* The name says JPEG; the bytes say PNG, and the bytes win. */
    assert_int_equal(folio_doc_add_resource(doc, folio_str_c("images/kim.jpg"), png, len, &err),
                     FOLIO_OK);
    const folio_resource *res = folio_doc_resource(doc, folio_str_c("images/kim.jpg"));
    assert_non_null(res);
    assert_string_equal(folio_resource_media_type(res), "image/png");
    assert_int_equal(folio_resource_width(res), 640);
    assert_int_equal(folio_resource_height(res), 480);
    assert_int_equal(folio_resource_size(res), len);
    assert_memory_equal(folio_resource_data(res), png, len);
    assert_true(folio_resource_data(res) != png); /* a copy */
    assert_str_equal(folio_resource_name(res), "images/kim.jpg");
    assert_null(folio_doc_resource(doc, folio_str_c("images/kim.png")));
    assert_null(folio_doc_resource(doc, folio_str_n(NULL, 0)));
    folio_doc_free(doc);
}

static void test_bytes_that_are_no_image_are_refused(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    folio_error err = {0};
    const char text[] = "GIF? no, just text";
    assert_int_equal(folio_doc_add_resource(doc, folio_str_c("a.gif"), text, sizeof text, &err),
                     FOLIO_EFORMAT);
    assert_int_equal(err.code, FOLIO_EFORMAT);
    assert_int_equal(folio_doc_resource_count(doc), 0);
    folio_doc_free(doc);
}

static void test_the_same_name_keeps_the_first_and_refuses_other_bytes(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    unsigned char a[64], b[64];
    size_t la = png_header(a, 10, 10, 1), lb = png_header(b, 20, 20, 2);
    folio_error err = {0};
    assert_int_equal(folio_doc_add_resource(doc, folio_str_c("x.png"), a, la, &err), FOLIO_OK);
    assert_int_equal(folio_doc_add_resource(doc, folio_str_c("x.png"), a, la, &err), FOLIO_OK);
    assert_int_equal(folio_doc_add_resource(doc, folio_str_c("x.png"), b, lb, &err), FOLIO_ERROR);
    assert_non_null(strstr(err.message, "x.png"));
    assert_int_equal(folio_doc_resource_count(doc), 1);
    assert_int_equal(folio_resource_width(folio_doc_resource_at(doc, 0)), 10);
    folio_doc_free(doc);
}

static void test_a_thousand_resources_keep_their_order_and_names(void **state)
{
    (void)state;
    folio_doc *doc = folio_doc_new();
    unsigned char png[64];
    char name[32];
    for (unsigned i = 0; i < 1000; i++) {
        size_t len = png_header(png, i + 1, 1, (unsigned char)i);
        snprintf(name, sizeof name, "img/%u.png", i);
        assert_int_equal(folio_doc_add_resource(doc, folio_str_c(name), png, len, NULL), FOLIO_OK);
    }
    assert_int_equal(folio_doc_resource_count(doc), 1000);
    for (unsigned i = 0; i < 1000; i++) {
        snprintf(name, sizeof name, "img/%u.png", i);
        const folio_resource *res = folio_doc_resource(doc, folio_str_c(name));
        assert_non_null(res);
        assert_ptr_equal(res, folio_doc_resource_at(doc, i));
        assert_int_equal(folio_resource_width(res), i + 1);
    }
    folio_doc_free(doc);
}

static folio_node *caption_with(folio_doc *doc, const char *src)
{
    folio_node *c = folio_node_append_new(folio_doc_add_article(doc), FOLIO_NODE_CAPTION);
    folio_node_append_text(c, "Bilde", 5);
    folio_node_set_image(c, folio_str_c(src), folio_str_n(NULL, 0), 0, 0);
    return c;
}

static void test_a_caption_finds_its_picture_and_a_merge_keeps_both_pictures(void **state)
{
    (void)state;
    folio_doc *one = folio_doc_new(), *two = folio_doc_new();
    unsigned char a[64], b[64];
    size_t la = png_header(a, 10, 10, 1), lb = png_header(b, 20, 20, 2);
    folio_node *c1 = caption_with(one, "photo.png");
    folio_node *c2 = caption_with(two, "photo.png");
    folio_node *c3 = caption_with(two, "same.png");
    assert_int_equal(folio_doc_add_resource(one, folio_str_c("photo.png"), a, la, NULL), 0);
    assert_int_equal(folio_doc_add_resource(one, folio_str_c("same.png"), a, la, NULL), 0);
    assert_int_equal(folio_doc_add_resource(two, folio_str_c("photo.png"), b, lb, NULL), 0);
    assert_int_equal(folio_doc_add_resource(two, folio_str_c("same.png"), a, la, NULL), 0);
    assert_int_equal(folio_resource_width(folio_node_image_resource(c1)), 10);
    folio_doc_merge(one, two);
    /* Two inputs named different pictures alike: the second is renamed, with its caption. */
    assert_int_equal(folio_doc_resource_count(one), 3);
    assert_int_equal(folio_resource_width(folio_node_image_resource(c1)), 10);
    assert_int_equal(folio_resource_width(folio_node_image_resource(c2)), 20);
    assert_str_equal(folio_node_image_src(c2), "2/photo.png");
    assert_str_equal(folio_node_image_src(c3), "same.png");
    folio_doc_free(one);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_resource_is_found_by_name_with_type_and_size_from_its_bytes),
        cmocka_unit_test(test_bytes_that_are_no_image_are_refused),
        cmocka_unit_test(test_the_same_name_keeps_the_first_and_refuses_other_bytes),
        cmocka_unit_test(test_a_thousand_resources_keep_their_order_and_names),
        cmocka_unit_test(test_a_caption_finds_its_picture_and_a_merge_keeps_both_pictures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
