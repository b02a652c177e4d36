/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_CLI_BATCH_H
#define FOLIO_CLI_BATCH_H

#include <folio.h>

/*
 * `folio -d DIR`: one output per input, converted on several threads of
 * one process. The plan (batch_plan()) names every output and refuses
 * collisions before any work; the run (batch_run()) converts, draws the
 * progress line and tells failures apart from the rest.
 */

/* One conversion: an input and the output named after it. */
struct batch_item {
    const char *input;               /* as given: lent */
    char *output;                    /* DIR/<input's folders>/<stem>.<ext>; owned */
    const folio_plugin_desc *reader; /* from -f or the extension; NULL: its bytes tell */
};

/* What the command line asks of a batch. Everything is lent. */
struct batch_request {
    const char *const *inputs;
    size_t n_inputs;
    const char *dir;                /* --output-dir */
    const char *from, *to;          /* -f, -t (lower case); from may be NULL */
    const folio_options *opts;      /* -O, and meta.<key> for -M */
    const folio_resolver *resolver; /* --resource-path */
    const char *const *meta;        /* the -M "key=value" pairs, NULL-terminated */
    size_t max_input;               /* --max-input-size */
    unsigned jobs;                  /* -j; 0: one per processor */
    bool quiet, verbose, fail_fast;
};

struct batch {
    const struct batch_request *req;
    folio_registry *reg; /* the main thread's: plugins are loaded here before threads start */
    const folio_plugin_desc *writer;
    struct batch_item *items;
    size_t n;
    bool sniff; /* some input has no extension a reader claims: every plugin is loaded */
};

/*
 * Plans @req: loads the writer and every reader the inputs need into @reg,
 * names each output and checks that no two inputs write the same file and
 * no output is its own input. Returns an exit status (FOLIO_CLI_OK, or
 * after printing why, a usage or plugin error); @b needs batch_free() in
 * every case.
 */
int batch_plan(struct batch *b, const struct batch_request *req, folio_registry *reg);

/* Runs a planned batch; returns the exit status (1 when any input failed). */
int batch_run(struct batch *b);

/* Releases the plan. */
void batch_free(struct batch *b);

/*
 * The output for @input under @dir with extension @ext: its folders kept
 * (a leading '/' dropped, "." and "a/.." folded away), its extension
 * replaced. NULL when the path climbs above its start with "..". Owned.
 */
char *batch_output_name(const char *dir, const char *input, const char *ext);

/*
 * Reads the lines of @file ("-": standard input) as input names, one a line,
 * without blank lines. *@buf owns the text *@names points into; both are
 * appended to (realloc'ed). Returns FOLIO_OK or FOLIO_EIO with @err set.
 */
int batch_read_list(const char *file, char **buf, const char ***names, size_t *n, folio_error *err);

/* The progress line on a terminal's stderr: done/total, rate, time left, failures. */
struct progress {
    bool on;     /* stderr is a terminal and not -q */
    bool colour; /* and NO_COLOR is not set */
    bool shown;  /* a line is on the screen now */
    size_t total;
    double start, last; /* seconds (CLOCK_MONOTONIC) */
};

void progress_init(struct progress *p, size_t total, bool quiet);

/* Redraws the line when at least a tenth of a second has passed since the last time. */
void progress_draw(struct progress *p, size_t done, size_t failed);

/* Takes the line off the screen, so that a message or the end can be printed. */
void progress_clear(struct progress *p);

/* "1,998": thousands apart with commas, as people read counts. */
void batch_format_count(char *buf, size_t size, size_t n);

#endif
