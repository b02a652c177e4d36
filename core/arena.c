/* SPDX-License-Identifier: MIT */
#include "arena.h"

#include <folio/common.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct folio_chunk {
    folio_chunk *next;
    alignas(max_align_t) char data[];
};

enum { CHUNK_SIZE = 64 * 1024, ALIGN = alignof(max_align_t) };

static size_t round_up(size_t n)
{
    return (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
}

/* A large request gets a chunk of its own, kept behind the head so that the
 * head's free space is not thrown away. */
static void *alloc_chunk(folio_arena *arena, size_t size)
{
    size_t cap = size > CHUNK_SIZE / 4 ? size : CHUNK_SIZE;
    if (cap > SIZE_MAX - sizeof(folio_chunk))
        folio_oom();
    folio_chunk *c = malloc(sizeof *c + cap);
    if (!c)
        folio_oom();
    if (cap == size && arena->head) {
        c->next = arena->head->next;
        arena->head->next = c;
        return c->data;
    }
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

void folio_arena_release(folio_arena *arena)
{
    folio_chunk *c = arena->head;
    while (c) {
        folio_chunk *next = c->next;
        free(c);
        c = next;
    }
    *arena = (folio_arena){0};
}
