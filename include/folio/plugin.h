/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_PLUGIN_H
#define FOLIO_PLUGIN_H

#include <assert.h>
#include <folio/doc.h>
#include <folio/error.h>
#include <folio/input.h>
#include <folio/options.h>
#include <folio/sink.h>

/**
 * The plugin ABI. A plugin is a shared module named after its format
 * ("json.so") that exports exactly one symbol, `folio_plugin`, a
 * folio_plugin_desc whose first member is FOLIO_PLUGIN_ABI as the plugin
 * was built. The registry refuses any other number. This number changes on
 * any change to the structs below or to a `folio_` function plugins use;
 * new members only ever go at the end.
 */
#define FOLIO_PLUGIN_ABI 2u

#define FOLIO_PLUGIN_EXPORT __attribute__((visibility("default")))

/** The name of the one symbol a plugin exports. */
#define FOLIO_PLUGIN_SYMBOL "folio_plugin"

/**
 * Reads a format. @read fills the empty @doc from @len bytes at @data
 * (the whole input, in memory) and returns FOLIO_OK, or a negative code
 * with @err naming the position (line and column, or zip entry in
 * err->source). On failure the caller frees @doc; the reader need not
 * tidy it. @in says where the input came from and loads what it refers to
 * (folio_input_load_image()); it may be NULL, and then nothing is loaded.
 * @sniff, optional, says how sure it is that @data is this format: 0 (not
 * it) to 100 (certain), from the first bytes only.
 */
typedef struct folio_reader {
    const char *media_type;        /* "application/epub+zip" */
    const char *const *extensions; /* {"epub", NULL}: lower case, no dot */
    int (*read)(folio_doc *doc, const unsigned char *data, size_t len, const folio_input *in,
                const folio_options *opts, folio_error *err);
    int (*sniff)(const unsigned char *data, size_t len);
} folio_reader;

/**
 * Writes a format: walks @doc (with folio_iter) and emits bytes to @sink.
 * Returns FOLIO_OK or a negative code with @err set. A writer may have
 * written part of its output before it fails: the `folio` command throws a
 * file's away, but standard output streams (a writer runs only once every
 * input has been read, so an input error still prints nothing).
 */
typedef struct folio_writer {
    const char *media_type;
    const char *const *extensions;
    int (*write)(const folio_doc *doc, folio_sink *sink, const folio_options *opts,
                 folio_error *err);
} folio_writer;

/**
 * One option a plugin takes, for checking and for `folio --list-options`.
 * A list of them ends with an entry whose @name is NULL.
 */
typedef struct folio_option_spec {
    const char *name;  /* without the format prefix: "wrap" for "txt.wrap" */
    const char *type;  /* "uint", "bool", "string", "file", or "enum" */
    const char *range; /* "0-1000", "a4|a5|letter", or NULL */
    const char *help;  /* one line */
} folio_option_spec;

/** folio_plugin_desc.flags: calls into the plugin must not overlap in time. */
#define FOLIO_PLUGIN_SERIAL 0x1u

typedef struct folio_plugin_desc {
    uint32_t abi;               /* FOLIO_PLUGIN_ABI: first member, forever */
    const char *name;           /* format name, equal to the file's base name */
    const char *version;        /* the plugin's own version */
    const char *description;    /* one line for `folio --list-formats` */
    const folio_reader *reader; /* NULL if the plugin cannot read */
    const folio_writer *writer; /* NULL if the plugin cannot write */
    /* ABI 2 */
    const folio_option_spec *options; /* the options it reads; NULL for none */
    uint32_t flags;                   /* FOLIO_PLUGIN_SERIAL, or 0 */
} folio_plugin_desc;

static_assert(offsetof(folio_plugin_desc, abi) == 0, "abi must stay the first member");

/**
 * Every plugin defines this, and only this, with FOLIO_PLUGIN_EXPORT:
 *
 *     FOLIO_PLUGIN_EXPORT const folio_plugin_desc folio_plugin = {
 *         .abi = FOLIO_PLUGIN_ABI, .name = "json", .version = "0.1.0", ...
 *     };
 *
 * Declaring it here lets the compiler check each definition.
 */
extern FOLIO_PLUGIN_EXPORT const folio_plugin_desc folio_plugin;

#endif
