/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <folio/options.h>

typedef struct pair {
    char *key;
    char *value;
    unsigned char *file; /* the bytes of the file a "file" option names, or NULL */
    size_t file_len;
} pair;

struct folio_options {
    pair *pairs;
    size_t count;
    size_t cap;
    folio_warning_fn warn;
    void *warn_ctx;
};

static char *dup_or_die(const char *s, size_t len)
{
    char *p = malloc(len + 1);
    if (!p)
        folio_oom();
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

folio_options *folio_options_new(void)
{
    folio_options *o = calloc(1, sizeof *o);
    if (!o)
        folio_oom();
    return o;
}

void folio_options_free(folio_options *opts)
{
    if (!opts)
        return;
    for (size_t i = 0; i < opts->count; i++) {
        free(opts->pairs[i].key);
        free(opts->pairs[i].value);
        free(opts->pairs[i].file);
    }
    free(opts->pairs);
    free(opts);
}

static pair *find(const folio_options *opts, const char *key)
{
    for (size_t i = 0; opts && i < opts->count; i++) {
        if (strcmp(opts->pairs[i].key, key) == 0)
            return &opts->pairs[i];
    }
    return NULL;
}

static void set_n(folio_options *opts, const char *key, size_t key_len, const char *value)
{
    char *v = dup_or_die(value, strlen(value));
    for (size_t i = 0; i < opts->count; i++) {
        pair *p = &opts->pairs[i];
        if (strlen(p->key) == key_len && memcmp(p->key, key, key_len) == 0) {
            free(p->value);
            free(p->file);
            p->value = v;
            p->file = NULL;
            p->file_len = 0;
            return;
        }
    }
    if (opts->count == opts->cap) {
        size_t cap = opts->cap ? 2 * opts->cap : 8;
        pair *pairs = realloc(opts->pairs, cap * sizeof *pairs);
        if (!pairs)
            folio_oom();
        opts->pairs = pairs;
        opts->cap = cap;
    }
    opts->pairs[opts->count++] = (pair){.key = dup_or_die(key, key_len), .value = v};
}

void folio_options_set(folio_options *opts, const char *key, const char *value)
{
    set_n(opts, key, strlen(key), value);
}

int folio_options_parse(folio_options *opts, const char *text, folio_error *err)
{
    const char *eq = strchr(text, '=');
    if (!eq)
        return folio_error_set(err, FOLIO_EOPTION, "option '%s' is not key=value", text);
    if (eq == text)
        return folio_error_set(err, FOLIO_EOPTION, "option '%s' has no key", text);
    set_n(opts, text, (size_t)(eq - text), eq + 1);
    return FOLIO_OK;
}

const char *folio_options_get(const folio_options *opts, const char *key, const char *fallback)
{
    pair *p = find(opts, key);
    return p ? p->value : fallback;
}

int folio_options_get_uint(const folio_options *opts, const char *key, unsigned fallback,
                           unsigned min, unsigned max, unsigned *out, folio_error *err)
{
    *out = fallback;
    const char *v = folio_options_get(opts, key, NULL);
    if (!v)
        return FOLIO_OK;
    char *end;
    errno = 0;
    unsigned long n = strtoul(v, &end, 10);
    if (v[0] < '0' || v[0] > '9' || *end || errno || n < min || n > max)
        return folio_error_set(err, FOLIO_EOPTION,
                               "option %s=%s: expected a whole number from %u to %u", key, v, min,
                               max);
    *out = (unsigned)n;
    return FOLIO_OK;
}

int folio_options_get_bool(const folio_options *opts, const char *key, bool fallback, bool *out,
                           folio_error *err)
{
    static const char *const yes[] = {"true", "yes", "on", "1"};
    static const char *const no[] = {"false", "no", "off", "0"};
    *out = fallback;
    const char *v = folio_options_get(opts, key, NULL);
    if (!v)
        return FOLIO_OK;
    for (size_t i = 0; i < 4; i++) {
        if (strcasecmp(v, yes[i]) == 0)
            return *out = true, FOLIO_OK;
        if (strcasecmp(v, no[i]) == 0)
            return *out = false, FOLIO_OK;
    }
    return folio_error_set(err, FOLIO_EOPTION, "option %s=%s: expected true or false", key, v);
}

int folio_options_foreach(const folio_options *opts,
                          int (*fn)(const char *key, const char *value, void *ctx), void *ctx)
{
    for (size_t i = 0; opts && i < opts->count; i++) {
        int rc = fn(opts->pairs[i].key, opts->pairs[i].value, ctx);
        if (rc)
            return rc;
    }
    return 0;
}

void folio_options_set_file(folio_options *opts, const char *key, const void *data, size_t len)
{
    pair *p = find(opts, key);
    if (!p) {
        set_n(opts, key, strlen(key), "");
        p = find(opts, key);
    }
    free(p->file);
    p->file = malloc(len ? len : 1);
    if (!p->file)
        folio_oom();
    if (len)
        memcpy(p->file, data, len);
    p->file_len = len;
}

const unsigned char *folio_options_get_file(const folio_options *opts, const char *key, size_t *len)
{
    pair *p = find(opts, key);
    *len = p && p->file ? p->file_len : 0;
    return p ? p->file : NULL;
}

void folio_options_set_warning_handler(folio_options *opts, folio_warning_fn fn, void *ctx)
{
    opts->warn = fn;
    opts->warn_ctx = ctx;
}

static void vwarn(const folio_options *opts, folio_error *w, const char *fmt, va_list ap)
{
    w->code = FOLIO_OK;
    vsnprintf(w->message, sizeof w->message, fmt, ap);
    opts->warn(w, opts->warn_ctx);
}

void folio_warn(const folio_options *opts, const char *fmt, ...)
{
    if (!opts || !opts->warn)
        return;
    folio_error w = {0};
    va_list ap;
    va_start(ap, fmt);
    vwarn(opts, &w, fmt, ap);
    va_end(ap);
}

void folio_warn_at(const folio_options *opts, const char *source, unsigned line, unsigned column,
                   const char *fmt, ...)
{
    if (!opts || !opts->warn)
        return;
    folio_error w = {.line = line, .column = column};
    if (source)
        folio_error_set_source(&w, source);
    va_list ap;
    va_start(ap, fmt);
    vwarn(opts, &w, fmt, ap);
    va_end(ap);
}

void folio_warn_offset(const folio_options *opts, const unsigned char *data, size_t len,
                       size_t offset, const char *fmt, ...)
{
    if (!opts || !opts->warn)
        return;
    folio_error w = {0};
    folio_position(data, len, offset, &w.line, &w.column);
    va_list ap;
    va_start(ap, fmt);
    vwarn(opts, &w, fmt, ap);
    va_end(ap);
}
