/* SPDX-License-Identifier: MIT */
/* The batch's progress line: one line of stderr, redrawn in place on a terminal. */
#include "batch.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

/* Redraws at most this often: a faster line only flickers and costs the terminal. */
#define REDRAW_SECONDS 0.1

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_init(struct progress *p, size_t total, bool quiet)
{
    /* no-color.org: a set NO_COLOR, of any non-empty value, turns colour off. */
    const char *no_color = getenv("NO_COLOR");
    *p = (struct progress){
        .on = !quiet && isatty(STDERR_FILENO),
        .colour = !no_color || !*no_color,
        .total = total,
        .start = now(),
        .last = -1.0,
    };
}

/* "1:05" or "2:01:05". */
static void format_duration(char *buf, size_t size, double seconds)
{
    unsigned long s = seconds > 0 && seconds < 1e7 ? (unsigned long)(seconds + 0.5) : 0;
    if (s >= 3600)
        snprintf(buf, size, "%lu:%02lu:%02lu", s / 3600, s / 60 % 60, s % 60);
    else
        snprintf(buf, size, "%lu:%02lu", s / 60, s % 60);
}

void progress_draw(struct progress *p, size_t done, size_t failed)
{
    double t = now();
    if (!p->on || (p->last >= 0 && t - p->last < REDRAW_SECONDS))
        return;
    p->last = t;
    double rate = t > p->start ? (double)done / (t - p->start) : 0;
    char d[32], total[32], per_second[32], left[32], bad[32];
    batch_format_count(d, sizeof d, done);
    batch_format_count(total, sizeof total, p->total);
    batch_format_count(per_second, sizeof per_second, (size_t)rate);
    if (done > 0 && rate > 0)
        format_duration(left, sizeof left, (double)(p->total - done) / rate);
    else
        snprintf(left, sizeof left, "-:--");
    batch_format_count(bad, sizeof bad, failed);
    bool red = p->colour && failed > 0;
    fprintf(stderr, "\r\033[Kfolio: %s/%s  %s/s  %s left  %s%s failed%s", d, total, per_second,
            left, red ? "\033[31m" : "", bad, red ? "\033[0m" : "");
    fflush(stderr);
    p->shown = true;
}

void progress_clear(struct progress *p)
{
    if (!p->shown)
        return;
    fputs("\r\033[K", stderr);
    fflush(stderr);
    p->shown = false;
}
