/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_CORE_ARENA_H
#define FOLIO_CORE_ARENA_H

#include <folio/arena.h>

/*
 * The arena of include/folio/arena.h, whose struct core embeds by value
 * (every node and string of a document lives in the document's arena).
 */
typedef struct folio_chunk folio_chunk;

struct folio_arena {
    folio_chunk *head; /* chunk being filled; older ones follow ->next */
    char *top;         /* first free byte of head */
    char *end;         /* end of head */
    size_t next_size;  /* capacity of the next chunk; grows as the document does */
};

/*
 * Grows the string at @s, of @len bytes plus its NUL, by @more bytes taken
 * from @add, in place when @s is the last allocation and there is room,
 * else by copying. An empty @s (even one not from the arena) is not read.
 * Returns the (maybe moved) string, NUL-terminated.
 */
char *folio_arena_extend(folio_arena *arena, char *s, size_t len, const char *add, size_t more);

/* Moves every chunk of @from into @into; @from is left empty. */
void folio_arena_take(folio_arena *into, folio_arena *from);

/* Releases every chunk of an arena embedded by value; it is left empty. */
void folio_arena_release(folio_arena *arena);

#endif
