/* SPDX-License-Identifier: MIT */
/*
 * A Markdown writer: an example of a folio plugin built outside folio's tree.
 * It walks the document with folio_iter, one loop and one switch, and writes
 * CommonMark: the title as "# ", subheadings as "## ", quotes as "> ",
 * captions as an italic line with their credit, lists, and emphasis, strong
 * and links inline. Several articles are separated by a thematic break.
 */
#include <folio/iter.h>
#include <folio/plugin.h>

#include <stdio.h>
#include <string.h>

/* Per-call state: plugins keep no globals. */
struct md {
    folio_sink *sink;
    int rc;            /* the first failure of the sink; later writes are skipped */
    const char *quote; /* prefix of every line of the current paragraph */
    unsigned item;     /* number of the current item of an ordered list, 0 in a bulleted one */
    bool started;      /* a block was written: the next one comes after a blank line */
};

static void put(struct md *md, const char *data, size_t len)
{
    if (md->rc == FOLIO_OK)
        md->rc = folio_sink_write(md->sink, data, len);
}

static void puts_md(struct md *md, const char *s)
{
    put(md, s, strlen(s));
}

/* Backslash-escapes the characters that would start Markdown syntax inside text. */
static void put_text(struct md *md, folio_str s)
{
    size_t start = 0;
    for (size_t i = 0; i < s.len; i++) {
        if (!strchr("\\`*_[]<>#", s.data[i]) || s.data[i] == '\0')
            continue;
        put(md, s.data + start, i - start);
        put(md, "\\", 1);
        start = i;
    }
    put(md, s.data + start, s.len - start);
}

/* Blocks are separated by one blank line, with none before the first or after the last. */
static void block_start(struct md *md)
{
    if (md->started)
        puts_md(md, "\n");
    md->started = true;
}

static void article_start(struct md *md, const folio_node *article)
{
    if (md->started)
        puts_md(md, "\n---\n");
    folio_str title = folio_article_title(article);
    if (folio_str_present(title)) {
        block_start(md);
        puts_md(md, "# ");
        put_text(md, title);
        puts_md(md, "\n");
    }
    size_t authors = folio_node_author_count(article);
    folio_str date = folio_node_meta(article, FOLIO_META_DATE);
    if (authors == 0 && !folio_str_present(date))
        return;
    block_start(md);
    puts_md(md, "_");
    for (size_t i = 0; i < authors; i++) {
        puts_md(md, i ? ", " : "");
        put_text(md, folio_node_author(article, i));
    }
    if (folio_str_present(date)) {
        puts_md(md, authors ? " · " : "");
        put_text(md, date);
    }
    puts_md(md, "_\n");
}

static void put_credit(struct md *md, const folio_node *node)
{
    folio_str label = folio_node_credit_label(node);
    if (folio_str_present(label)) {
        put_text(md, label);
        puts_md(md, ": ");
    }
    put_text(md, folio_node_credit_text(node));
}

/* A caption is one line, so its inlines are written as its plain text. */
static void put_caption(struct md *md, const folio_node *caption)
{
    block_start(md);
    if (folio_node_has_image(caption)) {
        puts_md(md, "![");
        put_text(md, folio_node_image_alt(caption));
        puts_md(md, "](");
        put_text(md, folio_node_image_src(caption));
        puts_md(md, ")\n");
    }
    puts_md(md, "*");
    folio_str kicker = folio_node_kicker(caption);
    if (folio_str_present(kicker)) {
        put_text(md, kicker);
        puts_md(md, " ");
    }
    put_text(md, folio_node_text(caption));
    puts_md(md, "*");
    if (folio_node_has_credit(caption)) {
        puts_md(md, " (");
        put_credit(md, caption);
        puts_md(md, ")");
    }
    puts_md(md, "\n");
}

/* Captions and credits are one line each, written whole from their properties. */
static void put_captioned(struct md *md, const folio_node *n)
{
    if (folio_node_kind_of(n) == FOLIO_NODE_CAPTION) {
        put_caption(md, n);
        return;
    }
    block_start(md);
    put_credit(md, n);
    puts_md(md, "\n");
}

static void paragraph(struct md *md, const folio_node *p, bool enter)
{
    bool in_list = folio_node_kind_of(folio_node_parent(p)) == FOLIO_NODE_LIST;
    if (!enter) {
        puts_md(md, "\n");
        md->quote = "";
    } else if (in_list && md->item) {
        char number[24];
        size_t n = (size_t)snprintf(number, sizeof number, "%u. ", md->item++);
        put(md, number, n < sizeof number ? n : sizeof number - 1);
    } else if (in_list) {
        puts_md(md, "- ");
    } else {
        block_start(md);
        if (folio_node_role(p) == FOLIO_ROLE_QUOTE) {
            md->quote = "> ";
            puts_md(md, md->quote);
        }
    }
}

static void heading(struct md *md, const folio_node *h, bool enter)
{
    if (enter) {
        block_start(md);
        for (int i = 0; i < folio_node_level(h); i++)
            puts_md(md, "#");
        puts_md(md, " ");
    } else {
        puts_md(md, "\n");
    }
}

/* Tables are GitHub's pipe tables: a rule under the header row. */
static void table_part(struct md *md, const folio_node *n, bool enter)
{
    switch (folio_node_kind_of(n)) {
    case FOLIO_NODE_TABLE:
        if (enter) {
            block_start(md);
            if (folio_str_present(folio_node_title(n))) {
                put_text(md, folio_node_title(n));
                puts_md(md, "\n\n");
            }
        }
        break;
    case FOLIO_NODE_ROW:
        puts_md(md, enter ? "|" : "\n");
        if (!enter && folio_node_header(n)) {
            for (const folio_node *c = folio_node_first_child(n); c; c = folio_node_next(c))
                puts_md(md, "---|");
            puts_md(md, "\n");
        }
        break;
    default:
        puts_md(md, enter ? " " : " |");
        break;
    }
}

static void node(struct md *md, folio_iter *it, const folio_node *n, bool enter)
{
    switch (folio_node_kind_of(n)) {
    case FOLIO_NODE_DOCUMENT:
        break;
    case FOLIO_NODE_ARTICLE:
        if (enter)
            article_start(md, n);
        break;
    case FOLIO_NODE_HEADLINE:
        heading(md, n, enter);
        break;
    case FOLIO_NODE_PARAGRAPH:
        paragraph(md, n, enter);
        break;
    case FOLIO_NODE_CAPTION:
    case FOLIO_NODE_CREDIT:
        if (enter) {
            put_captioned(md, n);
            folio_iter_skip_children(it);
        }
        break;
    case FOLIO_NODE_BYLINE:
        if (enter)
            block_start(md);
        else
            puts_md(md, "\n");
        break;
    case FOLIO_NODE_LIST:
        md->item = folio_node_ordered(n) ? 1 : 0;
        if (enter)
            block_start(md);
        break;
    case FOLIO_NODE_TEXT:
        put_text(md, folio_node_text(n));
        break;
    case FOLIO_NODE_EMPHASIS:
    case FOLIO_NODE_STRONG:
        puts_md(md, folio_node_kind_of(n) == FOLIO_NODE_STRONG ? "**" : "_");
        break;
    case FOLIO_NODE_LINK:
        puts_md(md, enter ? "[" : "](");
        if (!enter) {
            put_text(md, folio_node_href(n));
            puts_md(md, ")");
        }
        break;
    case FOLIO_NODE_BREAK:
        puts_md(md, "\\\n");
        puts_md(md, md->quote);
        break;
    case FOLIO_NODE_TABLE:
    case FOLIO_NODE_ROW:
    case FOLIO_NODE_CELL:
        table_part(md, n, enter);
        break;
    case FOLIO_NODE_FACTBOX:
        if (enter && folio_str_present(folio_node_title(n))) {
            block_start(md);
            puts_md(md, "**");
            put_text(md, folio_node_title(n));
            puts_md(md, "**\n");
        }
        break;
    case FOLIO_NODE_KIND_COUNT:
        break;
    }
}

static int write_doc(const folio_doc *doc, folio_sink *sink, const folio_options *opts,
                     folio_error *err)
{
    (void)opts;
    struct md md = {.sink = sink, .quote = ""};
    folio_iter *it = folio_iter_new(folio_doc_root(doc));
    folio_event ev;
    while (md.rc == FOLIO_OK && (ev = folio_iter_next(it)) != FOLIO_EVENT_DONE)
        node(&md, it, folio_iter_node(it), ev == FOLIO_EVENT_ENTER);
    folio_iter_free(it);
    if (md.rc < 0)
        return folio_error_set(err, md.rc, "cannot write the Markdown output");
    return FOLIO_OK;
}

static const char *const extensions[] = {"md", "markdown", NULL};

static const folio_writer writer = {
    .media_type = "text/markdown",
    .extensions = extensions,
    .write = write_doc,
};

FOLIO_PLUGIN_EXPORT const folio_plugin_desc folio_plugin = {
    .abi = FOLIO_PLUGIN_ABI,
    .name = "markdown",
    .version = "0.1.0",
    .description = "Markdown (CommonMark) writer, the example of an out-of-tree plugin",
    .writer = &writer,
};
