/* SPDX-License-Identifier: MIT */
#include "epubw.h"

#include <libdeflate.h>
#include <string.h>
#include <zlib.h>

/*
 * An 8-bit palette PNG writer for the drawn cover, with a deflate encoder
 * of its own (RFC 1951) made for what a cover is: flat ground, letters of
 * solid ink, and a pixel or two of shades at their edges. Each stretch of
 * a row is written as the longest of a copy of the row above, a run of the
 * pixel before, or one literal, all in one block of fixed Huffman codes.
 * There is no search: finding those lengths is a word-wide compare, so the
 * encoder costs a third of what zlib's run mode did (which took two thirds
 * of a drawn cover's time), for files a tenth larger. The checksums are
 * libdeflate's (vectorised), with zlib's adler32_combine() for the rows
 * that repeat.
 */

enum { MIN_COPY = 3, MAX_COPY = 258 };

typedef struct bits {
    unsigned char *out; /* room made beforehand: put() never checks */
    uint64_t acc;
    unsigned n;
} bits;

/* Adds the @n (at most 32) low bits of @v; whole words go out as they fill. */
static void put(bits *w, uint64_t v, unsigned n)
{
    w->acc |= v << w->n;
    w->n += n;
    if (w->n >= 32) {
        unsigned char word[4] = {(unsigned char)w->acc, (unsigned char)(w->acc >> 8),
                                 (unsigned char)(w->acc >> 16), (unsigned char)(w->acc >> 24)};
        memcpy(w->out, word, 4);
        w->out += 4;
        w->acc >>= 32;
        w->n -= 32;
    }
}

/* The last bits, to a byte boundary. */
static void flush(bits *w)
{
    for (; w->n > 0; w->n = w->n > 8 ? w->n - 8 : 0) {
        *w->out++ = (unsigned char)w->acc;
        w->acc >>= 8;
    }
}

/*
 * A code ready to put: Huffman codes go most significant bit first, so
 * each is stored reversed, and a length's or a distance's extra bits
 * follow it in the same value.
 */
typedef struct code {
    uint32_t bits;
    uint32_t len;
} code;

/* The fixed codes of RFC 1951, 3.2.6, for literals and copy lengths; two distances. */
typedef struct fixed {
    code lit[257];           /* literals 0-255, end of block 256 */
    code copy[MAX_COPY + 1]; /* each length from 3, with its extra bits */
    code up, one;            /* the row above (the row's width + 1 back) and the byte before */
} fixed;

static const uint16_t lbase[] = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
static const uint8_t lext[] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                               2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const uint16_t dbase[] = {1,    2,    3,    4,    5,    7,    9,    13,    17,    25,
                                 33,   49,   65,   97,   129,  193,  257,  385,   513,   769,
                                 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
static const uint8_t dext[] = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                               6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

/* Code @v of @len bits, reversed, then @extra in @n_extra bits. */
static code make_code(unsigned v, unsigned len, unsigned extra, unsigned n_extra)
{
    uint32_t r = 0;
    for (unsigned i = 0; i < len; i++)
        r |= ((v >> i) & 1) << (len - 1 - i);
    return (code){r | extra << len, len + n_extra};
}

static code dist_code(unsigned d)
{
    unsigned j = 29;
    while (dbase[j] > d)
        j--;
    return make_code(j, 5, d - dbase[j], dext[j]);
}

static void fixed_init(fixed *f, unsigned width)
{
    for (unsigned v = 0; v < 257; v++)
        f->lit[v] = v < 144   ? make_code(0x30 + v, 8, 0, 0)
                    : v < 256 ? make_code(0x190 + v - 144, 9, 0, 0)
                              : make_code(0, 7, 0, 0);
    for (unsigned len = MIN_COPY, i = 0; len <= MAX_COPY; len++) {
        while (i < 28 && lbase[i + 1] <= len)
            i++;
        unsigned sym = 257 + i;
        f->copy[len] = sym < 280 ? make_code(sym - 256, 7, len - lbase[i], lext[i])
                                 : make_code(0xc0 + sym - 280, 8, len - lbase[i], lext[i]);
    }
    f->up = dist_code(width + 1);
    f->one = dist_code(1);
}

static void literal(bits *w, const fixed *f, unsigned char v)
{
    put(w, f->lit[v].bits, f->lit[v].len);
}

/* Copies @left bytes from @d back, in pieces of at most 258 and at least 3. */
static void copies(bits *w, const fixed *f, size_t left, code d)
{
    while (left > 0) {
        size_t n = left > MAX_COPY ? MAX_COPY : left;
        if (left - n > 0 && left - n < MIN_COPY)
            n = left - MIN_COPY;
        put(w, f->copy[n].bits, f->copy[n].len); /* at most 8 + 5 bits */
        put(w, d.bits, d.len);                   /* at most 5 + 13 bits */
        left -= n;
    }
}

/* How many bytes from the start @a and @b have in common, up to @max, eight at a time. */
static size_t common(const unsigned char *a, const unsigned char *b, size_t max)
{
    size_t n = 0;
    while (n + 8 <= max) {
        uint64_t x, y;
        memcpy(&x, a + n, 8);
        memcpy(&y, b + n, 8);
        if (x != y)
            return n + (size_t)__builtin_ctzll(x ^ y) / 8; /* little-endian */
        n += 8;
    }
    while (n < max && a[n] == b[n])
        n++;
    return n;
}

/* One row with its filter byte (none): copies of the row above or of the pixel before, else
 * literals. */
static void encode_row(bits *w, const fixed *f, const unsigned char *row,
                       const unsigned char *above, size_t width)
{
    literal(w, f, 0);
    size_t i = 0;
    while (i < width) {
        size_t from_above = above ? common(row + i, above + i, width - i) : 0;
        size_t run = i > 0 ? common(row + i, row + i - 1, width - i) : 0;
        if (from_above >= MIN_COPY && from_above >= run) {
            copies(w, f, from_above, f->up);
            i += from_above;
        } else if (run >= MIN_COPY) {
            copies(w, f, run, f->one);
            i += run;
        } else {
            literal(w, f, row[i]);
            i++;
        }
    }
}

/* Makes room for @n more bytes of output and points the writer at its end. */
static void reserve(bits *w, folio_buf *out, size_t n)
{
    out->len = (size_t)(w->out - (unsigned char *)out->data);
    folio_buf_grow(out, n + 16);
    w->out = (unsigned char *)out->data + out->len;
}

/*
 * The zlib stream of the rows: one final block of fixed codes. A row that
 * repeats the one above, with its filter byte, is a single copy, and a run
 * of such rows a run of copies.
 */
static void deflate_rows(folio_buf *out, const unsigned char *px, size_t stride, size_t width,
                         size_t height)
{
    fixed f;
    fixed_init(&f, (unsigned)width);
    static const unsigned char zheader[2] = {0x78, 0x01};
    folio_buf_append(out, zheader, 2);
    bits w = {.out = (unsigned char *)out->data + out->len};
    uLong adler = adler32(0, NULL, 0), row_adler = 0;
    const unsigned char filter = 0;
    reserve(&w, out, 1);
    put(&w, 3, 3); /* the last block, fixed codes */
    for (size_t y = 0; y < height;) {
        const unsigned char *row = px + y * stride, *above = y ? row - stride : NULL;
        size_t same = 0;
        while (above && y + same < height && memcmp(row + same * stride, above, width) == 0)
            same++;
        if (same > 0) {
            reserve(&w, out, (same * (width + 1) / MAX_COPY + 2) * 4);
            copies(&w, &f, same * (width + 1), f.up);
            for (size_t i = 0; i < same; i++)
                adler = adler32_combine(adler, row_adler, (z_off_t)width + 1);
            y += same;
            continue;
        }
        reserve(&w, out, (width + 1) * 9 / 8 + 8); /* at worst nine bits a byte */
        encode_row(&w, &f, row, above, width);
        row_adler = libdeflate_adler32(libdeflate_adler32(1, &filter, 1), row, width);
        adler = adler32_combine(adler, row_adler, (z_off_t)width + 1);
        y++;
    }
    reserve(&w, out, 8);
    put(&w, f.lit[256].bits, f.lit[256].len); /* end of block */
    flush(&w);
    unsigned char tail[4] = {(unsigned char)(adler >> 24), (unsigned char)(adler >> 16),
                             (unsigned char)(adler >> 8), (unsigned char)adler};
    memcpy(w.out, tail, 4);
    w.out += 4;
    out->len = (size_t)(w.out - (unsigned char *)out->data);
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
    put_be32(b, libdeflate_crc32(0, p + 4, len + 4));
}

void epub_png_write(folio_buf *png, const unsigned char palette[768], const unsigned char *px,
                    size_t stride, unsigned width, unsigned height)
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
    deflate_rows(png, px, stride, width, height);
    end_chunk(png, start);
    begin_chunk(png, "IEND", &start);
    end_chunk(png, start);
}
