/* SPDX-License-Identifier: MIT */
#include <folio/plugin.h>

#include "txt.h"

FOLIO_PLUGIN_EXPORT const folio_plugin_desc folio_plugin = {
    .abi = FOLIO_PLUGIN_ABI,
    .name = "txt",
    .version = "0.1.0",
    .description = "Plain-text news articles (article-text.md)",
    .reader = &txt_reader,
    .writer = &txt_writer,
};
