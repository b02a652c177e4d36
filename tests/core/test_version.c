/* SPDX-License-Identifier: MIT */
/*
 * The version is written once, in meson.build's project(): FOLIO_VERSION in
 * <folio/common.h> (what plugin authors compile against) and the library's
 * folio_version() must say the same. tests/meson.build passes meson's
 * project version as PROJECT_VERSION; meson.build refuses to configure
 * when common.h disagrees, and this test checks what was built.
 */
#include "test.h"

#include <folio.h>
#include <string.h>

#ifndef PROJECT_VERSION
#error "tests/meson.build passes PROJECT_VERSION, meson.project_version()"
#endif

static void test_header_version_is_the_project_version(void **state)
{
    (void)state;
    assert_string_equal(FOLIO_VERSION, PROJECT_VERSION);
}

static void test_library_version_is_the_project_version(void **state)
{
    (void)state;
    assert_string_equal(folio_version(), PROJECT_VERSION);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_version_is_the_project_version),
        cmocka_unit_test(test_library_version_is_the_project_version),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
