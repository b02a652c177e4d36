/* SPDX-License-Identifier: MIT */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UNKNOWN "not a PNG, JPEG, GIF, WebP or SVG image"

/* A real 3x2 RGB PNG (signature, IHDR, IDAT, IEND). */
static const unsigned char png_3x2[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
    0x52, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0x12,
    0x16, 0xf1, 0x4d, 0x00, 0x00, 0x00, 0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8,
    0xcf, 0xc0, 0x00, 0x41, 0x0c, 0x70, 0x16, 0x00, 0x41, 0xd2, 0x05, 0xfb, 0x87, 0xf0, 0xb9,
    0x48, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

/* SOI, APP0 (JFIF), DQT, SOF0 for 640x480, EOI: a JPEG's header as cameras write it. */
static const unsigned char jpeg_640x480[] = {
    0xff, 0xd8,                                                             /* SOI */
    0xff, 0xe0, 0x00, 0x10, 'J',  'F',  'I',  'F',  0x00, 0x01, 0x01, 0x00, /* APP0 */
    0x00, 0x01, 0x00, 0x01, 0x00, 0x00,                                     /* density, thumb */
    0xff, 0xdb, 0x00, 0x43, 0x00,                                           /* DQT, 64 values */
    1,    1,    1,    1,    1,    1,    1,    1,    1,    1,    1,    1,    1,    1,    1,
    1,    1,    1,    1,    1,    1,    1,    1,    1,    1,    1,    1,    1,    1,    1,
    1,    1,    1,    1,    1,    1,    1,    1,    1,    1,    1,    1,    1,    1,    1,
    1,    1,    1,    1,    1,    1,    1,    1,    1,    1,    1,    1,    1,    1,    1,
    1,    1,    1,    1,    0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0xe0, 0x02, 0x80, 0x03, /* SOF0
                                                                                           480x640
                                                                                         */
    0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xff, 0xd9,
};

/*
 * A progressive JPEG with what a marker scan must not be fooled by: an APP1
 * whose payload holds "ff c0", fill bytes, a DHT (C4, not a frame header),
 * then SOF2 for 7x5.
 */
static const unsigned char jpeg_tricky[] = {
    0xff, 0xd8, 0xff, 0xe1, 0x00, 0x0a, 0xff, 0xc0, 0x00, 0x11, 0x08, 0xff,
    0xff, 0xff, 0xff, 0xff, 0xff, 0xc4, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc2,
    0x00, 0x0b, 0x08, 0x00, 0x05, 0x00, 0x07, 0x01, 0x01, 0x11, 0x00,
};

/* A 3x2 GIF89a: header, logical screen, colour table, one image. */
static const unsigned char gif_3x2[] = {
    'G',  'I',  'F',  '8',  '9',  'a',  0x03, 0x00, 0x02, 0x00, 0x80, 0x00,
    0x00, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00,
    0x03, 0x00, 0x02, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b,
};

/* Lossy WebP, 400x300; the width's top two bits are a scale, not size. */
static const unsigned char webp_vp8[] = {
    'R', 'I',  'F',  'F',  0x1e, 0x00, 0x00, 0x00, 'W',  'E',  'B',  'P',  'V',  'P',  '8',
    ' ', 0x0a, 0x00, 0x00, 0x00, 0x50, 0x02, 0x00, 0x9d, 0x01, 0x2a, 0x90, 0x41, 0x2c, 0x01,
};

/* Lossless WebP, 3x2: 14-bit width-1 and height-1 after the 0x2f signature. */
static const unsigned char webp_vp8l[] = {
    'R', 'I', 'F', 'F',  0x16, 0x00, 0x00, 0x00, 'W',  'E',  'B',  'P',  'V',
    'P', '8', 'L', 0x05, 0x00, 0x00, 0x00, 0x2f, 0x02, 0x40, 0x00, 0x10,
};

/* Extended WebP, canvas 70000x2 (24-bit sizes, width-1 and height-1). */
static const unsigned char webp_vp8x[] = {
    'R', 'I',  'F',  'F',  0x1e, 0x00, 0x00, 0x00, 'W',  'E',  'B',  'P',  'V',  'P',  '8',
    'X', 0x0a, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x6f, 0x11, 0x01, 0x01, 0x00, 0x00,
};

#define SVG_NS "xmlns=\"http://www.w3.org/2000/svg\""

typedef struct sample {
    const char *name;
    const void *data;
    size_t len;
    const char *type;
    unsigned width, height;
    size_t first_ok; /* the shortest prefix with the whole header; 0: not checked */
} sample;

#define BIN(name, arr, type, w, h, first)                                                          \
    {                                                                                              \
        name, arr, sizeof arr, type, w, h, first                                                   \
    }
#define SVG(name, text, w, h)                                                                      \
    {                                                                                              \
        name, text, sizeof text - 1, "image/svg+xml", w, h, 0                                      \
    }

static const sample samples[] = {
    BIN("png", png_3x2, "image/png", 3, 2, 24),
    BIN("jpeg", jpeg_640x480, "image/jpeg", 640, 480, 2 + 18 + 69 + 10),
    BIN("jpeg progressive", jpeg_tricky, "image/jpeg", 7, 5, 22 + 10),
    BIN("gif", gif_3x2, "image/gif", 3, 2, 10),
    BIN("webp vp8", webp_vp8, "image/webp", 400, 300, 30),
    BIN("webp vp8l", webp_vp8l, "image/webp", 3, 2, 25),
    BIN("webp vp8x", webp_vp8x, "image/webp", 70000, 2, 30),
    SVG("svg px", "<svg " SVG_NS " width=\"120px\" height=\"80px\"><rect/></svg>", 120, 80),
    SVG("svg unitless", "<svg width='12' height='8' " SVG_NS "/>", 12, 8),
    SVG("svg viewBox", "<svg " SVG_NS " viewBox=\"0 0 300 150\"></svg>", 300, 150),
    SVG("svg viewBox commas", "<svg viewBox=' -5,-5, 10.4 ,20.6 '/>", 10, 21),
    SVG("svg inches", "<svg width=\"2in\" height=\"0.5in\"/>", 192, 48),
    SVG("svg cm mm", "<svg width=\"2.54cm\" height=\"25.4mm\"/>", 96, 96),
    SVG("svg pt pc", "<svg width=\"72pt\" height=\"1pc\"/>", 96, 16),
    SVG("svg exponent", "<svg width=\"1e2\" height=\"2.5E+1\"/>", 100, 25),
    SVG("svg percent", "<svg width=\"100%\" height=\"100%\" viewBox=\"0 0 40 30\"/>", 40, 30),
    SVG("svg width and viewBox", "<svg width=\"80\" viewBox=\"0 0 40 30\"/>", 80, 60),
    SVG("svg em", "<svg width=\"2em\" height=\"10\" viewBox=\"0 0 4 2\"/>", 20, 10),
    SVG("svg no size", "<svg " SVG_NS "><circle r=\"5\"/></svg>", 0, 0),
    SVG("svg prolog",
        "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<!-- <svg width=\"1\" height=\"1\"> in a comment -->\n"
        "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"x.dtd\" [\n"
        "  <!ENTITY e \"<svg width='2'>\">\n]>\n"
        "<?xml-stylesheet href=\"a.css\"?>\n"
        "<svg\n  data-x=\"a > b\" width=\"33\"\theight = '44'>",
        33, 44),
    SVG("svg prefixed",
        "<svg:svg xmlns:svg=\"http://www.w3.org/2000/svg\" width=\"5\" height=\"6\"/>", 5, 6),
};

static void check_sample(const sample *s)
{
    folio_image_info info;
    folio_error err = {0};
    int rc = folio_image_probe(s->data, s->len, &info, &err);
    if (rc != FOLIO_OK)
        fail_msg("%s: %s", s->name, err.message);
    assert_string_equal(info.media_type, s->type);
    if (info.width != s->width || info.height != s->height)
        fail_msg("%s: %ux%u, expected %ux%u", s->name, info.width, info.height, s->width,
                 s->height);
}

static void test_each_format_gives_its_type_and_size(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++)
        check_sample(&samples[i]);
}

/*
 * Each prefix is copied into a block of exactly its size, so a read past
 * the end is a heap overflow that ASan reports. A prefix either fails with
 * FOLIO_EFORMAT or (once the header is whole) gives the full answer.
 */
static void test_every_truncated_prefix_is_an_error_not_an_overread(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        const sample *s = &samples[i];
        size_t first_ok = 0;
        for (size_t n = 0; n <= s->len; n++) {
            unsigned char *copy = malloc(n ? n : 1);
            memcpy(copy, s->data, n);
            folio_image_info info;
            folio_error err = {0};
            int rc = folio_image_probe(copy, n, &info, &err);
            free(copy);
            if (rc == FOLIO_OK && !first_ok)
                first_ok = n;
            if (rc != FOLIO_OK && first_ok)
                fail_msg("%s: prefix %zu fails after %zu passed: %s", s->name, n, first_ok,
                         err.message);
            if (rc != FOLIO_OK) {
                assert_int_equal(rc, FOLIO_EFORMAT);
                assert_int_equal(err.code, FOLIO_EFORMAT);
                assert_true(err.message[0] != '\0');
            } else if (info.width != s->width || info.height != s->height) {
                fail_msg("%s: prefix %zu gives %ux%u", s->name, n, info.width, info.height);
            }
        }
        if (s->first_ok && first_ok != s->first_ok)
            fail_msg("%s: first whole prefix %zu, expected %zu", s->name, first_ok, s->first_ok);
    }
}

static void expect_error(const void *data, size_t len, const char *message)
{
    folio_image_info info = {.media_type = "stale", .width = 9};
    folio_error err = {0};
    assert_int_equal(folio_image_probe(data, len, &info, &err), FOLIO_EFORMAT);
    assert_int_equal(err.code, FOLIO_EFORMAT);
    assert_null(info.media_type);
    assert_int_equal(info.width, 0);
    if (!strstr(err.message, message))
        fail_msg("'%s' does not say '%s'", err.message, message);
}

static void test_unknown_bytes_are_no_image(void **state)
{
    (void)state;
    expect_error("", 0, UNKNOWN);
    expect_error("hello, world", 12, UNKNOWN);
    expect_error("RIFF\x24\0\0\0WAVEfmt ", 16, UNKNOWN);
    expect_error("BM\x36\0\0\0", 6, UNKNOWN);
    expect_error("<!DOCTYPE html><html><body>", 27, UNKNOWN);
    expect_error("<?xml version='1.0'?><rss version='2.0'>", 40, UNKNOWN);
    expect_error("<svgx width='1'/>", 17, UNKNOWN);
    expect_error("\x1f\x8b\x08\0", 4, UNKNOWN); /* a gzipped SVGZ is not read */
}

static void test_truncated_headers_say_so(void **state)
{
    (void)state;
    expect_error(png_3x2, 20, "PNG header cut short");
    expect_error(gif_3x2, 7, "GIF header cut short");
    expect_error(webp_vp8, 26, "WebP VP8 header cut short");
    expect_error(jpeg_640x480, 40, "JPEG cut short before its frame header");
    expect_error("<svg width='1'", 14, "SVG cut short");
    expect_error("<?xml version='1.0'", 19, "SVG cut short");
}

static void test_broken_headers_are_errors(void **state)
{
    (void)state;
    unsigned char png[sizeof png_3x2];
    memcpy(png, png_3x2, sizeof png);
    png[13] = 'X'; /* IHDR -> IXDR */
    expect_error(png, sizeof png, "IHDR");
    memcpy(png, png_3x2, sizeof png);
    png[19] = 0; /* width 0 */
    expect_error(png, sizeof png, "impossible size 0x2");
    memcpy(png, png_3x2, sizeof png);
    png[16] = 0x80; /* width over 2^31 - 1 */
    expect_error(png, sizeof png, "impossible size");

    expect_error("\xff\xd8\xff\xda\x00\x02", 6, "without a frame header");
    expect_error("\xff\xd8\xff\xe0\x00\x01\x00\x00", 8, "length of 1");
    expect_error("\xff\xd8\xff\xc0\x00\x05\x08\x00\x01", 9, "frame header too short");
    expect_error("GIF88a\x01\0\x01\0", 10, "unknown version");
    expect_error("GIF89a\x00\0\x01\0", 10, "impossible size");
    expect_error("RIFF\x1e\0\0\0WEBPVP8 \x0a\0\0\0\x51\x02\x00\x9d\x01\x2a\x90\x01\x2c\x01", 30,
                 "key frame");
    expect_error("RIFF\x16\0\0\0WEBPVP8L\x05\0\0\0\x2e\x02\x40\x00\x10", 25, "signature");
    expect_error("RIFF\x16\0\0\0WEBPVP8L\x02\0\0\0\x2f\x02\x40\x00\x10", 25, "too small");
    expect_error("RIFF\x16\0\0\0WEBPALPH\x05\0\0\0\x2f\x02\x40\x00\x10", 25, "unknown first");
    expect_error("<svg width=1/>", 14, "malformed");
}

static void test_svg_root_must_appear_within_64_kb(void **state)
{
    (void)state;
    size_t pad = 70 * 1024;
    char *text = malloc(pad + 64);
    memcpy(text, "<!--", 4);
    memset(text + 4, 'x', pad);
    size_t n = 4 + pad;
    n += (size_t)sprintf(text + n, "--><svg width='1' height='1'/>");
    expect_error(text, n, "first 64 KB");
    /* A long comment that still ends in time is fine. */
    n = 4 + 60 * 1024;
    n += (size_t)sprintf(text + n, "--><svg width='1' height='1'/>");
    folio_image_info info;
    assert_int_equal(folio_image_probe(text, n, &info, NULL), FOLIO_OK);
    assert_int_equal(info.width, 1);
    free(text);
}

static void test_odd_svg_sizes_are_unknown_not_wrong(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "<svg width='-5' height='auto'/>", "<svg width='1e999' height='NaN'/>",
        "<svg width='10q' height='.'/>",   "<svg viewBox='0 0 -1 5'/>",
        "<svg viewBox='0 0 10'/>",         "<svg width='' height='5em'/>",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        folio_image_info info;
        folio_error err = {0};
        assert_int_equal(folio_image_probe(texts[i], strlen(texts[i]), &info, &err), FOLIO_OK);
        assert_string_equal(info.media_type, "image/svg+xml");
        if (info.width != 0 || info.height != 0)
            fail_msg("%s: %ux%u", texts[i], info.width, info.height);
    }
}

/* Flipped, zeroed and 0xff bytes in every sample: errors or answers, never a crash. */
static void test_mutated_headers_never_crash(void **state)
{
    (void)state;
    uint32_t seed = 12345;
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        const sample *s = &samples[i];
        unsigned char *copy = malloc(s->len);
        for (int round = 0; round < 3000; round++) {
            memcpy(copy, s->data, s->len);
            for (int k = 0; k < 3; k++) {
                seed = seed * 1103515245u + 12345u;
                size_t at = (seed >> 8) % s->len;
                copy[at] = (unsigned char)(k == 0 ? seed >> 24 : k == 1 ? 0xff : 0);
            }
            folio_image_info info;
            folio_error err = {0};
            int rc = folio_image_probe(copy, s->len, &info, &err);
            assert_true(rc == FOLIO_OK || rc == FOLIO_EFORMAT);
            if (rc == FOLIO_OK)
                assert_non_null(info.media_type);
        }
        free(copy);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_format_gives_its_type_and_size),
        cmocka_unit_test(test_every_truncated_prefix_is_an_error_not_an_overread),
        cmocka_unit_test(test_unknown_bytes_are_no_image),
        cmocka_unit_test(test_truncated_headers_say_so),
        cmocka_unit_test(test_broken_headers_are_errors),
        cmocka_unit_test(test_svg_root_must_appear_within_64_kb),
        cmocka_unit_test(test_odd_svg_sizes_are_unknown_not_wrong),
        cmocka_unit_test(test_mutated_headers_never_crash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
