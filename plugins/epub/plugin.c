/* SPDX-License-Identifier: MIT */
#include <folio/plugin.h>

#include "epub.h"

FOLIO_PLUGIN_EXPORT const folio_plugin_desc folio_plugin = {
    .abi = FOLIO_PLUGIN_ABI,
    .name = "epub",
    .version = "0.1.0",
    .description = "EPUB 3 e-books (docs/epub.md)",
    .reader = &epub_reader,
    .writer = &epub_writer,
    .options = epub_options,
};
