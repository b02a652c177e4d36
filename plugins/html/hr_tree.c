/* SPDX-License-Identifier: MIT */
#include "hr.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/*
 * The page becomes a compact tree of its own, built from libxml2's SAX
 * events rather than libxml2's DOM: a third of the time and memory for a
 * large page, and what is dropped (scripts, navigation, ads) is never
 * stored. The tree is walked without recursion (extract.c), so its depth
 * costs nothing but HR_MAX_OPEN bounds libxml2's own stack scans.
 */

enum capture { CAP_NONE, CAP_TITLE, CAP_LD };

/* Bounds on what metadata may hold: a page is not allowed to make them large. */
#define LD_MAX ((size_t)1 << 20)
#define TITLE_MAX 4096
#define TEXT_CHUNK ((size_t)1 << 26)

typedef struct builder {
    htree *tree;
    hnode *cur;
    hnode *prev;    /* cur's last child: nodes keep no pointer to it */
    unsigned depth; /* open elements, as libxml2 counts them */
    unsigned skip;  /* > 0: inside a dropped element, this many deep */
    enum capture capture;
    unsigned cap_level; /* the skip depth of the element captured */
    bool got_title;
    hnode *table;    /* innermost open <table> */
    folio_buf text;  /* character data not yet in a node */
    size_t seg_used; /* bytes in the current text segment */
    bool too_deep;
    xmlParserCtxtPtr main;       /* the parser; callbacks from another expand an entity */
    size_t expanded, expand_max; /* bytes entities expanded to, and the most allowed */
    bool blowup;
    unsigned line, col; /* of the first fault */
    char message[200];
} builder;

static builder *get(void *ctx)
{
    return ((xmlParserCtxtPtr)ctx)->_private;
}

static void where(void *ctx, unsigned *line, unsigned *col)
{
    xmlParserCtxtPtr c = ctx;
    *line = c->input && c->input->line > 0 ? (unsigned)c->input->line : 0;
    *col = c->input && c->input->col > 0 ? (unsigned)c->input->col : 0;
}

static hnode *new_node(builder *b, folio_arena *arena, htag tag)
{
    hnode *n = folio_arena_calloc(arena, tag == HT_TEXT ? HR_TEXT_SIZE : sizeof *n);
    n->tag = (uint16_t)tag;
    n->parent = b->cur;
    if (b->prev)
        b->prev->next = n;
    else
        b->cur->first = n;
    b->prev = n;
    return n;
}

static bool all_space(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != ' ' && s[i] != '\n' && s[i] != '\t' && s[i] != '\r' && s[i] != '\f')
            return false;
    }
    return true;
}

/* White space between the rows of a table or the items of a list is no text. */
static bool holds_no_text(htag tag)
{
    return tag == HT_HTML || tag == HT_HEAD || tag == HT_TABLE || tag == HT_TBODY ||
           tag == HT_THEAD || tag == HT_TFOOT || tag == HT_TR || tag == HT_UL || tag == HT_OL ||
           tag == HT_DL;
}

/* The segment a text of @len bytes goes in: a new one when the current is full. */
static folio_arena *text_segment(builder *b, size_t len)
{
    htree *t = b->tree;
    if (t->seg_count == 0 || (b->seg_used + len > HR_SEGMENT && t->seg_count < HR_MAX_SEGMENTS)) {
        t->segs = realloc(t->segs, (t->seg_count + 1) * sizeof *t->segs);
        if (!t->segs)
            folio_oom();
        t->segs[t->seg_count++] = folio_arena_new();
        b->seg_used = 0;
    }
    b->seg_used += len + HR_TEXT_SIZE;
    return t->segs[t->seg_count - 1];
}

static void flush_text(builder *b)
{
    if (b->text.len == 0)
        return;
    /* White space after a block, or first in a block, separates nothing:
     * the walk drops it anyway, so it is not kept. */
    bool idle = holds_no_text(b->cur->tag) || (b->prev ? hr_tag_is_block((htag)b->prev->tag)
                                                       : hr_tag_is_block((htag)b->cur->tag));
    if (!(idle && all_space(b->text.data, b->text.len))) {
        folio_arena *seg = text_segment(b, b->text.len);
        hnode *t = new_node(b, seg, HT_TEXT);
        t->u.text = folio_arena_strndup(seg, b->text.data, b->text.len);
        t->len = (uint32_t)b->text.len;
        t->seg = (uint16_t)(b->tree->seg_count - 1);
    }
    folio_buf_reset(&b->text);
}

static bool attr_is(const xmlChar *v, const char *s)
{
    return v && xmlStrcasecmp(v, (const xmlChar *)s) == 0;
}

static bool has_token(const xmlChar *v, const char *token)
{
    size_t n = strlen(token);
    for (const char *p = (const char *)v; p && *p; p++) {
        if (strncmp(p, token, n) == 0 && (p == (const char *)v || p[-1] == ' ') &&
            (p[n] == '\0' || p[n] == ' '))
            return true;
    }
    return false;
}

static unsigned role_flags(const xmlChar *v)
{
    static const char *const clutter[] = {"navigation", "banner",      "contentinfo", "search",
                                          "dialog",     "alertdialog", "menu",        NULL};
    for (const char *const *r = clutter; *r; r++) {
        if (attr_is(v, *r))
            return HF_CLUTTER;
    }
    return 0;
}

static unsigned hidden_flags(const xmlChar *name, const xmlChar *v)
{
    if (xmlStrEqual(name, BAD_CAST "hidden"))
        return HF_CLUTTER;
    if (xmlStrEqual(name, BAD_CAST "aria-hidden") && attr_is(v, "true"))
        return HF_CLUTTER;
    if (xmlStrEqual(name, BAD_CAST "style") && v) {
        char s[256];
        size_t n = 0;
        for (const xmlChar *p = v; *p && n < sizeof s - 1; p++) {
            if (*p != ' ')
                s[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
        }
        s[n] = '\0';
        if (strstr(s, "display:none") || strstr(s, "visibility:hidden"))
            return HF_CLUTTER;
    }
    return 0;
}

static size_t slots(htag tag)
{
    return tag == HT_IMG ? HA_COUNT : tag == HT_ARTICLE ? HA_ID + 1 : 1;
}

static int attr_slot(htag tag, const char *name)
{
    if (tag == HT_A && strcmp(name, "href") == 0)
        return HA_HREF;
    if (tag == HT_TIME && strcmp(name, "datetime") == 0)
        return HA_DATETIME;
    if (tag == HT_ARTICLE && (strcmp(name, "lang") == 0 || strcmp(name, "xml:lang") == 0))
        return HA_LANG;
    if (tag == HT_ARTICLE && strcmp(name, "id") == 0)
        return HA_ID;
    if (tag != HT_IMG)
        return -1;
    static const char *const names[] = {
        "src",           "data-src",      "alt",    "width",       "height",
        "data-original", "data-lazy-src", "srcset", "data-srcset", NULL};
    static const int slots[] = {HA_SRC,      HA_LAZY_SRC, HA_ALT,    HA_WIDTH, HA_HEIGHT,
                                HA_LAZY_SRC, HA_LAZY_SRC, HA_SRCSET, HA_SRCSET};
    for (int i = 0; names[i]; i++) {
        if (strcmp(name, names[i]) == 0)
            return slots[i];
    }
    return -1;
}

/* Flags and kept attributes of a new element. */
static void read_attrs(builder *b, hnode *n, const xmlChar **atts)
{
    unsigned flags = 0;
    for (size_t i = 0; atts && atts[i]; i += 2) {
        const char *name = (const char *)atts[i];
        const xmlChar *v = atts[i + 1];
        if ((strcmp(name, "class") == 0 || strcmp(name, "id") == 0) && v)
            flags |= hr_class_flags((const char *)v);
        else if (strcmp(name, "itemprop") == 0 && has_token(v, "articleBody"))
            flags |= HF_BODY;
        else if (strcmp(name, "role") == 0)
            flags |= role_flags(v);
        else
            flags |= hidden_flags(atts[i], v);
        int slot = v ? attr_slot((htag)n->tag, name) : -1;
        if (slot >= 0) {
            if (!n->u.attrs)
                n->u.attrs =
                    folio_arena_calloc(b->tree->arena, slots((htag)n->tag) * sizeof(char *));
            if (!n->u.attrs[slot])
                n->u.attrs[slot] =
                    folio_arena_strndup(b->tree->arena, (const char *)v, strlen((const char *)v));
        }
    }
    n->flags = flags;
}

/* The head's elements feed the metadata and are not kept; returns what of
 * the element's text to capture. */
static enum capture head_element(builder *b, htag tag, const char *name, const xmlChar **atts)
{
    const char *key = NULL, *content = NULL, *lang = NULL;
    bool ld = false;
    /* Only <html>, <meta>, <script> and <title>: most elements pass at once. */
    if (tag != HT_HTML && (tag != HT_DROP || (name[0] != 'm' && name[0] != 's' && name[0] != 't')))
        return CAP_NONE;
    for (size_t i = 0; atts && atts[i]; i += 2) {
        const char *a = (const char *)atts[i], *v = (const char *)atts[i + 1];
        if (!v)
            continue;
        if (strcmp(a, "name") == 0 || strcmp(a, "property") == 0 || strcmp(a, "itemprop") == 0)
            key = key ? key : v;
        else if (strcmp(a, "content") == 0)
            content = v;
        else if (strcmp(a, "type") == 0)
            ld = xmlStrcasecmp(atts[i + 1], BAD_CAST "application/ld+json") == 0;
        else if (strcmp(a, "lang") == 0 || strcmp(a, "xml:lang") == 0)
            lang = v;
    }
    if (strcmp(name, "meta") == 0 && key && content)
        hr_meta_element(&b->tree->meta, b->tree->arena, key, content);
    else if (tag == HT_DROP && strcmp(name, "script") == 0 && ld && b->tree->meta.ld.len < LD_MAX)
        return CAP_LD;
    else if (strcmp(name, "title") == 0 && !b->got_title && b->skip == 0)
        return CAP_TITLE;
    else if (tag == HT_HTML && lang && !folio_str_present(b->tree->meta.lang))
        b->tree->meta.lang = folio_str_c(folio_arena_strndup(b->tree->arena, lang, strlen(lang)));
    return CAP_NONE;
}

/* XHTML's internal entities expand through these callbacks each time they
 * are used: a 100 kB entity used 20,000 times must not become 2 GB. */
static bool over_budget(void *ctx, builder *b, size_t len)
{
    if (ctx == b->main || b->blowup)
        return b->blowup;
    b->expanded += len;
    if (b->expanded <= b->expand_max)
        return false;
    b->blowup = true;
    where(b->main, &b->line, &b->col);
    xmlStopParser(ctx);
    xmlStopParser(b->main);
    return true;
}

static void start_element(void *ctx, const xmlChar *xname, const xmlChar **atts)
{
    builder *b = get(ctx);
    const char *name = (const char *)xname;
    if (over_budget(ctx, b, 64)) {
        b->depth++;
        return;
    }
    if (++b->depth > HR_MAX_OPEN) {
        if (!b->too_deep) {
            b->too_deep = true;
            where(ctx, &b->line, &b->col);
            xmlStopParser(ctx);
        }
        return;
    }
    htag tag = hr_tag_lookup(name);
    enum capture cap = head_element(b, tag, name, atts);
    if (b->skip > 0 || tag == HT_DROP) {
        b->skip++;
        if (cap != CAP_NONE && b->capture == CAP_NONE) {
            b->capture = cap;
            b->cap_level = b->skip;
        }
        return;
    }
    flush_text(b);
    hnode *n = new_node(b, b->tree->arena, tag);
    read_attrs(b, n, atts);
    where(ctx, &n->line, &n->col);
    if (b->table && ((tag >= HT_H1 && tag <= HT_H6) || tag == HT_TABLE || tag == HT_ARTICLE ||
                     tag == HT_SECTION || tag == HT_BLOCKQUOTE || tag == HT_FIGURE))
        b->table->flags |= HF_LAYOUT;
    if (tag == HT_TABLE) {
        n->aux = b->table;
        b->table = n;
    }
    b->cur = n;
    b->prev = NULL;
}

static void end_element(void *ctx, const xmlChar *name)
{
    (void)name;
    builder *b = get(ctx);
    if (b->depth > 0)
        b->depth--;
    if (b->depth >= HR_MAX_OPEN)
        return;
    if (b->skip > 0) {
        if (b->capture != CAP_NONE && b->skip == b->cap_level) {
            if (b->capture == CAP_LD)
                folio_buf_putc(&b->tree->meta.ld, '\0');
            b->got_title |= b->capture == CAP_TITLE;
            b->capture = CAP_NONE;
        }
        b->skip--;
        return;
    }
    flush_text(b);
    hnode *n = b->cur;
    if (n->tag == HT_TABLE) {
        b->table = n->aux;
        n->aux = NULL;
    }
    if (n->parent)
        b->prev = n, b->cur = n->parent;
}

static void characters(void *ctx, const xmlChar *ch, int len)
{
    builder *b = get(ctx);
    if (len <= 0 || b->depth > HR_MAX_OPEN || over_budget(ctx, b, (size_t)len))
        return;
    if (b->skip > 0) {
        folio_buf *into = b->capture == CAP_LD      ? &b->tree->meta.ld
                          : b->capture == CAP_TITLE ? &b->tree->meta.title_buf
                                                    : NULL;
        size_t max = b->capture == CAP_LD ? LD_MAX : TITLE_MAX;
        if (into && into->len < max)
            folio_buf_append(into, ch,
                             (size_t)len < max - into->len ? (size_t)len : max - into->len);
        return;
    }
    if (b->text.len >= TEXT_CHUNK)
        flush_text(b);
    folio_buf_append(&b->text, ch, (size_t)len);
}

/* libxml2 hands script and style content over as CDATA: only JSON-LD is wanted. */
static void cdata(void *ctx, const xmlChar *ch, int len)
{
    builder *b = get(ctx);
    if (b->capture != CAP_NONE || b->skip == 0)
        characters(ctx, ch, len);
}

/* The first error of an XHTML document, which is fatal. */
static void xml_error(void *ctx, const char *msg, ...)
{
    (void)msg;
    xmlParserCtxtPtr c = ctx;
    builder *b = get(ctx);
    if (b->message[0] || b->too_deep)
        return;
    const xmlError *e = &c->lastError;
    snprintf(b->message, sizeof b->message, "%s", e->message ? e->message : "not well-formed");
    size_t n = strlen(b->message);
    while (n > 0 && (b->message[n - 1] == '\n' || b->message[n - 1] == ' '))
        b->message[--n] = '\0';
    b->line = e->line > 0 ? (unsigned)e->line : 0;
    b->col = e->int2 > 0 ? (unsigned)e->int2 : 0;
}

static void set_handlers(xmlSAXHandler *sax)
{
    sax->startElement = start_element;
    sax->endElement = end_element;
    sax->characters = characters;
    sax->ignorableWhitespace = characters;
    sax->cdataBlock = cdata;
    sax->reference = NULL;
    sax->comment = NULL;
    sax->processingInstruction = NULL;
    sax->warning = NULL;
}

static xmlParserCtxtPtr html_context(const unsigned char *data, size_t len)
{
    htmlParserCtxtPtr c = htmlCreateMemoryParserCtxt((const char *)data, (int)len);
    if (!c)
        return NULL;
    memset(c->sax, 0, sizeof *c->sax);
    set_handlers(c->sax);
    c->sax->initialized = 1;
    htmlCtxtUseOptions(c, HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                              HTML_PARSE_IGNORE_ENC);
    /* htmlread.c made the page UTF-8, whatever it declares. */
    xmlSwitchEncoding(c, XML_CHAR_ENCODING_UTF8);
    return c;
}

/*
 * XHTML: SAX1 callbacks over libxml2's defaults, so that the internal
 * subset's entities are declared and expanded (with libxml2's
 * amplification checks), while no external entity or DTD is ever read:
 * neither XML_PARSE_NOENT nor XML_PARSE_DTDLOAD is set, and NONET is.
 */
static xmlParserCtxtPtr xml_context(const unsigned char *data, size_t len)
{
    xmlParserCtxtPtr c = xmlCreateMemoryParserCtxt((const char *)data, (int)len);
    if (!c)
        return NULL;
    xmlSAXVersion(c->sax, 1);
    set_handlers(c->sax);
    c->sax->error = xml_error;
    c->sax->fatalError = xml_error;
    xmlCtxtUseOptions(c, XML_PARSE_NONET);
    return c;
}

int hr_tree_parse(htree *tree, const unsigned char *data, size_t len, const htmlread_config *cfg,
                  folio_error *err)
{
    if (len > INT_MAX)
        return folio_error_set(err, FOLIO_EFORMAT, "page larger than 2 GB");
    tree->arena = folio_arena_new();
    tree->root = folio_arena_calloc(tree->arena, sizeof *tree->root);
    tree->root->tag = HT_OTHER;
    if (len == 0)
        return cfg->xhtml ? folio_error_set_at(err, FOLIO_EFORMAT, 1, 1, "empty document")
                          : FOLIO_OK;
    builder b = {.tree = tree, .cur = tree->root};
    xmlParserCtxtPtr c = cfg->xhtml ? xml_context(data, len) : html_context(data, len);
    if (!c)
        return folio_error_set(err, FOLIO_ERROR, "cannot create the HTML parser");
    c->_private = &b;
    b.main = c;
    b.expand_max = len > ((size_t)1 << 20) ? len : (size_t)1 << 20;
    if (cfg->xhtml)
        xmlParseDocument(c);
    else
        htmlParseDocument(c);
    flush_text(&b);
    if (c->myDoc)
        xmlFreeDoc(c->myDoc);
    c->myDoc = NULL;
    if (cfg->xhtml)
        xmlFreeParserCtxt(c);
    else
        htmlFreeParserCtxt(c);
    folio_buf_free(&b.text);
    tree->meta.title = folio_str_n(tree->meta.title_buf.data, tree->meta.title_buf.len);
    if (b.too_deep)
        return folio_error_set_at(err, FOLIO_EFORMAT, b.line, b.col,
                                  "elements nested too deeply (more than %d open)", HR_MAX_OPEN);
    if (b.blowup)
        return folio_error_set_at(err, FOLIO_EFORMAT, b.line, b.col,
                                  "entities expand to more than %zu bytes", b.expand_max);
    if (b.message[0])
        return folio_error_set_at(err, FOLIO_EFORMAT, b.line, b.col, "%s", b.message);
    return FOLIO_OK;
}

void hr_tree_release(htree *tree, size_t seg)
{
    for (; tree->freed < seg && tree->freed < tree->seg_count; tree->freed++) {
        folio_arena_free(tree->segs[tree->freed]);
        tree->segs[tree->freed] = NULL;
    }
}

void hr_tree_free(htree *tree)
{
    hr_tree_release(tree, tree->seg_count);
    free(tree->segs);
    folio_arena_free(tree->arena);
    folio_buf_free(&tree->meta.ld);
    folio_buf_free(&tree->meta.title_buf);
}
