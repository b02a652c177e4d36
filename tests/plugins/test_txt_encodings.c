/* SPDX-License-Identifier: MIT */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Legacy encodings are decoded as the text is normalised, a piece at a time
 * (issue 12: they were decoded whole first, into two or three times the
 * input). Whatever the encoding, the same text must read to the same
 * document with the same warnings, also where a piece ends in the middle of
 * a line longer than a piece (an iconv encoding cuts those every megabyte).
 */

/* Characters in a piece of UTF-16 that normalise.c decodes at a time. */
#define PIECE_CHARS ((size_t)1 << 19)

/* A text as code points, encoded by the test itself. */
typedef struct text {
    uint32_t *cp;
    size_t len, cap;
} text;

static void add(text *t, const char *ascii_or_utf8)
{
    const unsigned char *p = (const unsigned char *)ascii_or_utf8;
    while (*p) {
        uint32_t c = *p++;
        if (c >= 0xC0) { /* the tests' own two-byte letters only */
            c = (c & 0x1F) << 6 | (*p++ & 0x3F);
        }
        if (t->len == t->cap) {
            t->cap = t->cap ? 2 * t->cap : 1024;
            t->cp = realloc(t->cp, t->cap * sizeof *t->cp);
            assert_non_null(t->cp);
        }
        t->cp[t->len++] = c;
    }
}

static char *encode(const text *t, const char *encoding, size_t *len)
{
    char *out = malloc(4 * t->len + 1), *o = out;
    assert_non_null(out);
    for (size_t i = 0; i < t->len; i++) {
        uint32_t c = t->cp[i];
        if (strcmp(encoding, "UTF-16LE") == 0) {
            *o++ = (char)(c & 0xFF);
            *o++ = (char)(c >> 8);
        } else if (strcmp(encoding, "latin1") == 0) {
            *o++ = (char)c;
        } else if (c < 0x80) {
            *o++ = (char)c;
        } else {
            *o++ = (char)(0xC0 | c >> 6);
            *o++ = (char)(0x80 | (c & 0x3F));
        }
    }
    *len = (size_t)(o - out);
    return out;
}

static void collect(const folio_error *w, void *ctx)
{
    folio_buf *b = ctx;
    char line[400];
    int n = snprintf(line, sizeof line, "%u:%u: %s\n", w->line, w->column, w->message);
    folio_buf_append(b, line, (size_t)n);
}

/* Reads @t in @encoding and writes it as JSON, followed by its warnings. */
static void read_as(void **state, const text *t, const char *encoding, folio_buf *out)
{
    size_t len;
    char *data = encode(t, encoding, &len);
    folio_options *o = folio_options_new();
    folio_options_set(o, "txt.encoding", encoding);
    folio_buf warnings = {0};
    folio_options_set_warning_handler(o, collect, &warnings);
    folio_doc *doc;
    folio_error err = {0};
    int rc = test_read(&doc, *state, "txt", data, len, o, &err);
    if (rc != FOLIO_OK)
        fail_msg("%s: %u:%u: %s", encoding, err.line, err.column, err.message);
    assert_int_equal(test_write(out, *state, "json", doc, NULL, &err), FOLIO_OK);
    folio_buf_append(out, warnings.data, warnings.len);
    folio_buf_free(&warnings);
    folio_doc_free(doc);
    folio_options_free(o);
    free(data);
}

static void assert_same(const folio_buf *a, const folio_buf *b, const char *what)
{
    size_t i = 0;
    while (i < a->len && i < b->len && a->data[i] == b->data[i])
        i++;
    if (i < a->len || i < b->len)
        fail_msg("%s differs from UTF-8 at byte %zu of %zu/%zu: \"%.30s\" for \"%.30s\"", what, i,
                 a->len, b->len, b->data + (i >= 10 && i < b->len ? i - 10 : 0),
                 a->data + (i >= 10 && i < a->len ? i - 10 : 0));
}

/*
 * Lines of 1.5 MB with white space of every kind: runs of spaces and tabs,
 * no-break spaces, CRLF and lone CRs, a control. A piece of UTF-16 is 2^20
 * bytes: the characters at each piece's end are white space that the cut
 * leaves at the end of the output and that must stay, as the line goes on
 * (@variant 0: a space and a no-break space or a tab), or a CRLF cut in two
 * that is one line break, not two (@variant 1: every second piece, so that
 * the line before is longer than a piece).
 */
static void build(text *t, int variant)
{
    static const char *const units[] = {"ord  \t",      "\xC2\xA0", "l\xC3\xA6re ",
                                        "\t\xC2\xA0 x", "  ",       "\xC3\xB8"};
    add(t, "title Lange linjer\n\n");
    for (int line = 0; line < 3; line++) {
        for (size_t i = 0; t->len < (size_t)(line + 1) * 1500000; i++)
            add(t, units[(i * 7 + (size_t)line) % 6]);
        add(t, line == 0 ? " \xC2\xA0\t\r\n\r\n" : line == 1 ? "\x01 end\r\r" : "\n");
    }
    for (size_t at = PIECE_CHARS; at + 1 < t->len; at += PIECE_CHARS) {
        bool inside = true;
        for (size_t i = at - 3; i <= at + 1; i++)
            inside = inside && t->cp[i] != '\n' && t->cp[i] != '\r';
        if (inside && variant == 1 && (at / PIECE_CHARS) % 2 == 0) {
            t->cp[at - 1] = '\r';
            t->cp[at] = '\n';
        } else if (inside && variant == 0) {
            t->cp[at - 3] = 'w';
            t->cp[at - 2] = ' ';
            t->cp[at - 1] = (at / PIECE_CHARS) % 2 ? 0xA0 : '\t';
            t->cp[at] = 'q';
        }
    }
}

static void test_txt_long_lines_read_alike_in_every_encoding(void **state)
{
    for (int variant = 0; variant < 2; variant++) {
        text t = {0};
        build(&t, variant);
        folio_buf utf8 = {0}, latin1 = {0}, utf16 = {0};
        read_as(state, &t, "utf-8", &utf8);
        read_as(state, &t, "latin1", &latin1);
        read_as(state, &t, "UTF-16LE", &utf16);
        assert_true(utf8.len > 4000000);
        assert_same(&utf8, &latin1, "latin1");
        assert_same(&utf8, &utf16, "UTF-16LE");
        folio_buf_free(&utf8);
        folio_buf_free(&latin1);
        folio_buf_free(&utf16);
        free(t.cp);
    }
}

/* A header line longer than a piece is still one field. */
static void test_txt_a_header_line_longer_than_a_piece_is_one_field(void **state)
{
    text t = {0};
    add(&t, "title ");
    while (t.len < 1500000)
        add(&t, "lang tittel ");
    add(&t, "slutt\nsource NTB\n\nBr\xC3\xB8"
            "dtekst.\n");
    folio_buf utf8 = {0}, utf16 = {0};
    read_as(state, &t, "utf-8", &utf8);
    read_as(state, &t, "UTF-16LE", &utf16);
    assert_non_null(strstr(utf8.data, "slutt\",\n    \"source\": \"NTB\""));
    assert_same(&utf8, &utf16, "UTF-16LE");
    folio_buf_free(&utf8);
    folio_buf_free(&utf16);
    free(t.cp);
}

/* A byte the encoding lacks, after more than a piece of text, is placed by
 * character in the whole input, not in the piece. */
static void test_txt_an_undecodable_byte_after_a_piece_is_placed_in_the_input(void **state)
{
    text t = {0};
    add(&t, "title Feil\n\n");
    while (t.len < 1500000)
        add(&t, "abc def\r\n");
    add(&t, "xy");
    size_t len;
    char *data = encode(&t, "UTF-16LE", &len);
    data = realloc(data, len + 2);
    memcpy(data + len, "\x00\xDC", 2); /* a lone low surrogate */
    folio_options *o = folio_options_new();
    folio_options_set(o, "txt.encoding", "UTF-16LE");
    folio_doc *doc;
    folio_error err = {0};
    assert_int_equal(test_read(&doc, *state, "txt", data, len + 2, o, &err), FOLIO_EFORMAT);
    assert_int_equal(err.line, 3 + (1500000 - 12 + 8) / 9);
    assert_int_equal(err.column, 3);
    folio_options_free(o);
    free(data);
    free(t.cp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_txt_long_lines_read_alike_in_every_encoding),
        cmocka_unit_test(test_txt_a_header_line_longer_than_a_piece_is_one_field),
        cmocka_unit_test(test_txt_an_undecodable_byte_after_a_piece_is_placed_in_the_input),
    };
    return cmocka_run_group_tests(tests, test_registry_setup, test_registry_teardown);
}
