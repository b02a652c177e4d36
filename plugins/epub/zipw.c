/* SPDX-License-Identifier: MIT */
#include "epubw.h"

#include <libdeflate.h>
#include <string.h>

/*
 * A ZIP writer of the few features OCF needs (APPNOTE 6.3, no ZIP64, no
 * extra fields, no data descriptors), so that the archive is the same bytes
 * every time: one fixed timestamp, the entries in the order they are added,
 * deflate level 6. The whole archive is built in @out, in memory, so each
 * entry is one buffer, which is what libdeflate compresses: in about half
 * zlib's time and a little smaller. The same libdeflate gives the same
 * bytes.
 */

enum {
    LOCAL_SIG = 0x04034b50,
    CENTRAL_SIG = 0x02014b50,
    END_SIG = 0x06054b50,
    LOCAL_SIZE = 30,
    METHOD_STORE = 0,
    METHOD_DEFLATE = 8,
};

static void put16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
}

static void put32(unsigned char *p, uint32_t v)
{
    put16(p, v & 0xffff);
    put16(p + 2, v >> 16);
}

void zipw_init(zipw *zw, folio_buf *out, int64_t epoch)
{
    *zw = (zipw){.out = out};
    int year, month, day, hour, minute, second;
    epub_civil(epoch, &year, &month, &day, &hour, &minute, &second);
    /* MS-DOS time counts from 1980 and for 128 years. */
    if (year < 1980) {
        year = 1980, month = 1, day = 1, hour = minute = second = 0;
    } else if (year > 2107) {
        year = 2107, month = 12, day = 31, hour = 23, minute = 59, second = 58;
    }
    zw->dos_time = (uint16_t)(hour << 11 | minute << 5 | second / 2);
    zw->dos_date = (uint16_t)((year - 1980) << 9 | month << 5 | day);
}

/* Deflates @len bytes at @data straight into @out; returns the compressed size. */
static int deflate_into(zipw *zw, const void *data, size_t len, size_t *csize, folio_error *err)
{
    if (!zw->deflater && !(zw->deflater = libdeflate_alloc_compressor(6)))
        folio_oom();
    size_t bound = libdeflate_deflate_compress_bound(zw->deflater, len);
    folio_buf_grow(zw->out, bound);
    *csize =
        libdeflate_deflate_compress(zw->deflater, data, len, zw->out->data + zw->out->len, bound);
    if (*csize == 0)
        return folio_error_set(err, FOLIO_ERROR, "libdeflate: the entry did not fit its bound");
    zw->out->len += *csize;
    return FOLIO_OK;
}

static void central_entry(zipw *zw, const char *name, unsigned method, uint32_t crc, size_t csize,
                          size_t usize, size_t offset)
{
    size_t name_len = strlen(name);
    unsigned char h[46] = {0};
    put32(h, CENTRAL_SIG);
    put16(h + 4, 20); /* made by: MS-DOS, version 2.0 */
    put16(h + 6, method == METHOD_DEFLATE ? 20 : 10);
    put16(h + 10, method);
    put16(h + 12, zw->dos_time);
    put16(h + 14, zw->dos_date);
    put32(h + 16, crc);
    put32(h + 20, (uint32_t)csize);
    put32(h + 24, (uint32_t)usize);
    put16(h + 28, (unsigned)name_len);
    put32(h + 42, (uint32_t)offset);
    folio_buf_append(&zw->dir, h, sizeof h);
    folio_buf_append(&zw->dir, name, name_len);
}

int zipw_add(zipw *zw, const char *name, const void *data, size_t len, bool deflate,
             folio_error *err)
{
    size_t name_len = strlen(name), offset = zw->out->len;
    if (len >= UINT32_MAX || offset >= UINT32_MAX - LOCAL_SIZE - name_len - len ||
        zw->count >= 0xffff)
        return folio_error_set(err, FOLIO_ERROR, "%s: the book is too large for a ZIP file", name);
    unsigned method = deflate && len > 0 ? METHOD_DEFLATE : METHOD_STORE;
    uint32_t crc = libdeflate_crc32(0, data, len);
    unsigned char h[LOCAL_SIZE] = {0};
    folio_buf_append(zw->out, h, sizeof h); /* filled in once the size is known */
    folio_buf_append(zw->out, name, name_len);
    size_t csize = len;
    if (method == METHOD_DEFLATE) {
        int rc = deflate_into(zw, data, len, &csize, err);
        if (rc < 0)
            return rc;
    } else {
        folio_buf_append(zw->out, data, len);
    }
    unsigned char *p = (unsigned char *)zw->out->data + offset;
    put32(p, LOCAL_SIG);
    put16(p + 4, method == METHOD_DEFLATE ? 20 : 10);
    put16(p + 8, method);
    put16(p + 10, zw->dos_time);
    put16(p + 12, zw->dos_date);
    put32(p + 14, crc);
    put32(p + 18, (uint32_t)csize);
    put32(p + 22, (uint32_t)len);
    put16(p + 26, (unsigned)name_len);
    central_entry(zw, name, method, crc, csize, len, offset);
    zw->count++;
    return FOLIO_OK;
}

int zipw_finish(zipw *zw, folio_error *err)
{
    size_t offset = zw->out->len;
    if (offset + zw->dir.len >= UINT32_MAX)
        return folio_error_set(err, FOLIO_ERROR, "the book is too large for a ZIP file");
    folio_buf_append(zw->out, zw->dir.data, zw->dir.len);
    unsigned char end[22] = {0};
    put32(end, END_SIG);
    put16(end + 8, zw->count);
    put16(end + 10, zw->count);
    put32(end + 12, (uint32_t)zw->dir.len);
    put32(end + 16, (uint32_t)offset);
    folio_buf_append(zw->out, end, sizeof end);
    return FOLIO_OK;
}

void zipw_free(zipw *zw)
{
    libdeflate_free_compressor(zw->deflater);
    folio_buf_free(&zw->dir);
    zw->deflater = NULL;
}
