/* SPDX-License-Identifier: MIT */
#include "html.h"
#include "htmlgen.h"

#include <stdlib.h>
#include <string.h>

const folio_option_spec html_options[] = {
    {.name = "css", .type = "file", .help = "link this stylesheet instead of the default one"},
    {.name = "css-embed",
     .type = "bool",
     .help = "embed the html.css stylesheet rather than link it"},
    {.name = "fragment", .type = "bool", .help = "write only the <article> elements, for a CMS"},
    {.name = "embed", .type = "bool", .help = "one self-contained file: pictures as data: URIs"},
    {.name = "xhtml", .type = "bool", .help = "XHTML5 (application/xhtml+xml) rather than HTML5"},
    {.name = "metadata",
     .type = "bool",
     .help = "JSON-LD and Open Graph tags in <head> (default true)"},
    {.name = NULL},
};

/* The user's stylesheet, as the command attached it; NUL-terminated in @copy. */
static int user_css(const folio_options *opts, char **copy, folio_error *err)
{
    size_t len;
    const unsigned char *data = folio_options_get_file(opts, "html.css", &len);
    if (!data)
        return folio_error_set(err, FOLIO_EOPTION, "html.css-embed: no stylesheet (html.css=FILE)");
    if (memchr(data, '\0', len))
        return folio_error_set(err, FOLIO_EOPTION, "html.css: the stylesheet holds a NUL byte");
    *copy = malloc(len + 1);
    if (!*copy)
        folio_oom();
    memcpy(*copy, data, len);
    (*copy)[len] = '\0';
    return FOLIO_OK;
}

static int read_options(htmlgen_config *cfg, const folio_options *opts, char **css,
                        folio_error *err)
{
    bool embed_css = false, xhtml = false;
    int rc;
    if ((rc = folio_options_get_bool(opts, "html.fragment", false, &cfg->fragment, err)) < 0 ||
        (rc = folio_options_get_bool(opts, "html.embed", false, &cfg->embed_images, err)) < 0 ||
        (rc = folio_options_get_bool(opts, "html.metadata", true, &cfg->metadata, err)) < 0 ||
        (rc = folio_options_get_bool(opts, "html.xhtml", false, &xhtml, err)) < 0 ||
        (rc = folio_options_get_bool(opts, "html.css-embed", false, &embed_css, err)) < 0)
        return rc;
    cfg->syntax = xhtml ? HTMLGEN_XHTML : HTMLGEN_HTML5;
    const char *href = folio_options_get(opts, "html.css", NULL);
    if (href && !*href)
        return folio_error_set(err, FOLIO_EOPTION, "html.css: empty file name");
    if (embed_css)
        return user_css(opts, css, err);
    cfg->css_href = href;
    return FOLIO_OK;
}

static int html_write(const folio_doc *doc, folio_sink *sink, const folio_options *opts,
                      folio_error *err)
{
    htmlgen_config cfg = {.syntax = HTMLGEN_HTML5, .opts = opts};
    char *css = NULL;
    int rc = read_options(&cfg, opts, &css, err);
    if (rc == FOLIO_OK) {
        cfg.css_text = css;
        rc = htmlgen_write_doc(doc, &cfg, sink, err);
    }
    free(css);
    return rc;
}

static const char *const extensions[] = {"html", "htm", NULL};

const folio_writer html_writer = {
    .media_type = "text/html",
    .extensions = extensions,
    .write = html_write,
};
