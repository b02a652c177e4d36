/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_TEST_H
#define FOLIO_TEST_H

/* cmocka 1.1 needs these before its header. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <folio.h>

/**
 * Reads a file named relative to the source tree ($FOLIO_SOURCE_ROOT) into
 * a NUL-terminated malloc'd buffer; fails the test if it cannot.
 */
char *test_read_file(const char *relpath, size_t *len);

/** The absolute path of @relpath in the source tree, in a static buffer. */
const char *test_source_path(const char *relpath);

/** A registry on $FOLIO_PLUGIN_PATH (set by meson test). */
folio_registry *test_registry(void);

/** cmocka group set-up and tear-down: a registry in *@state, freed after. */
int test_registry_setup(void **state);
int test_registry_teardown(void **state);

/**
 * Reads the file @relpath (from the source root) with format @format's
 * reader; fails the test, naming the position, when it does not read.
 */
folio_doc *test_read_file_ok(folio_registry *reg, const char *format, const char *relpath);

/**
 * Reads @len bytes at @data with format @format's plugin into a new doc.
 * Returns the reader's status; *out is the doc on success, NULL otherwise.
 */
int test_read(folio_doc **out, folio_registry *reg, const char *format, const void *data,
              size_t len, const folio_options *opts, folio_error *err);

/* test_read() for an input that came from somewhere: @in names it and loads what it refers to. */
int test_read_input(folio_doc **out, folio_registry *reg, const char *format, const void *data,
                    size_t len, const folio_input *in, const folio_options *opts, folio_error *err);

/** Writes @doc with format @format's plugin into @out (appended). */
int test_write(folio_buf *out, folio_registry *reg, const char *format, const folio_doc *doc,
               const folio_options *opts, folio_error *err);

/**
 * Compares @len bytes at @actual with the file @relpath in the source
 * tree and fails the test, printing the first differing line, when they
 * differ. With FOLIO_UPDATE_GOLDEN=1 in the environment it rewrites the
 * file instead (for reviewing changes with git diff).
 */
void test_assert_golden(const char *actual, size_t len, const char *relpath);

/** Fails the test, printing both, unless @s holds exactly @expected. */
#define assert_str_equal(s, expected) test_assert_str_equal((s), (expected), __FILE__, __LINE__)
void test_assert_str_equal(folio_str s, const char *expected, const char *file, int line);

#endif
