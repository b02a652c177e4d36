/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_EPUB_READ_EPUB_H
#define FOLIO_EPUB_READ_EPUB_H

/*
 * The EPUB reader's parts (read.c, read_zip.c, read_opf.c): the archive
 * opened safely from memory, the package document, and the paths between.
 * The limits are documented in docs/epub.md, "Reading safely".
 */

#include <folio/arena.h>
#include <folio/error.h>
#include <folio/sink.h>

/* ---- the archive (read_zip.c) ---- */

/* At most this many entries in a book. */
#define EPUB_ENTRIES_MAX 10000u
/* No entry may expand to more than this. */
#define EPUB_ENTRY_SIZE_MAX ((uint64_t)256 << 20)
/* Nor compress better than this (uncompressed : compressed)... */
#define EPUB_RATIO_MAX 100u
/* ...unless it is this small. */
#define EPUB_RATIO_FREE ((uint64_t)1 << 20)
/* All entries read add up to at most min(TOTAL_MAX, TOTAL_BASE + RATIO_MAX x input). */
#define EPUB_TOTAL_BASE ((uint64_t)16 << 20)
#define EPUB_TOTAL_MAX ((uint64_t)1 << 30)

typedef struct epub_zip epub_zip;

/*
 * Opens the zip archive in @len bytes at @data (borrowed: it must outlive
 * the handle) and checks every entry's name, encryption and the entry
 * count before anything is read. FOLIO_EFORMAT names the entry at fault in
 * err->source.
 */
int epub_zip_open(epub_zip **out, const unsigned char *data, size_t len, folio_error *err);

/* Closes the archive. Accepts NULL. */
void epub_zip_close(epub_zip *zip);

/* True when the archive holds an entry named exactly @name. */
bool epub_zip_has(const epub_zip *zip, const char *name);

/*
 * Appends entry @name's bytes (NUL-terminated) to @out, within the limits
 * above and checked against the sizes the archive states. FOLIO_EFORMAT
 * with err->source = @name when it is missing, too large, a zip bomb,
 * damaged or uses a method EPUB does not allow.
 */
int epub_zip_read(epub_zip *zip, const char *name, folio_buf *out, folio_error *err);

/*
 * Resolves @href (an IRI as the book writes it, @len bytes) against the
 * folder of entry @base into an entry name appended to @out: drops a
 * fragment, decodes %XX, resolves "." and "..". FOLIO_EUNSUPPORTED for a
 * URL with a scheme or an absolute path, FOLIO_EFORMAT for one that
 * leaves the book or decodes to a bad name.
 */
int epub_path_resolve(folio_buf *out, const char *base, const char *href, size_t len,
                      folio_error *err);

/* ---- the package document (read_opf.c) ---- */

/*
 * The offset of the first "<!ENTITY" in @len bytes at @data, in any
 * encoding libxml2 would read (UTF-16 and UTF-32 too; 0 for EBCDIC), or
 * SIZE_MAX. EPUB's XML has no use for entities, and every XXE, "billion
 * laughs" and quadratic-blowup attack needs one: the reader refuses
 * every file that declares one, before any parser sees it.
 */
size_t epub_find_entity(const unsigned char *data, size_t len);

typedef struct epub_item {
    const char *id;
    const char *entry;      /* the href resolved to an entry name */
    const char *media_type; /* "" when absent */
    const char *properties; /* "" when absent */
} epub_item;

typedef struct epub_spine_ref {
    const epub_item *item;
    bool linear;
    unsigned line; /* of the itemref, for errors */
} epub_spine_ref;

/* Dublin Core values the reader uses; NULL when the package has none. */
typedef enum epub_dc {
    EPUB_DC_TITLE,
    EPUB_DC_SUBTITLE,
    EPUB_DC_LANGUAGE,
    EPUB_DC_DATE,
    EPUB_DC_PUBLISHER,
    EPUB_DC_RIGHTS,
    EPUB_DC_IDENTIFIER,
    EPUB_DC_DESCRIPTION,
    EPUB_DC_COUNT
} epub_dc;

typedef struct epub_package {
    const char *entry; /* the package document's entry name */
    const char *dc[EPUB_DC_COUNT];
    const char **creators; /* authors, in order */
    size_t creator_count;
    const epub_item *items;
    size_t item_count;
    const epub_spine_ref *spine;
    size_t spine_count;
    const char **skip; /* entries the guide names as cover, title page or contents */
    size_t skip_count;
    bool folio; /* made by Folio (its generator meta) */
} epub_package;

/*
 * Reads META-INF/container.xml from @zip and appends the package
 * document's entry name to @out.
 */
int epub_container_read(epub_zip *zip, folio_buf *out, folio_error *err);

/* A list of entry names. */
typedef struct epub_names {
    const char **names;
    size_t count, cap;
} epub_names;

/*
 * The entries META-INF/encryption.xml says are encrypted (fonts that are
 * only obfuscated, and what DRM locks), into @out; none without the file.
 */
int epub_encryption_read(epub_names *out, folio_arena *arena, epub_zip *zip, folio_error *err);

/* True when @list (as epub_encryption_read() made it, sorted) holds @name. */
bool epub_names_has(const epub_names *list, const char *name);

/*
 * Parses the package document @entry (@len bytes at @data) into @pkg,
 * every string in @arena. FOLIO_EFORMAT with the entry, line and column.
 */
int epub_package_parse(epub_package *pkg, folio_arena *arena, const char *entry, const char *data,
                       size_t len, folio_error *err);

#endif
