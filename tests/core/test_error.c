/* SPDX-License-Identifier: MIT */
#include "test.h"

#include <stdio.h>
#include <string.h>

static folio_error filled(void)
{
    folio_error err;
    folio_error_set_at(&err, FOLIO_EIO, 9, 9, "old");
    folio_error_set_source(&err, "old.txt");
    return err;
}

static void test_error_set_fills_code_and_message_and_returns_the_code(void **state)
{
    (void)state;
    folio_error err = filled();
    assert_int_equal(folio_error_set(&err, FOLIO_EFORMAT, "unclosed <%s> after %d", "p", 3),
                     FOLIO_EFORMAT);
    assert_int_equal(err.code, FOLIO_EFORMAT);
    assert_string_equal(err.message, "unclosed <p> after 3");
}

static void test_error_set_clears_position_and_source(void **state)
{
    (void)state;
    folio_error err = filled();
    folio_error_set(&err, FOLIO_ERROR, "x");
    assert_int_equal(err.line, 0);
    assert_int_equal(err.column, 0);
    assert_string_equal(err.source, "");
}

static void test_error_set_at_records_line_and_column(void **state)
{
    (void)state;
    folio_error err = filled();
    assert_int_equal(folio_error_set_at(&err, FOLIO_EFORMAT, 12, 7, "bad %s", "key"),
                     FOLIO_EFORMAT);
    assert_int_equal(err.code, FOLIO_EFORMAT);
    assert_int_equal(err.line, 12);
    assert_int_equal(err.column, 7);
    assert_string_equal(err.message, "bad key");
    assert_string_equal(err.source, "");
}

/* "ab\n" then "cæø\n" then "x": æ and ø are two bytes each. */
static const unsigned char text[] = "ab\nc\xc3\xa6\xc3\xb8\nx";
#define TEXT_LEN (sizeof text - 1)

static void expect_offset(size_t offset, unsigned line, unsigned column)
{
    folio_error err = filled();
    int rc = folio_error_set_offset(&err, FOLIO_EFORMAT, text, TEXT_LEN, offset, "at %zu", offset);
    assert_int_equal(rc, FOLIO_EFORMAT);
    assert_int_equal(err.code, FOLIO_EFORMAT);
    assert_int_equal(err.line, line);
    assert_int_equal(err.column, column);
    assert_string_equal(err.source, "");
    char want[32];
    snprintf(want, sizeof want, "at %zu", offset);
    assert_string_equal(err.message, want);
}

static void test_error_set_offset_counts_lines_from_one(void **state)
{
    (void)state;
    expect_offset(0, 1, 1);
    expect_offset(1, 1, 2);
    expect_offset(2, 1, 3); /* the newline itself belongs to its line */
    expect_offset(3, 2, 1);
    expect_offset(9, 3, 1);
}

static void test_error_set_offset_counts_columns_in_characters(void **state)
{
    (void)state;
    expect_offset(4, 2, 2); /* æ */
    expect_offset(6, 2, 3); /* ø, after the two bytes of æ */
    expect_offset(8, 2, 4); /* the newline, after ø */
}

static void test_error_set_offset_past_the_end_counts_as_the_end(void **state)
{
    (void)state;
    expect_offset(TEXT_LEN, 3, 2);
    expect_offset(TEXT_LEN + 100, 3, 2);
}

static void test_position_matches_set_offset(void **state)
{
    (void)state;
    unsigned line = 0, column = 0;
    folio_position(text, TEXT_LEN, 8, &line, &column);
    assert_int_equal(line, 2);
    assert_int_equal(column, 4);
    folio_position(text, 0, 0, &line, &column);
    assert_int_equal(line, 1);
    assert_int_equal(column, 1);
    const unsigned char cjk[] = "\xe6\x97\xa5\xe6\x9c\xac\xf0\x9f\x98\x80!"; /* 日本😀! */
    folio_position(cjk, sizeof cjk - 1, 10, &line, &column);
    assert_int_equal(line, 1);
    assert_int_equal(column, 4);
}

/* article-text.md section 1 reads CRLF and a lone CR as one line break. */
static void test_position_counts_crlf_and_lone_cr_as_line_breaks(void **state)
{
    (void)state;
    const unsigned char crlf[] = "ab\r\ncd\r\ne";
    unsigned line = 0, column = 0;
    folio_position(crlf, sizeof crlf - 1, 5, &line, &column);
    assert_int_equal(line, 2);
    assert_int_equal(column, 2);
    folio_position(crlf, sizeof crlf - 1, 8, &line, &column);
    assert_int_equal(line, 3);
    assert_int_equal(column, 1);
    const unsigned char cr[] = "ab\rcd\re";
    folio_position(cr, sizeof cr - 1, 4, &line, &column);
    assert_int_equal(line, 2);
    assert_int_equal(column, 2);
    folio_position(cr, sizeof cr - 1, 6, &line, &column);
    assert_int_equal(line, 3);
    assert_int_equal(column, 1);
}

static void test_error_set_source_names_an_unnamed_error(void **state)
{
    (void)state;
    folio_error err;
    folio_error_set_at(&err, FOLIO_EFORMAT, 2, 3, "bad");
    folio_error_set_source(&err, "OEBPS/ch1.xhtml");
    assert_string_equal(err.source, "OEBPS/ch1.xhtml");
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 3);
    assert_string_equal(err.message, "bad");
}

static void test_error_set_source_keeps_the_innermost_name(void **state)
{
    (void)state;
    folio_error err;
    folio_error_set(&err, FOLIO_EFORMAT, "bad");
    folio_error_set_source(&err, "OEBPS/ch1.xhtml");
    folio_error_set_source(&err, "book.epub");
    assert_string_equal(err.source, "OEBPS/ch1.xhtml");
}

static void test_error_set_source_truncates_a_long_name(void **state)
{
    (void)state;
    char name[200];
    memset(name, 'n', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    folio_error err;
    folio_error_set(&err, FOLIO_EIO, "bad");
    folio_error_set_source(&err, name);
    assert_int_equal(strlen(err.source), sizeof err.source - 1);
    assert_memory_equal(err.source, name, sizeof err.source - 1);
}

static void test_error_clear_resets_everything(void **state)
{
    (void)state;
    folio_error err = filled();
    folio_error_clear(&err);
    assert_int_equal(err.code, FOLIO_OK);
    assert_int_equal(err.line, 0);
    assert_int_equal(err.column, 0);
    assert_string_equal(err.source, "");
    assert_string_equal(err.message, "");
}

static void test_error_functions_accept_a_null_error(void **state)
{
    (void)state;
    assert_int_equal(folio_error_set(NULL, FOLIO_EIO, "x %d", 1), FOLIO_EIO);
    assert_int_equal(folio_error_set_at(NULL, FOLIO_EFORMAT, 1, 2, "x"), FOLIO_EFORMAT);
    assert_int_equal(folio_error_set_offset(NULL, FOLIO_EFORMAT, text, TEXT_LEN, 4, "x"),
                     FOLIO_EFORMAT);
    folio_error_set_source(NULL, "a.txt");
    folio_error_clear(NULL);
}

static void test_error_message_is_truncated_safely(void **state)
{
    (void)state;
    char long_text[1000];
    memset(long_text, 'm', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    folio_error err;
    folio_error_set(&err, FOLIO_EFORMAT, "%s", long_text);
    assert_int_equal(strlen(err.message), sizeof err.message - 1);
    assert_memory_equal(err.message, long_text, sizeof err.message - 1);
    folio_error_set_at(&err, FOLIO_EFORMAT, 1, 1, "%s", long_text);
    assert_int_equal(strlen(err.message), sizeof err.message - 1);
    assert_int_equal(err.code, FOLIO_EFORMAT);
}

static void test_status_names_are_distinct_and_readable(void **state)
{
    (void)state;
    const int codes[] = {FOLIO_OK,      FOLIO_ERROR,        FOLIO_ENOMEM,  FOLIO_EIO,
                         FOLIO_EFORMAT, FOLIO_EUNSUPPORTED, FOLIO_EPLUGIN, FOLIO_EOPTION};
    size_t n = sizeof codes / sizeof codes[0];
    for (size_t i = 0; i < n; i++) {
        const char *name = folio_status_name(codes[i]);
        assert_non_null(name);
        assert_true(strlen(name) > 0);
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(name, folio_status_name(codes[j]));
    }
    assert_string_equal(folio_status_name(FOLIO_EFORMAT), "format error");
}

static void test_status_name_of_an_unknown_code_is_still_a_string(void **state)
{
    (void)state;
    assert_non_null(folio_status_name(-99));
    assert_non_null(folio_status_name(42));
}

static void expect_format(const char *source, unsigned line, unsigned column, const char *want)
{
    folio_error err;
    folio_error_set_at(&err, FOLIO_EFORMAT, line, column, "unknown block type");
    if (source)
        folio_error_set_source(&err, source);
    char buf[128];
    assert_ptr_equal(folio_error_format(&err, buf, sizeof buf), buf);
    assert_string_equal(buf, want);
}

static void test_error_format_writes_source_line_column_and_message(void **state)
{
    (void)state;
    expect_format("in.json", 3, 14, "in.json:3:14: unknown block type");
}

static void test_error_format_leaves_out_what_is_unknown(void **state)
{
    (void)state;
    expect_format(NULL, 3, 14, "3:14: unknown block type");
    expect_format("in.json", 0, 0, "in.json: unknown block type");
    expect_format("in.json", 3, 0, "in.json:3: unknown block type");
    expect_format(NULL, 0, 0, "unknown block type");
}

static void test_error_format_truncates_into_a_small_buffer(void **state)
{
    (void)state;
    folio_error err;
    folio_error_set_at(&err, FOLIO_EFORMAT, 3, 14, "unknown block type");
    folio_error_set_source(&err, "in.json");
    char buf[8];
    memset(buf, 'X', sizeof buf);
    assert_ptr_equal(folio_error_format(&err, buf, sizeof buf), buf);
    assert_string_equal(buf, "in.json");
    char one[1] = {'X'};
    folio_error_format(&err, one, sizeof one);
    assert_int_equal(one[0], '\0');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_error_set_fills_code_and_message_and_returns_the_code),
        cmocka_unit_test(test_error_set_clears_position_and_source),
        cmocka_unit_test(test_error_set_at_records_line_and_column),
        cmocka_unit_test(test_error_set_offset_counts_lines_from_one),
        cmocka_unit_test(test_error_set_offset_counts_columns_in_characters),
        cmocka_unit_test(test_error_set_offset_past_the_end_counts_as_the_end),
        cmocka_unit_test(test_position_matches_set_offset),
        cmocka_unit_test(test_position_counts_crlf_and_lone_cr_as_line_breaks),
        cmocka_unit_test(test_error_set_source_names_an_unnamed_error),
        cmocka_unit_test(test_error_set_source_keeps_the_innermost_name),
        cmocka_unit_test(test_error_set_source_truncates_a_long_name),
        cmocka_unit_test(test_error_clear_resets_everything),
        cmocka_unit_test(test_error_functions_accept_a_null_error),
        cmocka_unit_test(test_error_message_is_truncated_safely),
        cmocka_unit_test(test_status_names_are_distinct_and_readable),
        cmocka_unit_test(test_status_name_of_an_unknown_code_is_still_a_string),
        cmocka_unit_test(test_error_format_writes_source_line_column_and_message),
        cmocka_unit_test(test_error_format_leaves_out_what_is_unknown),
        cmocka_unit_test(test_error_format_truncates_into_a_small_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
