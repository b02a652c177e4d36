/* SPDX-License-Identifier: MIT */
#include "html.h"
#include "htmlread.h"

static int html_read(folio_doc *doc, const unsigned char *data, size_t len, const folio_input *in,
                     const folio_options *opts, folio_error *err)
{
    htmlread_config cfg = {.in = in, .opts = opts};
    return htmlread_parse(doc, data, len, &cfg, err);
}

static const char *const extensions[] = {"html", "htm", NULL};

const folio_reader html_reader = {
    .media_type = "text/html",
    .extensions = extensions,
    .read = html_read,
    .sniff = htmlread_sniff,
};
