/* SPDX-License-Identifier: MIT */
/*
 * Replays inputs through a libFuzzer harness without libFuzzer, as a
 * normal test: every file named, and every file in each folder named
 * (only those ending in .EXT after --ext=EXT; --ext= takes all again).
 * A crash is the test's failure; the inputs that once crashed a harness
 * live in tests/fuzz/regress/<name>/.
 *
 *     replay_txt tests/fuzz/regress/txt --ext=txt samples tests/expected
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t replayed;
static const char *ext; /* --ext: the suffix of the files taken from folders, or NULL */

static bool wanted(const char *name)
{
    size_t len = strlen(name), n = ext ? strlen(ext) : 0;
    if (name[0] == '.')
        return false;
    return !ext || (len > n + 1 && name[len - n - 1] == '.' && strcmp(name + len - n, ext) == 0);
}

static void replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(1);
    }
    char *data = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len == cap && !(data = realloc(data, cap = cap ? 2 * cap : 65536)))
            abort();
        size_t n = fread(data + len, 1, cap - len, f);
        if (n == 0)
            break;
        len += n;
    }
    fclose(f);
    LLVMFuzzerTestOneInput((const uint8_t *)data, len);
    free(data);
    replayed++;
}

/* A folder's files in name order, so that a failure repeats the same way. */
static void replay_dir(const char *dir)
{
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);
    if (n < 0 && errno == ENOENT) {
        printf("# no folder %s: nothing replayed from it\n", dir); /* a harness without findings */
        return;
    }
    if (n < 0) {
        perror(dir);
        exit(1);
    }
    for (int i = 0; i < n; i++) {
        char path[4096];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
        if (wanted(names[i]->d_name) && stat(path, &st) == 0 && S_ISREG(st.st_mode))
            replay_file(path);
        free(names[i]);
    }
    free(names);
}

int main(int argc, char **argv)
{
    setenv("FUZZ_EVERY_INPUT", "1", 1); /* every writer on every input, however slow */
    LLVMFuzzerInitialize(&argc, &argv);
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (strncmp(argv[i], "--ext=", 6) == 0)
            ext = argv[i][6] ? argv[i] + 6 : NULL;
        else if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
            replay_dir(argv[i]);
        else
            replay_file(argv[i]);
    }
    printf("1..1\nok 1 - %zu inputs replayed without a crash\n", replayed);
    return 0;
}
