/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE /* dladdr() */
#include "epub.h"
#include "epubw.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

/*
 * Modules of the epub plugin that are opened on first use, found beside
 * the plugin's own file (the html plugin's reader does the same). Their
 * names do not end in ".so", so the registry never takes them for formats.
 * dlopen() of a module already open only counts a reference, and
 * RTLD_NODELETE keeps it and its libraries mapped: fontconfig and pango
 * keep state that must not be unloaded under them. Nothing is kept here.
 */
const void *epub_module_symbol(const char *name, const char *symbol, folio_error *err)
{
    Dl_info self;
    char path[4096];
    if (!dladdr((const void *)&epub_writer, &self) || !self.dli_fname) {
        folio_error_set(err, FOLIO_EPLUGIN, "epub: cannot find the epub plugin's own file");
        return NULL;
    }
    const char *slash = strrchr(self.dli_fname, '/');
    int dir = slash ? (int)(slash - self.dli_fname) : 1;
    const char *base = slash ? self.dli_fname : ".";
    if (snprintf(path, sizeof path, "%.*s/%s", dir, base, name) >= (int)sizeof path) {
        folio_error_set(err, FOLIO_EPLUGIN, "epub: the plugin's folder name is too long");
        return NULL;
    }
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    const void *sym = h ? dlsym(h, symbol) : NULL;
    if (!sym) {
        const char *why = dlerror();
        folio_error_set(err, FOLIO_EPLUGIN, "%s: %s", path, why ? why : symbol);
    }
    return sym;
}
