/* SPDX-License-Identifier: MIT */
/*
 * Language identification: libexttextcat's n-gram fingerprints restricted to
 * the ten candidates, then, inside the Scandinavian group, a vote of the
 * closed-class words whose spelling the four written standards fix.
 *
 * Why not libexttextcat alone: its nb fingerprint loses to da on every
 * Bokmål text in tests/lang (0/4, the spec's sample included), all
 * fingerprints or only the candidates'. Its group choice is sound (never
 * wrong on tests/lang, even on 20-word windows); the vote splits the group.
 *
 * Why not CLD2 (libcld2-0, which knows no/nn/da): with its full tables it is
 * 25/25 as well and answers more 20-30 word windows, but it is wrong on some
 * of them where this answers false; its small tables call all Nynorsk "no".
 * It costs a C++ shim, libstdc++ and symbol interposition of
 * libcld2_full.so's tables, and +2.3 ms per plugin load against +0.4 ms for
 * libexttextcat (dlopen of a one-function shim, hyperfine minimum). Per call
 * it is faster (0.2-0.3 ms against 0.7-0.9 ms here), but a reader detects
 * once per load.
 *
 * The candidates' fingerprints are read once per process, on the first
 * call (reading them was most of a call's time, and a batch detects once
 * per article), and only read after that: fp_Compare() changes neither
 * fingerprint, so threads share them without a lock.
 */
#include "lang.h"
#include "../common/utf8.h"

#include <fingerprint.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef TXT_LM_DIR
#error "TXT_LM_DIR (libexttextcat's fingerprint directory) must be defined by the build"
#endif

/* The first NORDIC candidates are the Scandinavian ones, in the column
   order of `forms`. */
enum { NORDIC = 4, NCAND = 10 };
static const char *const cands[NCAND] = {"nb", "nn", "da", "sv", "de",
                                         "en", "fr", "es", "fi", "nl"};

/* The .lm files rank 400 n-grams; the top 300 are Cavnar & Trenkle's
   profile size, and reading a quarter fewer lines is a quarter of the
   per-call load time with no loss on tests/lang. */
#define NGRAMS 300
/* n-gram ranks settle within a few hundred words (libexttextcat's docs say
   a few hundred bytes do); the vote gets a few hundred words too. */
#define TC_SAMPLE 2048
#define VOTE_SAMPLE 4096
/* textcat's THRESHOLDVALUE: scores within 3% are a tie. */
#define TIE_PERCENT 103

/*
 * Closed-class words that the written standards spell differently, one row
 * per word in the order nb, nn, da, sv (Bokmålsordboka/Nynorskordboka,
 * Retskrivningsordbogen, SAOL main forms). Each row names the same word in
 * all four, so no standard gets more chances to score than another.
 */
static const char *const forms[][NORDIC] = {
    {"ikke", "ikkje", "ikke", "inte"},
    {"jeg", "eg", "jeg", "jag"},
    {"meg", "meg", "mig", "mig"},
    {"deg", "deg", "dig", "dig"},
    {"seg", "seg", "sig", "sig"},
    {"hun", "ho", "hun", "hon"},
    {"de", "dei", "de", "de"},
    {"deres", "deira", "deres", "deras"},
    {"en", "ein", "en", "en"},
    {"et", "eit", "et", "ett"},
    {"og", "og", "og", "och"},
    {"av", "av", "af", "av"},
    {"fra", "frå", "fra", "från"},
    {"til", "til", "til", "till"},
    {"etter", "etter", "efter", "efter"},
    {"mellom", "mellom", "mellem", "mellan"},
    {"gjennom", "gjennom", "gennem", "genom"},
    {"uten", "utan", "uden", "utan"},
    {"mot", "mot", "mod", "mot"},
    {"ut", "ut", "ud", "ut"},
    {"opp", "opp", "op", "upp"},
    {"inn", "inn", "ind", "in"},
    {"ved", "ved", "ved", "vid"},
    {"for", "for", "for", "för"},
    {"å", "å", "at", "att"},
    {"hva", "kva", "hvad", "vad"},
    {"hvem", "kven", "hvem", "vem"},
    {"hvordan", "korleis", "hvordan", "hur"},
    {"hvorfor", "kvifor", "hvorfor", "varför"},
    {"at", "at", "at", "att"},
    {"når", "når", "når", "när"},
    {"da", "då", "da", "då"},
    {"nå", "no", "nu", "nu"},
    {"enn", "enn", "end", "än"},
    {"ennå", "enno", "endnu", "ännu"},
    {"igjen", "igjen", "igen", "igen"},
    {"også", "òg", "også", "också"},
    {"bare", "berre", "bare", "bara"},
    {"mye", "mykje", "meget", "mycket"},
    {"noe", "noko", "noget", "något"},
    {"noen", "nokon", "nogen", "någon"},
    {"hele", "heile", "hele", "hela"},
    {"flere", "fleire", "flere", "fler"},
    {"mange", "mange", "mange", "många"},
    {"andre", "andre", "andre", "andra"},
    {"samme", "same", "samme", "samma"},
    {"selv", "sjølv", "selv", "själv"},
    {"sammen", "saman", "sammen", "tillsammans"},
    {"siden", "sidan", "siden", "sedan"},
    {"derfor", "difor", "derfor", "därför"},
    {"her", "her", "her", "här"},
    {"der", "der", "der", "där"},
    {"dette", "dette", "dette", "detta"},
    {"denne", "denne", "denne", "denna"},
    {"noen", "nokre", "nogle", "några"},
    {"ifølge", "ifølgje", "ifølge", "enligt"},
    {"er", "er", "er", "är"},
    {"være", "vere", "være", "vara"},
    {"vært", "vore", "været", "varit"},
    {"hadde", "hadde", "havde", "hade"},
    {"blir", "blir", "bliver", "blir"},
    {"ble", "vart", "blev", "blev"},
    {"skal", "skal", "skal", "ska"},
    {"vil", "vil", "vil", "vill"},
    {"kunne", "kunne", "kunne", "kunde"},
    {"sier", "seier", "siger", "säger"},
    {"sa", "sa", "sagde", "sa"},
    {"fikk", "fekk", "fik", "fick"},
    {"gikk", "gjekk", "gik", "gick"},
    {"kommer", "kjem", "kommer", "kommer"},
    {"gjøre", "gjere", "gøre", "göra"},
};
#define NFORMS (sizeof(forms) / sizeof(forms[0]) * NORDIC)

typedef struct form {
    const char *word;
    unsigned langs; /* bit per Scandinavian candidate that spells it so */
} form;

typedef struct stats {
    size_t words, letters, others;
} stats;

/* Letters of any script; Latin-1 signs, general punctuation, symbols and
   arrows are not. */
static bool is_letter(uint32_t cp)
{
    if (cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    return cp >= 0xC0 && cp != 0xD7 && cp != 0xF7 && !(cp >= 0x2000 && cp < 0x2C00) &&
           !(cp >= 0x3000 && cp < 0x3040) && !(cp >= 0xFE00 && cp < 0xFE70) && cp != 0xFEFF;
}

/* Counts words and letters; false if @text is not UTF-8. */
static bool scan(const char *text, size_t len, stats *st)
{
    const unsigned char *p = (const unsigned char *)text;
    bool in_word = false;
    *st = (stats){0};
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = utf8_decode(p + i, p + len, &cp);
        if (n == 0)
            return false;
        bool letter = is_letter(cp);
        st->words += letter && !in_word;
        st->letters += letter;
        st->others += !letter && cp != ' ' && cp != '\t' && cp != '\n' && cp != '\r';
        in_word = letter;
        i += n;
    }
    return true;
}

static int form_cmp(const void *a, const void *b)
{
    return strcmp(((const form *)a)->word, ((const form *)b)->word);
}

/* Sorts every spelling with the standards that use it, merging duplicates;
   returns the number of entries. */
static size_t build_index(form *idx)
{
    size_t n = 0;
    for (size_t i = 0; i < NFORMS; i++)
        idx[n++] = (form){.word = forms[i / NORDIC][i % NORDIC], .langs = 1u << (i % NORDIC)};
    qsort(idx, n, sizeof(*idx), form_cmp);
    size_t out = 0;
    for (size_t i = 0; i < n; i++) {
        if (out > 0 && strcmp(idx[out - 1].word, idx[i].word) == 0)
            idx[out - 1].langs |= idx[i].langs;
        else
            idx[out++] = idx[i];
    }
    return out;
}

/* Copies the word at @p in lower case (ASCII and Latin-1 capitals, the only
   ones in `forms`) into @w, or leaves @w empty when @p starts no word or the
   word is too long to be in `forms`. Returns the bytes consumed, at least 1
   while @n > 0. */
static size_t next_word(const unsigned char *p, size_t n, char w[16])
{
    size_t i = 0, out = 0, k;
    uint32_t cp;
    w[0] = '\0';
    while (i < n && (k = utf8_decode(p + i, p + n, &cp)) > 0 && is_letter(cp)) {
        if (out + k < 16) {
            memcpy(w + out, p + i, k);
            if (k == 1 && cp >= 'A' && cp <= 'Z')
                w[out] = (char)(cp | 0x20);
            else if (k == 2 && cp >= 0xC0 && cp <= 0xDE)
                w[out + 1] = (char)(p[i + 1] | 0x20);
        }
        out += k;
        i += k;
    }
    if (i == 0) /* not a letter: step over one character */
        return n == 0 ? 0 : (k = utf8_decode(p, p + n, &cp)) > 0 ? k : 1;
    w[out < 16 ? out : 0] = '\0';
    return i;
}

/* Counts, for each standard, the words in @text that it spells so. */
static void count_votes(const char *text, size_t len, unsigned votes[NORDIC])
{
    form idx[NFORMS];
    size_t nidx = build_index(idx);
    for (size_t i = 0; i < len;) {
        char w[16];
        i += next_word((const unsigned char *)text + i, len - i, w);
        const form *f =
            w[0] ? bsearch(&(form){.word = w}, idx, nidx, sizeof(*idx), form_cmp) : NULL;
        for (unsigned l = 0; f && l < NORDIC; l++)
            votes[l] += (f->langs >> l) & 1u;
    }
}

/* The standard whose spellings most words of @text follow, or -1 on a tie. */
static int nordic_vote(const char *text, size_t len)
{
    unsigned votes[NORDIC] = {0};
    count_votes(text, utf8_cut(text, len, VOTE_SAMPLE), votes);
    int best = 0;
    for (int l = 1; l < NORDIC; l++)
        best = votes[l] > votes[best] ? l : best;
    for (int l = 0; l < NORDIC; l++) {
        if (l != best && votes[l] == votes[best])
            return -1;
    }
    return votes[best] > 0 ? best : -1;
}

/* The n-gram profile of the first TC_SAMPLE bytes of @text; NULL if
   textcat refuses it. */
static void *profile(const char *text, size_t len)
{
    len = utf8_cut(text, len, TC_SAMPLE);
    void *fp = fp_Init(NULL);
    if (!fp)
        return NULL;
    fp_SetProperty(fp, TCPROP_UTF8AWARE, TC_TRUE);
    if (fp_Create(fp, text, (uint4)len, NGRAMS) == 0) {
        fp_Done(fp);
        return NULL;
    }
    return fp;
}

/* The candidates' fingerprints from TXT_LM_DIR, set once; all NULL if one cannot be read. */
static void *known[NCAND];
static pthread_once_t known_once = PTHREAD_ONCE_INIT;

static void read_known(void)
{
    void *fps[NCAND] = {0};
    for (int i = 0; i < NCAND; i++) {
        char path[sizeof(TXT_LM_DIR) + 16];
        snprintf(path, sizeof(path), "%s%s.lm", TXT_LM_DIR, cands[i]);
        fps[i] = fp_Init(cands[i]);
        if (!fps[i] || fp_Read(fps[i], path, NGRAMS) == 0) {
            for (int k = 0; k <= i; k++)
                if (fps[k])
                    fp_Done(fps[k]);
            return;
        }
    }
    memcpy(known, fps, sizeof known);
}

/* Out-of-place distance of @unknown to each candidate's fingerprint; false
   if they cannot be read. */
static bool score_all(void *unknown, int score[NCAND])
{
    pthread_once(&known_once, read_known);
    if (!known[0])
        return false;
    /* No cutoff: the losers' full distances decide "unclear". */
    for (int i = 0; i < NCAND; i++)
        score[i] = fp_Compare(known[i], unknown, INT_MAX);
    return true;
}

/* The best-scoring candidate, or -1 when one outside its group (the
   Scandinavian four are one group, which the vote splits) is within 3%. */
static int textcat_best(const char *text, size_t len)
{
    void *unknown = profile(text, len);
    int score[NCAND];
    bool ok = unknown && score_all(unknown, score);
    if (unknown)
        fp_Done(unknown);
    if (!ok)
        return -1;
    int best = 0;
    for (int i = 1; i < NCAND; i++)
        best = score[i] < score[best] ? i : best;
    for (int i = 0; i < NCAND; i++) {
        bool same = i == best || (i < NORDIC && best < NORDIC);
        if (!same && (long)score[i] * 100 <= (long)score[best] * TIE_PERCENT)
            return -1;
    }
    return best;
}

bool txt_lang_detect(const char *text, size_t len, char tag[16])
{
    stats st;
    if (!text || !scan(text, len, &st) || st.words < TXT_LANG_MIN_WORDS)
        return false;
    /* Junk: mostly digits, signs or controls. */
    if (st.letters < 2 * st.others)
        return false;
    int best = textcat_best(text, len);
    if (best >= 0 && best < NORDIC)
        best = nordic_vote(text, len);
    if (best < 0)
        return false;
    snprintf(tag, 16, "%s", cands[best]);
    return true;
}
