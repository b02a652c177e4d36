/* SPDX-License-Identifier: MIT */
/* realpath(3) is an X/Open function; MAP_POPULATE is Linux's. */
#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef MAP_POPULATE
#define POPULATE MAP_POPULATE
#else
#define POPULATE 0
#endif

/* Writes reach the file in chunks of this size. */
#define FLUSH_AT 65536

const char *cli_display_name(const char *name, bool output)
{
    if (!name || strcmp(name, "-") == 0)
        return output ? "<stdout>" : "<stdin>";
    return name;
}

static int io_error(folio_error *err, const char *name, bool output, int errnum)
{
    folio_error_set(err, FOLIO_EIO, "%s", strerror(errnum));
    folio_error_set_source(err, cli_display_name(name, output));
    return FOLIO_EIO;
}

/* Reads to the end, or EFBIG past @max bytes: /dev/zero and endless pipes end too. */
static int read_all(folio_buf *buf, int fd, size_t max)
{
    char chunk[65536];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n == 0)
            return 0;
        if (n < 0 && errno != EINTR)
            return errno;
        if (n > 0 && (size_t)n > max - buf->len)
            return EFBIG;
        if (n > 0)
            folio_buf_append(buf, chunk, (size_t)n);
    }
}

/* A regular file is mapped rather than copied: inputs can be large. The
 * whole mapping is faulted in at once, which costs far less than a page
 * fault for every 4 KiB as the reader moves through it. */
static int map_or_read(struct cli_input *in, int fd, size_t max)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return errno;
    if (S_ISDIR(st.st_mode))
        return EISDIR;
    if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > max)
        return EFBIG;
    if (S_ISREG(st.st_mode) && st.st_size > 0 && (uintmax_t)st.st_size <= SIZE_MAX) {
        void *map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | POPULATE, fd, 0);
        if (map != MAP_FAILED) {
            in->map = map;
            in->data = map;
            in->len = (size_t)st.st_size;
            return 0;
        }
    }
    int errnum = read_all(&in->copy, fd, max);
    in->data = (const unsigned char *)(in->copy.data ? in->copy.data : "");
    in->len = in->copy.len;
    return errnum;
}

int cli_input_read(struct cli_input *in, const char *name, size_t max, folio_error *err)
{
    *in = (struct cli_input){.name = name};
    bool is_stdin = strcmp(name, "-") == 0;
    int fd = is_stdin ? STDIN_FILENO : open(name, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return io_error(err, name, false, errno);
    int errnum = map_or_read(in, fd, max);
    if (!is_stdin)
        close(fd);
    if (errnum != 0)
        cli_input_release(in);
    if (errnum == EFBIG) {
        folio_error_set(err, FOLIO_EIO, "larger than %zu bytes: refused (--max-input-size)", max);
        folio_error_set_source(err, cli_display_name(name, false));
        return FOLIO_EIO;
    }
    return errnum ? io_error(err, name, false, errnum) : FOLIO_OK;
}

void cli_input_release(struct cli_input *in)
{
    if (in->map)
        munmap(in->map, in->len);
    folio_buf_free(&in->copy);
    in->map = NULL;
    in->data = NULL;
    in->len = 0;
}

static bool to_stdout(const struct cli_output *out)
{
    return !out->target || strcmp(out->target, "-") == 0;
}

static int write_all(int fd, const char *p, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return errno;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

static int sink_write(void *ctx, const void *data, size_t len)
{
    struct cli_output *out = ctx;
    if (out->error)
        return FOLIO_EIO;
    if (out->buf.len == 0 && len >= FLUSH_AT) {
        out->error = write_all(out->fd, data, len);
        return out->error ? FOLIO_EIO : FOLIO_OK;
    }
    folio_buf_append(&out->buf, data, len);
    if (out->buf.len >= FLUSH_AT) {
        out->error = write_all(out->fd, out->buf.data, out->buf.len);
        folio_buf_reset(&out->buf);
    }
    return out->error ? FOLIO_EIO : FOLIO_OK;
}

folio_sink cli_output_sink(struct cli_output *out)
{
    return (folio_sink){.write = sink_write, .ctx = out};
}

/*
 * The temporary file to remove when a signal ends the process mid-write. A
 * global, because a signal handler sees nothing else; one output at a time.
 */
static const char *volatile pending_tmp;

static void on_signal(int sig)
{
    const char *tmp = pending_tmp;
    if (tmp)
        unlink(tmp);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* A signal the caller ignores (nohup's SIGHUP, a background job's SIGINT) stays ignored. */
static void guard(const char *tmp)
{
    static const int signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
    struct sigaction sa = {.sa_handler = on_signal}, old;
    pending_tmp = tmp;
    for (size_t i = 0; tmp && i < sizeof signals / sizeof signals[0]; i++) {
        if (sigaction(signals[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(signals[i], &sa, NULL);
    }
}

void cli_exit_oom(void)
{
    const char *tmp = pending_tmp;
    if (tmp)
        unlink(tmp);
    _exit(CLI_EIO);
}

/*
 * The mapped input a reader is working on, and where to go if it shrinks
 * under the mapping: one of each per thread, as SIGBUS comes to the thread
 * that touched the page.
 */
static _Thread_local const unsigned char *volatile watched;
static _Thread_local volatile size_t watched_len;
static _Thread_local sigjmp_buf *volatile bus_jump;

/* A page of the mapping that the file no longer holds: back to cli_input_watch()'s caller. */
static void on_bus(int sig, siginfo_t *info, void *context)
{
    (void)context;
    const unsigned char *addr = info->si_addr, *map = watched;
    if (bus_jump && map && addr >= map && addr < map + watched_len)
        siglongjmp(*bus_jump, 1);
    signal(sig, SIG_DFL); /* not ours: the fault repeats and ends the process */
}

void cli_input_watch(const struct cli_input *in, sigjmp_buf *jump)
{
    static bool installed;
    if (!installed) {
        struct sigaction sa = {.sa_sigaction = on_bus, .sa_flags = SA_SIGINFO};
        sigaction(SIGBUS, &sa, NULL);
        installed = true;
    }
    watched = in && in->map ? in->data : NULL;
    watched_len = in ? in->len : 0;
    bus_jump = jump;
}

static mode_t file_mode;

static void find_file_mode(void)
{
    mode_t mask = umask(0);
    umask(mask);
    file_mode = 0666 & ~mask;
}

/*
 * The mode a new file gets from open(2): 0666 less the umask, which only
 * umask(2) tells, by setting it. Once: two threads doing that at once
 * could leave the umask at 0.
 */
static mode_t new_file_mode(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, find_file_mode);
    return file_mode;
}

/* "<dir>/.<name>.XXXXXX": same directory, so that rename(2) replaces the target atomically. */
static char *temp_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    int dir_len = slash ? (int)(slash - path + 1) : 0;
    const char *base = slash ? slash + 1 : path;
    size_t size = strlen(path) + sizeof "/..XXXXXX";
    char *tmp = malloc(size);
    if (!tmp)
        folio_oom();
    snprintf(tmp, size, "%.*s.%s.XXXXXX", dir_len, path, base);
    return tmp;
}

/* A symlink is followed, so that the file it names is replaced rather than the link. */
static char *resolve(const char *target)
{
    struct stat st;
    char *real = NULL;
    if (lstat(target, &st) == 0 && S_ISLNK(st.st_mode))
        real = realpath(target, NULL);
    if (!real && !(real = strdup(target)))
        folio_oom();
    return real;
}

static int open_temp(struct cli_output *out, const struct stat *st, bool exists)
{
    out->tmp = temp_name(out->path);
    out->fd = mkstemp(out->tmp);
    if (out->fd >= 0 && !out->batch)
        guard(out->tmp);
    if (out->fd < 0) {
        free(out->tmp);
        out->tmp = NULL;
        return errno;
    }
    if (fchmod(out->fd, exists ? st->st_mode & 07777 : new_file_mode()) != 0) {
        int errnum = errno;
        cli_output_abort(out);
        return errnum;
    }
    return 0;
}

static int output_open(struct cli_output *out, const char *target, bool batch, folio_error *err)
{
    *out = (struct cli_output){.target = target, .fd = -1, .batch = batch};
    /* Standard output streams, as pipes expect: a writer runs only once every
     * input has been read, so a bad input still prints nothing. */
    if (to_stdout(out)) {
        out->fd = STDOUT_FILENO;
        return FOLIO_OK;
    }
    out->path = resolve(target);
    struct stat st;
    bool exists = stat(out->path, &st) == 0;
    int errnum = 0;
    /* A device or a pipe (/dev/null, a FIFO) cannot be replaced: it is written in place. */
    if (exists && !S_ISREG(st.st_mode)) {
        out->fd = open(out->path, O_WRONLY | O_TRUNC | O_CLOEXEC);
        errnum = out->fd < 0 ? errno : 0;
    } else {
        errnum = open_temp(out, &st, exists);
    }
    if (errnum != 0) {
        free(out->path);
        out->path = NULL;
        return io_error(err, target, true, errnum);
    }
    return FOLIO_OK;
}

int cli_output_open(struct cli_output *out, const char *target, folio_error *err)
{
    return output_open(out, target, false, err);
}

int cli_output_open_batch(struct cli_output *out, const char *target, folio_error *err)
{
    return output_open(out, target, true, err);
}

static void sync_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path + 1) : 1, slash ? path : ".");
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

static int finish_file(struct cli_output *out)
{
    int errnum = out->error;
    if (!errnum)
        errnum = write_all(out->fd, out->buf.data, out->buf.len);
    if (!errnum && out->tmp && !out->batch && fsync(out->fd) != 0)
        errnum = errno;
    if (close(out->fd) != 0 && !errnum)
        errnum = errno;
    out->fd = -1;
    if (!errnum && out->tmp && rename(out->tmp, out->path) != 0)
        errnum = errno;
    if (!errnum && !out->batch)
        guard(NULL);
    return errnum;
}

int cli_output_commit(struct cli_output *out, folio_error *err)
{
    int errnum;
    if (to_stdout(out)) {
        errnum = out->error ? out->error : write_all(STDOUT_FILENO, out->buf.data, out->buf.len);
        folio_buf_free(&out->buf);
        return errnum ? io_error(err, out->target, true, errnum) : FOLIO_OK;
    }
    errnum = finish_file(out);
    if (errnum) {
        cli_output_abort(out);
        return io_error(err, out->target, true, errnum);
    }
    if (out->tmp && !out->batch)
        sync_dir(out->path);
    free(out->tmp);
    out->tmp = NULL;
    cli_output_abort(out);
    return FOLIO_OK;
}

void cli_output_explain(const struct cli_output *out, folio_error *err)
{
    if (out->error)
        io_error(err, out->target, true, out->error);
}

void cli_output_abort(struct cli_output *out)
{
    if (out->fd >= 0 && out->fd != STDOUT_FILENO)
        close(out->fd);
    out->fd = -1;
    if (out->tmp)
        unlink(out->tmp);
    if (!out->batch)
        guard(NULL);
    free(out->tmp);
    out->tmp = NULL;
    free(out->path);
    out->path = NULL;
    folio_buf_free(&out->buf);
}
