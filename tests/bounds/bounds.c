/* SPDX-License-Identifier: MIT */
/*
 * The memory and time bound of every reader (docs/bounds.md), as a TAP
 * test: each worst shape of gen.c at 1, 4 and 16 MB is converted to JSON
 * by the folio command, which must succeed (or refuse the input, for a
 * shape that is not valid) with a peak RSS of at most the reader's factor
 * times the input plus a constant, in time that grows
 * linearly (16 MB within 20 times the 1 MB time, plus a little for noise).
 *
 *     bounds GEN FOLIO [SHAPE...]
 *
 * Under AddressSanitizer memory means nothing (shadow memory, quarantine):
 * there the inputs must still convert, and only the bounds are not compared.
 */
/* wait4(), a BSD call, for each child's own peak memory. */
#define _DEFAULT_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED 0
#endif

#define MB (1024.0 * 1024.0)
#define CONSTANT_MB 24.0 /* the process, its libraries and plugins, before any input */

typedef struct bound_case {
    const char *shape;
    const char *format;
    const char *option; /* an -O for the reader, or NULL */
    double factor;      /* peak RSS <= factor * input + CONSTANT_MB */
    int status;         /* the exit status expected: 0, or 1 for input refused */
} bound_case;

/* The bounds docs/bounds.md states, reader by reader. tests/fuzz/run.sh
 * reads each reader's factor from here: keep {shape, format, option, factor}. */
static const bound_case cases[] = {
    {"txt-paragraphs", "txt", NULL, 8, 0},
    {"txt-long-line", "txt", NULL, 8, 0},
    {"txt-long-line", "txt", "txt.encoding=lossy", 8, 0},
    {"txt-long-line", "txt", "txt.encoding=cp1252", 8, 0},
    {"txt-latin1", "txt", "txt.encoding=latin1", 8, 0},
    {"txt-utf16", "txt", "txt.encoding=UTF-16", 8, 0},
    {"txt-newlines", "txt", NULL, 8, 0},
    {"json-inlines", "json", NULL, 4, 0},
    {"json-blocks", "json", NULL, 4, 0},
    {"json-deep", "json", NULL, 4, 0},
    {"json-long-string", "json", NULL, 4, 0},
    {"json-unknown-key", "json", NULL, 4, 1},
    /* Every paragraph marked up: the model alone (a node per inline) is 7x. */
    {"html-paragraphs", "html", NULL, 16, 0},
    {"html-article", "html", NULL, 8, 0},
    {"html-deep", "html", NULL, 8, 0},
    /* Stored books, so that the input is the content: the html reader's bound holds. */
    {"epub-page", "epub", NULL, 8, 0},
    {"epub-chapters", "epub", NULL, 8, 0},
};

typedef struct run {
    double seconds;
    double peak_mb;
    int status; /* exit status, or 128 + signal */
} run;

static int generate(const char *gen, const char *shape, size_t size, const char *path)
{
    char cmd[3 * 4096];
    snprintf(cmd, sizeof cmd, "'%s' %s %zu > '%s'", gen, shape, size, path);
    return system(cmd);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Runs folio on @input as @c says, to /dev/null, and measures it. */
static run convert(const char *folio, const bound_case *c, const char *input)
{
    run r = {.status = 255};
    double start = now();
    pid_t pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, STDOUT_FILENO);
        if (c->status) /* the refusal's message is expected */
            dup2(null, STDERR_FILENO);
        const char *argv[12] = {folio, "-q", "-f", c->format, "-t", "json", "-o", "/dev/null"};
        int argc = 8;
        if (c->option) {
            argv[argc++] = "-O";
            argv[argc++] = c->option;
        }
        argv[argc++] = input;
        argv[argc] = NULL;
        execv(folio, (char *const *)argv);
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (pid < 0 || wait4(pid, &status, 0, &ru) < 0)
        return r;
    r.seconds = now() - start;
    r.peak_mb = (double)ru.ru_maxrss / 1024.0;
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return r;
}

/* Whether folio has a plugin for @format: a case for a format not built is not run. */
static bool has_format(const char *folio, const char *format)
{
    char cmd[2 * 4096];
    snprintf(cmd, sizeof cmd, "'%s' --list-formats 2>/dev/null | grep -q '^%s '", folio, format);
    return system(cmd) == 0;
}

static bool check_case(const char *gen, const char *folio, const bound_case *c, const char *dir)
{
    static const size_t sizes[] = {1, 4, 16};
    char path[512];
    snprintf(path, sizeof path, "%s/%s.in", dir, c->shape);
    double t1 = 0;
    bool ok = true;
    for (size_t i = 0; i < 3 && ok; i++) {
        size_t size = sizes[i] << 20;
        if (generate(gen, c->shape, size, path) != 0) {
            printf("# %s: cannot generate %zu MB\n", c->shape, sizes[i]);
            return false;
        }
        run r = convert(folio, c, path);
        /* The fastest of three runs: other work on the machine only ever adds time. */
        for (int again = 0; again < 2 && r.status == c->status; again++) {
            run more = convert(folio, c, path);
            if (more.seconds < r.seconds)
                r.seconds = more.seconds;
        }
        double limit = c->factor * (double)size / MB + CONSTANT_MB;
        printf("# %-17s %2zu MB: exit %d, %.3f s, peak %.1f MB (bound %.0f MB)\n", c->shape,
               sizes[i], r.status, r.seconds, r.peak_mb, limit);
        if (r.status != c->status)
            ok = false;
        if (!SANITIZED && r.peak_mb > limit)
            ok = false;
        if (i == 0)
            t1 = r.seconds;
        /* Linear: 16 times the input in at most 20 times the time, with 50 ms for noise. */
        if (!SANITIZED && i == 2 && r.seconds > 20 * t1 + 0.05)
            ok = false;
    }
    unlink(path);
    return ok;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("usage: bounds GEN FOLIO [SHAPE...]\n", stderr);
        return 2;
    }
    char dir[] = "/tmp/folio-bounds.XXXXXX";
    if (!mkdtemp(dir))
        return perror("mkdtemp"), 2;
    size_t n = sizeof cases / sizeof cases[0];
    int failed = 0, planned = 0;
    for (size_t i = 0; i < n; i++) {
        bool wanted = argc == 3;
        for (int a = 3; a < argc; a++)
            wanted |= strcmp(argv[a], cases[i].shape) == 0;
        if (!wanted)
            continue;
        planned++;
        if (!has_format(argv[2], cases[i].format)) {
            printf("ok %d - %s # SKIP no %s plugin in this build\n", planned, cases[i].shape,
                   cases[i].format);
            continue;
        }
        bool ok = check_case(argv[1], argv[2], &cases[i], dir);
        failed += !ok;
        printf("%s %d - %s%s%s %s within %.0fx its input%s\n", ok ? "ok" : "not ok", planned,
               cases[i].shape, cases[i].option ? " -O " : "",
               cases[i].option ? cases[i].option : "", cases[i].status ? "is refused" : "reads",
               cases[i].factor, SANITIZED ? " (bounds not compared: ASan)" : "");
    }
    printf("1..%d\n", planned);
    rmdir(dir);
    return failed ? 1 : 0;
}
