/* SPDX-License-Identifier: MIT */
#include <folio/plugin.h>

#include "txt.h"

static const folio_option_spec options[] = {
    {"encoding", "string", "utf-8|latin1|cp1252|lossy|ICONV-NAME",
     "how the input is encoded; lossy replaces bad bytes with U+FFFD"},
    {"lang", "string", "BCP 47", "the language when the header names none (skips detection)"},
    {"wrap", "uint", "0-100000", "hard-wrap paragraphs at N characters (0: one line each)"},
    {NULL, NULL, NULL, NULL},
};

FOLIO_PLUGIN_EXPORT const folio_plugin_desc folio_plugin = {
    .abi = FOLIO_PLUGIN_ABI,
    .name = "txt",
    .version = "0.1.0",
    .description = "Plain-text news articles (docs/text-format.md)",
    .reader = &txt_reader,
    .writer = &txt_writer,
    .options = options,
};
