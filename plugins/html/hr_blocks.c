/* SPDX-License-Identifier: MIT */
#include "hr_walk.h"

#include <folio/resource.h>
#include <string.h>

/* The blocks of the model as the walk fills them: text with white space
 * collapsed as a browser collapses it, paragraphs finished with the roles of
 * spec article-text.md, captions and credits by its section 5. */

static inline bool is_space(char c)
{
    /* ' ', '\t', '\n', '\f', '\r': HTML's ASCII white space. */
    return (unsigned char)c <= ' ' && ((1ull << (unsigned char)c) & 0x100003600ull) != 0;
}

/* An inline that holds text needs room for the text below it too: deeper
 * than that, formatting is flattened into its parent. */
bool hw_accepts_inline(const folio_node *parent, folio_node_kind kind)
{
    return folio_node_accepts(parent, kind) && folio_node_depth(parent) + 2 <= FOLIO_MAX_DEPTH;
}

bool hw_ensure_para(walker *w)
{
    if (w->para)
        return true;
    if (!folio_node_accepts(w->cont, FOLIO_NODE_PARAGRAPH))
        return false;
    w->para = w->inl = folio_node_append_new(w->cont, FOLIO_NODE_PARAGRAPH);
    w->owner = NULL;
    w->content = w->space = false;
    return true;
}

/* <pre>: white space kept, a newline a forced break (none at the very end). */
static void pre_text(walker *w, const char *s, size_t len)
{
    if (!w->para && !hw_ensure_para(w))
        return;
    while (len > 0) {
        const char *nl = memchr(s, '\n', len);
        size_t n = nl ? (size_t)(nl - s) : len;
        if (n > 0) {
            folio_node_append_text(w->inl, s, n);
            w->content = true;
        }
        if (!nl)
            break;
        if (n + 1 < len)
            hw_break(w);
        s += n + 1;
        len -= n + 1;
    }
}

/* A collapsed space stays where the page has it (in "a <em>b</em>", before
 * the emphasis), and is written only when more text follows it. */
void hw_flush_space(walker *w)
{
    if (w->space && w->content && w->space_node) {
        folio_node_append_text(w->space_node, " ", 1);
        w->trail = true;
    }
    w->space = false;
}

void hw_pending_space(walker *w)
{
    if (w->content && !w->space && !w->trail) {
        w->space = true;
        w->space_node = w->inl;
    }
}

void hw_text(walker *w, const char *s, size_t len)
{
    if (w->pre) {
        pre_text(w, s, len);
        return;
    }
    size_t i = 0;
    while (i < len && is_space(s[i]))
        i++;
    if (i > 0)
        hw_pending_space(w);
    if (i == len || (!w->para && !hw_ensure_para(w)))
        return;
    folio_buf *b = &w->scratch;
    folio_buf_reset(b);
    folio_buf_grow(b, len - i + 1);
    char *o = b->data;
    if (w->space && w->space_node == w->inl)
        *o++ = ' ';
    else
        hw_flush_space(w);
    /* One pass: each run of white space becomes one space, kept until a
     * word follows it; one at the end waits for the next text. */
    bool space = false;
    for (; i < len; i++) {
        char c = s[i];
        if (is_space(c)) {
            space = true;
            continue;
        }
        if (space)
            *o++ = ' ';
        space = false;
        *o++ = c;
    }
    folio_node_append_text(w->inl, b->data, (size_t)(o - b->data));
    w->content = true;
    w->trail = false;
    w->space = space;
    w->space_node = w->inl;
}

void hw_break(walker *w)
{
    if (w->para && w->content && folio_node_accepts(w->inl, FOLIO_NODE_BREAK)) {
        folio_node_append_new(w->inl, FOLIO_NODE_BREAK);
        w->space = false;
        w->trail = true;
    }
}

void hw_boundary(walker *w)
{
    if (!w->para)
        return;
    /* Blocks inside a list item, a cell or a caption only separate words. */
    if (w->owner) {
        hw_pending_space(w);
        return;
    }
    hw_finish_para(w);
}

folio_node *hw_open_block(walker *w, folio_node_kind kind, const hnode *owner)
{
    if (!folio_node_accepts(w->cont, kind))
        return NULL;
    w->para = w->inl = folio_node_append_new(w->cont, kind);
    w->owner = owner;
    w->content = w->space = false;
    return w->para;
}

static void set_credit(folio_node *n, const hr_credit *c)
{
    folio_node_set_credit(n, c->label, c->text, c->parts, c->count);
}

/* The text of an element whose class says credit: "Foto: A / B" (spec 5),
 * "(NTB)", "Photograph: A/B" (a one-word label beyond the spec's, as the
 * class vouches for it), or a credit without a label. */
static void parse_credit(folio_str t, hr_credit *c)
{
    size_t at, word = 0;
    if (hr_find_clause(t.data, t.len, &at, c) && at == 0)
        return;
    if (hr_agency_tag(t.data, t.len, c))
        return;
    while (word < t.len && word < 24 &&
           ((t.data[word] | 0x20) >= 'a' && (t.data[word] | 0x20) <= 'z'))
        word++;
    if (word > 1 && word + 2 < t.len && t.data[word] == ':' && t.data[word + 1] == ' ') {
        hr_plain_credit(t.data + word + 2, t.len - word - 2, c);
        c->label = folio_str_n(t.data, word);
        return;
    }
    hr_plain_credit(t.data, t.len, c);
}

/* A paragraph that is only a credit becomes a CREDIT block (spec 4.1). */
static bool credit_paragraph(folio_node *p, folio_str t)
{
    hr_credit c;
    size_t at;
    bool clause = hr_find_clause(t.data, t.len, &at, &c) && at == 0;
    if (!clause && !hr_agency_tag(t.data, t.len, &c))
        return false;
    folio_node *cont = folio_node_parent(p);
    if (folio_node_last_child(cont) != p ||
        !folio_node_can_contain(folio_node_kind_of(cont), FOLIO_NODE_CREDIT))
        return false;
    folio_node_unlink(p);
    folio_node *credit = folio_node_append_new(cont, FOLIO_NODE_CREDIT);
    set_credit(credit, &c);
    return true;
}

/* Makes the last block @p a block of @kind with the same inlines. */
static bool retype(folio_node *p, folio_node_kind kind)
{
    folio_node *cont = folio_node_parent(p);
    if (folio_node_last_child(cont) != p || !folio_node_can_contain(folio_node_kind_of(cont), kind))
        return false;
    folio_node_unlink(p);
    folio_node *n = folio_node_append_new(cont, kind);
    hw_copy_range(n, p, 0, folio_node_text(p).len);
    return true;
}

static void classify_paragraph(walker *w, folio_node *p)
{
    folio_str t = folio_node_text(p);
    if (credit_paragraph(p, t))
        return;
    if (hr_is_byline(t.data, t.len) && !w->lead && retype(p, FOLIO_NODE_BYLINE))
        return;
    if (w->lead) {
        folio_node_set_role(p, FOLIO_ROLE_LEAD);
        w->class_lead = true;
    } else if (w->quote || hr_starts_quote(t.data, t.len)) {
        folio_node_set_role(p, FOLIO_ROLE_QUOTE);
    }
    if (!w->first_para && folio_node_role(p) != FOLIO_ROLE_QUOTE)
        w->first_para = p;
}

/* Loose text that is one link and nothing else (a section name, "Read
 * more") is navigation, not a paragraph. */
static bool only_link(const folio_node *p)
{
    const folio_node *c = folio_node_first_child(p);
    return c && c == folio_node_last_child(p) && folio_node_kind_of(c) == FOLIO_NODE_LINK;
}

void hw_finish_para(walker *w)
{
    folio_node *p = w->para;
    bool content = w->content && !(w->owner == NULL && p && only_link(p));
    w->para = w->inl = NULL;
    w->owner = NULL;
    w->content = w->space = false;
    if (!p)
        return;
    folio_node_kind kind = folio_node_kind_of(p);
    folio_node *last = folio_node_last_child(p);
    if (last && folio_node_kind_of(last) == FOLIO_NODE_BREAK)
        folio_node_unlink(last);
    if (!content && kind != FOLIO_NODE_CELL) {
        folio_node_unlink(p);
        return;
    }
    if (kind == FOLIO_NODE_PARAGRAPH && folio_node_parent(p) == w->art)
        classify_paragraph(w, p);
}

/* ---- images ---- */

static bool starts_with_ci(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++) {
        char c = *s >= 'A' && *s <= 'Z' ? (char)(*s + 32) : *s;
        if (c != *prefix)
            return false;
    }
    return true;
}

static bool is_remote(const char *src)
{
    return starts_with_ci(src, "http:") || starts_with_ci(src, "https:") ||
           (src[0] == '/' && src[1] == '/');
}

static unsigned pixels(const char *v)
{
    unsigned n = 0;
    for (; v && *v >= '0' && *v <= '9' && n < 100000; v++)
        n = n * 10 + (unsigned)(*v - '0');
    return n;
}

/* The first URL of a srcset ("a.jpg 480w, b.jpg 800w"), in the arena. */
static const char *first_candidate(walker *w, const char *srcset)
{
    while (*srcset == ' ' || *srcset == '\n' || *srcset == '\t')
        srcset++;
    size_t n = strcspn(srcset, " \n\t,");
    return n ? folio_arena_strndup(w->arena, srcset, n) : NULL;
}

/* The picture an <img> shows: a lazy-loading page keeps it in data-src,
 * a responsive one may give only a srcset. */
static const char *image_src(walker *w, const hnode *img)
{
    const char *const *a = img->u.attrs;
    if (!a)
        return NULL;
    const char *src = a[HA_SRC], *lazy = a[HA_LAZY_SRC];
    bool placeholder =
        !src || !src[0] || starts_with_ci(src, "data:image/gif") || starts_with_ci(src, "about:");
    if (placeholder && lazy && lazy[0])
        return lazy;
    if (src && src[0])
        return src;
    return a[HA_SRCSET] ? first_candidate(w, a[HA_SRCSET]) : NULL;
}

static void load_image(walker *w, const hnode *img, folio_str src)
{
    const htmlread_config *cfg = w->cfg;
    const folio_input *in = cfg->in;
    if (is_remote(src.data))
        return;
    bool resolver =
        in && in->size >= offsetof(folio_input, resolver) + sizeof in->resolver && in->resolver;
    folio_error e = {0};
    int rc;
    if (cfg->load_image)
        rc = cfg->load_image(cfg->load_ctx, w->doc, src, &e);
    else if (resolver)
        rc = folio_input_load_image(in, w->doc, src, &e);
    else
        return;
    if (rc < 0)
        folio_warn_at(cfg->opts, cfg->entry, img->line, img->col, "image '%.60s' not loaded: %s",
                      src.data, e.message);
}

static bool set_image(walker *w, folio_node *cap, const hnode *img)
{
    const char *src = image_src(w, img);
    if (!src)
        return false;
    const char *alt = img->u.attrs[HA_ALT];
    folio_str s = folio_str_c(src);
    folio_node_set_image(cap, s, folio_str_c(alt), pixels(img->u.attrs[HA_WIDTH]),
                         pixels(img->u.attrs[HA_HEIGHT]));
    load_image(w, img, s);
    return true;
}

/* Icons and tracking pixels are no pictures of the article. */
static bool is_tiny(const hnode *img)
{
    const char *const *a = img->u.attrs;
    unsigned width = a ? pixels(a[HA_WIDTH]) : 0, height = a ? pixels(a[HA_HEIGHT]) : 0;
    return (a && a[HA_WIDTH] && width < 40) || (a && a[HA_HEIGHT] && height < 40);
}

void hw_image(walker *w, const hnode *img)
{
    if (w->fig) {
        if (!w->img && image_src(w, img))
            w->img = img;
        return;
    }
    if (is_tiny(img) || !image_src(w, img) || !folio_node_accepts(w->cont, FOLIO_NODE_CAPTION))
        return;
    folio_node *p = w->para;
    if (p && (w->content || folio_node_parent(p) != w->cont))
        return;
    /* <p><img></p>: the picture goes before the paragraph, still empty. */
    if (p)
        folio_node_unlink(p);
    folio_node *cap = folio_node_append_new(w->cont, FOLIO_NODE_CAPTION);
    set_image(w, cap, img);
    if (p)
        folio_node_append(w->cont, p);
}

/* ---- figures, credits ---- */

static folio_str trim(folio_str t)
{
    while (t.len > 0 && is_space(t.data[0]))
        t.data++, t.len--;
    while (t.len > 0 && (is_space(t.data[t.len - 1])))
        t.len--;
    return t;
}

folio_str hw_scratch_text(folio_node *scratch)
{
    return scratch ? trim(folio_node_text(scratch)) : folio_str_n("", 0);
}

static void copy_one(folio_node *dst, const folio_node *c, folio_str t, size_t a, size_t b)
{
    folio_node_kind kind = folio_node_kind_of(c);
    if (kind == FOLIO_NODE_TEXT) {
        folio_node_append_text(dst, t.data + a, b - a);
        return;
    }
    if (kind == FOLIO_NODE_BREAK || !hw_accepts_inline(dst, kind)) {
        if (kind == FOLIO_NODE_BREAK && folio_node_accepts(dst, kind))
            folio_node_append_new(dst, kind);
        else if (kind != FOLIO_NODE_BREAK)
            hw_copy_range(dst, c, a, b);
        return;
    }
    folio_node *n = folio_node_append_new(dst, kind);
    if (kind == FOLIO_NODE_LINK)
        folio_node_set_href(n, folio_node_href(c));
    hw_copy_range(n, c, a, b);
    if (!folio_node_first_child(n))
        folio_node_unlink(n);
}

/* Copies the inlines of @src that hold bytes [@from, @to) of its text. */
void hw_copy_range(folio_node *dst, const folio_node *src, size_t from, size_t to)
{
    size_t off = 0;
    for (folio_node *c = folio_node_first_child(src); c && off < to; c = folio_node_next(c)) {
        folio_str t = folio_node_text(c);
        size_t end = off + t.len;
        if (end > from && t.len > 0) {
            size_t a = from > off ? from - off : 0;
            size_t b = (to < end ? to : end) - off;
            if (b > a)
                copy_one(dst, c, t, a, b);
        }
        off = end;
    }
}

/* The caption's text range, its kicker (a kicker element, else an upper-case
 * lead-in, spec 4.2) and its credit (a credit element, else a clause that
 * ends the text, spec 5). */
static void split_caption(walker *w, folio_str t, size_t *from, size_t *to, folio_str *kicker,
                          hr_credit *c, bool *credit)
{
    folio_str k = hw_scratch_text(w->fig_kicker);
    while (k.len > 0 && (k.data[k.len - 1] == ':' || is_space(k.data[k.len - 1])))
        k.len--;
    size_t lead = hr_kicker_len(t.data, t.len);
    *from = 0;
    *to = t.len;
    *kicker = k.len > 0 ? k : folio_str_n(NULL, 0);
    if (k.len == 0 && lead > 0) {
        *kicker = folio_str_n(t.data, lead);
        *from = lead + 2;
    }
    folio_str ct = hw_scratch_text(w->fig_credit);
    size_t at;
    *credit = ct.len > 0;
    if (*credit)
        parse_credit(ct, c);
    else if (hr_find_clause(t.data + *from, t.len - *from, &at, c))
        *credit = true, *to = *from + at;
    while (*to > *from && is_space(t.data[*to - 1]))
        (*to)--;
    while (*from < *to && (is_space(t.data[*from]) || t.data[*from] == ':'))
        (*from)++;
}

void hw_figure_end(walker *w)
{
    folio_str t = folio_node_text(w->fig_text), kicker;
    size_t from, to;
    hr_credit c;
    bool credit;
    split_caption(w, t, &from, &to, &kicker, &c, &credit);
    if (to <= from && !w->img && !folio_str_present(kicker) && !credit)
        return;
    if (!folio_node_accepts(w->cont, FOLIO_NODE_CAPTION)) {
        /* A fact box holds no pictures: their words stay. */
        if (to > from && folio_node_accepts(w->cont, FOLIO_NODE_PARAGRAPH))
            hw_copy_range(folio_node_append_new(w->cont, FOLIO_NODE_PARAGRAPH), w->fig_text, from,
                          to);
        return;
    }
    folio_node *cap = folio_node_append_new(w->cont, FOLIO_NODE_CAPTION);
    hw_copy_range(cap, w->fig_text, from, to);
    if (folio_str_present(kicker))
        folio_node_set_kicker(cap, kicker);
    if (credit)
        set_credit(cap, &c);
    if (w->img)
        set_image(w, cap, w->img);
}

void hw_credit_end(walker *w, folio_node *scratch)
{
    folio_str t = hw_scratch_text(scratch);
    if (t.len == 0 || !folio_node_accepts(w->cont, FOLIO_NODE_CREDIT))
        return;
    hr_credit c;
    parse_credit(t, &c);
    set_credit(folio_node_append_new(w->cont, FOLIO_NODE_CREDIT), &c);
}

/* ---- the article as a whole ---- */

typedef struct head_level {
    folio_node *node;
    int level;
} head_level;

void hw_headline_level(walker *w, folio_node *h, int level)
{
    head_level hl = {h, level};
    folio_buf_append(&w->heads, &hl, sizeof hl);
}

/* Subheadings relative to the highest level used: that one is 2, below it 3. */
static void set_levels(walker *w)
{
    head_level *hl = (head_level *)(void *)w->heads.data;
    size_t n = w->heads.len / sizeof *hl;
    int top = 7;
    for (size_t i = 0; i < n; i++) {
        if (folio_node_parent(hl[i].node) && hl[i].level < top)
            top = hl[i].level;
    }
    for (size_t i = 0; i < n; i++)
        folio_node_set_level(hl[i].node, hl[i].level > top ? 3 : 2);
}

bool hw_is_empty_box(const folio_node *b)
{
    folio_node_kind k = folio_node_kind_of(b);
    return (k == FOLIO_NODE_LIST || k == FOLIO_NODE_TABLE || k == FOLIO_NODE_FACTBOX) &&
           !folio_node_first_child(b);
}

void hw_finish_article(walker *w)
{
    hw_finish_para(w);
    set_levels(w);
    /* Spec 4.5: without a lead the page marks, the first paragraph that is
     * not a quote is the lead. */
    if (!w->class_lead && w->first_para)
        folio_node_set_role(w->first_para, FOLIO_ROLE_LEAD);
}
