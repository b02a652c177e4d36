/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pdf.h"

/*
 * The pdf.* options. Defaults aim at a measure of 45-70 characters: two
 * columns of 9.5 pt on A4 and Letter, one column of 10 pt with wide
 * margins on A5 and on A4 when asked for one column.
 */

const folio_option_spec pdf_options[] = {
    {"paper", "string", "a4|a5|letter|WIDTHxHEIGHTmm", "page size (default a4)"},
    {"columns", "uint", "1-3", "text columns (default 2, 1 on pages under 160 mm wide)"},
    {"margin", "string", NULL, "page margins, e.g. 18mm, or top,outer,bottom,inner"},
    {"size", "string", "6-16", "body text size in points (default by page and columns)"},
    {"font", "string", NULL, "text font family (default Noto Serif)"},
    {"sans", "string", NULL, "caption and heading font family (default Noto Sans)"},
    {"title-font", "string", NULL, "title font family (default Noto Serif Display)"},
    {"bleed", "string", "0-20mm", "bleed with crop marks, e.g. 3mm (default none)"},
    {"hyphenate", "bool", NULL, "hyphenate in the article's language (default true)"},
    {NULL, NULL, NULL, NULL},
};

bool pdf_parse_length(const char *s, double *out)
{
    char *end = NULL;
    double v = strtod(s, &end);
    if (end == s || !isfinite(v) || v < 0)
        return false;
    double unit = PDF_MM;
    if (!strcmp(end, "mm") || !*end)
        unit = PDF_MM;
    else if (!strcmp(end, "cm"))
        unit = 10 * PDF_MM;
    else if (!strcmp(end, "in"))
        unit = 72;
    else if (!strcmp(end, "pt"))
        unit = 1;
    else
        return false;
    *out = v * unit;
    return true;
}

static int bad(folio_error *err, const char *key, const char *value, const char *want)
{
    return folio_error_set(err, FOLIO_EOPTION, "-O pdf.%s=%s: %s", key, value, want);
}

static int read_paper(pdf_config *cfg, const folio_options *opts, folio_error *err)
{
    const char *v = folio_options_get(opts, "pdf.paper", "a4");
    if (!strcasecmp(v, "a4")) {
        cfg->paper_w = 210 * PDF_MM, cfg->paper_h = 297 * PDF_MM;
    } else if (!strcasecmp(v, "a5")) {
        cfg->paper_w = 148 * PDF_MM, cfg->paper_h = 210 * PDF_MM;
    } else if (!strcasecmp(v, "letter")) {
        cfg->paper_w = 612, cfg->paper_h = 792;
    } else {
        char w[32], h[32];
        const char *x = strchr(v, 'x');
        if (!x || x == v || (size_t)(x - v) >= sizeof w || strlen(x + 1) >= sizeof h)
            return bad(err, "paper", v, "expected a4, a5, letter or WIDTHxHEIGHTmm");
        memcpy(w, v, (size_t)(x - v));
        w[x - v] = '\0';
        strcpy(h, x + 1);
        /* "210x297mm": the unit after the height applies to both. */
        const char *unit = h + strspn(h, "0123456789.");
        if (!strpbrk(w, "abcdefghijklmnopqrstuvwxyz") && strlen(w) + strlen(unit) < sizeof w)
            strcat(w, unit);
        if (!pdf_parse_length(w, &cfg->paper_w) || !pdf_parse_length(h, &cfg->paper_h))
            return bad(err, "paper", v, "expected a4, a5, letter or WIDTHxHEIGHTmm");
    }
    if (cfg->paper_w < 50 * PDF_MM || cfg->paper_h < 50 * PDF_MM || cfg->paper_w > 2000 * PDF_MM ||
        cfg->paper_h > 2000 * PDF_MM)
        return bad(err, "paper", v, "each side must be 50-2000 mm");
    return FOLIO_OK;
}

static int read_margins(pdf_config *cfg, const folio_options *opts, folio_error *err)
{
    const char *v = folio_options_get(opts, "pdf.margin", NULL);
    if (!v)
        return FOLIO_OK;
    double m[4];
    size_t n = 0;
    char buf[128];
    if (strlen(v) >= sizeof buf)
        return bad(err, "margin", v, "expected a length such as 18mm");
    strcpy(buf, v);
    for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save)) {
        if (n == 4 || !pdf_parse_length(tok, &m[n]))
            return bad(err, "margin", v, "expected 1 or 4 lengths such as 18mm");
        n++;
    }
    if (n != 1 && n != 4)
        return bad(err, "margin", v, "expected 1 or 4 lengths such as 18mm");
    if (n == 1)
        m[1] = m[2] = m[3] = m[0];
    cfg->top = m[0], cfg->outer = m[1], cfg->bottom = m[2], cfg->inner = m[3];
    if (cfg->top + cfg->bottom > cfg->paper_h * 0.7 || cfg->inner + cfg->outer > cfg->paper_w * 0.7)
        return bad(err, "margin", v, "the margins leave too little of the page");
    return FOLIO_OK;
}

static int read_family(char *dst, size_t size, const folio_options *opts, const char *key,
                       const char *fallback, folio_error *err)
{
    char full[32];
    snprintf(full, sizeof full, "pdf.%s", key);
    const char *v = folio_options_get(opts, full, fallback);
    if (!*v || strlen(v) >= size || strpbrk(v, ",\n"))
        return bad(err, key, v, "expected one font family name");
    strcpy(dst, v);
    return FOLIO_OK;
}

static void defaults(pdf_config *cfg)
{
    bool narrow = cfg->paper_w < 160 * PDF_MM;
    double w = cfg->paper_w / PDF_MM;
    cfg->top = (narrow ? 16 : 20) * PDF_MM;
    cfg->bottom = (narrow ? 20 : 24) * PDF_MM;
    cfg->inner = cfg->outer = (narrow ? 15 : 17) * PDF_MM;
    if (cfg->columns == 1 && !narrow) {
        /* One column on a wide page: keep the measure near 70 characters. */
        double side = (w - 132) / 2;
        cfg->inner = cfg->outer = (side > 20 ? side : 20) * PDF_MM;
    }
    cfg->gutter = (cfg->columns > 2 ? 4.5 : 6) * PDF_MM;
    cfg->size = cfg->columns == 1 ? (narrow ? 9.5 : 11) : cfg->columns == 2 ? 9.5 : 8.75;
}

int pdf_config_read(pdf_config *cfg, const folio_options *opts, folio_error *err)
{
    memset(cfg, 0, sizeof *cfg);
    int rc = read_paper(cfg, opts, err);
    if (rc < 0)
        return rc;
    bool narrow = cfg->paper_w < 160 * PDF_MM;
    if ((rc = folio_options_get_uint(opts, "pdf.columns", narrow ? 1 : 2, 1, 3, &cfg->columns,
                                     err)) < 0)
        return rc;
    defaults(cfg);
    if ((rc = read_margins(cfg, opts, err)) < 0)
        return rc;
    const char *size = folio_options_get(opts, "pdf.size", NULL);
    if (size) {
        char *end = NULL;
        double v = strtod(size, &end);
        if (end == size || (*end && strcmp(end, "pt")) || !(v >= 6 && v <= 16))
            return bad(err, "size", size, "expected a size from 6 to 16 (points)");
        cfg->size = v;
    }
    const char *bleed = folio_options_get(opts, "pdf.bleed", NULL);
    if (bleed && (!pdf_parse_length(bleed, &cfg->bleed) || cfg->bleed > 20 * PDF_MM))
        return bad(err, "bleed", bleed, "expected a length from 0 to 20mm, such as 3mm");
    cfg->slug = cfg->bleed > 0 ? 7 * PDF_MM : 0;
    double text_w = cfg->paper_w - cfg->inner - cfg->outer;
    if (text_w / cfg->columns < 30 * PDF_MM)
        return bad(err, "columns", folio_options_get(opts, "pdf.columns", "2"),
                   "the columns would be narrower than 30 mm");
    if ((rc = read_family(cfg->serif, sizeof cfg->serif, opts, "font", "Noto Serif", err)) < 0 ||
        (rc = read_family(cfg->sans, sizeof cfg->sans, opts, "sans", "Noto Sans", err)) < 0 ||
        (rc = read_family(cfg->display, sizeof cfg->display, opts, "title-font",
                          "Noto Serif Display", err)) < 0)
        return rc;
    return folio_options_get_bool(opts, "pdf.hyphenate", true, &cfg->hyphenate, err);
}
