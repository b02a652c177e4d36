/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <string.h>

#include <folio/resource.h>

/*
 * Every reader below checks a length before it touches a byte: the input
 * is untrusted and may be any prefix of an image. Raster sizes of 0 are
 * refused (no format allows them), so a caller can divide by them; only an
 * SVG may say nothing about its size.
 */

#define UNKNOWN_MESSAGE "not a PNG, JPEG, GIF, WebP or SVG image"

/* SVG's root element must show up within this many bytes; prologs are short. */
#define SVG_SCAN_MAX ((size_t)64 * 1024)

/* PNG's own limit on each side (2^31 - 1), applied to every format. */
#define SIDE_MAX 0x7fffffffu

static uint32_t be16(const unsigned char *p)
{
    return (uint32_t)p[0] << 8 | p[1];
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t le16(const unsigned char *p)
{
    return (uint32_t)p[1] << 8 | p[0];
}

static uint32_t le24(const unsigned char *p)
{
    return (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[3] << 24 | le24(p);
}

/* True when the first min(@len, @n) bytes of @p are those of @sig. */
static bool starts_like(const unsigned char *p, size_t len, const char *sig, size_t n)
{
    return memcmp(p, sig, len < n ? len : n) == 0;
}

static int cut_short(folio_error *err, const char *format, size_t len, size_t need)
{
    return folio_error_set(err, FOLIO_EFORMAT, "%s header cut short: %zu bytes, it needs %zu",
                           format, len, need);
}

static int set_size(folio_image_info *info, const char *type, uint32_t w, uint32_t h,
                    folio_error *err)
{
    if (w == 0 || h == 0 || w > SIDE_MAX || h > SIDE_MAX)
        return folio_error_set(err, FOLIO_EFORMAT, "%s header gives an impossible size %ux%u",
                               type + strlen("image/"), (unsigned)w, (unsigned)h);
    info->media_type = type;
    info->width = w;
    info->height = h;
    return FOLIO_OK;
}

/* PNG: signature, then IHDR must be the first chunk (length 13, width and height first). */
static int probe_png(const unsigned char *p, size_t len, folio_image_info *info, folio_error *err)
{
    if (len < 24)
        return cut_short(err, "PNG", len, 24);
    if (be32(p + 8) != 13 || memcmp(p + 12, "IHDR", 4) != 0)
        return folio_error_set(err, FOLIO_EFORMAT, "PNG without an IHDR chunk first");
    return set_size(info, "image/png", be32(p + 16), be32(p + 20), err);
}

/* The start-of-frame markers that carry the size; C4 (DHT), C8 (JPG) and CC (DAC) do not. */
static bool is_sof(unsigned m)
{
    return m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc;
}

/* Markers without a length: TEM, RST0-7, and the fill byte's own code. */
static bool is_standalone(unsigned m)
{
    return m == 0x01 || (m >= 0xd0 && m <= 0xd7);
}

/* JPEG (T.81 B.1.1): segments after SOI until the first SOFn, whose body is P, Y, X, Nf. */
static int probe_jpeg(const unsigned char *p, size_t len, folio_image_info *info, folio_error *err)
{
    size_t pos = 2;
    for (;;) {
        /* Bytes between segments are junk libjpeg skips too; 0xFF runs are fill. */
        while (pos < len && p[pos] != 0xff)
            pos++;
        while (pos < len && p[pos] == 0xff)
            pos++;
        if (pos >= len)
            break;
        unsigned m = p[pos++];
        if (m == 0x00 || is_standalone(m))
            continue;
        if (m == 0xd8 || m == 0xd9 || m == 0xda)
            return folio_error_set(err, FOLIO_EFORMAT, "JPEG without a frame header (SOF)");
        if (len - pos < 2)
            break;
        size_t seg = be16(p + pos);
        if (seg < 2)
            return folio_error_set(err, FOLIO_EFORMAT, "JPEG segment with a length of %zu", seg);
        if (is_sof(m)) {
            if (seg < 8)
                return folio_error_set(err, FOLIO_EFORMAT, "JPEG frame header too short");
            if (len - pos < 8)
                break;
            return set_size(info, "image/jpeg", be16(p + pos + 5), be16(p + pos + 3), err);
        }
        if (len - pos < seg)
            break;
        pos += seg;
    }
    return folio_error_set(err, FOLIO_EFORMAT, "JPEG cut short before its frame header (SOF)");
}

/* GIF: "GIF87a" or "GIF89a", then the logical screen's width and height. */
static int probe_gif(const unsigned char *p, size_t len, folio_image_info *info, folio_error *err)
{
    if (len < 10)
        return cut_short(err, "GIF", len, 10);
    if (memcmp(p + 3, "87a", 3) != 0 && memcmp(p + 3, "89a", 3) != 0)
        return folio_error_set(err, FOLIO_EFORMAT, "GIF of an unknown version '%.3s'", p + 3);
    return set_size(info, "image/gif", le16(p + 6), le16(p + 8), err);
}

static int webp_too_small(folio_error *err, size_t size)
{
    return folio_error_set(err, FOLIO_EFORMAT, "WebP chunk of %zu bytes, too small for a header",
                           size);
}

/*
 * WebP (RFC 9649): "RIFF" size "WEBP", then the first chunk: "VP8 " (a key
 * frame's tag, start code 9d 01 2a, 14-bit sizes), "VP8L" (signature 0x2f,
 * 14-bit width-1 and height-1) or "VP8X" (24-bit canvas width-1, height-1).
 */
static int probe_webp(const unsigned char *p, size_t len, folio_image_info *info, folio_error *err)
{
    if (len < 20)
        return cut_short(err, "WebP", len, 20);
    const unsigned char *c = p + 20;
    size_t have = len - 20;
    size_t size = le32(p + 16);
    if (memcmp(p + 12, "VP8 ", 4) == 0) {
        if (have < 10)
            return cut_short(err, "WebP VP8", len, 30);
        if (size < 10)
            return webp_too_small(err, size);
        if ((c[0] & 1) != 0 || memcmp(c + 3, "\x9d\x01\x2a", 3) != 0)
            return folio_error_set(err, FOLIO_EFORMAT, "WebP VP8 data without a key frame");
        return set_size(info, "image/webp", le16(c + 6) & 0x3fff, le16(c + 8) & 0x3fff, err);
    }
    if (memcmp(p + 12, "VP8L", 4) == 0) {
        if (have < 5)
            return cut_short(err, "WebP VP8L", len, 25);
        if (size < 5)
            return webp_too_small(err, size);
        uint32_t bits = le32(c + 1);
        if (c[0] != 0x2f || (bits >> 29) != 0)
            return folio_error_set(err, FOLIO_EFORMAT, "WebP VP8L data without its signature");
        return set_size(info, "image/webp", (bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1, err);
    }
    if (memcmp(p + 12, "VP8X", 4) == 0) {
        if (have < 10)
            return cut_short(err, "WebP VP8X", len, 30);
        if (size < 10)
            return webp_too_small(err, size);
        return set_size(info, "image/webp", le24(c + 4) + 1, le24(c + 7) + 1, err);
    }
    return folio_error_set(err, FOLIO_EFORMAT, "WebP with an unknown first chunk '%.4s'", p + 12);
}

/*
 * SVG: text, so a bounded scan instead of a parser. Skips a byte order mark,
 * the XML declaration, processing instructions, comments and a doctype (with
 * its internal subset), then reads the root element's start tag.
 */
typedef struct scan {
    const unsigned char *p;
    size_t len;  /* what may be read: at most SVG_SCAN_MAX */
    size_t full; /* the whole input's length, for the message */
    size_t pos;
} scan;

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void skip_space(scan *s)
{
    while (s->pos < s->len && is_space(s->p[s->pos]))
        s->pos++;
}

static bool at(const scan *s, const char *lit)
{
    size_t n = strlen(lit);
    return s->len - s->pos >= n && memcmp(s->p + s->pos, lit, n) == 0;
}

/* Moves past the next @lit; false when the scan ends first. */
static bool skip_past(scan *s, const char *lit)
{
    size_t n = strlen(lit);
    for (; s->len - s->pos >= n; s->pos++) {
        if (memcmp(s->p + s->pos, lit, n) == 0) {
            s->pos += n;
            return true;
        }
    }
    s->pos = s->len;
    return false;
}

/* Moves past a doctype's closing '>', outside quotes and its [internal subset]. */
static bool skip_doctype(scan *s)
{
    unsigned char quote = 0;
    unsigned depth = 0;
    for (; s->pos < s->len; s->pos++) {
        unsigned char c = s->p[s->pos];
        if (quote) {
            quote = c == quote ? 0 : quote;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '[') {
            depth++;
        } else if (c == ']' && depth > 0) {
            depth--;
        } else if (c == '>' && depth == 0) {
            s->pos++;
            return true;
        }
    }
    return false;
}

static int svg_cut_short(const scan *s, folio_error *err)
{
    if (s->len < s->full)
        return folio_error_set(err, FOLIO_EFORMAT, "no SVG root element in the first %zu KB",
                               SVG_SCAN_MAX / 1024);
    return folio_error_set(err, FOLIO_EFORMAT, "SVG cut short before the end of its <svg> tag");
}

/* Leaves @s just after the root element's '<'. */
static int find_root(scan *s, folio_error *err)
{
    if (at(s, "\xef\xbb\xbf"))
        s->pos += 3;
    for (;;) {
        skip_space(s);
        if (s->pos >= s->len)
            return svg_cut_short(s, err);
        if (s->p[s->pos] != '<')
            return folio_error_set(err, FOLIO_EFORMAT, UNKNOWN_MESSAGE);
        bool closed;
        if (at(s, "<?"))
            closed = skip_past(s, "?>");
        else if (at(s, "<!--"))
            closed = skip_past(s, "-->");
        else if (at(s, "<!"))
            closed = skip_doctype(s);
        else
            break;
        if (!closed)
            return svg_cut_short(s, err);
    }
    s->pos++;
    return FOLIO_OK;
}

/* Reads the element name; OK when it is svg (with or without a namespace prefix). */
static int root_is_svg(scan *s, folio_error *err)
{
    size_t start = s->pos;
    while (s->pos < s->len && !is_space(s->p[s->pos]) && s->p[s->pos] != '>' && s->p[s->pos] != '/')
        s->pos++;
    if (s->pos >= s->len)
        return svg_cut_short(s, err);
    size_t n = s->pos - start;
    const unsigned char *name = s->p + start;
    if ((n == 3 || (n > 4 && name[n - 4] == ':')) && memcmp(name + n - 3, "svg", 3) == 0)
        return FOLIO_OK;
    return folio_error_set(err, FOLIO_EFORMAT, UNKNOWN_MESSAGE);
}

typedef struct svg_attrs {
    folio_str width, height, view_box; /* absent when not given */
} svg_attrs;

static void keep_attr(svg_attrs *a, folio_str name, folio_str value)
{
    folio_str *slot = folio_str_equal_c(name, "width")     ? &a->width
                      : folio_str_equal_c(name, "height")  ? &a->height
                      : folio_str_equal_c(name, "viewBox") ? &a->view_box
                                                           : NULL;
    if (slot && !slot->data)
        *slot = value;
}

/* Reads the start tag's attributes up to its '>' or "/>". */
static int read_attrs(scan *s, svg_attrs *a, folio_error *err)
{
    for (;;) {
        skip_space(s);
        if (s->pos >= s->len)
            return svg_cut_short(s, err);
        unsigned char c = s->p[s->pos];
        if (c == '>' || c == '/')
            return FOLIO_OK;
        size_t start = s->pos;
        while (s->pos < s->len && !is_space(s->p[s->pos]) && s->p[s->pos] != '=' &&
               s->p[s->pos] != '>' && s->p[s->pos] != '/')
            s->pos++;
        folio_str name = folio_str_n((const char *)s->p + start, s->pos - start);
        skip_space(s);
        if (s->pos < s->len && s->p[s->pos] == '=') {
            s->pos++;
            skip_space(s);
        }
        if (s->pos >= s->len)
            return svg_cut_short(s, err);
        unsigned char quote = s->p[s->pos];
        if (name.len == 0 || (quote != '"' && quote != '\''))
            return folio_error_set(err, FOLIO_EFORMAT, "SVG with a malformed <svg> tag");
        size_t value = ++s->pos;
        while (s->pos < s->len && s->p[s->pos] != quote)
            s->pos++;
        if (s->pos >= s->len)
            return svg_cut_short(s, err);
        keep_attr(a, name, folio_str_n((const char *)s->p + value, s->pos - value));
        s->pos++;
    }
}

/* The exponent ("e-3") at *@pp, moving past it; 0 and no move when there is none. */
static int parse_exponent(const char **pp, const char *end)
{
    const char *q = *pp;
    if (q >= end || (*q != 'e' && *q != 'E'))
        return 0;
    q++;
    int sign = 1, e = 0;
    if (q < end && (*q == '+' || *q == '-'))
        sign = *q++ == '-' ? -1 : 1;
    if (q >= end || *q < '0' || *q > '9')
        return 0; /* "1em": a unit, not an exponent */
    for (; q < end && *q >= '0' && *q <= '9'; q++)
        e = e < 1000 ? e * 10 + (*q - '0') : e;
    *pp = q;
    return sign * e;
}

/* A number in SVG's syntax (no locale: strtod would read "1,5" in some); false if none. */
static bool parse_number(const char **pp, const char *end, double *out)
{
    const char *p = *pp;
    double sign = 1, v = 0;
    if (p < end && (*p == '+' || *p == '-'))
        sign = *p++ == '-' ? -1 : 1;
    int digits = 0, exp = 0;
    for (; p < end && *p >= '0' && *p <= '9'; p++, digits++)
        v = v * 10 + (*p - '0');
    if (p < end && *p == '.') {
        for (p++; p < end && *p >= '0' && *p <= '9'; p++, digits++, exp--)
            v = v * 10 + (*p - '0');
    }
    if (digits == 0)
        return false;
    exp += parse_exponent(&p, end);
    for (; exp > 0 && isfinite(v); exp--)
        v *= 10;
    for (; exp < 0 && v != 0; exp++)
        v /= 10;
    *pp = p;
    *out = sign * v;
    return isfinite(*out);
}

/* A length in CSS pixels (96 per inch); -1 when absent, relative (%, em) or broken. */
static double svg_length(folio_str value)
{
    static const struct {
        const char *unit;
        double px;
    } units[] = {{"", 1},           {"px", 1},         {"in", 96}, {"cm", 96 / 2.54},
                 {"mm", 96 / 25.4}, {"pt", 96 / 72.0}, {"pc", 16}};
    if (!value.data)
        return -1;
    const char *p = value.data, *end = p + value.len;
    double v;
    while (p < end && is_space((unsigned char)*p))
        p++;
    while (end > p && is_space((unsigned char)end[-1]))
        end--;
    if (!parse_number(&p, end, &v) || v <= 0)
        return -1;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        size_t n = strlen(units[i].unit);
        if ((size_t)(end - p) == n && (n == 0 || strncmp(p, units[i].unit, n) == 0))
            return v * units[i].px;
    }
    return -1;
}

/* The viewBox's width and height (its 3rd and 4th numbers); false unless both are positive. */
static bool view_box_size(folio_str value, double *w, double *h)
{
    if (!value.data)
        return false;
    const char *p = value.data, *end = p + value.len;
    double n[4];
    for (int i = 0; i < 4; i++) {
        while (p < end && (is_space((unsigned char)*p) || (i > 0 && *p == ',')))
            p++;
        if (!parse_number(&p, end, &n[i]))
            return false;
    }
    *w = n[2];
    *h = n[3];
    return *w > 0 && *h > 0;
}

/* Rounds to whole pixels; 0 for unknown, at least 1 for a tiny but real size. */
static unsigned to_pixels(double v)
{
    if (!(v > 0) || v >= SIDE_MAX)
        return 0;
    unsigned px = (unsigned)(v + 0.5);
    return px ? px : 1;
}

/* width/height in absolute units win; a missing or relative one comes from the viewBox. */
static int probe_svg(const unsigned char *p, size_t len, folio_image_info *info, folio_error *err)
{
    scan s = {.p = p, .len = len < SVG_SCAN_MAX ? len : SVG_SCAN_MAX, .full = len};
    svg_attrs a = {0};
    int rc;
    if ((rc = find_root(&s, err)) < 0 || (rc = root_is_svg(&s, err)) < 0 ||
        (rc = read_attrs(&s, &a, err)) < 0)
        return rc;
    double w = svg_length(a.width), h = svg_length(a.height), vw, vh;
    if (view_box_size(a.view_box, &vw, &vh)) {
        if (w < 0 && h < 0) {
            w = vw;
            h = vh;
        } else if (w < 0) {
            w = h * vw / vh;
        } else if (h < 0) {
            h = w * vh / vw;
        }
    }
    info->media_type = "image/svg+xml";
    info->width = to_pixels(w);
    info->height = to_pixels(h);
    return FOLIO_OK;
}

int folio_image_probe(const void *data, size_t len, folio_image_info *info, folio_error *err)
{
    const unsigned char *p = data;
    *info = (folio_image_info){0};
    if (len == 0)
        return folio_error_set(err, FOLIO_EFORMAT, "empty, " UNKNOWN_MESSAGE);
    if (starts_like(p, len, "\x89PNG\r\n\x1a\n", 8))
        return probe_png(p, len, info, err);
    if (starts_like(p, len, "\xff\xd8\xff", 3))
        return len < 3 ? cut_short(err, "JPEG", len, 3) : probe_jpeg(p, len, info, err);
    if (starts_like(p, len, "GIF8", 4))
        return probe_gif(p, len, info, err);
    if (starts_like(p, len, "RIFF", 4) && (len < 8 || starts_like(p + 8, len - 8, "WEBP", 4)))
        return probe_webp(p, len, info, err);
    return probe_svg(p, len, info, err);
}
