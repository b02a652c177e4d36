/* SPDX-License-Identifier: MIT */
#include "test.h"

#include <cairo.h>
#include <stdlib.h>
#include <string.h>

#include "epubw.h"

/*
 * The drawn cover's PNG writer (plugins/epub/png.c), which has a deflate
 * encoder of its own: every image is decoded by libpng (through cairo),
 * which checks the chunks' CRCs, the deflate stream and its checksum, and
 * each pixel must come back as its palette entry. The shapes are the ones
 * the encoder treats apart: flat ground, runs longer than one copy, rows
 * that repeat, noise that is all literals, and widths that are no multiple
 * of the eight bytes it compares at once.
 */

/* Each index a colour of its own, so that a wrong index shows. */
static void make_palette(unsigned char pal[768])
{
    for (unsigned i = 0; i < 256; i++)
        pal[3 * i] = (unsigned char)i, pal[3 * i + 1] = (unsigned char)(255 - i),
                pal[3 * i + 2] = (unsigned char)(i * 7);
}

typedef struct reader {
    const unsigned char *p;
    size_t left;
} reader;

static cairo_status_t read_bytes(void *closure, unsigned char *data, unsigned int len)
{
    reader *r = closure;
    if (len > r->left)
        return CAIRO_STATUS_READ_ERROR;
    memcpy(data, r->p, len);
    r->p += len, r->left -= len;
    return CAIRO_STATUS_SUCCESS;
}

/* Encodes @px and checks that libpng decodes every pixel to its palette colour. */
static void round_trip(const unsigned char *px, size_t stride, unsigned width, unsigned height)
{
    unsigned char pal[768];
    make_palette(pal);
    folio_buf png = {0};
    epub_png_write(&png, pal, px, stride, width, height);
    reader r = {(const unsigned char *)png.data, png.len};
    cairo_surface_t *s = cairo_image_surface_create_from_png_stream(read_bytes, &r);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    assert_int_equal(cairo_image_surface_get_width(s), width);
    assert_int_equal(cairo_image_surface_get_height(s), height);
    const unsigned char *out = cairo_image_surface_get_data(s);
    size_t out_stride = (size_t)cairo_image_surface_get_stride(s);
    for (unsigned y = 0; y < height; y++)
        for (unsigned x = 0; x < width; x++) {
            uint32_t argb;
            memcpy(&argb, out + y * out_stride + 4 * x, 4);
            const unsigned char *c = pal + 3 * px[y * stride + x];
            uint32_t want = 0xff000000u | (uint32_t)c[0] << 16 | (uint32_t)c[1] << 8 | c[2];
            if (argb != want)
                fail_msg("pixel %u,%u of %ux%u: %08x, not %08x", x, y, width, height, argb, want);
        }
    cairo_surface_destroy(s);
    folio_buf_free(&png);
}

static unsigned char *image(unsigned height, size_t stride)
{
    unsigned char *px = calloc(stride * height, 1);
    assert_non_null(px);
    return px;
}

static void test_png_flat_and_single_pixel(void **state)
{
    (void)state;
    unsigned char one = 200;
    round_trip(&one, 1, 1, 1);
    unsigned char *px = image(40, 1200);
    memset(px, 7, 1200 * 40); /* rows that repeat, each a run of 1,199 copies after one literal */
    round_trip(px, 1200, 1200, 40);
    free(px);
}

static void test_png_noise_is_all_literals(void **state)
{
    (void)state;
    unsigned width = 61, height = 23; /* an odd width: the eight-byte compares' tails */
    unsigned char *px = image(height, 64);
    uint32_t seed = 12345;
    for (unsigned i = 0; i < 64 * height; i++) {
        seed = seed * 1103515245u + 12345u;
        px[i] = (unsigned char)(seed >> 16);
    }
    round_trip(px, 64, width, height);
    free(px);
}

/* Runs of the lengths around one copy's limits (3 and 258: a run of 259 or 260 must not
 * leave a piece of 1 or 2), a shape that repeats a few rows down, and rows that take
 * stretches of those lengths from the row above. */
static void test_png_runs_and_repeats(void **state)
{
    (void)state;
    static const unsigned lens[] = {1, 2, 3, 4, 257, 258, 259, 260, 261, 515, 516, 517, 518, 600};
    enum { N = sizeof lens / sizeof lens[0] };
    unsigned width = 1003, height = 60;
    size_t stride = 1008;
    unsigned char *px = image(height, stride);
    for (unsigned y = 0; y < height; y++) {
        unsigned char *row = px + y * stride;
        unsigned x = 0, k = y % N;
        for (unsigned char v = (unsigned char)y; x < width; v = (unsigned char)(v + 37), k++)
            for (unsigned i = 0; i < lens[k % N] + 1 && x < width; i++)
                row[x++] = v; /* a literal, then a run of lens[k] */
        if (y % 5 == 4)
            memcpy(row, row - stride, width); /* a repeated row */
        else if (y % 7 == 6)
            memcpy(row + 100, row - stride + 100, lens[y % N] + 1); /* a stretch from above */
    }
    round_trip(px, stride, width, height);
    free(px);
}

/* A cover's shape: ground, a band of another colour, letters with soft edges. */
static void test_png_ground_with_letters(void **state)
{
    (void)state;
    unsigned width = 1200, height = 1800;
    unsigned char *px = image(height, width);
    for (unsigned y = 0; y < height; y++)
        for (unsigned x = 0; x < width; x++) {
            unsigned char base = y < 1380 ? 0 : 128;
            bool ink = y > 300 && y < 900 && x > 100 && x < 1100 && (x / 40 + y / 60) % 3 == 0;
            bool edge = ink && (x % 40 == 0 || y % 60 == 0);
            px[y * width + x] = (unsigned char)(base + (edge ? 64 : ink ? 127 : 0));
        }
    round_trip(px, width, width, height);
    free(px);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_png_flat_and_single_pixel),
        cmocka_unit_test(test_png_noise_is_all_literals),
        cmocka_unit_test(test_png_runs_and_repeats),
        cmocka_unit_test(test_png_ground_with_letters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
