/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_CLI_CLI_H
#define FOLIO_CLI_CLI_H

#include <folio.h>
#include <setjmp.h>

/* The command's exit statuses, listed in `folio --help`. */
enum cli_status {
    CLI_OK = 0,
    CLI_EINPUT = 1,  /* the input breaks its format, or a plugin refused the document */
    CLI_EUSAGE = 2,  /* bad options or arguments */
    CLI_EPLUGIN = 3, /* no plugin, an invalid plugin, or a missing capability */
    CLI_EIO = 4,     /* an input cannot be read or the output cannot be written */
};

/* What a message about finding no plugin at all adds: the likely cause. */
#define CLI_NO_PLUGIN_HINT                                                                         \
    "; from a build tree, run `meson devenv -C BUILD folio ...` or set FOLIO_PLUGIN_PATH"

/* The default --max-input-size: far above any article, far below memory. */
#define CLI_MAX_INPUT_DEFAULT ((size_t)512 * 1000 * 1000)

/* The command line, parsed. Strings are lent from argv unless said otherwise. */
struct cli {
    char *from, *to; /* owned, in lower case: format names are */
    const char *output;
    const char **inputs; /* never empty once parsed: "-" stands for standard input; owned */
    size_t n_inputs;
    const char **listed; /* the --inputs-from names, before they join @inputs; owned */
    size_t n_listed;
    char **input_lists; /* owned: the text of each --inputs-from, which names point into */
    size_t n_input_lists;
    bool stdin_listed; /* --inputs-from=- */
    const char **meta; /* the -M "key=value" arguments, NULL-terminated; owned array */
    size_t n_meta;
    const char *output_dir;   /* -d: one output per input, named after it */
    unsigned jobs;            /* -j; 0: one per processor */
    folio_options *opts;      /* owned: -O pairs and "meta.<key>" for each -M */
    folio_resolver *resolver; /* owned: --resource-path and --max-resource-size */
    const char *list_options; /* --list-options FORMAT, or NULL */
    size_t max_input;         /* --max-input-size */
    bool quiet, verbose, list_formats, help, version, fail_fast;
};

/*
 * Parses @argv into @cli. Returns CLI_OK, or CLI_EUSAGE after
 * printing why on stderr.
 */
int cli_parse(struct cli *cli, int argc, char **argv);

/* Releases what cli_parse() allocated. */
void cli_free(struct cli *cli);

/* Prints `folio --help`. */
void cli_help(void);

/* Runs the conversion or listing @cli asks for; returns the exit status. */
int cli_run(const struct cli *cli);

/* The exit status for a folio_status. */
int cli_status(int code);

/*
 * Checks every -O key against the options its format's plugin declares
 * (loading that plugin), and attaches the bytes of each "file" option.
 * Returns CLI_OK, or an exit status after printing why.
 */
int cli_check_all_options(folio_registry *reg, folio_options *opts);

/* Checks the keys of @opts that start with @desc's name against its declared options. */
int cli_check_options(const folio_plugin_desc *desc, folio_options *opts);

/* Prints the options @format's plugin declares (`--list-options`). */
int cli_list_options(folio_registry *reg, const char *format);

/* An ISO 8601 date or date-time of any precision: 2023, 2023-09, 2023-09-13T10:41Z. */
bool cli_is_date(const char *s);

/* A BCP 47 language tag by its syntax, with a two- or three-letter language. */
bool cli_is_language(const char *s);

/* "512M", "20k", "1G" or a number of bytes, more than 0. */
bool cli_parse_size(const char *s, size_t *out);

/* Prints "folio: <source>:<line>:<col>: <message>", naming @source if @err names none. */
void cli_report(folio_error *err, const char *source);

/* An input read whole into memory: mapped when it is a regular file. */
struct cli_input {
    const char *name; /* as given; "-" for standard input */
    const unsigned char *data;
    size_t len;
    void *map;      /* the mapping to release, or NULL */
    folio_buf copy; /* the bytes read when the input could not be mapped */
};

/*
 * Reads @name ("-": standard input), refusing more than @max bytes before
 * reading them. FOLIO_EIO with @err naming the file.
 */
int cli_input_read(struct cli_input *in, const char *name, size_t max, folio_error *err);

/* Releases the input's memory. */
void cli_input_release(struct cli_input *in);

/*
 * While a reader works on @in: a SIGBUS in its mapping (the file was
 * truncated under it) jumps to @jump, which the caller set with
 * sigsetjmp(), instead of killing the process. NULL, NULL stops watching.
 * Each thread watches its own input: the fault arrives on the thread that
 * touched the page.
 */
void cli_input_watch(const struct cli_input *in, sigjmp_buf *jump);

/* folio_oom()'s handler for the command: removes a pending temporary file, exits with 4. */
_Noreturn void cli_exit_oom(void);

/* The name of an input or output in messages: "<stdin>" or "<stdout>" for "-". */
const char *cli_display_name(const char *name, bool output);

/*
 * An output that appears whole or not at all: bytes go to a temporary file
 * beside the target, renamed over it by cli_output_commit(). The
 * standard output streams: writers run only after every input was read,
 * so an input error still prints nothing.
 */
struct cli_output {
    const char *target; /* as given; NULL or "-" for standard output */
    char *path;         /* the file replaced (a symlink's target); owned */
    char *tmp;          /* the temporary file, NULL when writing in place; owned */
    int fd;
    int error;     /* the first errno of a failed write, 0 if none */
    bool batch;    /* opened by cli_output_open_batch() */
    folio_buf buf; /* pending bytes */
};

/* Prepares @out for @target. FOLIO_EIO with @err naming the file. */
int cli_output_open(struct cli_output *out, const char *target, folio_error *err);

/*
 * Prepares @out for the file @target in a batch, on any thread: no signal
 * handler of its own (the batch's main thread takes the signals and the
 * workers abort their outputs) and no fsync() per file (the batch syncs
 * the file system once, at the end). Still a temporary file renamed whole.
 */
int cli_output_open_batch(struct cli_output *out, const char *target, folio_error *err);

/* The sink writers write to. */
folio_sink cli_output_sink(struct cli_output *out);

/* Flushes, syncs and renames over the target. On failure the target is untouched. */
int cli_output_commit(struct cli_output *out, folio_error *err);

/*
 * When a write to @out failed, replaces @err with what the system said
 * (an I/O error naming the output), rather than what the writer made of it.
 */
void cli_output_explain(const struct cli_output *out, folio_error *err);

/* Throws the output away: the temporary file is removed and the target untouched. */
void cli_output_abort(struct cli_output *out);

#endif
