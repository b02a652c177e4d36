/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_TXT_SUPPORT_H
#define FOLIO_TXT_SUPPORT_H

/* Helpers shared by the txt plugin's test units. */

#include "test.h"

#include <stdlib.h>
#include <string.h>

static inline int setup(void **state)
{
    *state = test_registry();
    return 0;
}

static inline int teardown(void **state)
{
    folio_registry_free(*state);
    return 0;
}

static inline folio_doc *read_with(void **state, const char *text, size_t len,
                                   const folio_options *o)
{
    folio_doc *doc;
    folio_error err = {0};
    if (test_read(&doc, *state, "txt", text, len, o, &err) != FOLIO_OK)
        fail_msg("txt read failed: %s", err.message);
    return doc;
}

static inline folio_doc *read_txt(void **state, const char *text)
{
    return read_with(state, text, strlen(text), NULL);
}

static inline folio_node *article(const folio_doc *doc)
{
    return folio_node_first_child(folio_doc_root(doc));
}

static inline size_t block_count(const folio_doc *doc)
{
    size_t n = 0;
    for (folio_node *b = folio_node_first_child(article(doc)); b; b = folio_node_next(b))
        n++;
    return n;
}

static inline folio_node *block(const folio_doc *doc, size_t index)
{
    folio_node *b = folio_node_first_child(article(doc));
    while (b && index--)
        b = folio_node_next(b);
    if (!b)
        fail_msg("no block %zu", index);
    return b;
}

static inline folio_str meta(const folio_doc *doc, folio_meta_key key)
{
    return folio_node_meta(article(doc), key);
}

/* Fails unless block @i is a paragraph of @role holding @text. */
static inline void check_paragraph(const folio_doc *doc, size_t i, folio_role role,
                                   const char *text)
{
    folio_node *b = block(doc, i);
    assert_int_equal(folio_node_kind_of(b), FOLIO_NODE_PARAGRAPH);
    assert_int_equal(folio_node_role(b), role);
    assert_str_equal(folio_node_text(b), text);
}

/* Keeps each warning as a line, "LINE:COLUMN: message" when it has a position. */
static inline void collect_warning(const folio_error *warning, void *ctx)
{
    folio_buf *b = ctx;
    if (warning->line)
        folio_buf_printf(b, "%u:%u: ", warning->line, warning->column);
    folio_buf_puts(b, warning->message);
    folio_buf_putc(b, '\n');
}

static inline char *write_txt(void **state, const folio_doc *doc, const folio_options *o)
{
    folio_buf out = {0};
    folio_error err = {0};
    if (test_write(&out, *state, "txt", doc, o, &err) != FOLIO_OK)
        fail_msg("txt write failed: %s", err.message);
    folio_buf_putc(&out, '\0');
    return out.data;
}

static inline char *write_json(void **state, const folio_doc *doc)
{
    folio_buf out = {0};
    folio_error err = {0};
    if (test_write(&out, *state, "json", doc, NULL, &err) != FOLIO_OK)
        fail_msg("json write failed: %s", err.message);
    folio_buf_putc(&out, '\0');
    return out.data;
}

/* Writes @doc as text, reads it back and fails unless the model is the same. */
static inline char *check_reads_back(void **state, const folio_doc *doc, const folio_options *o)
{
    char *text = write_txt(state, doc, o);
    folio_doc *again = read_txt(state, text);
    char *a = write_json(state, doc), *b = write_json(state, again);
    assert_string_equal(b, a);
    free(a);
    free(b);
    folio_doc_free(again);
    return text;
}

#endif
