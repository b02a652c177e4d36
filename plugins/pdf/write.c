/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pdf.h"

/*
 * The writer: cairo's PDF surface writes into memory, every article is
 * laid out and paged in turn (its flow freed before the next, so a digest
 * of any length needs the memory of one article), and the page boxes are
 * added after cairo has finished. The creation date comes from
 * SOURCE_DATE_EPOCH or the article's date; cairo 1.16 writes no /ID, so
 * the same input gives the same bytes.
 */

static cairo_status_t to_buf(void *ctx, const unsigned char *data, unsigned int len)
{
    folio_buf_append(ctx, data, len);
    return CAIRO_STATUS_SUCCESS;
}

static const char *const months[][13] = {
    {"nb", "januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
     "oktober", "november", "desember"},
    {"nn", "januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
     "oktober", "november", "desember"},
    {"no", "januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
     "oktober", "november", "desember"},
    {"da", "januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
     "oktober", "november", "december"},
    {"sv", "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
     "oktober", "november", "december"},
    {"de", "Januar", "Februar", "M\xc3\xa4rz", "April", "Mai", "Juni", "Juli", "August",
     "September", "Oktober", "November", "Dezember"},
    {"en", "January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"},
};

/* Reads "YYYY", "YYYY-MM" or "YYYY-MM-DD..." into @ymd (0 where absent); false otherwise. */
static bool parse_date(folio_str d, int ymd[3])
{
    ymd[0] = ymd[1] = ymd[2] = 0;
    if (!d.data || d.len < 4)
        return false;
    const int width[3] = {4, 2, 2}, max[3] = {9999, 12, 31};
    size_t pos = 0;
    for (int f = 0; f < 3; f++) {
        if (f && (pos >= d.len || d.data[pos] != '-'))
            return f > 0;
        pos += f ? 1 : 0;
        int v = 0;
        for (int i = 0; i < width[f]; i++, pos++) {
            if (pos >= d.len || d.data[pos] < '0' || d.data[pos] > '9')
                return false;
            v = v * 10 + (d.data[pos] - '0');
        }
        if (v < (f ? 1 : 1000) || v > max[f])
            return false;
        ymd[f] = v;
    }
    return true;
}

size_t pdf_date_format(char *out, size_t size, folio_str date, const char *lang)
{
    int ymd[3];
    if (!parse_date(date, ymd)) {
        if (!date.data || !date.len || date.len >= size)
            return 0;
        memcpy(out, date.data, date.len); /* shown as written */
        out[date.len] = '\0';
        return date.len;
    }
    const char *const *names = NULL;
    for (size_t i = 0; lang && i < sizeof months / sizeof *months; i++)
        if (!strncmp(lang, months[i][0], 2))
            names = months[i];
    int n;
    if (!names || !ymd[1])
        n = snprintf(out, size, "%.*s", (int)(date.len > 10 ? 10 : date.len), date.data);
    else if (!ymd[2])
        n = snprintf(out, size, "%s %d", names[ymd[1]], ymd[0]);
    else if (!strcmp(names[0], "en") || !strcmp(names[0], "sv"))
        n = snprintf(out, size, "%d %s %d", ymd[2], names[ymd[1]], ymd[0]);
    else
        n = snprintf(out, size, "%d. %s %d", ymd[2], names[ymd[1]], ymd[0]);
    return n > 0 && (size_t)n < size ? (size_t)n : 0;
}

/* The creation date as cairo wants it ("2023-09-13T00:00:00"), or false for none. */
static bool creation_date(const folio_doc *doc, char *out, size_t size)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end = NULL;
        long long v = strtoll(sde, &end, 10);
        struct tm tm;
        time_t t = (time_t)v;
        if (!*end && v >= 0 && gmtime_r(&t, &tm))
            return strftime(out, size, "%Y-%m-%dT%H:%M:%S", &tm) > 0;
    }
    int ymd[3];
    if (!parse_date(folio_node_meta(folio_doc_meta_node(doc), FOLIO_META_DATE), ymd))
        return false;
    snprintf(out, size, "%04d-%02d-%02dT00:00:00", ymd[0], ymd[1] ? ymd[1] : 1,
             ymd[2] ? ymd[2] : 1);
    return true;
}

static char *cstr(folio_str s)
{
    return g_strndup(s.data ? s.data : "", s.len);
}

static void metadata(pdf_ctx *c)
{
    const folio_node *meta = folio_doc_meta_node(c->doc);
    char *title = cstr(folio_doc_title(c->doc));
    cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_TITLE, title);
    g_free(title);
    GString *authors = g_string_new(NULL);
    for (size_t i = 0; i < folio_node_author_count(meta); i++) {
        folio_str a = folio_node_author(meta, i);
        if (i)
            g_string_append(authors, ", ");
        g_string_append_len(authors, a.data, (gssize)a.len);
    }
    if (authors->len)
        cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_AUTHOR, authors->str);
    g_string_free(authors, TRUE);
    folio_str subject = folio_node_meta(meta, FOLIO_META_DESCRIPTION);
    if (!subject.data)
        subject = folio_node_meta(meta, FOLIO_META_SUBTITLE);
    if (subject.data) {
        char *s = cstr(subject);
        cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_SUBJECT, s);
        g_free(s);
    }
    cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_CREATOR, "Folio " FOLIO_VERSION);
    char date[32];
    if (creation_date(c->doc, date, sizeof date)) {
        cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
        cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_MOD_DATE, date);
    }
}

static void geometry(pdf_ctx *c)
{
    const pdf_config *g = &c->cfg;
    c->ox = c->oy = g->bleed + g->slug;
    c->text_x = g->inner;
    c->text_y = g->top;
    c->text_w = g->paper_w - g->inner - g->outer;
    c->text_h = g->paper_h - g->top - g->bottom;
    c->col_w = (c->text_w - (g->columns - 1) * g->gutter) / g->columns;
    /* Whole grid lines: the last line of every column sits on the bottom margin. */
}

/* The language of @n, else of the document, else of its first article; NULL if none. */
static char *language(const folio_doc *doc, const folio_node *n)
{
    folio_str lang = n ? folio_node_meta(n, FOLIO_META_LANG) : folio_str_c(NULL);
    if (!lang.data)
        lang = folio_node_meta(folio_doc_root(doc), FOLIO_META_LANG);
    const folio_node *first = folio_node_first_child(folio_doc_root(doc));
    if (!lang.data && first)
        lang = folio_node_meta(first, FOLIO_META_LANG);
    return lang.data && lang.len && lang.len < 32 ? cstr(lang) : NULL;
}

/*
 * The running header: the document's title, cut at a word to fit the measure
 * with a real "…". (pango's own ellipsis would carry the whole cut text in
 * the PDF's text layer, on every page.)
 */
static void set_running(pdf_ctx *c)
{
    folio_str title = folio_doc_title(c->doc);
    size_t len = title.len < 400 ? title.len : 400;
    while (len < title.len && len && ((unsigned char)title.data[len] & 0xc0) == 0x80)
        len--;
    pdf_para p;
    const pdf_style *st = &c->st.header;
    pdf_para_init(&p, st, c->lang);
    pdf_para_add(&p, title.data ? title.data : "", len, 0, -1);
    pdf_para_finish(&p);
    pdf_layout_set(c->furniture, st, p.text.data ? p.text.data : "", p.text.len, NULL, 0, 0,
                   c->lang, false);
    double ell = st->size * 1.2;
    if (len == title.len && pdf_layout_width(c->furniture, st) <= c->text_w) {
        folio_buf_append(&c->running, p.text.data, p.text.len);
    } else {
        int index = 0, trailing = 0;
        pango_layout_xy_to_index(c->furniture, (int)((c->text_w - ell) / st->scale * PANGO_SCALE),
                                 0, &index, &trailing);
        size_t cut = (size_t)index;
        while (cut > (size_t)index * 2 / 3 && p.text.data[cut] != ' ')
            cut--;
        if (p.text.data[cut] != ' ')
            cut = (size_t)index;
        folio_buf_append(&c->running, p.text.data, cut);
        folio_buf_puts(&c->running, "\xe2\x80\xa6");
    }
    pdf_para_free(&p);
}

static void article(pdf_ctx *c, const folio_node *a, bool first)
{
    char *l = language(c->doc, a);
    const char *doc_lang = c->lang;
    c->lang = l;
    pdf_flow head = {0}, body = {0};
    if (first && folio_doc_article_count(c->doc) > 1)
        pdf_flow_masthead(c, &head, c->doc, c->text_w);
    pdf_flow_head(c, &head, a, c->text_w);
    pdf_flow_body(c, &body, a, c->col_w);
    pdf_page_article(c, &head, &body);
    pdf_flow_free(&head);
    pdf_flow_free(&body);
    c->lang = doc_lang;
    g_free(l);
}

static int finish(pdf_ctx *c, folio_buf *out, folio_error *err)
{
    cairo_destroy(c->cr);
    c->cr = NULL;
    cairo_surface_finish(c->surface);
    cairo_status_t st = cairo_surface_status(c->surface);
    cairo_surface_destroy(c->surface);
    c->surface = NULL;
    if (st != CAIRO_STATUS_SUCCESS)
        return folio_error_set(err, FOLIO_ERROR, "cairo: %s", cairo_status_to_string(st));
    /* The document's language, if it is a plain BCP 47 tag, for the catalog's /Lang. */
    folio_str lang = folio_node_meta(folio_doc_meta_node(c->doc), FOLIO_META_LANG);
    char tag[36] = "";
    for (size_t i = 0; lang.data && i < lang.len && i + 1 < sizeof tag; i++) {
        char ch = lang.data[i];
        if (!g_ascii_isalnum(ch) && ch != '-') {
            tag[0] = '\0';
            break;
        }
        tag[i] = ch;
        tag[i + 1] = '\0';
    }
    return pdf_boxes_add(out, c->cfg.slug, c->cfg.bleed, tag[0] ? tag : NULL, err);
}

static int write_pdf(const folio_doc *doc, folio_sink *sink, const folio_options *opts,
                     folio_error *err)
{
    pdf_ctx c = {.doc = doc, .opts = opts};
    int rc = pdf_config_read(&c.cfg, opts, err);
    if (rc < 0)
        return rc;
    if ((rc = pdf_text_init(&c.text, err)) < 0)
        return rc;
    geometry(&c);
    char *doc_lang = language(doc, NULL);
    c.lang = doc_lang;
    pdf_styles_init(&c);
    c.text_h = floor(c.text_h / c.L) * c.L;
    c.furniture = pango_layout_new(c.text.pango);
    folio_buf out = {0};
    double extra = 2 * (c.cfg.bleed + c.cfg.slug);
    c.surface = cairo_pdf_surface_create_for_stream(to_buf, &out, c.cfg.paper_w + extra,
                                                    c.cfg.paper_h + extra);
    cairo_pdf_surface_restrict_to_version(c.surface, CAIRO_PDF_VERSION_1_5);
    metadata(&c);
    c.cr = cairo_create(c.surface);
    set_running(&c);
    const folio_node *root = folio_doc_root(doc);
    bool first = true;
    for (const folio_node *a = folio_node_first_child(root); a; a = folio_node_next(a)) {
        article(&c, a, first);
        first = false;
    }
    if (first)
        cairo_show_page(c.cr); /* an empty document: one empty page */
    if (c.text.missing)
        folio_warn(opts,
                   "pdf: no installed font has U+%04X, shown as a box with its code "
                   "(fonts-noto-cjk and fonts-symbola cover most)",
                   (unsigned)c.text.missing);
    if (c.text.color_glyphs)
        folio_warn(opts, "pdf: emoji are drawn from a colour font, which cairo 1.16 embeds as "
                         "pictures: they show, but copied text leaves them out (with "
                         "fonts-symbola and no colour emoji font they are text)");
    rc = finish(&c, &out, err);
    if (rc == FOLIO_OK)
        rc = folio_sink_write(sink, out.data, out.len);
    folio_buf_free(&out);
    g_object_unref(c.furniture);
    folio_buf_free(&c.running);
    pdf_styles_free(&c.st);
    pdf_text_free(&c.text);
    g_free(doc_lang);
    return rc;
}

static const char *const extensions[] = {"pdf", NULL};

const folio_writer pdf_writer = {
    .media_type = "application/pdf",
    .extensions = extensions,
    .write = write_pdf,
};
