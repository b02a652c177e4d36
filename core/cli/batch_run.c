/* SPDX-License-Identifier: MIT */
/*
 * The run of a batch: N worker threads take the next input in turn; the
 * main thread waits for signals and draws the progress line.
 *
 * Threads and the registry: a registry is used by one thread at a time, so
 * each worker has its own, and every plugin it needs is loaded into it
 * before any thread starts. dlopen() of a module already open only counts
 * a reference, so each plugin is opened and initialised once, by the main
 * thread. A plugin flagged FOLIO_PLUGIN_SERIAL is called by one thread at
 * a time, under a lock of its own.
 *
 * Signals: SIGINT, SIGTERM, SIGHUP and SIGQUIT are blocked in every
 * thread, and the main thread takes them with sigtimedwait(). Then no
 * worker starts another input, the outputs being written fail at their
 * next write and are thrown away (temporary file removed), finished ones
 * stay, and the process ends by the same signal.
 */
#define _GNU_SOURCE /* syncfs() */
#include "batch.h"
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* How often the main thread looks at the workers: the progress line's pace is its own. */
#define POLL_NS 10000000L

/* One lock per plugin that must not be called by two threads at once. */
struct serial {
    const folio_plugin_desc *desc;
    pthread_mutex_t lock;
};

struct shared {
    struct batch *b;
    atomic_size_t next;       /* the next item to take */
    atomic_size_t done;       /* items finished, well or not */
    atomic_size_t failed;     /* of which failed */
    atomic_uint finished;     /* workers that have returned */
    atomic_bool stop;         /* take no new item: --fail-fast, or a signal */
    atomic_bool interrupted;  /* a signal: outputs being written are thrown away */
    atomic_bool bad_option;   /* a plugin refused an -O value: every input would fail */
    pthread_mutex_t out_lock; /* stderr, and the progress line on it */
    struct progress progress; /* under out_lock */
    struct serial *serial;    /* the SERIAL plugins in use: set before the threads start */
    size_t n_serial;
};

struct worker {
    struct shared *s;
    folio_registry *reg;
    folio_options *opts; /* the command's, with this worker's warning handler */
    folio_conversion conv;
    const char *current; /* the file being converted, for warnings */
    char *made_dir;      /* the last output folder made */
    pthread_t thread;
};

/* "folio: a.html:3:7: warning: ...", the progress line taken down first. */
static void on_warning(const folio_error *w, void *ctx)
{
    struct worker *wk = ctx;
    if (wk->s->b->req->quiet)
        return;
    pthread_mutex_lock(&wk->s->out_lock);
    progress_clear(&wk->s->progress);
    fprintf(stderr, "folio: %s%s%s", wk->current, w->source[0] ? ": " : "", w->source);
    if (w->line)
        fprintf(stderr, ":%u", w->line);
    if (w->line && w->column)
        fprintf(stderr, ":%u", w->column);
    fprintf(stderr, ": warning: %s\n", w->message);
    pthread_mutex_unlock(&wk->s->out_lock);
}

static void report(struct shared *s, folio_error *err)
{
    pthread_mutex_lock(&s->out_lock);
    progress_clear(&s->progress);
    cli_report(err, NULL);
    pthread_mutex_unlock(&s->out_lock);
}

static pthread_mutex_t *serial_lock(struct shared *s, const folio_plugin_desc *desc)
{
    for (size_t i = 0; i < s->n_serial; i++) {
        if (s->serial[i].desc == desc) {
            pthread_mutex_lock(&s->serial[i].lock);
            return &s->serial[i].lock;
        }
    }
    return NULL;
}

static void unlock(pthread_mutex_t *lock)
{
    if (lock)
        pthread_mutex_unlock(lock);
}

/* The folder of @name, which its relative references resolve under. */
static char *input_dir(const char *name)
{
    const char *slash = strrchr(name, '/');
    char *dir = slash ? strndup(name, slash == name ? 1 : (size_t)(slash - name)) : strdup(".");
    if (!dir)
        folio_oom();
    return dir;
}

static int parse(struct worker *w, const struct batch_item *it, const struct cli_input *in,
                 folio_doc **out, pthread_mutex_t *volatile *held, folio_error *err)
{
    const folio_plugin_desc *desc = it->reader;
    if (!desc && folio_registry_sniff(&desc, w->reg, in->data, in->len, NULL) != FOLIO_OK) {
        folio_error_set(err, FOLIO_EUNSUPPORTED, "cannot tell its format: use -f FORMAT");
        folio_error_set_source(err, it->input);
        return FOLIO_EUNSUPPORTED;
    }
    char *dir = input_dir(it->input);
    folio_source src = {
        .data = in->data, .len = in->len, .name = it->input, .dir = dir, .format = desc->name};
    *held = serial_lock(w->s, desc);
    int rc = folio_convert_read_all(out, &w->conv, &src, 1, err);
    unlock(*held);
    *held = NULL;
    free(dir);
    return rc;
}

/* Reads @it into *@out. A mapped input that shrinks under the reader (SIGBUS) fails. */
static int read_item(struct worker *w, const struct batch_item *it, folio_doc **out,
                     folio_error *err)
{
    struct cli_input in;
    *out = NULL;
    int rc = cli_input_read(&in, it->input, w->s->b->req->max_input, err);
    if (rc < 0)
        return rc;
    pthread_mutex_t *volatile held = NULL;
    sigjmp_buf jump;
    if (sigsetjmp(jump, 1) == 0) {
        cli_input_watch(&in, &jump);
        rc = parse(w, it, &in, out, &held, err);
    } else {
        unlock(held);
        rc = folio_error_set(err, FOLIO_EIO, "the file shrank while it was being read");
        folio_error_set_source(err, it->input);
    }
    cli_input_watch(NULL, NULL);
    cli_input_release(&in);
    return rc;
}

/* Makes the folders above @path, remembering the last so that a folder of many costs once. */
static int make_parents(struct worker *w, const char *path, folio_error *err)
{
    const char *slash = strrchr(path, '/');
    if (!slash || slash == path)
        return FOLIO_OK;
    size_t len = (size_t)(slash - path);
    if (w->made_dir && strlen(w->made_dir) == len && memcmp(w->made_dir, path, len) == 0)
        return FOLIO_OK;
    char *dir = strndup(path, len);
    if (!dir)
        folio_oom();
    for (char *p = dir + 1;; p++) {
        bool end = *p == '\0';
        if (*p != '/' && !end)
            continue;
        *p = '\0';
        if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
            folio_error_set(err, FOLIO_EIO, "cannot make the folder %s: %s", dir, strerror(errno));
            free(dir);
            return FOLIO_EIO;
        }
        if (end)
            break;
        *p = '/';
    }
    free(w->made_dir);
    w->made_dir = dir;
    return FOLIO_OK;
}

/* The output's sink, failing once a signal came: the file being written is thrown away. */
struct stop_sink {
    folio_sink inner;
    const atomic_bool *interrupted;
};

static int stop_write(void *ctx, const void *data, size_t len)
{
    struct stop_sink *s = ctx;
    if (atomic_load_explicit(s->interrupted, memory_order_relaxed))
        return FOLIO_EIO;
    return s->inner.write(s->inner.ctx, data, len);
}

static int write_item(struct worker *w, const struct batch_item *it, const folio_doc *doc,
                      folio_error *err)
{
    struct cli_output out;
    int rc = make_parents(w, it->output, err);
    if (rc == FOLIO_OK)
        rc = cli_output_open_batch(&out, it->output, err);
    if (rc < 0)
        return rc;
    struct stop_sink stop = {.inner = cli_output_sink(&out), .interrupted = &w->s->interrupted};
    folio_sink sink = {.write = stop_write, .ctx = &stop};
    w->current = it->output;
    pthread_mutex_t *held = serial_lock(w->s, w->s->b->writer);
    rc = folio_convert_write(&w->conv, doc, &sink, err);
    unlock(held);
    if (rc < 0) {
        cli_output_explain(&out, err);
        cli_output_abort(&out);
        folio_error_set_source(err, it->output);
        return rc;
    }
    return cli_output_commit(&out, err);
}

static int convert_item(struct worker *w, const struct batch_item *it, folio_error *err)
{
    folio_doc *doc;
    w->current = it->input;
    int rc = read_item(w, it, &doc, err);
    if (rc == FOLIO_OK)
        rc = write_item(w, it, doc, err);
    folio_doc_free(doc);
    return rc;
}

static void *work(void *arg)
{
    struct worker *w = arg;
    struct shared *s = w->s;
    while (!atomic_load(&s->stop)) {
        size_t i = atomic_fetch_add(&s->next, 1);
        if (i >= s->b->n)
            break;
        folio_error err = {0};
        int rc = convert_item(w, &s->b->items[i], &err);
        if (rc < 0 && atomic_load(&s->interrupted))
            break; /* thrown away, not failed */
        if (rc < 0 && err.code == FOLIO_EOPTION) {
            /* The command line's fault, told once, without a file's name. */
            err.source[0] = '\0';
            if (!atomic_exchange(&s->bad_option, true))
                report(s, &err);
            atomic_store(&s->stop, true);
            break;
        }
        if (rc < 0) {
            report(s, &err);
            atomic_fetch_add(&s->failed, 1);
            if (s->b->req->fail_fast)
                atomic_store(&s->stop, true);
        }
        atomic_fetch_add(&s->done, 1);
    }
    atomic_fetch_add(&s->finished, 1);
    return NULL;
}

static int copy_option(const char *key, const char *value, void *ctx)
{
    struct worker *w = ctx;
    folio_options_set(w->opts, key, value);
    size_t len;
    const unsigned char *file = folio_options_get_file(w->s->b->req->opts, key, &len);
    if (file)
        folio_options_set_file(w->opts, key, file, len);
    return 0;
}

static int load_any(const folio_plugin_desc *desc, const char *file, const folio_error *load_error,
                    void *ctx)
{
    (void)desc, (void)file, (void)load_error, (void)ctx;
    return 0;
}

/*
 * A worker's registry, with every plugin the batch uses already in it (the
 * main thread loaded them first: this only finds them), and its options.
 */
static void worker_init(struct worker *w, struct shared *s)
{
    const struct batch *b = s->b;
    *w = (struct worker){.s = s, .reg = folio_registry_new(folio_registry_path(b->reg))};
    const folio_plugin_desc *desc, *last = NULL;
    folio_registry_load(&desc, w->reg, b->writer->name, 0, NULL);
    for (size_t i = 0; i < b->n; i++) {
        if (b->items[i].reader && b->items[i].reader != last)
            folio_registry_load(&desc, w->reg, b->items[i].reader->name, 0, NULL);
        last = b->items[i].reader;
    }
    if (b->sniff)
        folio_registry_foreach(w->reg, load_any, NULL);
    w->opts = folio_options_new();
    folio_options_foreach(b->req->opts, copy_option, w);
    folio_options_set_warning_handler(w->opts, on_warning, w);
    w->conv = (folio_conversion){
        .registry = w->reg,
        .to = b->writer->name,
        .opts = w->opts,
        .resolver = b->req->resolver,
        .meta = b->req->meta,
    };
}

static void worker_free(struct worker *w)
{
    folio_registry_free(w->reg);
    folio_options_free(w->opts);
    free(w->made_dir);
}

static void add_serial(struct shared *s, const folio_plugin_desc *desc)
{
    if (!desc || !(desc->flags & FOLIO_PLUGIN_SERIAL))
        return;
    for (size_t i = 0; i < s->n_serial; i++) {
        if (s->serial[i].desc == desc)
            return;
    }
    struct serial *grown = realloc(s->serial, (s->n_serial + 1) * sizeof *grown);
    if (!grown)
        folio_oom();
    s->serial = grown;
    s->serial[s->n_serial].desc = desc;
    pthread_mutex_init(&s->serial[s->n_serial++].lock, NULL);
}

static int add_serial_one(const folio_plugin_desc *desc, const char *file,
                          const folio_error *load_error, void *ctx)
{
    (void)file, (void)load_error;
    add_serial(ctx, desc);
    return 0;
}

static void shared_init(struct shared *s, struct batch *b)
{
    *s = (struct shared){.b = b};
    pthread_mutex_init(&s->out_lock, NULL);
    progress_init(&s->progress, b->n, b->req->quiet);
    add_serial(s, b->writer);
    for (size_t i = 0; i < b->n; i++)
        add_serial(s, b->items[i].reader);
    if (b->sniff)
        folio_registry_foreach(b->reg, add_serial_one, s);
}

/* -j, else the processors this process may run on (taskset, cgroups' cpusets), at most one
 * thread per input. */
static unsigned job_count(const struct batch *b)
{
    cpu_set_t mine;
    long cpus = sched_getaffinity(0, sizeof mine, &mine) == 0 ? CPU_COUNT(&mine)
                                                              : sysconf(_SC_NPROCESSORS_ONLN);
    size_t jobs = b->req->jobs ? b->req->jobs : cpus > 0 ? (size_t)cpus : 1;
    if (jobs > b->n)
        jobs = b->n ? b->n : 1;
    return (unsigned)jobs;
}

/* The signals that end a run, unless the caller ignores them (nohup, a background job). */
static void stop_signals(sigset_t *set)
{
    static const int signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
    sigemptyset(set);
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct sigaction old;
        if (sigaction(signals[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaddset(set, signals[i]);
    }
}

/* Waits for the workers, drawing the progress line; returns the signal that came, or 0. */
static int wait_workers(struct shared *s, const sigset_t *set, unsigned jobs)
{
    int caught = 0;
    const struct timespec poll = {.tv_nsec = POLL_NS};
    while (atomic_load(&s->finished) < jobs) {
        int sig = sigtimedwait(set, NULL, &poll);
        if (sig > 0 && !caught) {
            caught = sig;
            atomic_store(&s->interrupted, true);
            atomic_store(&s->stop, true);
        }
        pthread_mutex_lock(&s->out_lock);
        progress_draw(&s->progress, atomic_load(&s->done), atomic_load(&s->failed));
        pthread_mutex_unlock(&s->out_lock);
    }
    return caught;
}

/* "folio: 1,998 written, 2 failed", and what was never converted. */
static void summary(const struct shared *s)
{
    size_t done = atomic_load(&s->done), failed = atomic_load(&s->failed);
    if ((s->b->req->quiet && !failed) || atomic_load(&s->bad_option))
        return;
    char written[32], bad[32], left[32];
    batch_format_count(written, sizeof written, done - failed);
    batch_format_count(bad, sizeof bad, failed);
    batch_format_count(left, sizeof left, s->b->n - done);
    fprintf(stderr, "folio: %s written, %s failed", written, bad);
    if (done < s->b->n)
        fprintf(stderr, ", %s not converted", left);
    fputc('\n', stderr);
}

/* Writes what the batch renamed into place to the disk once, rather than a sync per file. */
static void sync_outputs(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        syncfs(fd);
        close(fd);
    }
}

int batch_run(struct batch *b)
{
    struct shared s;
    shared_init(&s, b);
    unsigned jobs = job_count(b);
    if (b->req->verbose)
        fprintf(stderr, "folio: %zu inputs to %s with %s, on %u threads\n", b->n, b->writer->name,
                folio_registry_file(b->reg, b->writer), jobs);
    struct worker *workers = calloc(jobs, sizeof *workers);
    if (!workers)
        folio_oom();
    for (unsigned i = 0; i < jobs; i++)
        worker_init(&workers[i], &s);
    cli_input_watch(NULL, NULL); /* its SIGBUS handler, installed before the threads start */
    sigset_t set, old;
    stop_signals(&set);
    pthread_sigmask(SIG_BLOCK, &set, &old);
    unsigned started = 0;
    for (; started < jobs; started++) {
        if (pthread_create(&workers[started].thread, NULL, work, &workers[started]) != 0)
            break;
    }
    if (started == 0)
        work(&workers[0]); /* no thread to be had: this one does the work */
    int caught = wait_workers(&s, &set, started ? started : 1);
    for (unsigned i = 0; i < started; i++)
        pthread_join(workers[i].thread, NULL);
    progress_clear(&s.progress);
    sync_outputs(b->req->dir);
    summary(&s);
    for (unsigned i = 0; i < jobs; i++)
        worker_free(&workers[i]);
    free(workers);
    for (size_t i = 0; i < s.n_serial; i++)
        pthread_mutex_destroy(&s.serial[i].lock);
    free(s.serial);
    int status = atomic_load(&s.bad_option)   ? CLI_EUSAGE
                 : atomic_load(&s.failed) > 0 ? CLI_EINPUT
                                              : CLI_OK;
    if (caught) {
        /* Ends as the signal would have: the shell sees 128 + its number. */
        signal(caught, SIG_DFL);
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        raise(caught);
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return status;
}
