/* SPDX-License-Identifier: MIT */
#include "cli.h"

#include <stdio.h>
#include <string.h>

/* The edit distance of @a and @b, capped at 9: enough to name the nearest key. */
static unsigned distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 40 || lb > 40)
        return 9;
    unsigned row[41];
    for (size_t j = 0; j <= lb; j++)
        row[j] = (unsigned)j;
    for (size_t i = 1; i <= la; i++) {
        unsigned diag = row[0];
        row[0] = (unsigned)i;
        for (size_t j = 1; j <= lb; j++) {
            unsigned up = row[j];
            unsigned best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb] > 9 ? 9 : row[lb];
}

static const folio_option_spec *find_spec(const folio_plugin_desc *desc, const char *name)
{
    for (const folio_option_spec *o = desc->options; o && o->name; o++) {
        if (strcmp(o->name, name) == 0)
            return o;
    }
    return NULL;
}

static int unknown_key(const folio_plugin_desc *desc, const char *key, const char *name)
{
    const folio_option_spec *nearest = NULL;
    unsigned best = 4; /* farther than this is no typo */
    for (const folio_option_spec *o = desc->options; o && o->name; o++) {
        unsigned d = distance(name, o->name);
        if (d < best) {
            best = d;
            nearest = o;
        }
    }
    if (nearest)
        fprintf(stderr, "folio: unknown option '%s': did you mean '%s.%s'?\n", key, desc->name,
                nearest->name);
    else if (desc->options && desc->options->name)
        fprintf(stderr, "folio: unknown option '%s' (folio --list-options %s lists them)\n", key,
                desc->name);
    else
        fprintf(stderr, "folio: unknown option '%s': the %s format takes no options\n", key,
                desc->name);
    return CLI_EUSAGE;
}

/* Reads the file a "file" option names and attaches its bytes for the plugin. */
static int attach_file(folio_options *opts, const char *key, const char *path)
{
    struct cli_input in;
    folio_error err = {0};
    if (cli_input_read(&in, path, CLI_MAX_INPUT_DEFAULT, &err) < 0) {
        cli_report(&err, NULL);
        return CLI_EIO;
    }
    folio_options_set_file(opts, key, in.data, in.len);
    cli_input_release(&in);
    return CLI_OK;
}

struct check {
    const folio_plugin_desc *desc;
    folio_options *opts;
    size_t prefix;
};

static int check_one(const char *key, const char *value, void *ctx)
{
    struct check *c = ctx;
    if (strncmp(key, c->desc->name, c->prefix) != 0 || key[c->prefix] != '.')
        return 0;
    const char *name = key + c->prefix + 1;
    const folio_option_spec *spec = find_spec(c->desc, name);
    if (!spec)
        return unknown_key(c->desc, key, name);
    if (spec->type && strcmp(spec->type, "file") == 0 && *value) {
        size_t len;
        if (!folio_options_get_file(c->opts, key, &len))
            return attach_file(c->opts, key, value);
    }
    return 0;
}

int cli_check_options(const folio_plugin_desc *desc, folio_options *opts)
{
    struct check c = {.desc = desc, .opts = opts, .prefix = strlen(desc->name)};
    return folio_options_foreach(opts, check_one, &c);
}

struct prefixes {
    folio_registry *reg;
    folio_options *opts;
};

static int check_prefix(const char *key, const char *value, void *ctx)
{
    (void)value;
    struct prefixes *p = ctx;
    const char *dot = strchr(key, '.');
    if (!dot || dot == key) {
        fprintf(stderr, "folio: option '%s' names no format: write FORMAT.%s (txt.wrap=72)\n", key,
                key);
        return CLI_EUSAGE;
    }
    if (strncmp(key, "meta.", 5) == 0)
        return 0;
    char format[64];
    snprintf(format, sizeof format, "%.*s", (int)(dot - key), key);
    const folio_plugin_desc *desc;
    folio_error err = {0};
    if (folio_registry_load(&desc, p->reg, format, 0, &err) < 0) {
        fprintf(stderr, "folio: option '%s': no format '%s' (folio --list-formats)\n", key, format);
        return CLI_EUSAGE;
    }
    return cli_check_options(desc, p->opts);
}

int cli_check_all_options(folio_registry *reg, folio_options *opts)
{
    struct prefixes p = {.reg = reg, .opts = opts};
    return folio_options_foreach(opts, check_prefix, &p);
}

/* One plugin's options for --list-options. */
int cli_list_options(folio_registry *reg, const char *format)
{
    const folio_plugin_desc *desc;
    folio_error err = {0};
    if (folio_registry_load(&desc, reg, format, 0, &err) < 0) {
        cli_report(&err, NULL);
        return cli_status(err.code);
    }
    if (!desc->options || !desc->options->name)
        printf("%s takes no options\n", desc->name);
    for (const folio_option_spec *o = desc->options; o && o->name; o++) {
        char key[80];
        snprintf(key, sizeof key, "%s.%s", desc->name, o->name);
        printf("  %-22s %-7s %-16s %s\n", key, o->type ? o->type : "string",
               o->range ? o->range : "", o->help ? o->help : "");
    }
    return CLI_OK;
}
