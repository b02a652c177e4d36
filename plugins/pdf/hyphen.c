/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pdf.h"

/*
 * Liang's hyphenation with the patterns of Debian's hyphen-* packages
 * (/usr/share/hyphen/hyph_*.dic, libhyphen's format). libhyphen itself
 * builds a state machine on load, which costs 12-30 ms for Norwegian and
 * over a second for German; here the patterns go into one open-addressed
 * hash table keyed by their letters, which loads in about a millisecond,
 * and a word is matched by hashing each of its substrings incrementally.
 * A two-level file (German: NEXTLEVEL) works as in libhyphen: the first
 * level finds the joints of a compound, the second hyphenates each part.
 * libhyphen's non-standard patterns ("c1k/k=k,1,2") are left out: they
 * change spelling at a break, which a set hyphen here never does.
 */

#ifndef PDF_HYPHEN_DIR
#define PDF_HYPHEN_DIR "/usr/share/hyphen"
#endif

#define MAX_PATTERN 96 /* code points: German compound patterns reach 84 */
#define MAX_LANGS 8

typedef struct slot { /* 16 bytes: the table stays small in the cache */
    uint32_t hash;
    uint32_t key; /* offset of the letters in keys[] */
    uint32_t val; /* offset of len + 1 digits in vals[] */
    uint32_t len; /* 0 marks an empty slot */
} slot;

typedef struct table {
    slot *slots;
    size_t mask, used;
    uint32_t *keys;
    size_t nkeys, cap_keys;
    unsigned char *vals;
    size_t nvals, cap_vals;
    unsigned maxlen;
} table;

struct pdf_hyph {
    char lang[16];
    unsigned long doc; /* the last document that asked for it */
    table level[2];    /* [1] is used only by two-level files */
    unsigned levels, used;
    unsigned lmin, rmin;
};

struct pdf_hyph_set {
    pdf_hyph langs[MAX_LANGS];
    size_t count;
    unsigned long doc; /* the document being set, counted from 1 */
    size_t doc_langs;  /* the languages it asked for: at most MAX_LANGS, as a new set */
};

static inline uint64_t hash_step(uint64_t h, uint32_t cp)
{
    return (h ^ cp) * 0x100000001b3ull;
}

static const uint64_t hash_seed = 0xcbf29ce484222325ull;

pdf_hyph_set *pdf_hyph_set_new(void)
{
    pdf_hyph_set *set = calloc(1, sizeof *set);
    if (!set)
        folio_oom();
    return set;
}

static void hyph_clear(pdf_hyph *h)
{
    for (int i = 0; i < 2; i++) {
        free(h->level[i].slots);
        free(h->level[i].keys);
        free(h->level[i].vals);
    }
    memset(h->level, 0, sizeof h->level);
    h->used = 0;
}

void pdf_hyph_set_free(pdf_hyph_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->count; i++)
        hyph_clear(&set->langs[i]);
    free(set);
}

static slot *find(const table *h, uint64_t hash, const uint32_t *key, unsigned len)
{
    for (size_t i = hash & h->mask;; i = (i + 1) & h->mask) {
        slot *s = &h->slots[i];
        if (!s->len)
            return s;
        if (s->hash == (uint32_t)hash && s->len == len && !memcmp(h->keys + s->key, key, len * 4))
            return s;
    }
}

/* Adds one pattern ("ab7be", letters and digits, UTF-8 decoded to @cps). */
static void add_pattern(table *h, const uint32_t *cps, size_t n)
{
    uint32_t key[MAX_PATTERN];
    unsigned char val[MAX_PATTERN + 1] = {0};
    unsigned len = 0;
    for (size_t i = 0; i < n; i++) {
        if (cps[i] >= '0' && cps[i] <= '9')
            val[len] = (unsigned char)(cps[i] - '0');
        else if (len < MAX_PATTERN)
            key[len++] = cps[i];
        else
            return;
    }
    if (!len)
        return;
    uint64_t hash = hash_seed;
    for (unsigned i = 0; i < len; i++)
        hash = hash_step(hash, key[i]);
    slot *s = find(h, hash, key, len);
    if (s->len) { /* the same letters on the other level: keep the larger digits */
        for (unsigned i = 0; i <= len; i++)
            if (h->vals[s->val + i] < val[i])
                h->vals[s->val + i] = val[i];
        return;
    }
    h->keys = pdf_grow(h->keys, &h->cap_keys, h->nkeys + len, sizeof *h->keys, 4096);
    h->vals = pdf_grow(h->vals, &h->cap_vals, h->nvals + len + 1, 1, 4096);
    memcpy(h->keys + h->nkeys, key, len * 4);
    memcpy(h->vals + h->nvals, val, len + 1);
    *s = (slot){
        .hash = (uint32_t)hash, .key = (uint32_t)h->nkeys, .val = (uint32_t)h->nvals, .len = len};
    h->nkeys += len;
    h->nvals += len + 1;
    h->used++;
    if (len > h->maxlen)
        h->maxlen = len;
}

static void parse_line(pdf_hyph *h, const char *s, size_t len, bool latin1)
{
    if (!len || s[0] == '%' || s[0] == '#' || memchr(s, '/', len))
        return;
    if (isupper((unsigned char)s[0])) { /* a keyword line */
        if (len == 9 && !strncmp(s, "NEXTLEVEL", 9))
            h->levels = 2;
        else if (len > 14 && !strncmp(s, "LEFTHYPHENMIN ", 14))
            h->lmin = (unsigned)atoi(s + 14);
        else if (len > 15 && !strncmp(s, "RIGHTHYPHENMIN ", 15))
            h->rmin = (unsigned)atoi(s + 15);
        return;
    }
    uint32_t cps[2 * MAX_PATTERN];
    size_t n = 0;
    const char *end = s + len;
    while (s < end && n < 2 * MAX_PATTERN) {
        gunichar c = latin1 ? (unsigned char)*s : g_utf8_get_char_validated(s, end - s);
        if (c == (gunichar)-1 || c == (gunichar)-2 || c == ' ' || c == '\t')
            break;
        cps[n++] = c;
        s = latin1 ? s + 1 : g_utf8_next_char(s);
    }
    table *t = &h->level[h->levels > 1];
    size_t before = t->used;
    add_pattern(t, cps, n);
    h->used += t->used > before;
}

static char *read_file(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    char *data = NULL;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size < (64 << 20)) {
        data = malloc((size_t)st.st_size + 1);
        if (!data)
            folio_oom();
        ssize_t got = read(fd, data, (size_t)st.st_size);
        if (got != st.st_size) {
            free(data);
            data = NULL;
        } else {
            data[got] = '\0';
            *len = (size_t)got;
        }
    }
    close(fd);
    return data;
}

/* The patterns of the file at @path, after its charset line: Latin-1 as it is (its bytes
 * are code points, *@latin1 says so), anything else as UTF-8. NULL if unreadable. */
static char *read_patterns(const char *path, size_t *tlen, bool *latin1)
{
    size_t len = 0;
    char *raw = read_file(path, &len);
    char *nl = raw ? memchr(raw, '\n', len) : NULL, *text = NULL;
    if (nl) {
        char charset[32] = "";
        size_t clen = (size_t)(nl - raw);
        while (clen && (raw[clen - 1] == '\r' || raw[clen - 1] == ' '))
            clen--;
        if (clen < sizeof charset)
            memcpy(charset, raw, clen), charset[clen] = '\0';
        const char *body = nl + 1;
        size_t blen = len - (size_t)(body - raw);
        gsize out = 0;
        *latin1 =
            !g_ascii_strcasecmp(charset, "ISO8859-1") || !g_ascii_strcasecmp(charset, "ISO-8859-1");
        if (*latin1 || !g_ascii_strcasecmp(charset, "UTF-8"))
            text = g_strndup(body, blen), out = blen;
        else
            text = g_convert(body, (gssize)blen, "UTF-8", charset, NULL, &out, NULL);
        *tlen = out;
    }
    free(raw);
    return text;
}

/* Loads @path; false when it cannot be read or decoded. */
static bool load(pdf_hyph *h, const char *path)
{
    size_t tlen = 0, lines = 1, cap = 64;
    bool latin1 = false;
    char *text = read_patterns(path, &tlen, &latin1);
    if (!text)
        return false;
    for (size_t i = 0; i < tlen; i++)
        lines += text[i] == '\n';
    while (cap < lines * 2)
        cap *= 2;
    for (int i = 0; i < 2; i++) {
        h->level[i].slots = calloc(cap, sizeof *h->level[i].slots);
        if (!h->level[i].slots)
            folio_oom();
        h->level[i].mask = cap - 1;
    }
    h->levels = 1;
    h->lmin = h->rmin = 2;
    for (char *s = text, *end = text + tlen; s < end;) {
        char *e = memchr(s, '\n', (size_t)(end - s));
        if (!e)
            e = end;
        char *t = e;
        while (t > s && (t[-1] == '\r' || t[-1] == ' ' || t[-1] == '\t'))
            t--;
        while (s < t && (*s == ' ' || *s == '\t'))
            s++;
        parse_line(h, s, (size_t)(t - s), latin1);
        s = e + 1;
    }
    g_free(text);
    return h->used > 0;
}

/* Default regions for the files Debian installs under a region's name only. */
static const char *const default_region[][2] = {
    {"nb", "NO"}, {"nn", "NO"}, {"sv", "SE"}, {"da", "DK"}, {"de", "DE"}, {"en", "US"},
    {"fr", "FR"}, {"it", "IT"}, {"es", "ES"}, {"nl", "NL"}, {"pt", "PT"}, {"pl", "PL"},
    {"fi", "FI"}, {"ru", "RU"}, {"cs", "CZ"}, {"hu", "HU"}, {"is", "IS"}, {"uk", "UA"},
};

static bool load_lang(pdf_hyph *h, const char *lang)
{
    char ll[8] = "", rr[8] = "";
    size_t i = 0;
    for (; lang[i] && lang[i] != '-' && lang[i] != '_' && i < 7; i++)
        ll[i] = (char)tolower((unsigned char)lang[i]);
    if (!i || (lang[i] && lang[i] != '-' && lang[i] != '_'))
        return false;
    if (lang[i]) {
        size_t j = 0;
        for (const char *r = lang + i + 1; *r && *r != '-' && j < 7; r++)
            rr[j++] = (char)toupper((unsigned char)*r);
        if (j != 2)
            rr[0] = '\0';
    }
    if (!strcmp(ll, "no"))
        strcpy(ll, "nb");
    char path[256];
    if (rr[0]) {
        snprintf(path, sizeof path, "%s/hyph_%s_%s.dic", PDF_HYPHEN_DIR, ll, rr);
        if (load(h, path))
            return true;
    }
    snprintf(path, sizeof path, "%s/hyph_%s.dic", PDF_HYPHEN_DIR, ll);
    if (load(h, path))
        return true;
    for (size_t k = 0; k < sizeof default_region / sizeof *default_region; k++) {
        if (!strcmp(default_region[k][0], ll)) {
            snprintf(path, sizeof path, "%s/hyph_%s_%s.dic", PDF_HYPHEN_DIR, ll,
                     default_region[k][1]);
            return load(h, path);
        }
    }
    return false;
}

void pdf_hyph_set_begin(pdf_hyph_set *set)
{
    set->doc++;
    set->doc_langs = 0;
}

/* A slot for a new language: a free one, else one that this document has not asked for
 * (there is one: it has asked for fewer than MAX_LANGS), so no pointer it holds goes. */
static pdf_hyph *free_slot(pdf_hyph_set *set)
{
    if (set->count < MAX_LANGS)
        return &set->langs[set->count++];
    for (size_t i = 0;; i++) {
        if (set->langs[i].doc != set->doc) {
            hyph_clear(&set->langs[i]);
            memset(&set->langs[i], 0, sizeof set->langs[i]);
            return &set->langs[i];
        }
    }
}

const pdf_hyph *pdf_hyph_get(pdf_hyph_set *set, const char *lang)
{
    if (!lang || !*lang || strlen(lang) >= sizeof set->langs[0].lang)
        return NULL;
    for (size_t i = 0; i < set->count; i++) {
        pdf_hyph *h = &set->langs[i];
        if (g_ascii_strcasecmp(h->lang, lang))
            continue;
        if (h->doc != set->doc && set->doc_langs == MAX_LANGS)
            return NULL;
        set->doc_langs += h->doc != set->doc;
        h->doc = set->doc;
        return h->used ? h : NULL;
    }
    if (set->doc_langs == MAX_LANGS)
        return NULL;
    pdf_hyph *h = free_slot(set);
    set->doc_langs++;
    h->doc = set->doc;
    strcpy(h->lang, lang);
    if (!load_lang(h, lang)) {
        hyph_clear(h);
        return NULL;
    }
    return h;
}

/* Liang's points of the @n code points at @w, with the word's dots around them. */
static void liang(const table *t, const uint32_t *word, size_t n, unsigned char *pts)
{
    uint32_t w[66];
    w[0] = '.';
    memcpy(w + 1, word, n * 4);
    w[n + 1] = '.';
    size_t m = n + 2;
    memset(pts, 0, m + 1);
    for (size_t i = 0; i < m; i++) {
        uint64_t hash = hash_seed;
        for (size_t l = 1; l <= t->maxlen && i + l <= m; l++) {
            hash = hash_step(hash, w[i + l - 1]);
            const slot *s = find(t, hash, w + i, (unsigned)l);
            if (!s->len)
                continue;
            for (size_t k = 0; k <= l; k++)
                if (pts[i + k] < t->vals[s->val + k])
                    pts[i + k] = t->vals[s->val + k];
        }
    }
}

/* Hyphenates part [a, b) of the word with the syllable patterns: at least @lmin
 * letters before a point and @rmin after it, within the part. */
static void part(const pdf_hyph *h, const uint32_t *word, size_t a, size_t b, unsigned lmin,
                 unsigned rmin, unsigned char *odd)
{
    unsigned char pts[67];
    liang(&h->level[h->levels - 1], word + a, b - a, pts);
    for (size_t k = a + lmin; k + rmin <= b; k++)
        if (pts[k - a + 1] & 1)
            odd[k] = 1;
}

void pdf_hyph_word(const pdf_hyph *h, const uint32_t *word, size_t n, unsigned char *odd)
{
    if (n > 64)
        return;
    unsigned lmin = h->lmin > 2 ? h->lmin : 2, rmin = h->rmin > 3 ? h->rmin : 3;
    memset(odd, 0, n);
    if (h->levels < 2) {
        part(h, word, 0, n, lmin, rmin, odd);
        return;
    }
    /* The joints of a compound, each part at least two letters long. */
    unsigned char pts[67];
    liang(&h->level[0], word, n, pts);
    size_t a = 0;
    for (size_t k = 2; k + 2 <= n; k++) {
        if (!(pts[k + 1] & 1) || k - a < 2)
            continue;
        part(h, word, a, k, a ? 2 : lmin, 2, odd);
        if (k >= lmin && n - k >= rmin)
            odd[k] = 1;
        a = k;
    }
    part(h, word, a, n, a ? 2 : lmin, rmin, odd);
}
