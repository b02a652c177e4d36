/* SPDX-License-Identifier: MIT */
#include "epub.h"
#include "epubw.h"
#include "htmlread.h"
#include "read_epub.h"

#include <folio/resource.h>
#include <stdlib.h>
#include <string.h>

/*
 * The EPUB reader: container.xml -> package document -> spine, each
 * content document through the one HTML reader, then the package's
 * metadata over what the pages said. docs/epub.md, "Reading", says how
 * documents become articles and which limits hold.
 */

typedef struct rd {
    folio_doc *doc;
    epub_zip *zip;
    epub_package pkg;
    const folio_options *opts;
    folio_error *err;
    folio_error fatal;    /* an archive fault met while loading an image */
    epub_names encrypted; /* what META-INF/encryption.xml lists */
} rd;

typedef struct image_ctx {
    rd *r;
    const char *entry; /* the content document the image is referred from */
} image_ctx;

/*
 * htmlread's load_image: the image comes out of the book, never from the
 * file system. A missing image only costs the caption its picture, but an
 * image that breaks the archive's limits (a zip bomb) fails the whole
 * read, as it would anywhere else in the book.
 */
static int load_image(void *ctx, folio_doc *doc, folio_str src, folio_error *err)
{
    image_ctx *c = ctx;
    if (folio_doc_resource(doc, src))
        return FOLIO_OK;
    folio_buf name = {0}, bytes = {0};
    int rc = epub_path_resolve(&name, c->entry, src.data, src.len, err);
    if (rc == FOLIO_OK && !epub_zip_has(c->r->zip, name.data)) {
        rc = folio_error_set(err, FOLIO_EIO, "%.*s is not in the book",
                             (int)(src.len < 100 ? src.len : 100), src.data);
    } else if (rc == FOLIO_OK && epub_names_has(&c->r->encrypted, name.data)) {
        rc = folio_error_set(err, FOLIO_EUNSUPPORTED, "encrypted (META-INF/encryption.xml)");
    } else if (rc == FOLIO_OK && (rc = epub_zip_read(c->r->zip, name.data, &bytes, err)) < 0) {
        if (c->r->fatal.code == FOLIO_OK)
            c->r->fatal = *err;
    }
    if (rc == FOLIO_OK)
        rc = folio_doc_add_resource(doc, src, bytes.data, bytes.len, err);
    folio_buf_free(&name);
    folio_buf_free(&bytes);
    return rc;
}

static bool has_word(const char *list, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = list; (p = strstr(p, word)); p += n) {
        if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
            return true;
    }
    return false;
}

/* pandoc's and calibre's names for their title and cover pages, which EPUB 2 cannot mark. */
static bool is_title_page_name(const char *entry)
{
    static const char *const names[] = {"title_page.", "titlepage.", "cover."};
    const char *slash = strrchr(entry, '/');
    const char *base = slash ? slash + 1 : entry;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strncmp(base, names[i], strlen(names[i])) == 0)
            return true;
    }
    return false;
}

/* Spine items that are not the text: the navigation document, cover, title and contents pages. */
static bool skip_item(const rd *r, const epub_spine_ref *ref)
{
    const epub_item *item = ref->item;
    if (!ref->linear || has_word(item->properties, "nav"))
        return true;
    if (item->entry && is_title_page_name(item->entry))
        return true;
    for (size_t i = 0; i < r->pkg.skip_count; i++) {
        if (item->entry && strcmp(r->pkg.skip[i], item->entry) == 0)
            return true;
    }
    return false;
}

/* pandoc's and Folio's title pages, and cover pages, say so in the markup. */
static bool is_title_page(const folio_buf *data)
{
    static const char *const marks[] = {"epub:type=\"titlepage\"", "epub:type=\"cover\"",
                                        "epub:type=\"frontmatter titlepage\""};
    size_t head = data->len < 4096 ? data->len : 4096;
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
        size_t n = strlen(marks[i]);
        for (size_t j = 0; j + n <= head; j++) {
            if (memcmp(data->data + j, marks[i], n) == 0)
                return true;
        }
    }
    return false;
}

static void drop_articles_after(folio_doc *doc, size_t count)
{
    while (folio_doc_article_count(doc) > count)
        folio_node_unlink(folio_node_last_child(folio_doc_root(doc)));
}

static int parse_content(rd *r, const char *entry, const folio_buf *data)
{
    image_ctx ic = {.r = r, .entry = entry};
    htmlread_config cfg = {.xhtml = true,
                           .entry = entry,
                           .load_image = load_image,
                           .load_ctx = &ic,
                           .in = NULL, /* nothing in a book comes from the file system */
                           .opts = r->opts};
    size_t before = folio_doc_article_count(r->doc);
    const unsigned char *bytes = (const unsigned char *)data->data;
    int rc = htmlread_parse(r->doc, bytes, data->len, &cfg, r->err);
    if (rc == FOLIO_EFORMAT && r->fatal.code == FOLIO_OK) {
        /* Tag soup in an XHTML file is common in older books: read it as HTML. */
        folio_error xml = *r->err, html = {0};
        drop_articles_after(r->doc, before);
        cfg.xhtml = false;
        rc = htmlread_parse(r->doc, bytes, data->len, &cfg, &html);
        if (rc == FOLIO_OK)
            folio_warn_at(r->opts, entry, xml.line, xml.column,
                          "not well-formed XHTML (%s): read as HTML", xml.message);
        else
            *r->err = xml;
    }
    if (r->fatal.code != FOLIO_OK) {
        *r->err = r->fatal;
        return r->fatal.code;
    }
    /* A page without text (an image-only cover) makes no article. */
    if (rc == FOLIO_OK && folio_doc_article_count(r->doc) > before &&
        !folio_node_first_child(folio_node_last_child(folio_doc_root(r->doc))))
        drop_articles_after(r->doc, before);
    return rc;
}

static int read_item(rd *r, const epub_spine_ref *ref)
{
    const epub_item *item = ref->item;
    if (!item->entry || !epub_zip_has(r->zip, item->entry)) {
        folio_error_set(r->err, FOLIO_EFORMAT,
                        "spine item '%.60s' (%s, line %u) is not in the book", item->id,
                        r->pkg.entry, ref->line);
        folio_error_set_source(r->err, item->entry ? item->entry : r->pkg.entry);
        return FOLIO_EFORMAT;
    }
    if (epub_names_has(&r->encrypted, item->entry)) {
        folio_error_set(r->err, FOLIO_EFORMAT,
                        "encrypted (META-INF/encryption.xml lists it): a DRM-protected book "
                        "cannot be read");
        folio_error_set_source(r->err, item->entry);
        return FOLIO_EFORMAT;
    }
    if (item->media_type[0] && strcmp(item->media_type, "application/xhtml+xml") != 0 &&
        strcmp(item->media_type, "text/html") != 0) {
        folio_warn_at(r->opts, item->entry, 0, 0, "spine item of type %s skipped",
                      item->media_type);
        return FOLIO_OK;
    }
    folio_buf data = {0};
    int rc = epub_zip_read(r->zip, item->entry, &data, r->err);
    size_t ent = rc == FOLIO_OK ? epub_find_entity((unsigned char *)data.data, data.len) : SIZE_MAX;
    if (ent != SIZE_MAX) {
        rc =
            folio_error_set_offset(r->err, FOLIO_EFORMAT, (unsigned char *)data.data, data.len, ent,
                                   "declares an entity: refused (no entities in an EPUB's XML)");
        folio_error_set_source(r->err, item->entry);
    }
    if (rc == FOLIO_OK && !is_title_page(&data))
        rc = parse_content(r, item->entry, &data);
    folio_buf_free(&data);
    return rc;
}

/*
 * Folio's own books hold one article per document. Another tool's book is
 * one work split into files (pandoc and calibre split at chapters) unless
 * each document has a title of its own, as a digest's articles do: then
 * each stays an article, else the documents are joined into one.
 */
static bool is_digest(const rd *r)
{
    folio_str book = folio_str_c(r->pkg.dc[EPUB_DC_TITLE]), prev = {0};
    for (folio_node *a = folio_node_first_child(folio_doc_root(r->doc)); a;
         a = folio_node_next(a)) {
        folio_str title = folio_node_meta(a, FOLIO_META_TITLE);
        if (!folio_str_present(title) || folio_str_equal(title, book) ||
            folio_str_equal(title, prev))
            return false;
        prev = title;
    }
    return true;
}

static void join_articles(folio_doc *doc)
{
    folio_node *first = folio_node_first_child(folio_doc_root(doc)), *next;
    while ((next = folio_node_next(first))) {
        folio_node_unlink(next);
        for (folio_node *block; (block = folio_node_first_child(next));) {
            folio_node_unlink(block);
            folio_node_append(first, block);
        }
    }
}

/* "nb", "en-GB", "zh-Hant-TW": pandoc writes "C" for a book without a language. */
static bool is_language(const char *tag)
{
    size_t n = strspn(tag, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
    if (n < 2 || n > 3 || strcmp(tag, "und") == 0)
        return false;
    for (const char *p = tag + n; *p; p++) {
        if (*p != '-' && !((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z') && !(*p >= '0' && *p <= '9'))
            return false;
    }
    return true;
}

/*
 * The package's title, unless it only repeats the title a writer derives
 * (from the lead of an untitled article, from the first article of a
 * digest without a title of its own): then it stays underived, as it was.
 */
static void set_title(rd *r, folio_node *meta, const char *title)
{
    folio_str value = folio_str_c(title);
    folio_node_set_meta(meta, FOLIO_META_TITLE, (folio_str){0});
    folio_str derived = folio_node_kind_of(meta) == FOLIO_NODE_ARTICLE ? folio_article_title(meta)
                                                                       : folio_doc_title(r->doc);
    if (!folio_str_equal(derived, value))
        folio_node_set_meta(meta, FOLIO_META_TITLE, value);
}

/*
 * Folio's writer gives a digest the language, date and authors of its
 * articles: on the document, a value that an article holds is theirs.
 */
static bool from_articles(const rd *r, const folio_node *meta, folio_meta_key key, folio_str value)
{
    if (!r->pkg.folio || folio_node_kind_of(meta) != FOLIO_NODE_DOCUMENT)
        return false;
    for (folio_node *a = folio_node_first_child(meta); a; a = folio_node_next(a)) {
        if (key < FOLIO_META_COUNT && folio_str_equal(folio_node_meta(a, key), value))
            return true;
        for (size_t i = 0; key == FOLIO_META_COUNT && i < folio_node_author_count(a); i++) {
            if (folio_str_equal(folio_node_author(a, i), value))
                return true;
        }
    }
    return false;
}

/*
 * The package's values override the pages'. Not in Folio's own books: their
 * pages carry the article's metadata as written, and the package a form
 * of it made for EPUB (a date in UTC), so there it only fills gaps.
 */
static bool page_wins(const rd *r, const folio_node *meta, folio_meta_key key)
{
    return r->pkg.folio && folio_str_present(folio_node_meta(meta, key));
}

static void set_meta(rd *r, folio_node *meta, folio_meta_key key, const char *value)
{
    if (value && !page_wins(r, meta, key) && !from_articles(r, meta, key, folio_str_c(value)))
        folio_node_set_meta(meta, key, folio_str_c(value));
}

static void set_authors(rd *r, folio_node *meta)
{
    size_t theirs = 0;
    for (size_t i = 0; i < r->pkg.creator_count; i++)
        theirs += from_articles(r, meta, FOLIO_META_COUNT, folio_str_c(r->pkg.creators[i]));
    if (r->pkg.creator_count == 0 || theirs == r->pkg.creator_count ||
        (r->pkg.folio && folio_node_author_count(meta)))
        return;
    folio_node_clear_authors(meta);
    for (size_t i = 0; i < r->pkg.creator_count; i++)
        folio_node_add_author(meta, folio_str_c(r->pkg.creators[i]));
}

/*
 * Folio's writer makes a book's identifier from the content (ident.c) when
 * the article has no id. Such an identifier is no article id: when the
 * book read back gives the same hash, the article stays without one.
 */
static bool is_derived_id(const rd *r, const char *id)
{
    if (strncmp(id, "urn:uuid:", 9) != 0)
        return false;
    size_t n = folio_doc_article_count(r->doc), i = 0;
    const folio_node **articles = malloc(n * sizeof *articles);
    if (!articles)
        folio_oom();
    for (folio_node *a = folio_node_first_child(folio_doc_root(r->doc)); a; a = folio_node_next(a))
        articles[i++] = a;
    epub_book book = {.doc = r->doc, .articles = articles, .n_articles = n};
    epub_content_uuid(&book);
    free(articles);
    return strcmp(book.uid, id) == 0;
}

static void apply_metadata(rd *r)
{
    static const struct {
        epub_dc dc;
        folio_meta_key key;
    } map[] = {
        {EPUB_DC_SUBTITLE, FOLIO_META_SUBTITLE},       {EPUB_DC_DATE, FOLIO_META_DATE},
        {EPUB_DC_PUBLISHER, FOLIO_META_SOURCE},        {EPUB_DC_RIGHTS, FOLIO_META_RIGHTS},
        {EPUB_DC_DESCRIPTION, FOLIO_META_DESCRIPTION},
    };
    const char *const *dc = r->pkg.dc;
    folio_node *meta = folio_doc_meta_node(r->doc);
    if (dc[EPUB_DC_TITLE] && !page_wins(r, meta, FOLIO_META_TITLE))
        set_title(r, meta, dc[EPUB_DC_TITLE]);
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        set_meta(r, meta, map[i].key, dc[map[i].dc]);
    if (dc[EPUB_DC_LANGUAGE] && is_language(dc[EPUB_DC_LANGUAGE]))
        set_meta(r, meta, FOLIO_META_LANG, dc[EPUB_DC_LANGUAGE]);
    set_authors(r, meta);
    /* Last: the identifier Folio derives is a hash of all the rest. */
    const char *id = dc[EPUB_DC_IDENTIFIER];
    if (id && !page_wins(r, meta, FOLIO_META_ID) && !is_derived_id(r, id))
        folio_node_set_meta(meta, FOLIO_META_ID, folio_str_c(id));
}

static int check_mimetype(rd *r)
{
    if (!epub_zip_has(r->zip, "mimetype"))
        return FOLIO_OK; /* common in the wild, and harmless */
    folio_buf type = {0};
    int rc = epub_zip_read(r->zip, "mimetype", &type, r->err);
    if (rc == FOLIO_OK && !(type.len >= 20 && memcmp(type.data, "application/epub+zip", 20) == 0 &&
                            strspn(type.data + 20, " \r\n") == type.len - 20)) {
        rc = folio_error_set(r->err, FOLIO_EFORMAT, "not an EPUB: its type is '%.60s'",
                             type.len ? type.data : "");
        folio_error_set_source(r->err, "mimetype");
    }
    folio_buf_free(&type);
    return rc;
}

static int read_book(rd *r, folio_arena *arena)
{
    folio_buf path = {0}, opf = {0};
    int rc = check_mimetype(r);
    if (rc == FOLIO_OK)
        rc = epub_container_read(r->zip, &path, r->err);
    const char *entry = rc == FOLIO_OK ? folio_arena_strndup(arena, path.data, path.len) : NULL;
    if (rc == FOLIO_OK && !epub_zip_has(r->zip, entry)) {
        rc =
            folio_error_set(r->err, FOLIO_EFORMAT,
                            "the package document META-INF/container.xml names is not in the book");
        folio_error_set_source(r->err, entry);
    }
    if (rc == FOLIO_OK)
        rc = epub_encryption_read(&r->encrypted, arena, r->zip, r->err);
    if (rc == FOLIO_OK)
        rc = epub_zip_read(r->zip, entry, &opf, r->err);
    if (rc == FOLIO_OK)
        rc = epub_package_parse(&r->pkg, arena, entry, opf.data, opf.len, r->err);
    folio_buf_free(&path);
    folio_buf_free(&opf);
    for (size_t i = 0; rc == FOLIO_OK && i < r->pkg.spine_count; i++) {
        if (!skip_item(r, &r->pkg.spine[i]))
            rc = read_item(r, &r->pkg.spine[i]);
    }
    if (rc == FOLIO_OK && folio_doc_article_count(r->doc) == 0)
        rc = folio_error_set(r->err, FOLIO_EFORMAT, "no document in the book's spine holds text");
    return rc;
}

static int epub_read(folio_doc *doc, const unsigned char *data, size_t len, const folio_input *in,
                     const folio_options *opts, folio_error *err)
{
    (void)in; /* a book refers to nothing outside itself */
    rd r = {.doc = doc, .opts = opts, .err = err};
    int rc = epub_zip_open(&r.zip, data, len, err);
    if (rc < 0)
        return rc;
    folio_arena *arena = folio_arena_new();
    rc = read_book(&r, arena);
    if (rc == FOLIO_OK) {
        if (!r.pkg.folio && !is_digest(&r))
            join_articles(doc);
        apply_metadata(&r);
    }
    folio_arena_free(arena);
    epub_zip_close(r.zip);
    return rc;
}

/* The one symbol of epub-read.so.0, which epub.so's reader hands each book to (module.c). */
__attribute__((visibility("default"))) const folio_reader epub_book_reader = {
    .media_type = "application/epub+zip",
    .read = epub_read,
};
