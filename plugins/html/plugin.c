/* SPDX-License-Identifier: MIT */
#include <folio/plugin.h>

#include "html.h"

FOLIO_PLUGIN_EXPORT const folio_plugin_desc folio_plugin = {
    .abi = FOLIO_PLUGIN_ABI,
    .name = "html",
    .version = "0.1.0",
    .description = "HTML5 article pages (docs/html.md)",
    .reader = &html_reader,
    .writer = &html_writer,
    .options = html_options,
};
