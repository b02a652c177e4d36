/* SPDX-License-Identifier: MIT */
#include "htmlgen_int.h"

#include "../common/utf8.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/*
 * Text is mostly plain ASCII: a 16-byte block without markup characters,
 * controls or non-ASCII bytes is copied as it is (8 bytes where there is
 * no SSE2). Any other block goes character by character.
 */
#if defined(__SSE2__)
enum { BLOCK = 16 };

static bool block_is_plain(const char *p)
{
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
    /* Signed compare: bytes 0x80-0xFF are negative, so "below 0x20" also
     * catches every non-ASCII byte. */
    __m128i hit = _mm_cmplt_epi8(x, _mm_set1_epi8(0x20));
    hit = _mm_or_si128(hit, _mm_cmpeq_epi8(x, _mm_set1_epi8('&')));
    hit = _mm_or_si128(hit, _mm_cmpeq_epi8(x, _mm_set1_epi8('<')));
    hit = _mm_or_si128(hit, _mm_cmpeq_epi8(x, _mm_set1_epi8('>')));
    hit = _mm_or_si128(hit, _mm_cmpeq_epi8(x, _mm_set1_epi8('"')));
    hit = _mm_or_si128(hit, _mm_cmpeq_epi8(x, _mm_set1_epi8(0x7f)));
    return _mm_movemask_epi8(hit) == 0;
}
#else
enum { BLOCK = 8 };

static bool has_byte(uint64_t x, unsigned char c)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t y = x ^ (ones * c);
    return ((y - ones) & ~y & highs) != 0;
}

static bool block_is_plain(const char *p)
{
    uint64_t x;
    memcpy(&x, p, 8);
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    if ((x & highs) || ((x - ones * 0x20) & ~x & highs))
        return false;
    return !has_byte(x, '&') && !has_byte(x, '<') && !has_byte(x, '>') && !has_byte(x, '"') &&
           !has_byte(x, 0x7f);
}
#endif

/* Code points HTML forbids in text ("control" and "noncharacter"), tab and newlines apart. */
static bool forbidden(uint32_t cp)
{
    if (cp < 0x20)
        return cp != '\t' && cp != '\n' && cp != '\r';
    return (cp >= 0x7f && cp <= 0x9f) || (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe;
}

static const char replacement[] = "\xef\xbf\xbd";

/* Escapes the characters of @s from @i to @stop (or a little beyond, to end
 * a UTF-8 sequence); @run is where the bytes not yet copied start. Returns
 * the new @i. */
static size_t escape_slow(folio_buf *b, folio_str s, size_t i, size_t stop, size_t *run)
{
    const unsigned char *p = (const unsigned char *)s.data;
    while (i < stop) {
        unsigned char c = p[i];
        const char *rep = NULL;
        size_t len = 1;
        uint32_t cp = c;
        if (c >= 0x80) {
            len = utf8_decode(p + i, p + s.len, &cp);
            if (len == 0) {
                len = 1;
                rep = replacement;
            }
        }
        if (!rep) {
            rep = c == '&'        ? "&amp;"
                  : c == '<'      ? "&lt;"
                  : c == '>'      ? "&gt;"
                  : c == '"'      ? "&quot;"
                  : forbidden(cp) ? replacement
                                  : NULL;
        }
        if (rep) {
            folio_buf_append(b, s.data + *run, i - *run);
            folio_buf_puts(b, rep);
            *run = i + len;
        }
        i += len;
    }
    return i;
}

void hg_escape(folio_buf *b, folio_str s)
{
    if (s.len == 0)
        return; /* also an absent view, whose NULL data takes no offset */
    size_t i = 0, run = 0;
    while (i < s.len) {
        if (s.len - i >= BLOCK && block_is_plain(s.data + i)) {
            i += BLOCK;
            continue;
        }
        size_t stop = s.len - i >= BLOCK ? i + BLOCK : s.len;
        i = escape_slow(b, s, i, stop, &run);
    }
    folio_buf_append(b, s.data + run, s.len - run);
}

void hg_attr(hg *g, const char *name, folio_str value)
{
    folio_buf_putc(&g->out, ' ');
    folio_buf_puts(&g->out, name);
    folio_buf_append(&g->out, "=\"", 2);
    hg_escape(&g->out, value);
    folio_buf_putc(&g->out, '"');
}

static bool is_hex(char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

/* ASCII a URL may not hold as it is (WHATWG URL: spaces, quotes, controls,
 * and "%" that starts no escape). */
static bool url_needs_escape(folio_str s, size_t i)
{
    unsigned char c = (unsigned char)s.data[i];
    if (c == '%')
        return i + 2 >= s.len || !is_hex(s.data[i + 1]) || !is_hex(s.data[i + 2]);
    return c <= ' ' || c == 0x7f || strchr("\"<>\\^`{|}", c) != NULL;
}

void hg_url_attr(hg *g, const char *name, folio_str url)
{
    static const char hex[] = "0123456789ABCDEF";
    folio_buf_putc(&g->out, ' ');
    folio_buf_puts(&g->out, name);
    folio_buf_append(&g->out, "=\"", 2);
    size_t run = 0;
    for (size_t i = 0; i < url.len; i++) {
        if (!url_needs_escape(url, i))
            continue;
        hg_escape(&g->out, folio_str_n(url.data + run, i - run));
        unsigned char c = (unsigned char)url.data[i];
        char pct[3] = {'%', hex[c >> 4], hex[c & 15]};
        folio_buf_append(&g->out, pct, 3);
        run = i + 1;
    }
    if (run < url.len)
        hg_escape(&g->out, folio_str_n(url.data + run, url.len - run));
    folio_buf_putc(&g->out, '"');
}

bool hg_valid_lang(folio_str s)
{
    size_t i = 0, sub = 0;
    /* BCP 47's shape: a 2-3 letter language, then subtags of 1-8 letters
     * or digits. Whether each subtag is registered is the reader's concern. */
    while (i < s.len && ((s.data[i] | 0x20) >= 'a' && (s.data[i] | 0x20) <= 'z'))
        i++;
    if (i < 2 || i > 3)
        return false;
    while (i < s.len) {
        if (s.data[i++] != '-')
            return false;
        for (sub = 0; i < s.len && s.data[i] != '-'; i++, sub++) {
            char c = (char)(s.data[i] | 0x20);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
                return false;
        }
        if (sub == 0 || sub > 8)
            return false;
    }
    return true;
}

static void json_u(folio_buf *b, uint32_t cp)
{
    folio_buf_printf(b, "\\u%04x", (unsigned)cp);
}

void hg_json_string(folio_buf *b, folio_str s)
{
    const unsigned char *p = (const unsigned char *)s.data;
    folio_buf_putc(b, '"');
    for (size_t i = 0; i < s.len;) {
        uint32_t cp = p[i];
        size_t len = 1;
        if (cp >= 0x80 && (len = utf8_decode(p + i, p + s.len, &cp)) == 0) {
            len = 1;
            cp = 0xfffd;
        }
        if (cp == '"' || cp == '\\') {
            folio_buf_putc(b, '\\');
            folio_buf_putc(b, (char)cp);
        } else if (cp == '\n') {
            folio_buf_append(b, "\\n", 2);
        } else if (cp < 0x20 || cp == '<' || cp == '>' || cp == '&' || cp == 0x2028 ||
                   cp == 0x2029 || cp == 0xfffd || (forbidden(cp) && cp <= 0xffff)) {
            json_u(b, cp);
        } else if (forbidden(cp)) {
            json_u(b, 0xfffd);
        } else {
            folio_buf_append(b, s.data + i, len);
        }
        i += len;
    }
    folio_buf_putc(b, '"');
}

void hg_base64(folio_buf *b, const unsigned char *data, size_t len)
{
    static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    folio_buf_grow(b, (len + 2) / 3 * 4);
    char *o = b->data + b->len;
    size_t i = 0;
    for (; i + 3 <= len; i += 3) {
        uint32_t v = (uint32_t)data[i] << 16 | (uint32_t)data[i + 1] << 8 | data[i + 2];
        *o++ = abc[v >> 18];
        *o++ = abc[v >> 12 & 63];
        *o++ = abc[v >> 6 & 63];
        *o++ = abc[v & 63];
    }
    if (i < len) {
        uint32_t v = (uint32_t)data[i] << 16 | (i + 1 < len ? (uint32_t)data[i + 1] << 8 : 0);
        *o++ = abc[v >> 18];
        *o++ = abc[v >> 12 & 63];
        *o++ = i + 1 < len ? abc[v >> 6 & 63] : '=';
        *o++ = '=';
    }
    b->len = (size_t)(o - b->data);
    b->data[b->len] = '\0';
}

/* Reads @n digits at @s[*at] as a number within [@lo, @hi]; -1 if they are not. */
static int digits(folio_str s, size_t *at, size_t n, int lo, int hi)
{
    int v = 0;
    if (s.len - *at < n)
        return -1;
    for (size_t i = 0; i < n; i++) {
        char c = s.data[*at + i];
        if (c < '0' || c > '9')
            return -1;
        v = v * 10 + (c - '0');
    }
    *at += n;
    return v >= lo && v <= hi ? v : -1;
}

static bool take(folio_str s, size_t *at, char c)
{
    if (*at < s.len && s.data[*at] == c) {
        (*at)++;
        return true;
    }
    return false;
}

static int days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

/* The time and zone after a date: HH:MM[:SS[.f{1,3}]][Z|+HH:MM|+HHMM]. */
static bool valid_time(folio_str s, size_t at)
{
    if (digits(s, &at, 2, 0, 23) < 0 || !take(s, &at, ':') || digits(s, &at, 2, 0, 59) < 0)
        return false;
    if (take(s, &at, ':')) {
        if (digits(s, &at, 2, 0, 59) < 0)
            return false;
        if (take(s, &at, '.')) {
            size_t n = 0;
            while (n < 3 && digits(s, &at, 1, 0, 9) >= 0)
                n++;
            if (n == 0)
                return false;
        }
    }
    if (at == s.len || (take(s, &at, 'Z') && at == s.len))
        return at == s.len;
    if (!take(s, &at, '+') && !take(s, &at, '-'))
        return false;
    if (digits(s, &at, 2, 0, 23) < 0)
        return false;
    take(s, &at, ':');
    return digits(s, &at, 2, 0, 59) >= 0 && at == s.len;
}

bool hg_valid_datetime(folio_str s)
{
    size_t at = 0;
    int year = digits(s, &at, 4, 1, 9999);
    if (year < 0)
        return false;
    if (at == s.len)
        return true;
    int month = take(s, &at, '-') ? digits(s, &at, 2, 1, 12) : -1;
    if (month < 0)
        return false;
    if (at == s.len)
        return true;
    if (!take(s, &at, '-') || digits(s, &at, 2, 1, days_in_month(year, month)) < 0)
        return false;
    if (at == s.len)
        return true;
    if (!take(s, &at, 'T') && !take(s, &at, ' '))
        return false;
    return valid_time(s, at);
}

/* Month names and the order of a date's parts, for the languages of the samples. */
typedef struct date_style {
    const char *lang;
    const char *months[12];
    const char *day_end; /* after the day: "." in "13. september" */
    bool month_first;    /* "September 13, 2023" */
} date_style;

static const date_style styles[] = {
    {"nb",
     {"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
      "november", "desember"},
     ".",
     false},
    {"sv",
     {"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
      "oktober", "november", "december"},
     "",
     false},
    {"da",
     {"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
      "oktober", "november", "december"},
     ".",
     false},
    {"de",
     {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
      "November", "Dezember"},
     ".",
     false},
    {"en",
     {"January", "February", "March", "April", "May", "June", "July", "August", "September",
      "October", "November", "December"},
     "",
     true},
};

static const date_style *style_for(folio_str lang)
{
    char two[3] = {0};
    if (lang.len < 2 || (lang.len > 2 && lang.data[2] != '-'))
        return NULL;
    two[0] = (char)(lang.data[0] | 0x20);
    two[1] = (char)(lang.data[1] | 0x20);
    /* Nynorsk and the macrolanguage write dates as Bokmål does. */
    if (strcmp(two, "nn") == 0 || strcmp(two, "no") == 0)
        memcpy(two, "nb", 2);
    for (size_t i = 0; i < sizeof styles / sizeof styles[0]; i++) {
        if (strcmp(styles[i].lang, two) == 0)
            return &styles[i];
    }
    return NULL;
}

void hg_human_date(folio_buf *b, folio_str s, folio_str lang)
{
    const date_style *st = style_for(lang);
    size_t at = 0;
    int year = digits(s, &at, 4, 1, 9999);
    int month = take(s, &at, '-') ? digits(s, &at, 2, 1, 12) : -1;
    int day = month > 0 && take(s, &at, '-') ? digits(s, &at, 2, 1, 31) : -1;
    if (!st || year < 0) {
        hg_escape(b, folio_str_n(s.data, s.len < 10 ? s.len : 10));
        return;
    }
    if (month < 0) {
        folio_buf_printf(b, "%d", year);
    } else if (day < 0) {
        folio_buf_printf(b, "%s %d", st->months[month - 1], year);
    } else if (st->month_first) {
        folio_buf_printf(b, "%s %d, %d", st->months[month - 1], day, year);
    } else {
        folio_buf_printf(b, "%d%s %s %d", day, st->day_end, st->months[month - 1], year);
    }
}

const char *hg_contents_label(folio_str lang)
{
    const date_style *st = style_for(lang);
    if (!st || strcmp(st->lang, "en") == 0)
        return "Contents";
    static const char *const labels[] = {"Innhold", "Innehåll", "Indhold", "Inhalt"};
    return labels[st - styles];
}
