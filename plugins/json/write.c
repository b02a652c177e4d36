/* SPDX-License-Identifier: MIT */
#include "json.h"

#include <folio/iter.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/*
 * The canonical layout is exactly what `jq .` prints: each member and element
 * on its own line, two-space indent, "key": value, [] and {} when empty, text
 * as raw UTF-8 with only '"', '\\' and control characters escaped. Keys come
 * in the order of docs/json.md.
 */

typedef struct wr {
    folio_buf out;
    unsigned depth;
    bool fresh; /* the innermost open container has nothing in it yet */
} wr;

static void newline(wr *w)
{
    /* A newline and the indent in one append; nesting deeper than this
     * (inlines within inlines) takes the slow way. */
    static const char lead[] = "\n                                                                ";
    size_t n = 2 * (size_t)w->depth;
    if (n < sizeof lead - 1) {
        folio_buf_append(&w->out, lead, n + 1);
        return;
    }
    folio_buf_putc(&w->out, '\n');
    for (; n > 0; n--)
        folio_buf_putc(&w->out, ' ');
}

/* Text is almost all plain, so the writer skips it 16 bytes at a time where
 * SSE2 is there (every x86-64), else 8 at a time with the "has zero byte"
 * trick: does any byte of the block need escaping? */
#if defined(__SSE2__)
enum { BLOCK = 16 };

static bool block_needs_escape(const char *p)
{
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
    /* Bytes 0x00-0x1F are those below 0x20 in a signed compare once 0x80-0xFF
     * (UTF-8, never escaped) are kept out of the comparison. */
    __m128i ascii = _mm_cmpgt_epi8(x, _mm_set1_epi8(-1));
    __m128i ctl = _mm_and_si128(ascii, _mm_cmplt_epi8(x, _mm_set1_epi8(0x20)));
    __m128i hit = _mm_or_si128(ctl, _mm_cmpeq_epi8(x, _mm_set1_epi8('"')));
    hit = _mm_or_si128(hit, _mm_cmpeq_epi8(x, _mm_set1_epi8('\\')));
    hit = _mm_or_si128(hit, _mm_cmpeq_epi8(x, _mm_set1_epi8(0x7f)));
    return _mm_movemask_epi8(hit) != 0;
}
#else
enum { BLOCK = 8 };

static bool block_needs_escape(const char *p)
{
    uint64_t x;
    memcpy(&x, p, 8);
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t low = (x - ones * 0x20) & ~x; /* a byte < 0x20 */
    uint64_t dquote = ((x ^ ones * '"') - ones) & ~(x ^ ones * '"');
    uint64_t bslash = ((x ^ ones * '\\') - ones) & ~(x ^ ones * '\\');
    uint64_t del = ((x ^ ones * 0x7f) - ones) & ~(x ^ ones * 0x7f);
    return ((low | dquote | bslash | del) & highs) != 0;
}
#endif

static bool needs_escape(unsigned char c)
{
    return c < 0x20 || c == '"' || c == '\\' || c == 0x7f;
}

/* Escapes as jq does: \b \f \n \r \t by name, other C0 controls and DEL as \u00xx. */
static void put_escape(folio_buf *out, unsigned char c)
{
    static const char hex[] = "0123456789abcdef";
    const char *named = c == '"'    ? "\\\""
                        : c == '\\' ? "\\\\"
                        : c == '\b' ? "\\b"
                        : c == '\f' ? "\\f"
                        : c == '\n' ? "\\n"
                        : c == '\r' ? "\\r"
                        : c == '\t' ? "\\t"
                                    : NULL;
    if (named) {
        folio_buf_append(out, named, 2);
        return;
    }
    char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
    folio_buf_append(out, u, sizeof u);
}

static void quote(wr *w, folio_str s)
{
    size_t run = 0, i = 0;
    folio_buf_putc(&w->out, '"');
    while (i < s.len) {
        size_t left = s.len - i;
        if (left >= BLOCK && !block_needs_escape(s.data + i)) {
            i += BLOCK;
            continue;
        }
        /* The last few bytes: check the final block, overlapping what was
         * already checked, before going byte by byte. */
        if (left < BLOCK && s.len >= BLOCK && !block_needs_escape(s.data + s.len - BLOCK))
            break;
        size_t stop = left >= BLOCK ? i + BLOCK : s.len;
        for (; i < stop; i++) {
            unsigned char c = (unsigned char)s.data[i];
            if (!needs_escape(c))
                continue;
            folio_buf_append(&w->out, s.data + run, i - run);
            run = i + 1;
            put_escape(&w->out, c);
        }
    }
    folio_buf_append(&w->out, s.data + run, s.len - run);
    folio_buf_putc(&w->out, '"');
}

/* Starts the next member (with @key) or element (@key NULL) of the open container. */
static void item(wr *w, const char *key)
{
    if (w->depth > 0) {
        if (!w->fresh)
            folio_buf_putc(&w->out, ',');
        newline(w);
    }
    if (key) {
        /* Keys are the model's own names: nothing in them needs escaping. */
        folio_buf_putc(&w->out, '"');
        folio_buf_puts(&w->out, key);
        folio_buf_append(&w->out, "\": ", 3);
    }
    w->fresh = false;
}

static void begin(wr *w, const char *key, char open)
{
    item(w, key);
    folio_buf_putc(&w->out, open);
    w->depth++;
    w->fresh = true;
}

static void end(wr *w, char close)
{
    w->depth--;
    if (!w->fresh)
        newline(w);
    folio_buf_putc(&w->out, close);
    w->fresh = false;
}

/* A member whose value is one of the model's own names ("paragraph"). */
static void put_name(wr *w, const char *key, const char *name)
{
    item(w, key);
    folio_buf_putc(&w->out, '"');
    folio_buf_puts(&w->out, name);
    folio_buf_putc(&w->out, '"');
}

static void put_str(wr *w, const char *key, folio_str s)
{
    item(w, key);
    /* An absent value (a link never given an href) is written empty: the key is required. */
    quote(w, s.data ? s : folio_str_n("", 0));
}

static void put_uint(wr *w, const char *key, unsigned n)
{
    item(w, key);
    folio_buf_printf(&w->out, "%u", n);
}

static void put_bool(wr *w, const char *key, bool b)
{
    item(w, key);
    folio_buf_puts(&w->out, b ? "true" : "false");
}

static void put_opt(wr *w, const char *key, folio_str s)
{
    if (folio_str_present(s))
        put_str(w, key, s);
}

static void put_meta(wr *w, const folio_node *node)
{
    begin(w, "meta", '{');
    for (int k = 0; k < FOLIO_META_COUNT; k++) {
        /* docs/json.md lists authors right after lang. */
        if (k == FOLIO_META_SOURCE && folio_node_author_count(node) > 0) {
            begin(w, "authors", '[');
            for (size_t i = 0; i < folio_node_author_count(node); i++)
                put_str(w, NULL, folio_node_author(node, i));
            end(w, ']');
        }
        put_opt(w, folio_meta_key_name((folio_meta_key)k),
                folio_node_meta(node, (folio_meta_key)k));
    }
    end(w, '}');
}

static void put_parts(wr *w, const folio_node *n)
{
    begin(w, "parts", '[');
    for (size_t i = 0; i < folio_node_credit_count(n); i++)
        put_str(w, NULL, folio_node_credit_part(n, i));
    end(w, ']');
}

static void put_caption_extras(wr *w, const folio_node *n)
{
    if (folio_node_has_credit(n)) {
        begin(w, "credit", '{');
        put_opt(w, "label", folio_node_credit_label(n));
        put_str(w, "text", folio_node_credit_text(n));
        put_parts(w, n);
        end(w, '}');
    }
    if (folio_node_has_image(n)) {
        begin(w, "image", '{');
        put_str(w, "src", folio_node_image_src(n));
        put_opt(w, "alt", folio_node_image_alt(n));
        if (folio_node_image_width(n) > 0)
            put_uint(w, "width", folio_node_image_width(n));
        if (folio_node_image_height(n) > 0)
            put_uint(w, "height", folio_node_image_height(n));
        end(w, '}');
    }
}

/* Opens a block's object and writes its keys; returns whether its children follow. */
static bool begin_block(wr *w, const folio_node *n)
{
    folio_node_kind kind = folio_node_kind_of(n);
    begin(w, NULL, '{');
    put_name(w, "type", folio_node_kind_name(kind));
    if (kind == FOLIO_NODE_HEADLINE)
        put_uint(w, "level", (unsigned)folio_node_level(n));
    else if (kind == FOLIO_NODE_PARAGRAPH)
        put_name(w, "role", folio_role_name(folio_node_role(n)));
    else if (kind == FOLIO_NODE_LIST)
        put_bool(w, "ordered", folio_node_ordered(n));
    else if (kind == FOLIO_NODE_CAPTION)
        put_opt(w, "kicker", folio_node_kicker(n));
    else if (kind == FOLIO_NODE_CREDIT)
        put_opt(w, "label", folio_node_credit_label(n));
    else if (kind == FOLIO_NODE_TABLE)
        put_opt(w, "caption", folio_node_title(n));
    else if (kind == FOLIO_NODE_FACTBOX)
        put_opt(w, "title", folio_node_title(n));
    put_str(w, "text", folio_node_text(n));
    if (kind == FOLIO_NODE_CAPTION)
        put_caption_extras(w, n);
    if (kind == FOLIO_NODE_CREDIT)
        put_parts(w, n);
    if (kind == FOLIO_NODE_LIST || kind == FOLIO_NODE_TABLE || kind == FOLIO_NODE_FACTBOX) {
        begin(w,
              kind == FOLIO_NODE_LIST    ? "items"
              : kind == FOLIO_NODE_TABLE ? "rows"
                                         : "blocks",
              '[');
        return true;
    }
    if (!folio_node_has_formatting(n))
        return false;
    begin(w, "inlines", '[');
    return true;
}

/* A table's row ({"header", "cells"}) or cell ({"text", "inlines"}): no
 * "type", since a table holds nothing else. */
static bool begin_table_part(wr *w, const folio_node *n)
{
    begin(w, NULL, '{');
    if (folio_node_kind_of(n) == FOLIO_NODE_ROW) {
        if (folio_node_header(n))
            put_bool(w, "header", true);
        begin(w, "cells", '[');
        return true;
    }
    put_str(w, "text", folio_node_text(n));
    if (!folio_node_has_formatting(n))
        return false;
    begin(w, "inlines", '[');
    return true;
}

/* Is @n's object closed with an array of its children ("items", "rows", "inlines", ...)? */
static bool writes_children(const folio_node *n)
{
    switch (folio_node_kind_of(n)) {
    case FOLIO_NODE_LIST:
    case FOLIO_NODE_TABLE:
    case FOLIO_NODE_ROW:
    case FOLIO_NODE_FACTBOX:
        return true;
    default:
        return !folio_node_kind_is_block(folio_node_kind_of(n)) || folio_node_has_formatting(n);
    }
}

/* The top object (@top set) or one article of the "articles" array. */
static void begin_container(wr *w, const folio_node *n, bool top, const char *array)
{
    begin(w, NULL, '{');
    if (top)
        put_uint(w, "version", 1);
    put_meta(w, top ? folio_doc_meta_node(folio_node_doc(n)) : n);
    begin(w, array, '[');
}

static void enter(wr *w, folio_iter *it, const folio_node *n, const folio_node *root)
{
    folio_node_kind kind = folio_node_kind_of(n);
    switch (kind) {
    case FOLIO_NODE_DOCUMENT:
        begin_container(w, n, true, "articles");
        break;
    case FOLIO_NODE_ARTICLE:
        begin_container(w, n, n == root, "blocks");
        break;
    case FOLIO_NODE_TEXT:
    case FOLIO_NODE_BREAK:
        begin(w, NULL, '{');
        put_name(w, "type", folio_node_kind_name(kind));
        if (kind == FOLIO_NODE_TEXT)
            put_str(w, "text", folio_node_text(n));
        end(w, '}');
        break;
    case FOLIO_NODE_EMPHASIS:
    case FOLIO_NODE_STRONG:
    case FOLIO_NODE_LINK:
        begin(w, NULL, '{');
        put_name(w, "type", folio_node_kind_name(kind));
        if (kind == FOLIO_NODE_LINK)
            put_str(w, "href", folio_node_href(n));
        begin(w, "inlines", '[');
        break;
    case FOLIO_NODE_ROW:
    case FOLIO_NODE_CELL:
        if (!begin_table_part(w, n))
            folio_iter_skip_children(it);
        break;
    default:
        if (!begin_block(w, n))
            folio_iter_skip_children(it);
        break;
    }
}

static void leave(wr *w, const folio_node *n)
{
    if (writes_children(n))
        end(w, ']');
    end(w, '}');
}

/* Hands what is buffered to the sink once there is enough of it (or @all),
 * so that a large document never sits in memory twice. */
static int flush(wr *w, folio_sink *sink, bool all)
{
    enum { FLUSH_AT = 256 * 1024 };
    if (w->out.len < FLUSH_AT && !all)
        return FOLIO_OK;
    int rc = folio_sink_write(sink, w->out.data, w->out.len);
    folio_buf_reset(&w->out);
    return rc;
}

/* One article is written in the single form (meta + blocks), any other count as "articles". */
static int json_write(const folio_doc *doc, folio_sink *sink, const folio_options *opts,
                      folio_error *err)
{
    (void)opts;
    const folio_node *root = folio_doc_root(doc);
    if (folio_doc_article_count(doc) == 1)
        root = folio_node_first_child(root);
    wr w = {0};
    folio_iter *it = folio_iter_new(root);
    folio_event ev;
    int rc = FOLIO_OK;
    while (rc == FOLIO_OK && (ev = folio_iter_next(it)) != FOLIO_EVENT_DONE) {
        if (ev == FOLIO_EVENT_ENTER)
            enter(&w, it, folio_iter_node(it), root);
        else
            leave(&w, folio_iter_node(it));
        rc = flush(&w, sink, false);
    }
    folio_iter_free(it);
    if (rc == FOLIO_OK) {
        folio_buf_putc(&w.out, '\n');
        rc = flush(&w, sink, true);
    }
    folio_buf_free(&w.out);
    if (rc < 0)
        return folio_error_set(err, rc, "cannot write the JSON output");
    return FOLIO_OK;
}

static const char *const extensions[] = {"json", NULL};

const folio_writer json_writer = {
    .media_type = "application/json",
    .extensions = extensions,
    .write = json_write,
};
