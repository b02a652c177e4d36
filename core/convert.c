/* SPDX-License-Identifier: MIT */
#include <string.h>

#include <folio/convert.h>
#include <folio/plugin.h>

static bool is_author_key(const char *key, size_t len)
{
    return (len == 6 && memcmp(key, "author", 6) == 0) ||
           (len == 7 && memcmp(key, "authors", 7) == 0);
}

void folio_doc_apply_meta(folio_doc *doc, const char *const *pairs)
{
    /* No pairs, no change: asking for the meta node would add an empty one. */
    if (!pairs || !*pairs)
        return;
    folio_node *node = folio_doc_meta_node(doc);
    bool authors_cleared = false;
    for (; pairs && *pairs; pairs++) {
        const char *eq = strchr(*pairs, '=');
        if (!eq)
            continue;
        size_t key_len = (size_t)(eq - *pairs);
        folio_str value = eq[1] ? folio_str_c(eq + 1) : folio_str_n(NULL, 0);
        char key[32];
        if (key_len < sizeof key) {
            memcpy(key, *pairs, key_len);
            key[key_len] = '\0';
            folio_meta_key k = folio_meta_key_from_name(key);
            if (k != FOLIO_META_COUNT) {
                folio_node_set_meta(node, k, value);
                continue;
            }
        }
        if (!is_author_key(*pairs, key_len))
            continue;
        if (!authors_cleared)
            folio_node_clear_authors(node);
        authors_cleared = true;
        if (folio_str_present(value))
            folio_node_add_author(node, value);
    }
}

static bool named(const char *name)
{
    return name && *name && strcmp(name, "-") != 0;
}

/* The reader for @src: its named format, else its extension, else its bytes. */
static int pick_reader(const folio_plugin_desc **out, const folio_conversion *conv,
                       const folio_source *src, folio_error *err)
{
    if (src->format)
        return folio_registry_load(out, conv->registry, src->format, FOLIO_CAN_READ, err);
    int rc = FOLIO_EUNSUPPORTED;
    if (named(src->name))
        rc = folio_registry_find_by_extension(out, conv->registry, src->name, FOLIO_CAN_READ, err);
    if (rc != FOLIO_EUNSUPPORTED)
        return rc;
    rc = folio_registry_sniff(out, conv->registry, src->data, src->len, err);
    if (rc == FOLIO_EUNSUPPORTED)
        folio_error_set(err, rc, "cannot tell the format of %s",
                        named(src->name) ? src->name : "the input");
    return rc;
}

int folio_convert_read(folio_doc **out, const folio_conversion *conv, const folio_source *src,
                       folio_error *err)
{
    *out = NULL;
    const folio_plugin_desc *desc;
    int rc = pick_reader(&desc, conv, src, err);
    if (rc < 0)
        return rc;
    folio_input in = {
        .size = sizeof in,
        .name = named(src->name) ? src->name : "-",
        .dir = src->dir,
        .resolver = conv->resolver,
    };
    folio_doc *doc = folio_doc_new();
    rc = desc->reader->read(doc, src->data, src->len, &in, conv->opts, err);
    if (rc < 0) {
        folio_doc_free(doc);
        if (named(src->name))
            folio_error_set_source(err, src->name);
        return rc;
    }
    *out = doc;
    return FOLIO_OK;
}

int folio_convert_read_all(folio_doc **out, const folio_conversion *conv, const folio_source *srcs,
                           size_t n, folio_error *err)
{
    *out = NULL;
    folio_doc *digest = NULL;
    for (size_t i = 0; i < n; i++) {
        folio_doc *doc;
        int rc = folio_convert_read(&doc, conv, &srcs[i], err);
        if (rc < 0) {
            folio_doc_free(digest);
            return rc;
        }
        if (digest)
            folio_doc_merge(digest, doc);
        else
            digest = doc;
    }
    if (!digest)
        return folio_error_set(err, FOLIO_EOPTION, "no input to convert");
    folio_doc_apply_meta(digest, conv->meta);
    *out = digest;
    return FOLIO_OK;
}

int folio_convert_write(const folio_conversion *conv, const folio_doc *doc, folio_sink *sink,
                        folio_error *err)
{
    if (!conv->to)
        return folio_error_set(err, FOLIO_EOPTION, "no output format");
    const folio_plugin_desc *desc;
    int rc = folio_registry_load(&desc, conv->registry, conv->to, FOLIO_CAN_WRITE, err);
    if (rc < 0)
        return rc;
    return desc->writer->write(doc, sink, conv->opts, err);
}

int folio_convert(const folio_conversion *conv, const folio_source *srcs, size_t n,
                  folio_sink *sink, folio_error *err)
{
    folio_doc *doc;
    int rc = folio_convert_read_all(&doc, conv, srcs, n, err);
    if (rc == FOLIO_OK)
        rc = folio_convert_write(conv, doc, sink, err);
    folio_doc_free(doc);
    return rc;
}
