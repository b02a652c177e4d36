/* SPDX-License-Identifier: MIT */
/*
 * Writes an input of about SIZE bytes of one worst shape to standard
 * output, for the memory and time bounds of each reader (bounds.c and
 * docs/bounds.md). Every shape but json-unknown-key is valid input: a
 * reader must read it, not refuse it, within its bound.
 *
 *     gen SHAPE SIZE
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct gen {
    size_t size;    /* the bytes wanted */
    size_t written; /* so far */
} gen;

static void out(gen *g, const char *s)
{
    size_t n = strlen(s);
    fwrite(s, 1, n, stdout);
    g->written += n;
}

/* Writes @n bytes that may hold NULs. */
static void out_bytes(gen *g, const char *s, size_t n)
{
    fwrite(s, 1, n, stdout);
    g->written += n;
}

static bool more(const gen *g, size_t reserve)
{
    return g->written + reserve < g->size;
}

/* Plain text: many short paragraphs. */
static void txt_paragraphs(gen *g)
{
    out(g, "title Grenser\n\n");
    while (more(g, 0))
        out(g, "Regjeringen la fram budsjettet i dag, og det ble godt mottatt.\n\n");
}

/* Plain text: one paragraph on one line. */
static void txt_long_line(gen *g)
{
    out(g, "title Linje\n\n");
    while (more(g, 1))
        out(g, "lorem ipsum dolor sit amet ");
    out(g, "\n");
}

/* Plain text in Latin-1 (read with txt.encoding=latin1): every word has a byte over 0x7f. */
static void txt_latin1(gen *g)
{
    out(g, "title L\xe6ngde\n\n");
    while (more(g, 0))
        out(g, "bl\xe5\x62\xe6r og r\xf8mme p\xe5 ferga. ");
}

/* Plain text in UTF-16LE with a byte order mark (read with txt.encoding=UTF-16,
 * through iconv): short paragraphs, then one line of a quarter of the size. */
static void txt_utf16(gen *g)
{
    static const char para[] = "Regjeringen la fram budsjettet i dag, og det ble godt mottatt.\n\n";
    static const char word[] = "lorem ipsum dolor sit amet ";
    char unit[2 * sizeof para];
    out_bytes(g, "\xFF\xFE", 2);
    for (size_t i = 0; i < sizeof para - 1; i++) {
        unit[2 * i] = para[i];
        unit[2 * i + 1] = 0;
    }
    while (more(g, g->size / 4))
        out_bytes(g, unit, 2 * (sizeof para - 1));
    for (size_t i = 0; more(g, 2); i = (i + 1) % (sizeof word - 1))
        out_bytes(g, (const char[]){word[i], 0}, 2);
    out_bytes(g, "\n\0", 2);
}

/* Plain text: long runs of empty lines between tiny paragraphs. */
static void txt_newlines(gen *g)
{
    out(g, "title Tomt\n\n");
    while (more(g, 0))
        out(g, "a\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n");
}

/* JSON: one paragraph of many tiny inlines (text, emphasis, break). */
static void json_inlines(gen *g)
{
    size_t n = g->size / 120 + 1;
    out(g,
        "{\"version\": 1, \"blocks\": [{\"type\": \"paragraph\", \"role\": \"body\", \"text\": \"");
    for (size_t i = 0; i < n; i++)
        out(g, "ab\\n");
    out(g, "\", \"inlines\": [");
    for (size_t i = 0; i < n; i++) {
        out(g, i ? ", " : "");
        out(g, "{\"type\": \"emphasis\", \"inlines\": [{\"type\": \"text\", \"text\": \"ab\"}, "
               "{\"type\": \"break\"}]}");
    }
    out(g, "]}]}\n");
}

/* JSON: many tiny blocks. */
static void json_blocks(gen *g)
{
    out(g, "{\"version\": 1, \"blocks\": [");
    for (size_t i = 0; more(g, 8); i++) {
        out(g, i ? ",\n" : "");
        out(g, "{\"type\": \"paragraph\", \"role\": \"body\", \"text\": \"x\"}");
    }
    out(g, "]}\n");
}

/* JSON: paragraphs of inlines nested as deep as the model lets them, side by side. */
static void json_deep(gen *g)
{
    enum { DEPTH = 28 };
    out(g, "{\"version\": 1, \"blocks\": [");
    for (size_t i = 0; more(g, 4096); i++) {
        out(g, i ? ",\n" : "");
        out(g, "{\"type\": \"paragraph\", \"role\": \"body\", \"text\": \"z\", \"inlines\": [");
        for (int d = 0; d < DEPTH; d++)
            out(g, "{\"type\": \"strong\", \"inlines\": [");
        out(g, "{\"type\": \"text\", \"text\": \"z\"}");
        for (int d = 0; d < DEPTH; d++)
            out(g, "]}");
        out(g, "]}");
    }
    out(g, "]}\n");
}

/* JSON that the reader refuses: a long array of numbers under a key the
 * model does not know, to be refused without storing the array (issue 12:
 * every value was stored before any key was checked). */
static void json_unknown_key(gen *g)
{
    out(g, "{\"version\": 1, \"blocks\": [], \"x\": [0");
    while (more(g, 4))
        out(g, ",0");
    out(g, "]}\n");
}

/* JSON: one paragraph with one long text. */
static void json_long_string(gen *g)
{
    size_t n = g->size / 30 + 1;
    out(g,
        "{\"version\": 1, \"blocks\": [{\"type\": \"paragraph\", \"role\": \"body\", \"text\": \"");
    for (size_t i = 0; i < n; i++)
        out(g, "lorem ipsum dolor sit amet \\u00e6 ");
    out(g, "\"}]}\n");
}

/* HTML: a page of many paragraphs with inline markup. */
static void html_paragraphs(gen *g)
{
    out(g, "<!DOCTYPE html><html lang=\"nb\"><head><meta charset=\"utf-8\"><title>Side</title>"
           "</head><body><article><h1>Side</h1>\n");
    while (more(g, 64))
        out(g, "<p>Regjeringen la <em>fram</em> budsjettet i <b>dag</b>, og det ble godt "
               "<a href=\"https://example.org/\">mottatt</a>.</p>\n");
    out(g, "</article></body></html>\n");
}

/* HTML: a news page as they come, one paragraph in three with a link and emphasis. */
static void html_article(gen *g)
{
    out(g, "<!DOCTYPE html><html lang=\"nb\"><head><meta charset=\"utf-8\"><title>Side</title>"
           "</head><body><article><h1>Side</h1>\n");
    for (size_t i = 0; more(g, 64); i++) {
        if (i % 3 == 0)
            out(g, "<p>Regjeringen la <em>fram</em> budsjettet i dag, og det ble godt "
                   "<a href=\"https://example.org/\">mottatt</a> av partiene.</p>\n");
        else
            out(g, "<p>Finansministeren sa at budsjettet er stramt, men at det gir rom for "
                   "mer til skole og helse i kommunene neste år.</p>\n");
    }
    out(g, "</article></body></html>\n");
}

/* HTML: wrappers nested deep (as real pages nest divs), many times over. */
static void html_deep(gen *g)
{
    enum { DEPTH = 200 };
    out(g, "<!DOCTYPE html><html><head><title>Dyp</title></head><body><article>\n");
    while (more(g, 4096)) {
        for (int d = 0; d < DEPTH; d++)
            out(g, "<div>");
        out(g, "<p>innerst</p>");
        for (int d = 0; d < DEPTH; d++)
            out(g, "</div>");
        out(g, "\n");
    }
    out(g, "</article></body></html>\n");
}

/* ---- EPUB: stored (uncompressed) archives, so that the input's size is the content's ---- */

typedef struct zip_entry {
    char name[32];
    uint32_t crc, size, offset;
} zip_entry;

typedef struct zip {
    gen *g;
    zip_entry *entries;
    size_t n, cap;
} zip;

static uint32_t crc32_of(const char *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < n; i++) {
        c ^= (unsigned char)p[i];
        for (int k = 0; k < 8; k++)
            c = c >> 1 ^ (0xedb88320u & (0u - (c & 1)));
    }
    return ~c;
}

static void le(gen *g, uint32_t v, int bytes)
{
    char b[4] = {(char)v, (char)(v >> 8), (char)(v >> 16), (char)(v >> 24)};
    out_bytes(g, b, (size_t)bytes);
}

/* Writes one stored entry: local header (version 1.0, no flags, no time), then @data. */
static void zip_add(zip *z, const char *name, const char *data, size_t len)
{
    if (z->n == z->cap) {
        z->cap = z->cap ? 2 * z->cap : 64;
        z->entries = realloc(z->entries, z->cap * sizeof *z->entries);
        if (!z->entries)
            abort();
    }
    zip_entry *e = &z->entries[z->n++];
    snprintf(e->name, sizeof e->name, "%s", name);
    e->crc = crc32_of(data, len);
    e->size = (uint32_t)len;
    e->offset = (uint32_t)z->g->written;
    gen *g = z->g;
    le(g, 0x04034b50, 4), le(g, 10, 2), le(g, 0, 2), le(g, 0, 2), le(g, 0, 4);
    le(g, e->crc, 4), le(g, e->size, 4), le(g, e->size, 4), le(g, (uint32_t)strlen(name), 2);
    le(g, 0, 2);
    out(g, name);
    out_bytes(g, data, len);
}

static void zip_finish(zip *z)
{
    gen *g = z->g;
    uint32_t start = (uint32_t)g->written;
    for (size_t i = 0; i < z->n; i++) {
        const zip_entry *e = &z->entries[i];
        le(g, 0x02014b50, 4), le(g, 20, 2), le(g, 10, 2), le(g, 0, 2), le(g, 0, 2), le(g, 0, 4);
        le(g, e->crc, 4), le(g, e->size, 4), le(g, e->size, 4), le(g, (uint32_t)strlen(e->name), 2);
        le(g, 0, 2), le(g, 0, 2), le(g, 0, 2), le(g, 0, 2), le(g, 0, 4), le(g, e->offset, 4);
        out(g, e->name);
    }
    uint32_t dir = (uint32_t)g->written - start;
    le(g, 0x06054b50, 4), le(g, 0, 2), le(g, 0, 2), le(g, (uint32_t)z->n, 2);
    le(g, (uint32_t)z->n, 2), le(g, dir, 4), le(g, start, 4), le(g, 0, 2);
    free(z->entries);
}

/* A growing text, for one entry. */
typedef struct text {
    char *p;
    size_t len, cap;
} text;

static void put(text *t, const char *s)
{
    size_t n = strlen(s);
    if (t->len + n + 1 > t->cap) {
        t->cap = (t->len + n + 1) * 2;
        t->p = realloc(t->p, t->cap);
        if (!t->p)
            abort();
    }
    memcpy(t->p + t->len, s, n + 1);
    t->len += n;
}

/* A content document of about @size bytes: a news page's paragraphs, as html_article's. */
static void chapter(text *t, size_t number, size_t size)
{
    char head[64];
    t->len = 0;
    put(t,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" "
        "xml:lang=\"nb\" lang=\"nb\"><head><title>Kapittel</title></head><body>\n");
    snprintf(head, sizeof head, "<h1>Kapittel %zu</h1>\n", number);
    put(t, head);
    for (size_t i = 0; t->len + 200 < size; i++)
        put(t, i % 3 == 0 ? "<p>Regjeringen la <em>fram</em> budsjettet i dag, og det ble godt "
                            "<a href=\"https://example.org/\">mottatt</a> av partiene.</p>\n"
                          : "<p>Finansministeren sa at budsjettet er stramt, men at det gir rom "
                            "for mer til skole og helse i kommunene neste år.</p>\n");
    put(t, "</body></html>\n");
}

/* A book of content documents of @chapter_size bytes each, as many as fit the size wanted. */
static void epub_book(gen *g, size_t chapter_size)
{
    static const char container[] =
        "<?xml version=\"1.0\"?>\n<container version=\"1.0\" "
        "xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\"><rootfiles><rootfile "
        "full-path=\"EPUB/package.opf\" media-type=\"application/oebps-package+xml\"/>"
        "</rootfiles></container>\n";
    zip z = {.g = g};
    text doc = {0}, opf = {0}, spine = {0};
    zip_add(&z, "mimetype", "application/epub+zip", 20);
    zip_add(&z, "META-INF/container.xml", container, sizeof container - 1);
    put(&opf, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<package "
              "xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"uid\">"
              "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:identifier id=\"uid\">"
              "urn:uuid:8c1b2a52-3c1f-4f0e-9a53-2f7c4e1d0b6a</dc:identifier><dc:title>Grenser"
              "</dc:title><dc:language>nb</dc:language><meta property=\"dcterms:modified\">"
              "2024-01-01T00:00:00Z</meta></metadata><manifest>\n");
    put(&spine, "</manifest><spine>\n");
    for (size_t n = 1; n == 1 || more(g, chapter_size + 2 * opf.len + 4096); n++) {
        char name[32], item[160];
        size_t left = g->size > g->written + 4096 ? g->size - g->written - 4096 : 0;
        chapter(&doc, n, chapter_size < left ? chapter_size : left);
        snprintf(name, sizeof name, "EPUB/c%zu.xhtml", n);
        zip_add(&z, name, doc.p, doc.len);
        snprintf(item, sizeof item,
                 "<item id=\"c%zu\" href=\"c%zu.xhtml\" media-type=\"application/xhtml+xml\"/>\n",
                 n, n);
        put(&opf, item);
        snprintf(item, sizeof item, "<itemref idref=\"c%zu\"/>\n", n);
        put(&spine, item);
    }
    put(&opf, spine.p);
    put(&opf, "</spine></package>\n");
    zip_add(&z, "EPUB/package.opf", opf.p, opf.len);
    zip_finish(&z);
    free(doc.p), free(opf.p), free(spine.p);
}

/* EPUB: one content document that is nearly the whole book. */
static void epub_page(gen *g)
{
    epub_book(g, g->size);
}

/* EPUB: a book of many chapters, 16 KB each (a thousand in 16 MB). */
static void epub_chapters(gen *g)
{
    epub_book(g, 16 * 1024);
}

static const struct {
    const char *name;
    void (*fn)(gen *g);
} shapes[] = {
    {"txt-paragraphs", txt_paragraphs},
    {"txt-long-line", txt_long_line},
    {"txt-latin1", txt_latin1},
    {"txt-newlines", txt_newlines},
    {"txt-utf16", txt_utf16},
    {"json-inlines", json_inlines},
    {"json-blocks", json_blocks},
    {"json-deep", json_deep},
    {"json-long-string", json_long_string},
    {"json-unknown-key", json_unknown_key},
    {"html-paragraphs", html_paragraphs},
    {"html-article", html_article},
    {"html-deep", html_deep},
    {"epub-page", epub_page},
    {"epub-chapters", epub_chapters},
};

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: gen SHAPE SIZE\n", stderr);
        return 2;
    }
    gen g = {.size = strtoull(argv[2], NULL, 10)};
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
        if (strcmp(argv[1], shapes[i].name) == 0) {
            shapes[i].fn(&g);
            return fflush(stdout) == 0 ? 0 : 1;
        }
    }
    fprintf(stderr, "gen: no shape '%s'\n", argv[1]);
    return 2;
}
