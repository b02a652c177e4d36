/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_CORE_ARENA_H
#define FOLIO_CORE_ARENA_H

#include <stddef.h>

/*
 * A bump allocator: memory comes from chunks that are only ever released
 * together. Every node and string of a document lives in its arena.
 */
typedef struct folio_chunk folio_chunk;

typedef struct folio_arena {
    folio_chunk *head; /* chunk being filled; older ones follow ->next */
    char *top;         /* first free byte of head */
    char *end;         /* end of head */
    size_t next_size;  /* capacity of the next chunk; grows as the document does */
} folio_arena;

/* Returns @size bytes aligned for any object; out of memory aborts. */
void *folio_arena_alloc(folio_arena *arena, size_t size);

/* Returns zeroed memory. */
void *folio_arena_calloc(folio_arena *arena, size_t size);

/* Copies @len bytes and adds a NUL. */
char *folio_arena_strndup(folio_arena *arena, const char *s, size_t len);

/*
 * Grows the string at @s, of @len bytes plus its NUL, by @more bytes taken
 * from @add, in place when @s is the last allocation and there is room,
 * else by copying. An empty @s (even one not from the arena) is not read.
 * Returns the (maybe moved) string, NUL-terminated.
 */
char *folio_arena_extend(folio_arena *arena, char *s, size_t len, const char *add, size_t more);

/* Moves every chunk of @from into @into; @from is left empty. */
void folio_arena_take(folio_arena *into, folio_arena *from);

/* Releases every chunk. */
void folio_arena_release(folio_arena *arena);

#endif
