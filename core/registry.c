/* SPDX-License-Identifier: MIT */
#include <folio/registry.h>

#include <dirent.h>
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef FOLIO_PLUGINDIR
#error "core/meson.build passes FOLIO_PLUGINDIR, the installed plugin directory"
#endif

/* Format names become file names: this bound keeps "<dir>/<name>.so" in PATH_MAX. */
#define NAME_MAX_LEN 64

struct plugin {
    char *file;
    void *handle;
    const folio_plugin_desc *desc;
};

struct folio_registry {
    char *path;
    struct plugin *plugins;
    size_t count, cap;
};

/* The plugin files of the search path, one per format name, sorted by name. */
struct listing {
    char **files;
    size_t count, cap;
};

static char *dup(const char *s)
{
    char *p = strdup(s);
    if (!p)
        folio_oom();
    return p;
}

static void *grow(void *p, size_t *cap, size_t size)
{
    *cap = *cap ? *cap * 2 : 8;
    p = realloc(p, *cap * size);
    if (!p)
        folio_oom();
    return p;
}

/* Lower-case letters, digits, '-' and '_': a name never leaves the plugin directories. */
static bool valid_name(const char *name, size_t len)
{
    if (len == 0 || len > NAME_MAX_LEN)
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return false;
    }
    return true;
}

static const char *base_name(const char *file)
{
    const char *slash = strrchr(file, '/');
    return slash ? slash + 1 : file;
}

/* The format name a file must carry: its base name without ".so". */
static bool name_matches_file(const char *name, const char *file)
{
    const char *base = base_name(file);
    size_t len = strlen(base);
    if (len > 3 && strcmp(base + len - 3, ".so") == 0)
        len -= 3;
    return strlen(name) == len && strncmp(name, base, len) == 0;
}

folio_registry *folio_registry_new(const char *path)
{
    if (!path) {
        path = getenv("FOLIO_PLUGIN_PATH");
        if (!path || !*path)
            path = FOLIO_PLUGINDIR;
    }
    folio_registry *reg = calloc(1, sizeof *reg);
    if (!reg)
        folio_oom();
    reg->path = dup(path);
    return reg;
}

void folio_registry_free(folio_registry *reg)
{
    if (!reg)
        return;
    for (size_t i = 0; i < reg->count; i++) {
        dlclose(reg->plugins[i].handle);
        free(reg->plugins[i].file);
    }
    free(reg->plugins);
    free(reg->path);
    free(reg);
}

const char *folio_registry_path(const folio_registry *reg)
{
    return reg->path;
}

const char *folio_registry_file(const folio_registry *reg, const folio_plugin_desc *desc)
{
    for (size_t i = 0; i < reg->count; i++) {
        if (reg->plugins[i].desc == desc)
            return reg->plugins[i].file;
    }
    return NULL;
}

static int check_side(const char *file, const char *side, const char *fn, const char *media_type,
                      bool has_fn, const char *const *extensions, folio_error *err)
{
    if (!media_type || !*media_type)
        return folio_error_set(err, FOLIO_EPLUGIN, "%s: %s has no media type", file, side);
    if (!has_fn)
        return folio_error_set(err, FOLIO_EPLUGIN, "%s: %s has no %s function", file, side, fn);
    if (!extensions)
        return folio_error_set(err, FOLIO_EPLUGIN, "%s: %s has no extension list", file, side);
    for (const char *const *e = extensions; *e; e++) {
        /* Extensions are matched after lower-casing the file's: "JPG" could never match. */
        size_t len = strlen(*e);
        if (len == 0 || strspn(*e, "abcdefghijklmnopqrstuvwxyz0123456789") != len)
            return folio_error_set(err, FOLIO_EPLUGIN,
                                   "%s: %s extension '%.32s' is not lower-case letters and digits",
                                   file, side, *e);
    }
    return FOLIO_OK;
}

/* The checks of registry.h, in the order that makes each later one safe to run. */
static int check_desc(const folio_plugin_desc *desc, const char *file, folio_error *err)
{
    if (desc->abi != FOLIO_PLUGIN_ABI)
        return folio_error_set(err, FOLIO_EPLUGIN, "%s: built for ABI %u, this folio has ABI %u",
                               file, (unsigned)desc->abi, FOLIO_PLUGIN_ABI);
    if (!desc->name)
        return folio_error_set(err, FOLIO_EPLUGIN, "%s: plugin has no name", file);
    if (!name_matches_file(desc->name, file))
        return folio_error_set(err, FOLIO_EPLUGIN,
                               "%s: plugin is named '%.64s', which does not match its file name",
                               file, desc->name);
    if (!desc->reader && !desc->writer)
        return folio_error_set(err, FOLIO_EPLUGIN, "%s: plugin has neither reader nor writer",
                               file);
    const folio_reader *r = desc->reader;
    int rc;
    if (r && (rc = check_side(file, "reader", "read", r->media_type, r->read != NULL, r->extensions,
                              err)) < 0)
        return rc;
    const folio_writer *w = desc->writer;
    if (w && (rc = check_side(file, "writer", "write", w->media_type, w->write != NULL,
                              w->extensions, err)) < 0)
        return rc;
    return FOLIO_OK;
}

static const struct plugin *find_loaded(const folio_registry *reg, const char *file,
                                        const void *handle)
{
    for (size_t i = 0; i < reg->count; i++) {
        const struct plugin *p = &reg->plugins[i];
        if ((file && strcmp(p->file, file) == 0) || (handle && p->handle == handle))
            return p;
    }
    return NULL;
}

/* Without a '/', dlopen would search the library path instead of this file. */
static const char *file_path(const char *file, char *local, size_t size)
{
    if (strchr(file, '/'))
        return file;
    snprintf(local, size, "./%s", file);
    return local;
}

static void *open_file(const char *file, folio_error *err)
{
    char local[PATH_MAX];
    void *handle = dlopen(file_path(file, local, sizeof local), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        /* dlerror() mostly starts with the path already: name it once. */
        const char *why = dlerror();
        size_t n = strlen(file);
        if (why && strncmp(why, file, n) == 0 && strncmp(why + n, ": ", 2) == 0)
            why += n + 2;
        folio_error_set(err, FOLIO_EPLUGIN, "%s: %s", file, why ? why : "cannot be loaded");
    }
    return handle;
}

int folio_registry_load_file(const folio_plugin_desc **out, folio_registry *reg, const char *file,
                             folio_error *err)
{
    *out = NULL;
    char local_path[PATH_MAX];
    const struct plugin *known = find_loaded(reg, file, NULL);
    if (known) {
        *out = known->desc;
        return FOLIO_OK;
    }
    void *handle = open_file(file, err);
    if (!handle)
        return FOLIO_EPLUGIN;
    /* The same object reached by another path (a symlink) is the same plugin. */
    if ((known = find_loaded(reg, NULL, handle))) {
        dlclose(handle);
        *out = known->desc;
        return FOLIO_OK;
    }
    dlerror();
    const folio_plugin_desc *desc = dlsym(handle, FOLIO_PLUGIN_SYMBOL);
    int rc = desc ? check_desc(desc, file, err)
                  : folio_error_set(err, FOLIO_EPLUGIN, "%s: no '%s' symbol: not a folio plugin",
                                    file, FOLIO_PLUGIN_SYMBOL);
    if (rc < 0) {
        dlclose(handle); /* only a rejected file is ever unloaded */
        return rc;
    }
    /*
     * An accepted plugin stays in memory until the process ends, as
     * GStreamer keeps its modules: unloading libxml2, cairo or pango, which
     * keep global state and threads, is not safe. RTLD_NOLOAD re-opens the
     * loaded object with the flag; the extra reference is dropped with it.
     */
    void *pinned = dlopen(file_path(file, local_path, sizeof local_path),
                          RTLD_NOW | RTLD_LOCAL | RTLD_NOLOAD | RTLD_NODELETE);
    if (pinned)
        dlclose(pinned);
    if (reg->count == reg->cap)
        reg->plugins = grow(reg->plugins, &reg->cap, sizeof *reg->plugins);
    reg->plugins[reg->count++] = (struct plugin){.file = dup(file), .handle = handle, .desc = desc};
    *out = desc;
    return FOLIO_OK;
}

/* Splits the search path; calls @fn for each non-empty directory until it returns true. */
static bool each_dir(const char *path, bool (*fn)(const char *dir, void *ctx), void *ctx)
{
    char dir[PATH_MAX];
    for (const char *p = path; *p;) {
        size_t len = strcspn(p, ":");
        if (len > 0 && len < sizeof dir) {
            memcpy(dir, p, len);
            dir[len] = '\0';
            if (fn(dir, ctx))
                return true;
        }
        p += len;
        if (*p == ':')
            p++;
    }
    return false;
}

struct lookup {
    const char *name;
    char file[PATH_MAX];
};

static bool has_plugin_file(const char *dir, void *ctx)
{
    struct lookup *l = ctx;
    struct stat st;
    int n = snprintf(l->file, sizeof l->file, "%s/%s.so", dir, l->name);
    return n > 0 && (size_t)n < sizeof l->file && stat(l->file, &st) == 0;
}

static int check_need(const folio_plugin_desc *desc, const char *file, unsigned need,
                      folio_error *err)
{
    if ((need & FOLIO_CAN_READ) && !desc->reader)
        return folio_error_set(err, FOLIO_EUNSUPPORTED, "%s cannot read", file);
    if ((need & FOLIO_CAN_WRITE) && !desc->writer)
        return folio_error_set(err, FOLIO_EUNSUPPORTED, "%s cannot write", file);
    return FOLIO_OK;
}

int folio_registry_load(const folio_plugin_desc **out, folio_registry *reg, const char *name,
                        unsigned need, folio_error *err)
{
    *out = NULL;
    if (!valid_name(name, strlen(name)))
        return folio_error_set(err, FOLIO_EUNSUPPORTED,
                               "'%.64s' is not a format name (lower-case letters, digits, '-', "
                               "'_')",
                               name);
    struct lookup l = {.name = name};
    if (!each_dir(reg->path, has_plugin_file, &l))
        return folio_error_set(err, FOLIO_EUNSUPPORTED, "no plugin for format '%s' in %s", name,
                               reg->path);
    const folio_plugin_desc *desc;
    int rc = folio_registry_load_file(&desc, reg, l.file, err);
    if (rc < 0)
        return rc;
    if ((rc = check_need(desc, l.file, need, err)) < 0)
        return rc;
    *out = desc;
    return FOLIO_OK;
}

static bool listing_has(const struct listing *ls, const char *name, size_t len)
{
    for (size_t i = 0; i < ls->count; i++) {
        const char *base = base_name(ls->files[i]);
        if (strncmp(base, name, len) == 0 && strcmp(base + len, ".so") == 0)
            return true;
    }
    return false;
}

static bool list_dir(const char *dir, void *ctx)
{
    struct listing *ls = ctx;
    DIR *d = opendir(dir);
    if (!d)
        return false;
    const struct dirent *e;
    char file[PATH_MAX];
    struct stat st;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len <= 3 || strcmp(e->d_name + len - 3, ".so") != 0 ||
            !valid_name(e->d_name, len - 3) || listing_has(ls, e->d_name, len - 3))
            continue;
        int n = snprintf(file, sizeof file, "%s/%s", dir, e->d_name);
        if (n < 0 || (size_t)n >= sizeof file || stat(file, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        if (ls->count == ls->cap)
            ls->files = grow(ls->files, &ls->cap, sizeof *ls->files);
        ls->files[ls->count++] = dup(file);
    }
    closedir(d);
    return false;
}

static int by_base_name(const void *a, const void *b)
{
    return strcmp(base_name(*(char *const *)a), base_name(*(char *const *)b));
}

static void list_plugins(struct listing *ls, const folio_registry *reg)
{
    *ls = (struct listing){0};
    each_dir(reg->path, list_dir, ls);
    if (ls->count)
        qsort(ls->files, ls->count, sizeof *ls->files, by_base_name);
}

static void listing_free(struct listing *ls)
{
    for (size_t i = 0; i < ls->count; i++)
        free(ls->files[i]);
    free(ls->files);
}

int folio_registry_foreach(folio_registry *reg,
                           int (*fn)(const folio_plugin_desc *desc, const char *file,
                                     const folio_error *load_error, void *ctx),
                           void *ctx)
{
    struct listing ls;
    list_plugins(&ls, reg);
    int rc = 0;
    for (size_t i = 0; i < ls.count && rc == 0; i++) {
        const folio_plugin_desc *desc;
        folio_error err = {0};
        bool ok = folio_registry_load_file(&desc, reg, ls.files[i], &err) == FOLIO_OK;
        rc = fn(ok ? desc : NULL, ls.files[i], ok ? NULL : &err, ctx);
    }
    listing_free(&ls);
    return rc;
}

static bool claims(const char *const *extensions, const char *ext)
{
    for (; extensions && *extensions; extensions++) {
        if (strcmp(*extensions, ext) == 0)
            return true;
    }
    return false;
}

static bool claims_for(const folio_plugin_desc *desc, const char *ext, unsigned need)
{
    bool r = desc->reader && claims(desc->reader->extensions, ext);
    bool w = desc->writer && claims(desc->writer->extensions, ext);
    if (need == 0)
        return r || w;
    return (!(need & FOLIO_CAN_READ) || r) && (!(need & FOLIO_CAN_WRITE) || w);
}

struct ext_search {
    const char *ext;
    unsigned need;
    const folio_plugin_desc *found;
};

/* Invalid plugins are skipped: one broken file must not hide the others' extensions. */
static int consult(const folio_plugin_desc *desc, const char *file, const folio_error *load_error,
                   void *ctx)
{
    struct ext_search *s = ctx;
    (void)file;
    (void)load_error;
    if (desc && claims_for(desc, s->ext, s->need)) {
        s->found = desc;
        return 1;
    }
    return 0;
}

/* The extension of @filename's base name, lower-cased into @ext; false if it has none. */
static bool extension_of(const char *filename, char *ext, size_t size)
{
    const char *dot = strrchr(base_name(filename), '.');
    if (!dot || dot[1] == '\0' || strlen(dot + 1) >= size)
        return false;
    size_t i = 0;
    for (const char *p = dot + 1; *p; p++)
        ext[i++] = (*p >= 'A' && *p <= 'Z') ? (char)(*p - 'A' + 'a') : *p;
    ext[i] = '\0';
    return true;
}

int folio_registry_find_by_extension(const folio_plugin_desc **out, folio_registry *reg,
                                     const char *filename, unsigned need, folio_error *err)
{
    *out = NULL;
    char ext[NAME_MAX_LEN + 1];
    if (!extension_of(filename, ext, sizeof ext))
        return folio_error_set(err, FOLIO_EUNSUPPORTED, "%s has no file name extension", filename);
    /* A plugin named like the extension that lacks @need says more than "none" would. */
    folio_error named = {0};
    bool lacking = false;
    if (valid_name(ext, strlen(ext))) {
        int rc = folio_registry_load(out, reg, ext, 0, &named);
        if (rc == FOLIO_EPLUGIN) {
            if (err)
                *err = named;
            return rc;
        }
        if (rc == FOLIO_OK) {
            if (check_need(*out, folio_registry_file(reg, *out), need, &named) == FOLIO_OK)
                return FOLIO_OK;
            lacking = true;
            *out = NULL;
        }
    }
    struct ext_search s = {.ext = ext, .need = need};
    folio_registry_foreach(reg, consult, &s);
    if (s.found) {
        *out = s.found;
        return FOLIO_OK;
    }
    if (lacking) {
        if (err)
            *err = named;
        return named.code;
    }
    return folio_error_set(err, FOLIO_EUNSUPPORTED, "no plugin for extension '.%s' in %s", ext,
                           reg->path);
}

struct sniffing {
    const unsigned char *data;
    size_t len;
    const folio_plugin_desc *best;
    int score;
};

static int ask(const folio_plugin_desc *desc, const char *file, const folio_error *load_error,
               void *ctx)
{
    struct sniffing *s = ctx;
    (void)file;
    (void)load_error;
    if (!desc || !desc->reader || !desc->reader->sniff)
        return 0;
    int score = desc->reader->sniff(s->data, s->len);
    if (score > s->score) {
        s->score = score;
        s->best = desc;
    }
    return 0;
}

int folio_registry_sniff(const folio_plugin_desc **out, folio_registry *reg,
                         const unsigned char *data, size_t len, folio_error *err)
{
    struct sniffing s = {.data = data, .len = len};
    folio_registry_foreach(reg, ask, &s);
    *out = s.best;
    if (!s.best)
        return folio_error_set(err, FOLIO_EUNSUPPORTED, "no plugin in %s recognises the input",
                               reg->path);
    return FOLIO_OK;
}
