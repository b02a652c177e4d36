/* SPDX-License-Identifier: MIT */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *test_source_path(const char *relpath)
{
    static char path[4096];
    const char *root = getenv("FOLIO_SOURCE_ROOT");
    snprintf(path, sizeof path, "%s/%s", root ? root : ".", relpath);
    return path;
}

char *test_read_file(const char *relpath, size_t *len)
{
    const char *path = test_source_path(relpath);
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    folio_buf buf = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        folio_buf_append(&buf, chunk, n);
    fclose(f);
    folio_buf_putc(&buf, '\0');
    buf.len--;
    if (len)
        *len = buf.len;
    return buf.data;
}

folio_registry *test_registry(void)
{
    return folio_registry_new(NULL);
}

int test_registry_setup(void **state)
{
    *state = test_registry();
    return 0;
}

int test_registry_teardown(void **state)
{
    folio_registry_free(*state);
    return 0;
}

folio_doc *test_read_file_ok(folio_registry *reg, const char *format, const char *relpath)
{
    size_t len;
    char *data = test_read_file(relpath, &len);
    folio_doc *doc;
    folio_error err = {0};
    int rc = test_read(&doc, reg, format, data, len, NULL, &err);
    free(data);
    if (rc != FOLIO_OK)
        fail_msg("%s:%u:%u: %s", relpath, err.line, err.column, err.message);
    return doc;
}

int test_read(folio_doc **out, folio_registry *reg, const char *format, const void *data,
              size_t len, const folio_options *opts, folio_error *err)
{
    return test_read_input(out, reg, format, data, len, NULL, opts, err);
}

int test_read_input(folio_doc **out, folio_registry *reg, const char *format, const void *data,
                    size_t len, const folio_input *in, const folio_options *opts, folio_error *err)
{
    const folio_plugin_desc *desc;
    *out = NULL;
    int rc = folio_registry_load(&desc, reg, format, FOLIO_CAN_READ, err);
    if (rc < 0)
        return rc;
    folio_doc *doc = folio_doc_new();
    rc = desc->reader->read(doc, data, len, in, opts, err);
    if (rc < 0) {
        folio_doc_free(doc);
        return rc;
    }
    *out = doc;
    return FOLIO_OK;
}

int test_write(folio_buf *out, folio_registry *reg, const char *format, const folio_doc *doc,
               const folio_options *opts, folio_error *err)
{
    const folio_plugin_desc *desc;
    int rc = folio_registry_load(&desc, reg, format, FOLIO_CAN_WRITE, err);
    if (rc < 0)
        return rc;
    folio_sink sink = folio_buf_sink(out);
    return desc->writer->write(doc, &sink, opts, err);
}

static void report_first_difference(const char *a, size_t alen, const char *b, size_t blen,
                                    const char *what)
{
    size_t i = 0, line = 1, bol = 0;
    while (i < alen && i < blen && a[i] == b[i]) {
        if (a[i] == '\n') {
            line++;
            bol = i + 1;
        }
        i++;
    }
    const char *ea = memchr(a + bol, '\n', alen - bol);
    const char *eb = memchr(b + bol, '\n', blen - bol);
    int la = (int)((ea ? (size_t)(ea - a) : alen) - bol);
    int lb = (int)((eb ? (size_t)(eb - b) : blen) - bol);
    print_error("%s differs at line %zu:\n  got:      %.*s\n  expected: %.*s\n", what, line, la,
                a + bol, lb, b + bol);
}

void test_assert_golden(const char *actual, size_t len, const char *relpath)
{
    const char *update = getenv("FOLIO_UPDATE_GOLDEN");
    if (update && strcmp(update, "1") == 0) {
        FILE *f = fopen(test_source_path(relpath), "wb");
        if (!f || fwrite(actual, 1, len, f) != len || fclose(f) != 0)
            fail_msg("cannot write %s", relpath);
        return;
    }
    size_t elen;
    char *expected = test_read_file(relpath, &elen);
    bool same = elen == len && memcmp(actual, expected, len) == 0;
    if (!same)
        report_first_difference(actual, len, expected, elen, relpath);
    free(expected);
    if (!same)
        fail_msg("output differs from %s", relpath);
}

void test_assert_str_equal(folio_str s, const char *expected, const char *file, int line)
{
    if (!expected && !s.data)
        return;
    if (expected && s.data && strlen(expected) == s.len && memcmp(s.data, expected, s.len) == 0)
        return;
    print_error("%s:%d: got \"%.*s\", expected \"%s\"\n", file, line, (int)s.len,
                s.data ? s.data : "(absent)", expected ? expected : "(absent)");
    fail();
}
