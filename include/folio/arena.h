/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_ARENA_H
#define FOLIO_ARENA_H

#include <folio/common.h>

/**
 * Scratch memory released all at once: a bump allocator for plugins that
 * build a temporary tree while they read (a parsed JSON or XML document).
 * Each folio_doc keeps its nodes and strings in one of these. Chunks grow
 * with use, and large ones are backed by huge pages where the system offers
 * them, so a tree of millions of small objects costs few page faults.
 * Out of memory aborts in folio_oom(): allocation cannot fail.
 */
typedef struct folio_arena folio_arena;

/** Creates an empty arena. Cannot fail. */
FOLIO_API folio_arena *folio_arena_new(void);

/** Releases the arena and everything allocated from it. Accepts NULL. */
FOLIO_API void folio_arena_free(folio_arena *arena);

/** Returns @size bytes aligned for any object, valid until the arena is freed. */
FOLIO_API void *folio_arena_alloc(folio_arena *arena, size_t size);

/** Like folio_arena_alloc(), with the memory zeroed. */
FOLIO_API void *folio_arena_calloc(folio_arena *arena, size_t size);

/** Copies @len bytes at @s into the arena and adds a NUL. */
FOLIO_API char *folio_arena_strndup(folio_arena *arena, const char *s, size_t len);

#endif
