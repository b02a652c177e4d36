/* SPDX-License-Identifier: MIT */
/*
 * cover_floor [N]: the least that drawing a cover with pango and cairo can
 * cost, for comparison with the drawn cover's figures (bench/run.sh). It
 * draws only a title, in the cover's face and size, on a 1200x1800 A8
 * surface, and writes nothing.
 *
 *   cover_floor       draws one title and exits: time it per process
 *   cover_floor N     draws N titles after one to warm up, and prints the
 *                     processor microseconds each took
 */
#define _POSIX_C_SOURCE 200809L
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void draw_title(PangoFontMap *fonts, const char *title)
{
    cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_A8, 1200, 1800);
    cairo_t *cr = cairo_create(surface);
    PangoContext *pango = pango_font_map_create_context(fonts);
    PangoLayout *l = pango_layout_new(pango);
    PangoFontDescription *fd =
        pango_font_description_from_string("Noto Serif Display, Noto Serif, serif Bold 120px");
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(l, 1000 * PANGO_SCALE);
    pango_layout_set_wrap(l, PANGO_WRAP_WORD);
    pango_layout_set_text(l, title, -1);
    cairo_move_to(cr, 100, 300);
    pango_cairo_show_layout(cr, l);
    cairo_surface_flush(surface);
    g_object_unref(l);
    g_object_unref(pango);
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
}

int main(int argc, char **argv)
{
    static const char *const titles[] = {
        "Kim Jong-un møtte Putin i Vladivostok",
        "Hochwasser an der Elbe: Pegel steigt weiter",
        "Strømprisen stig igjen i Sør-Noreg",
        "Port strike ends after nine days of talks",
    };
    PangoFontMap *fonts = pango_cairo_font_map_get_default();
    draw_title(fonts, titles[0]);
    if (argc < 2)
        return 0;
    long n = strtol(argv[1], NULL, 10);
    double t0 = cpu_s();
    for (long i = 0; i < n; i++)
        draw_title(fonts, titles[i % 4]);
    printf("%.1f us per title drawn (%ld titles, in process)\n", (cpu_s() - t0) / (double)n * 1e6,
           n);
    return 0;
}
