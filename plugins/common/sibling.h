/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_PLUGINS_SIBLING_H
#define FOLIO_PLUGINS_SIBLING_H

/*
 * Modules that a plugin opens on first use, found beside the plugin's own
 * file: the html and epub readers (libxml2 brings ICU and libstdc++, which
 * cost more to load than a whole txt -> json run) and the epub plugin's
 * drawn cover (cairo, pango, fontconfig). A writer must not pay for them.
 * Their names do not end in ".so", so the registry never takes them for
 * formats. dlopen() of a module already open only counts a reference, and
 * RTLD_NODELETE keeps it and its libraries mapped: libxml2, fontconfig and
 * pango keep state that must not be unloaded under them. Nothing is kept
 * here. Needs _GNU_SOURCE (dladdr) before the first include.
 */

#include <folio/common.h>

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

/*
 * The object @symbol of the module @module in the folder of the plugin
 * that holds @anchor (any object of that plugin); NULL with @err set
 * (FOLIO_EPLUGIN, naming @plugin) when the module cannot be opened or has
 * no such symbol.
 */
static inline const void *sibling_symbol(const void *anchor, const char *plugin, const char *module,
                                         const char *symbol, folio_error *err)
{
    Dl_info self;
    char path[4096];
    if (!dladdr(anchor, &self) || !self.dli_fname) {
        folio_error_set(err, FOLIO_EPLUGIN, "%s: cannot find the plugin's own file", plugin);
        return NULL;
    }
    const char *slash = strrchr(self.dli_fname, '/');
    int dir = slash ? (int)(slash - self.dli_fname) : 1;
    const char *base = slash ? self.dli_fname : ".";
    if (snprintf(path, sizeof path, "%.*s/%s", dir, base, module) >= (int)sizeof path) {
        folio_error_set(err, FOLIO_EPLUGIN, "%s: the plugin's folder name is too long", plugin);
        return NULL;
    }
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    if (!h) {
        const char *why = dlerror(); /* names the file */
        folio_error_set(err, FOLIO_EPLUGIN, "%s: %s", plugin, why ? why : path);
        return NULL;
    }
    const void *sym = dlsym(h, symbol);
    if (!sym)
        folio_error_set(err, FOLIO_EPLUGIN, "%s: %s has no %s", plugin, path, symbol);
    return sym;
}

#endif
