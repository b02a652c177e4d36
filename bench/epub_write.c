/* SPDX-License-Identifier: MIT */
/*
 * epub_write [N] [COVER]: the cost of writing one EPUB, in process. Reads
 * samples/*.txt (run from the top of the tree, FOLIO_PLUGIN_PATH set) with
 * the txt plugin, then writes N books (default 1000), cycling through the
 * articles, with the epub plugin into memory, and prints books per second
 * and processor microseconds per book: with the drawn cover, and with COVER (a PNG
 * or JPEG file) given as -O epub.cover would give it. The first book of
 * each kind is written before the clock starts, so font loading is left
 * out (bench/run.sh times whole processes).
 */
#define _POSIX_C_SOURCE 200809L
#include <folio.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* Processor time of this process: a busy machine changes it less than the wall clock. */
static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    folio_buf b = {0};
    char chunk[65536];
    size_t n;
    if (!f)
        return NULL;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        folio_buf_append(&b, chunk, n);
    fclose(f);
    *len = b.len;
    return b.data;
}

static void run(const folio_plugin_desc *epub, folio_doc **docs, size_t n_docs, unsigned n,
                const folio_options *opts, const char *label)
{
    folio_buf out = {0};
    folio_sink sink = folio_buf_sink(&out);
    folio_error err = {0};
    epub->writer->write(docs[0], &sink, opts, &err); /* warm: fonts, caches */
    size_t bytes = 0;
    double t0 = now_s();
    for (unsigned i = 0; i < n; i++) {
        folio_buf_reset(&out);
        if (epub->writer->write(docs[i % n_docs], &sink, opts, &err) < 0) {
            fprintf(stderr, "epub: %s\n", err.message);
            exit(1);
        }
        bytes += out.len;
    }
    double dt = now_s() - t0;
    printf("%-22s %6u books  %8.0f books/s  %7.1f us/book  %6.1f KB/book\n", label, n, n / dt,
           dt / n * 1e6, (double)bytes / n / 1024);
    folio_buf_free(&out);
}

int main(int argc, char **argv)
{
    unsigned n = argc > 1 ? (unsigned)atoi(argv[1]) : 1000;
    folio_registry *reg = folio_registry_new(NULL);
    const folio_plugin_desc *txt, *epub;
    folio_error err = {0};
    if (folio_registry_load(&txt, reg, "txt", FOLIO_CAN_READ, &err) < 0 ||
        folio_registry_load(&epub, reg, "epub", FOLIO_CAN_WRITE, &err) < 0) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    glob_t g;
    if (glob("samples/*.txt", 0, NULL, &g) != 0)
        return 1;
    folio_doc **docs = calloc(g.gl_pathc, sizeof *docs);
    for (size_t i = 0; i < g.gl_pathc; i++) {
        size_t len;
        char *data = slurp(g.gl_pathv[i], &len);
        docs[i] = folio_doc_new();
        if (!data || txt->reader->read(docs[i], (unsigned char *)data, len, NULL, NULL, &err) < 0)
            return 1;
        free(data);
    }
    folio_options *opts = folio_options_new();
    run(epub, docs, g.gl_pathc, n, opts, "drawn cover");
    size_t len;
    char *cover = argc > 2 ? slurp(argv[2], &len) : NULL;
    if (cover) {
        folio_options_set_file(opts, "epub.cover", cover, len);
        run(epub, docs, g.gl_pathc, n, opts, "cover given");
    }
    free(cover);
    folio_options_free(opts);
    for (size_t i = 0; i < g.gl_pathc; i++)
        folio_doc_free(docs[i]);
    free(docs);
    globfree(&g);
    folio_registry_free(reg);
    return 0;
}
