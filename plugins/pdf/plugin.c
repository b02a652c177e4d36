/* SPDX-License-Identifier: MIT */
#include "pdf.h"

FOLIO_PLUGIN_EXPORT const folio_plugin_desc folio_plugin = {
    .abi = FOLIO_PLUGIN_ABI,
    .name = "pdf",
    .version = "0.1.0",
    .description = "print-ready PDF set with cairo and pango, hyphenated and justified",
    .writer = &pdf_writer,
    .options = pdf_options,
};
