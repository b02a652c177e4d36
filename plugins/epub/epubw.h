/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_EPUBW_H
#define FOLIO_EPUBW_H

/*
 * Inside the epub writer only: the plan of one book, made once by write.c
 * and read by the parts that serialise it (package document, navigation,
 * cover, archive).
 */

#include <folio/doc.h>
#include <folio/error.h>
#include <folio/options.h>
#include <folio/resource.h>
#include <folio/sink.h>

/* A picture packed into the book, under "images/<n>.<ext>". */
typedef struct epub_image {
    const folio_resource *res;
    char href[24];
} epub_image;

typedef struct epub_book {
    const folio_doc *doc;
    const folio_options *opts;
    const folio_node *meta; /* the node whose metadata describes the book */
    const folio_node **articles;
    size_t n_articles;
    epub_image *images;
    size_t n_images;
    folio_str title;
    folio_str lang;             /* the book's main language; "und" when none is known */
    folio_str date;             /* the date the book shows, absent when none */
    bool dated;                 /* date is one epub_parse_date() reads */
    char uid[64];               /* urn:uuid:... from the content (epub_content_uuid()) */
    folio_str identifier;       /* dc:identifier: the `id` meta, else uid */
    char modified[24];          /* dcterms:modified, "2023-09-13T00:00:00Z" */
    int64_t epoch;              /* the same moment, in seconds, for the archive's timestamps */
    const unsigned char *cover; /* the cover picture's bytes: given or drawn */
    size_t cover_len;
    const char *cover_type; /* "image/png" or "image/jpeg" */
    unsigned cover_width, cover_height;
    bool digest; /* several articles: a title page and a contents page */
} epub_book;

/* ---- zipw.c: a reproducible ZIP archive in memory ---- */

typedef struct zipw {
    folio_buf *out;
    folio_buf dir;                          /* the central directory, appended at the end */
    struct libdeflate_compressor *deflater; /* made for the first entry deflated */
    unsigned count;
    uint16_t dos_time, dos_date;
} zipw;

/* Starts an archive in @out whose entries all carry the time @epoch (UTC). */
void zipw_init(zipw *zw, folio_buf *out, int64_t epoch);

/* Adds an entry, stored or deflated at level 6. Returns FOLIO_OK or FOLIO_ERROR. */
int zipw_add(zipw *zw, const char *name, const void *data, size_t len, bool deflate,
             folio_error *err);

/* Writes the central directory. Returns FOLIO_OK or FOLIO_ERROR (too large for ZIP32). */
int zipw_finish(zipw *zw, folio_error *err);

/* Releases the archive's scratch (not @out). */
void zipw_free(zipw *zw);

/* ---- ident.c: identity and dates ---- */

/* Fills @book->uid from the content: a name-based (v5, SHA-1) UUID. */
void epub_content_uuid(epub_book *book);

/*
 * Reads a news date (YYYY, YYYY-MM, YYYY-MM-DD, with an optional time
 * "THH:MM[:SS[.fff]]" and zone) into seconds since 1970 UTC. False when
 * @s is no such date.
 */
bool epub_parse_date(folio_str s, int64_t *epoch);

/* Writes @epoch as "YYYY-MM-DDThh:mm:ssZ" into @out (24 bytes). */
void epub_format_date(int64_t epoch, char *out);

/* Splits @epoch into UTC calendar fields. */
void epub_civil(int64_t epoch, int *year, int *month, int *day, int *hour, int *minute,
                int *second);

/* ---- xml.c: small XML helpers ---- */

/* Appends @s escaped for XML text and attribute values; what XML 1.0 does not allow (C0
 * controls, U+FFFE, U+FFFF, bytes that are not UTF-8) becomes U+FFFD. */
void epub_escape(folio_buf *b, folio_str s);

/* Appends "<?xml ...?>" and the XHTML root with @lang, a <head> with @title. */
void epub_xhtml_open(folio_buf *b, folio_str lang, folio_str title, const char *body_type);

/* Closes what epub_xhtml_open() opened. */
void epub_xhtml_close(folio_buf *b);

/* ---- opf.c ---- */

/* The package document, EPUB/package.opf. */
void epub_write_opf(const epub_book *book, folio_buf *b);

/* The EPUB 2 navigation, EPUB/toc.ncx. */
void epub_write_ncx(const epub_book *book, folio_buf *b);

/* ---- nav.c ---- */

/* The navigation document, EPUB/nav.xhtml: contents and landmarks. */
void epub_write_nav(const epub_book *book, folio_buf *b);

/* The digest's title page, EPUB/title.xhtml. */
void epub_write_title_page(const epub_book *book, folio_buf *b);

/* The page that shows the cover, EPUB/cover.xhtml. */
void epub_write_cover_page(const epub_book *book, folio_buf *b);

/* The word for @what ("contents", "cover", "start") in the book's language. */
const char *epub_label(folio_str lang, const char *what);

/* ---- cover.c, png.c: the module epub-cover.so.0 ---- */

/*
 * The drawn cover lives in a module of its own that write.c opens only
 * when a book needs one (module.c): cairo, pango and fontconfig cost more
 * to load than the rest of a book takes to write. The module exports one
 * object of this type, named EPUB_COVER_SYMBOL.
 */
#define EPUB_COVER_MODULE "epub-cover.so.0"
#define EPUB_COVER_SYMBOL "epub_cover_module"

typedef struct epub_cover_api {
    /*
     * Draws a cover (title, date, source) as a PNG into @png. The same book
     * gives the same bytes. Returns FOLIO_OK or FOLIO_ERROR.
     */
    int (*draw)(const epub_book *book, folio_buf *png, unsigned *width, unsigned *height,
                folio_error *err);
} epub_cover_api;

/* ---- module.c ---- */

/*
 * The object @symbol of the module @name that sits beside the epub plugin,
 * opened on first use (and kept: RTLD_NODELETE); NULL with @err set
 * (FOLIO_EPLUGIN) when it cannot be opened or lacks the symbol.
 */
const void *epub_module_symbol(const char *name, const char *symbol, folio_error *err);

/* ---- png.c ---- */

/*
 * Appends to @png an 8-bit palette PNG of @width x @height pixels (at most
 * 32,767 wide): the palette's 256 RGB entries, then rows of indices
 * @stride bytes apart.
 */
void epub_png_write(folio_buf *png, const unsigned char palette[768], const unsigned char *px,
                    size_t stride, unsigned width, unsigned height);

/* ---- css.c ---- */

/* The stylesheet for e-readers, EPUB/style.css. */
const char *epub_stylesheet(void);

#endif
