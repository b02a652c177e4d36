/* SPDX-License-Identifier: MIT */
/* The plan of a batch: the outputs' names, the plugins, and what is refused before any work. */
#include "batch.h"
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/*
 * Appends @input's folders to @path, folded: "" and "." are dropped and
 * "x/.." cancels out. False when ".." climbs above the start, which would
 * put the output outside DIR.
 */
static bool append_folders(folio_buf *path, const char *input, size_t len)
{
    size_t base = path->len;
    for (size_t i = 0; i < len;) {
        size_t n = strcspn(input + i, "/");
        if (i + n > len)
            n = len - i;
        const char *part = input + i;
        i += n + 1;
        if (n == 0 || (n == 1 && part[0] == '.'))
            continue;
        if (n == 2 && part[0] == '.' && part[1] == '.') {
            if (path->len == base)
                return false;
            char *slash = strrchr(path->data + base, '/');
            path->len = slash ? (size_t)(slash - path->data) : base;
            path->data[path->len] = '\0';
            continue;
        }
        folio_buf_putc(path, '/');
        folio_buf_append(path, part, n);
    }
    return true;
}

char *batch_output_name(const char *dir, const char *input, const char *ext)
{
    const char *slash = strrchr(input, '/');
    const char *name = slash ? slash + 1 : input;
    folio_buf path = {0};
    /* Without its trailing slashes: each part below adds its own ("/" becomes ""). */
    folio_buf_puts(&path, dir);
    while (path.len > 0 && path.data[path.len - 1] == '/')
        path.data[--path.len] = '\0';
    if (slash && !append_folders(&path, input, (size_t)(slash - input))) {
        folio_buf_free(&path);
        return NULL;
    }
    const char *dot = strrchr(name, '.');
    size_t stem = dot && dot != name ? (size_t)(dot - name) : strlen(name);
    folio_buf_putc(&path, '/');
    folio_buf_append(&path, name, stem);
    folio_buf_printf(&path, ".%s", ext);
    return path.data;
}

int batch_read_list(const char *file, char **buf, const char ***names, size_t *n, folio_error *err)
{
    bool is_stdin = strcmp(file, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(file, "re");
    if (!f) {
        folio_error_set(err, FOLIO_EIO, "%s", strerror(errno));
        folio_error_set_source(err, file);
        return FOLIO_EIO;
    }
    folio_buf text = {0};
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        folio_buf_append(&text, chunk, got);
    int rc = ferror(f) ? folio_error_set(err, FOLIO_EIO, "%s: cannot be read",
                                         cli_display_name(file, false))
                       : FOLIO_OK;
    if (!is_stdin)
        fclose(f);
    if (rc < 0 || !text.len) {
        folio_buf_free(&text);
        return rc;
    }
    /* Each list keeps its own text: earlier names point into theirs. */
    *buf = text.data;
    size_t count = *n;
    for (char *line = text.data; line < text.data + text.len;) {
        char *end = memchr(line, '\n', (size_t)(text.data + text.len - line));
        end = end ? end : text.data + text.len;
        *end = '\0';
        if (end > line && end[-1] == '\r')
            end[-1] = '\0';
        if (*line) {
            const char **grown = realloc(*names, (count + 1) * sizeof *grown);
            if (!grown)
                folio_oom();
            *names = grown;
            grown[count++] = line;
        }
        line = end + 1;
    }
    *n = count;
    return FOLIO_OK;
}

static int plugin_error(folio_error *err)
{
    char text[512];
    fprintf(stderr, "folio: %s\n", folio_error_format(err, text, sizeof text));
    return cli_status(err->code);
}

/* The extension of @name ("txt"), or NULL. */
static const char *extension(const char *name)
{
    const char *dot = strrchr(name, '.'), *slash = strrchr(name, '/');
    return dot && (!slash || dot > slash + 1) ? dot + 1 : NULL;
}

/*
 * The reader of each input, loaded now, while one thread uses the registry:
 * -f's, else the extension's (one lookup per run of equal extensions), else
 * none, and then every plugin is loaded for sniffing.
 */
static int load_readers(struct batch *b)
{
    folio_error err = {0};
    const char *last_ext = NULL;
    const folio_plugin_desc *last = NULL;
    if (b->req->from && folio_registry_load(&last, b->reg, b->req->from, FOLIO_CAN_READ, &err) < 0)
        return plugin_error(&err);
    for (size_t i = 0; i < b->n && !b->req->from; i++) {
        struct batch_item *it = &b->items[i];
        const char *ext = extension(it->input);
        if (!ext) {
            last = NULL;
        } else if (!last_ext || strcmp(ext, last_ext) != 0) {
            int rc =
                folio_registry_find_by_extension(&last, b->reg, it->input, FOLIO_CAN_READ, &err);
            if (rc == FOLIO_EPLUGIN)
                return plugin_error(&err);
            last = rc == FOLIO_OK ? last : NULL;
            last_ext = ext;
        }
        it->reader = last;
        b->sniff |= !last;
    }
    for (size_t i = 0; i < b->n && b->req->from; i++)
        b->items[i].reader = last;
    return CLI_OK;
}

static int load_one(const folio_plugin_desc *desc, const char *file, const folio_error *load_error,
                    void *ctx)
{
    (void)desc, (void)file, (void)load_error, (void)ctx;
    return 0;
}

/* Sorts item pointers by output name, for finding two inputs with one output. */
static int by_output(const void *a, const void *b)
{
    const struct batch_item *x = *(const struct batch_item *const *)a;
    const struct batch_item *y = *(const struct batch_item *const *)b;
    return strcmp(x->output, y->output);
}

static int check_collisions(const struct batch *b)
{
    const struct batch_item **sorted = malloc(b->n * sizeof *sorted);
    if (!sorted)
        folio_oom();
    for (size_t i = 0; i < b->n; i++)
        sorted[i] = &b->items[i];
    qsort(sorted, b->n, sizeof *sorted, by_output);
    int status = CLI_OK;
    for (size_t i = 1; i < b->n && status == CLI_OK; i++) {
        if (strcmp(sorted[i - 1]->output, sorted[i]->output) != 0)
            continue;
        fprintf(stderr,
                "folio: %s and %s would both be written to %s: rename one, or convert "
                "them apart\n",
                sorted[i - 1]->input, sorted[i]->input, sorted[i]->output);
        status = CLI_EUSAGE;
    }
    free(sorted);
    return status;
}

/* An output that is its own input would be replaced by what was read from it. */
static int check_not_input(const struct batch_item *it)
{
    struct stat out, in;
    if (stat(it->output, &out) != 0 || stat(it->input, &in) != 0)
        return CLI_OK;
    if (in.st_dev != out.st_dev || in.st_ino != out.st_ino)
        return CLI_OK;
    fprintf(stderr, "folio: %s: the output would be the input: choose another --output-dir\n",
            it->input);
    return CLI_EUSAGE;
}

static int name_outputs(struct batch *b, const char *ext)
{
    for (size_t i = 0; i < b->n; i++) {
        struct batch_item *it = &b->items[i];
        if (strcmp(it->input, "-") == 0) {
            fprintf(stderr, "folio: the standard input has no name to name an output after: "
                            "use -o FILE\n");
            return CLI_EUSAGE;
        }
        it->output = batch_output_name(b->req->dir, it->input, ext);
        if (!it->output) {
            fprintf(stderr,
                    "folio: %s: its folder is above the current one ('..'), so it "
                    "cannot be kept under %s: convert it from a folder above it\n",
                    it->input, b->req->dir);
            return CLI_EUSAGE;
        }
        int status = check_not_input(it);
        if (status != CLI_OK)
            return status;
    }
    return check_collisions(b);
}

/* DIR itself, so that a DIR that cannot be made fails once rather than for every input. */
static int make_dir(const char *dir)
{
    struct stat st;
    if (mkdir(dir, 0777) == 0 || (stat(dir, &st) == 0 && S_ISDIR(st.st_mode)))
        return CLI_OK;
    fprintf(stderr, "folio: %s: %s\n", dir, strerror(errno == EEXIST ? ENOTDIR : errno));
    return CLI_EIO;
}

int batch_plan(struct batch *b, const struct batch_request *req, folio_registry *reg)
{
    *b = (struct batch){.req = req, .reg = reg, .n = req->n_inputs};
    folio_error err = {0};
    if (!req->to) {
        fprintf(stderr, "folio: --output-dir needs the output format: use -t FORMAT\n");
        return CLI_EUSAGE;
    }
    if (folio_registry_load(&b->writer, reg, req->to, FOLIO_CAN_WRITE, &err) < 0)
        return plugin_error(&err);
    const char *const *exts = b->writer->writer->extensions;
    const char *ext = exts && exts[0] ? exts[0] : b->writer->name;
    b->items = calloc(b->n ? b->n : 1, sizeof *b->items);
    if (!b->items)
        folio_oom();
    for (size_t i = 0; i < b->n; i++)
        b->items[i].input = req->inputs[i];
    int status = name_outputs(b, ext);
    if (status == CLI_OK)
        status = load_readers(b);
    if (status == CLI_OK && b->sniff)
        folio_registry_foreach(reg, load_one, NULL);
    if (status == CLI_OK)
        status = make_dir(req->dir);
    return status;
}

void batch_free(struct batch *b)
{
    for (size_t i = 0; b->items && i < b->n; i++)
        free(b->items[i].output);
    free(b->items);
    b->items = NULL;
}

void batch_format_count(char *buf, size_t size, size_t n)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%zu", n);
    size_t o = 0;
    for (int i = 0; i < len && o + 2 < size; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
}
