/* SPDX-License-Identifier: MIT */
#include "hr.h"

#include <stdlib.h>
#include <string.h>

typedef struct tagname {
    const char *name;
    htag tag;
} tagname;

/* Sorted by name for bsearch. HT_DROP: the element and all it holds are
 * never text of the article (scripts, embeds, forms, media players).
 * libxml2 2.9 does not know HTML5's void <source> and <track>: what follows
 * one ends up inside it, so they must not be dropped. */
static const tagname tags[] = {
    {"a", HT_A},
    {"address", HT_ADDRESS},
    {"amp-img", HT_IMG},
    {"applet", HT_DROP},
    {"article", HT_ARTICLE},
    {"aside", HT_ASIDE},
    {"audio", HT_DROP},
    {"b", HT_B},
    {"blockquote", HT_BLOCKQUOTE},
    {"body", HT_BODY},
    {"br", HT_BR},
    {"button", HT_DROP},
    {"canvas", HT_DROP},
    {"caption", HT_CAPTION},
    {"center", HT_DIV},
    {"datalist", HT_DROP},
    {"dd", HT_DD},
    {"details", HT_DIV},
    {"dialog", HT_DROP},
    {"div", HT_DIV},
    {"dl", HT_DL},
    {"dt", HT_DT},
    {"em", HT_EM},
    {"embed", HT_DROP},
    {"fieldset", HT_DROP},
    {"figcaption", HT_FIGCAPTION},
    {"figure", HT_FIGURE},
    {"footer", HT_FOOTER},
    {"form", HT_DROP},
    {"frame", HT_DROP},
    {"frameset", HT_DROP},
    {"h1", HT_H1},
    {"h2", HT_H2},
    {"h3", HT_H3},
    {"h4", HT_H4},
    {"h5", HT_H5},
    {"h6", HT_H6},
    {"head", HT_HEAD},
    {"header", HT_HEADER},
    {"hgroup", HT_DIV},
    {"hr", HT_HR},
    {"html", HT_HTML},
    {"i", HT_I},
    {"iframe", HT_DROP},
    {"img", HT_IMG},
    {"input", HT_DROP},
    {"li", HT_LI},
    {"link", HT_DROP},
    {"main", HT_MAIN},
    {"map", HT_DROP},
    {"math", HT_DROP},
    {"menu", HT_UL},
    {"meta", HT_DROP},
    {"nav", HT_DROP},
    {"noembed", HT_DROP},
    {"noframes", HT_DROP},
    {"noscript", HT_DROP},
    {"object", HT_DROP},
    {"ol", HT_OL},
    {"option", HT_DROP},
    {"output", HT_DROP},
    {"p", HT_P},
    {"picture", HT_PICTURE},
    {"pre", HT_PRE},
    {"script", HT_DROP},
    {"section", HT_SECTION},
    {"select", HT_DROP},
    {"source", HT_OTHER},
    {"strong", HT_STRONG},
    {"style", HT_DROP},
    {"svg", HT_DROP},
    {"table", HT_TABLE},
    {"tbody", HT_TBODY},
    {"td", HT_TD},
    {"template", HT_DROP},
    {"textarea", HT_DROP},
    {"tfoot", HT_TFOOT},
    {"th", HT_TH},
    {"thead", HT_THEAD},
    {"time", HT_TIME},
    {"title", HT_DROP},
    {"tr", HT_TR},
    {"track", HT_OTHER},
    {"ul", HT_UL},
    {"video", HT_DROP},
};

static int compare_tag(const void *key, const void *elem)
{
    return strcmp(key, ((const tagname *)elem)->name);
}

htag hr_tag_lookup(const char *name)
{
    const tagname *t =
        bsearch(name, tags, sizeof tags / sizeof tags[0], sizeof tags[0], compare_tag);
    return t ? t->tag : HT_OTHER;
}

bool hr_tag_is_block(htag tag)
{
    switch (tag) {
    case HT_ADDRESS:
    case HT_ARTICLE:
    case HT_ASIDE:
    case HT_BLOCKQUOTE:
    case HT_BODY:
    case HT_CAPTION:
    case HT_DD:
    case HT_DIV:
    case HT_DL:
    case HT_DT:
    case HT_FIGCAPTION:
    case HT_FIGURE:
    case HT_FOOTER:
    case HT_H1:
    case HT_H2:
    case HT_H3:
    case HT_H4:
    case HT_H5:
    case HT_H6:
    case HT_HEADER:
    case HT_HR:
    case HT_LI:
    case HT_MAIN:
    case HT_OL:
    case HT_P:
    case HT_PRE:
    case HT_SECTION:
    case HT_TABLE:
    case HT_TBODY:
    case HT_TD:
    case HT_TFOOT:
    case HT_TH:
    case HT_THEAD:
    case HT_TR:
    case HT_UL:
        return true;
    default:
        return false;
    }
}

/* A part that says the name describes a layout ("layout-with-sidebar"),
 * so that its other parts do not make the element clutter. */
#define NEUTRAL (1u << 31)

typedef struct word {
    const char *word;
    unsigned flags;
} word;

/* Words of class and id values, matched against each part of a name split
 * at '-', '_' and lower-to-upper case changes ("c-share-bar", "adSlot"), so
 * that "ad" never matches "header" or "lead". Norwegian, Swedish and Danish
 * sites name their boxes in their own languages. */
static const word words[] = {
    {"ad", HF_CLUTTER},
    {"ads", HF_CLUTTER},
    {"adslot", HF_CLUTTER},
    {"adunit", HF_CLUTTER},
    {"advert", HF_CLUTTER},
    {"advertisement", HF_CLUTTER},
    {"advertising", HF_CLUTTER},
    {"annons", HF_CLUTTER},
    {"annonse", HF_CLUTTER},
    {"author", HF_AUTHOR},
    {"authors", HF_AUTHORS},
    {"banner", HF_CLUTTER},
    {"breadcrumb", HF_CLUTTER},
    {"breadcrumbs", HF_CLUTTER},
    {"byline", HF_BYLINE},
    {"comment", HF_CLUTTER},
    {"comments", HF_CLUTTER},
    {"consent", HF_CLUTTER},
    {"cookie", HF_CLUTTER},
    {"cookies", HF_CLUTTER},
    {"copyright", HF_CREDIT},
    {"credit", HF_CREDIT},
    {"credits", HF_CREDIT},
    {"date", HF_DATE},
    {"dateline", HF_DATE},
    {"dek", HF_LEAD},
    {"derived", HF_DERIVED},
    {"dfp", HF_CLUTTER},
    {"disqus", HF_CLUTTER},
    {"fact", HF_FACT},
    {"factbox", HF_FACT},
    {"facts", HF_FACT},
    {"fakta", HF_FACT},
    {"faktaboks", HF_FACT},
    {"faktaruta", HF_FACT},
    {"footer", HF_CLUTTER},
    {"gate", HF_CLUTTER},
    {"gdpr", HF_CLUTTER},
    {"has", NEUTRAL},
    {"infobox", HF_FACT},
    {"ingres", HF_LEAD},
    {"ingress", HF_LEAD},
    {"intro", HF_LEAD},
    {"introduction", HF_LEAD},
    {"keyfacts", HF_FACT},
    {"keywords", HF_CLUTTER},
    {"kicker", HF_KICKER},
    {"kommentarer", HF_CLUTTER},
    {"layout", NEUTRAL},
    {"lead", HF_LEAD},
    {"lede", HF_LEAD},
    {"login", HF_CLUTTER},
    {"menu", HF_CLUTTER},
    {"modal", HF_CLUTTER},
    {"mostread", HF_CLUTTER},
    {"nav", HF_CLUTTER},
    {"navbar", HF_CLUTTER},
    {"navigation", HF_CLUTTER},
    {"newsletter", HF_CLUTTER},
    {"nyhetsbrev", HF_CLUTTER},
    {"outbrain", HF_CLUTTER},
    {"paywall", HF_CLUTTER},
    {"photographer", HF_CREDIT},
    {"popup", HF_CLUTTER},
    {"preamble", HF_LEAD},
    {"promo", HF_CLUTTER},
    {"published", HF_DATE},
    {"pullquote", HF_QUOTE},
    {"quote", HF_QUOTE},
    {"recommendations", HF_CLUTTER},
    {"recommended", HF_CLUTTER},
    {"reklam", HF_CLUTTER},
    {"reklame", HF_CLUTTER},
    {"related", HF_CLUTTER},
    {"relaterte", HF_CLUTTER},
    {"share", HF_CLUTTER},
    {"sharing", HF_CLUTTER},
    {"sidebar", HF_CLUTTER},
    {"signin", HF_CLUTTER},
    {"signup", HF_CLUTTER},
    {"skiplink", HF_CLUTTER},
    {"social", HF_CLUTTER},
    {"source", HF_SOURCE},
    {"sponsor", HF_CLUTTER},
    {"sponsored", HF_CLUTTER},
    {"sronly", HF_CLUTTER},
    {"standfirst", HF_LEAD},
    {"submeta", HF_CLUTTER},
    {"subscribe", HF_CLUTTER},
    {"subscription", HF_CLUTTER},
    {"subtitle", HF_SUBTITLE},
    {"taboola", HF_CLUTTER},
    {"tags", HF_CLUTTER},
    {"timestamp", HF_DATE},
    {"toolbar", HF_CLUTTER},
    {"topics", HF_CLUTTER},
    {"trending", HF_CLUTTER},
    {"updated", HF_DATE},
    {"visuallyhidden", HF_CLUTTER},
    {"widget", HF_CLUTTER},
    {"with", NEUTRAL},
};

static int compare_word(const void *key, const void *elem)
{
    return strcmp(key, ((const word *)elem)->word);
}

static unsigned part_flags(const char *part)
{
    const word *w =
        bsearch(part, words, sizeof words / sizeof words[0], sizeof words[0], compare_word);
    return w ? w->flags : 0;
}

static bool is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}

static bool is_upper_ascii(char c)
{
    return c >= 'A' && c <= 'Z';
}

static char lower(char c)
{
    return is_upper_ascii(c) ? (char)(c - 'A' + 'a') : c;
}

/* The flags of one token ("c-share-bar"): of each part, and of the token
 * with its separators removed ("most-read" is "mostread", "sr-only" "sronly"). */
static unsigned token_flags(const char *t, size_t n)
{
    char part[40], whole[40];
    size_t p = 0, w = 0;
    unsigned flags = 0;
    for (size_t i = 0; i <= n; i++) {
        char c = i < n ? t[i] : '-';
        bool camel = i > 0 && i < n && is_upper_ascii(c) && is_lower(t[i - 1]);
        if (c == '-' || c == '_' || camel) {
            part[p] = '\0';
            if (p)
                flags |= part_flags(part);
            p = 0;
        }
        if (c != '-' && c != '_' && i < n) {
            if (p < sizeof part - 1)
                part[p++] = lower(c);
            if (w < sizeof whole - 1)
                whole[w++] = lower(c);
        }
    }
    whole[w] = '\0';
    flags |= part_flags(whole);
    return flags & NEUTRAL ? flags & ~(NEUTRAL | HF_CLUTTER) : flags;
}

unsigned hr_class_flags(const char *value)
{
    unsigned flags = 0;
    const char *s = value;
    while (*s) {
        while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f')
            s++;
        size_t n = strcspn(s, " \t\n\r\f");
        if (n > 0 && n < 64)
            flags |= token_flags(s, n);
        s += n;
    }
    return flags;
}

static bool starts_word(folio_str t, const char *w)
{
    size_t n = strlen(w);
    if (t.len < n)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (lower(t.data[i]) != w[i])
            return false;
    }
    return t.len == n || !is_lower(lower(t.data[n]));
}

bool hr_fact_heading(folio_str text)
{
    static const char *const heads[] = {"fakta", "faktaboks", "faktaruta", "fact",
                                        "facts", "key facts", "infobox",   NULL};
    for (const char *const *h = heads; *h; h++) {
        if (starts_word(text, *h))
            return true;
    }
    return false;
}
