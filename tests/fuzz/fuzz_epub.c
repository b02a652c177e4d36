/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer harness for the epub reader; every writer runs on what it read
 * (harness.c).
 *
 * An input that starts "PK" is a zip archive as it stands (a book from
 * the samples), and so is one whose first byte is odd after that byte:
 * they fuzz the archive checks. Mutated zip data rarely
 * gets past the checksums, so an input whose first byte is even is a list
 * of entries instead, "NAME\nBYTES" parts joined by "\n|||", that the
 * harness packs into a valid archive: that reaches the XML and content
 * documents. tests/fuzz/make-epub-seeds.py makes seeds of both kinds.
 */
#include "harness.h"

#include <folio/sink.h>
#include <stdio.h>
#include <string.h>
#include <zip.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    return fuzz_init("epub");
}

static const uint8_t *find_sep(const uint8_t *p, const uint8_t *end)
{
    for (; end - p >= 4; p++) {
        if (memcmp(p, "\n|||", 4) == 0)
            return p;
    }
    return end;
}

static void add_part(zip_t *za, const uint8_t *p, const uint8_t *stop)
{
    const uint8_t *nl = memchr(p, '\n', (size_t)(stop - p));
    char name[256];
    size_t n = (size_t)((nl ? nl : stop) - p);
    snprintf(name, sizeof name, "%.*s", (int)(n < 255 ? n : 255), (const char *)p);
    const uint8_t *body = nl ? nl + 1 : stop;
    zip_source_t *s = zip_source_buffer(za, body, (zip_uint64_t)(stop - body), 0);
    zip_int64_t i = s ? zip_file_add(za, name, s, ZIP_FL_ENC_UTF_8) : -1;
    if (i < 0)
        zip_source_free(s);
    else
        zip_set_file_compression(za, (zip_uint64_t)i, ZIP_CM_STORE, 0);
}

/* Packs the "NAME\nBYTES" parts into a zip archive in @out, all entries stored. */
static void pack(folio_buf *out, const uint8_t *data, size_t size)
{
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, NULL);
    zip_source_keep(src);
    zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, NULL);
    const uint8_t *end = data + size;
    for (const uint8_t *p = data; p < end;) {
        const uint8_t *stop = find_sep(p, end);
        add_part(za, p, stop);
        p = stop + (stop < end ? 4 : 0);
    }
    zip_stat_t st;
    if (zip_close(za) < 0) {
        zip_discard(za);
    } else if (zip_source_stat(src, &st) == 0 && zip_source_open(src) == 0) {
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
    if (size >= 2 && data[0] == 'P' && data[1] == 'K')
        return fuzz_read_and_write("epub", data, size);
    if (data[0] & 1)
        return fuzz_read_and_write("epub", data + 1, size - 1);
    folio_buf packed = {0};
    pack(&packed, data + 1, size - 1);
    fuzz_read_and_write("epub", (const uint8_t *)packed.data, packed.len);
    folio_buf_free(&packed);
    return 0;
}
