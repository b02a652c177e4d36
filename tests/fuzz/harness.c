/* SPDX-License-Identifier: MIT */
#include "harness.h"

#include <folio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libFuzzer runs every input in one process: the registry and the list of
 * writers live as long, so plugins are opened once. */
static folio_registry *registry;
static const folio_plugin_desc *writers[32];
static size_t n_writers;
static bool every_input; /* $FUZZ_EVERY_INPUT: slow writers too run on every input */

/*
 * Writers that take far longer than a reader (pages laid out with pango,
 * zip archives) run on one input in SLOW_SHARE, chosen by the input's bytes
 * so that a finding repeats; the others run on every input.
 */
#define SLOW_SHARE 128
static bool slow(const char *name)
{
    return strcmp(name, "pdf") == 0 || strcmp(name, "epub") == 0;
}

static bool chosen(const uint8_t *data, size_t size)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < size; i++)
        h = (h ^ data[i]) * 16777619u;
    return h % SLOW_SHARE == 0;
}

static int discard(void *ctx, const void *data, size_t len)
{
    (void)ctx, (void)data, (void)len;
    return FOLIO_OK;
}

static void check_warning(const folio_error *w, void *ctx)
{
    (void)ctx;
    if (!w->message[0])
        abort(); /* a warning that says nothing */
}

/* $FUZZ_WRITERS, a ','-separated list, narrows the writers (all when unset). */
static bool wanted(const char *name)
{
    const char *list = getenv("FUZZ_WRITERS");
    size_t len = strlen(name);
    for (const char *p = list; p && *p; p += strcspn(p, ",") + (p[strcspn(p, ",")] == ',')) {
        if (strncmp(p, name, len) == 0 && (p[len] == ',' || !p[len]))
            return true;
    }
    return !list;
}

static int add_writer(const folio_plugin_desc *desc, const char *file,
                      const folio_error *load_error, void *ctx)
{
    (void)file, (void)ctx;
    if (!desc) {
        fprintf(stderr, "fuzz: skipping %s\n", load_error->message);
        return 0;
    }
    if (desc->writer && wanted(desc->name) && n_writers < sizeof writers / sizeof writers[0]) {
        writers[n_writers++] = desc;
        fprintf(stderr, "fuzz: writer %s\n", desc->name);
    }
    return 0;
}

/* Runs every writer once on a small document, so that their libraries'
 * one-time caches (fontconfig's, cairo's font subsets) are not taken for a
 * leak of the first input that needs them. */
static void warm_up(void)
{
    folio_doc *doc = folio_doc_new();
    folio_node *headline = folio_node_append_new(folio_doc_add_article(doc), FOLIO_NODE_HEADLINE);
    /* One word of each script the fonts cover, so that each font is met (and cached) here. */
    static const char text[] =
        "Warm Ελληνικά Кириллица עברית العربية हिन्दी ไทย 中文 ⺀ 日本語 한국어 😀";
    folio_node_append_text(headline, text, sizeof text - 1);
    folio_options *opts = folio_options_new();
    folio_sink sink = {.write = discard};
    for (size_t i = 0; i < n_writers; i++) {
        folio_error err = {0};
        writers[i]->writer->write(doc, &sink, opts, &err);
    }
    folio_options_free(opts);
    folio_doc_free(doc);
}

int fuzz_init(const char *reader)
{
    every_input = getenv("FUZZ_EVERY_INPUT") != NULL;
    const char *path = getenv("FOLIO_PLUGIN_PATH");
    registry = folio_registry_new(path && *path ? path : FUZZ_PLUGIN_PATH);
    const folio_plugin_desc *desc;
    folio_error err = {0};
    if (folio_registry_load(&desc, registry, reader, FOLIO_CAN_READ, &err) < 0) {
        fprintf(stderr, "fuzz: no %s reader on %s: %s\n", reader, folio_registry_path(registry),
                err.message);
        exit(1);
    }
    folio_registry_foreach(registry, add_writer, NULL);
    warm_up();
    fprintf(stderr, "fuzz: reading %s, then writing with %zu writers\n", reader, n_writers);
    return 0;
}

/* A failure must say what and be one of the codes folio_status lists. */
static void check_failure(int rc, const folio_error *err)
{
    if (rc < FOLIO_EOPTION || err->code != rc || !err->message[0])
        abort();
}

int fuzz_read_and_write(const char *reader, const uint8_t *data, size_t size)
{
    const folio_plugin_desc *desc;
    if (folio_registry_load(&desc, registry, reader, FOLIO_CAN_READ, NULL) < 0)
        abort();
    folio_options *opts = folio_options_new();
    folio_options_set_warning_handler(opts, check_warning, NULL);
    folio_doc *doc = folio_doc_new();
    folio_error err = {0};
    int rc = desc->reader->read(doc, data, size, NULL, opts, &err);
    if (rc < 0) {
        check_failure(rc, &err);
        goto out;
    }
    folio_sink sink = {.write = discard};
    bool with_slow = every_input || chosen(data, size);
    for (size_t i = 0; i < n_writers; i++) {
        folio_error werr = {0};
        if (slow(writers[i]->name) && !with_slow)
            continue;
        rc = writers[i]->writer->write(doc, &sink, opts, &werr);
        if (rc < 0)
            check_failure(rc, &werr);
    }
out:
    folio_doc_free(doc);
    folio_options_free(opts);
    return 0;
}
