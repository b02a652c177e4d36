/* SPDX-License-Identifier: MIT */
#include "lang.h"
#include "txt.h"

#include <stdlib.h>
#include <string.h>

/* Language detection reads at most this much body text: enough to be sure,
 * and a large input costs no more than a small one (spec 6). */
#define LANG_SAMPLE (16 * 1024)

/* Input is normalised in pieces of about this size, so that the text being
 * classified stays in cache and a large input needs no copy of itself. */
#define PIECE (128 * 1024)

/* A block of the normalised text, by offset into the window. */
typedef struct block {
    size_t start, len;
    bool one_line;
    txt_shape shape; /* a TEXT block's lines are joined; a table's or list's are kept */
} block;

/* Normalised text not yet turned into blocks. */
typedef struct window {
    char *data;
    size_t len, cap;
    size_t scanned; /* the unfinished block has no blank line before this offset */
} window;

typedef struct reader {
    folio_node *article;
    const folio_options *opts;
    bool in_header;   /* still reading header fields */
    bool header_seen; /* a field was read: now a blank line ends the header */
    unsigned line;    /* the header line being read, for warnings */
    txt_flow flow;
    bool want_lang;     /* neither the header nor an option gave the language */
    bool pending;       /* @held is a finished block, not yet classified */
    block held;         /* classified once it is known whether it is the last */
    unsigned seen_keys; /* header keys met so far, one bit each */
    folio_node *box;    /* the open fact box (spec 10), or NULL */
    folio_node *weak;   /* the last block, a paragraph only for being last (spec 4.4) */
    size_t sample_len;
    char sample[LANG_SAMPLE];
} reader;

/* Spec 3 fills one name per `byline`, so each byline line adds an author
 * (the writer writes one per author). For other keys a repeat replaces the
 * earlier value, with a warning: silence would hide a damaged header. */
static void header_field(reader *r, txt_key key, const char *v, size_t len, unsigned line)
{
    if (key == TXT_KEY_BYLINE) {
        folio_node_add_author(r->article, folio_str_n(v, len));
        return;
    }
    if (r->seen_keys & 1u << key)
        folio_warn_at(r->opts, NULL, line, 1,
                      "txt: the header repeats '%s'; the last value is kept", txt_fields[key].name);
    r->seen_keys |= 1u << key;
    folio_node_set_meta(r->article, txt_fields[key].meta, folio_str_n(v, len));
    if (key == TXT_KEY_TITLE)
        r->flow.have_title = true;
    if (key == TXT_KEY_LANG)
        r->want_lang = false;
}

/*
 * Reads the header fields (spec 3) from the normalised lines at @at and
 * returns the offset where reading stopped; clears r->in_header where the
 * body starts. A blank line ends the header as surely as a line that is not
 * a field (spec 3: "the first line that is not one"); blank lines before
 * the first field are skipped.
 */
static size_t read_header(reader *r, char *text, size_t at, size_t len, bool eof)
{
    char *end = text + len;
    for (; at < len; r->line++) {
        char *p = text + at, *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol && !eof) /* a line longer than a piece (iconv): wait for its end */
            return at;
        eol = eol ? eol : end;
        char *sp = memchr(p, ' ', (size_t)(eol - p));
        txt_key key = sp ? txt_key_lookup(p, (size_t)(sp - p)) : TXT_KEY_NONE;
        if (eol == p && !r->header_seen) {
            at++;
            continue;
        }
        char *v = sp ? sp + 1 : p, *vend = eol;
        if (key == TXT_KEY_DATE) {
            char *tok = memchr(v, ' ', (size_t)(eol - v));
            vend = tok ? tok : eol;
            key = txt_is_iso_date(v, (size_t)(vend - v)) ? key : TXT_KEY_NONE;
        }
        if (key == TXT_KEY_NONE)
            break;
        header_field(r, key, v, (size_t)(vend - v), r->line);
        r->header_seen = true;
        if (vend < eol) {
            r->in_header = false;
            return (size_t)(vend + 1 - text);
        }
        at = (size_t)(eol - text) + (eol < end);
    }
    r->in_header = at == len;
    return at;
}

/*
 * Finds the block at or after *@at (spec 2): a maximal run of non-blank
 * lines. True once it is finished, by a blank line or by the end of the
 * input (@eof); only then are its lines joined, in place.
 */
static bool next_block(window *w, size_t *at, bool eof, block *b)
{
    char *s = w->data, *end = s + w->len, *p = s + *at;
    while (p < end && *p == '\n')
        p++;
    *at = (size_t)(p - s);
    char *q = w->scanned > *at ? s + w->scanned : p;
    for (;;) {
        char *nl = memchr(q, '\n', (size_t)(end - q));
        bool at_end = !nl || nl + 1 == end;
        if (at_end && !eof) {
            w->scanned = (size_t)(q - s);
            return false;
        }
        if (at_end || nl[1] == '\n') {
            q = nl ? nl : end;
            break;
        }
        q = nl + 1;
    }
    if (q == p)
        return false;
    *b = (block){.start = *at, .len = (size_t)(q - p), .one_line = true};
    b->shape = txt_shape_of(p, b->len);
    if (b->shape != TXT_SHAPE_TEXT)
        b->one_line = !memchr(p, '\n', b->len);
    for (char *c = b->shape == TXT_SHAPE_TEXT ? memchr(p, '\n', b->len) : NULL; c;
         c = memchr(c + 1, '\n', (size_t)(q - c - 1))) {
        *c = ' ';
        b->one_line = false;
    }
    *at = (size_t)(q - s);
    w->scanned = 0;
    return true;
}

/* Keeps up to LANG_SAMPLE bytes of body text, cut at a character boundary. */
static void sample(reader *r, const char *s, size_t len)
{
    size_t room = LANG_SAMPLE - r->sample_len;
    if (!r->want_lang || room < 2)
        return;
    if (r->sample_len) {
        r->sample[r->sample_len++] = '\n';
        room--;
    }
    len = utf8_cut(s, len, room);
    memcpy(r->sample + r->sample_len, s, len);
    r->sample_len += len;
}

static void add_paragraph(reader *r, const char *s, size_t len)
{
    folio_node *n = folio_node_append_new(r->article, FOLIO_NODE_PARAGRAPH);
    folio_node_append_text(n, s, len);
    folio_role role = txt_flow_paragraph(&r->flow, s, len);
    if (role != FOLIO_ROLE_BODY) /* the default */
        folio_node_set_role(n, role);
    sample(r, s, len);
}

/* Joins the lines of a block whose shape spoke only inside a fact box. */
static void join_lines(char *s, size_t len)
{
    for (char *c = memchr(s, '\n', len); c; c = memchr(c + 1, '\n', (size_t)(s + len - c - 1)))
        *c = ' ';
}

/* The next line of @s from *@at, its length in *@n; *@at moves to the line after. */
static char *next_line(char *s, size_t len, size_t *at, size_t *n)
{
    char *p = s + *at, *nl = memchr(p, '\n', len - *at);
    *n = nl ? (size_t)(nl - p) : len - *at;
    *at += *n + (nl != NULL);
    return p;
}

/* Spec 11: a caption line, then rows; the first rule marks the rows above it as header rows. */
static void add_table(reader *r, char *s, size_t len)
{
    folio_node *t = folio_node_append_new(r->article, FOLIO_NODE_TABLE);
    bool ruled = false;
    for (size_t at = 0, n; at < len;) {
        char *l = next_line(s, len, &at, &n);
        folio_str text;
        if (l == s && txt_table_caption(l, n, &text)) {
            folio_node_set_title(t, text);
            continue;
        }
        if (!ruled && folio_node_first_child(t) && txt_table_rule(l, n)) {
            for (folio_node *row = folio_node_first_child(t); row; row = folio_node_next(row))
                folio_node_set_header(row, true);
            ruled = true;
            continue;
        }
        folio_node *row = folio_node_append_new(t, FOLIO_NODE_ROW);
        for (size_t c = 1; txt_table_cell(l, n, &c, &text);) {
            folio_node *cell = folio_node_append_new(row, FOLIO_NODE_CELL);
            if (text.len)
                folio_node_append_text(cell, text.data, text.len);
        }
    }
}

/* Spec 10: a list in a fact box, an item per marked line; a line without
 * the next marker goes on with the item before it. */
static void add_list(reader *r, char *s, size_t len)
{
    folio_node *list = folio_node_append_new(r->box, FOLIO_NODE_LIST);
    bool ordered = txt_list_marker(s, len, 0) == 0;
    folio_node_set_ordered(list, ordered);
    folio_node *item = NULL;
    unsigned items = 0;
    bool empty =
        true; /* the item has no text yet: kept here, as asking the node costs its length */
    for (size_t at = 0, n; at < len;) {
        char *l = next_line(s, len, &at, &n);
        size_t mark = txt_list_marker(l, n, ordered ? items + 1 : 0);
        if (mark || !item) {
            item = folio_node_append_new(list, FOLIO_NODE_PARAGRAPH);
            items++;
            empty = true;
        } else if (!empty && n > 0) {
            folio_node_append_text(item, " ", 1);
        }
        if (n > mark)
            folio_node_append_text(item, l + mark, n - mark);
        empty &= n <= mark;
        sample(r, l + mark, n - mark);
    }
}

/* A block inside a fact box (spec 10): its end, a list, or a paragraph
 * that is a quote or body text; nothing else is classified there. */
static void add_box_block(reader *r, char *s, const block *b)
{
    if (b->one_line && txt_box_closer(s, b->len)) {
        r->box = NULL;
        return;
    }
    if (b->shape == TXT_SHAPE_LIST) {
        add_list(r, s, b->len);
        return;
    }
    join_lines(s, b->len);
    folio_node *n = folio_node_append_new(r->box, FOLIO_NODE_PARAGRAPH);
    folio_node_append_text(n, s, b->len);
    if (txt_is_quote(s, b->len))
        folio_node_set_role(n, FOLIO_ROLE_QUOTE);
    sample(r, s, b->len);
}

static void add_block(reader *r, char *s, const block *b, bool last)
{
    txt_class c;
    s += b->start;
    if (r->box) {
        add_box_block(r, s, b);
        return;
    }
    if (b->shape == TXT_SHAPE_TABLE) {
        add_table(r, s, b->len);
        return;
    }
    if (b->shape != TXT_SHAPE_TEXT)
        join_lines(s, b->len);
    txt_classify(s, b->len, b->one_line, last, &c);
    folio_str title;
    if (c.kind != TXT_CAPTION && c.kind != TXT_CREDIT && b->one_line &&
        txt_box_opener(s, b->len, &title)) {
        r->box = folio_node_append_new(r->article, FOLIO_NODE_FACTBOX);
        if (title.len)
            folio_node_set_title(r->box, title);
        return;
    }
    folio_node *n;
    switch (c.kind) {
    case TXT_PARAGRAPH:
        add_paragraph(r, s, b->len);
        if (last && b->one_line && txt_headline_but_last(s, b->len))
            r->weak = folio_node_last_child(r->article);
        break;
    case TXT_HEADLINE:
        if (txt_flow_headline(&r->flow)) {
            folio_node_set_meta(r->article, FOLIO_META_TITLE, folio_str_n(s, b->len));
            break;
        }
        n = folio_node_append_new(r->article, FOLIO_NODE_HEADLINE);
        folio_node_append_text(n, s, b->len);
        break;
    case TXT_CAPTION:
        n = folio_node_append_new(r->article, FOLIO_NODE_CAPTION);
        if (folio_str_present(c.kicker))
            folio_node_set_kicker(n, c.kicker);
        folio_node_append_text(n, c.text.data, c.text.len);
        folio_node_set_credit(n, c.label, c.credit, c.parts, c.count);
        break;
    case TXT_CREDIT:
        n = folio_node_append_new(r->article, FOLIO_NODE_CREDIT);
        folio_node_set_credit(n, c.label, c.credit, c.parts, c.count);
        break;
    case TXT_BYLINE:
        n = folio_node_append_new(r->article, FOLIO_NODE_BYLINE);
        folio_node_append_text(n, s, b->len);
        break;
    }
}

/* A paragraph that would be a headline but for being last ("Publisert av NTB")
 * is none that a headline can stand before (spec 4.4). */
static bool real_paragraph(const reader *r, const folio_node *n)
{
    return folio_node_kind_of(n) == FOLIO_NODE_PARAGRAPH && n != r->weak;
}

static bool may_trail(folio_node_kind k)
{
    return k == FOLIO_NODE_PARAGRAPH || k == FOLIO_NODE_HEADLINE || k == FOLIO_NODE_CREDIT ||
           k == FOLIO_NODE_BYLINE || k == FOLIO_NODE_CAPTION;
}

/*
 * Spec 4.4: a headline needs a paragraph somewhere after it. The headlines
 * after the last real paragraph, among credits, bylines and captions, are
 * paragraphs ("Trafikken går nå som normalt igjen" closing a short story):
 * the blocks from the first of them on move to the end in order, each
 * headline replaced by a paragraph of its text.
 */
static void demote_trailing_headlines(reader *r)
{
    folio_node *first = NULL;
    bool any = false;
    for (folio_node *n = folio_node_last_child(r->article); n; n = folio_node_prev(n)) {
        if (real_paragraph(r, n) || !may_trail(folio_node_kind_of(n)))
            break;
        any |= folio_node_kind_of(n) == FOLIO_NODE_HEADLINE;
        first = n;
    }
    /* Roles go in reading order: the last paragraph, read first, gives up
     * the lead to a headline before it that becomes a paragraph. */
    if (any && r->weak && folio_node_role(r->weak) == FOLIO_ROLE_LEAD) {
        r->flow.seen_lead = false;
        folio_node_set_role(r->weak, FOLIO_ROLE_BODY);
    }
    folio_node *last = folio_node_last_child(r->article);
    for (folio_node *n = any ? first : NULL, *next; n; n = next) {
        next = n == last ? NULL : folio_node_next(n);
        folio_node_unlink(n);
        folio_str t = folio_node_text(n);
        if (folio_node_kind_of(n) == FOLIO_NODE_HEADLINE) {
            add_paragraph(r, t.data, t.len);
            continue;
        }
        folio_node_append(r->article, n);
        if (n == r->weak)
            folio_node_set_role(n, txt_flow_paragraph(&r->flow, t.data, t.len));
    }
}

/* Spec 6: the header's lang, else txt.lang, else none when -M lang= will
 * override it anyway, else detected from the body. */
static void set_lang(reader *r)
{
    if (folio_str_present(folio_node_meta(r->article, FOLIO_META_LANG)))
        return;
    const char *given = folio_options_get(r->opts, "txt.lang", NULL);
    if (given && *given) {
        folio_node_set_meta(r->article, FOLIO_META_LANG, folio_str_c(given));
        return;
    }
    char tag[16];
    if (r->want_lang && txt_lang_detect(r->sample, r->sample_len, tag))
        folio_node_set_meta(r->article, FOLIO_META_LANG, folio_str_c(tag));
}

/* Classifies the blocks finished in @w from @at on, each once the next one
 * is found (spec 4.4 needs to know the last), and drops the text done with. */
static size_t take_blocks(reader *r, window *w, size_t at, bool eof)
{
    if (r->in_header)
        at = read_header(r, w->data, at, w->len, eof);
    if (!r->in_header) {
        block b;
        while (next_block(w, &at, eof, &b)) {
            if (r->pending)
                add_block(r, w->data, &r->held, false);
            r->held = b;
            r->pending = true;
        }
    }
    size_t keep = r->pending ? r->held.start : at;
    memmove(w->data, w->data + keep, w->len - keep);
    w->len -= keep;
    w->scanned -= w->scanned ? keep : 0;
    r->held.start -= r->pending ? keep : 0;
    return at - keep;
}

/* Normalises the next piece of @src onto the end of @w. */
static int fill(window *w, txt_source *src, size_t n, folio_error *err)
{
    size_t room = txt_source_room(src, n);
    if (w->cap - w->len < room) {
        /* A quarter more, not double: a line of hundreds of megabytes grows
         * here piece by piece (an iconv encoding), and address space counts. */
        size_t more = w->cap / 4;
        w->cap = room > more ? w->len + room : w->cap + more;
        w->data = realloc(w->data, w->cap);
        if (!w->data)
            folio_oom();
    }
    return txt_source_read(src, n, w->data, &w->len, err);
}

static int read_body(reader *r, txt_source *src, folio_error *err)
{
    window w = {0};
    size_t at = 0;
    int rc = FOLIO_OK;
    for (bool eof = false; !eof && rc == FOLIO_OK;) {
        size_t n = txt_source_piece(src, PIECE);
        eof = src->pos + n == src->len;
        rc = fill(&w, src, n, err);
        if (rc == FOLIO_OK)
            at = take_blocks(r, &w, at, eof);
    }
    if (rc == FOLIO_OK && r->pending)
        add_block(r, w.data, &r->held, true);
    free(w.data);
    return rc;
}

static int txt_read(folio_doc *doc, const unsigned char *data, size_t len, const folio_input *in,
                    const folio_options *opts, folio_error *err)
{
    (void)in; /* plain text refers to no files */
    txt_source src;
    int rc = txt_source_open(&src, data, len, opts, err);
    reader *r = rc < 0 ? NULL : calloc(1, sizeof *r);
    if (rc == FOLIO_OK && !r)
        folio_oom();
    if (r) {
        r->article = folio_doc_add_article(doc);
        r->opts = opts;
        r->in_header = true;
        r->line = 1;
        r->want_lang = !folio_options_get(opts, "txt.lang", NULL) &&
                       !folio_options_get(opts, "meta.lang", NULL);
        rc = read_body(r, &src, err);
        if (rc == FOLIO_OK && !r->box)
            demote_trailing_headlines(r);
        if (rc == FOLIO_OK)
            set_lang(r);
    }
    txt_source_close(&src);
    free(r);
    return rc;
}

/* Plain text is the last resort: anything without NUL bytes in its first
 * 512 bytes, and a little surer when it opens with a header field. */
static int txt_sniff(const unsigned char *data, size_t len)
{
    size_t n = len < 512 ? len : 512;
    if (memchr(data, 0, n))
        return 0;
    const char *sp = memchr(data, ' ', n);
    if (sp && txt_key_lookup((const char *)data, (size_t)(sp - (const char *)data)))
        return 30;
    return 10;
}

static const char *const extensions[] = {"txt", "text", NULL};

const folio_reader txt_reader = {
    .media_type = "text/plain",
    .extensions = extensions,
    .read = txt_read,
    .sniff = txt_sniff,
};
