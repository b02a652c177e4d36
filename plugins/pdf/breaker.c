/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdlib.h>

#include "pdf.h"

/*
 * Total-fit line breaking after Knuth and Plass: every break point is a
 * node, and each node's best predecessor is the one whose path has the
 * fewest demerits. Spaces stretch by half and shrink by a quarter of their
 * width; a line that would need more shrinking than that is overfull and
 * is never chosen while any other line fits. Going back from a node stops
 * at the first overfull line, so the work is linear in the text times the
 * break points a line holds.
 */

#define STRETCH 0.5
#define SHRINK 0.25
#define HYPHEN_PENALTY 50.0
#define EMERG_PENALTY 2000.0
#define DOUBLE_HYPHEN 10000.0
#define FITNESS_JUMP 2000.0
#define SHORT_LAST 4000.0
#define OVERFULL 1e12

typedef struct node {
    double demerits;
    size_t prev; /* index into the candidate list */
    int fitness; /* 0 tight .. 3 very loose */
    bool hyphen;
} node;

typedef struct sums {
    int64_t *w;  /* widths of characters [0, i) */
    int64_t *sp; /* widths of the stretchable spaces among them */
} sums;

typedef struct line_fit {
    double ratio;
    bool overfull, last;
    bool tight;  /* wider than the measure, within what its spaces may shrink */
    size_t s, e; /* characters, trimmed */
} line_fit;

static bool is_candidate(unsigned char b)
{
    return b & (PDF_BRK_OK | PDF_BRK_EMERG | PDF_BRK_FORCED);
}

/* How line [a, b) fits @target: its adjustment ratio, after trimming spaces at both ends. */
static line_fit fit(const pdf_measure *m, const sums *S, size_t a, size_t b, int64_t target,
                    int hyphen_w, double rag)
{
    bool justify = rag == 0;
    line_fit f = {.s = a, .e = b};
    while (f.s < b && (m->brk[f.s] & PDF_BRK_WHITE))
        f.s++;
    while (f.e > f.s && (m->brk[f.e - 1] & PDF_BRK_WHITE))
        f.e--;
    f.last = b == m->n || (m->brk[b] & PDF_BRK_FORCED);
    int64_t natural = S->w[f.e] - S->w[f.s];
    if (b < m->n && (m->brk[b] & (PDF_BRK_HYPHEN)) && !(m->brk[b] & PDF_BRK_WHITE))
        natural += hyphen_w;
    int64_t spaces = S->sp[f.e] - S->sp[f.s];
    if (natural > target) {
        double shrink = justify ? (double)spaces * SHRINK : 0;
        f.ratio = shrink > 0 ? (double)(target - natural) / shrink : -INFINITY;
        f.overfull = f.ratio < -1;
        f.tight = true;
    } else if (f.last) {
        f.ratio = 0;
    } else if (justify) {
        double stretch = (double)spaces * STRETCH;
        f.ratio = stretch > 0 ? (double)(target - natural) / stretch : 10;
    } else {
        /* Ragged lines: demerits for the white space left, so the rag stays even. */
        f.ratio = (double)(target - natural) / ((double)target * rag);
    }
    return f;
}

static int fitness(double r)
{
    return r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3;
}

static double demerits(const line_fit *f, const node *from, unsigned char brk, int64_t target,
                       const sums *S, double rag)
{
    double badness = fabs(f->ratio);
    badness = badness > 10 ? 10000 : fmin(10000, 100 * badness * badness * badness);
    double p = 0;
    bool hyphen = (brk & (PDF_BRK_HYPHEN | PDF_BRK_DASH)) && !f->last;
    if (f->last)
        p = 0;
    else if (brk & PDF_BRK_EMERG && !(brk & (PDF_BRK_OK | PDF_BRK_FORCED)))
        p = EMERG_PENALTY;
    else if (hyphen || (brk & PDF_BRK_DASH))
        p = rag >= 0.3 ? 3 * HYPHEN_PENALTY : HYPHEN_PENALTY; /* display type: keep names whole */
    double d = (10 + badness) * (10 + badness) + p * p;
    if (hyphen && from->hyphen)
        d += DOUBLE_HYPHEN;
    if (!f->last && abs(fitness(f->ratio) - from->fitness) > 1)
        d += FITNESS_JUMP;
    if (f->last && f->s > 0 && (double)(S->w[f->e] - S->w[f->s]) < 0.12 * (double)target)
        d += SHORT_LAST;
    if (f->overfull)
        d += OVERFULL;
    return d;
}

/* Fills p->lines from the best path; returns the largest ratio of its lines (looseness),
 * or INFINITY when one is overfull. */
static double emit(pdf_para *p, const pdf_measure *m, const size_t *cand, const node *nodes,
                   size_t last, const sums *S, int line_w, int first_w, int hyphen_w, double rag)
{
    bool justify = rag == 0;
    double worst = 0;
    size_t count = 0;
    for (size_t k = last; k; k = nodes[k].prev)
        count++;
    free(p->lines);
    p->lines = calloc(count ? count : 1, sizeof *p->lines);
    if (!p->lines)
        folio_oom();
    p->nlines = count;
    size_t i = count;
    for (size_t k = last; k; k = nodes[k].prev) {
        size_t a = cand[nodes[k].prev], b = cand[k];
        line_fit f = fit(m, S, a, b, a == 0 ? first_w : line_w, hyphen_w, rag);
        worst = f.overfull ? INFINITY : f.ratio > worst && !f.last ? f.ratio : worst;
        pdf_line *ln = &p->lines[--i];
        ln->start = m->offset[f.s];
        ln->end = m->offset[f.e];
        ln->hyphen = !f.last && (m->brk[b] & PDF_BRK_HYPHEN) && f.e == b;
        /* A last line is set ragged, unless its spaces must shrink for it to fit. */
        ln->justify = justify && (!f.last || f.tight) && S->sp[f.e] > S->sp[f.s];
        ln->first = a == 0;
    }
    return worst;
}

double pdf_break_lines(pdf_para *p, const pdf_measure *m, int line_w, int first_w, int hyphen_w,
                       double rag)
{
    size_t n = m->n;
    sums S = {malloc((n + 1) * sizeof *S.w), malloc((n + 1) * sizeof *S.sp)};
    size_t *cand = malloc((n + 1) * sizeof *cand);
    node *nodes = malloc((n + 1) * sizeof *nodes);
    if (!S.w || !S.sp || !cand || !nodes)
        folio_oom();
    S.w[0] = S.sp[0] = 0;
    size_t nc = 0;
    cand[nc++] = 0;
    for (size_t i = 0; i < n; i++) {
        S.w[i + 1] = S.w[i] + m->width[i];
        S.sp[i + 1] = S.sp[i] + ((m->brk[i] & PDF_BRK_STRETCH) ? m->width[i] : 0);
        if (i > 0 && is_candidate(m->brk[i]))
            cand[nc++] = i;
    }
    cand[nc++] = n;
    nodes[0] = (node){.demerits = 0, .prev = 0, .fitness = 1};
    size_t forced_from = 0; /* no line may cross a forced break */
    for (size_t j = 1; j < nc; j++) {
        node best = {.demerits = INFINITY};
        for (size_t i = j; i-- > forced_from;) {
            int64_t target = cand[i] == 0 ? first_w : line_w;
            line_fit f = fit(m, &S, cand[i], cand[j], target, hyphen_w, rag);
            double d =
                nodes[i].demerits + demerits(&f, &nodes[i], m->brk[cand[j]], target, &S, rag);
            if (d < best.demerits)
                best = (node){d, i, fitness(f.ratio),
                              (m->brk[cand[j]] & (PDF_BRK_HYPHEN | PDF_BRK_DASH)) != 0};
            if (f.overfull)
                break;
        }
        nodes[j] = best;
        if (cand[j] < n && (m->brk[cand[j]] & PDF_BRK_FORCED))
            forced_from = j;
    }
    double worst = emit(p, m, cand, nodes, nc - 1, &S, line_w, first_w, hyphen_w, rag);
    free(S.w);
    free(S.sp);
    free(cand);
    free(nodes);
    return worst;
}
