/* SPDX-License-Identifier: MIT */
#include "txt.h"

#include <folio/iter.h>
#include <stdlib.h>
#include <string.h>

/* Output goes to the sink in chunks of about this size. */
#define FLUSH_AT (64 * 1024)

typedef struct writer {
    folio_sink *sink;
    const folio_options *opts;
    unsigned wrap;   /* txt.wrap: paragraph width in characters, 0 = none */
    folio_buf out;   /* output not yet handed to the sink */
    folio_buf flat;  /* scratch: one block's text, flattened */
    bool any_block;  /* of the current article */
    bool title_free; /* no title yet: a headline before any paragraph would take it */
    bool lost_formatting;
    bool lost_images;
    int rc;
} writer;

static void flush(writer *w, bool always)
{
    if (w->rc < 0 || w->out.len == 0 || (!always && w->out.len < FLUSH_AT))
        return;
    w->rc = folio_sink_write(w->sink, w->out.data, w->out.len);
    folio_buf_reset(&w->out);
}

/*
 * Appends @s to @b as the reader would keep it (spec 1): C0 controls
 * dropped, every run of white space (line breaks too) one space, no space
 * at either end. Text the reader could not give back is never written.
 */
static void flatten(folio_buf *b, folio_str s)
{
    bool space = false;
    size_t start = b->len;
    for (size_t i = 0; i < s.len; i++) {
        unsigned char c = (unsigned char)s.data[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = b->len > start;
        } else if (c >= ' ') {
            if (space)
                folio_buf_putc(b, ' ');
            space = false;
            folio_buf_putc(b, (char)c);
        }
    }
}

/* Flattens @s into the scratch buffer and returns it. */
static folio_str flat(writer *w, folio_str s)
{
    folio_buf_reset(&w->flat);
    flatten(&w->flat, s);
    return folio_str_n(w->flat.data ? w->flat.data : "", w->flat.len);
}

/* Greedy wrap at @width characters, at spaces only; a longer word keeps a
 * line of its own. Returns the number of lines. */
static unsigned put_wrapped(folio_buf *out, const char *s, size_t len, unsigned width)
{
    unsigned lines = 1;
    size_t col = 0, at = 0;
    while (at < len) {
        const char *sp = memchr(s + at, ' ', len - at);
        size_t end = sp ? (size_t)(sp - s) : len;
        size_t n = txt_utf8_count(s + at, end - at);
        if (col > 0 && (width == 0 || col + 1 + n > width)) {
            folio_buf_putc(out, width ? '\n' : ' ');
            lines += width != 0;
            col = 0;
        } else if (col > 0) {
            folio_buf_putc(out, ' ');
            col++;
        }
        folio_buf_append(out, s + at, end - at);
        col += n;
        at = end + 1;
    }
    return lines;
}

static bool split_last_space(char *s, size_t len)
{
    for (size_t i = len; i > 0; i--) {
        if (s[i - 1] == ' ') {
            s[i - 1] = '\n';
            return true;
        }
    }
    return false;
}

/* Says which block will not read back as the model has it, and how. */
static void warn_misread(writer *w, folio_str text, txt_kind want, txt_kind got)
{
    static const char *const names[] = {
        [TXT_PARAGRAPH] = "paragraph", [TXT_HEADLINE] = "headline", [TXT_CAPTION] = "caption",
        [TXT_CREDIT] = "credit",       [TXT_BYLINE] = "byline",
    };
    size_t n = text.len < 40 ? text.len : 40;
    while (n < text.len && n > 0 && ((unsigned char)text.data[n] & 0xC0) == 0x80)
        n--;
    folio_warn(w->opts, "txt: %s \"%.*s%s\" will read back as a %s", names[want], (int)n, text.data,
               n < text.len ? "…" : "", names[got]);
}

/*
 * Writes @text as a block that should read back as @want (spec 8), and
 * warns when it will not: the layout cannot express every model. A
 * paragraph that would read as a headline or byline is written on two
 * lines, split at its last space, since only one-line blocks are those
 * (spec 4.3, 4.4) and the reader joins the lines again.
 */
static void put_block(writer *w, folio_str text, txt_kind want, bool wrap, bool last)
{
    if (text.len == 0)
        return;
    if (w->any_block)
        folio_buf_putc(&w->out, '\n');
    w->any_block = true;
    size_t at = w->out.len;
    unsigned lines = put_wrapped(&w->out, text.data, text.len, wrap ? w->wrap : 0);
    txt_class c;
    txt_classify(text.data, text.len, lines == 1, last, &c);
    if (want == TXT_PARAGRAPH && (c.kind == TXT_HEADLINE || c.kind == TXT_BYLINE) &&
        split_last_space(w->out.data + at, text.len))
        c.kind = TXT_PARAGRAPH;
    if (c.kind != want)
        warn_misread(w, text, want, c.kind);
    folio_buf_putc(&w->out, '\n');
    flush(w, false);
}

static void put_field(writer *w, const char *key, folio_str value)
{
    folio_str v = flat(w, value);
    if (v.len == 0)
        return;
    folio_buf_printf(&w->out, "%s %.*s\n", key, (int)v.len, v.data);
    w->any_block = true;
}

/* Spec 8: date first on its own line, then the other fields. A date that is
 * not one ISO 8601 token would read back as body text, so it is left out. */
static void put_header(writer *w, const folio_node *article)
{
    static const struct {
        const char *key;
        folio_meta_key meta;
    } fields[] = {
        {"title", FOLIO_META_TITLE},   {"subtitle", FOLIO_META_SUBTITLE}, {"lang", FOLIO_META_LANG},
        {"source", FOLIO_META_SOURCE}, {"rights", FOLIO_META_RIGHTS},     {"id", FOLIO_META_ID},
    };
    folio_str date = flat(w, folio_node_meta(article, FOLIO_META_DATE));
    if (date.len && txt_is_iso_date(date.data, date.len)) {
        folio_buf_printf(&w->out, "date %.*s\n", (int)date.len, date.data);
        w->any_block = true;
    } else if (date.len) {
        folio_warn(w->opts, "txt: date '%.*s' is not ISO 8601; left out", (int)date.len, date.data);
    }
    for (size_t i = 0; i < 2; i++)
        put_field(w, fields[i].key, folio_node_meta(article, fields[i].meta));
    /* `byline` holds one name (spec 3), so each author gets a line. */
    for (size_t i = 0; i < folio_node_author_count(article); i++)
        put_field(w, "byline", folio_node_author(article, i));
    for (size_t i = 2; i < sizeof fields / sizeof fields[0]; i++)
        put_field(w, fields[i].key, folio_node_meta(article, fields[i].meta));
    if (folio_str_present(folio_node_meta(article, FOLIO_META_DESCRIPTION)))
        folio_warn(w->opts, "txt: plain text has no place for the description; left out");
}

/* "KICKER: text Label: credit" (spec 8). */
static void put_caption(writer *w, const folio_node *n, bool last)
{
    folio_buf_reset(&w->flat);
    folio_str kicker = folio_node_kicker(n);
    if (kicker.len) {
        flatten(&w->flat, kicker);
        folio_buf_puts(&w->flat, ": ");
    }
    flatten(&w->flat, folio_node_text(n));
    if (folio_node_has_credit(n)) {
        folio_str label = folio_node_credit_label(n);
        if (w->flat.len && w->flat.data[w->flat.len - 1] != ' ')
            folio_buf_putc(&w->flat, ' ');
        if (label.len) {
            flatten(&w->flat, label);
            folio_buf_puts(&w->flat, ": ");
        }
        flatten(&w->flat, folio_node_credit_text(n));
    }
    put_block(w, folio_str_n(w->flat.data, w->flat.len), TXT_CAPTION, true, last);
}

static void put_credit(writer *w, const folio_node *n, bool last)
{
    folio_buf_reset(&w->flat);
    folio_str label = folio_node_credit_label(n);
    if (label.len) {
        flatten(&w->flat, label);
        folio_buf_puts(&w->flat, ": ");
    }
    flatten(&w->flat, folio_node_has_credit(n) ? folio_node_credit_text(n) : folio_node_text(n));
    put_block(w, folio_str_n(w->flat.data, w->flat.len), TXT_CREDIT, false, last);
}

/* Plain text has no lists (spec 2 joins a block's lines), so a list is one
 * paragraph with an item per line, marked "•" or "1.", to read well. */
static void put_list(writer *w, const folio_node *list, bool last)
{
    folio_buf items = {0};
    unsigned number = 1;
    folio_warn(w->opts, "txt: a list is written as a paragraph with an item per line");
    w->title_free = false;
    for (const folio_node *it = folio_node_first_child(list); it; it = folio_node_next(it)) {
        folio_buf_reset(&w->flat);
        if (folio_node_ordered(list))
            folio_buf_printf(&w->flat, "%u. ", number++);
        else
            folio_buf_puts(&w->flat, "\xE2\x80\xA2 ");
        flatten(&w->flat, folio_node_text(it));
        if (items.len)
            folio_buf_putc(&items, '\n');
        put_wrapped(&items, w->flat.data, w->flat.len, w->wrap);
    }
    folio_str text = folio_str_n(items.data, items.len);
    if (memchr(text.data ? text.data : "", '\n', text.len)) {
        if (w->any_block)
            folio_buf_putc(&w->out, '\n');
        w->any_block = true;
        folio_buf_put_str(&w->out, text);
        folio_buf_putc(&w->out, '\n');
    } else if (text.len) {
        put_block(w, text, TXT_PARAGRAPH, true, last);
    }
    folio_buf_free(&items);
}

static void put_node(writer *w, const folio_node *n)
{
    bool last = folio_node_next(n) == NULL;
    w->lost_formatting |= folio_node_has_formatting(n);
    w->lost_images |= folio_node_kind_of(n) == FOLIO_NODE_CAPTION && folio_node_has_image(n);
    switch (folio_node_kind_of(n)) {
    case FOLIO_NODE_HEADLINE:
        if (w->title_free)
            folio_warn(w->opts, "txt: a headline before the first paragraph of an article "
                                "without title will read back as its title");
        put_block(w, flat(w, folio_node_text(n)), TXT_HEADLINE, false, last);
        break;
    case FOLIO_NODE_PARAGRAPH:
        w->title_free = false;
        put_block(w, flat(w, folio_node_text(n)), TXT_PARAGRAPH, true, last);
        break;
    case FOLIO_NODE_BYLINE:
        put_block(w, flat(w, folio_node_text(n)), TXT_BYLINE, false, last);
        break;
    case FOLIO_NODE_CAPTION:
        put_caption(w, n, last);
        break;
    case FOLIO_NODE_CREDIT:
        put_credit(w, n, last);
        break;
    case FOLIO_NODE_LIST:
        put_list(w, n, last);
        break;
    default:
        break;
    }
}

static void put_article(writer *w, const folio_node *article, size_t index)
{
    if (index > 0)
        folio_buf_puts(&w->out, "\n\n");
    w->any_block = false;
    w->title_free = !folio_str_present(folio_node_meta(article, FOLIO_META_TITLE));
    put_header(w, article);
    for (const folio_node *n = folio_node_first_child(article); n; n = folio_node_next(n))
        put_node(w, n);
}

static int txt_write(const folio_doc *doc, folio_sink *sink, const folio_options *opts,
                     folio_error *err)
{
    writer w = {.sink = sink, .opts = opts};
    int rc = folio_options_get_uint(opts, "txt.wrap", 0, 0, 100000, &w.wrap, err);
    if (rc < 0)
        return rc;
    folio_iter *it = folio_iter_new(folio_doc_root(doc));
    size_t articles = 0;
    folio_event ev;
    while ((ev = folio_iter_next(it)) != FOLIO_EVENT_DONE && w.rc == FOLIO_OK) {
        const folio_node *n = folio_iter_node(it);
        if (ev == FOLIO_EVENT_ENTER && folio_node_kind_of(n) == FOLIO_NODE_ARTICLE) {
            put_article(&w, n, articles++);
            folio_iter_skip_children(it);
        }
    }
    folio_iter_free(it);
    if (articles > 1)
        folio_warn(opts,
                   "txt: %zu articles written one after another; plain text reads back "
                   "as one",
                   articles);
    if (w.lost_formatting)
        folio_warn(opts, "txt: emphasis, links and line breaks are written as plain text");
    if (w.lost_images)
        folio_warn(opts, "txt: plain text has no images; captions keep their text only");
    flush(&w, true);
    folio_buf_free(&w.out);
    folio_buf_free(&w.flat);
    if (w.rc < 0)
        return folio_error_set(err, w.rc, "txt: cannot write the output");
    return FOLIO_OK;
}

static const char *const extensions[] = {"txt", "text", NULL};

const folio_writer txt_writer = {
    .media_type = "text/plain",
    .extensions = extensions,
    .write = txt_write,
};
