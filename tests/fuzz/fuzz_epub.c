/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer harness for the EPUB reader: reads the input as a book through
 * the registry, then runs every writer there is on what it read, into a
 * sink that throws the bytes away. A failure must come with a message.
 *
 * An input whose first byte is odd is a zip archive as it stands (after
 * that byte), which fuzzes the archive checks. Mutated zip data rarely
 * gets past the checksums, so an input whose first byte is even is a list
 * of entries instead, "NAME\nBYTES" parts joined by "\n|||", that the
 * harness packs into a valid archive: that reaches the XML and content
 * documents. tests/fuzz/make-epub-seeds.py makes seeds of both kinds.
 *
 * Building and running it: docs/epub.md, "Tests and fuzzing".
 */
#include <folio.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* libFuzzer keeps one process for every input: the registry lives as long. */
static folio_registry *registry;

static const char *const writers[] = {"json", "txt", "html", "epub", "pdf"};

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int discard(void *ctx, const void *data, size_t len)
{
    (void)ctx, (void)data, (void)len;
    return FOLIO_OK;
}

/* Loads every plugin before the first input, so that their coverage is counted from the start. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    registry = folio_registry_new(NULL);
    const folio_plugin_desc *desc;
    if (folio_registry_load(&desc, registry, "epub", FOLIO_CAN_READ, NULL) < 0) {
        fprintf(stderr, "fuzz_epub: no epub plugin on FOLIO_PLUGIN_PATH\n");
        exit(1);
    }
    for (size_t i = 0; i < sizeof writers / sizeof writers[0]; i++)
        folio_registry_load(&desc, registry, writers[i], FOLIO_CAN_WRITE, NULL);
    return 0;
}

static const uint8_t *find_sep(const uint8_t *p, const uint8_t *end)
{
    for (; end - p >= 4; p++) {
        if (memcmp(p, "\n|||", 4) == 0)
            return p;
    }
    return end;
}

/* Packs the "NAME\nBYTES" parts into a zip archive in @out, all entries stored. */
static void pack(folio_buf *out, const uint8_t *data, size_t size)
{
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, NULL);
    zip_source_keep(src);
    zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, NULL);
    const uint8_t *end = data + size;
    for (const uint8_t *p = data; p < end;) {
        const uint8_t *stop = find_sep(p, end), *nl = memchr(p, '\n', (size_t)(stop - p));
        char name[256];
        size_t n = (size_t)((nl ? nl : stop) - p);
        snprintf(name, sizeof name, "%.*s", (int)(n < 255 ? n : 255), (const char *)p);
        const uint8_t *body = nl ? nl + 1 : stop;
        zip_source_t *s = zip_source_buffer(za, body, (zip_uint64_t)(stop - body), 0);
        zip_int64_t i = zip_file_add(za, name, s, ZIP_FL_ENC_UTF_8);
        if (i < 0)
            zip_source_free(s);
        else
            zip_set_file_compression(za, (zip_uint64_t)i, ZIP_CM_STORE, 0);
        p = stop + (stop < end ? 4 : 0);
    }
    zip_stat_t st;
    if (zip_close(za) < 0)
        zip_discard(za);
    else if (zip_source_stat(src, &st) == 0 && zip_source_open(src) == 0) {
        folio_buf_grow(out, st.size);
        zip_int64_t got = zip_source_read(src, out->data, st.size);
        out->len = got > 0 ? (size_t)got : 0;
        zip_source_close(src);
    }
    zip_source_free(src);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    folio_buf packed = {0};
    if (data[0] & 1) {
        data++, size--;
    } else {
        pack(&packed, data + 1, size - 1);
        data = (const uint8_t *)packed.data, size = packed.len;
    }
    const folio_plugin_desc *desc;
    folio_error err = {0};
    if (folio_registry_load(&desc, registry, "epub", FOLIO_CAN_READ, &err) < 0)
        abort();
    folio_doc *doc = folio_doc_new();
    folio_options *opts = folio_options_new();
    if (desc->reader->read(doc, data, size, NULL, opts, &err) < 0) {
        if (!err.message[0])
            abort(); /* every error says what went wrong */
        goto out;
    }
    folio_sink sink = {.write = discard};
    for (size_t i = 0; i < sizeof writers / sizeof writers[0]; i++) {
        const folio_plugin_desc *w;
        folio_error werr = {0};
        if (folio_registry_load(&w, registry, writers[i], FOLIO_CAN_WRITE, NULL) == FOLIO_OK)
            w->writer->write(doc, &sink, opts, &werr);
    }
out:
    folio_buf_free(&packed);
    folio_options_free(opts);
    folio_doc_free(doc);
    return 0;
}
