/* SPDX-License-Identifier: MIT */
#include "test.h"

#include <string.h>

/* The umbrella header must bring in every public header: one name from each. */
static_assert(sizeof(folio_str) > 0, "common.h");
static_assert(sizeof(folio_error) > 0, "error.h");
static_assert(FOLIO_NODE_BREAK > FOLIO_NODE_DOCUMENT, "doc.h");
static_assert(FOLIO_EVENT_EXIT != FOLIO_EVENT_ENTER, "iter.h");
static_assert(sizeof(folio_sink) > 0 && sizeof(folio_buf) > 0, "sink.h");
static_assert(sizeof(folio_warning_fn) > 0, "options.h");
static_assert(FOLIO_CAN_READ != FOLIO_CAN_WRITE, "registry.h");

static void test_plugin_abi_is_a_nonzero_unsigned_constant(void **state)
{
    (void)state;
    unsigned abi = FOLIO_PLUGIN_ABI;
    assert_true(abi >= 1);
    assert_string_equal(FOLIO_PLUGIN_SYMBOL, "folio_plugin");
}

static void test_abi_is_the_first_member_of_the_plugin_desc(void **state)
{
    (void)state;
    assert_int_equal(offsetof(folio_plugin_desc, abi), 0);
    folio_plugin_desc desc = {.abi = FOLIO_PLUGIN_ABI, .name = "x"};
    uint32_t first;
    memcpy(&first, &desc, sizeof first);
    assert_int_equal(first, FOLIO_PLUGIN_ABI);
}

static void test_library_version_matches_the_header(void **state)
{
    (void)state;
    assert_non_null(folio_version());
    assert_string_equal(folio_version(), FOLIO_VERSION);
}

static void test_error_struct_has_the_documented_buffers(void **state)
{
    (void)state;
    folio_error err;
    assert_int_equal(sizeof err.source, 64);
    assert_int_equal(sizeof err.message, 256);
}

static void test_status_codes_are_zero_or_distinct_negatives(void **state)
{
    (void)state;
    const int codes[] = {FOLIO_ERROR,        FOLIO_ENOMEM,  FOLIO_EIO,    FOLIO_EFORMAT,
                         FOLIO_EUNSUPPORTED, FOLIO_EPLUGIN, FOLIO_EOPTION};
    size_t n = sizeof codes / sizeof codes[0];
    assert_int_equal(FOLIO_OK, 0);
    for (size_t i = 0; i < n; i++) {
        assert_true(codes[i] < 0);
        for (size_t j = i + 1; j < n; j++)
            assert_int_not_equal(codes[i], codes[j]);
    }
}

static void test_str_views_tell_absent_from_empty(void **state)
{
    (void)state;
    folio_str absent = folio_str_c(NULL);
    folio_str empty = folio_str_c("");
    assert_false(folio_str_present(absent));
    assert_true(folio_str_present(empty));
    assert_int_equal(empty.len, 0);
    assert_int_equal(folio_str_c("æøå").len, 6);
    folio_str part = folio_str_n("abcdef", 3);
    assert_int_equal(part.len, 3);
    assert_true(folio_str_equal_c(part, "abc"));
}

static void test_str_equal_compares_bytes_and_presence(void **state)
{
    (void)state;
    folio_str absent = folio_str_c(NULL);
    folio_str empty = folio_str_c("");
    assert_true(folio_str_equal(absent, absent));
    assert_true(folio_str_equal(empty, folio_str_n("x", 0)));
    assert_false(folio_str_equal(absent, empty));
    assert_false(folio_str_equal(empty, absent));
    assert_true(folio_str_equal(folio_str_n("ab\0c", 4), folio_str_n("ab\0c", 4)));
    assert_false(folio_str_equal(folio_str_n("ab\0c", 4), folio_str_n("ab\0d", 4)));
    assert_false(folio_str_equal(folio_str_c("ab"), folio_str_c("abc")));
    assert_true(folio_str_equal_c(folio_str_c("blåbær"), "blåbær"));
    assert_false(folio_str_equal_c(folio_str_c("blåbær"), "blåbæ"));
    assert_false(folio_str_equal_c(folio_str_n("abc", 2), "abc"));
    assert_false(folio_str_equal_c(absent, ""));
    assert_true(folio_str_equal_c(empty, ""));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plugin_abi_is_a_nonzero_unsigned_constant),
        cmocka_unit_test(test_abi_is_the_first_member_of_the_plugin_desc),
        cmocka_unit_test(test_library_version_matches_the_header),
        cmocka_unit_test(test_error_struct_has_the_documented_buffers),
        cmocka_unit_test(test_status_codes_are_zero_or_distinct_negatives),
        cmocka_unit_test(test_str_views_tell_absent_from_empty),
        cmocka_unit_test(test_str_equal_compares_bytes_and_presence),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
