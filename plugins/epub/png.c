/* SPDX-License-Identifier: MIT */
#include "epubw.h"

#include <string.h>

/*
 * An 8-bit palette PNG writer for the drawn cover. Most of a cover is flat
 * ground: every row of a run of rows that are one colour throughout is
 * written as a fixed-Huffman deflate block of long copies (RFC 1951), and
 * only the rows with ink go through zlib. A run starts after a full flush,
 * so zlib never refers back across it, and ends on a byte boundary (an
 * empty stored block), so zlib's output follows it as one stream.
 */

typedef struct bits {
    folio_buf *out;
    uint32_t acc;
    unsigned n;
} bits;

static void put_bits(bits *w, uint32_t v, unsigned n)
{
    w->acc |= v << w->n;
    w->n += n;
    while (w->n >= 8) {
        folio_buf_putc(w->out, (char)(w->acc & 0xff));
        w->acc >>= 8;
        w->n -= 8;
    }
}

/* Huffman codes go most significant bit first. */
static void put_code(bits *w, uint32_t code, unsigned len)
{
    uint32_t r = 0;
    for (unsigned i = 0; i < len; i++)
        r |= ((code >> i) & 1) << (len - 1 - i);
    put_bits(w, r, len);
}

static void literal(bits *w, unsigned v)
{
    if (v < 144)
        put_code(w, 0x30 + v, 8);
    else
        put_code(w, 0x190 + v - 144, 9);
}

/* A copy of @len (3 to 258) bytes from @dist (1 to 32768) back, in the fixed codes. */
static void copy(bits *w, unsigned len, unsigned dist)
{
    static const uint16_t lbase[] = {3,  4,  5,  6,   7,   8,   9,   10,  11, 13,
                                     15, 17, 19, 23,  27,  31,  35,  43,  51, 59,
                                     67, 83, 99, 115, 131, 163, 195, 227, 258};
    static const uint8_t lext[] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                   2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
    static const uint16_t dbase[] = {1,    2,    3,    4,    5,    7,    9,    13,    17,    25,
                                     33,   49,   65,   97,   129,  193,  257,  385,   513,   769,
                                     1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    static const uint8_t dext[] = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                                   6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
    unsigned i = 28, j = 29;
    while (lbase[i] > len)
        i--;
    while (dbase[j] > dist)
        j--;
    unsigned code = 257 + i;
    if (code <= 279)
        put_code(w, code - 256, 7);
    else
        put_code(w, 0xc0 + code - 280, 8);
    put_bits(w, len - lbase[i], lext[i]);
    put_code(w, j, 5);
    put_bits(w, dist - dbase[j], dext[j]);
}

/* Copies @left bytes from @dist back, in pieces of at most 258 and at least 3. */
static void copies(bits *w, size_t left, unsigned dist)
{
    while (left > 0) {
        size_t n = left > 258 ? 258 : left;
        if (left - n == 1 || left - n == 2)
            n = left - 3;
        copy(w, (unsigned)n, dist);
        left -= n;
    }
}

/* @rows rows of @width pixels of index @v, each after its filter byte (none). */
static void flat_block(folio_buf *out, unsigned char v, unsigned width, unsigned rows)
{
    bits w = {.out = out};
    put_bits(&w, 0, 1); /* not the last block */
    put_bits(&w, 1, 2); /* fixed codes */
    literal(&w, 0);
    literal(&w, v);
    copies(&w, width - 1, 1);
    copies(&w, (size_t)(rows - 1) * (width + 1), width + 1);
    put_code(&w, 0, 7); /* end of block */
    put_bits(&w, 0, 3); /* an empty stored block, to end on a byte boundary */
    if (w.n)
        put_bits(&w, 0, 8 - w.n);
    static const unsigned char empty[4] = {0, 0, 0xff, 0xff};
    folio_buf_append(out, empty, sizeof empty);
}

static bool row_is_flat(const unsigned char *p, unsigned width)
{
    return memcmp(p, p + 1, width - 1) == 0;
}

/* Runs zlib over what it was given, with @flush, appending to @out. */
static int pump(z_stream *z, folio_buf *out, int flush)
{
    int rc;
    do {
        folio_buf_grow(out, 65536);
        z->next_out = (Bytef *)out->data + out->len;
        z->avail_out = 65536;
        rc = deflate(z, flush);
        out->len += 65536 - z->avail_out;
    } while (rc == Z_OK && (z->avail_in > 0 || z->avail_out == 0));
    return rc == Z_BUF_ERROR || rc == Z_OK || rc == Z_STREAM_END ? FOLIO_OK : FOLIO_ERROR;
}

/* Rows y to the end of the run of flat rows of one value that starts at y. */
static unsigned flat_run(const unsigned char *px, size_t stride, unsigned width, unsigned height,
                         unsigned y)
{
    unsigned end = y;
    const unsigned char *first = px + y * stride;
    while (end < height && row_is_flat(px + end * stride, width) && px[end * stride] == first[0])
        end++;
    return end - y;
}

static int deflate_rows(z_stream *z, folio_buf *out, const unsigned char *px, size_t stride,
                        unsigned width, unsigned height, uLong *adler)
{
    unsigned char filter = 0;
    bool fed = false;
    for (unsigned y = 0; y < height;) {
        const unsigned char *row = px + y * stride;
        unsigned run = flat_run(px, stride, width, height, y);
        if (run >= 2) {
            if (fed && pump(z, out, Z_FULL_FLUSH) < 0)
                return FOLIO_ERROR;
            fed = false;
            flat_block(out, row[0], width, run);
            uLong one = adler32(adler32(1, &filter, 1), row, width);
            for (unsigned i = 0; i < run; i++)
                *adler = adler32_combine(*adler, one, (z_off_t)width + 1);
            y += run;
            continue;
        }
        z->next_in = &filter;
        z->avail_in = 1;
        if (pump(z, out, Z_NO_FLUSH) < 0)
            return FOLIO_ERROR;
        z->next_in = (Bytef *)(uintptr_t)row;
        z->avail_in = width;
        if (pump(z, out, Z_NO_FLUSH) < 0)
            return FOLIO_ERROR;
        *adler = adler32(adler32(*adler, &filter, 1), row, width);
        fed = true;
        y++;
    }
    return pump(z, out, Z_FINISH);
}

static void put_be32(folio_buf *b, uint32_t v)
{
    unsigned char p[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 8), (unsigned char)v};
    folio_buf_append(b, p, 4);
}

static void begin_chunk(folio_buf *b, const char *type, size_t *start)
{
    *start = b->len;
    put_be32(b, 0);
    folio_buf_append(b, type, 4);
}

/* Ends the chunk that starts at @start (its length field) with its CRC. */
static void end_chunk(folio_buf *b, size_t start)
{
    size_t len = b->len - start - 8;
    unsigned char *p = (unsigned char *)b->data + start;
    p[0] = (unsigned char)(len >> 24), p[1] = (unsigned char)(len >> 16);
    p[2] = (unsigned char)(len >> 8), p[3] = (unsigned char)len;
    put_be32(b, (uint32_t)crc32(0, p + 4, (uInt)(len + 4)));
}

int epub_png_write(folio_buf *png, const unsigned char palette[768], const unsigned char *px,
                   size_t stride, unsigned width, unsigned height, folio_error *err)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    static const unsigned char ihdr[5] = {8, 3, 0, 0, 0}; /* 8-bit palette, not interlaced */
    size_t start;
    folio_buf_append(png, sig, sizeof sig);
    begin_chunk(png, "IHDR", &start);
    put_be32(png, width);
    put_be32(png, height);
    folio_buf_append(png, ihdr, sizeof ihdr);
    end_chunk(png, start);
    begin_chunk(png, "PLTE", &start);
    folio_buf_append(png, palette, 768);
    end_chunk(png, start);
    begin_chunk(png, "IDAT", &start);
    static const unsigned char zheader[2] = {0x78, 0x9c};
    folio_buf_append(png, zheader, 2);
    z_stream z = {0};
    /* Raw deflate: the zlib header and checksum are written here, around both kinds of block.
     * Z_RLE: the rows with ink are flat ground with short runs of edge shades. */
    if (deflateInit2(&z, 6, Z_DEFLATED, -15, 8, Z_RLE) != Z_OK)
        return folio_error_set(err, FOLIO_ERROR, "zlib: cannot start deflate");
    uLong adler = adler32(0, NULL, 0);
    int rc = deflate_rows(&z, png, px, stride, width, height, &adler);
    deflateEnd(&z);
    if (rc < 0)
        return folio_error_set(err, FOLIO_ERROR, "zlib: cannot compress the cover");
    put_be32(png, (uint32_t)adler);
    end_chunk(png, start);
    begin_chunk(png, "IEND", &start);
    end_chunk(png, start);
    return FOLIO_OK;
}
