/* SPDX-License-Identifier: MIT */
#include "epub.h"
#include "epubw.h"

#include <errno.h>
#include <folio/iter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "htmlgen_int.h" /* hg_valid_lang(): the languages the pages carry */

/*
 * The EPUB writer (docs/epub.md): EPUB 3 with an EPUB 2 NCX, one XHTML
 * content document per article made by the html plugin's writer, the
 * pictures the captions use, a cover, and EPUB Accessibility 1.1 metadata.
 * The same document and options give the same bytes.
 */

static const char *const extensions[] = {"epub", NULL};

const folio_option_spec epub_options[] = {
    {.name = "cover",
     .type = "file",
     .help = "a PNG or JPEG picture for the cover; without it a cover is drawn"},
    {0},
};

/* 1980-01-01T00:00:00Z, the first moment a ZIP file can record: the date of a book
 * that has none, so that it is still the same bytes every time. */
static const int64_t fixed_epoch = 315532800;

/* The book's date: its own, else for a digest the newest article's. */
static folio_str book_date(const epub_book *book)
{
    folio_str date = folio_node_meta(book->meta, FOLIO_META_DATE);
    if (folio_str_present(date) || !book->digest)
        return date;
    int64_t best = 0;
    for (size_t i = 0; i < book->n_articles; i++) {
        folio_str d = folio_node_meta(book->articles[i], FOLIO_META_DATE);
        int64_t t;
        if (folio_str_present(d) && epub_parse_date(d, &t) &&
            (!folio_str_present(date) || t > best)) {
            date = d;
            best = t;
        }
    }
    return date;
}

/* SOURCE_DATE_EPOCH (reproducible-builds.org), else the book's date, else a fixed moment. */
static void modified(epub_book *book)
{
    const char *env = getenv("SOURCE_DATE_EPOCH");
    char *end;
    errno = 0;
    long long v = env && *env ? strtoll(env, &end, 10) : -1;
    if (env && *env && !*end && errno == 0 && v >= 0 && v < 253402300800LL) {
        book->epoch = v;
    } else if (!folio_str_present(book->date) || !epub_parse_date(book->date, &book->epoch) ||
               book->epoch < 0 || book->epoch >= 253402300800LL) {
        book->epoch = fixed_epoch;
    }
    epub_format_date(book->epoch, book->modified);
}

/* The book's language: its own, else its first article's that is a language tag (the html
 * writer's test, hg_valid_lang()), else "und": EPUB requires one, and epubcheck a tag. */
static folio_str book_lang(const epub_book *book)
{
    folio_str lang = folio_node_meta(book->meta, FOLIO_META_LANG);
    for (size_t i = 0; i < book->n_articles && !hg_valid_lang(lang); i++)
        lang = folio_node_meta(book->articles[i], FOLIO_META_LANG);
    return hg_valid_lang(lang) ? lang : folio_str_c("und");
}

/* EPUB readers must show these without a fallback (EPUB 3.2, core media types). */
static const char *image_ext(const char *type)
{
    static const char *const known[][2] = {{"image/jpeg", "jpg"},
                                           {"image/png", "png"},
                                           {"image/gif", "gif"},
                                           {"image/svg+xml", "svg"}};
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
        if (strcmp(type, known[i][0]) == 0)
            return known[i][1];
    }
    return NULL;
}

static const epub_image *find_image(const epub_book *book, const folio_resource *res)
{
    for (size_t i = 0; i < book->n_images; i++) {
        if (book->images[i].res == res)
            return &book->images[i];
    }
    return NULL;
}

/* Every picture a caption shows, once, in the order they first appear. */
static void collect_images(epub_book *book, size_t *cap)
{
    folio_iter *it = folio_iter_new(folio_doc_root(book->doc));
    folio_event ev;
    while ((ev = folio_iter_next(it)) != FOLIO_EVENT_DONE) {
        const folio_node *n = folio_iter_node(it);
        if (ev != FOLIO_EVENT_ENTER || folio_node_kind_of(n) != FOLIO_NODE_CAPTION)
            continue;
        const folio_resource *res = folio_node_image_resource(n);
        if (!res || find_image(book, res))
            continue;
        const char *ext = image_ext(folio_resource_media_type(res));
        if (!ext) {
            folio_warn(book->opts, "%.*s: %s is not a picture EPUB readers show; left out",
                       (int)folio_resource_name(res).len, folio_resource_name(res).data,
                       folio_resource_media_type(res));
            continue;
        }
        if (book->n_images == *cap) {
            *cap = *cap ? 2 * *cap : 8;
            book->images = realloc(book->images, *cap * sizeof *book->images);
            if (!book->images)
                folio_oom();
        }
        epub_image *img = &book->images[book->n_images++];
        img->res = res;
        snprintf(img->href, sizeof img->href, "images/%zu.%s", book->n_images, ext);
    }
    folio_iter_free(it);
}

static const char *image_href(void *ctx, const folio_node *caption)
{
    const epub_image *img = find_image(ctx, folio_node_image_resource(caption));
    /* "": the picture is not in the book, so the caption keeps only its text. */
    return img ? img->href : "";
}

static int plan(epub_book *book, const folio_doc *doc, const folio_options *opts, folio_error *err)
{
    *book = (epub_book){.doc = doc, .opts = opts, .meta = folio_doc_meta_node(doc)};
    book->n_articles = folio_doc_article_count(doc);
    if (book->n_articles == 0)
        return folio_error_set(err, FOLIO_EFORMAT, "an e-book needs at least one article");
    book->articles = malloc(book->n_articles * sizeof *book->articles);
    if (!book->articles)
        folio_oom();
    size_t i = 0, cap = 0;
    for (const folio_node *a = folio_node_first_child(folio_doc_root(doc)); a;
         a = folio_node_next(a))
        book->articles[i++] = a;
    book->digest = book->n_articles > 1;
    book->lang = book_lang(book);
    book->title = folio_doc_title(doc);
    if (!folio_str_present(book->title) || book->title.len == 0)
        book->title = folio_str_c(epub_label(book->lang, "untitled"));
    book->date = book_date(book);
    int64_t t;
    book->dated = folio_str_present(book->date) && epub_parse_date(book->date, &t);
    modified(book);
    folio_str id = folio_node_meta(book->meta, FOLIO_META_ID);
    if (folio_str_present(id) && id.len > 0) {
        book->identifier = id;
    } else {
        epub_content_uuid(book);
        book->identifier = folio_str_c(book->uid);
    }
    collect_images(book, &cap);
    return FOLIO_OK;
}

/* The cover: the picture -O epub.cover names (PNG or JPEG), else one drawn for the book. */
static int cover(epub_book *book, folio_buf *drawn, folio_error *err)
{
    size_t len;
    const unsigned char *data = folio_options_get_file(book->opts, "epub.cover", &len);
    if (!data)
        data = folio_options_get_file(book->opts, "cover", &len);
    if (!data) {
        const epub_cover_api *api = epub_module_symbol(EPUB_COVER_MODULE, EPUB_COVER_SYMBOL, err);
        if (!api)
            return FOLIO_EPLUGIN;
        int rc = api->draw(book, drawn, &book->cover_width, &book->cover_height, err);
        book->cover = (const unsigned char *)drawn->data;
        book->cover_len = drawn->len;
        book->cover_type = "image/png";
        return rc;
    }
    folio_image_info info;
    if (folio_image_probe(data, len, &info, NULL) < 0 ||
        (strcmp(info.media_type, "image/png") != 0 && strcmp(info.media_type, "image/jpeg") != 0))
        return folio_error_set(err, FOLIO_EOPTION, "epub.cover: not a PNG or JPEG picture");
    book->cover = data;
    book->cover_len = len;
    book->cover_type = info.media_type;
    book->cover_width = info.width;
    book->cover_height = info.height;
    return FOLIO_OK;
}

/* Adds the part @make writes (into the scratch buffer @page) as entry @name. */
static int add_part(zipw *zw, const char *name, folio_buf *page, const epub_book *book,
                    void (*make)(const epub_book *, folio_buf *), folio_error *err)
{
    folio_buf_reset(page);
    make(book, page);
    return zipw_add(zw, name, page->data, page->len, true, err);
}

static int add_articles(zipw *zw, const epub_book *book, folio_buf *page, folio_error *err)
{
    htmlgen_config cfg = {
        .syntax = HTMLGEN_XHTML,
        .css_href = "style.css",
        .image_href = image_href,
        .image_ctx = (void *)(uintptr_t)book,
        .opts = book->opts,
    };
    for (size_t i = 0; i < book->n_articles; i++) {
        folio_buf_reset(page);
        folio_sink sink = folio_buf_sink(page);
        int rc = htmlgen_write_article_page(book->articles[i], (unsigned)(i + 1), &cfg, &sink, err);
        char name[40];
        snprintf(name, sizeof name, "EPUB/a%zu.xhtml", i + 1);
        if (rc == FOLIO_OK)
            rc = zipw_add(zw, name, page->data, page->len, true, err);
        if (rc < 0)
            return rc;
    }
    return FOLIO_OK;
}

static const char container[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
    "  <rootfiles>\n"
    "    <rootfile full-path=\"EPUB/package.opf\" media-type=\"application/oebps-package+xml\"/>\n"
    "  </rootfiles>\n"
    "</container>\n";

/* The archive, in a fixed order: the small text parts first, pictures (already compressed, so
 * stored) last. */
static int pack(zipw *zw, const epub_book *book, folio_buf *page, folio_error *err)
{
    /* OCF: "mimetype" must be the first, uncompressed entry, so readers can sniff it. */
    int rc = zipw_add(zw, "mimetype", "application/epub+zip", 20, false, err);
    if (rc == 0)
        rc = zipw_add(zw, "META-INF/container.xml", container, sizeof container - 1, true, err);
    if (rc == 0)
        rc = add_part(zw, "EPUB/package.opf", page, book, epub_write_opf, err);
    if (rc == 0)
        rc = add_part(zw, "EPUB/nav.xhtml", page, book, epub_write_nav, err);
    if (rc == 0)
        rc = add_part(zw, "EPUB/toc.ncx", page, book, epub_write_ncx, err);
    const char *css = epub_stylesheet();
    if (rc == 0)
        rc = zipw_add(zw, "EPUB/style.css", css, strlen(css), true, err);
    if (rc == 0)
        rc = add_part(zw, "EPUB/cover.xhtml", page, book, epub_write_cover_page, err);
    if (rc == 0 && book->digest)
        rc = add_part(zw, "EPUB/title.xhtml", page, book, epub_write_title_page, err);
    if (rc == 0)
        rc = add_articles(zw, book, page, err);
    bool png = book->cover_type[6] == 'p';
    if (rc == 0)
        rc = zipw_add(zw, png ? "EPUB/images/cover.png" : "EPUB/images/cover.jpg", book->cover,
                      book->cover_len, false, err);
    for (size_t i = 0; rc == 0 && i < book->n_images; i++) {
        const epub_image *img = &book->images[i];
        char name[40];
        snprintf(name, sizeof name, "EPUB/%s", img->href);
        /* An SVG is text and shrinks; PNG and JPEG are compressed already. */
        rc = zipw_add(zw, name, folio_resource_data(img->res), folio_resource_size(img->res),
                      img->href[strlen(img->href) - 1] == 'g' && strstr(img->href, ".svg"), err);
    }
    return rc == 0 ? zipw_finish(zw, err) : rc;
}

static int epub_write(const folio_doc *doc, folio_sink *sink, const folio_options *opts,
                      folio_error *err)
{
    epub_book book;
    folio_buf out = {0}, page = {0}, drawn = {0};
    zipw zw;
    int rc = plan(&book, doc, opts, err);
    if (rc < 0)
        goto out;
    if ((rc = cover(&book, &drawn, err)) < 0)
        goto out;
    zipw_init(&zw, &out, book.epoch);
    rc = pack(&zw, &book, &page, err);
    zipw_free(&zw);
    if (rc == 0)
        rc = folio_sink_write(sink, out.data, out.len);
    if (rc < 0 && err && err->code == FOLIO_OK)
        folio_error_set(err, rc, "cannot write the e-book");
out:
    free(book.articles);
    free(book.images);
    folio_buf_free(&out);
    folio_buf_free(&page);
    folio_buf_free(&drawn);
    return rc;
}

const folio_writer epub_writer = {
    .media_type = "application/epub+zip",
    .extensions = extensions,
    .write = epub_write,
};
