/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_CORE_CLI_H
#define FOLIO_CORE_CLI_H

#include <folio.h>
#include <setjmp.h>

/* The command's exit statuses, listed in `folio --help`. */
enum folio_cli_status {
    FOLIO_CLI_OK = 0,
    FOLIO_CLI_EINPUT = 1,  /* the input breaks its format, or a plugin refused the document */
    FOLIO_CLI_EUSAGE = 2,  /* bad options or arguments */
    FOLIO_CLI_EPLUGIN = 3, /* no plugin, an invalid plugin, or a missing capability */
    FOLIO_CLI_EIO = 4,     /* an input cannot be read or the output cannot be written */
};

/* One -M: @key points into a copy of the argument, cut at its '='. */
struct folio_cli_meta {
    char *key;
    const char *value;
};

/* What a message about finding no plugin at all adds: the likely cause. */
#define FOLIO_CLI_NO_PLUGIN_HINT                                                                   \
    "; from a build tree, run `meson devenv -C BUILD folio ...` or set FOLIO_PLUGIN_PATH"

/* The default --max-input-size: far above any article, far below memory. */
#define FOLIO_CLI_MAX_INPUT_DEFAULT ((size_t)512 * 1000 * 1000)

/* The command line, parsed. Strings are lent from argv unless said otherwise. */
struct folio_cli {
    char *from, *to; /* owned, in lower case: format names are */
    const char *output;
    const char **inputs; /* never empty once parsed: "-" stands for standard input */
    size_t n_inputs;
    struct folio_cli_meta *meta; /* owned, with each key */
    size_t n_meta;
    folio_options *opts;      /* owned: -O pairs and "meta.<key>" for each -M */
    folio_resolver *resolver; /* owned: --resource-path and --max-resource-size */
    const char *list_options; /* --list-options FORMAT, or NULL */
    size_t max_input;         /* --max-input-size */
    bool quiet, verbose, list_formats, help, version;
};

/*
 * Parses @argv into @cli. Returns FOLIO_CLI_OK, or FOLIO_CLI_EUSAGE after
 * printing why on stderr.
 */
int folio_cli_parse(struct folio_cli *cli, int argc, char **argv);

/* Releases what folio_cli_parse() allocated. */
void folio_cli_free(struct folio_cli *cli);

/* Prints `folio --help`. */
void folio_cli_help(void);

/* Runs the conversion or listing @cli asks for; returns the exit status. */
int folio_cli_run(const struct folio_cli *cli);

/* The exit status for a folio_status. */
int folio_cli_status(int code);

/*
 * Checks every -O key against the options its format's plugin declares
 * (loading that plugin), and attaches the bytes of each "file" option.
 * Returns FOLIO_CLI_OK, or an exit status after printing why.
 */
int folio_cli_check_all_options(folio_registry *reg, folio_options *opts);

/* Checks the keys of @opts that start with @desc's name against its declared options. */
int folio_cli_check_options(const folio_plugin_desc *desc, folio_options *opts);

/* Prints the options @format's plugin declares (`--list-options`). */
int folio_cli_list_options(folio_registry *reg, const char *format);

/* An ISO 8601 date or date-time of any precision: 2023, 2023-09, 2023-09-13T10:41Z. */
bool folio_cli_is_date(const char *s);

/* A BCP 47 language tag by its syntax, with a two- or three-letter language. */
bool folio_cli_is_language(const char *s);

/* "512M", "20k", "1G" or a number of bytes, more than 0. */
bool folio_cli_parse_size(const char *s, size_t *out);

/* Prints "folio: <source>:<line>:<col>: <message>", naming @source if @err names none. */
void folio_cli_report(folio_error *err, const char *source);

/* An input read whole into memory: mapped when it is a regular file. */
struct folio_cli_input {
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
int folio_cli_input_read(struct folio_cli_input *in, const char *name, size_t max,
                         folio_error *err);

/* Releases the input's memory. */
void folio_cli_input_release(struct folio_cli_input *in);

/*
 * While a reader works on @in: a SIGBUS in its mapping (the file was
 * truncated under it) jumps to @jump, which the caller set with
 * sigsetjmp(), instead of killing the process. NULL, NULL stops watching.
 */
void folio_cli_input_watch(const struct folio_cli_input *in, sigjmp_buf *jump);

/* folio_oom()'s handler for the command: removes a pending temporary file, exits with 4. */
_Noreturn void folio_cli_exit_oom(void);

/* The name of an input or output in messages: "<stdin>" or "<stdout>" for "-". */
const char *folio_cli_display_name(const char *name, bool output);

/*
 * An output that appears whole or not at all: bytes go to a temporary file
 * beside the target, renamed over it by folio_cli_output_commit(). The
 * standard output streams: writers run only after every input was read,
 * so an input error still prints nothing.
 */
struct folio_cli_output {
    const char *target; /* as given; NULL or "-" for standard output */
    char *path;         /* the file replaced (a symlink's target); owned */
    char *tmp;          /* the temporary file, NULL when writing in place; owned */
    int fd;
    int error;     /* the first errno of a failed write, 0 if none */
    folio_buf buf; /* pending bytes */
};

/* Prepares @out for @target. FOLIO_EIO with @err naming the file. */
int folio_cli_output_open(struct folio_cli_output *out, const char *target, folio_error *err);

/* The sink writers write to. */
folio_sink folio_cli_output_sink(struct folio_cli_output *out);

/* Flushes, syncs and renames over the target. On failure the target is untouched. */
int folio_cli_output_commit(struct folio_cli_output *out, folio_error *err);

/*
 * When a write to @out failed, replaces @err with what the system said
 * (an I/O error naming the output), rather than what the writer made of it.
 */
void folio_cli_output_explain(const struct folio_cli_output *out, folio_error *err);

/* Throws the output away: the temporary file is removed and the target untouched. */
void folio_cli_output_abort(struct folio_cli_output *out);

#endif
