/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE /* dladdr() */
#include "html.h"

#include "../common/sibling.h"

/*
 * The reader, opened on first use (../common/sibling.h says why): read.c
 * and libxml2 live in READ_MODULE beside html.so, and html.so's reader
 * hands each call on to the reader found there.
 */
#define READ_MODULE "html-read.so.0"
#define READ_SYMBOL "html_reader"

/* The reader in READ_MODULE, or NULL with @err set. */
static const folio_reader *open_reader(folio_error *err)
{
    return sibling_symbol(&html_reader, "html", READ_MODULE, READ_SYMBOL, err);
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
