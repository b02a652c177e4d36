/* SPDX-License-Identifier: MIT */
#include "batch.h"
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* One run of the command. */
struct run {
    const struct cli *cli;
    folio_registry *reg;
    folio_conversion conv; /* what the library is asked to do */
    const char *current;   /* the input or output the plugins are working on, for warnings */
};

int cli_status(int code)
{
    switch (code) {
    case FOLIO_OK:
        return CLI_OK;
    case FOLIO_EOPTION: /* a bad -O value, found by the plugin that reads it */
        return CLI_EUSAGE;
    case FOLIO_EIO:
        return CLI_EIO;
    case FOLIO_EUNSUPPORTED:
    case FOLIO_EPLUGIN:
        return CLI_EPLUGIN;
    default:
        return CLI_EINPUT;
    }
}

void cli_report(folio_error *err, const char *source)
{
    char text[512];
    /* An error inside a container names its entry: say which file holds it. */
    if (source && err->source[0] && strcmp(err->source, source) != 0)
        fprintf(stderr, "folio: %s: %s\n", source, folio_error_format(err, text, sizeof text));
    else {
        if (source)
            folio_error_set_source(err, source);
        fprintf(stderr, "folio: %s\n", folio_error_format(err, text, sizeof text));
    }
}

/* A bad option value is the command line's fault, not the input's or output's: no file named. */
static int fail(folio_error *err, const char *source)
{
    cli_report(err, err->code == FOLIO_EOPTION ? NULL : source);
    return cli_status(err->code);
}

static int usage_error(bool input, const char *name)
{
    fprintf(stderr, "folio: cannot tell the %sformat of %s: use %s FORMAT\n",
            input ? "" : "output ", cli_display_name(name, !input), input ? "-f" : "-t");
    return CLI_EUSAGE;
}

/* Stops folio_registry_foreach() at the first plugin file, valid or not. */
static int count_one(const folio_plugin_desc *desc, const char *file, const folio_error *load_error,
                     void *ctx)
{
    (void)desc, (void)file, (void)load_error, (void)ctx;
    return 1;
}

static int add_name(const folio_plugin_desc *desc, const char *file, const folio_error *load_error,
                    void *ctx)
{
    (void)file, (void)load_error;
    folio_buf *names = ctx;
    if (desc)
        folio_buf_printf(names, "%s%s", names->len ? ", " : "", desc->name);
    return 0;
}

/* "no format 'docx' (there are: json, txt)", or the hint to run from a build tree. */
static int no_format(struct run *run, const char *format, unsigned need)
{
    folio_buf names = {0};
    folio_registry_foreach(run->reg, add_name, &names);
    if (names.len)
        fprintf(stderr, "folio: no %s format '%s' (formats: %s)\n",
                need == FOLIO_CAN_READ ? "input" : "output", format, names.data);
    else
        fprintf(stderr, "folio: no format '%s': no plugin at all in %s%s\n", format,
                folio_registry_path(run->reg), CLI_NO_PLUGIN_HINT);
    folio_buf_free(&names);
    return CLI_EPLUGIN;
}

/* The formats folio has, by extension: a file named for one is never sniffed. */
static const char *known_format(const char *name)
{
    static const char *const known[][2] = {
        {"txt", "txt"},  {"text", "txt"},   {"json", "json"}, {"html", "html"},
        {"htm", "html"}, {"xhtml", "html"}, {"epub", "epub"}, {"pdf", "pdf"},
    };
    const char *dot = strrchr(name, '.'), *slash = strrchr(name, '/');
    if (!dot || (slash && dot < slash))
        return NULL;
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
        if (strcasecmp(dot + 1, known[i][0]) == 0)
            return known[i][1];
    }
    return NULL;
}

/* "folio: a.html:3:7: warning: ...", or "folio: a.epub: OEBPS/c1.xhtml:3:7: warning: ...". */
static void on_warning(const folio_error *w, void *ctx)
{
    const struct run *run = ctx;
    if (run->cli->quiet)
        return;
    fprintf(stderr, "folio: %s%s%s", run->current, w->source[0] ? ": " : "", w->source);
    if (w->line)
        fprintf(stderr, ":%u", w->line);
    if (w->line && w->column)
        fprintf(stderr, ":%u", w->column);
    fprintf(stderr, ": warning: %s\n", w->message);
}

static void tell(const struct run *run, const folio_plugin_desc *desc, const char *what,
                 const char *name)
{
    if (run->cli->verbose)
        fprintf(stderr, "folio: %s %s as %s with %s\n", what, name, desc->name,
                folio_registry_file(run->reg, desc));
}

/*
 * The plugin for @name's format: the one named by -f or -t, else the one its
 * extension names, else (for an input) the one that recognises @in's bytes.
 */
static int pick(const folio_plugin_desc **out, struct run *run, const char *format,
                const char *name, const struct cli_input *in)
{
    unsigned need = in ? FOLIO_CAN_READ : FOLIO_CAN_WRITE;
    folio_error err = {0};
    int rc = FOLIO_EUNSUPPORTED;
    if (format) {
        rc = folio_registry_load(out, run->reg, format, 0, &err);
        bool plain = strspn(format, "abcdefghijklmnopqrstuvwxyz0123456789-_") == strlen(format);
        if (rc == FOLIO_EUNSUPPORTED && plain)
            return no_format(run, format, need);
        if (rc == FOLIO_OK)
            rc = folio_registry_load(out, run->reg, format, need, &err);
        return rc < 0 ? fail(&err, NULL) : CLI_OK;
    }
    if (name && strcmp(name, "-") != 0)
        rc = folio_registry_find_by_extension(out, run->reg, name, need, &err);
    if (rc == FOLIO_EPLUGIN)
        return fail(&err, NULL);
    if (rc == FOLIO_OK)
        return CLI_OK;
    const char *known = name ? known_format(name) : NULL;
    if (known && folio_registry_load(out, run->reg, known, 0, NULL) == FOLIO_OK)
        return fail(&err, NULL); /* the plugin is there, but cannot do it */
    if (known) {
        fprintf(stderr, "folio: %s: no plugin for %s (folio --list-formats)%s\n", name, known,
                folio_registry_foreach(run->reg, count_one, NULL) ? "" : CLI_NO_PLUGIN_HINT);
        return CLI_EPLUGIN;
    }
    if (in && folio_registry_sniff(out, run->reg, in->data, in->len, NULL) == FOLIO_OK)
        return CLI_OK;
    return usage_error(in != NULL, name);
}

/* -v: the pictures an input brought in. */
static void tell_resources(const struct run *run, const folio_doc *doc)
{
    if (!run->cli->verbose)
        return;
    for (size_t i = 0; i < folio_doc_resource_count(doc); i++) {
        const folio_resource *res = folio_doc_resource_at(doc, i);
        folio_str name = folio_resource_name(res);
        fprintf(stderr, "folio: %s: resource %.*s (%s, %ux%u, %zu bytes)\n", run->current,
                (int)name.len, name.data, folio_resource_media_type(res), folio_resource_width(res),
                folio_resource_height(res), folio_resource_size(res));
    }
}

/* The folder of @name, which relative references in it are resolved under. */
static char *input_dir(const char *name)
{
    if (strcmp(name, "-") == 0)
        return NULL;
    const char *slash = strrchr(name, '/');
    char *dir = slash ? strndup(name, slash == name ? 1 : (size_t)(slash - name)) : strdup(".");
    if (!dir)
        folio_oom();
    return dir;
}

/* Picks the reader for the input @in (with the command's messages) and has the library read it. */
static int parse(folio_doc **out, struct run *run, const struct cli_input *in)
{
    const folio_plugin_desc *desc;
    folio_error err = {0};
    int status = pick(&desc, run, run->cli->from, in->name, in);
    if (status != CLI_OK)
        return status;
    run->current = cli_display_name(in->name, false);
    tell(run, desc, "reading", run->current);
    char *dir = input_dir(in->name);
    folio_source src = {
        .data = in->data, .len = in->len, .name = in->name, .dir = dir, .format = desc->name};
    folio_doc *doc;
    int rc = folio_convert_read(&doc, &run->conv, &src, &err);
    free(dir);
    if (rc < 0 && err.code == FOLIO_EOPTION && strcmp(err.source, in->name) == 0)
        err.source[0] = '\0'; /* a bad -O value is the command line's fault, not the input's */
    if (rc < 0)
        return fail(&err, run->current);
    tell_resources(run, doc);
    *out = doc;
    return CLI_OK;
}

static int read_input(folio_doc **out, struct run *run, const char *name)
{
    struct cli_input in;
    folio_error err = {0};
    *out = NULL;
    if (cli_input_read(&in, name, run->cli->max_input, &err) < 0)
        return fail(&err, NULL);
    /* A file truncated while mapped faults (SIGBUS) where the reader touches the lost pages:
     * the reader's work is abandoned, and the file is reported as unreadable. */
    sigjmp_buf jump;
    int status;
    if (sigsetjmp(jump, 1) == 0) {
        cli_input_watch(&in, &jump);
        status = parse(out, run, &in);
    } else {
        folio_error_set(&err, FOLIO_EIO, "the file shrank while it was being read");
        status = fail(&err, cli_display_name(name, false));
    }
    cli_input_watch(NULL, NULL);
    cli_input_release(&in);
    return status;
}

static int read_all(folio_doc **out, struct run *run)
{
    const struct cli *cli = run->cli;
    folio_doc *digest = NULL;
    for (size_t i = 0; i < cli->n_inputs; i++) {
        folio_doc *doc;
        int status = read_input(&doc, run, cli->inputs[i]);
        if (status != CLI_OK) {
            folio_doc_free(digest);
            return status;
        }
        if (digest)
            folio_doc_merge(digest, doc);
        else
            digest = doc;
    }
    folio_doc_apply_meta(digest, run->conv.meta);
    *out = digest;
    return CLI_OK;
}

static int write_output(struct run *run, const folio_plugin_desc *desc, const folio_doc *doc)
{
    const char *target = run->cli->output;
    struct cli_output out;
    folio_error err = {0};
    if (cli_output_open(&out, target, &err) < 0)
        return fail(&err, NULL);
    run->current = cli_display_name(target, true);
    tell(run, desc, "writing", run->current);
    folio_sink sink = cli_output_sink(&out);
    int rc = folio_convert_write(&run->conv, doc, &sink, &err);
    if (rc < 0) {
        cli_output_explain(&out, &err);
        cli_output_abort(&out);
        return fail(&err, run->current);
    }
    if (cli_output_commit(&out, &err) < 0)
        return fail(&err, NULL);
    return CLI_OK;
}

/* The output must not be one of the inputs: it would be replaced by what was read from it. */
static int check_not_input(const struct cli *cli)
{
    struct stat out, in;
    if (!cli->output || strcmp(cli->output, "-") == 0 || stat(cli->output, &out) != 0 ||
        !S_ISREG(out.st_mode))
        return CLI_OK;
    for (size_t i = 0; i < cli->n_inputs; i++) {
        const char *name = cli->inputs[i];
        int rc = strcmp(name, "-") == 0 ? fstat(STDIN_FILENO, &in) : stat(name, &in);
        if (rc == 0 && in.st_dev == out.st_dev && in.st_ino == out.st_ino) {
            fprintf(stderr, "folio: %s: the output is the input %s: write to another file\n",
                    cli->output, cli_display_name(name, false));
            return CLI_EUSAGE;
        }
    }
    return CLI_OK;
}

static int convert(struct run *run)
{
    const struct cli *cli = run->cli;
    const folio_plugin_desc *reader, *writer;
    int status = check_not_input(cli);
    if (status == CLI_OK)
        status = cli_check_all_options(run->reg, cli->opts);
    /* A named reader, then the writer: a bad -f, -t or -o fails before any input is read. */
    if (status == CLI_OK && cli->from)
        status = pick(&reader, run, cli->from, NULL, &(struct cli_input){.name = "-"});
    if (status == CLI_OK)
        status = pick(&writer, run, cli->to, cli->output, NULL);
    if (status != CLI_OK)
        return status;
    run->conv.to = writer->name;
    folio_doc *doc;
    if ((status = read_all(&doc, run)) != CLI_OK)
        return status;
    status = write_output(run, writer, doc);
    folio_doc_free(doc);
    return status;
}

/* -d: one output per input, converted on threads (batch.h). */
static int convert_batch(struct run *run)
{
    const struct cli *cli = run->cli;
    if (cli->output) {
        fprintf(stderr, "folio: -o makes one digest and -d one output per input: use one\n");
        return CLI_EUSAGE;
    }
    const folio_plugin_desc *desc;
    int status = cli_check_all_options(run->reg, cli->opts);
    /* A bad -f or -t is told as for one output; batch_plan() says that -d needs -t. */
    if (status == CLI_OK && cli->from)
        status = pick(&desc, run, cli->from, NULL, &(struct cli_input){.name = "-"});
    if (status == CLI_OK && cli->to)
        status = pick(&desc, run, cli->to, NULL, NULL);
    if (status != CLI_OK)
        return status;
    struct batch_request req = {
        .inputs = cli->inputs,
        .n_inputs = cli->n_inputs,
        .dir = cli->output_dir,
        .from = cli->from,
        .to = cli->to,
        .opts = cli->opts,
        .resolver = cli->resolver,
        .meta = cli->meta,
        .max_input = cli->max_input,
        .jobs = cli->jobs,
        .quiet = cli->quiet,
        .verbose = cli->verbose,
        .fail_fast = cli->fail_fast,
    };
    struct batch b;
    status = batch_plan(&b, &req, run->reg);
    if (status == CLI_OK)
        status = batch_run(&b);
    batch_free(&b);
    return status;
}

static void add_extensions(folio_buf *buf, const char *const *ext, const char *const *skip)
{
    for (; ext && *ext; ext++) {
        bool seen = false;
        for (const char *const *s = skip; s && *s && !seen; s++)
            seen = strcmp(*s, *ext) == 0;
        if (!seen)
            folio_buf_printf(buf, "%s.%s", buf->len ? "," : "", *ext);
    }
}

/* One line of --list-formats: name, capabilities, extensions, plugin file. */
static int list_one(const folio_plugin_desc *desc, const char *file, const folio_error *load_error,
                    void *ctx)
{
    const struct cli *cli = ctx;
    if (!desc) {
        if (!cli->quiet)
            fprintf(stderr, "folio: warning: %s\n", load_error->message);
        return 0;
    }
    const folio_reader *r = desc->reader;
    const folio_writer *w = desc->writer;
    folio_buf ext = {0};
    add_extensions(&ext, r ? r->extensions : NULL, NULL);
    add_extensions(&ext, w ? w->extensions : NULL, r ? r->extensions : NULL);
    printf("%-12s %-10s %-18s %-36s %s\n", desc->name,
           r && w ? "read+write"
           : r    ? "read"
                  : "write",
           ext.len ? ext.data : "-",
           desc->description && *desc->description ? desc->description : "-", file);
    folio_buf_free(&ext);
    return 0;
}

int cli_run(const struct cli *cli)
{
    struct run run = {.cli = cli, .reg = folio_registry_new(NULL), .current = ""};
    run.conv = (folio_conversion){
        .registry = run.reg, .opts = cli->opts, .resolver = cli->resolver, .meta = cli->meta};
    int status;
    if (cli->list_formats && !folio_registry_foreach(run.reg, count_one, NULL)) {
        fprintf(stderr, "folio: no plugins in %s%s\n", folio_registry_path(run.reg),
                CLI_NO_PLUGIN_HINT);
        status = CLI_EPLUGIN;
    } else if (cli->list_formats) {
        folio_registry_foreach(run.reg, list_one, (void *)cli);
        status = CLI_OK;
    } else if (cli->list_options) {
        status = cli_list_options(run.reg, cli->list_options);
    } else {
        folio_options_set_warning_handler(cli->opts, on_warning, &run);
        status = cli->output_dir ? convert_batch(&run) : convert(&run);
    }
    folio_registry_free(run.reg);
    return status;
}
