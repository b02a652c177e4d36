/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE /* memmem */
#include "test.h"

#include <folio/resource.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/*
 * The PDF writer through the registry. PDFs are checked by structure and
 * text: poppler's pdftotext and pdftoppm read what the writer wrote (the
 * shell test tests/pdf.sh covers pdfinfo, pdffonts, qpdf and the samples).
 */

/* As tests/pdf/lsan.supp: caches cairo and fontconfig keep for the life of the process. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libcairo.so\nleak:libfontconfig.so\n";
}

typedef struct fixture {
    folio_registry *reg;
    char dir[64];
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->reg = test_registry();
    strcpy(f->dir, "/tmp/folio-pdf.XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    assert_int_equal(system(cmd), 0);
    folio_registry_free(f->reg);
    free(f);
    return 0;
}

static folio_doc *sample(fixture *f)
{
    size_t len;
    char *data = test_read_file("tests/expected/article-sample.json", &len);
    folio_doc *doc;
    folio_error err = {0};
    assert_int_equal(test_read(&doc, f->reg, "json", data, len, NULL, &err), FOLIO_OK);
    free(data);
    return doc;
}

/* A one-article document in @lang with one body paragraph of @len bytes at @text. */
static folio_doc *one_paragraph(const char *text, size_t len, const char *lang)
{
    folio_doc *doc = folio_doc_new();
    folio_node *a = folio_doc_add_article(doc);
    folio_node_set_meta(a, FOLIO_META_TITLE, folio_str_c("Test"));
    folio_node_set_meta(a, FOLIO_META_LANG, folio_str_c(lang));
    folio_node *p = folio_node_append_new(a, FOLIO_NODE_PARAGRAPH);
    folio_node_append_text(p, text, len);
    return doc;
}

static void add_text(folio_node *parent, folio_node_kind kind, const char *text)
{
    folio_node_append_text(folio_node_append_new(parent, kind), text, strlen(text));
}

static void write_ok(fixture *f, const folio_doc *doc, const folio_options *opts, folio_buf *out)
{
    folio_error err = {0};
    int rc = test_write(out, f->reg, "pdf", doc, opts, &err);
    if (rc != FOLIO_OK)
        fail_msg("pdf writer: %d %s", rc, err.message);
    assert_true(out->len > 1000);
    assert_memory_equal(out->data, "%PDF-1.5", 8);
    assert_non_null(strstr(out->data + out->len - 8, "%%EOF"));
}

/* Writes @pdf to @name in the fixture's folder; returns the path (static). */
static const char *save(fixture *f, const folio_buf *pdf, const char *name)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", f->dir, name);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(pdf->data, 1, pdf->len, fp), pdf->len);
    assert_int_equal(fclose(fp), 0);
    return path;
}

/* The output of shell command @cmd, NUL-terminated, in @out. */
static void capture(const char *cmd, folio_buf *out)
{
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0)
        folio_buf_append(out, buf, n);
    folio_buf_putc(out, '\0');
    out->len--;
    assert_int_equal(pclose(p), 0);
}

static void pdf_text(fixture *f, const folio_buf *pdf, folio_buf *text)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' -", save(f, pdf, "text.pdf"));
    capture(cmd, text);
}

static void test_pdf_writes_the_sample_the_same_twice(void **state)
{
    fixture *f = *state;
    folio_doc *doc = sample(f);
    folio_buf a = {0}, b = {0};
    write_ok(f, doc, NULL, &a);
    write_ok(f, doc, NULL, &b);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.data, b.data, a.len);
    /* Tagged, with an outline, and with the page boxes of the update. */
    assert_non_null(memmem(a.data, a.len, "/StructTreeRoot", 15));
    assert_non_null(memmem(a.data, a.len, "/Outlines", 9));
    assert_non_null(memmem(a.data, a.len, "/TrimBox", 8));
    assert_non_null(memmem(a.data, a.len, "/Marked true", 12));
    folio_buf_free(&a);
    folio_buf_free(&b);
    folio_doc_free(doc);
}

static void test_pdf_rejects_bad_option_values(void **state)
{
    fixture *f = *state;
    static const char *const bad[][2] = {
        {"pdf.paper", "b7"},   {"pdf.paper", "10x10mm"},   {"pdf.paper", "x297mm"},
        {"pdf.columns", "7"},  {"pdf.columns", "two"},     {"pdf.bleed", "3furlongs"},
        {"pdf.bleed", "50mm"}, {"pdf.margin", "90mm"},     {"pdf.margin", "1,2mm"},
        {"pdf.size", "40"},    {"pdf.hyphenate", "maybe"}, {"pdf.font", ""},
    };
    folio_doc *doc = one_paragraph("Text.", 5, "en");
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        folio_options *opts = folio_options_new();
        folio_options_set(opts, bad[i][0], bad[i][1]);
        folio_buf out = {0};
        folio_error err = {0};
        int rc = test_write(&out, f->reg, "pdf", doc, opts, &err);
        if (rc != FOLIO_EOPTION)
            fail_msg("%s=%s: %d, expected FOLIO_EOPTION", bad[i][0], bad[i][1], rc);
        assert_non_null(strstr(err.message, bad[i][0] + 4));
        folio_buf_free(&out);
        folio_options_free(opts);
    }
    folio_doc_free(doc);
}

/* Reads a binary PGM (as pdftoppm -gray writes it) into @px; returns its width. */
static int read_pgm(const char *path, unsigned char **px, int *h)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    int w = 0, max = 0;
    assert_int_equal(fscanf(fp, "P5 %d %d %d", &w, h, &max), 3);
    fgetc(fp);
    *px = malloc((size_t)w * (size_t)*h);
    assert_int_equal(fread(*px, 1, (size_t)w * (size_t)*h, fp), (size_t)w * (size_t)*h);
    fclose(fp);
    return w;
}

/* Counts the inked pixels of @px in the box [x0, x1) x [y0, y1). */
static int ink(const unsigned char *px, int w, int x0, int y0, int x1, int y1)
{
    int count = 0;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++)
            count += px[y * w + x] < 200;
    return count;
}

/*
 * A4 at 50 dpi, default layout (margins 17 mm at the sides, 20 mm at the
 * top, 24 mm at the foot): nothing in the side margins, nothing above the
 * running header and nothing below the page number.
 */
static void check_pages(fixture *f, const char *pdf, int pages)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "pdftoppm -r 50 -gray '%s' '%s/page'", pdf, f->dir);
    assert_int_equal(system(cmd), 0);
    double mm = 50 / 25.4;
    for (int i = 1; i <= pages; i++) {
        char path[128];
        snprintf(path, sizeof path, "%s/page-%d.pgm", f->dir, i);
        unsigned char *px;
        int h, w = read_pgm(path, &px, &h);
        int left = (int)(16 * mm), right = (int)(194 * mm) + 1;
        int top = (int)(8 * mm), foot = (int)(288 * mm) + 1;
        assert_int_equal(ink(px, w, 0, 0, left, h), 0);
        assert_int_equal(ink(px, w, right, 0, w, h), 0);
        assert_int_equal(ink(px, w, 0, 0, w, top), 0);
        assert_int_equal(ink(px, w, 0, foot, w, h), 0);
        assert_true(ink(px, w, left, top, right, foot) > 100); /* the page is set */
        free(px);
    }
}

static void test_pdf_leaves_no_ink_outside_the_text_area(void **state)
{
    fixture *f = *state;
    folio_doc *doc = sample(f);
    for (int cols = 1; cols <= 3; cols++) {
        folio_options *opts = folio_options_new();
        char v[2] = {(char)('0' + cols), '\0'};
        folio_options_set(opts, "pdf.columns", v);
        folio_buf out = {0};
        write_ok(f, doc, opts, &out);
        check_pages(f, save(f, &out, "ink.pdf"), 1);
        folio_buf_free(&out);
        folio_options_free(opts);
    }
    folio_doc_free(doc);
}

/*
 * No line runs past its column: every word set at body size or smaller lies
 * within the column it starts in (pdftotext -bbox gives each word's box).
 * A4, margins 17 mm (39 mm in one column), gutter 6 mm (4.5 mm in three).
 */
static void check_columns(fixture *f, const folio_buf *pdf, int cols, double size)
{
    double mm = 72 / 25.4, left = (cols == 1 ? 39 : 17) * mm, width = (cols == 1 ? 132 : 176) * mm;
    double gutter = (cols == 3 ? 4.5 : 6) * mm, col = (width - (cols - 1) * gutter) / cols;
    char cmd[256];
    snprintf(cmd, sizeof cmd, "pdftotext -bbox '%s' -", save(f, pdf, "bbox.pdf"));
    folio_buf html = {0};
    capture(cmd, &html);
    int words = 0;
    for (const char *w = html.data; (w = strstr(w, "<word xMin=\"")); w++) {
        double x0, y0, x1, y1;
        assert_int_equal(sscanf(w, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"", &x0,
                                &y0, &x1, &y1),
                         4);
        if (y1 - y0 > size * 1.45 || y0 < 20 * mm || y1 > (297 - 24) * mm)
            continue; /* the title block, the running header, the page number */
        int k = (int)((x0 - left + gutter / 2) / (col + gutter));
        double right = left + k * (col + gutter) + col;
        if (x1 > right + 0.5 || x0 < left + k * (col + gutter) - 0.5)
            fail_msg("%d columns: a word at %.1f-%.1f pt, column %d ends at %.1f: %.40s", cols, x0,
                     x1, k + 1, right, strchr(w, '>') + 1);
        words++;
    }
    assert_true(words > 500);
    folio_buf_free(&html);
}

static void test_pdf_sets_no_line_past_its_column(void **state)
{
    fixture *f = *state;
    folio_doc *doc = sample(f);
    static const double sizes[] = {11, 9.5, 8.75};
    for (int cols = 1; cols <= 3; cols++) {
        folio_options *opts = folio_options_new();
        char v[2] = {(char)('0' + cols), '\0'};
        folio_options_set(opts, "pdf.columns", v);
        folio_buf out = {0};
        write_ok(f, doc, opts, &out);
        check_columns(f, &out, cols, sizes[cols - 1]);
        folio_buf_free(&out);
        folio_options_free(opts);
    }
    folio_doc_free(doc);
}

typedef struct text_line {
    int page, column;
    double y, x0;
} text_line;

/* The lines of body text (words no taller than @size * 1.45) of a 2-column A4 PDF, in
 * reading order, each with its left edge: from pdftotext -bbox. Returns the count. */
static size_t body_lines(fixture *f, const folio_buf *pdf, double size, text_line *out, size_t max)
{
    double mm = 72 / 25.4, col = (176 * mm - 6 * mm) / 2;
    char cmd[256];
    snprintf(cmd, sizeof cmd, "pdftotext -bbox '%s' -", save(f, pdf, "lines.pdf"));
    folio_buf html = {0};
    capture(cmd, &html);
    size_t n = 0;
    int page = 0;
    for (const char *w = html.data; (w = strpbrk(w, "<")); w++) {
        double x0, y0, x1, y1;
        if (!strncmp(w, "<page ", 6))
            page++;
        if (strncmp(w, "<word ", 6) ||
            sscanf(w, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"", &x0, &y0, &x1,
                   &y1) != 4 ||
            y1 - y0 > size * 1.45 || y0 < 20 * mm || y1 > (297 - 24) * mm)
            continue;
        int column = x0 > 17 * mm + col + 3 * mm;
        size_t i = 0; /* the line it belongs to: same page, column and baseline */
        while (i < n &&
               !(out[i].page == page && out[i].column == column && fabs(out[i].y - y0) < 1))
            i++;
        if (i == n) {
            assert_true(n < max);
            out[n++] = (text_line){page, column, y0, x0};
        } else if (x0 < out[i].x0) {
            out[i].x0 = x0;
        }
    }
    folio_buf_free(&html);
    return n;
}

/*
 * At least two lines of a paragraph on each side of a column or page break: no column
 * ends with a paragraph's first line, and none begins with a paragraph's last line
 * (which would make its second line the start of the next, indented, paragraph).
 */
static void test_pdf_leaves_no_widow_or_orphan(void **state)
{
    fixture *f = *state;
    const char *words[] = {"Kim", "svarte", "at",         "forholdet",   "med",        "Russland",
                           "er",  "høyt",   "prioritert", "i",           "Nord-Korea", "og",
                           "sa",  "at",     "de",         "ville",       "stå",        "sammen",
                           "i",   "kampen", "mot",        "sanksjonene."};
    folio_doc *doc = folio_doc_new();
    folio_node *a = folio_doc_add_article(doc);
    folio_node_set_meta(a, FOLIO_META_TITLE, folio_str_c("Enker og horunger"));
    folio_node_set_meta(a, FOLIO_META_LANG, folio_str_c("nb"));
    for (int i = 0; i < 40; i++) {
        folio_buf para = {0};
        for (int k = 0; k < 30 + (i * 7) % 23; k++) { /* 4 to 7 lines */
            folio_buf_puts(&para, words[(size_t)(i + k * 3) % (sizeof words / sizeof *words)]);
            folio_buf_putc(&para, ' ');
        }
        add_text(a, FOLIO_NODE_PARAGRAPH, para.data);
        folio_buf_free(&para);
    }
    folio_buf out = {0};
    write_ok(f, doc, NULL, &out);
    static text_line lines[4000];
    size_t n = body_lines(f, &out, 9.5, lines, 4000);
    if (n < 150)
        fail_msg("only %zu lines", n);
    double mm = 72 / 25.4, col = (176 * mm - 6 * mm) / 2;
    int breaks = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        if (lines[i + 1].page == lines[i].page && lines[i + 1].column == lines[i].column)
            continue; /* not the foot of a column */
        double left = 17 * mm + lines[i].column * (col + 6 * mm);
        bool start = lines[i].x0 > left + 5; /* indented: a paragraph's first line */
        double next_left = 17 * mm + lines[i + 1].column * (col + 6 * mm);
        bool widow = i + 2 < n && lines[i + 2].x0 > next_left + 5 &&
                     lines[i + 2].column == lines[i + 1].column;
        if (start || widow)
            fail_msg("page %d column %d: %s", lines[i].page, lines[i].column + 1,
                     start ? "ends with a paragraph's first line" : "next starts with a last line");
        breaks++;
    }
    assert_true(breaks >= 3);
    folio_buf_free(&out);
    folio_doc_free(doc);
}

static void add_picture(folio_doc *doc, folio_node *article, const char *file, const char *kicker)
{
    if (file) {
        size_t len;
        char *data = test_read_file(file, &len);
        folio_error err = {0};
        assert_int_equal(folio_doc_add_resource(doc, folio_str_c(file), data, len, &err), FOLIO_OK);
        free(data);
    }
    folio_node *cap = folio_node_append_new(article, FOLIO_NODE_CAPTION);
    folio_node_set_kicker(cap, folio_str_c(kicker));
    folio_node_set_image(cap, folio_str_c(file ? file : "missing/picture.jpg"), folio_str_c(NULL),
                         0, 0);
    folio_node_append_text(cap, "The caption stays.", 18);
}

/* The lowest baseline on page 1, from pdftotext -bbox (the page number left out). */
static double page_one_bottom(fixture *f, const folio_buf *pdf)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "pdftotext -f 1 -l 1 -bbox '%s' -", save(f, pdf, "float.pdf"));
    folio_buf html = {0};
    capture(cmd, &html);
    double bottom = 0, mm = 72 / 25.4;
    for (const char *w = html.data; (w = strstr(w, "<word xMin=\"")); w++) {
        double x0, y0, x1, y1;
        assert_int_equal(sscanf(w, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"", &x0,
                                &y0, &x1, &y1),
                         4);
        if (y1 < (297 - 24) * mm && y1 > bottom)
            bottom = y1;
    }
    folio_buf_free(&html);
    return bottom;
}

/* A picture that does not fit the rest of a page floats: the text after it fills the page. */
static void test_pdf_floats_a_picture_that_does_not_fit(void **state)
{
    fixture *f = *state;
    const char *text = "Kim kom til romsenteret, og Putin sa at han var glad for å se ham der. "
                       "Tolken takket for den varme velkomsten, og de to gikk inn sammen.";
    for (int before = 8; before <= 24; before += 4) {
        folio_doc *doc = one_paragraph(text, strlen(text), "nb");
        folio_node *a = folio_node_first_child(folio_doc_root(doc));
        for (int i = 0; i < 40; i++) {
            if (i == before)
                add_picture(doc, a, "tests/pdf/pic.jpg", "FLYT");
            add_text(a, FOLIO_NODE_PARAGRAPH, text);
        }
        folio_options *opts = folio_options_new();
        folio_options_set(opts, "pdf.columns", "1");
        folio_buf out = {0};
        write_ok(f, doc, opts, &out);
        /* Full to within two lines of the foot of the text area (297 - 24 mm). */
        double bottom = page_one_bottom(f, &out), foot = (297 - 24) * 72 / 25.4;
        if (bottom < foot - 2 * 15.25)
            fail_msg("picture after paragraph %d: page 1 ends at %.1f pt of %.1f", before, bottom,
                     foot);
        folio_buf_free(&out);
        folio_options_free(opts);
        folio_doc_free(doc);
    }
}

static void count_warning(const folio_error *w, void *ctx)
{
    if (strstr(w->message, "missing/picture.jpg"))
        ++*(int *)ctx;
}

static void test_pdf_embeds_jpeg_as_is_and_warns_of_a_missing_picture(void **state)
{
    fixture *f = *state;
    folio_doc *doc = one_paragraph("Pictures follow.", 16, "en");
    folio_node *a = folio_node_first_child(folio_doc_root(doc));
    add_picture(doc, a, "tests/pdf/pic.jpg", "JPEG");
    add_picture(doc, a, "tests/pdf/pic.png", "PNG");
    add_picture(doc, a, NULL, "GONE");
    int warned = 0;
    folio_options *opts = folio_options_new();
    folio_options_set_warning_handler(opts, count_warning, &warned);
    folio_buf out = {0}, text = {0};
    write_ok(f, doc, opts, &out);
    assert_int_equal(warned, 1);
    size_t jlen;
    char *jpeg = test_read_file("tests/pdf/pic.jpg", &jlen);
    assert_non_null(memmem(out.data, out.len, jpeg, jlen)); /* the file itself, not re-encoded */
    assert_non_null(memmem(out.data, out.len, "/DCTDecode", 10));
    assert_non_null(memmem(out.data, out.len, "/Width 60", 9)); /* the PNG, decoded */
    pdf_text(f, &out, &text);
    assert_non_null(strstr(text.data, "GONE: The caption stays."));
    assert_non_null(strstr(text.data, "JPEG: The caption stays."));
    free(jpeg);
    folio_buf_free(&out);
    folio_buf_free(&text);
    folio_options_free(opts);
    folio_doc_free(doc);
}

static void count_font_warning(const folio_error *w, void *ctx)
{
    if (strstr(w->message, "no font 'Nonesuch Garamond' is installed"))
        ++*(int *)ctx;
}

static void test_pdf_warns_of_a_font_that_is_not_installed(void **state)
{
    fixture *f = *state;
    folio_doc *doc = one_paragraph("Text.", 5, "en");
    int warned = 0;
    folio_options *opts = folio_options_new();
    folio_options_set(opts, "pdf.font", "Nonesuch Garamond");
    folio_options_set_warning_handler(opts, count_font_warning, &warned);
    folio_buf out = {0};
    write_ok(f, doc, opts, &out);
    assert_int_equal(warned, 1);
    folio_buf_free(&out);
    folio_options_free(opts);
    folio_doc_free(doc);
}

static void test_pdf_sets_markup_literally(void **state)
{
    fixture *f = *state;
    const char *s = "Markup <span font=\"999999\">big</span> &amp; <b>bold</b> stays.";
    folio_doc *doc = one_paragraph(s, strlen(s), "en");
    folio_buf out = {0}, text = {0};
    write_ok(f, doc, NULL, &out);
    pdf_text(f, &out, &text);
    assert_non_null(strstr(text.data, "<span"));
    assert_non_null(strstr(text.data, "font=\"999999\">big</span>"));
    assert_non_null(strstr(text.data, "&amp;"));
    assert_non_null(strstr(text.data, "<b>bold</b>"));
    folio_buf_free(&out);
    folio_buf_free(&text);
    folio_doc_free(doc);
}

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* Counts the bytes @c in @text. */
static size_t count_byte(const folio_buf *text, char c)
{
    size_t n = 0;
    for (size_t i = 0; i < text->len; i++)
        n += text->data[i] == c;
    return n;
}

static void test_pdf_sets_a_megabyte_word_in_bounded_time(void **state)
{
    fixture *f = *state;
    size_t len = 1000 * 1000;
    char *word = malloc(len);
    memset(word, 'x', len);
    folio_doc *doc = one_paragraph(word, len, "nb");
    folio_buf out = {0}, text = {0};
    double t0 = seconds();
    write_ok(f, doc, NULL, &out);
    assert_true(seconds() - t0 < 20);
    pdf_text(f, &out, &text);
    assert_int_equal(count_byte(&text, 'x'), len); /* every character is on a page */
    free(word);
    folio_buf_free(&out);
    folio_buf_free(&text);
    folio_doc_free(doc);
}

/* Counts the times @word occurs in @text. */
static size_t count_word(const folio_buf *text, const char *word)
{
    size_t n = 0;
    for (const char *s = text->data; (s = strstr(s, word)); s++)
        n++;
    return n;
}

static void test_pdf_sets_a_title_longer_than_a_page(void **state)
{
    fixture *f = *state;
    folio_doc *doc = one_paragraph("Short.", 6, "nb");
    folio_buf title = {0};
    for (int i = 0; i < 20000; i++)
        folio_buf_puts(&title, "Tittel ");
    folio_node_set_meta(folio_node_first_child(folio_doc_root(doc)), FOLIO_META_TITLE,
                        folio_str_n(title.data, title.len));
    folio_buf out = {0}, text = {0};
    double t0 = seconds();
    write_ok(f, doc, NULL, &out);
    assert_true(seconds() - t0 < 20);
    pdf_text(f, &out, &text);
    /* Every word of the title, and a few more in the running headers: not the whole title
     * again on every page. */
    size_t n = count_word(&text, "Tittel");
    assert_true(n >= 20000 && n < 30000);
    assert_non_null(strstr(text.data, "Short."));
    folio_buf_free(&title);
    folio_buf_free(&out);
    folio_buf_free(&text);
    folio_doc_free(doc);
}

static void test_pdf_collapses_a_run_of_newlines(void **state)
{
    fixture *f = *state;
    size_t len = 5 * 1000 * 1000;
    char *s = malloc(len);
    memset(s, '\n', len);
    memcpy(s, "before", 6);
    memcpy(s + len - 5, "after", 5);
    folio_doc *doc = one_paragraph(s, len, "en");
    folio_buf out = {0}, text = {0};
    double t0 = seconds();
    write_ok(f, doc, NULL, &out);
    assert_true(seconds() - t0 < 10);
    pdf_text(f, &out, &text);
    assert_non_null(strstr(text.data, "before after"));
    free(s);
    folio_buf_free(&out);
    folio_buf_free(&text);
    folio_doc_free(doc);
}

static void count_colour_warning(const folio_error *w, void *ctx)
{
    if (strstr(w->message, "colour font"))
        ++*(int *)ctx;
}

static void test_pdf_sets_other_scripts(void **state)
{
    fixture *f = *state;
    const char *s =
        "Hebrew \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d, Arabic \xd8\xb3\xd9\x84\xd8\xa7\xd9\x85, "
        "CJK \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e, combining e\xcc\x81o\xcc\x88, "
        "emoji \xf0\x9f\x98\x80 end.";
    folio_doc *doc = one_paragraph(s, strlen(s), "en");
    int colour = 0;
    folio_options *opts = folio_options_new();
    folio_options_set_warning_handler(opts, count_colour_warning, &colour);
    folio_buf out = {0}, text = {0};
    write_ok(f, doc, opts, &out);
    pdf_text(f, &out, &text);
    assert_non_null(strstr(text.data, "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d"));
    assert_non_null(strstr(text.data, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"));
    assert_non_null(strstr(text.data, "combining"));
    /* With Symbola (and no colour emoji font, which cairo would make a picture) the emoji
     * is text; else the writer said why it is not. */
    if (!colour)
        assert_non_null(strstr(text.data, "\xf0\x9f\x98\x80"));
    folio_buf_free(&out);
    folio_buf_free(&text);
    folio_options_free(opts);
    folio_doc_free(doc);
}

/* Soft hyphens in the source are break points: set as "-" at a break, never as U+00AD. */
static void test_pdf_never_writes_a_soft_hyphen(void **state)
{
    fixture *f = *state;
    folio_buf para = {0};
    for (int i = 0; i < 60; i++)
        folio_buf_puts(&para, "Ammuni\xc2\xadsjons\xc2\xadlagrene og forsvars\xc2\xadministeren ");
    folio_doc *doc = one_paragraph(para.data, para.len, "nb");
    folio_options *opts = folio_options_new();
    folio_options_set(opts, "pdf.columns", "3");
    folio_buf out = {0}, text = {0};
    write_ok(f, doc, opts, &out);
    pdf_text(f, &out, &text);
    assert_null(strstr(text.data, "\xc2\xad"));
    assert_non_null(strstr(text.data, "-\n")); /* some line ends in a hyphen */
    folio_buf_free(&para);
    folio_buf_free(&out);
    folio_buf_free(&text);
    folio_options_free(opts);
    folio_doc_free(doc);
}

/* Tables, fact boxes, lists and links are set, tagged, and their text is all there. */
static void test_pdf_sets_tables_fact_boxes_lists_and_links(void **state)
{
    fixture *f = *state;
    folio_doc *doc = one_paragraph("Before the table.", 17, "en");
    folio_node *a = folio_node_first_child(folio_doc_root(doc));
    folio_node *table = folio_node_append_new(a, FOLIO_NODE_TABLE);
    folio_node_set_title(table, folio_str_c("Votes in 2023"));
    folio_node *row = folio_node_append_new(table, FOLIO_NODE_ROW);
    folio_node_set_header(row, true);
    add_text(row, FOLIO_NODE_CELL, "Party");
    add_text(row, FOLIO_NODE_CELL, "Votes");
    row = folio_node_append_new(table, FOLIO_NODE_ROW);
    add_text(row, FOLIO_NODE_CELL, "Greens");
    add_text(row, FOLIO_NODE_CELL, "120345");
    folio_node *box = folio_node_append_new(a, FOLIO_NODE_FACTBOX);
    folio_node_set_title(box, folio_str_c("Facts"));
    add_text(box, FOLIO_NODE_PARAGRAPH, "A fact in a box.");
    folio_node *list = folio_node_append_new(a, FOLIO_NODE_LIST);
    add_text(list, FOLIO_NODE_PARAGRAPH, "First item");
    add_text(list, FOLIO_NODE_PARAGRAPH, "Second item");
    folio_node *p = folio_node_append_new(a, FOLIO_NODE_PARAGRAPH);
    folio_node *link = folio_node_append_new(p, FOLIO_NODE_LINK);
    folio_node_set_href(link, folio_str_c("https://example.org/a'b"));
    folio_node_append_text(link, "a live link", 11);
    folio_buf out = {0}, text = {0};
    write_ok(f, doc, NULL, &out);
    static const char *const tags[] = {"/S /Table", "/S /TR", "/S /Div", "/S /L",
                                       "/S /LI",    "/S /H1", "/S /P",   "/S /Link"};
    for (size_t i = 0; i < sizeof tags / sizeof *tags; i++)
        if (!memmem(out.data, out.len, tags[i], strlen(tags[i])))
            fail_msg("no %s", tags[i]);
    assert_non_null(memmem(out.data, out.len, "/URI (https://example.org/a'b)", 30));
    pdf_text(f, &out, &text);
    static const char *const words[] = {"Votes in 2023", "Party",       "Greens",
                                        "120345",        "Facts",       "A fact in a box.",
                                        "First item",    "Second item", "a live link"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (!strstr(text.data, words[i]))
            fail_msg("no \"%s\" in:\n%s", words[i], text.data);
    folio_buf_free(&out);
    folio_buf_free(&text);
    folio_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pdf_writes_the_sample_the_same_twice),
        cmocka_unit_test(test_pdf_rejects_bad_option_values),
        cmocka_unit_test(test_pdf_leaves_no_ink_outside_the_text_area),
        cmocka_unit_test(test_pdf_sets_no_line_past_its_column),
        cmocka_unit_test(test_pdf_leaves_no_widow_or_orphan),
        cmocka_unit_test(test_pdf_embeds_jpeg_as_is_and_warns_of_a_missing_picture),
        cmocka_unit_test(test_pdf_floats_a_picture_that_does_not_fit),
        cmocka_unit_test(test_pdf_warns_of_a_font_that_is_not_installed),
        cmocka_unit_test(test_pdf_sets_markup_literally),
        cmocka_unit_test(test_pdf_sets_a_megabyte_word_in_bounded_time),
        cmocka_unit_test(test_pdf_sets_a_title_longer_than_a_page),
        cmocka_unit_test(test_pdf_collapses_a_run_of_newlines),
        cmocka_unit_test(test_pdf_sets_other_scripts),
        cmocka_unit_test(test_pdf_never_writes_a_soft_hyphen),
        cmocka_unit_test(test_pdf_sets_tables_fact_boxes_lists_and_links),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
