/* SPDX-License-Identifier: MIT */
/*
 * timeit RUNS COMMAND [ARGS...]: runs COMMAND RUNS times (stdout to
 * /dev/null) and prints the median and minimum wall time in milliseconds.
 * A C helper rather than a shell loop, so that the shell's own fork and
 * exec costs stay out of a 2 ms measurement.
 */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double run_once(char **argv)
{
    double start = now_ms();
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        exit(2);
    }
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        execvp(argv[0], argv);
        _exit(127);
    }
    int status;
    waitpid(pid, &status, 0);
    double ms = now_ms() - start;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "timeit: %s failed (status %d)\n", argv[0], status);
        exit(1);
    }
    return ms;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: timeit RUNS COMMAND [ARGS...]\n");
        return 2;
    }
    int runs = atoi(argv[1]);
    if (runs < 1)
        runs = 1;
    double *ms = malloc(sizeof *ms * (size_t)runs);
    if (!ms)
        return 2;
    run_once(argv + 2); /* warm the page cache */
    for (int i = 0; i < runs; i++)
        ms[i] = run_once(argv + 2);
    qsort(ms, (size_t)runs, sizeof *ms, cmp);
    printf("%.3f %.3f\n", ms[runs / 2], ms[0]);
    free(ms);
    return 0;
}
