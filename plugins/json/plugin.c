/* SPDX-License-Identifier: MIT */
#include "json.h"

FOLIO_PLUGIN_EXPORT const folio_plugin_desc folio_plugin = {
    .abi = FOLIO_PLUGIN_ABI,
    .name = "json",
    .version = "0.1.0",
    .description = "the document model as JSON (docs/json.md)",
    .reader = &json_reader,
    .writer = &json_writer,
};
