/* SPDX-License-Identifier: MIT */
#include "hr.h"

#include <string.h>

/*
 * The article's metadata from the page: <html lang>, <title>, <meta> (Open
 * Graph, article:*, name=author ...) and schema.org NewsArticle JSON-LD.
 * JSON-LD is read by a small parser of its own, bounded in size (hr_tree.c
 * keeps at most 1 MB of it) and in depth.
 */

#define JSON_DEPTH 24
#define JSON_VALUES 65536
#define LD_AUTHORS 8

typedef struct jv jv;
struct jv {
    char type;     /* 'o' object, 'a' array, 's' string, 'n' anything else */
    folio_str key; /* as a member of an object */
    folio_str s;   /* 's': the unescaped string */
    jv *first, *next;
};

typedef struct jparser {
    const char *p, *end;
    folio_arena *arena;
    size_t values; /* parsed so far, at most JSON_VALUES */
    bool bad;
} jparser;

static void skip_ws(jparser *j)
{
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\n' || *j->p == '\t' || *j->p == '\r'))
        j->p++;
}

static unsigned hex4(const char *p)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        unsigned d = c >= '0' && c <= '9'   ? (unsigned)(c - '0')
                     : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                     : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10)
                                            : 16;
        if (d == 16)
            return 0xFFFFFFFFu;
        v = v * 16 + d;
    }
    return v;
}

static size_t put_utf8(char *o, unsigned c)
{
    if (c < 0x80) {
        o[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        o[0] = (char)(0xC0 | c >> 6);
        o[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        o[0] = (char)(0xE0 | c >> 12);
        o[1] = (char)(0x80 | (c >> 6 & 0x3F));
        o[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | c >> 18);
    o[1] = (char)(0x80 | (c >> 12 & 0x3F));
    o[2] = (char)(0x80 | (c >> 6 & 0x3F));
    o[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/* One \u escape at j->p (after the backslash and 'u'), with a surrogate pair. */
static unsigned unicode_escape(jparser *j)
{
    if (j->end - j->p < 4)
        return 0xFFFD;
    unsigned c = hex4(j->p);
    j->p += 4;
    if (c >= 0xD800 && c <= 0xDBFF && j->end - j->p >= 6 && j->p[0] == '\\' && j->p[1] == 'u') {
        unsigned lo = hex4(j->p + 2);
        if (lo >= 0xDC00 && lo <= 0xDFFF) {
            j->p += 6;
            return 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
        }
    }
    return c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF) ? 0xFFFD : c;
}

static folio_str parse_string(jparser *j)
{
    j->p++; /* the opening quote */
    const char *start = j->p;
    while (j->p < j->end && *j->p != '"')
        j->p += *j->p == '\\' ? 2 : 1;
    if (j->p >= j->end) {
        j->bad = true;
        return folio_str_n(NULL, 0);
    }
    /* An escape of two characters may become three bytes (U+FFFD). */
    char *out = folio_arena_alloc(j->arena, (size_t)(j->p - start) * 2 + 1);
    size_t n = 0;
    const char *end = j->p;
    j->p = start;
    while (j->p < end) {
        char c = *j->p++;
        if (c != '\\') {
            out[n++] = c;
            continue;
        }
        c = *j->p++;
        const char *plain = strchr("\"\\/bfnrt", c);
        if (c == 'u')
            n += put_utf8(out + n, unicode_escape(j));
        else if (plain)
            out[n++] = "\"\\/\b\f\n\r\t"[plain - "\"\\/bfnrt"];
    }
    j->p = end + 1;
    out[n] = '\0';
    return folio_str_n(out, n);
}

static jv *parse_value(jparser *j, int depth);

/* Members of an object or elements of an array, up to @close. */
static void parse_items(jparser *j, jv *v, char close, int depth)
{
    jv **tail = &v->first;
    j->p++;
    for (;;) {
        skip_ws(j);
        if (j->p >= j->end || j->bad)
            break;
        if (*j->p == close) {
            j->p++;
            return;
        }
        folio_str key = {NULL, 0};
        if (close == '}') {
            if (*j->p != '"')
                break;
            key = parse_string(j);
            skip_ws(j);
            if (j->p >= j->end || *j->p++ != ':')
                break;
        }
        jv *item = parse_value(j, depth + 1);
        if (!item)
            break;
        item->key = key;
        *tail = item;
        tail = &item->next;
        skip_ws(j);
        if (j->p < j->end && *j->p == ',')
            j->p++;
    }
    j->bad = true;
}

static jv *parse_value(jparser *j, int depth)
{
    skip_ws(j);
    if (j->p >= j->end || depth > JSON_DEPTH || j->bad || ++j->values > JSON_VALUES) {
        j->bad = true;
        return NULL;
    }
    jv *v = folio_arena_calloc(j->arena, sizeof *v);
    char c = *j->p;
    if (c == '{' || c == '[') {
        v->type = c == '{' ? 'o' : 'a';
        parse_items(j, v, c == '{' ? '}' : ']', depth);
    } else if (c == '"') {
        v->type = 's';
        v->s = parse_string(j);
    } else {
        v->type = 'n';
        const char *start = j->p;
        while (j->p < j->end && !strchr(",]} \n\r\t", *j->p))
            j->p++;
        /* A stray ']' or '}' is no value: without this, "[}" never ends. */
        j->bad |= j->p == start;
    }
    return j->bad ? NULL : v;
}

static const jv *member(const jv *o, const char *key)
{
    for (const jv *m = o && o->type == 'o' ? o->first : NULL; m; m = m->next) {
        if (folio_str_equal_c(m->key, key))
            return m;
    }
    return NULL;
}

static folio_str string_of(const jv *v)
{
    if (v && v->type == 'o')
        v = member(v, "name");
    return v && v->type == 's' && v->s.len > 0 ? v->s : folio_str_n(NULL, 0);
}

static bool is_article_type(const jv *t)
{
    static const char *const types[] = {"NewsArticle",
                                        "Article",
                                        "ReportageNewsArticle",
                                        "AnalysisNewsArticle",
                                        "BlogPosting",
                                        "OpinionNewsArticle",
                                        "BackgroundNewsArticle",
                                        "ReviewNewsArticle",
                                        "LiveBlogPosting",
                                        "ScholarlyArticle",
                                        NULL};
    if (t && t->type == 'a') {
        for (const jv *e = t->first; e; e = e->next) {
            if (is_article_type(e))
                return true;
        }
        return false;
    }
    for (const char *const *n = types; t && t->type == 's' && *n; n++) {
        if (folio_str_equal_c(t->s, *n))
            return true;
    }
    return false;
}

/* The first article object in @v or below it (in @graph or an array);
 * with @url, the one whose url it is. */
static const jv *find_article(const jv *v, int depth, const char *url)
{
    if (!v || depth > JSON_DEPTH)
        return NULL;
    if (v->type == 'o' && is_article_type(member(v, "@type")) &&
        (!url || folio_str_equal_c(string_of(member(v, "url")), url)))
        return v;
    if (v->type != 'o' && v->type != 'a')
        return NULL;
    for (const jv *c = v->first; c; c = c->next) {
        const jv *hit = find_article(c, depth + 1, url);
        if (hit)
            return hit;
    }
    return NULL;
}

/* What JSON-LD says, for hr_meta_apply. */
typedef struct ldinfo {
    folio_str headline, subtitle, date, publisher, lang, desc, rights, id;
    folio_str authors[LD_AUTHORS];
    size_t author_count;
} ldinfo;

static void ld_authors(const jv *a, ldinfo *ld)
{
    const jv *one = a && a->type != 'a' ? a : NULL;
    for (const jv *e = one ? one : a ? a->first : NULL; e; e = one ? NULL : e->next) {
        folio_str name = string_of(e);
        if (folio_str_present(name) && ld->author_count < LD_AUTHORS)
            ld->authors[ld->author_count++] = name;
    }
}

static void read_ld(const hmeta *meta, folio_arena *arena, const char *url, ldinfo *ld)
{
    memset(ld, 0, sizeof *ld);
    for (size_t at = 0; at < meta->ld.len;) {
        const char *s = meta->ld.data + at;
        size_t n = strlen(s);
        at += n + 1;
        jparser j = {.p = s, .end = s + n, .arena = arena};
        const jv *art = find_article(parse_value(&j, 0), 0, url);
        if (!art)
            continue;
        ld->headline = string_of(member(art, "headline"));
        ld->date = string_of(member(art, "datePublished"));
        ld->publisher = string_of(member(art, "publisher"));
        ld->lang = string_of(member(art, "inLanguage"));
        ld->desc = string_of(member(art, "description"));
        ld->subtitle = string_of(member(art, "alternativeHeadline"));
        ld->rights = string_of(member(art, "copyrightNotice"));
        ld->id = string_of(member(art, "identifier"));
        ld_authors(member(art, "author"), ld);
        return;
    }
}

/* ---- <meta> elements ---- */

static bool key_is(const char *key, const char *name)
{
    for (; *key && *name; key++, name++) {
        char c = *key >= 'A' && *key <= 'Z' ? (char)(*key + 32) : *key;
        if (c != *name)
            return false;
    }
    return *key == '\0' && *name == '\0';
}

static void set_once(folio_str *slot, folio_arena *arena, const char *content)
{
    if (!folio_str_present(*slot) && content[0])
        *slot = folio_str_c(folio_arena_strndup(arena, content, strlen(content)));
}

void hr_meta_element(hmeta *meta, folio_arena *arena, const char *key, const char *content)
{
    if (key_is(key, "og:title"))
        set_once(&meta->og_title, arena, content);
    else if (key_is(key, "og:description"))
        set_once(&meta->og_desc, arena, content);
    else if (key_is(key, "description"))
        set_once(&meta->desc, arena, content);
    else if (key_is(key, "og:site_name"))
        set_once(&meta->site, arena, content);
    else if (key_is(key, "og:locale"))
        set_once(&meta->og_locale, arena, content);
    else if (key_is(key, "copyright") || key_is(key, "dcterms.rights"))
        set_once(&meta->rights, arena, content);
    else if (key_is(key, "article:published_time") || key_is(key, "datepublished") ||
             key_is(key, "dc.date") || key_is(key, "dcterms.created") || key_is(key, "date"))
        set_once(&meta->published, arena, content);
    else if ((key_is(key, "author") || key_is(key, "article:author") ||
              key_is(key, "dc.creator")) &&
             content[0] && strncmp(content, "http", 4) != 0 && meta->author_count < 8)
        meta->authors[meta->author_count++] =
            folio_str_c(folio_arena_strndup(arena, content, strlen(content)));
}

/* ---- applying ---- */

static bool is_space(char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
}

/* @s with white space collapsed and trimmed, as a browser shows a title. */
static folio_str collapse(folio_arena *arena, folio_str s)
{
    if (!folio_str_present(s))
        return s;
    char *out = folio_arena_alloc(arena, s.len + 1);
    size_t n = 0;
    for (size_t i = 0; i < s.len; i++) {
        if (!is_space(s.data[i]))
            out[n++] = s.data[i];
        else if (n > 0 && out[n - 1] != ' ')
            out[n++] = ' ';
    }
    while (n > 0 && out[n - 1] == ' ')
        n--;
    out[n] = '\0';
    return n ? folio_str_n(out, n) : folio_str_n(NULL, 0);
}

/* "Story – Site" or "Story | Site": the <title> without the site's name. */
static folio_str strip_site(folio_str t)
{
    static const char *const seps[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", NULL};
    size_t cut = 0;
    for (const char *const *sep = seps; *sep; sep++) {
        size_t n = strlen(*sep);
        for (size_t i = 0; i + n <= t.len; i++) {
            if (memcmp(t.data + i, *sep, n) == 0 && i > cut)
                cut = i;
        }
    }
    return cut > 0 ? folio_str_n(t.data, cut) : t;
}

/* The first present of @n views. */
static folio_str first_of(const folio_str *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (folio_str_present(v[i]) && v[i].len > 0)
            return v[i];
    }
    return folio_str_n(NULL, 0);
}

/* A title other than the body's <h1> counts unless it merely repeats the
 * title every writer derives from the lead (folio_article_title()). */
static void apply_title(folio_node *article, folio_str h1, const folio_str *others, size_t n)
{
    if (folio_str_present(h1)) {
        folio_node_set_meta(article, FOLIO_META_TITLE, h1);
        return;
    }
    folio_str t = first_of(others, n);
    if (!folio_str_present(t))
        return;
    folio_str derived = folio_article_title(article);
    if (!folio_str_equal(t, derived))
        folio_node_set_meta(article, FOLIO_META_TITLE, t);
}

static folio_str locale_tag(folio_arena *arena, folio_str locale)
{
    if (!folio_str_present(locale))
        return locale;
    char *s = folio_arena_strndup(arena, locale.data, locale.len);
    for (char *p = s; *p; p++)
        *p = *p == '_' ? '-' : *p;
    return folio_str_n(s, locale.len);
}

/* JSON-LD names each author; article:author too; name=author may join them. */
static void apply_authors(folio_node *article, const ldinfo *ld, const hmeta *meta,
                          const folio_buf *body)
{
    const folio_str *names = ld->author_count        ? ld->authors
                             : meta->og_author_count ? meta->og_authors
                                                     : meta->authors;
    size_t count = ld->author_count        ? ld->author_count
                   : meta->og_author_count ? meta->og_author_count
                                           : meta->author_count;
    for (size_t i = 0; i < count; i++)
        folio_node_add_author(article, names[i]);
    for (size_t at = 0; count == 0 && body && at < body->len;) {
        folio_str name = folio_str_c(body->data + at);
        folio_node_add_author(article, name);
        at += name.len + 1;
    }
}

/* Dates from <meta> and JSON-LD are taken as written; a <time> must be one. */
static folio_str valid_date(folio_str d)
{
    return folio_str_present(d) && hr_is_iso_date(d.data, d.len) ? d : folio_str_n(NULL, 0);
}

/* The page's own metadata: none for one article of a digest, whose <meta>
 * and <title> describe the whole page. */
static const hmeta *page_of(const hmeta *meta, const hbody *body, hmeta *none)
{
    if (!body->url)
        return meta;
    memset(none, 0, sizeof *none);
    none->lang = meta->lang;
    none->ld = meta->ld;
    return none;
}

void hr_meta_apply(const hmeta *page, folio_node *article, const hbody *body)
{
    folio_arena *arena = folio_arena_new();
    hmeta none;
    const hmeta *meta = page_of(page, body, &none);
    ldinfo ld;
    read_ld(meta, arena, body->url, &ld);
    folio_str site = first_of((folio_str[]){ld.publisher, meta->site}, 2);
    folio_str title = collapse(arena, meta->title);
    /* The writer's <title> is the derived title itself, which may hold " - ". */
    if (folio_str_present(title) && folio_str_equal(title, folio_article_title(article)))
        title = folio_str_n(NULL, 0);
    if (folio_str_present(title) && !(folio_str_present(site) && folio_str_equal(title, site)))
        title = strip_site(title);
    folio_str lang = first_of(
        (folio_str[]){body->lang, meta->lang, ld.lang, locale_tag(arena, meta->og_locale)}, 4);
    folio_str date = first_of((folio_str[]){collapse(arena, meta->published),
                                            collapse(arena, ld.date), valid_date(body->date)},
                              3);
    folio_node_set_meta(article, FOLIO_META_LANG, collapse(arena, lang));
    folio_node_set_meta(article, FOLIO_META_DATE, date);
    folio_node_set_meta(article, FOLIO_META_SOURCE,
                        collapse(arena, first_of((folio_str[]){site, body->source}, 2)));
    folio_node_set_meta(article, FOLIO_META_SUBTITLE,
                        collapse(arena, first_of((folio_str[]){body->subtitle, ld.subtitle}, 2)));
    folio_node_set_meta(article, FOLIO_META_RIGHTS,
                        collapse(arena, first_of((folio_str[]){meta->rights, ld.rights}, 2)));
    folio_node_set_meta(article, FOLIO_META_ID, collapse(arena, ld.id));
    folio_str desc = first_of((folio_str[]){ld.desc, meta->og_desc, meta->desc}, 3);
    folio_node_set_meta(article, FOLIO_META_DESCRIPTION, collapse(arena, desc));
    apply_authors(article, &ld, meta, body->authors);
    folio_str others[] = {collapse(arena, meta->og_title), collapse(arena, ld.headline), title};
    apply_title(article, body->h1, others, 3);
    folio_arena_free(arena);
}

/* The writer's <meta name=author> joins a digest's authors with ", ". */
static void split_authors(folio_node *root, folio_str joined)
{
    while (joined.len > 0) {
        const char *comma = memchr(joined.data, ',', joined.len);
        size_t n = comma ? (size_t)(comma - joined.data) : joined.len;
        if (n > 0)
            folio_node_add_author(root, folio_str_n(joined.data, n));
        n += comma ? 1 : 0;
        while (n < joined.len && joined.data[n] == ' ')
            n++;
        joined = folio_str_n(joined.data + n, joined.len - n);
    }
}

void hr_meta_apply_digest(const hmeta *meta, folio_doc *doc)
{
    folio_arena *arena = folio_arena_new();
    folio_node *root = folio_doc_root(doc), *first = folio_node_first_child(root);
    folio_str title = collapse(arena, meta->title);
    /* Without a title of its own, the page is titled by its first article. */
    if (folio_str_present(title) && !folio_str_equal(title, folio_article_title(first)))
        folio_node_set_meta(root, FOLIO_META_TITLE, title);
    /* The writer gives a digest's page the first article's language when
     * the digest has none of its own. */
    folio_str lang = collapse(arena, meta->lang);
    if (!folio_str_equal(lang, folio_node_meta(first, FOLIO_META_LANG)))
        folio_node_set_meta(root, FOLIO_META_LANG, lang);
    folio_node_set_meta(root, FOLIO_META_SOURCE, collapse(arena, meta->site));
    folio_node_set_meta(root, FOLIO_META_DESCRIPTION,
                        collapse(arena, first_of((folio_str[]){meta->desc, meta->og_desc}, 2)));
    for (size_t i = 0; i < meta->author_count; i++)
        split_authors(root, meta->authors[i]);
    folio_arena_free(arena);
}
