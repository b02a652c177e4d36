/* SPDX-License-Identifier: MIT */
/* MAP_ANONYMOUS and MADV_HUGEPAGE are not POSIX. */
#define _DEFAULT_SOURCE
#include "arena.h"

#include <folio/common.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

struct folio_chunk {
    folio_chunk *next;
    size_t size; /* bytes mapped with mmap, including this header; 0 if from malloc */
    alignas(max_align_t) char data[];
};

/*
 * Chunks start small, so that a short article costs one malloc, and double
 * up to MAX_CHUNK as a document grows. Large chunks are mapped on 2 MiB
 * boundaries with MADV_HUGEPAGE: reading 100 MB of text would otherwise
 * take tens of thousands of page faults, which dominate the run time.
 */
enum {
    ALIGN = alignof(max_align_t),
    FIRST_CHUNK = 64 * 1024,
    MAX_CHUNK = 64 * 1024 * 1024,
    HUGE_PAGE = 2 * 1024 * 1024,
};

static size_t round_up(size_t n)
{
    return (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
}

/* Maps @size bytes (a multiple of HUGE_PAGE) at a HUGE_PAGE boundary. */
static folio_chunk *map_chunk(size_t size)
{
    char *p =
        mmap(NULL, size + HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        folio_oom();
    size_t lead = (HUGE_PAGE - (uintptr_t)p % HUGE_PAGE) % HUGE_PAGE;
    if (lead)
        munmap(p, lead);
    munmap(p + lead + size, HUGE_PAGE - lead);
    folio_chunk *c = (folio_chunk *)(p + lead);
#ifdef MADV_HUGEPAGE
    madvise(c, size, MADV_HUGEPAGE); /* advice only: without it, small pages */
#endif
    c->size = size;
    return c;
}

/* Returns a chunk with room for at least @need bytes of data, and its capacity. */
static folio_chunk *new_chunk(folio_arena *arena, size_t need, size_t *cap)
{
    size_t size = arena->next_size ? arena->next_size : FIRST_CHUNK;
    if (size < MAX_CHUNK)
        arena->next_size = 2 * size;
    if (need > SIZE_MAX / 2 - HUGE_PAGE)
        folio_oom();
    if (size < need + sizeof(folio_chunk))
        size = need + sizeof(folio_chunk);
    folio_chunk *c;
    if (size >= HUGE_PAGE) {
        size = (size + HUGE_PAGE - 1) & ~(size_t)(HUGE_PAGE - 1);
        c = map_chunk(size);
    } else {
        c = malloc(size);
        if (!c)
            folio_oom();
        c->size = 0;
    }
    *cap = size - sizeof(folio_chunk);
    return c;
}

/* A request larger than what is left gets a new head chunk; the little the
 * old head had left (less than this request) is given up. */
static void *alloc_chunk(folio_arena *arena, size_t size)
{
    size_t cap;
    folio_chunk *c = new_chunk(arena, size, &cap);
    c->next = arena->head;
    arena->head = c;
    arena->top = c->data + size;
    arena->end = c->data + cap;
    return c->data;
}

void *folio_arena_alloc(folio_arena *arena, size_t size)
{
    size_t need = round_up(size ? size : 1);
    if (need < size)
        folio_oom();
    if ((size_t)(arena->end - arena->top) < need)
        return alloc_chunk(arena, need);
    void *p = arena->top;
    arena->top += need;
    return p;
}

void *folio_arena_calloc(folio_arena *arena, size_t size)
{
    void *p = folio_arena_alloc(arena, size);
    memset(p, 0, size);
    return p;
}

char *folio_arena_strndup(folio_arena *arena, const char *s, size_t len)
{
    if (len == SIZE_MAX)
        folio_oom();
    char *p = folio_arena_alloc(arena, len + 1);
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *folio_arena_extend(folio_arena *arena, char *s, size_t len, const char *add, size_t more)
{
    if (len == 0)
        return folio_arena_strndup(arena, add, more);
    if (more > SIZE_MAX - len - 1)
        folio_oom();
    char *old_end = s + round_up(len + 1);
    size_t new_size = round_up(len + more + 1);
    if (old_end == arena->top && (size_t)(arena->end - s) >= new_size) {
        arena->top = s + new_size;
    } else {
        char *p = folio_arena_alloc(arena, len + more + 1);
        memcpy(p, s, len);
        s = p;
    }
    memcpy(s + len, add, more);
    s[len + more] = '\0';
    return s;
}

void folio_arena_take(folio_arena *into, folio_arena *from)
{
    if (!from->head)
        return;
    folio_chunk *last = from->head;
    while (last->next)
        last = last->next;
    if (into->head) {
        /* Keep filling into's head; from's chunks go behind it. */
        last->next = into->head->next;
        into->head->next = from->head;
    } else {
        *into = *from;
    }
    *from = (folio_arena){0};
}

folio_arena *folio_arena_new(void)
{
    folio_arena *arena = calloc(1, sizeof *arena);
    if (!arena)
        folio_oom();
    return arena;
}

void folio_arena_free(folio_arena *arena)
{
    if (!arena)
        return;
    folio_arena_release(arena);
    free(arena);
}

void folio_arena_release(folio_arena *arena)
{
    folio_chunk *c = arena->head;
    while (c) {
        folio_chunk *next = c->next;
        if (c->size)
            munmap(c, c->size);
        else
            free(c);
        c = next;
    }
    *arena = (folio_arena){0};
}
