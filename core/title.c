/* SPDX-License-Identifier: MIT */
#include <string.h>

#include <folio/doc.h>

#include "internal.h"

/* docs/text-format.md, section 7 "Titles". */
enum { TITLE_MAX_CHARS = 80 };

static const char ELLIPSIS[] = "\xE2\x80\xA6";

/* The length of the closing quotation mark at @p, or 0. */
static size_t closing_quote(const char *p, const char *end)
{
    static const char *const quotes[] = {"\xC2\xBB", "\xE2\x80\x9D", "\xE2\x80\x99", "\"", "'",
                                         ")"};
    for (size_t i = 0; i < sizeof quotes / sizeof quotes[0]; i++) {
        size_t n = strlen(quotes[i]);
        if ((size_t)(end - p) >= n && memcmp(p, quotes[i], n) == 0)
            return n;
    }
    return 0;
}

/* The length of the first sentence of @s: through its final '.', '!' or
 * '?' (and closing quotes after it) where white space or the end follows. */
static size_t first_sentence(folio_str s)
{
    const char *end = s.data + s.len;
    for (const char *p = s.data; p < end; p++) {
        if (*p != '.' && *p != '!' && *p != '?')
            continue;
        const char *q = p + 1;
        size_t n;
        while ((n = closing_quote(q, end)) > 0)
            q += n;
        if (q == end || *q == ' ' || *q == '\n')
            return (size_t)(q - s.data);
    }
    return s.len;
}

static bool is_continuation(char c)
{
    return ((unsigned char)c & 0xC0) == 0x80;
}

/* Cuts @s to at most TITLE_MAX_CHARS characters, the ellipsis included,
 * at the last space that fits, or inside the word if there is none. */
static folio_str cut(folio_doc *doc, folio_str s)
{
    size_t chars = 0, keep = 0, last_space = 0;
    for (size_t i = 0; i < s.len; i++) {
        if (is_continuation(s.data[i]))
            continue;
        if (chars == TITLE_MAX_CHARS - 1)
            keep = i;
        if (s.data[i] == ' ' && chars < TITLE_MAX_CHARS)
            last_space = i;
        chars++;
    }
    if (chars <= TITLE_MAX_CHARS)
        return s;
    size_t len = last_space ? last_space : keep;
    while (len > 0 && strchr(" ,;:", s.data[len - 1]))
        len--;
    char *t = folio_arena_alloc(&doc->arena, len + sizeof ELLIPSIS);
    memcpy(t, s.data, len);
    memcpy(t + len, ELLIPSIS, sizeof ELLIPSIS);
    return folio_str_n(t, len + sizeof ELLIPSIS - 1);
}

static const folio_node *lead_of(const folio_node *article)
{
    const folio_node *first = NULL;
    for (const folio_node *b = article->first; b; b = b->next) {
        if (b->kind != FOLIO_NODE_PARAGRAPH)
            continue;
        if (b->role == FOLIO_ROLE_LEAD)
            return b;
        if (!first)
            first = b;
    }
    return first;
}

folio_str folio_article_title(const folio_node *article)
{
    folio_str title = folio_node_meta(article, FOLIO_META_TITLE);
    if (title.data)
        return title;
    if (article->cache_valid)
        return article->text;
    const folio_node *lead = lead_of(article);
    if (lead) {
        folio_str text = folio_node_text(lead);
        title = cut(article->doc, folio_str_n(text.data, first_sentence(text)));
        if (title.len == 0)
            title = folio_str_n(NULL, 0);
    }
    /* A derived title is a cache: the article is logically unchanged. */
    folio_node *self = (folio_node *)article;
    self->text = title;
    self->cache_valid = true;
    return title;
}

folio_str folio_doc_title(const folio_doc *doc)
{
    folio_str title = folio_node_meta(doc->root, FOLIO_META_TITLE);
    if (title.data || !doc->root->first)
        return title;
    return folio_article_title(doc->root->first);
}
