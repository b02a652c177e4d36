/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE /* dladdr() */
#include "epub.h"
#include "epubw.h"

#include <string.h>

#include "../common/sibling.h"

/*
 * The parts of the epub plugin that are opened on first use: the reader
 * (libzip, libxml2 and ICU) in epub-read.so.0 and the drawn cover (cairo,
 * pango, fontconfig) in epub-cover.so.0. Writing a book with a cover given
 * loads neither; sniffing a file needs no library either, so it stays here.
 */
#define READ_MODULE "epub-read.so.0"
#define READ_SYMBOL "epub_book_reader"

const void *epub_module_symbol(const char *name, const char *symbol, folio_error *err)
{
    return sibling_symbol(&epub_writer, "epub", name, symbol, err);
}

static int lazy_read(folio_doc *doc, const unsigned char *data, size_t len, const folio_input *in,
                     const folio_options *opts, folio_error *err)
{
    const folio_reader *r = epub_module_symbol(READ_MODULE, READ_SYMBOL, err);
    if (!r)
        return FOLIO_EPLUGIN;
    return r->read(doc, data, len, in, opts, err);
}

/* OCF puts "mimetype" first and stored, so the type sits at byte 38 of every EPUB. */
static int epub_sniff(const unsigned char *data, size_t len)
{
    static const char head[] = "PK\3\4";
    static const char type[] = "mimetypeapplication/epub+zip";
    if (len < 4 || memcmp(data, head, 4) != 0)
        return 0;
    if (len >= 30 + sizeof type - 1 && memcmp(data + 30, type, sizeof type - 1) == 0)
        return 100;
    return 10;
}

static const char *const extensions[] = {"epub", NULL};

const folio_reader epub_reader = {
    .media_type = "application/epub+zip",
    .extensions = extensions,
    .read = lazy_read,
    .sniff = epub_sniff,
};
