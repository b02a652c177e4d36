/* SPDX-License-Identifier: MIT */
#include "read_epub.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * META-INF/container.xml and the package document (OPF 2 or 3). Both are
 * parsed without network, without loading a DTD and without expanding
 * entities; a file that declares an entity at all is refused, since an
 * honest package has no use for one and every XXE and "billion laughs"
 * attack needs one.
 */

#define DC_NS "http://purl.org/dc/elements/1.1/"
#define ROOTFILE_TYPE "application/oebps-package+xml"
/* dc:title and dc:creator elements whose EPUB 3 refinements are looked up. */
#define REFINED_MAX 64
#define CREATORS_MAX 100

typedef struct opf {
    folio_arena *arena;
    const char *entry;
    xmlNode *metadata;
    folio_error *err;
} opf;

static int xml_error(folio_error *err, const char *entry, unsigned line, unsigned col,
                     const char *what)
{
    folio_error_set_at(err, FOLIO_EFORMAT, line, col, "%s", what);
    folio_error_set_source(err, entry);
    return FOLIO_EFORMAT;
}

/* Matches "<!ENTITY" at @p, allowing up to 3 NUL bytes after each character (UTF-16, UTF-32). */
static bool entity_at(const unsigned char *p, const unsigned char *end)
{
    static const char word[] = "<!ENTITY";
    for (const char *w = word; *w; w++) {
        if (p >= end || *p != (unsigned char)*w)
            return false;
        p++;
        for (int k = 0; k < 3 && p < end && *p == 0 && w[1]; k++)
            p++;
    }
    return true;
}

size_t epub_find_entity(const unsigned char *data, size_t len)
{
    /* EBCDIC ("<?xm" as 4C 6F A7 94), which libxml2 would also decode, hides the word. */
    if (len >= 4 && memcmp(data, "\x4C\x6F\xA7\x94", 4) == 0)
        return 0;
    const unsigned char *end = data + len;
    for (const unsigned char *p = data; (p = memchr(p, '<', (size_t)(end - p))); p++) {
        if (entity_at(p, end))
            return (size_t)(p - data);
    }
    return SIZE_MAX;
}

static bool declares_entity(const xmlDoc *doc)
{
    const xmlDtd *dtd = doc->intSubset;
    for (const xmlNode *n = dtd ? dtd->children : NULL; n; n = n->next) {
        if (n->type == XML_ENTITY_DECL)
            return true;
    }
    return false;
}

/* The first fault libxml2 reports: it goes on after it and keeps only the last. */
typedef struct xml_fault {
    bool set;
    unsigned line, column;
    char message[160];
} xml_fault;

static void keep_first(void *ctx, xmlError *e)
{
    xml_fault *f = ((xmlParserCtxt *)ctx)->_private;
    if (f->set || e->level < XML_ERR_ERROR)
        return;
    f->set = true;
    f->line = e->line > 0 ? (unsigned)e->line : 0;
    f->column = e->int2 > 0 ? (unsigned)e->int2 : 0;
    snprintf(f->message, sizeof f->message, "%.*s", e->message ? (int)strcspn(e->message, "\n") : 0,
             e->message ? e->message : "");
}

/* Parses @entry safely; @out is NULL on failure. */
static int xml_open(xmlDoc **out, const char *entry, const char *data, size_t len, folio_error *err)
{
    *out = NULL;
    size_t ent = epub_find_entity((const unsigned char *)data, len);
    if (ent != SIZE_MAX) {
        folio_error_set_offset(err, FOLIO_EFORMAT, (const unsigned char *)data, len, ent,
                               "declares an entity: refused (no entities in an EPUB's XML)");
        folio_error_set_source(err, entry);
        return FOLIO_EFORMAT;
    }
    if (len > INT32_MAX)
        return xml_error(err, entry, 0, 0, "too large to parse");
    xmlParserCtxt *ctxt = xmlNewParserCtxt();
    if (!ctxt)
        folio_oom();
    xml_fault fault = {0};
    ctxt->_private = &fault;
    ctxt->sax->serror = keep_first;
    xmlDoc *doc = xmlCtxtReadMemory(ctxt, data, (int)len, entry, NULL,
                                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    int rc = FOLIO_OK;
    if (!doc || !ctxt->wellFormed) {
        char msg[200];
        snprintf(msg, sizeof msg, "not well-formed XML: %s", fault.message);
        rc = xml_error(err, entry, fault.line, fault.column, msg);
    } else if (declares_entity(doc)) {
        rc = xml_error(err, entry, 0, 0,
                       "declares an entity: refused (no entities in an EPUB's XML)");
    } else if (!xmlDocGetRootElement(doc)) {
        rc = xml_error(err, entry, 0, 0, "no root element");
    }
    xmlFreeParserCtxt(ctxt);
    if (rc < 0) {
        xmlFreeDoc(doc);
        return rc;
    }
    *out = doc;
    return FOLIO_OK;
}

static bool is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static bool is_dc(const xmlNode *n)
{
    return n->type == XML_ELEMENT_NODE && n->ns &&
           ((n->ns->href && strcmp((const char *)n->ns->href, DC_NS) == 0) ||
            (n->ns->prefix && strcmp((const char *)n->ns->prefix, "dc") == 0));
}

static xmlNode *child(const xmlNode *parent, const char *name)
{
    for (xmlNode *n = parent ? parent->children : NULL; n; n = n->next) {
        if (is(n, name))
            return n;
    }
    return NULL;
}

static unsigned line_of(const xmlNode *n)
{
    long line = xmlGetLineNo(n);
    return line > 0 && line < (long)UINT32_MAX ? (unsigned)line : 0;
}

/* An attribute by local name, whatever its namespace ("opf:role" too); NULL when absent. */
static const char *attr(folio_arena *arena, const xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v)
        return NULL;
    char *copy = folio_arena_strndup(arena, (const char *)v, strlen((const char *)v));
    xmlFree(v);
    return copy;
}

static void text_into(folio_buf *buf, const xmlNode *n, unsigned depth)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
            folio_buf_puts(buf, (const char *)c->content);
        else if (c->type == XML_ELEMENT_NODE && depth < 8)
            text_into(buf, c, depth + 1);
    }
}

/*
 * The text of @n with white space collapsed: metadata values are often
 * wrapped over lines. Entity references are never followed. NULL when empty.
 */
static const char *text(folio_arena *arena, const xmlNode *n)
{
    folio_buf raw = {0};
    text_into(&raw, n, 0);
    size_t out = 0;
    bool space = false;
    for (size_t i = 0; i < raw.len; i++) {
        char c = raw.data[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = out > 0;
            continue;
        }
        if (space)
            raw.data[out++] = ' ';
        raw.data[out++] = c;
        space = false;
    }
    const char *v = out ? folio_arena_strndup(arena, raw.data, out) : NULL;
    folio_buf_free(&raw);
    return v;
}

int epub_container_read(epub_zip *zip, folio_buf *out, folio_error *err)
{
    static const char entry[] = "META-INF/container.xml";
    if (!epub_zip_has(zip, entry))
        return folio_error_set(err, FOLIO_EFORMAT, "not an EPUB: it has no %s", entry);
    folio_buf data = {0};
    xmlDoc *doc = NULL;
    int rc = epub_zip_read(zip, entry, &data, err);
    if (rc == FOLIO_OK)
        rc = xml_open(&doc, entry, data.data, data.len, err);
    folio_buf_free(&data);
    if (rc < 0)
        return rc;
    xmlNode *root = xmlDocGetRootElement(doc);
    xmlNode *found = NULL;
    for (xmlNode *n = child(child(root, "rootfiles"), "rootfile"); n && !found; n = n->next) {
        xmlChar *type = is(n, "rootfile") ? xmlGetProp(n, (const xmlChar *)"media-type") : NULL;
        if (type && strcmp((const char *)type, ROOTFILE_TYPE) == 0)
            found = n;
        xmlFree(type);
    }
    xmlChar *path = found ? xmlGetProp(found, (const xmlChar *)"full-path") : NULL;
    if (!path) {
        rc = xml_error(err, entry, line_of(found ? found : root), 0,
                       "no <rootfile> names a package document (" ROOTFILE_TYPE ")");
    } else if ((rc = epub_path_resolve(out, "", (const char *)path, strlen((char *)path), err)) <
               0) {
        folio_error_set_source(err, entry);
        err->line = line_of(found);
    }
    xmlFree(path);
    xmlFreeDoc(doc);
    return rc;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void collect_ciphers(folio_arena *arena, const xmlNode *n, epub_names *out)
{
    for (; n; n = n->next) {
        if (is(n, "CipherReference")) {
            const char *uri = attr(arena, n, "URI");
            folio_buf entry = {0};
            if (uri && out->count < out->cap &&
                epub_path_resolve(&entry, "", uri, strlen(uri), NULL) == FOLIO_OK)
                out->names[out->count++] = folio_arena_strndup(arena, entry.data, entry.len);
            folio_buf_free(&entry);
        }
        collect_ciphers(arena, n->children, out);
    }
}

static size_t count_elements(const xmlNode *n)
{
    size_t k = 0;
    for (; n; n = n->next)
        k += (n->type == XML_ELEMENT_NODE) + count_elements(n->children);
    return k;
}

int epub_encryption_read(epub_names *out, folio_arena *arena, epub_zip *zip, folio_error *err)
{
    static const char entry[] = "META-INF/encryption.xml";
    *out = (epub_names){0};
    if (!epub_zip_has(zip, entry))
        return FOLIO_OK;
    folio_buf data = {0};
    xmlDoc *doc = NULL;
    int rc = epub_zip_read(zip, entry, &data, err);
    if (rc == FOLIO_OK)
        rc = xml_open(&doc, entry, data.data, data.len, err);
    folio_buf_free(&data);
    if (rc < 0)
        return rc;
    /* Every element could be a CipherReference: as many names as elements, at most. */
    xmlNode *root = xmlDocGetRootElement(doc);
    out->cap = count_elements(root);
    out->names = folio_arena_alloc(arena, (out->cap + 1) * sizeof *out->names);
    collect_ciphers(arena, root, out);
    qsort(out->names, out->count, sizeof *out->names, by_name);
    xmlFreeDoc(doc);
    return FOLIO_OK;
}

bool epub_names_has(const epub_names *list, const char *name)
{
    return list->count && bsearch(&name, list->names, list->count, sizeof name, by_name);
}

/* The value of the EPUB 3 <meta refines="#@id" property="@property">, or NULL. */
static const char *refinement(opf *o, const char *id, const char *property)
{
    if (!id)
        return NULL;
    for (xmlNode *n = o->metadata->children; n; n = n->next) {
        if (!is(n, "meta"))
            continue;
        xmlChar *ref = xmlGetProp(n, (const xmlChar *)"refines");
        xmlChar *prop = ref ? xmlGetProp(n, (const xmlChar *)"property") : NULL;
        bool match = ref && prop && ref[0] == '#' && strcmp((char *)ref + 1, id) == 0 &&
                     strcmp((char *)prop, property) == 0;
        xmlFree(ref);
        xmlFree(prop);
        if (match)
            return text(o->arena, n);
    }
    return NULL;
}

/* An author unless a role says otherwise (opf:role in EPUB 2, a refinement in EPUB 3). */
static bool is_author(opf *o, const xmlNode *n, unsigned *refined)
{
    const char *role = attr(o->arena, n, "role");
    if (!role && (*refined)++ < REFINED_MAX)
        role = refinement(o, attr(o->arena, n, "id"), "role");
    return !role || strcmp(role, "aut") == 0;
}

/* calibre writes dates it does not know as the year 101. */
static bool date_is_known(const char *date)
{
    return strlen(date) >= 4 && strncmp(date, "0", 1) != 0;
}

static void add_dc(opf *o, epub_package *pkg, const xmlNode *n, const char *unique_id,
                   unsigned *refined)
{
    const char *name = (const char *)n->name, *value = text(o->arena, n);
    if (!value)
        return;
    if (strcmp(name, "title") == 0) {
        const char *type = (*refined)++ < REFINED_MAX
                               ? refinement(o, attr(o->arena, n, "id"), "title-type")
                               : NULL;
        epub_dc key = type && strcmp(type, "subtitle") == 0 ? EPUB_DC_SUBTITLE : EPUB_DC_TITLE;
        if (!pkg->dc[key])
            pkg->dc[key] = value;
    } else if (strcmp(name, "creator") == 0) {
        if (pkg->creator_count < CREATORS_MAX && is_author(o, n, refined))
            pkg->creators[pkg->creator_count++] = value;
    } else if (strcmp(name, "identifier") == 0) {
        const char *id = attr(o->arena, n, "id");
        if (!pkg->dc[EPUB_DC_IDENTIFIER] || (unique_id && id && strcmp(id, unique_id) == 0))
            pkg->dc[EPUB_DC_IDENTIFIER] = value;
    } else {
        static const char *const names[EPUB_DC_COUNT] = {[EPUB_DC_LANGUAGE] = "language",
                                                         [EPUB_DC_DATE] = "date",
                                                         [EPUB_DC_PUBLISHER] = "publisher",
                                                         [EPUB_DC_RIGHTS] = "rights",
                                                         [EPUB_DC_DESCRIPTION] = "description"};
        for (int k = 0; k < EPUB_DC_COUNT; k++) {
            if (names[k] && strcmp(name, names[k]) == 0 && !pkg->dc[k] &&
                (k != EPUB_DC_DATE || date_is_known(value)))
                pkg->dc[k] = value;
        }
    }
}

static void read_meta(opf *o, epub_package *pkg, const xmlNode *n)
{
    const char *name = attr(o->arena, n, "name");
    const char *content = name ? attr(o->arena, n, "content") : NULL;
    if (name && content && strcmp(name, "generator") == 0 && strncmp(content, "Folio", 5) == 0)
        pkg->folio = true;
}

static void read_metadata(opf *o, epub_package *pkg, const char *unique_id)
{
    size_t creators = 0;
    for (xmlNode *n = o->metadata->children; n; n = n->next)
        creators += is_dc(n) && strcmp((const char *)n->name, "creator") == 0;
    pkg->creators = folio_arena_alloc(o->arena, (creators + 1) * sizeof *pkg->creators);
    unsigned refined = 0;
    for (xmlNode *n = o->metadata->children; n; n = n->next) {
        if (is_dc(n))
            add_dc(o, pkg, n, unique_id, &refined);
        else if (is(n, "meta"))
            read_meta(o, pkg, n);
    }
}

static size_t count(const xmlNode *parent, const char *name)
{
    size_t k = 0;
    for (const xmlNode *n = parent ? parent->children : NULL; n; n = n->next)
        k += is(n, name);
    return k;
}

/*
 * A manifest href that cannot name an entry (a remote resource, which EPUB
 * 3 allows for audio and video) leaves the item without one; it is an error
 * only if the spine needs it.
 */
static const char *resolve(opf *o, const char *href)
{
    if (!href)
        return NULL;
    folio_buf buf = {0};
    folio_error ignored = {0};
    const char *entry = NULL;
    if (epub_path_resolve(&buf, o->entry, href, strlen(href), &ignored) == FOLIO_OK)
        entry = folio_arena_strndup(o->arena, buf.data, buf.len);
    folio_buf_free(&buf);
    return entry;
}

static int by_id(const void *a, const void *b)
{
    return strcmp(((const epub_item *)a)->id, ((const epub_item *)b)->id);
}

static void read_manifest(opf *o, epub_package *pkg, const xmlNode *manifest)
{
    epub_item *items = folio_arena_alloc(o->arena, (count(manifest, "item") + 1) * sizeof *items);
    size_t k = 0;
    for (xmlNode *n = manifest ? manifest->children : NULL; n; n = n->next) {
        const char *id = is(n, "item") ? attr(o->arena, n, "id") : NULL;
        if (!id)
            continue;
        const char *type = attr(o->arena, n, "media-type"),
                   *props = attr(o->arena, n, "properties");
        items[k++] = (epub_item){.id = id,
                                 .entry = resolve(o, attr(o->arena, n, "href")),
                                 .media_type = type ? type : "",
                                 .properties = props ? props : ""};
    }
    /* Sorted by id, so a spine of thousands of items is looked up in n log n. */
    qsort(items, k, sizeof *items, by_id);
    pkg->items = items;
    pkg->item_count = k;
}

/*
 * A document the spine lists twice (by two ids or one) would be read twice:
 * a cheap way to multiply the work and the memory. epubcheck refuses it too.
 */
static int check_listed_once(opf *o, const epub_package *pkg)
{
    const char **names = folio_arena_alloc(o->arena, pkg->spine_count * sizeof *names);
    size_t k = 0;
    for (size_t i = 0; i < pkg->spine_count; i++) {
        if (pkg->spine[i].item->entry)
            names[k++] = pkg->spine[i].item->entry;
    }
    qsort(names, k, sizeof *names, by_name);
    for (size_t i = 1; i < k; i++) {
        if (strcmp(names[i - 1], names[i]) == 0) {
            folio_error_set(o->err, FOLIO_EFORMAT, "the spine lists %.100s twice", names[i]);
            folio_error_set_source(o->err, o->entry);
            return FOLIO_EFORMAT;
        }
    }
    return FOLIO_OK;
}

static int read_spine(opf *o, epub_package *pkg, const xmlNode *spine)
{
    epub_spine_ref *refs =
        folio_arena_alloc(o->arena, (count(spine, "itemref") + 1) * sizeof *refs);
    size_t k = 0;
    for (xmlNode *n = spine ? spine->children : NULL; n; n = n->next) {
        if (!is(n, "itemref"))
            continue;
        const char *idref = attr(o->arena, n, "idref"), *linear = attr(o->arena, n, "linear");
        epub_item key = {.id = idref ? idref : ""};
        const epub_item *item = bsearch(&key, pkg->items, pkg->item_count, sizeof key, by_id);
        if (!item) {
            folio_error_set_at(o->err, FOLIO_EFORMAT, line_of(n), 0,
                               "spine item '%.60s' is not in the manifest", key.id);
            folio_error_set_source(o->err, o->entry);
            return FOLIO_EFORMAT;
        }
        refs[k++] = (epub_spine_ref){
            .item = item, .linear = !linear || strcmp(linear, "no") != 0, .line = line_of(n)};
    }
    pkg->spine = refs;
    pkg->spine_count = k;
    if (k == 0)
        return xml_error(o->err, o->entry, line_of(spine), 0, "the spine lists no document");
    return check_listed_once(o, pkg);
}

/* EPUB 2's guide: pages that are not the text (cover, title page, contents). */
static void read_guide(opf *o, epub_package *pkg, const xmlNode *guide)
{
    pkg->skip = folio_arena_alloc(o->arena, (count(guide, "reference") + 1) * sizeof *pkg->skip);
    for (xmlNode *n = guide ? guide->children : NULL; n; n = n->next) {
        const char *type = is(n, "reference") ? attr(o->arena, n, "type") : NULL;
        if (!type || (strcmp(type, "cover") != 0 && strcmp(type, "title-page") != 0 &&
                      strcmp(type, "toc") != 0))
            continue;
        const char *entry = resolve(o, attr(o->arena, n, "href"));
        if (entry)
            pkg->skip[pkg->skip_count++] = entry;
    }
}

int epub_package_parse(epub_package *pkg, folio_arena *arena, const char *entry, const char *data,
                       size_t len, folio_error *err)
{
    *pkg = (epub_package){.entry = entry};
    xmlDoc *doc;
    int rc = xml_open(&doc, entry, data, len, err);
    if (rc < 0)
        return rc;
    xmlNode *root = xmlDocGetRootElement(doc);
    opf o = {.arena = arena, .entry = entry, .err = err};
    o.metadata = child(root, "metadata");
    if (!is(root, "package")) {
        rc = xml_error(err, entry, line_of(root), 0, "not a package document: no <package>");
    } else if (!o.metadata || !child(root, "spine")) {
        rc = xml_error(err, entry, line_of(root), 0,
                       "the package document lacks <metadata> or <spine>");
    } else {
        read_metadata(&o, pkg, attr(arena, root, "unique-identifier"));
        read_manifest(&o, pkg, child(root, "manifest"));
        read_guide(&o, pkg, child(root, "guide"));
        rc = read_spine(&o, pkg, child(root, "spine"));
    }
    xmlFreeDoc(doc);
    return rc;
}
