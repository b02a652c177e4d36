/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_REGISTRY_H
#define FOLIO_REGISTRY_H

#include <folio/plugin.h>

/**
 * Finds and loads format plugins. A format's plugin is the file
 * "<dir>/<name>.so" in the first directory of the search path that has
 * one, so naming a format opens exactly one file. The search path is the
 * one given to folio_registry_new(), else $FOLIO_PLUGIN_PATH (directories
 * separated by ':'), else the installed plugin directory. A set
 * FOLIO_PLUGIN_PATH replaces the installed directory; it does not add to it.
 *
 * Each plugin is opened with dlopen(RTLD_NOW | RTLD_LOCAL) and checked: the
 * `folio_plugin` symbol, its ABI number, its name against the file name,
 * and a reader or writer with a media type and a function. Every failure is
 * FOLIO_EPLUGIN with a message that starts with the file's path. A file
 * that fails is closed at once; an accepted plugin stays loaded until the
 * process ends (RTLD_NODELETE), even after folio_registry_free(), because
 * the libraries plugins use (libxml2, cairo, pango) are not safe to unload.
 *
 * A registry is used by one thread at a time; the plugins it hands out may
 * be called from any thread (see FOLIO_PLUGIN_SERIAL in folio/plugin.h).
 */
typedef struct folio_registry folio_registry;

/** What a caller needs of a plugin. */
typedef enum folio_capability {
    FOLIO_CAN_READ = 1,
    FOLIO_CAN_WRITE = 2,
} folio_capability;

/**
 * Creates a registry searching @path (directories separated by ':'), or
 * when @path is NULL $FOLIO_PLUGIN_PATH, else the installed directory.
 * Opens nothing yet. Cannot fail.
 */
FOLIO_API folio_registry *folio_registry_new(const char *path);

/** Releases the registry (its plugins stay loaded). Accepts NULL. */
FOLIO_API void folio_registry_free(folio_registry *reg);

/** The search path in use. Lent. */
FOLIO_API const char *folio_registry_path(const folio_registry *reg);

/**
 * Loads the plugin of format @name (lower case) that has the capabilities
 * in @need (a mask of folio_capability, 0 for none). Returns FOLIO_OK with
 * *@out lent until the registry is freed; FOLIO_EUNSUPPORTED when no such
 * plugin exists or it lacks a capability; FOLIO_EPLUGIN when the file is
 * not a valid plugin.
 */
FOLIO_API int folio_registry_load(const folio_plugin_desc **out, folio_registry *reg,
                                  const char *name, unsigned need, folio_error *err);

/**
 * Loads the plugin in @file, whatever its directory, and checks it as
 * folio_registry_load() does: for tests and for tools that take a plugin
 * by path.
 */
FOLIO_API int folio_registry_load_file(const folio_plugin_desc **out, folio_registry *reg,
                                       const char *file, folio_error *err);

/**
 * Finds the plugin for @filename's extension (case-insensitive) that has
 * @need. Tries the format named like the extension first, then the other
 * plugins' extension lists. FOLIO_EUNSUPPORTED when none claims it.
 */
FOLIO_API int folio_registry_find_by_extension(const folio_plugin_desc **out, folio_registry *reg,
                                               const char *filename, unsigned need,
                                               folio_error *err);

/**
 * Asks every reader plugin how sure it is that @data (its first bytes) is
 * its format, and picks the surest. Opens every plugin: the last resort
 * after an explicit format and the extension. FOLIO_EUNSUPPORTED when no
 * reader claims it.
 */
FOLIO_API int folio_registry_sniff(const folio_plugin_desc **out, folio_registry *reg,
                                   const unsigned char *data, size_t len, folio_error *err);

/**
 * Calls @fn for every plugin file on the search path, in name order, once
 * per format name (the first directory wins). @desc is NULL and @load_error
 * set when the file is not a valid plugin. Stops when @fn returns non-zero
 * and returns that value.
 */
FOLIO_API int folio_registry_foreach(folio_registry *reg,
                                     int (*fn)(const folio_plugin_desc *desc, const char *file,
                                               const folio_error *load_error, void *ctx),
                                     void *ctx);

/** The file a loaded plugin came from, or NULL if @desc is not one of @reg's. Lent. */
FOLIO_API const char *folio_registry_file(const folio_registry *reg, const folio_plugin_desc *desc);

#endif
