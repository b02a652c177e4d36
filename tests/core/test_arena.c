/* SPDX-License-Identifier: MIT */
#include "test.h"

#include <stdalign.h>
#include <string.h>

static void test_arena_returns_aligned_distinct_memory(void **state)
{
    (void)state;
    folio_arena *arena = folio_arena_new();
    char *prev = NULL;
    for (size_t size = 0; size < 100; size++) {
        char *p = folio_arena_alloc(arena, size);
        assert_int_equal((uintptr_t)p % alignof(max_align_t), 0);
        assert_ptr_not_equal(p, prev);
        memset(p, 0xAB, size);
        prev = p;
    }
    folio_arena_free(arena);
}

static void test_arena_calloc_zeroes_and_strndup_terminates(void **state)
{
    (void)state;
    folio_arena *arena = folio_arena_new();
    unsigned char *z = folio_arena_calloc(arena, 64);
    for (size_t i = 0; i < 64; i++)
        assert_int_equal(z[i], 0);
    char *s = folio_arena_strndup(arena, "Nord-Korea og mer", 10);
    assert_string_equal(s, "Nord-Korea");
    char *empty = folio_arena_strndup(arena, NULL, 0);
    assert_string_equal(empty, "");
    folio_arena_free(arena);
}

/* Chunks grow past the huge-page size: every byte handed out must stay
 * readable and keep its value until the arena is freed (run under ASan). */
static void test_arena_keeps_every_allocation_as_it_grows(void **state)
{
    (void)state;
    folio_arena *arena = folio_arena_new();
    enum { COUNT = 20000 };
    static unsigned *blocks[COUNT];
    for (unsigned i = 0; i < COUNT; i++) {
        size_t n = 1 + i % 300;
        blocks[i] = folio_arena_alloc(arena, n * sizeof(unsigned));
        for (size_t k = 0; k < n; k++)
            blocks[i][k] = i;
    }
    unsigned *big = folio_arena_alloc(arena, 8u << 20);
    memset(big, 0x5A, 8u << 20);
    for (unsigned i = 0; i < COUNT; i++)
        assert_int_equal(blocks[i][i % 300], i);
    folio_arena_free(arena);
}

static void test_arena_free_accepts_null(void **state)
{
    (void)state;
    folio_arena_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena_returns_aligned_distinct_memory),
        cmocka_unit_test(test_arena_calloc_zeroes_and_strndup_terminates),
        cmocka_unit_test(test_arena_keeps_every_allocation_as_it_grows),
        cmocka_unit_test(test_arena_free_accepts_null),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
