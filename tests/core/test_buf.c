/* SPDX-License-Identifier: MIT */
#include "test.h"

#include <stdlib.h>
#include <string.h>

static void assert_buf(const folio_buf *buf, const char *want, size_t len)
{
    assert_int_equal(buf->len, len);
    assert_non_null(buf->data);
    assert_memory_equal(buf->data, want, len);
    assert_int_equal(buf->data[len], '\0');
    assert_true(buf->cap > buf->len);
}

static void test_append_copies_bytes_and_terminates_them(void **state)
{
    (void)state;
    folio_buf buf = {0};
    char src[] = "abc";
    folio_buf_append(&buf, src, 3);
    src[0] = 'X';
    assert_buf(&buf, "abc", 3);
    folio_buf_append(&buf, "de", 2);
    assert_buf(&buf, "abcde", 5);
    folio_buf_free(&buf);
}

static void test_append_keeps_embedded_nul_bytes(void **state)
{
    (void)state;
    folio_buf buf = {0};
    folio_buf_append(&buf, "a\0b", 3);
    assert_buf(&buf, "a\0b", 3);
    folio_buf_free(&buf);
}

static void test_puts_putc_and_put_str_append_text(void **state)
{
    (void)state;
    folio_buf buf = {0};
    folio_buf_puts(&buf, "blå");
    folio_buf_putc(&buf, ' ');
    folio_buf_put_str(&buf, folio_str_n("bærxx", 4));
    folio_buf_puts(&buf, "");
    folio_buf_putc(&buf, '!');
    assert_buf(&buf, "blå bær!", strlen("blå bær!"));
    folio_buf_free(&buf);
}

static void test_putc_on_an_empty_buffer_terminates_it(void **state)
{
    (void)state;
    folio_buf buf = {0};
    folio_buf_putc(&buf, 'x');
    assert_buf(&buf, "x", 1);
    folio_buf_free(&buf);
}

static void test_printf_formats_and_appends(void **state)
{
    (void)state;
    folio_buf buf = {0};
    folio_buf_puts(&buf, ">");
    folio_buf_printf(&buf, "%d-%s-%zu", 42, "æ", (size_t)7);
    folio_buf_printf(&buf, "%s", "");
    assert_buf(&buf, ">42-æ-7", strlen(">42-æ-7"));
    folio_buf_free(&buf);
}

static void test_printf_grows_for_long_output(void **state)
{
    (void)state;
    size_t n = 100000;
    char *long_text = malloc(n + 1);
    assert_non_null(long_text);
    memset(long_text, 'q', n);
    long_text[n] = '\0';
    folio_buf buf = {0};
    folio_buf_putc(&buf, '[');
    folio_buf_printf(&buf, "%s]%d", long_text, 5);
    assert_int_equal(buf.len, n + 3);
    assert_int_equal(buf.data[0], '[');
    assert_memory_equal(buf.data + 1, long_text, n);
    assert_string_equal(buf.data + 1 + n, "]5");
    free(long_text);
    folio_buf_free(&buf);
}

static void test_reset_empties_but_keeps_memory(void **state)
{
    (void)state;
    folio_buf buf = {0};
    folio_buf_puts(&buf, "some text");
    char *data = buf.data;
    size_t cap = buf.cap;
    folio_buf_reset(&buf);
    assert_int_equal(buf.len, 0);
    assert_ptr_equal(buf.data, data);
    assert_int_equal(buf.cap, cap);
    assert_int_equal(buf.data[0], '\0');
    folio_buf_puts(&buf, "new");
    assert_buf(&buf, "new", 3);
    folio_buf_free(&buf);
}

static void test_free_releases_and_leaves_a_usable_empty_buffer(void **state)
{
    (void)state;
    folio_buf buf = {0};
    folio_buf_free(&buf);
    folio_buf_puts(&buf, "x");
    folio_buf_free(&buf);
    assert_null(buf.data);
    assert_int_equal(buf.len, 0);
    assert_int_equal(buf.cap, 0);
    folio_buf_free(&buf);
    folio_buf_puts(&buf, "again");
    assert_buf(&buf, "again", 5);
    folio_buf_free(&buf);
}

static void test_buffer_grows_to_ten_megabytes_in_small_steps(void **state)
{
    (void)state;
    folio_buf buf = {0};
    char chunk[1000];
    size_t steps = 10 * 1000 * 1000 / sizeof chunk;
    for (size_t i = 0; i < steps; i++) {
        memset(chunk, 'a' + (int)(i % 26), sizeof chunk);
        folio_buf_append(&buf, chunk, sizeof chunk);
    }
    assert_int_equal(buf.len, steps * sizeof chunk);
    assert_true(buf.cap > buf.len);
    assert_int_equal(buf.data[buf.len], '\0');
    for (size_t i = 0; i < steps; i++) {
        const char *p = buf.data + i * sizeof chunk;
        if (p[0] != 'a' + (int)(i % 26) || p[sizeof chunk - 1] != p[0])
            fail_msg("chunk %zu is corrupt", i);
    }
    folio_buf_free(&buf);
}

static void test_buffer_takes_ten_megabytes_at_once(void **state)
{
    (void)state;
    size_t n = 10u << 20;
    char *big = malloc(n);
    assert_non_null(big);
    for (size_t i = 0; i < n; i++)
        big[i] = (char)(i * 7);
    folio_buf buf = {0};
    folio_buf_putc(&buf, '<');
    folio_buf_append(&buf, big, n);
    assert_int_equal(buf.len, n + 1);
    assert_memory_equal(buf.data + 1, big, n);
    assert_int_equal(buf.data[n + 1], '\0');
    free(big);
    folio_buf_free(&buf);
}

static void test_buf_sink_appends_what_is_written(void **state)
{
    (void)state;
    folio_buf buf = {0};
    folio_buf_puts(&buf, "head:");
    folio_sink sink = folio_buf_sink(&buf);
    assert_int_equal(folio_sink_write(&sink, "ab", 2), FOLIO_OK);
    assert_int_equal(folio_sink_puts(&sink, "cø"), FOLIO_OK);
    assert_int_equal(folio_sink_put_str(&sink, folio_str_n("dexx", 2)), FOLIO_OK);
    assert_int_equal(folio_sink_write(&sink, "", 0), FOLIO_OK);
    assert_buf(&buf, "head:abcøde", strlen("head:abcøde"));
    folio_buf_free(&buf);
}

struct record {
    folio_buf seen;
    int calls;
    int result;
};

static int record_write(void *ctx, const void *data, size_t len)
{
    struct record *rec = ctx;
    rec->calls++;
    folio_buf_append(&rec->seen, data, len);
    return rec->result;
}

static void test_sink_functions_call_the_sink_with_its_context(void **state)
{
    (void)state;
    struct record rec = {.result = FOLIO_OK};
    folio_sink sink = {.write = record_write, .ctx = &rec};
    assert_int_equal(folio_sink_write(&sink, "x\0y", 3), FOLIO_OK);
    assert_int_equal(folio_sink_puts(&sink, "hei"), FOLIO_OK);
    assert_int_equal(folio_sink_put_str(&sink, folio_str_n("påxx", 3)), FOLIO_OK);
    assert_true(rec.calls >= 3);
    assert_buf(&rec.seen, "x\0yheipå", 9);
    folio_buf_free(&rec.seen);
}

static void test_sink_functions_return_what_the_sink_returned(void **state)
{
    (void)state;
    struct record rec = {.result = FOLIO_EIO};
    folio_sink sink = {.write = record_write, .ctx = &rec};
    assert_int_equal(folio_sink_write(&sink, "x", 1), FOLIO_EIO);
    assert_int_equal(folio_sink_puts(&sink, "x"), FOLIO_EIO);
    assert_int_equal(folio_sink_put_str(&sink, folio_str_c("x")), FOLIO_EIO);
    folio_buf_free(&rec.seen);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_append_copies_bytes_and_terminates_them),
        cmocka_unit_test(test_append_keeps_embedded_nul_bytes),
        cmocka_unit_test(test_puts_putc_and_put_str_append_text),
        cmocka_unit_test(test_putc_on_an_empty_buffer_terminates_it),
        cmocka_unit_test(test_printf_formats_and_appends),
        cmocka_unit_test(test_printf_grows_for_long_output),
        cmocka_unit_test(test_reset_empties_but_keeps_memory),
        cmocka_unit_test(test_free_releases_and_leaves_a_usable_empty_buffer),
        cmocka_unit_test(test_buffer_grows_to_ten_megabytes_in_small_steps),
        cmocka_unit_test(test_buffer_takes_ten_megabytes_at_once),
        cmocka_unit_test(test_buf_sink_appends_what_is_written),
        cmocka_unit_test(test_sink_functions_call_the_sink_with_its_context),
        cmocka_unit_test(test_sink_functions_return_what_the_sink_returned),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
