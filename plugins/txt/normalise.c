/* SPDX-License-Identifier: MIT */
#include "txt.h"

#include <errno.h>
#include <iconv.h>
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

/* Advances the position *@line:*@column over @n bytes at @p, as
 * folio_position() counts: lines end at LF, CRLF or a lone CR, and a column
 * is a character (@utf8) or a byte (an 8-bit encoding). */
static void advance(unsigned *line, unsigned *column, bool *cr, const unsigned char *p, size_t n,
                    bool utf8)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char b = p[i];
        if (*cr) {
            *cr = false;
            ++*line;
            *column = 1;
            if (b == '\n')
                continue;
        }
        if (b == '\n') {
            ++*line;
            *column = 1;
        } else if (b == '\r') {
            *cr = true;
        } else if (!utf8 || (b & 0xC0) != 0x80) {
            ++*column;
        }
    }
}

/* Where byte @offset of an 8-bit input is, counting a byte a character. */
static void position_8bit(const unsigned char *data, size_t offset, unsigned *line,
                          unsigned *column)
{
    bool cr = false;
    *line = *column = 1;
    advance(line, column, &cr, data, offset, false);
    if (cr) {
        ++*line;
        *column = 1;
    }
}

/* A Latin-1 or Windows-1252 byte over 0x7F, decoded as it is normalised. */
static int put_8bit(norm *s, const txt_source *src, const unsigned char *p, folio_error *err)
{
    uint32_t cp = *p;
    if (src->encoding == ENC_CP1252 && cp < 0xA0) {
        cp = cp1252[cp - 0x80];
        if (!cp) {
            unsigned line, column;
            position_8bit(src->data, (size_t)(p - src->data), &line, &column);
            return folio_error_set_at(err, FOLIO_EFORMAT, line, column,
                                      "byte 0x%02X is not a windows-1252 character", *p);
        }
    }
    char seq[4];
    size_t n = utf8_put(seq, cp);
    put_seq(s, (const unsigned char *)seq, (int)n, 0);
    return FOLIO_OK;
}

/*
 * Spec 1 in one pass over @len bytes at @p, UTF-8 or (Latin-1, Windows-1252)
 * decoded on the way: drops C0 controls, trims lines, collapses runs of
 * spaces and tabs. An invalid sequence is an error at its offset, or when
 * lossy a U+FFFD. Offsets count from @base. A piece that ends inside a line
 * leaves it open for the next (@open), trailing white space and all.
 */
static int normalise(norm *s, txt_source *src, const unsigned char *p, size_t len,
                     const unsigned char *base, bool open, folio_error *err)
{
    const unsigned char *end = p + len;
    bool eight = src->encoding == ENC_LATIN1 || src->encoding == ENC_CP1252;
    if (!src->started && !eight && len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    src->started = src->started || len > 0;
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
                s->first_control = (size_t)(p - base);
            p++;
        } else if (eight) {
            int rc = put_8bit(s, src, p++, err);
            if (rc < 0)
                return rc;
        } else {
            int n = utf8_seq(p, end);
            size_t at = (size_t)(p - base);
            if (n < 0 && !src->lossy)
                return folio_error_set_offset(err, FOLIO_EFORMAT, src->data, src->len, at,
                                              "invalid UTF-8 (byte 0x%02X); for other text "
                                              "set -O txt.encoding=latin1, cp1252 or lossy",
                                              c);
            put_seq(s, p, n, at);
            p += n < 0 ? -n : n;
        }
    }
    if (!open)
        s->o = s->content;
    return FOLIO_OK;
}

/* An iconv encoding is decoded this many input bytes at a time; a line
 * longer than that is normalised in pieces, left open between them. */
#define ICONV_PIECE ((size_t)1 << 20)

/* Output bytes one input byte can become at most: a single-byte code page
 * (or a U+FFFD for a bad byte) gives a character of three bytes in UTF-8. */
#define MAX_GROWTH 3

/* The same for iconv, generously: a byte of a few code pages decodes to a
 * letter and a combining mark. A decoding that needs more is refused. */
#define ICONV_GROWTH 8

int txt_source_open(txt_source *src, const unsigned char *data, size_t len,
                    const folio_options *opts, folio_error *err)
{
    const char *name = folio_options_get(opts, "txt.encoding", "utf-8");
    encoding enc = encoding_of(name);
    *src = (txt_source){.data = data,
                        .len = len,
                        .encoding = enc,
                        .name = name,
                        .lossy = enc == ENC_LOSSY,
                        .line = 1,
                        .column = 1,
                        .opts = opts};
    if (enc != ENC_ICONV)
        return FOLIO_OK;
    iconv_t cd = iconv_open("UTF-8", name);
    if (cd == (iconv_t)-1)
        return folio_error_set(err, FOLIO_EOPTION, "txt.encoding: unknown encoding '%s'", name);
    src->iconv = cd;
    return FOLIO_OK;
}

size_t txt_source_piece(const txt_source *src, size_t size)
{
    size_t left = src->len - src->pos;
    if (src->encoding == ENC_ICONV)
        return left < ICONV_PIECE ? left : ICONV_PIECE;
    if (left <= size)
        return left;
    const unsigned char *nl = memchr(src->data + src->pos + size, '\n', left - size);
    return nl ? (size_t)(nl + 1 - (src->data + src->pos)) : left;
}

/* Bytes over 0x7F among the @n at @p: each can grow in the output. */
static size_t count_high(const unsigned char *p, size_t n)
{
    size_t high = 0;
    for (size_t i = 0; i < n; i++)
        high += p[i] >> 7;
    return high;
}

size_t txt_source_room(const txt_source *src, size_t n)
{
    if (src->encoding == ENC_ICONV) {
        /* What is held back, and what the piece decodes to. */
        if (n > (SIZE_MAX - src->decoded_len - 16) / ICONV_GROWTH)
            folio_oom();
        return src->decoded_len + ICONV_GROWTH * n + 16;
    }
    if (src->encoding == ENC_UTF8)
        return n + 1;
    /* A byte over 0x7F becomes at most three: U+FFFD, or a Windows-1252 '€'.
     * Counting them keeps a long line of ASCII at its own size. */
    return n + (MAX_GROWTH - 1) * count_high(src->data + src->pos, n) + 1;
}

/* Makes room for @more bytes of decoded text. */
static void reserve_decoded(txt_source *src, size_t more)
{
    if (src->decoded_cap - src->decoded_len >= more)
        return;
    size_t cap = src->decoded_len + more;
    char *p = realloc(src->decoded, cap);
    if (!p)
        folio_oom();
    src->decoded = p;
    src->decoded_cap = cap;
}

/*
 * Input the encoding lacks, after the decoded text: all of the input
 * before it, normalised (src->line, src->column) and held back
 * (src->decoded). The position counts characters of that decoded prefix,
 * which has the input's line breaks and one character per character of the
 * input, so one rule serves every encoding: a column is one byte of an
 * 8-bit encoding, one code unit or surrogate pair of UTF-16.
 */
static int undecodable(txt_source *src, folio_error *err)
{
    unsigned line = src->line, column = src->column;
    bool cr = src->cr;
    advance(&line, &column, &cr, (const unsigned char *)src->decoded, src->decoded_len, true);
    if (cr) {
        line++;
        column = 1;
    }
    return folio_error_set_at(err, FOLIO_EFORMAT, line, column, "input is not valid %s", src->name);
}

/* Decodes the next @n input bytes onto src->decoded; at the end of the
 * input (@eof) with the closing shift sequence of a stateful encoding. */
static int decode_iconv(txt_source *src, size_t n, bool eof, folio_error *err)
{
    reserve_decoded(src, ICONV_GROWTH * n + 16);
    char *in = (char *)(src->data + src->pos);
    size_t left = n;
    char *o = src->decoded + src->decoded_len;
    size_t room = src->decoded_cap - src->decoded_len;
    size_t r = iconv(src->iconv, &in, &left, &o, &room);
    int bad = r == (size_t)-1 ? errno : 0;
    if (eof && bad == 0)
        iconv(src->iconv, NULL, NULL, &o, &room);
    src->decoded_len = (size_t)(o - src->decoded);
    src->pos += n - left;
    /* A character cut by the end of the piece waits for the next one; E2BIG
     * is a decoding past ICONV_GROWTH, for which txt_source_room() left no room. */
    if (bad && !(bad == EINVAL && !eof))
        return undecodable(src, err);
    return FOLIO_OK;
}

/*
 * An iconv encoding: decodes the piece, then normalises the decoded text up
 * to its last line break, holding the rest back for the next piece, unless
 * a line has grown longer than a piece: that much is normalised and left
 * open. A final CR is held back, as it may be half of a CRLF.
 */
static int read_iconv(txt_source *src, size_t n, norm *s, folio_error *err)
{
    bool eof = src->pos + n == src->len;
    int rc = decode_iconv(src, n, eof, err);
    if (rc < 0)
        return rc;
    const unsigned char *d = (const unsigned char *)src->decoded;
    size_t len = src->decoded_len, take = len;
    if (!eof) {
        while (take > 0 && d[take - 1] != '\n')
            take--;
        if (take == 0 && len >= ICONV_PIECE)
            take = d[len - 1] == '\r' ? len - 1 : len;
    }
    /* Open: the line goes on in what is held back (all of it, maybe). */
    bool open = !eof && (take == 0 || d[take - 1] != '\n');
    size_t before = s->controls;
    rc = normalise(s, src, d, take, d, open, err);
    if (rc < 0)
        return rc;
    if (before == 0 && s->controls > 0) {
        /* The decoded text is gone by the end: place the first control now. */
        src->control_line = src->line;
        src->control_column = src->column;
        bool cr = src->cr;
        advance(&src->control_line, &src->control_column, &cr, d, s->first_control, true);
        if (cr) {
            src->control_line++;
            src->control_column = 1;
        }
    }
    advance(&src->line, &src->column, &src->cr, d, take, true);
    memmove(src->decoded, d + take, len - take);
    src->decoded_len = len - take;
    return FOLIO_OK;
}

int txt_source_read(txt_source *src, size_t n, char *buf, size_t *len, folio_error *err)
{
    char *out = buf + *len;
    norm s = {.o = out,
              .line = out - src->open_line,
              .content = out - src->open_trail,
              .bad = src->bad,
              .first = src->first,
              .controls = src->controls,
              .first_control = src->first_control};
    int rc;
    if (src->encoding == ENC_ICONV) {
        rc = read_iconv(src, n, &s, err);
    } else {
        rc = normalise(&s, src, src->data + src->pos, n, src->data, false, err);
        src->pos += n;
    }
    src->open_line = (size_t)(s.o - s.line);
    src->open_trail = (size_t)(s.o - s.content);
    src->bad = s.bad;
    src->first = s.first;
    src->controls = s.controls;
    src->first_control = s.first_control;
    *len = (size_t)(s.o - buf);
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
    if (src->controls) {
        unsigned line = src->control_line, column = src->control_column;
        if (src->encoding == ENC_LATIN1 || src->encoding == ENC_CP1252)
            position_8bit(src->data, src->first_control, &line, &column);
        else if (src->encoding != ENC_ICONV)
            folio_position(src->data, src->len, src->first_control, &line, &column);
        folio_warn_at(src->opts, NULL, line, column,
                      "txt: dropped %zu control character%s, the first here", src->controls,
                      src->controls == 1 ? "" : "s");
    }
    if (src->iconv)
        iconv_close(src->iconv);
    src->iconv = NULL;
    free(src->decoded);
    src->decoded = NULL;
}
