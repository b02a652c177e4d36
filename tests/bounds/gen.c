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
