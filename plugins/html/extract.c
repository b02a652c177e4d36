/* SPDX-License-Identifier: MIT */
#include "hr_walk.h"

#include <stdio.h>
#include <string.h>

/*
 * Finds the article in the page and walks it into the model. Both walks
 * follow the tree's parent links instead of recursing, so a page nested as
 * deep as the parser allows costs no stack; only the model's nesting counts,
 * and an inline that would sit deeper than FOLIO_MAX_DEPTH is flattened
 * into its parent (its text stays).
 */

#define TEXT_MAX 4096 /* of a title, subtitle, author or source */
#define LOOKAHEAD 40  /* elements searched for a fact box's heading */

static bool is_heading(htag tag)
{
    return tag >= HT_H1 && tag <= HT_H6;
}

static bool kept(const hnode *n)
{
    if (n->tag == HT_TEXT)
        return false; /* a text has neither children nor flags */
    /* <head> is walked too: libxml2 2.9 leaves elements HTML4 lacks, such
     * as <article> before any <body> content, inside it. */
    return n->tag != HT_DROP && !(n->flags & HF_CLUTTER);
}

/* The next node in document order after @n within @top; @down: enter @n's children. */
static hnode *next_node(const hnode *top, hnode *n, bool down)
{
    if (down && n->first)
        return n->first;
    while (n != top && !n->next)
        n = n->parent;
    return n == top ? NULL : n->next;
}

/* The collapsed text of @n's subtree, at most TEXT_MAX bytes, in the arena. */
static folio_str plain_text(walker *w, hnode *n)
{
    folio_buf *b = &w->scratch;
    folio_buf_reset(b);
    bool space = false;
    for (hnode *c = n; c && b->len < TEXT_MAX; c = next_node(n, c, kept(c))) {
        for (uint32_t i = 0; c->tag == HT_TEXT && i < c->len; i++) {
            char ch = c->u.text[i];
            bool sp = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || ch == '\f';
            if (!sp && space && b->len > 0)
                folio_buf_putc(b, ' ');
            if (!sp)
                folio_buf_putc(b, ch);
            space = sp || (space && b->len == 0);
        }
        if (c->tag == HT_BR)
            space = true;
    }
    return folio_str_n(folio_arena_strndup(w->arena, b->data ? b->data : "", b->len), b->len);
}

/* The first kept element under @top that @pred accepts, searching at most @budget nodes. */
static hnode *find_first(hnode *top, bool (*pred)(const hnode *), size_t budget)
{
    for (hnode *c = top; c && budget > 0; c = next_node(top, c, kept(c)), budget--) {
        if (c->tag != HT_TEXT && kept(c) && pred(c))
            return c;
    }
    return NULL;
}

static bool is_h1(const hnode *n)
{
    return n->tag == HT_H1 && !(n->flags & HF_DERIVED);
}

static bool is_any_heading(const hnode *n)
{
    return is_heading((htag)n->tag) || n->tag == HT_STRONG || n->tag == HT_B;
}

static bool is_dated_time(const hnode *n)
{
    const char *d = n->tag == HT_TIME && n->u.attrs ? n->u.attrs[HA_DATETIME] : NULL;
    return d && hr_is_iso_date(d, strlen(d));
}

static bool has_author(const hnode *n)
{
    return (n->flags & HF_AUTHOR) != 0;
}

static bool is_fact_box(walker *w, hnode *n)
{
    if (n->flags & HF_FACT)
        return true;
    if (n->tag != HT_ASIDE && n->tag != HT_DIV && n->tag != HT_SECTION)
        return false;
    hnode *h = find_first(n, is_any_heading, LOOKAHEAD);
    return h && hr_fact_heading(plain_text(w, h));
}

static hframe *push(walker *w, hnode *n, hact act)
{
    hframe *f = w->free ? w->free : folio_arena_alloc(w->arena, sizeof *f);
    w->free = w->free ? w->free->next_free : NULL;
    *f = (hframe){.act = act,
                  .cont = w->cont,
                  .para = w->para,
                  .inl = w->inl,
                  .owner = w->owner,
                  .space = w->space,
                  .content = w->content,
                  .space_node = w->space_node};
    n->aux = f;
    return f;
}

static void restore(walker *w, const hframe *f)
{
    w->cont = f->cont;
    w->para = f->para;
    w->inl = f->inl;
    w->owner = f->owner;
    w->space = f->space;
    w->space_node = f->space_node;
    w->content = f->content;
}

/* Starts filling a detached node, whose text the element's end reads. */
static void scratch(walker *w, hnode *n, hact act, folio_node_kind kind)
{
    hw_boundary(w);
    hframe *f = push(w, n, act);
    f->node = folio_node_new(w->doc, kind);
    w->para = w->inl = f->node;
    w->owner = n;
    w->content = w->space = false;
}

static bool sticky(const walker *w)
{
    return w->para && w->owner;
}

static bool open_block(walker *w, hnode *n, folio_node_kind kind)
{
    hw_boundary(w);
    hframe *f = push(w, n, ACT_PARA);
    f->node = hw_open_block(w, kind, n);
    if (!f->node)
        n->aux = NULL;
    return true;
}

static bool enter_heading(walker *w, hnode *n)
{
    folio_node_kind cont = folio_node_kind_of(w->cont);
    if (sticky(w))
        return true;
    if (cont == FOLIO_NODE_FACTBOX && !folio_str_present(folio_node_title(w->cont)) &&
        !folio_node_first_child(w->cont)) {
        scratch(w, n, ACT_FACTTITLE, FOLIO_NODE_PARAGRAPH);
    } else if (n->tag == HT_H1 && !w->title_done && cont == FOLIO_NODE_ARTICLE) {
        scratch(w, n, ACT_TITLE, FOLIO_NODE_HEADLINE);
    } else if (cont == FOLIO_NODE_ARTICLE) {
        open_block(w, n, FOLIO_NODE_HEADLINE);
        if (w->para)
            hw_headline_level(w, w->para, n->tag - HT_H1 + 1);
    } else {
        open_block(w, n, FOLIO_NODE_PARAGRAPH);
    }
    return true;
}

static bool enter_list(walker *w, hnode *n)
{
    folio_node_kind cont = folio_node_kind_of(w->cont);
    if (cont == FOLIO_NODE_LIST) {
        /* A list in a list item: its items join the outer list, after the item. */
        if (w->para && folio_node_parent(w->para) == w->cont)
            hw_finish_para(w);
        if (!sticky(w))
            push(w, n, ACT_LIST);
        return true;
    }
    if (sticky(w) || !folio_node_accepts(w->cont, FOLIO_NODE_LIST))
        return true;
    hw_boundary(w);
    hframe *f = push(w, n, ACT_LIST);
    f->node = folio_node_append_new(w->cont, FOLIO_NODE_LIST);
    folio_node_set_ordered(f->node, n->tag == HT_OL);
    w->cont = f->node;
    return true;
}

static bool enter_table_part(walker *w, hnode *n)
{
    folio_node_kind cont = folio_node_kind_of(w->cont);
    hframe *f;
    switch (n->tag) {
    case HT_TABLE:
        if (sticky(w) || (n->flags & HF_LAYOUT) || !folio_node_accepts(w->cont, FOLIO_NODE_TABLE))
            return true;
        hw_boundary(w);
        f = push(w, n, ACT_TABLE);
        w->cont = f->node = folio_node_append_new(w->cont, FOLIO_NODE_TABLE);
        return true;
    case HT_TR:
        if (cont != FOLIO_NODE_TABLE || w->para)
            return true;
        f = push(w, n, ACT_ROW);
        w->cont = f->node = folio_node_append_new(w->cont, FOLIO_NODE_ROW);
        w->row_td = false; /* a row of <th> only is a header row */
        return true;
    case HT_TD:
    case HT_TH:
        if (cont != FOLIO_NODE_ROW || w->para)
            return true;
        w->row_td |= n->tag == HT_TD;
        return open_block(w, n, FOLIO_NODE_CELL);
    default: /* <caption> */
        if (cont == FOLIO_NODE_TABLE && !w->para && !folio_node_first_child(w->cont))
            scratch(w, n, ACT_TCAPTION, FOLIO_NODE_PARAGRAPH);
        return true;
    }
}

static bool is_img(const hnode *n)
{
    return n->tag == HT_IMG;
}

static bool is_quote_or_table(const hnode *n)
{
    return n->tag == HT_BLOCKQUOTE || n->tag == HT_TABLE;
}

static bool enter_figure(walker *w, hnode *n)
{
    if (w->fig || sticky(w))
        return true;
    /* A figure of a pull quote or a table is no picture: its blocks stay blocks. */
    if (!find_first(n, is_img, LOOKAHEAD) && find_first(n, is_quote_or_table, LOOKAHEAD))
        return true;
    scratch(w, n, ACT_FIGURE, FOLIO_NODE_PARAGRAPH);
    w->fig = n;
    w->img = NULL;
    w->fig_text = w->para;
    w->fig_kicker = folio_node_new(w->doc, FOLIO_NODE_PARAGRAPH);
    w->fig_credit = folio_node_new(w->doc, FOLIO_NODE_PARAGRAPH);
    return true;
}

/* A kicker or credit element inside a figure sends its text there. */
static bool enter_target(walker *w, hnode *n, folio_node *target)
{
    push(w, n, ACT_TARGET);
    w->inl = target;
    w->content = folio_node_text(target).len > 0;
    w->space = w->content;
    w->space_node = target;
    w->trail = false;
    return true;
}

static bool enter_inline(walker *w, hnode *n)
{
    folio_node_kind kind = n->tag == HT_A                      ? FOLIO_NODE_LINK
                           : n->tag == HT_EM || n->tag == HT_I ? FOLIO_NODE_EMPHASIS
                                                               : FOLIO_NODE_STRONG;
    const char *href = kind == FOLIO_NODE_LINK && n->u.attrs ? n->u.attrs[HA_HREF] : NULL;
    if (kind == FOLIO_NODE_LINK && (!href || strncmp(href, "javascript:", 11) == 0))
        return true;
    if ((!w->para && !hw_ensure_para(w)) || !hw_accepts_inline(w->inl, kind))
        return true;
    hw_flush_space(w);
    hframe *f = push(w, n, ACT_INLINE);
    f->node = folio_node_append_new(w->inl, kind);
    if (href)
        folio_node_set_href(f->node, folio_str_c(href));
    w->inl = f->node;
    return true;
}

/* The writer's dateline and authors line carry metadata, not text. */
static void read_dateline(walker *w, hnode *n)
{
    for (hnode *c = n->first; c; c = c->next) {
        if (c->tag != HT_TEXT && (c->flags & HF_SOURCE) && !folio_str_present(w->source))
            w->source = plain_text(w, c);
    }
}

static bool read_authors(walker *w, hnode *n)
{
    if (!find_first(n, has_author, 64))
        return false;
    for (hnode *c = n; c; c = next_node(n, c, kept(c) && !(c->flags & HF_AUTHOR))) {
        if (c != n && kept(c) && (c->flags & HF_AUTHOR)) {
            folio_str name = plain_text(w, c);
            if (name.len > 0)
                folio_buf_append(&w->authors, name.data, name.len + 1);
        }
    }
    return true;
}

/* Elements that give no text of their own: false to skip their children. */
static bool enter_special(walker *w, hnode *n, bool *descend)
{
    *descend = false;
    if (n->flags & HF_DERIVED)
        return true;
    if (n->flags & HF_DATE) {
        read_dateline(w, n);
        return true;
    }
    if ((n->flags & HF_AUTHORS) && read_authors(w, n))
        return true;
    if ((n->flags & HF_SUBTITLE) && !folio_str_present(w->subtitle) && !sticky(w)) {
        w->subtitle = plain_text(w, n);
        return true;
    }
    if (n->tag == HT_TIME && !(w->para && w->content))
        return true;
    *descend = true;
    return false;
}

static bool enter_flagged(walker *w, hnode *n)
{
    if (w->fig && (n->flags & HF_KICKER))
        return enter_target(w, n, w->fig_kicker);
    if (w->fig && (n->flags & (HF_CREDIT | HF_BYLINE)))
        return enter_target(w, n, w->fig_credit);
    /* An article's kicker names its section: no text of the article. */
    if (n->flags & HF_KICKER)
        return false;
    if (sticky(w))
        return true;
    if (n->flags & HF_CREDIT) {
        scratch(w, n, ACT_CREDIT, FOLIO_NODE_PARAGRAPH);
        return true;
    }
    return open_block(w, n, FOLIO_NODE_BYLINE);
}

static bool enter_factbox(walker *w, hnode *n)
{
    hw_boundary(w);
    hframe *f = push(w, n, ACT_FACTBOX);
    w->cont = f->node = folio_node_append_new(w->cont, FOLIO_NODE_FACTBOX);
    return true;
}

static bool enter_element(walker *w, hnode *n)
{
    bool descend;
    if (enter_special(w, n, &descend))
        return descend;
    htag tag = (htag)n->tag;
    if ((tag == HT_ASIDE || tag == HT_DIV || tag == HT_SECTION) && !w->fig && !sticky(w) &&
        folio_node_accepts(w->cont, FOLIO_NODE_FACTBOX) && is_fact_box(w, n))
        return enter_factbox(w, n);
    if (tag == HT_ASIDE || tag == HT_FOOTER)
        return false;
    if ((n->flags & (HF_KICKER | HF_CREDIT | HF_BYLINE)) && tag != HT_FIGURE)
        return enter_flagged(w, n);
    switch (tag) {
    case HT_H1:
    case HT_H2:
    case HT_H3:
    case HT_H4:
    case HT_H5:
    case HT_H6:
        return enter_heading(w, n);
    case HT_P:
    case HT_DT:
    case HT_DD:
    case HT_PRE:
        return sticky(w) || open_block(w, n, FOLIO_NODE_PARAGRAPH);
    case HT_LI:
        return sticky(w) || open_block(w, n, FOLIO_NODE_PARAGRAPH);
    case HT_UL:
    case HT_OL:
        return enter_list(w, n);
    case HT_TABLE:
    case HT_TR:
    case HT_TD:
    case HT_TH:
    case HT_CAPTION:
        return enter_table_part(w, n);
    case HT_FIGURE:
        return enter_figure(w, n);
    case HT_IMG:
        hw_image(w, n);
        return false;
    case HT_BR:
        hw_break(w);
        return false;
    case HT_HR:
        hw_boundary(w);
        return false;
    case HT_EM:
    case HT_I:
    case HT_STRONG:
    case HT_B:
    case HT_A:
        return enter_inline(w, n);
    default:
        return true;
    }
}

/* Context counters of an element, +1 on entering it and -1 on leaving. */
static void count(walker *w, const hnode *n, int step)
{
    w->lead += (unsigned)((n->flags & HF_LEAD) ? step : 0);
    w->quote += (unsigned)((n->flags & HF_QUOTE) || n->tag == HT_BLOCKQUOTE ? step : 0);
    w->pre += (unsigned)(n->tag == HT_PRE ? step : 0);
    w->thead += (unsigned)(n->tag == HT_THEAD ? step : 0);
}

static bool enter(walker *w, hnode *n)
{
    if (n->tag == HT_TEXT) {
        /* Every text before this one is read or skipped: its segment can go. */
        if (w->tree)
            hr_tree_release(w->tree, n->seg);
        hw_text(w, n->u.text, n->len);
        return false;
    }
    n->aux = NULL;
    if (!kept(n) && n != w->root)
        return false;
    if (hr_tag_is_block((htag)n->tag) && !sticky(w))
        hw_boundary(w);
    else if (hr_tag_is_block((htag)n->tag))
        hw_pending_space(w);
    /* The article itself is read whatever its class says (a date, a byline). */
    if (n != w->root && !enter_element(w, n))
        return false;
    count(w, n, 1);
    return true;
}

static void leave_scratch(walker *w, const hframe *f)
{
    folio_str t = hw_scratch_text(f->node);
    if (f->act == ACT_TITLE && t.len > 0) {
        w->h1 = t;
        w->title_done = true;
    } else if (f->act == ACT_TCAPTION && t.len > 0) {
        folio_node_set_title(f->cont, t);
    } else if (f->act == ACT_FACTTITLE && t.len > 0) {
        folio_node_set_title(f->cont, t);
    } else if (f->act == ACT_CREDIT) {
        restore(w, f);
        hw_credit_end(w, f->node);
    }
}

static void leave_frame(walker *w, hframe *f)
{
    switch (f->act) {
    case ACT_INLINE:
        if (w->para == f->para)
            w->inl = f->inl;
        if (!folio_node_first_child(f->node)) {
            folio_node_unlink(f->node);
            if (w->space_node == f->node)
                w->space_node = f->inl;
        }
        return;
    case ACT_TARGET:
        w->inl = f->inl;
        w->content = f->content;
        w->space = f->space;
        w->space_node = f->space_node;
        return;
    case ACT_FIGURE:
        hw_figure_end(w);
        w->fig = NULL;
        break;
    case ACT_TITLE:
    case ACT_TCAPTION:
    case ACT_FACTTITLE:
    case ACT_CREDIT:
        leave_scratch(w, f);
        break;
    case ACT_ROW:
        if (w->thead || (!w->row_td && folio_node_first_child(f->node)))
            folio_node_set_header(f->node, true);
        break;
    default:
        if (w->para && (w->para == f->node || !w->owner))
            hw_finish_para(w);
        if (f->node && hw_is_empty_box(f->node))
            folio_node_unlink(f->node);
        break;
    }
    restore(w, f);
}

static void leave(walker *w, hnode *n)
{
    hframe *f = n->aux;
    if (f) {
        leave_frame(w, f);
        f->next_free = w->free;
        w->free = f;
    } else if (hr_tag_is_block((htag)n->tag))
        hw_boundary(w);
    count(w, n, -1);
}

static void walk(walker *w, hnode *top)
{
    hnode *n = top;
    bool open = enter(w, n);
    for (;;) {
        if (open && n->first) {
            n = n->first;
            open = enter(w, n);
            continue;
        }
        for (;;) {
            if (open)
                leave(w, n);
            if (n == top)
                return;
            if (n->next) {
                n = n->next;
                open = enter(w, n);
                break;
            }
            n = n->parent;
            open = true;
        }
    }
}

/* ---- finding the article ---- */

typedef struct scan {
    hnode *body, *main, *itemprop, *h1, *time;
    folio_buf articles; /* hnode pointers */
    uint64_t total;     /* bytes of paragraph text in the page */
} scan;

static void record(scan *s, hnode *n)
{
    if (n->tag == HT_ARTICLE)
        folio_buf_append(&s->articles, &n, sizeof n);
    if (n->flags & (HF_CLUTTER | HF_IN_CLUTTER))
        return;
    if (n->tag == HT_BODY && !s->body)
        s->body = n;
    if (n->tag == HT_MAIN && !s->main)
        s->main = n;
    if ((n->flags & HF_BODY) && !s->itemprop)
        s->itemprop = n;
    if (is_h1(n) && !s->h1)
        s->h1 = n;
    if (is_dated_time(n) && !s->time)
        s->time = n;
}

/* Counts each <article>'s paragraph text: a text counts for the nearest
 * article around it (n->aux while scanning), so nesting costs nothing.
 * Clutter is counted too: a page that wraps its article in a box named
 * "sidebar-layout" must not lose it. */
static void scan_page(hnode *top, scan *s)
{
    for (hnode *n = top; n;) {
        bool down = false;
        hnode *p = n->parent;
        if (n->tag == HT_TEXT && p && (p->flags & HF_IN_P)) {
            hnode *a = p->aux;
            s->total += n->len;
            if (a)
                a->len = a->len > UINT32_MAX - n->len ? UINT32_MAX : a->len + n->len;
        } else if (n->tag != HT_TEXT && n->tag != HT_DROP) {
            n->aux = n->tag == HT_ARTICLE ? n : p ? p->aux : NULL;
            unsigned inherit = p ? p->flags & (HF_IN_P | HF_IN_CLUTTER) : 0;
            n->flags |= inherit | (n->tag == HT_P ? HF_IN_P : 0) |
                        (p && (p->flags & HF_CLUTTER) ? HF_IN_CLUTTER : 0);
            n->len = 0;
            record(s, n);
            down = true;
        }
        n = next_node(top, n, down);
    }
}

/* The <article> with the most paragraph text, when it holds a good part of
 * the page's; else itemprop="articleBody", <main>, the body. */
static hnode *choose_root(scan *s, hnode *top)
{
    hnode **a = (hnode **)(void *)s->articles.data;
    size_t n = s->articles.len / sizeof *a;
    hnode *best = NULL;
    for (size_t i = 0; i < n; i++) {
        if (a[i]->len > 0 && (!best || a[i]->len > best->len))
            best = a[i];
    }
    if (best && (uint64_t)best->len * 3 >= s->total)
        return best;
    if (s->itemprop)
        return s->itemprop;
    if (s->main)
        return s->main;
    if (n > 0)
        return best ? best : a[0];
    return s->body ? s->body : top;
}

static void clear_aux(hnode *top)
{
    for (hnode *n = top; n; n = next_node(top, n, n->tag != HT_TEXT)) {
        if (n->tag != HT_TEXT)
            n->aux = NULL;
    }
}

/* Walks @root into a new article; @h1, when not NULL, is a title outside it. */
static void read_article(htree *tree, folio_doc *doc, const htmlread_config *cfg, hnode *root,
                         hnode *h1, hnode *page_time, const char *url)
{
    walker w = {.doc = doc, .cfg = cfg, .arena = folio_arena_new(), .root = root};
    w.art = w.cont = folio_doc_add_article(doc);
    /* Found before the walk, which frees the texts it passes. */
    hnode *time = find_first(root, is_dated_time, SIZE_MAX);
    time = time ? time : page_time;
    if (h1)
        walk(&w, h1);
    w.tree = tree;
    walk(&w, root);
    hw_finish_article(&w);
    const char *lang = root->tag == HT_ARTICLE && root->u.attrs ? root->u.attrs[HA_LANG] : NULL;
    hbody body = {
        .h1 = w.h1,
        .date = time ? folio_str_c(time->u.attrs[HA_DATETIME]) : folio_str_n(NULL, 0),
        .subtitle = w.subtitle,
        .source = w.source,
        .lang = folio_str_c(lang),
        .authors = &w.authors,
        .url = url,
    };
    hr_meta_apply(&tree->meta, w.art, &body);
    folio_buf_free(&w.authors);
    folio_buf_free(&w.heads);
    folio_buf_free(&w.scratch);
    folio_arena_free(w.arena);
}

/* The writer's digest: every <article> of the page is a sibling with id
 * "a1", "a2", ... in order (htmlgen.h), at least two. Returns how many. */
static size_t digest_size(const scan *s)
{
    hnode **a = (hnode **)(void *)s->articles.data;
    size_t n = s->articles.len / sizeof *a;
    for (size_t i = 0; i < n; i++) {
        char id[24];
        snprintf(id, sizeof id, "a%zu", i + 1);
        const char *have = a[i]->u.attrs ? a[i]->u.attrs[HA_ID] : NULL;
        if (!have || strcmp(have, id) != 0 || a[i]->parent != a[0]->parent)
            return 0;
    }
    return n >= 2 ? n : 0;
}

static void read_digest(htree *tree, folio_doc *doc, const htmlread_config *cfg, const scan *s,
                        size_t n)
{
    hnode **a = (hnode **)(void *)s->articles.data;
    for (size_t i = 0; i < n; i++) {
        char url[24];
        snprintf(url, sizeof url, "#a%zu", i + 1);
        read_article(tree, doc, cfg, a[i], NULL, NULL, url);
    }
    hr_meta_apply_digest(&tree->meta, doc);
}

int hr_extract(htree *tree, folio_doc *doc, const htmlread_config *cfg, folio_error *err)
{
    (void)err;
    scan s = {0};
    scan_page(tree->root, &s);
    hnode *root = choose_root(&s, tree->root);
    clear_aux(tree->root);
    size_t digest = cfg->xhtml ? 0 : digest_size(&s);
    if (digest) {
        read_digest(tree, doc, cfg, &s, digest);
    } else {
        /* A title outside the article (a page header) when the article has none. */
        hnode *h1 = s.h1 && !find_first(root, is_h1, SIZE_MAX) ? s.h1 : NULL;
        read_article(tree, doc, cfg, root, h1, s.time, NULL);
    }
    folio_buf_free(&s.articles);
    return FOLIO_OK;
}
