/* SPDX-License-Identifier: MIT */
#include "txt.h"

#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* How the input's bytes become UTF-8 (option txt.encoding). */
typedef enum encoding {
    ENC_UTF8,
    ENC_LOSSY,
    ENC_LATIN1,
    ENC_CP1252,
    ENC_ICONV,
} encoding;

/* The output of the normaliser: one line per '\n', see normalise_utf8(). */
typedef struct norm {
    char *o;              /* next byte to write */
    char *line;           /* start of the current line */
    char *content;        /* end of the line's last character that is not white space */
    size_t bad;           /* invalid sequences replaced (lossy) */
    size_t first;         /* offset of the first one */
    size_t controls;      /* C0 controls dropped */
    size_t first_control; /* offset of the first one */
} norm;

/* Windows-1252 0x80-0x9F; 0 marks the five bytes the code page leaves undefined. */
static const uint16_t cp1252[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

static bool name_is(const char *name, const char *const *list)
{
    for (; *list; list++) {
        if (strcasecmp(name, *list) == 0)
            return true;
    }
    return false;
}

static encoding encoding_of(const char *name)
{
    static const char *const utf8[] = {"utf-8", "utf8", NULL};
    static const char *const latin1[] = {"latin1",     "latin-1", "iso-8859-1", "iso8859-1",
                                         "iso_8859-1", "l1",      NULL};
    static const char *const win[] = {"cp1252", "windows-1252", "win1252", NULL};
    if (name_is(name, utf8))
        return ENC_UTF8;
    if (strcasecmp(name, "lossy") == 0)
        return ENC_LOSSY;
    if (name_is(name, latin1))
        return ENC_LATIN1;
    if (name_is(name, win))
        return ENC_CP1252;
    return ENC_ICONV;
}

/* White space that spec 1 trims at line ends but keeps inside a line:
 * U+00A0, U+1680, U+2000-U+200A, U+202F, U+205F, U+3000. */
static bool is_wide_space(const unsigned char *p, int n)
{
    if (n == 2)
        return p[0] == 0xC2 && p[1] == 0xA0;
    if (n != 3)
        return false;
    if (p[0] == 0xE2 && p[1] == 0x80)
        return p[2] <= 0x8A || p[2] == 0xAF;
    return (p[0] == 0xE1 && p[1] == 0x9A && p[2] == 0x80) ||
           (p[0] == 0xE2 && p[1] == 0x81 && p[2] == 0x9F) ||
           (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80);
}

static void end_line(norm *s)
{
    s->o = s->content;
    *s->o++ = '\n';
    s->line = s->content = s->o;
}

static void put_space(norm *s)
{
    if (s->o != s->line && s->o[-1] != ' ')
        *s->o++ = ' ';
}

/* Copies the well-formed sequence @p of @n bytes, or replaces an invalid
 * one (@n < 0) by U+FFFD. */
static void put_seq(norm *s, const unsigned char *p, int n, size_t offset)
{
    if (n < 0) {
        if (s->bad++ == 0)
            s->first = offset;
        memcpy(s->o, "\xEF\xBF\xBD", 3);
        s->o += 3;
        s->content = s->o;
        return;
    }
    bool space = is_wide_space(p, n);
    if (space && s->o == s->line)
        return;
    memcpy(s->o, p, (size_t)n);
    s->o += n;
    if (!space)
        s->content = s->o;
}

#if defined(__SSE2__)
/*
 * The bulk of most text is printable ASCII with single spaces, which the
 * normaliser copies as it is: take it 16 bytes at a time (SSE2, on every
 * x86-64) while a block holds nothing else, and return how many bytes were
 * taken. The scalar loop below handles everything else.
 */
static size_t copy_plain_blocks(norm *s, const unsigned char *p, const unsigned char *end)
{
    const unsigned char *start = p;
    char *o = s->o, *content = s->content;
    while (end - p >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
        /* Signed: bytes 0x80-0xFF are negative, so this is 0x20 to 0x7F. */
        if (_mm_movemask_epi8(_mm_cmpgt_epi8(x, _mm_set1_epi8(0x1F))) != 0xFFFF)
            break;
        unsigned sp = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')));
        if ((sp & (sp >> 1)) || ((sp & 1) && (o == s->line || o[-1] == ' ')))
            break; /* a run of spaces, or one that starts a line or ends one */
        _mm_storeu_si128((__m128i *)(void *)o, x);
        unsigned text = ~sp & 0xFFFFu;
        if (text)
            content = o + 32 - __builtin_clz(text);
        o += 16;
        p += 16;
    }
    s->o = o;
    s->content = content;
    return (size_t)(p - start);
}
#endif

/*
 * Spec 1 in one pass over @len bytes of UTF-8 at @p, a piece of @src:
 * drops C0 controls, trims lines, collapses runs of spaces and tabs. An
 * invalid sequence is an error at its offset, or when lossy a U+FFFD.
 */
static int normalise_utf8(norm *s, txt_source *src, const unsigned char *p, size_t len,
                          folio_error *err)
{
    const unsigned char *end = p + len;
    if (p == src->data && len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    while (p < end) {
#if defined(__SSE2__)
        p += copy_plain_blocks(s, p, end);
#endif
        /* Most bytes are printable ASCII: copy the run through a local, as a
         * store through s->o could alias *s and force a reload per byte. */
        char *o = s->o;
        while (p < end && (*p > ' ') && *p < 0x80)
            *o++ = (char)*p++;
        if (o != s->o)
            s->o = s->content = o;
        if (p == end)
            break;
        unsigned c = *p;
        if (c == ' ' || c == '\t') {
            put_space(s);
            p++;
        } else if (c == '\n' || c == '\r') {
            end_line(s);
            p += (c == '\r' && p + 1 < end && p[1] == '\n') ? 2 : 1;
        } else if (c < ' ') {
            if (s->controls++ == 0)
                s->first_control = (size_t)(p - src->data);
            p++;
        } else {
            int n = utf8_seq(p, end);
            size_t at = (size_t)(p - src->data);
            if (n < 0 && !src->lossy)
                return folio_error_set_offset(err, FOLIO_EFORMAT, src->data, src->len, at,
                                              "invalid UTF-8 (byte 0x%02X); for other text "
                                              "set -O txt.encoding=latin1, cp1252 or lossy",
                                              c);
            put_seq(s, p, n, at);
            p += n < 0 ? -n : n;
        }
    }
    s->o = s->content;
    return FOLIO_OK;
}

/*
 * Input the encoding lacks, after the @used bytes of UTF-8 that @buf holds:
 * the decoding of all the input before it (iconv stops short of what it
 * cannot convert). The position counts characters of that decoded prefix,
 * which has the input's line breaks and one character per character of
 * the input, so one rule serves every encoding: a column is one byte of an
 * 8-bit encoding, one code unit or surrogate pair of UTF-16. Frees @buf.
 */
FOLIO_PRINTF(4, 5)
static int undecodable(folio_error *err, char *buf, size_t used, const char *fmt, ...)
{
    unsigned line, column;
    folio_position((const unsigned char *)buf, used, used, &line, &column);
    free(buf);
    char message[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    return folio_error_set_at(err, FOLIO_EFORMAT, line, column, "%s", message);
}

/* Latin-1 and Windows-1252 to UTF-8, into a malloc'd *@out. */
static int decode_8bit(char **out, size_t *out_len, const unsigned char *data, size_t len,
                       encoding enc, folio_error *err)
{
    if (len > (SIZE_MAX - 1) / 3)
        folio_oom();
    char *buf = malloc(3 * len + 1), *o = buf;
    if (!buf)
        folio_oom();
    for (size_t i = 0; i < len; i++) {
        uint32_t cp = data[i];
        if (enc == ENC_CP1252 && cp >= 0x80 && cp < 0xA0) {
            cp = cp1252[cp - 0x80];
            if (!cp)
                return undecodable(err, buf, (size_t)(o - buf),
                                   "byte 0x%02X is not a windows-1252 character", data[i]);
        }
        o += utf8_put(o, cp);
    }
    *out = buf;
    *out_len = (size_t)(o - buf);
    return FOLIO_OK;
}

/* Any other encoding iconv knows, to UTF-8, into a malloc'd *@out. */
static int decode_iconv(char **out, size_t *out_len, const unsigned char *data, size_t len,
                        const char *name, folio_error *err)
{
    iconv_t cd = iconv_open("UTF-8", name);
    if (cd == (iconv_t)-1)
        return folio_error_set(err, FOLIO_EOPTION, "txt.encoding: unknown encoding '%s'", name);
    if (len > (SIZE_MAX - 16) / 2)
        folio_oom();
    size_t cap = len * 2 + 16, used = 0;
    char *buf = malloc(cap);
    if (!buf)
        folio_oom();
    char *in = (char *)data;
    size_t left = len;
    while (left > 0) {
        char *o = buf + used;
        size_t room = cap - used;
        size_t r = iconv(cd, &in, &left, &o, &room);
        used = (size_t)(o - buf);
        if (r != (size_t)-1)
            break;
        if (errno != E2BIG) {
            iconv_close(cd);
            return undecodable(err, buf, used, "input is not valid %s", name);
        }
        if (cap > SIZE_MAX / 2)
            folio_oom();
        cap *= 2;
        buf = realloc(buf, cap);
        if (!buf)
            folio_oom();
    }
    iconv_close(cd);
    *out = buf;
    *out_len = used;
    return FOLIO_OK;
}

int txt_source_open(txt_source *src, const unsigned char *data, size_t len,
                    const folio_options *opts, folio_error *err)
{
    const char *name = folio_options_get(opts, "txt.encoding", "utf-8");
    encoding enc = encoding_of(name);
    *src = (txt_source){.data = data, .len = len, .lossy = enc == ENC_LOSSY, .opts = opts};
    int rc = FOLIO_OK;
    if (enc == ENC_LATIN1 || enc == ENC_CP1252)
        rc = decode_8bit(&src->decoded, &src->len, data, len, enc, err);
    else if (enc == ENC_ICONV)
        rc = decode_iconv(&src->decoded, &src->len, data, len, name, err);
    if (src->decoded)
        src->data = (const unsigned char *)src->decoded;
    return rc;
}

size_t txt_source_piece(const txt_source *src, size_t size)
{
    size_t left = src->len - src->pos;
    if (left <= size)
        return left;
    const unsigned char *nl = memchr(src->data + src->pos + size, '\n', left - size);
    return nl ? (size_t)(nl + 1 - (src->data + src->pos)) : left;
}

size_t txt_source_room(const txt_source *src, size_t n)
{
    /* Lossy output can triple: one bad byte becomes U+FFFD's three. */
    if (src->lossy && n > (SIZE_MAX - 1) / 3)
        folio_oom();
    return (src->lossy ? 3 * n : n) + 1;
}

int txt_source_read(txt_source *src, size_t n, char *out, size_t *written, folio_error *err)
{
    norm s = {.o = out,
              .line = out,
              .content = out,
              .bad = src->bad,
              .first = src->first,
              .controls = src->controls,
              .first_control = src->first_control};
    int rc = normalise_utf8(&s, src, src->data + src->pos, n, err);
    src->pos += n;
    src->bad = s.bad;
    src->first = s.first;
    src->controls = s.controls;
    src->first_control = s.first_control;
    *written = (size_t)(s.o - out);
    return rc;
}

/* Repairs are reported once each, at the first place they were made: a
 * damaged archive file would otherwise bury the user in warnings. The
 * position counts in the decoded text, as errors do (undecodable()). */
void txt_source_close(txt_source *src)
{
    if (src->bad)
        folio_warn_offset(src->opts, src->data, src->len, src->first,
                          "txt: replaced %zu invalid UTF-8 sequence%s with U+FFFD, the first here",
                          src->bad, src->bad == 1 ? "" : "s");
    if (src->controls)
        folio_warn_offset(src->opts, src->data, src->len, src->first_control,
                          "txt: dropped %zu control character%s, the first here", src->controls,
                          src->controls == 1 ? "" : "s");
    free(src->decoded);
    src->decoded = NULL;
}
