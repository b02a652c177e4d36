/* SPDX-License-Identifier: MIT */
#include "txt.h"

#include <folio/iter.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Output goes to the sink in chunks of about this size. */
#define FLUSH_AT (64 * 1024)

typedef struct writer {
    folio_sink *sink;
    const folio_options *opts;
    const folio_node *article; /* the one being written */
    unsigned wrap;             /* txt.wrap: paragraph width in characters, 0 = none */
    folio_buf out;             /* output not yet handed to the sink */
    folio_buf flat;            /* scratch: one block's text, flattened */
    folio_buf seen;            /* scratch: a model value flattened, to compare with the reader's */
    txt_flow flow;             /* what the reader will have met at the next block */
    size_t block;              /* number of the current block in its article, from 1 */
    bool any_block;            /* of the current article, header lines included */
    bool last_weak; /* the article's last block reads as a paragraph only for being last */
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
        size_t n = utf8_count(s + at, end - at);
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

/* @a and @b hold the same bytes; an absent value is an empty one. */
static bool same(folio_str a, folio_str b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.data, b.data, a.len) == 0);
}

/* Model value @s as the reader would give it back, in the second scratch buffer. */
static folio_str as_read(writer *w, folio_str s)
{
    folio_buf_reset(&w->seen);
    flatten(&w->seen, s);
    return folio_str_n(w->seen.data ? w->seen.data : "", w->seen.len);
}

FOLIO_PRINTF(3, 4)
static bool say(char *why, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, size, fmt, ap);
    va_end(ap);
    return true;
}

/* The first of the credit parts the reader splits anew (spec 5) that
 * differs from the model's. */
static bool credit_change(writer *w, const folio_node *n, const txt_class *c, char *why,
                          size_t size)
{
    if (!folio_node_has_credit(n))
        return false;
    size_t count = folio_node_credit_count(n);
    if (count != c->count)
        return say(why, size, "with %zu credit part%s, not %zu", c->count, c->count == 1 ? "" : "s",
                   count);
    for (size_t i = 0; i < count; i++) {
        folio_str part = as_read(w, folio_node_credit_part(n, i));
        if (!same(part, c->parts[i]))
            return say(why, size, "with credit part %zu \"%.*s\", not \"%.*s\"", i + 1,
                       (int)c->parts[i].len, c->parts[i].data, (int)part.len, part.data);
    }
    return false;
}

/* A kicker the reader does not see as one (spec 4.2: upper case only)
 * merges into the text; a text that opens like one loses its opening. */
static bool caption_change(writer *w, const folio_node *n, const txt_class *c, char *why,
                           size_t size)
{
    folio_str kicker = as_read(w, folio_node_kicker(n));
    if (!same(kicker, c->kicker) && c->kicker.len == 0)
        return say(why, size, "with its kicker \"%.*s\" in the text", (int)kicker.len, kicker.data);
    if (!same(kicker, c->kicker))
        return say(why, size, "with the kicker \"%.*s\"", (int)c->kicker.len, c->kicker.data);
    if (!same(as_read(w, folio_node_text(n)), c->text))
        return say(why, size, "with the text \"%.*s…\"",
                   (int)utf8_cut(c->text.data, c->text.len, 40), c->text.data);
    return credit_change(w, n, c, why, size);
}

/*
 * Compares what the reader will make of the block just written, classified
 * as @c, with the model's node @n, and says in @why how the first thing that
 * differs will read back. Advances the writer's copy of the reader's state,
 * so it is called once for every block, in order.
 */
static bool change(writer *w, const folio_node *n, folio_str text, const txt_class *c, char *why,
                   size_t size)
{
    static const char *const names[] = {
        [TXT_PARAGRAPH] = "a paragraph", [TXT_HEADLINE] = "a headline", [TXT_CAPTION] = "a caption",
        [TXT_CREDIT] = "a credit",       [TXT_BYLINE] = "a byline",
    };
    static const txt_kind kinds[] = {
        [FOLIO_NODE_PARAGRAPH] = TXT_PARAGRAPH, [FOLIO_NODE_LIST] = TXT_PARAGRAPH,
        [FOLIO_NODE_HEADLINE] = TXT_HEADLINE,   [FOLIO_NODE_CAPTION] = TXT_CAPTION,
        [FOLIO_NODE_CREDIT] = TXT_CREDIT,       [FOLIO_NODE_BYLINE] = TXT_BYLINE,
    };
    folio_node_kind kind = folio_node_kind_of(n);
    folio_role role = FOLIO_ROLE_BODY;
    if (c->kind == TXT_HEADLINE && txt_flow_headline(&w->flow))
        return say(why, size, "as the title");
    if (c->kind == TXT_PARAGRAPH)
        role = txt_flow_paragraph(&w->flow, text.data, text.len);
    if (c->kind != kinds[kind])
        return say(why, size, "as %s", names[c->kind]);
    if (kind == FOLIO_NODE_PARAGRAPH && role != folio_node_role(n))
        return say(why, size, "as a %s paragraph", folio_role_name(role));
    if (kind == FOLIO_NODE_HEADLINE && folio_node_level(n) != 2)
        return say(why, size, "at level 2, not %d", folio_node_level(n));
    if (kind == FOLIO_NODE_CAPTION)
        return caption_change(w, n, c, why, size);
    if (kind == FOLIO_NODE_CREDIT)
        return credit_change(w, n, c, why, size);
    return false;
}

/* Warns, naming the block, when @n will not read back as the model has it:
 * the layout cannot express every model (spec 8). */
static void check_block(writer *w, const folio_node *n, folio_str text, const txt_class *c)
{
    char why[256];
    if (!change(w, n, text, c, why, sizeof why))
        return;
    size_t cut = utf8_cut(text.data, text.len, 40);
    folio_node_kind kind = folio_node_kind_of(n);
    folio_warn(w->opts, "txt: block %zu (%s%s%s \"%.*s%s\") will read back %s", w->block,
               kind == FOLIO_NODE_PARAGRAPH ? folio_role_name(folio_node_role(n)) : "",
               kind == FOLIO_NODE_PARAGRAPH ? " " : "", folio_node_kind_name(kind), (int)cut,
               text.data, cut < text.len ? "…" : "", why);
}

/* Spec 3: without a header, a first block that opens with a key and a
 * space would read back as a field. A key alone on its line is none, and
 * the reader joins the lines again. Returns the number of lines added. */
static unsigned break_after_key(char *s, size_t len)
{
    size_t k = 0;
    while (k < len && s[k] != ' ' && s[k] != '\n')
        k++;
    if (k == len || s[k] == '\n' || txt_key_lookup(s, k) == TXT_KEY_NONE)
        return 0;
    s[k] = '\n';
    return 1;
}

/* Warns that block @n will not read back as it is: "will read back @why". */
FOLIO_PRINTF(3, 4)
static void warn_block(writer *w, const folio_node *n, const char *fmt, ...)
{
    char why[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    folio_warn(w->opts, "txt: block %zu (%s) will read back %s", w->block,
               folio_node_kind_name(folio_node_kind_of(n)), why);
}

/* Spec 10, 11: what the reader would take the written block @s for, when
 * that is not what its classification @c says: a table, or a fact box. */
static const char *shape_misread(const char *s, size_t len, const txt_class *c)
{
    folio_str title;
    if (txt_shape_of(s, len) == TXT_SHAPE_TABLE)
        return "as a table";
    if (c->kind != TXT_CAPTION && c->kind != TXT_CREDIT && txt_box_opener(s, len, &title) &&
        !memchr(s, '\n', len))
        return "as the start of a fact box";
    return NULL;
}

/* Breaks @s at one of its first spaces so that the reader sees neither a
 * table (every line a row) nor a fact box (a one-line opener); it joins the
 * lines again. Returns what it will still misread, NULL for nothing. */
static const char *split_for_shape(char *s, size_t len, const txt_class *c)
{
    const char *misread = shape_misread(s, len, c);
    for (size_t i = 0, tries = 0; misread && i + 1 < len && tries < 8; i++) {
        if (s[i] != ' ')
            continue;
        s[i] = '\n';
        tries++;
        if (!(misread = shape_misread(s, len, c)))
            break;
        s[i] = ' ';
    }
    return misread;
}

/* Can the reader's spec 4.4 demote a headline before @n: is there one among
 * the credits, bylines and captions right before it? */
static bool headline_before(const folio_node *n)
{
    for (n = folio_node_prev(n); n; n = folio_node_prev(n)) {
        folio_node_kind k = folio_node_kind_of(n);
        if (k == FOLIO_NODE_HEADLINE)
            return true;
        if (k != FOLIO_NODE_CREDIT && k != FOLIO_NODE_BYLINE && k != FOLIO_NODE_CAPTION)
            return false;
    }
    return false;
}

/*
 * Spec 4.4: a last paragraph of one line that would be a headline anywhere
 * else is no paragraph a headline can stand before. When a headline does,
 * the paragraph goes on two lines. Returns whether it is still such a one.
 */
static bool put_last_paragraph(const folio_node *n, char *s, size_t len)
{
    bool weak = !memchr(s, '\n', len) && txt_headline_but_last(s, len);
    return weak && !(headline_before(n) && split_last_space(s, len));
}

/*
 * Writes @text as the block for @n (spec 8) and warns when it will not
 * read back as @n. A paragraph that would read as a headline or byline is
 * written on two lines, split at its last space, since only one-line
 * blocks are those (spec 4.3, 4.4) and the reader joins the lines again.
 */
static void put_block(writer *w, const folio_node *n, folio_str text, bool wrap, bool last)
{
    if (text.len == 0)
        return;
    if (w->any_block)
        folio_buf_putc(&w->out, '\n');
    size_t at = w->out.len;
    unsigned lines = put_wrapped(&w->out, text.data, text.len, wrap ? w->wrap : 0);
    if (!w->any_block)
        lines += break_after_key(w->out.data + at, text.len);
    w->any_block = true;
    txt_class c;
    txt_classify(text.data, text.len, lines == 1, last, &c);
    bool paragraph =
        folio_node_kind_of(n) == FOLIO_NODE_PARAGRAPH || folio_node_kind_of(n) == FOLIO_NODE_LIST;
    if (paragraph && (c.kind == TXT_HEADLINE || c.kind == TXT_BYLINE) &&
        split_last_space(w->out.data + at, text.len))
        c.kind = TXT_PARAGRAPH;
    if (last)
        w->last_weak = paragraph && c.kind == TXT_PARAGRAPH &&
                       put_last_paragraph(n, w->out.data + at, text.len);
    /* Headlines and bylines are one line by definition (spec 4.3, 4.4). */
    const char *misread = shape_misread(w->out.data + at, text.len, &c);
    if (misread && folio_node_kind_of(n) != FOLIO_NODE_HEADLINE &&
        folio_node_kind_of(n) != FOLIO_NODE_BYLINE)
        misread = split_for_shape(w->out.data + at, text.len, &c);
    if (misread)
        warn_block(w, n, "%s", misread);
    check_block(w, n, text, &c);
    folio_buf_putc(&w->out, '\n');
    flush(w, false);
}

/* Writes "key value" for the flattened @v unless it is empty; true if it did. */
static bool put_field(writer *w, txt_key key, folio_str v)
{
    if (v.len == 0)
        return false;
    folio_buf_printf(&w->out, "%s %.*s\n", txt_fields[key].name, (int)v.len, v.data);
    w->any_block = true;
    return true;
}

/* Spec 8: the fields in the order of txt_key, date first on its own line.
 * A date that is not one ISO 8601 token would read back as body text, so
 * it is left out; `byline` holds one name (spec 3), so each author gets a
 * line. */
static void put_header(writer *w, const folio_node *article)
{
    for (txt_key k = TXT_KEY_DATE; k < TXT_KEY_COUNT; k++) {
        folio_meta_key meta = txt_fields[k].meta;
        if (k == TXT_KEY_BYLINE) {
            for (size_t i = 0; i < folio_node_author_count(article); i++)
                put_field(w, k, flat(w, folio_node_author(article, i)));
            continue;
        }
        folio_str v = flat(w, folio_node_meta(article, meta));
        if (k == TXT_KEY_DATE && v.len && !txt_is_iso_date(v.data, v.len))
            folio_warn(w->opts, "txt: date '%.*s' is not ISO 8601; left out", (int)v.len, v.data);
        else if (put_field(w, k, v) && k == TXT_KEY_TITLE)
            w->flow.have_title = true;
    }
    if (folio_str_present(folio_node_meta(article, FOLIO_META_DESCRIPTION)))
        folio_warn(w->opts, "txt: plain text has no place for the description; left out");
}

/* "KICKER: " or "Label: ", when there is one. */
static void flatten_prefix(folio_buf *b, folio_str prefix)
{
    if (!prefix.len)
        return;
    flatten(b, prefix);
    folio_buf_puts(b, ": ");
}

/* "KICKER: text Label: credit" (spec 8). */
static void put_caption(writer *w, const folio_node *n, bool last)
{
    folio_buf_reset(&w->flat);
    flatten_prefix(&w->flat, folio_node_kicker(n));
    flatten(&w->flat, folio_node_text(n));
    if (folio_node_has_credit(n)) {
        if (w->flat.len && w->flat.data[w->flat.len - 1] != ' ')
            folio_buf_putc(&w->flat, ' ');
        flatten_prefix(&w->flat, folio_node_credit_label(n));
        flatten(&w->flat, folio_node_credit_text(n));
    }
    put_block(w, n, folio_str_n(w->flat.data, w->flat.len), true, last);
}

static void put_credit(writer *w, const folio_node *n, bool last)
{
    folio_buf_reset(&w->flat);
    flatten_prefix(&w->flat, folio_node_credit_label(n));
    flatten(&w->flat, folio_node_has_credit(n) ? folio_node_credit_text(n) : folio_node_text(n));
    put_block(w, n, folio_str_n(w->flat.data, w->flat.len), false, last);
}

/* Plain text has no lists (spec 2 joins a block's lines), so a list is one
 * paragraph with an item per line, marked "•" or "1.", to read well. */
static void put_list(writer *w, const folio_node *list, bool last)
{
    folio_buf items = {0};
    unsigned number = 1;
    folio_warn(w->opts, "txt: a list is written as a paragraph with an item per line");
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
        txt_flow_paragraph(&w->flow, text.data, text.len);
    } else {
        put_block(w, list, text, true, last);
    }
    folio_buf_free(&items);
}

/* The blank line between blocks (spec 2). */
static void start_block(writer *w)
{
    if (w->any_block)
        folio_buf_putc(&w->out, '\n');
    w->any_block = true;
}

/* A cell's text as written (spec 11): flattened, with '|' and '\' escaped. */
static folio_str cell_text(writer *w, const folio_node *cell)
{
    folio_str s = as_read(w, folio_node_text(cell));
    folio_buf_reset(&w->flat);
    for (size_t i = 0; i < s.len; i++) {
        if (s.data[i] == '|' || s.data[i] == '\\')
            folio_buf_putc(&w->flat, '\\');
        folio_buf_putc(&w->flat, s.data[i]);
    }
    return folio_str_n(w->flat.data ? w->flat.data : "", w->flat.len);
}

/* Could the reader take a cell like this for a piece of the header rule? */
static bool rule_like(folio_str s)
{
    size_t i = s.len > 0 && s.data[0] == ':', dashes = 0;
    for (; i < s.len && s.data[i] == '-'; i++)
        dashes++;
    i += i < s.len && s.data[i] == ':';
    return dashes >= 3 && i == s.len;
}

/* The widest cell of each column, in characters (at least 1), into a new
 * *@widths; returns the number of columns. */
static size_t column_widths(writer *w, const folio_node *t, size_t **widths)
{
    size_t cols = 0;
    for (const folio_node *row = folio_node_first_child(t); row; row = folio_node_next(row)) {
        size_t n = 0;
        for (const folio_node *c = folio_node_first_child(row); c; c = folio_node_next(c))
            n++;
        cols = n > cols ? n : cols;
    }
    *widths = malloc((cols ? cols : 1) * sizeof **widths);
    if (!*widths)
        folio_oom();
    for (size_t i = 0; i < (cols ? cols : 1); i++)
        (*widths)[i] = 1;
    for (const folio_node *row = folio_node_first_child(t); row; row = folio_node_next(row)) {
        size_t i = 0;
        for (const folio_node *c = folio_node_first_child(row); c; c = folio_node_next(c), i++) {
            folio_str s = cell_text(w, c);
            size_t n = utf8_count(s.data, s.len);
            if (n > (*widths)[i])
                (*widths)[i] = n;
        }
    }
    return cols;
}

/* "| a   | b |", padded to the column widths; returns whether every cell
 * looks like a piece of the rule. */
static bool put_row(writer *w, const folio_node *row, const size_t *widths)
{
    bool like_rule = folio_node_first_child(row) != NULL;
    size_t i = 0;
    folio_buf_putc(&w->out, '|');
    for (const folio_node *c = folio_node_first_child(row); c; c = folio_node_next(c), i++) {
        folio_str s = cell_text(w, c);
        like_rule &= rule_like(s);
        w->lost_formatting |= folio_node_has_formatting(c);
        folio_buf_putc(&w->out, ' ');
        folio_buf_put_str(&w->out, s);
        for (size_t n = utf8_count(s.data, s.len); n < widths[i]; n++)
            folio_buf_putc(&w->out, ' ');
        folio_buf_puts(&w->out, " |");
    }
    folio_buf_putc(&w->out, '\n');
    return like_rule;
}

/* "|---|---|"; one column when the rows have no cells, since "|" is no rule. */
static void put_rule(writer *w, const size_t *widths, size_t cols)
{
    folio_buf_putc(&w->out, '|');
    for (size_t i = 0; i < (cols ? cols : 1); i++) {
        for (size_t n = 0; n < widths[i] + 2; n++)
            folio_buf_putc(&w->out, '-');
        folio_buf_putc(&w->out, '|');
    }
    folio_buf_putc(&w->out, '\n');
}

/* Spec 11: "Tabell: caption" when there is one, then the rows as a pipe
 * table, and a rule under the header rows that lead it. */
static void put_table(writer *w, const folio_node *t)
{
    if (!folio_node_first_child(t)) {
        warn_block(w, t, "as nothing: a table without rows is left out");
        return;
    }
    size_t *widths, cols = column_widths(w, t, &widths), index = 0;
    start_block(w);
    if (folio_str_present(folio_node_title(t))) {
        folio_str caption = as_read(w, folio_node_title(t));
        folio_buf_puts(&w->out, txt_table_label(folio_node_meta(w->article, FOLIO_META_LANG)));
        folio_buf_putc(&w->out, ':');
        if (caption.len)
            folio_buf_printf(&w->out, " %.*s", (int)caption.len, caption.data);
        folio_buf_putc(&w->out, '\n');
    }
    bool leading = true, ruled = false;
    for (const folio_node *row = folio_node_first_child(t); row; row = folio_node_next(row)) {
        if (leading && !folio_node_header(row)) {
            if (index > 0)
                put_rule(w, widths, cols);
            leading = false;
            ruled = index > 0;
        } else if (!leading && folio_node_header(row)) {
            warn_block(w, t, "with header row %zu as a data row", index + 1);
        }
        if (put_row(w, row, widths) && index > 0 && !ruled)
            warn_block(w, t, "with row %zu as the rule under header rows", index + 1);
        index++;
    }
    if (leading)
        put_rule(w, widths, cols);
    free(widths);
    flush(w, false);
}

/* Spec 10: a paragraph in a fact box is a quote or body text, and must not
 * look like a list or the box's end. */
static void put_box_paragraph(writer *w, const folio_node *box, const folio_node *p)
{
    folio_str text = flat(w, folio_node_text(p));
    w->lost_formatting |= folio_node_has_formatting(p);
    if (text.len == 0) {
        warn_block(w, box, "without an empty paragraph");
        return;
    }
    start_block(w);
    size_t at = w->out.len;
    put_wrapped(&w->out, text.data, text.len, w->wrap);
    folio_role role = txt_is_quote(text.data, text.len) ? FOLIO_ROLE_QUOTE : FOLIO_ROLE_BODY;
    if (txt_shape_of(w->out.data + at, w->out.len - at) == TXT_SHAPE_LIST)
        warn_block(w, box, "with a paragraph as a list");
    else if (txt_box_closer(text.data, text.len))
        warn_block(w, box, "ended by its paragraph \"%.*s\"", (int)text.len, text.data);
    else if (role != folio_node_role(p))
        warn_block(w, box, "with a %s paragraph as a %s one", folio_role_name(folio_node_role(p)),
                   folio_role_name(role));
    folio_buf_putc(&w->out, '\n');
}

/* Spec 10: a list in a fact box, an item a line, never wrapped, so that
 * every line starts with its marker. */
static void put_box_list(writer *w, const folio_node *box, const folio_node *list)
{
    if (!folio_node_first_child(list)) {
        warn_block(w, box, "without an empty list");
        return;
    }
    start_block(w);
    size_t at = w->out.len;
    unsigned number = 0;
    for (const folio_node *it = folio_node_first_child(list); it; it = folio_node_next(it)) {
        if (folio_node_ordered(list))
            folio_buf_printf(&w->out, "%u.", ++number);
        else
            folio_buf_puts(&w->out, "\xE2\x80\xA2");
        folio_str text = flat(w, folio_node_text(it));
        if (text.len)
            folio_buf_putc(&w->out, ' ');
        folio_buf_put_str(&w->out, text);
        folio_buf_putc(&w->out, '\n');
        w->lost_formatting |= folio_node_has_formatting(it);
        if (folio_node_role(it) != FOLIO_ROLE_BODY)
            warn_block(w, box, "with a %s list item as body text",
                       folio_role_name(folio_node_role(it)));
    }
    if (txt_shape_of(w->out.data + at, w->out.len - at - 1) != TXT_SHAPE_LIST)
        warn_block(w, box, "with a list of one numbered item as a paragraph");
}

/* Spec 10: "FAKTA: title", the box's paragraphs and lists, then "----". */
static void put_factbox(writer *w, const folio_node *box)
{
    folio_buf_reset(&w->flat);
    folio_buf_puts(&w->flat, txt_box_label(folio_node_meta(w->article, FOLIO_META_LANG)));
    folio_buf_putc(&w->flat, ':');
    folio_str title = as_read(w, folio_node_title(box));
    if (folio_str_present(folio_node_title(box)) && !title.len)
        warn_block(w, box, "without its empty title");
    if (title.len) {
        folio_buf_putc(&w->flat, ' ');
        folio_buf_put_str(&w->flat, title);
    }
    txt_class c;
    txt_classify(w->flat.data, w->flat.len, true, false, &c);
    if (c.kind == TXT_CAPTION || c.kind == TXT_CREDIT)
        warn_block(w, box, "as a %s, for its title", c.kind == TXT_CAPTION ? "caption" : "credit");
    start_block(w);
    folio_buf_append(&w->out, w->flat.data, w->flat.len);
    folio_buf_putc(&w->out, '\n');
    for (const folio_node *n = folio_node_first_child(box); n; n = folio_node_next(n)) {
        if (folio_node_kind_of(n) == FOLIO_NODE_LIST)
            put_box_list(w, box, n);
        else
            put_box_paragraph(w, box, n);
    }
    start_block(w);
    folio_buf_puts(&w->out, "----\n");
}

static void put_node(writer *w, const folio_node *n)
{
    bool last = folio_node_next(n) == NULL;
    w->lost_formatting |= folio_node_has_formatting(n);
    w->lost_images |= folio_node_kind_of(n) == FOLIO_NODE_CAPTION && folio_node_has_image(n);
    w->block++;
    switch (folio_node_kind_of(n)) {
    case FOLIO_NODE_HEADLINE:
    case FOLIO_NODE_BYLINE:
        put_block(w, n, flat(w, folio_node_text(n)), false, last);
        break;
    case FOLIO_NODE_PARAGRAPH:
        put_block(w, n, flat(w, folio_node_text(n)), true, last);
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
    case FOLIO_NODE_TABLE:
        put_table(w, n);
        break;
    case FOLIO_NODE_FACTBOX:
        put_factbox(w, n);
        flush(w, false);
        break;
    default:
        break;
    }
}

/*
 * Spec 4.4, as the reader applies it once the article is read: the
 * headlines after its last real paragraph, among credits, bylines and
 * captions, read back as paragraphs. The last block, a headline, has been
 * warned about already.
 */
static void check_trailing_headlines(writer *w, const folio_node *article)
{
    size_t index = w->block;
    const folio_node *last = folio_node_last_child(article);
    for (const folio_node *n = last; n; n = folio_node_prev(n), index--) {
        folio_node_kind k = folio_node_kind_of(n);
        bool unwritten =
            (k == FOLIO_NODE_PARAGRAPH || k == FOLIO_NODE_HEADLINE || k == FOLIO_NODE_BYLINE) &&
            flat(w, folio_node_text(n)).len == 0;
        if (unwritten || (n == last && w->last_weak))
            continue;
        if (k == FOLIO_NODE_HEADLINE && n != last)
            folio_warn(w->opts,
                       "txt: block %zu (headline) will read back as a paragraph: "
                       "no paragraph follows it",
                       index);
        else if (k != FOLIO_NODE_HEADLINE && k != FOLIO_NODE_CREDIT && k != FOLIO_NODE_BYLINE &&
                 k != FOLIO_NODE_CAPTION)
            return;
    }
}

static void put_article(writer *w, const folio_node *article, size_t index)
{
    if (index > 0)
        folio_buf_puts(&w->out, "\n\n");
    w->any_block = false;
    w->article = article;
    w->flow = (txt_flow){0};
    w->block = 0;
    w->last_weak = false;
    put_header(w, article);
    for (const folio_node *n = folio_node_first_child(article); n; n = folio_node_next(n))
        put_node(w, n);
    check_trailing_headlines(w, article);
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
    /* A digest's own title (-M title) stands above its articles: plain text has no place for it. */
    folio_str title = folio_node_meta(folio_doc_root(doc), FOLIO_META_TITLE);
    if (articles > 1 && folio_str_present(title) && title.len)
        folio_warn(
            opts, "txt: the digest's title \"%.*s\" is not written: plain text has no place for it",
            (int)title.len, title.data);
    if (w.lost_formatting)
        folio_warn(opts, "txt: emphasis, links and line breaks are written as plain text");
    if (w.lost_images)
        folio_warn(opts, "txt: plain text has no images; captions keep their text only");
    flush(&w, true);
    folio_buf_free(&w.out);
    folio_buf_free(&w.flat);
    folio_buf_free(&w.seen);
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
