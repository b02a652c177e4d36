/* SPDX-License-Identifier: MIT */
#include "batch.h"
#include "cli.h"

#include <errno.h>
#include <ctype.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum {
    OPT_LIST_FORMATS = 256,
    OPT_VERSION,
    OPT_RESOURCE_PATH,
    OPT_MAX_RESOURCE,
    OPT_LIST_OPTIONS,
    OPT_MAX_INPUT,
    OPT_INPUTS_FROM,
    OPT_FAIL_FAST,
};

static const struct option long_options[] = {
    {"from", required_argument, NULL, 'f'},
    {"read", required_argument, NULL, 'f'},
    {"to", required_argument, NULL, 't'},
    {"write", required_argument, NULL, 't'},
    {"output", required_argument, NULL, 'o'},
    {"output-dir", required_argument, NULL, 'd'},
    {"inputs-from", required_argument, NULL, OPT_INPUTS_FROM},
    {"jobs", required_argument, NULL, 'j'},
    {"fail-fast", no_argument, NULL, OPT_FAIL_FAST},
    {"metadata", required_argument, NULL, 'M'},
    {"option", required_argument, NULL, 'O'},
    {"resource-path", required_argument, NULL, OPT_RESOURCE_PATH},
    {"max-resource-size", required_argument, NULL, OPT_MAX_RESOURCE},
    {"max-input-size", required_argument, NULL, OPT_MAX_INPUT},
    {"list-formats", no_argument, NULL, OPT_LIST_FORMATS},
    {"list-options", required_argument, NULL, OPT_LIST_OPTIONS},
    {"quiet", no_argument, NULL, 'q'},
    {"verbose", no_argument, NULL, 'v'},
    {"version", no_argument, NULL, OPT_VERSION},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

void cli_help(void)
{
    fputs("Usage: folio [OPTIONS] INPUT... [-o OUTPUT | -d DIR]\n"
          "Converts news articles between formats. Several inputs make one digest;\n"
          "with -d DIR, each input is converted on its own into DIR, and one that\n"
          "fails is named while the others go on.\n"
          "An INPUT or OUTPUT of '-' is the standard input or output; without -o the\n"
          "output goes to the standard output, and without INPUT the input is read\n"
          "from the standard input.\n"
          "\n"
          "  -f, --from=FORMAT      read the inputs as FORMAT\n"
          "  -t, --to=FORMAT        write FORMAT\n"
          "  -o, --output=FILE      write to FILE, replacing it only once the\n"
          "                         conversion has succeeded\n"
          "  -d, --output-dir=DIR   write one output per input into DIR, named after\n"
          "                         it (a.txt -> DIR/a.epub), keeping its folders\n"
          "      --inputs-from=FILE\n"
          "                         read more inputs from FILE ('-': the standard\n"
          "                         input), one path a line\n"
          "  -j, --jobs=N           with -d, convert on N threads (default: one per\n"
          "                         processor); the outputs do not depend on N\n"
          "      --fail-fast        with -d, stop at the first input that fails\n"
          "  -M, --metadata=KEY=VALUE\n"
          "                         set a metadata field after reading: title, subtitle,\n"
          "                         date, lang, source, rights, id, description, or\n"
          "                         author (repeatable; replaces the input's authors);\n"
          "                         an empty VALUE removes the field\n"
          "  -O, --option=KEY=VALUE\n"
          "                         set a plugin option (txt.wrap=72)\n"
          "      --resource-path=DIR[:DIR...]\n"
          "                         where to look for pictures an input refers to, after\n"
          "                         the input's own folder (repeatable)\n"
          "      --max-resource-size=SIZE\n"
          "                         refuse pictures larger than SIZE bytes (K, M, G\n"
          "                         suffixes; default 50M)\n"
          "      --max-input-size=SIZE\n"
          "                         refuse inputs larger than SIZE bytes before reading\n"
          "                         them (K, M, G suffixes; default 512M)\n"
          "      --list-formats     list the formats, what each can do, its file name\n"
          "                         extensions and its plugin file\n"
          "      --list-options=FORMAT\n"
          "                         list the -O options of FORMAT\n"
          "  -q, --quiet            do not print warnings\n"
          "  -v, --verbose          say which plugin file each format comes from\n"
          "      --version          print the version and exit\n"
          "  -h, --help             print this help and exit\n"
          "\n"
          "Without -f or -t, the format comes from the file name's extension; an input\n"
          "without a known extension is recognised by its content. Format names are\n"
          "case-insensitive.\n"
          "Plugins are searched in $FOLIO_PLUGIN_PATH (directories separated by ':'),\n"
          "else in the installed plugin directory.\n"
          "\n"
          "Exit status:\n"
          "  0  success\n"
          "  1  an input breaks its format (the message gives file:line:column);\n"
          "     with -d, any input failed\n"
          "  2  usage error (also a bad -O value)\n"
          "  3  no plugin for a format, an invalid plugin, or a missing capability\n"
          "  4  an input cannot be read or the output cannot be written\n",
          stdout);
    folio_registry *reg = folio_registry_new(NULL);
    printf("\nPlugin path: %s\n", folio_registry_path(reg));
    folio_registry_free(reg);
}

static int usage(const char *fmt, ...) FOLIO_PRINTF(1, 2);

static int usage(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("folio: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\nTry 'folio --help' for more information.\n", stderr);
    return CLI_EUSAGE;
}

static bool is_author_key(const char *key)
{
    return strcmp(key, "author") == 0 || strcmp(key, "authors") == 0;
}

/* The key is one folio knows, and a date or language is one by its syntax. */
static int check_meta(const char *key, const char *value)
{
    if (!is_author_key(key) && folio_meta_key_from_name(key) == FOLIO_META_COUNT)
        return usage("unknown metadata key '%s': use title, subtitle, date, lang, source, "
                     "rights, id, description or author",
                     key);
    if (!*value)
        return CLI_OK; /* removes the field */
    if (strcmp(key, "date") == 0 && !cli_is_date(value))
        return usage("-M date=%s is not an ISO 8601 date (2023-09-13, 2023-09, or "
                     "2023-09-13T10:41:00+02:00)",
                     value);
    if (strcmp(key, "lang") == 0 && !cli_is_language(value))
        return usage("-M lang=%s is not a BCP 47 language tag (nb, nn, en-GB, ...)", value);
    return CLI_OK;
}

static int add_meta(struct cli *cli, const char *arg)
{
    const char *eq = strchr(arg, '=');
    if (!eq || eq == arg)
        return usage("-M needs KEY=VALUE, not '%s'", arg);
    char *key = strndup(arg, (size_t)(eq - arg));
    if (!key)
        folio_oom();
    int status = check_meta(key, eq + 1);
    if (status == CLI_OK) {
        /* The pairs as given, for folio_doc_apply_meta(); NULL-terminated. */
        const char **meta = realloc(cli->meta, (cli->n_meta + 2) * sizeof *meta);
        if (!meta)
            folio_oom();
        cli->meta = meta;
        meta[cli->n_meta++] = arg;
        meta[cli->n_meta] = NULL;
        char option[96];
        snprintf(option, sizeof option, "meta.%s", key);
        folio_options_set(cli->opts, option, eq + 1);
    }
    free(key);
    return status;
}

static int add_option(struct cli *cli, const char *arg)
{
    folio_error err = {0};
    if (folio_options_parse(cli->opts, arg, &err) < 0)
        return usage("-O needs KEY=VALUE, not '%s'", arg);
    return CLI_OK;
}

/* Each folder of a ':'-separated list, in order. */
static void add_resource_path(struct cli *cli, const char *arg)
{
    for (const char *p = arg; *p;) {
        size_t len = strcspn(p, ":");
        if (len > 0) {
            char *dir = strndup(p, len);
            if (!dir)
                folio_oom();
            folio_resolver_add_path(cli->resolver, dir);
            free(dir);
        }
        p += len + (p[len] == ':');
    }
}

static int set_max_resource(struct cli *cli, const char *arg)
{
    size_t max;
    if (!cli_parse_size(arg, &max))
        return usage("--max-resource-size needs a size such as 20M, not '%s'", arg);
    folio_resolver_set_max_size(cli->resolver, max);
    return CLI_OK;
}

/* -j N: a positive number of threads; more than 1,024 is surely a typo. */
static int set_jobs(struct cli *cli, const char *arg)
{
    char *end;
    errno = 0;
    unsigned long n = strtoul(arg, &end, 10);
    if (errno || end == arg || *end || n == 0 || n > 1024 || *arg == '-' || *arg == '+')
        return usage("-j needs a number of threads from 1 to 1024, not '%s'", arg);
    cli->jobs = (unsigned)n;
    return CLI_OK;
}

static int add_inputs_from(struct cli *cli, const char *arg)
{
    folio_error err = {0};
    char *text = NULL;
    char **lists = realloc(cli->input_lists, (cli->n_input_lists + 1) * sizeof *lists);
    if (!lists)
        folio_oom();
    cli->input_lists = lists;
    if (batch_read_list(arg, &text, &cli->listed, &cli->n_listed, &err) < 0) {
        cli_report(&err, NULL);
        return CLI_EIO;
    }
    if (text)
        lists[cli->n_input_lists++] = text;
    cli->stdin_listed |= strcmp(arg, "-") == 0;
    return CLI_OK;
}

static int set_max_input(struct cli *cli, const char *arg)
{
    if (!cli_parse_size(arg, &cli->max_input))
        return usage("--max-input-size needs a size such as 512M, not '%s'", arg);
    return CLI_OK;
}

/* Format names are lower case; -t EPUB means epub, as in pandoc. */
static char *lower_dup(const char *s)
{
    char *copy = strdup(s);
    if (!copy)
        folio_oom();
    for (char *p = copy; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return copy;
}

static int take(struct cli *cli, int c, const char *arg)
{
    switch (c) {
    case 'f':
        free(cli->from);
        cli->from = lower_dup(arg);
        return CLI_OK;
    case 't':
        free(cli->to);
        cli->to = lower_dup(arg);
        return CLI_OK;
    case 'o':
        if (!*arg)
            return usage("%s", "-o needs a file name ('-' for the standard output)");
        cli->output = arg;
        return CLI_OK;
    case 'd':
        if (!*arg)
            return usage("%s", "-d needs a folder name");
        cli->output_dir = arg;
        return CLI_OK;
    case 'j':
        return set_jobs(cli, arg);
    case OPT_INPUTS_FROM:
        return add_inputs_from(cli, arg);
    case OPT_FAIL_FAST:
        cli->fail_fast = true;
        return CLI_OK;
    case 'M':
        return add_meta(cli, arg);
    case 'O':
        return add_option(cli, arg);
    case 'q':
        cli->quiet = true;
        return CLI_OK;
    case 'v':
        cli->verbose = true;
        return CLI_OK;
    case 'h':
        cli->help = true;
        return CLI_OK;
    case OPT_LIST_FORMATS:
        cli->list_formats = true;
        return CLI_OK;
    case OPT_LIST_OPTIONS:
        cli->list_options = arg;
        return CLI_OK;
    case OPT_RESOURCE_PATH:
        add_resource_path(cli, arg);
        return CLI_OK;
    case OPT_MAX_RESOURCE:
        return set_max_resource(cli, arg);
    case OPT_MAX_INPUT:
        return set_max_input(cli, arg);
    case OPT_VERSION:
        cli->version = true;
        return CLI_OK;
    default:
        return CLI_EUSAGE;
    }
}

/* The inputs after the options; standard input stands in when none is named. */
/* The inputs after the options, then the --inputs-from ones; standard input when none. */
static int take_inputs(struct cli *cli, int argc, char **argv)
{
    size_t named = (size_t)(argc - optind), stdin_count = cli->stdin_listed;
    bool listing = cli->n_input_lists > 0 || cli->stdin_listed;
    cli->n_inputs = named + cli->n_listed;
    cli->inputs = malloc((cli->n_inputs + 1) * sizeof *cli->inputs);
    if (!cli->inputs)
        folio_oom();
    memcpy(cli->inputs, argv + optind, named * sizeof *cli->inputs);
    if (cli->n_listed)
        memcpy(cli->inputs + named, cli->listed, cli->n_listed * sizeof *cli->inputs);
    if (cli->n_inputs == 0 && !cli->help && !cli->version && !cli->list_formats &&
        !cli->list_options) {
        if (listing)
            return usage("%s", "no input: the --inputs-from list is empty");
        if (isatty(STDIN_FILENO))
            return usage("%s", "no input: name a file, or '-' for the standard input");
        cli->inputs[cli->n_inputs++] = "-";
    }
    for (size_t i = 0; i < cli->n_inputs; i++)
        stdin_count += strcmp(cli->inputs[i], "-") == 0;
    if (stdin_count > 1)
        return usage("%s", "the standard input ('-') can be read only once");
    return CLI_OK;
}

int cli_parse(struct cli *cli, int argc, char **argv)
{
    *cli = (struct cli){.opts = folio_options_new(),
                        .resolver = folio_resolver_new(),
                        .max_input = CLI_MAX_INPUT_DEFAULT};
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":f:t:o:d:j:M:O:qvh", long_options, NULL)) != -1) {
        int status = CLI_OK;
        if (c == ':')
            status = usage("option '%s' needs a value", argv[optind - 1]);
        else if (c == '?' && optopt)
            status = usage("unknown option '-%c'", optopt);
        else if (c == '?')
            status = usage("unknown option '%s'", argv[optind - 1]);
        else
            status = take(cli, c, optarg);
        if (status != CLI_OK)
            return status;
    }
    return take_inputs(cli, argc, argv);
}

void cli_free(struct cli *cli)
{
    free(cli->meta);
    free(cli->inputs);
    free(cli->listed);
    for (size_t i = 0; i < cli->n_input_lists; i++)
        free(cli->input_lists[i]);
    free(cli->input_lists);
    free(cli->from);
    free(cli->to);
    folio_options_free(cli->opts);
    folio_resolver_free(cli->resolver);
}
