/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE /* dladdr() */
#include "html.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

/*
 * The reader, opened on first use. libxml2 brings ICU and libstdc++ with
 * it, which cost more to load than a whole txt -> json run: the writer
 * must not pay for them. So read.c and the reader library live in a module
 * of their own, READ_MODULE beside html.so (its name does not end in ".so",
 * so the registry never takes it for a format), and html.so's reader hands
 * each call on to the reader found there. dlopen() of a module already
 * open only counts a reference, and RTLD_NODELETE keeps libxml2 mapped, as
 * plugins must leave its globals alone: nothing here is kept between calls.
 */
#define READ_MODULE "html-read.so.0"
#define READ_SYMBOL "html_reader"

/* The reader in READ_MODULE, or NULL with @err set. */
static const folio_reader *open_reader(folio_error *err)
{
    Dl_info self;
    char path[4096];
    if (!dladdr((const void *)&html_reader, &self) || !self.dli_fname) {
        folio_error_set(err, FOLIO_EPLUGIN, "html: cannot find the html plugin's own file");
        return NULL;
    }
    const char *slash = strrchr(self.dli_fname, '/');
    int dir = slash ? (int)(slash - self.dli_fname) : 1;
    const char *base = slash ? self.dli_fname : ".";
    if (snprintf(path, sizeof path, "%.*s/%s", dir, base, READ_MODULE) >= (int)sizeof path) {
        folio_error_set(err, FOLIO_EPLUGIN, "html: the plugin's folder name is too long");
        return NULL;
    }
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    const folio_reader *r = h ? dlsym(h, READ_SYMBOL) : NULL;
    if (!r) {
        const char *why = dlerror();
        folio_error_set(err, FOLIO_EPLUGIN, "%s: %s", path, why ? why : "no " READ_SYMBOL);
    }
    return r;
}

static int lazy_read(folio_doc *doc, const unsigned char *data, size_t len, const folio_input *in,
                     const folio_options *opts, folio_error *err)
{
    const folio_reader *r = open_reader(err);
    if (!r)
        return FOLIO_EPLUGIN;
    return r->read(doc, data, len, in, opts, err);
}

static int lazy_sniff(const unsigned char *data, size_t len)
{
    const folio_reader *r = open_reader(NULL);
    return r && r->sniff ? r->sniff(data, len) : 0;
}

static const char *const extensions[] = {"html", "htm", NULL};

const folio_reader html_reader = {
    .media_type = "text/html",
    .extensions = extensions,
    .read = lazy_read,
    .sniff = lazy_sniff,
};
