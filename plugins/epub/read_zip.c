/* SPDX-License-Identifier: MIT */
#include "read_epub.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

/*
 * The archive, read from memory and never trusted: every size the zip
 * states is checked before a byte is inflated, and again against what
 * inflating actually gives, so a zip bomb or a lying header costs at most
 * the stated size plus one chunk. Nothing is ever extracted to disk.
 */

struct epub_zip {
    zip_t *zip;
    uint64_t limit;  /* uncompressed bytes all reads may add up to */
    uint64_t budget; /* what is left of it */
};

#define CHUNK ((uint64_t)64 << 10)

/* A format error about entry @name, which it names as its source. */
static int FOLIO_PRINTF(3, 4) entry_error(folio_error *err, const char *name, const char *fmt, ...)
{
    char msg[sizeof err->message];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    folio_error_set(err, FOLIO_EFORMAT, "%s", msg);
    /* A hostile name may hold terminal escapes: the message shows it tamed. */
    char shown[sizeof err->source];
    size_t i = 0;
    for (; name[i] && i + 1 < sizeof shown; i++)
        shown[i] = (unsigned char)name[i] < 0x20 || name[i] == 0x7f ? '?' : name[i];
    shown[i] = '\0';
    folio_error_set_source(err, shown);
    return FOLIO_EFORMAT;
}

/*
 * OCF names are relative paths with '/' between segments. A name that is
 * absolute, climbs out with "..", uses '\' or a drive letter, or holds
 * control characters is what path-traversal attacks on unzippers use: a
 * book has no honest reason for one, so it is refused outright.
 */
static bool name_is_safe(const char *name)
{
    if (!name[0] || name[0] == '/')
        return false;
    if (((name[0] | 0x20) >= 'a' && (name[0] | 0x20) <= 'z') && name[1] == ':')
        return false;
    const char *seg = name;
    for (const char *p = name;; p++) {
        if (*p == '/' || *p == '\0') {
            if (p - seg == 2 && seg[0] == '.' && seg[1] == '.')
                return false;
            if (*p == '\0')
                return true;
            seg = p + 1;
        } else if (*p == '\\' || (unsigned char)*p < 0x20 || *p == 0x7f) {
            return false;
        }
    }
}

/*
 * A zip cut short has lost its central directory, so libzip knows no
 * entry; the last local header left names what was cut, which tells the
 * user more than "not a zip archive".
 */
static void name_cut_entry(const unsigned char *data, size_t len, folio_error *err)
{
    for (size_t i = len >= 30 ? len - 30 : 0; i-- > 0;) {
        if (memcmp(data + i, "PK\3\4", 4) != 0)
            continue;
        size_t n = data[i + 26] | (size_t)data[i + 27] << 8;
        if (n == 0 || n > 255 || i + 30 + n > len)
            continue;
        char name[256];
        memcpy(name, data + i + 30, n);
        name[n] = '\0';
        if (name_is_safe(name))
            folio_error_set_source(err, name);
        return;
    }
}

static int open_error(const unsigned char *data, size_t len, zip_error_t *zerr, folio_error *err)
{
    int code = zip_error_code_zip(zerr);
    if (code == ZIP_ER_NOZIP && len >= 4 && memcmp(data, "PK\3\4", 4) == 0) {
        folio_error_set(err, FOLIO_EFORMAT,
                        "the zip archive is cut short: its central directory is missing");
        name_cut_entry(data, len, err);
    } else if (code == ZIP_ER_NOZIP) {
        folio_error_set(err, FOLIO_EFORMAT, "not a zip archive, so not an EPUB");
    } else if (code == ZIP_ER_EXISTS) {
        folio_error_set(err, FOLIO_EFORMAT, "two entries of the zip archive have the same name");
    } else if (code == ZIP_ER_INCONS) {
        /* Also where a local header names another file than the directory does: what
         * tricks an unzipper that reads one of them into seeing a different book. */
        folio_error_set(err, FOLIO_EFORMAT,
                        "damaged or crafted zip archive: its headers disagree (%s)",
                        zip_error_strerror(zerr));
    } else {
        folio_error_set(err, FOLIO_EFORMAT, "damaged zip archive: %s", zip_error_strerror(zerr));
    }
    zip_error_fini(zerr);
    return FOLIO_EFORMAT;
}

static int check_entry(zip_t *zip, zip_uint64_t index, folio_error *err)
{
    zip_stat_t st;
    if (zip_stat_index(zip, index, 0, &st) < 0 || !(st.valid & ZIP_STAT_NAME))
        return folio_error_set(err, FOLIO_EFORMAT, "zip entry %" PRIu64 " cannot be read",
                               (uint64_t)index);
    if (!name_is_safe(st.name))
        return entry_error(err, st.name,
                           "entry name is absolute, leaves the book or has a '\\': refused");
    if (zip_name_locate(zip, st.name, 0) != (zip_int64_t)index)
        return entry_error(err, st.name, "the archive holds two entries of this name");
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
        return entry_error(err, st.name,
                           "encrypted: EPUB forbids zip encryption, and a "
                           "password- or DRM-protected book cannot be read");
    return FOLIO_OK;
}

int epub_zip_open(epub_zip **out, const unsigned char *data, size_t len, folio_error *err)
{
    *out = NULL;
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t *src = zip_source_buffer_create(len ? data : NULL, len, 0, &zerr);
    if (!src)
        return open_error(data, len, &zerr, err);
    zip_t *zip = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
    if (!zip) {
        zip_source_free(src);
        return open_error(data, len, &zerr, err);
    }
    zip_error_fini(&zerr);
    zip_int64_t count = zip_get_num_entries(zip, 0);
    int rc = FOLIO_OK;
    if (count > (zip_int64_t)EPUB_ENTRIES_MAX)
        rc = folio_error_set(err, FOLIO_EFORMAT,
                             "the book has %" PRId64 " entries, over the limit of %u",
                             (int64_t)count, EPUB_ENTRIES_MAX);
    for (zip_int64_t i = 0; rc == FOLIO_OK && i < count; i++)
        rc = check_entry(zip, (zip_uint64_t)i, err);
    if (rc < 0) {
        zip_discard(zip);
        return rc;
    }
    epub_zip *z = calloc(1, sizeof *z);
    if (!z)
        folio_oom();
    uint64_t total = EPUB_TOTAL_BASE + (uint64_t)EPUB_RATIO_MAX * len;
    *z = (epub_zip){.zip = zip, .limit = total < EPUB_TOTAL_MAX ? total : EPUB_TOTAL_MAX};
    z->budget = z->limit;
    *out = z;
    return FOLIO_OK;
}

void epub_zip_close(epub_zip *zip)
{
    if (!zip)
        return;
    zip_discard(zip->zip);
    free(zip);
}

bool epub_zip_has(const epub_zip *zip, const char *name)
{
    return zip_name_locate(zip->zip, name, 0) >= 0;
}

/* The checks on what the archive states, before anything is inflated. */
static int check_stat(epub_zip *z, const char *name, const zip_stat_t *st, folio_error *err)
{
    const unsigned need = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD;
    if ((st->valid & need) != need)
        return entry_error(err, name, "the archive does not state its size");
    if (st->comp_method != ZIP_CM_STORE && st->comp_method != ZIP_CM_DEFLATE)
        return entry_error(err, name,
                           "compression method %u is not allowed in EPUB (only stored or deflated)",
                           (unsigned)st->comp_method);
    uint64_t comp = st->comp_size ? st->comp_size : 1;
    if (st->size > EPUB_RATIO_FREE && st->size / comp > EPUB_RATIO_MAX)
        return entry_error(err, name,
                           "expands %" PRIu64 " times (over the limit of %u): a zip bomb, refused",
                           st->size / comp, EPUB_RATIO_MAX);
    if (st->size > EPUB_ENTRY_SIZE_MAX)
        return entry_error(err, name,
                           "%" PRIu64 " bytes uncompressed, over the limit of %" PRIu64 " MB",
                           st->size, EPUB_ENTRY_SIZE_MAX >> 20);
    if (st->comp_method == ZIP_CM_STORE && st->size != st->comp_size)
        return entry_error(err, name, "stored entry of %" PRIu64 " bytes takes %" PRIu64, st->size,
                           st->comp_size);
    if (st->size > z->budget)
        return entry_error(err, name,
                           "the entries read would add up to more than %" PRIu64
                           " MB uncompressed, the limit for a book of this size",
                           z->limit >> 20);
    return FOLIO_OK;
}

static int read_error(zip_file_t *f, const char *name, folio_error *err)
{
    zip_error_t *ze = zip_file_get_error(f);
    switch (zip_error_code_zip(ze)) {
    case ZIP_ER_CRC:
        return entry_error(err, name, "damaged: its checksum does not match");
    case ZIP_ER_ZLIB:
    case ZIP_ER_COMPRESSED_DATA:
        return entry_error(err, name, "damaged: bad compressed data");
    default:
        return entry_error(err, name, "cannot read: %s", zip_error_strerror(ze));
    }
}

/*
 * Inflates into @out at most @size + 1 bytes: one byte more than stated
 * proves the header lied, and no more is ever produced.
 */
static int inflate_entry(zip_file_t *f, const char *name, uint64_t size, folio_buf *out,
                         folio_error *err)
{
    folio_buf_grow(out, (size_t)size + 1);
    uint64_t got = 0;
    for (;;) {
        uint64_t want = size + 1 - got;
        zip_int64_t n = zip_fread(f, out->data + out->len + got, want < CHUNK ? want : CHUNK);
        if (n < 0)
            return read_error(f, name, err);
        if (n == 0)
            break;
        got += (uint64_t)n;
        if (got > size)
            return entry_error(
                err, name, "inflates to more than the %" PRIu64 " bytes its header states: refused",
                size);
    }
    if (got < size)
        return entry_error(err, name, "cut short: %" PRIu64 " of %" PRIu64 " bytes", got, size);
    out->len += (size_t)size;
    out->data[out->len] = '\0';
    return FOLIO_OK;
}

int epub_zip_read(epub_zip *z, const char *name, folio_buf *out, folio_error *err)
{
    zip_int64_t index = zip_name_locate(z->zip, name, 0);
    if (index < 0)
        return entry_error(err, name, "not in the book");
    zip_stat_t st;
    if (zip_stat_index(z->zip, (zip_uint64_t)index, 0, &st) < 0)
        return entry_error(err, name, "cannot read its zip header");
    int rc = check_stat(z, name, &st, err);
    if (rc < 0)
        return rc;
    z->budget -= st.size;
    zip_file_t *f = zip_fopen_index(z->zip, (zip_uint64_t)index, 0);
    if (!f) {
        zip_error_t *ze = zip_get_error(z->zip);
        return entry_error(err, name, "cannot open: %s", zip_error_strerror(ze));
    }
    rc = inflate_entry(f, name, st.size, out, err);
    zip_fclose(f);
    return rc;
}

static int hex(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c |= 0x20;
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Appends segment @seg (@len bytes, %XX decoded) to the entry name in @out, or pops one for "..".
 */
static int add_segment(folio_buf *out, size_t root, const char *seg, size_t len, folio_error *err)
{
    if (len == 0 || (len == 1 && seg[0] == '.'))
        return FOLIO_OK;
    if (len == 2 && seg[0] == '.' && seg[1] == '.') {
        if (out->len == root)
            return folio_error_set(err, FOLIO_EFORMAT, "reference leaves the book");
        while (out->len > root && out->data[out->len - 1] != '/')
            out->len--;
        out->len -= out->len > root; /* the '/' before the segment */
        out->data[out->len] = '\0';
        return FOLIO_OK;
    }
    if (out->len > root)
        folio_buf_putc(out, '/');
    for (size_t i = 0; i < len; i++) {
        int c = (unsigned char)seg[i];
        if (c == '%' && i + 2 < len && hex(seg[i + 1]) >= 0 && hex(seg[i + 2]) >= 0) {
            c = hex(seg[i + 1]) << 4 | hex(seg[i + 2]);
            i += 2;
        }
        if (c < 0x20 || c == '/' || c == '\\' || c == 0x7f)
            return folio_error_set(err, FOLIO_EFORMAT, "reference decodes to a bad entry name");
        folio_buf_putc(out, (char)c);
    }
    return FOLIO_OK;
}

/* True when @href starts with a URL scheme ("http:", "data:"). */
static bool has_scheme(const char *href, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char c = href[i];
        if (c == ':')
            return i > 0;
        bool alpha = ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
        if (!alpha && (i == 0 || !((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')))
            return false;
    }
    return false;
}

int epub_path_resolve(folio_buf *out, const char *base, const char *href, size_t len,
                      folio_error *err)
{
    for (size_t i = 0; i < len; i++) {
        if (href[i] == '#' || href[i] == '?') {
            len = i;
            break;
        }
    }
    if (len == 0)
        return folio_error_set(err, FOLIO_EFORMAT, "empty reference");
    if (has_scheme(href, len) || href[0] == '/' || href[0] == '\\')
        return folio_error_set(err, FOLIO_EUNSUPPORTED,
                               "%.*s is not in the book: only relative references are read",
                               (int)(len < 80 ? len : 80), href);
    size_t root = out->len;
    const char *slash = strrchr(base, '/');
    if (slash)
        folio_buf_append(out, base, (size_t)(slash - base));
    for (size_t start = 0, i = 0; i <= len; i++) {
        if (i == len || href[i] == '/') {
            int rc = add_segment(out, root, href + start, i - start, err);
            if (rc < 0)
                return rc;
            start = i + 1;
        }
    }
    if (out->len == root)
        return folio_error_set(err, FOLIO_EFORMAT, "reference names no entry");
    return FOLIO_OK;
}
