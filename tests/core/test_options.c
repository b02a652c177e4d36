/* SPDX-License-Identifier: MIT */
#include "test.h"

#include <stdio.h>
#include <string.h>

static int setup(void **state)
{
    *state = folio_options_new();
    return *state ? 0 : -1;
}

static int teardown(void **state)
{
    folio_options_free(*state);
    return 0;
}

static void test_options_set_then_get_returns_a_copy(void **state)
{
    folio_options *opts = *state;
    char key[] = "txt.wrap";
    char value[] = "72";
    folio_options_set(opts, key, value);
    key[0] = 'X';
    value[0] = '9';
    assert_string_equal(folio_options_get(opts, "txt.wrap", NULL), "72");
}

static void test_options_set_replaces_an_earlier_value(void **state)
{
    folio_options *opts = *state;
    folio_options_set(opts, "pdf.paper", "a4");
    folio_options_set(opts, "pdf.paper", "letter");
    assert_string_equal(folio_options_get(opts, "pdf.paper", "x"), "letter");
    folio_options_set(opts, "pdf.paper", "");
    assert_string_equal(folio_options_get(opts, "pdf.paper", "x"), "");
}

static void test_options_get_falls_back_when_unset(void **state)
{
    folio_options *opts = *state;
    folio_options_set(opts, "pdf.paper", "a4");
    assert_string_equal(folio_options_get(opts, "pdf.margin", "20mm"), "20mm");
    assert_null(folio_options_get(opts, "pdf.margin", NULL));
    assert_string_equal(folio_options_get(opts, "pdf", "none"), "none");
    assert_string_equal(folio_options_get(opts, "pdf.paperx", "none"), "none");
}

static void test_options_get_accepts_null_options(void **state)
{
    (void)state;
    assert_string_equal(folio_options_get(NULL, "a", "fallback"), "fallback");
    assert_null(folio_options_get(NULL, "a", NULL));
    folio_options_free(NULL);
}

static void test_options_parse_splits_at_the_first_equals_sign(void **state)
{
    folio_options *opts = *state;
    folio_error err;
    assert_int_equal(folio_options_parse(opts, "txt.wrap=72", &err), FOLIO_OK);
    assert_int_equal(folio_options_parse(opts, "meta.title=a=b=c", &err), FOLIO_OK);
    assert_int_equal(folio_options_parse(opts, "meta.lang=", &err), FOLIO_OK);
    assert_string_equal(folio_options_get(opts, "txt.wrap", NULL), "72");
    assert_string_equal(folio_options_get(opts, "meta.title", NULL), "a=b=c");
    assert_string_equal(folio_options_get(opts, "meta.lang", NULL), "");
}

static int count_pair(const char *key, const char *value, void *ctx)
{
    (void)key;
    (void)value;
    (*(int *)ctx)++;
    return 0;
}

static void expect_parse_error(folio_options *opts, const char *pair)
{
    folio_error err;
    folio_error_clear(&err);
    assert_int_equal(folio_options_parse(opts, pair, &err), FOLIO_EOPTION);
    assert_int_equal(err.code, FOLIO_EOPTION);
    assert_true(strlen(err.message) > 0);
    assert_int_equal(folio_options_parse(opts, pair, NULL), FOLIO_EOPTION);
    int pairs = 0;
    folio_options_foreach(opts, count_pair, &pairs);
    assert_int_equal(pairs, 0);
}

static void test_options_parse_rejects_a_pair_without_equals(void **state)
{
    expect_parse_error(*state, "noequals");
    expect_parse_error(*state, "");
}

static void test_options_parse_rejects_an_empty_key(void **state)
{
    expect_parse_error(*state, "=v");
    expect_parse_error(*state, "=");
}

static void expect_uint(folio_options *opts, const char *value, unsigned min, unsigned max,
                        unsigned want)
{
    folio_options_set(opts, "txt.wrap", value);
    unsigned out = 12345;
    folio_error err;
    assert_int_equal(folio_options_get_uint(opts, "txt.wrap", 1, min, max, &out, &err), FOLIO_OK);
    assert_int_equal(out, want);
}

static void expect_uint_error(folio_options *opts, const char *value, unsigned min, unsigned max)
{
    folio_options_set(opts, "txt.wrap", value);
    unsigned out = 0;
    folio_error err;
    folio_error_clear(&err);
    int rc = folio_options_get_uint(opts, "txt.wrap", 1, min, max, &out, &err);
    if (rc != FOLIO_EOPTION)
        fail_msg("\"%s\" in [%u, %u] gave %d, out %u", value, min, max, rc, out);
    assert_int_equal(err.code, FOLIO_EOPTION);
    assert_non_null(strstr(err.message, "txt.wrap"));
    assert_int_equal(folio_options_get_uint(opts, "txt.wrap", 1, min, max, &out, NULL),
                     FOLIO_EOPTION);
}

static void test_options_get_uint_reads_numbers_in_range(void **state)
{
    expect_uint(*state, "72", 0, 100, 72);
    expect_uint(*state, "0", 0, 100, 0);
    expect_uint(*state, "20", 20, 100, 20);
    expect_uint(*state, "100", 20, 100, 100);
    expect_uint(*state, "4294967295", 0, 4294967295u, 4294967295u);
}

static void test_options_get_uint_rejects_numbers_out_of_range(void **state)
{
    expect_uint_error(*state, "101", 20, 100);
    expect_uint_error(*state, "19", 20, 100);
    expect_uint_error(*state, "-1", 0, 4294967295u);
}

static void test_options_get_uint_rejects_junk(void **state)
{
    expect_uint_error(*state, "", 0, 100);
    expect_uint_error(*state, "abc", 0, 100);
    expect_uint_error(*state, "12abc", 0, 100);
    expect_uint_error(*state, "1.5", 0, 100);
    expect_uint_error(*state, "0x10", 0, 100);
}

static void test_options_get_uint_rejects_overflow(void **state)
{
    expect_uint_error(*state, "4294967296", 0, 4294967295u);
    expect_uint_error(*state, "18446744073709551616", 0, 4294967295u);
    expect_uint_error(*state, "99999999999999999999999", 0, 4294967295u);
}

static void test_options_get_uint_falls_back_when_unset(void **state)
{
    folio_options *opts = *state;
    unsigned out = 0;
    assert_int_equal(folio_options_get_uint(opts, "txt.wrap", 72, 0, 100, &out, NULL), FOLIO_OK);
    assert_int_equal(out, 72);
    out = 0;
    assert_int_equal(folio_options_get_uint(NULL, "txt.wrap", 66, 0, 100, &out, NULL), FOLIO_OK);
    assert_int_equal(out, 66);
}

static void expect_bool(folio_options *opts, const char *value, bool want)
{
    folio_options_set(opts, "epub.toc", value);
    bool out = !want;
    assert_int_equal(folio_options_get_bool(opts, "epub.toc", !want, &out, NULL), FOLIO_OK);
    if (out != want)
        fail_msg("\"%s\" read as %d", value, out);
}

static void test_options_get_bool_reads_every_spelling(void **state)
{
    const char *yes[] = {"true", "yes", "on", "1"};
    const char *no[] = {"false", "no", "off", "0"};
    for (size_t i = 0; i < 4; i++) {
        expect_bool(*state, yes[i], true);
        expect_bool(*state, no[i], false);
    }
}

static void test_options_get_bool_rejects_junk(void **state)
{
    folio_options *opts = *state;
    const char *junk[] = {"", "maybe", "2", "yess", "tru", "on "};
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++) {
        folio_options_set(opts, "epub.toc", junk[i]);
        bool out = false;
        folio_error err;
        folio_error_clear(&err);
        int rc = folio_options_get_bool(opts, "epub.toc", false, &out, &err);
        if (rc != FOLIO_EOPTION)
            fail_msg("\"%s\" gave %d", junk[i], rc);
        assert_int_equal(err.code, FOLIO_EOPTION);
        assert_non_null(strstr(err.message, "epub.toc"));
    }
}

static void test_options_get_bool_falls_back_when_unset(void **state)
{
    folio_options *opts = *state;
    bool out = false;
    assert_int_equal(folio_options_get_bool(opts, "epub.toc", true, &out, NULL), FOLIO_OK);
    assert_true(out);
    assert_int_equal(folio_options_get_bool(NULL, "epub.toc", false, &out, NULL), FOLIO_OK);
    assert_false(out);
}

struct visit {
    char seen[128];
    int calls;
    int stop_at;
};

static int visit_pair(const char *key, const char *value, void *ctx)
{
    struct visit *v = ctx;
    v->calls++;
    size_t used = strlen(v->seen);
    snprintf(v->seen + used, sizeof v->seen - used, "%s=%s;", key, value);
    return v->calls == v->stop_at ? 7 : 0;
}

static void test_options_foreach_visits_in_first_set_order(void **state)
{
    folio_options *opts = *state;
    folio_options_set(opts, "b", "1");
    folio_options_set(opts, "a", "2");
    folio_options_set(opts, "c", "3");
    folio_options_set(opts, "b", "4");
    struct visit v = {.stop_at = -1};
    assert_int_equal(folio_options_foreach(opts, visit_pair, &v), 0);
    assert_string_equal(v.seen, "b=4;a=2;c=3;");
}

static void test_options_foreach_stops_at_the_first_nonzero_result(void **state)
{
    folio_options *opts = *state;
    folio_options_set(opts, "a", "1");
    folio_options_set(opts, "b", "2");
    folio_options_set(opts, "c", "3");
    struct visit v = {.stop_at = 2};
    assert_int_equal(folio_options_foreach(opts, visit_pair, &v), 7);
    assert_int_equal(v.calls, 2);
    assert_string_equal(v.seen, "a=1;b=2;");
}

static void test_options_foreach_of_an_empty_set_calls_nothing(void **state)
{
    struct visit v = {.stop_at = 1};
    assert_int_equal(folio_options_foreach(*state, visit_pair, &v), 0);
    assert_int_equal(v.calls, 0);
}

static void collect_warning(const folio_error *warning, void *ctx)
{
    folio_buf *buf = ctx;
    folio_buf_puts(buf, warning->message);
    folio_buf_putc(buf, '|');
}

static void test_warn_formats_and_reaches_the_handler_with_its_context(void **state)
{
    folio_options *opts = *state;
    folio_buf seen = {0};
    folio_options_set_warning_handler(opts, collect_warning, &seen);
    folio_warn(opts, "dropped %d images from %s", 3, "kapittel 1");
    folio_warn(opts, "%s", "blåbær");
    assert_non_null(seen.data);
    assert_string_equal(seen.data, "dropped 3 images from kapittel 1|blåbær|");
    folio_buf_free(&seen);
}

static void test_warn_without_a_handler_is_dropped(void **state)
{
    folio_options *opts = *state;
    folio_warn(opts, "nobody hears %s", "this");
    folio_warn(NULL, "nor %s", "this");
    folio_buf seen = {0};
    folio_options_set_warning_handler(opts, collect_warning, &seen);
    folio_options_set_warning_handler(opts, NULL, &seen);
    folio_warn(opts, "dropped");
    assert_int_equal(seen.len, 0);
    folio_buf_free(&seen);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_options_set_then_get_returns_a_copy),
        T(test_options_set_replaces_an_earlier_value),
        T(test_options_get_falls_back_when_unset),
        T(test_options_get_accepts_null_options),
        T(test_options_parse_splits_at_the_first_equals_sign),
        T(test_options_parse_rejects_a_pair_without_equals),
        T(test_options_parse_rejects_an_empty_key),
        T(test_options_get_uint_reads_numbers_in_range),
        T(test_options_get_uint_rejects_numbers_out_of_range),
        T(test_options_get_uint_rejects_junk),
        T(test_options_get_uint_rejects_overflow),
        T(test_options_get_uint_falls_back_when_unset),
        T(test_options_get_bool_reads_every_spelling),
        T(test_options_get_bool_rejects_junk),
        T(test_options_get_bool_falls_back_when_unset),
        T(test_options_foreach_visits_in_first_set_order),
        T(test_options_foreach_stops_at_the_first_nonzero_result),
        T(test_options_foreach_of_an_empty_set_calls_nothing),
        T(test_warn_formats_and_reaches_the_handler_with_its_context),
        T(test_warn_without_a_handler_is_dropped),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
