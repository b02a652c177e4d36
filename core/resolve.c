/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE /* syscall() for openat2 */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef __linux__
#include <linux/openat2.h>
#include <sys/syscall.h>
#endif

#include <folio/input.h>
#include <folio/resource.h>

/*
 * The one place where a reference in an input becomes bytes. Nothing here
 * opens a socket or knows a URL scheme but data:. A reference is decided in
 * three steps, each refusing on its own:
 *
 * 1. Lexically: trimmed like a browser does; a scheme (RFC 3986: a letter,
 *    then letters, digits, '+', '-', '.', then ':') other than data: and a
 *    "//host" reference are refused, so are absolute paths. "?query" and
 *    "#fragment" are cut off; then the path is percent-decoded, and an
 *    encoded NUL (%00) or slash (%2F) is refused: a file name cannot hold
 *    either, and a decoded '/' would turn one name into a path. A '%' not
 *    followed by two hex digits stays literal, as browsers keep it. "." and
 *    ".." segments are resolved by the URL's rules; a ".." above the start
 *    leaves the folder and is refused. A path ending in '/' names a folder.
 * 2. In the file system, under each folder in turn: openat2() with
 *    RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS, so no symlink (nor a "/proc"
 *    magic link) leads out of the folder; where the kernel lacks openat2 or
 *    a seccomp filter hides it, walk() does the same by hand. The first open
 *    is O_PATH: it only looks, so a device is never opened (opening some,
 *    a watchdog or a tape, acts) and a FIFO's writer never wakes.
 * 3. By what was found: a regular file only, no larger than the limit. Only
 *    then is it opened for reading (O_NONBLOCK, in case a FIFO was swapped
 *    in meanwhile), checked to be the same file, and read with a bounded
 *    loop in case it grows meanwhile.
 */

struct folio_resolver {
    char **paths;
    size_t n_paths;
    size_t max;
};

/* As many symlinks as Linux follows in one lookup. */
#define MAX_SYMLINKS 40

folio_resolver *folio_resolver_new(void)
{
    folio_resolver *res = calloc(1, sizeof *res);
    if (!res)
        folio_oom();
    res->max = FOLIO_RESOURCE_MAX_DEFAULT;
    return res;
}

void folio_resolver_free(folio_resolver *res)
{
    if (!res)
        return;
    for (size_t i = 0; i < res->n_paths; i++)
        free(res->paths[i]);
    free(res->paths);
    free(res);
}

void folio_resolver_add_path(folio_resolver *res, const char *dir)
{
    assert(res && dir);
    char **paths = realloc(res->paths, (res->n_paths + 1) * sizeof *paths);
    char *copy = strdup(dir);
    if (!paths || !copy)
        folio_oom();
    paths[res->n_paths++] = copy;
    res->paths = paths;
}

void folio_resolver_set_max_size(folio_resolver *res, size_t max)
{
    /* Half the address space is no limit, and keeps max + 1 from wrapping. */
    res->max = max == 0 ? FOLIO_RESOURCE_MAX_DEFAULT : max < SIZE_MAX / 2 ? max : SIZE_MAX / 2;
}

/* The reference as messages show it: short, control bytes as '?'. */
static void ref_label(folio_str ref, char *out, size_t size)
{
    size_t keep = ref.len > 12 && strncmp(ref.data, "data:", 5) == 0 ? 24 : 80;
    size_t n = 0;
    for (size_t i = 0; i < ref.len && i < keep && n + 4 < size; i++) {
        unsigned char c = (unsigned char)ref.data[i];
        out[n++] = c < 0x20 || c == 0x7f ? '?' : (char)c;
    }
    if (ref.len > keep && n + 4 < size) {
        /* Not in the middle of a UTF-8 character. */
        while (n > 0 && ((unsigned char)out[n - 1] & 0xc0) == 0x80)
            n--;
        n -= n > 0 && (unsigned char)out[n - 1] >= 0xc0;
        memcpy(out + n, "...", 3);
        n += 3;
    }
    out[n] = '\0';
}

/* Sets @err to "'<ref>': <reason>". */
FOLIO_PRINTF(4, 5)
static int fail(folio_error *err, int code, folio_str ref, const char *fmt, ...)
{
    char label[96], reason[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    ref_label(ref, label, sizeof label);
    return folio_error_set(err, code, "'%s': %s", label, reason);
}

/* "50 MB", the way the option is usually given; exact bytes otherwise. */
static void format_limit(size_t max, char *out, size_t size)
{
    if (max % 1000000 == 0)
        snprintf(out, size, "%zu MB", max / 1000000);
    else if (max % 1000 == 0)
        snprintf(out, size, "%zu kB", max / 1000);
    else
        snprintf(out, size, "%zu-byte", max);
}

static int hex_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The byte "%XX" at @p (at most @n bytes) encodes, or -1 when it is no escape. */
static int escape_at(const char *p, size_t n)
{
    if (n < 3 || p[0] != '%' || hex_value(p[1]) < 0 || hex_value(p[2]) < 0)
        return -1;
    return hex_value(p[1]) << 4 | hex_value(p[2]);
}

/* The length of @ref's scheme (before its ':'), or 0 when it has none. */
static size_t scheme_len(folio_str ref)
{
    size_t i = 0;
    while (i < ref.len) {
        char c = ref.data[i];
        bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (!alpha && (i == 0 || !((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')))
            break;
        i++;
    }
    return i > 0 && i < ref.len && ref.data[i] == ':' ? i : 0;
}

static bool ascii_iequal(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char x = a[i] >= 'A' && a[i] <= 'Z' ? (char)(a[i] - 'A' + 'a') : a[i];
        if (x != b[i])
            return false;
    }
    return true;
}

/*
 * Writes @n bytes at @p to @out with "." and ".." resolved by the URL's
 * rules ("a/./b/../c" is "a/c", no empty segments). Returns the length, -1
 * when a ".." climbs above the start, -2 when it would not fit in @size.
 */
static long normalize(const char *p, size_t n, char *out, size_t size)
{
    const char *end = p + n;
    size_t len = 0;
    while (p < end) {
        const char *slash = memchr(p, '/', (size_t)(end - p));
        size_t seg = (size_t)((slash ? slash : end) - p);
        if (seg == 2 && p[0] == '.' && p[1] == '.') {
            if (len == 0)
                return -1;
            while (len > 0 && out[len - 1] != '/')
                len--;
            len -= len > 0;
        } else if (seg > 0 && !(seg == 1 && p[0] == '.')) {
            if (len + (len > 0) + seg >= size)
                return -2;
            if (len > 0)
                out[len++] = '/';
            memcpy(out + len, p, seg);
            len += seg;
        }
        p += seg + (slash != NULL);
    }
    out[len] = '\0';
    return (long)len;
}

/* True when the last segment of @n bytes at @p is "", "." or "..": a folder. */
static bool names_folder(const char *p, size_t n)
{
    const char *slash = n ? memrchr(p, '/', n) : NULL;
    const char *last = slash ? slash + 1 : p;
    size_t len = (size_t)(p + n - last);
    return len == 0 || (len == 1 && last[0] == '.') ||
           (len == 2 && last[0] == '.' && last[1] == '.');
}

/* Turns @ref (no scheme, not absolute) into a normalized relative path in @out. */
static int local_path(folio_str ref, char *out, size_t size, folio_error *err)
{
    char decoded[PATH_MAX];
    size_t n = 0;
    for (size_t i = 0; i < ref.len && ref.data[i] != '?' && ref.data[i] != '#'; i++) {
        int c = escape_at(ref.data + i, ref.len - i);
        if (c == 0 || ref.data[i] == '\0')
            return fail(err, FOLIO_EIO, ref, "a NUL byte cannot be part of a file name");
        if (c == '/')
            return fail(err, FOLIO_EIO, ref, "an encoded '/' (%%2F) cannot be part of a file name");
        if (n + 1 >= sizeof decoded)
            return fail(err, FOLIO_EIO, ref, "the file name is too long");
        decoded[n++] = c < 0 ? ref.data[i] : (char)c;
        i += c < 0 ? 0 : 2;
    }
    if (names_folder(decoded, n))
        return fail(err, FOLIO_EIO, ref, "names a folder, not a file");
    long len = normalize(decoded, n, out, size);
    if (len == -1)
        return fail(err, FOLIO_EIO, ref, "outside the input's folder");
    if (len < 0)
        return fail(err, FOLIO_EIO, ref, "the file name is too long");
    return FOLIO_OK;
}

/*
 * Resolving opens: the first only looks (O_PATH opens no device and wakes no
 * FIFO's writer), the second reads what the first found to be a file.
 * Folders are only passed through, which needs no read permission.
 */
#define READ_FLAGS (O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
#ifdef O_PATH
#define LOOK_FLAGS (O_PATH | O_CLOEXEC)
#define DIR_FLAGS (O_PATH | O_DIRECTORY | O_CLOEXEC)
#else
#define LOOK_FLAGS READ_FLAGS
#define DIR_FLAGS (O_RDONLY | O_DIRECTORY | O_CLOEXEC)
#endif

/*
 * walk(): what openat2's RESOLVE_BENEATH does, by hand. Each segment is
 * opened with O_NOFOLLOW, so the kernel follows no symlink; a symlink's
 * target is put in front of what is left, to be resolved from the folder
 * that holds the link, as the kernel would. ".." goes back one real folder:
 * the folders passed are reopened by name from the base (never by "..",
 * which a folder moved meanwhile would lead out of), and ".." at the base
 * is refused.
 */
/* True when @fd, opened with O_PATH | O_NOFOLLOW, is the symlink itself. */
static bool is_link_fd(int fd)
{
    struct stat st;
    return fstat(fd, &st) == 0 && S_ISLNK(st.st_mode);
}

typedef struct walker {
    int base;            /* the folder searched: never closed here */
    int cur;             /* the folder reached: @base, or a descriptor owned here */
    char done[PATH_MAX]; /* the real folders from @base to @cur, '/'-joined */
    size_t done_len;
    char todo[PATH_MAX]; /* what is left, from @pos on */
    size_t pos;
    int hops; /* symlinks followed */
} walker;

static void set_cur(walker *w, int fd)
{
    if (w->cur != w->base)
        close(w->cur);
    w->cur = fd;
}

/* "..": back to the folder before the last, reopened from the base. */
static int walk_up(walker *w)
{
    if (w->done_len == 0) {
        errno = EXDEV;
        return -1;
    }
    const char *last = memrchr(w->done, '/', w->done_len);
    w->done_len = last ? (size_t)(last - w->done) : 0;
    w->done[w->done_len] = '\0';
    char names[PATH_MAX];
    memcpy(names, w->done, w->done_len + 1);
    set_cur(w, w->base);
    for (char *name = names, *next; w->done_len > 0 && name; name = next) {
        next = strchr(name, '/');
        if (next)
            *next++ = '\0';
        int fd = openat(w->cur, name, DIR_FLAGS | O_NOFOLLOW);
        if (fd < 0)
            return -1;
        set_cur(w, fd);
    }
    return 0;
}

/* Puts the target of the symlink @name (in the current folder) before what is left. */
static int follow_link(walker *w, const char *name, int fail_errno)
{
    char target[PATH_MAX];
    ssize_t n = readlinkat(w->cur, name, target, sizeof target);
    if (n < 0 || (size_t)n >= sizeof target || ++w->hops > MAX_SYMLINKS) {
        errno = n < 0 ? fail_errno : (size_t)n >= sizeof target ? ENAMETOOLONG : ELOOP;
        return -1;
    }
    if (n == 0 || target[0] == '/') {
        errno = EXDEV; /* RESOLVE_BENEATH refuses absolute links too */
        return -1;
    }
    const char *rest = w->todo + w->pos;
    size_t rest_len = strlen(rest);
    if ((size_t)n + 1 + rest_len >= sizeof w->todo) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memmove(w->todo + n + 1, rest, rest_len + 1);
    memcpy(w->todo, target, (size_t)n);
    w->todo[n] = rest_len ? '/' : '\0';
    w->pos = 0;
    return 0;
}

/*
 * Opens @name in the current folder: with @flags when it is the @last
 * segment (then 1, the file in *@fd), else as a folder to go on from (0).
 * A symlink is followed (0). -1 with errno on failure.
 */
static int walk_down(walker *w, const char *name, bool last, int flags, int *fd)
{
    int next = openat(w->cur, name, (last ? flags : DIR_FLAGS) | O_NOFOLLOW);
    int e = errno;
    /* O_NOFOLLOW fails on a symlink with ELOOP (ENOTDIR with O_DIRECTORY); O_PATH opens it. */
    if (next < 0 ? e == ELOOP || e == ENOTDIR : last && is_link_fd(next)) {
        if (next >= 0)
            close(next);
        return follow_link(w, name, next < 0 ? e : ELOOP);
    }
    if (next < 0)
        return -1;
    if (last) {
        *fd = next;
        return 1;
    }
    size_t len = strlen(name);
    if (w->done_len + 1 + len >= sizeof w->done) {
        close(next);
        errno = ENAMETOOLONG;
        return -1;
    }
    if (w->done_len > 0)
        w->done[w->done_len++] = '/';
    memcpy(w->done + w->done_len, name, len + 1);
    w->done_len += len;
    set_cur(w, next);
    return 0;
}

static int walk_steps(walker *w, int flags)
{
    int fd = -1, rc = 0;
    while (rc == 0 && w->todo[w->pos]) {
        char *name = w->todo + w->pos;
        char *slash = strchr(name, '/');
        size_t n = slash ? (size_t)(slash - name) : strlen(name);
        w->pos += n + (slash != NULL);
        if (n == 0 || (n == 1 && name[0] == '.'))
            continue;
        if (slash)
            *slash = '\0';
        if (n == 2 && name[0] == '.' && name[1] == '.')
            rc = walk_up(w);
        else
            rc = walk_down(w, name, !slash, flags, &fd);
    }
    if (rc == 0) /* the path ended on a folder: open that */
        return openat(w->cur, ".", flags);
    return rc > 0 ? fd : -1;
}

static int walk(int dirfd, const char *path, int flags)
{
    walker *w = malloc(sizeof *w);
    if (!w)
        folio_oom();
    *w = (walker){.base = dirfd, .cur = dirfd};
    snprintf(w->todo, sizeof w->todo, "%s", path);
    int fd = walk_steps(w, flags);
    int e = errno;
    set_cur(w, dirfd);
    free(w);
    errno = e;
    return fd;
}

/*
 * Opens @path beneath @dirfd with @flags. FOLIO_NO_OPENAT2=1 in the
 * environment forces walk(): a test hook, so both branches are tested on
 * kernels that have openat2.
 */
static int open_beneath(int dirfd, const char *path, int flags)
{
#if defined(SYS_openat2) && defined(RESOLVE_BENEATH)
    const char *no = getenv("FOLIO_NO_OPENAT2");
    if (!no || strcmp(no, "1") != 0) {
        struct open_how how = {
            .flags = (uint64_t)flags,
            .resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS,
        };
        long fd = syscall(SYS_openat2, dirfd, path, &how, sizeof how);
        /* ENOSYS: before Linux 5.6; EPERM: a seccomp filter that does not know it. */
        if (fd >= 0 || (errno != ENOSYS && errno != EPERM))
            return (int)fd;
    }
#endif
    return walk(dirfd, path, flags);
}

/* What an open() failure means for the search: 0 (nothing there) or -1 with @why. */
static int open_failure(int e, const char *dir, char *why, size_t size)
{
    switch (e) {
    case ENOENT:
    case ENOTDIR:
        return 0;
    case EXDEV:
        snprintf(why, size, "a symlink leads outside %.80s", dir);
        break;
    case ELOOP:
        snprintf(why, size, "too many symlinks, or a link into /proc");
        break;
    case ENXIO:
        snprintf(why, size, "is a socket or a device, not a file");
        break;
    default:
        snprintf(why, size, "cannot be opened in %.80s: %s", dir, strerror(e));
        break;
    }
    return -1;
}

static const char *not_a_file(mode_t mode)
{
    if (S_ISDIR(mode))
        return "is a folder, not a file";
    if (S_ISFIFO(mode))
        return "is a FIFO, not a file";
    if (S_ISSOCK(mode))
        return "is a socket, not a file";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "is a device, not a file";
    return S_ISREG(mode) ? NULL : "is not a regular file";
}

/*
 * Checks what @fd is: a regular file no larger than @max and, when @before
 * is given, the very file it describes (not one swapped in since). Returns
 * 1 with its status in @st, or -1 with @why.
 */
static int check_file(int fd, const struct stat *before, size_t max, struct stat *st, char *why,
                      size_t size)
{
    struct stat now;
    if (fstat(fd, &now) < 0) {
        snprintf(why, size, "cannot be read: %s", strerror(errno));
        return -1;
    }
    if (before && (now.st_dev != before->st_dev || now.st_ino != before->st_ino)) {
        snprintf(why, size, "was replaced while it was being opened");
        return -1;
    }
    if (not_a_file(now.st_mode)) {
        snprintf(why, size, "%s", not_a_file(now.st_mode));
        return -1;
    }
    if ((uintmax_t)now.st_size > max) {
        char limit[32];
        format_limit(max, limit, sizeof limit);
        snprintf(why, size, "is larger than the %s limit", limit);
        return -1;
    }
    *st = now;
    return 1;
}

/*
 * Appends the regular file open as @fd (@hint bytes by fstat) to @out: at
 * most @max bytes. Reads up to one byte more, so a file that grew past the
 * limit since is caught; one that shrank is read as it is now. Returns 1,
 * or -1 with @why.
 */
static int read_regular(int fd, size_t hint, size_t max, folio_buf *out, char *why, size_t size)
{
    /* Opened non-blocking for FIFOs' sake; a regular file reads the same either way. */
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    size_t start = out->len;
    bool failed = false;
    folio_buf_grow(out, hint + 1);
    for (;;) {
        size_t room = max + 1 - (out->len - start);
        if (room == 0)
            break;
        room = room < 65536 ? room : 65536;
        folio_buf_grow(out, room);
        ssize_t n = read(fd, out->data + out->len, room);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            failed = n < 0;
            if (failed)
                snprintf(why, size, "cannot be read: %s", strerror(errno));
            break;
        }
        out->len += (size_t)n;
    }
    if (!failed && out->len - start > max) {
        char limit[32];
        format_limit(max, limit, sizeof limit);
        snprintf(why, size, "is larger than the %s limit", limit);
        failed = true;
    }
    out->len = failed ? start : out->len;
    out->data[out->len] = '\0';
    return failed ? -1 : 1;
}

/*
 * Looks for @path in @dir: first only looks, then opens what it saw for
 * reading. Returns 1 (appended to @out), 0 (not there) or -1 (refused, @why).
 */
static int load_from(const char *dir, const char *path, size_t max, folio_buf *out, char *why,
                     size_t size)
{
    int dirfd = open(dir, DIR_FLAGS);
    if (dirfd < 0)
        return 0;
    struct stat seen;
    int fd = open_beneath(dirfd, path, LOOK_FLAGS);
    int rc =
        fd < 0 ? open_failure(errno, dir, why, size) : check_file(fd, NULL, max, &seen, why, size);
    if (fd >= 0)
        close(fd);
    if (rc > 0) {
        fd = open_beneath(dirfd, path, READ_FLAGS);
        rc = fd < 0 ? open_failure(errno, dir, why, size)
                    : check_file(fd, &seen, max, &seen, why, size);
        if (rc > 0)
            rc = read_regular(fd, (size_t)seen.st_size, max, out, why, size);
        if (fd >= 0)
            close(fd);
    }
    close(dirfd);
    return rc;
}

static int not_found(folio_error *err, folio_str ref, const char *base_dir, size_t n_paths)
{
    if (base_dir && n_paths)
        return fail(err, FOLIO_EIO, ref, "not found in %.100s or the resource path", base_dir);
    if (base_dir)
        return fail(err, FOLIO_EIO, ref, "not found in %.100s", base_dir);
    if (n_paths)
        return fail(err, FOLIO_EIO, ref, "not found in the resource path");
    return fail(err, FOLIO_EIO, ref,
                "not loaded: standard input has no folder, and no resource path was given");
}

/* Searches the input's folder, then each resource folder; the first refusal is the reason. */
static int load_file(const folio_resolver *res, const char *base_dir, folio_str ref,
                     const char *path, folio_buf *out, folio_error *err)
{
    char why[160] = "", other[160] = "";
    for (size_t i = base_dir ? 0 : 1; i <= res->n_paths; i++) {
        const char *dir = i == 0 ? base_dir : res->paths[i - 1];
        other[0] = '\0';
        int rc = load_from(dir, path, res->max, out, why[0] ? other : why, sizeof why);
        if (rc > 0)
            return FOLIO_OK;
    }
    if (why[0])
        return fail(err, FOLIO_EIO, ref, "%s", why);
    return not_found(err, ref, base_dir, res->n_paths);
}

static int base64_value(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/*
 * Decodes base64 in place in @n bytes at @s (RFC 4648's alphabet; ASCII
 * whitespace skipped; padding optional, but when present it is one or two
 * '=' that end the data and make it whole quads). Returns NULL with the
 * length in @out_len, or what is wrong.
 */
static const char *base64_decode(unsigned char *s, size_t n, size_t *out_len)
{
    uint32_t acc = 0;
    unsigned bits = 0;
    size_t w = 0, chars = 0, pad = 0;
    for (size_t r = 0; r < n; r++) {
        unsigned char c = s[r];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r')
            continue;
        chars++;
        if (c == '=') {
            pad++;
            continue;
        }
        int v = base64_value(c);
        if (v < 0)
            return "a byte outside the base64 alphabet";
        if (pad)
            return "base64 data after its '=' padding";
        acc = (acc << 6 | (uint32_t)v) & 0xffffff;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            s[w++] = (unsigned char)(acc >> bits);
        }
    }
    if (pad > 2 || (pad && chars % 4 != 0) || chars % 4 == 1)
        return "base64 data with bad '=' padding";
    *out_len = w;
    return NULL;
}

/* Appends the bytes from @p to @end to @out with "%XX" decoded and a lone '%' kept. */
static void append_unescaped(folio_buf *out, const char *p, const char *end)
{
    folio_buf_grow(out, (size_t)(end - p));
    for (; p < end; p++) {
        int c = escape_at(p, (size_t)(end - p));
        out->data[out->len++] = c < 0 ? *p : (char)c;
        p += c < 0 ? 0 : 2;
    }
    out->data[out->len] = '\0';
}

/* True when the header from @p to @end (before the ',') ends in ";base64". */
static bool says_base64(const char *p, const char *end)
{
    while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    return end - p >= 7 && ascii_iequal(end - 7, ";base64", 7);
}

/*
 * data:[<media type>][;base64],<data> (RFC 2397, as the WHATWG fetch
 * standard reads it): the fragment is cut off, the data percent-decoded,
 * then base64-decoded when the header ends in ";base64". The declared media
 * type is not trusted: folio_image_probe() looks at the bytes.
 */
static int load_data(const folio_resolver *res, folio_str ref, folio_buf *out, folio_error *err)
{
    const char *p = ref.data + 5, *end = ref.data + ref.len;
    const char *hash = memchr(p, '#', (size_t)(end - p));
    end = hash ? hash : end;
    const char *comma = memchr(p, ',', (size_t)(end - p));
    if (!comma)
        return fail(err, FOLIO_EFORMAT, ref, "broken data: URI: no ',' before the data");
    size_t start = out->len;
    append_unescaped(out, comma + 1, end);
    const char *bad = NULL;
    size_t n = out->len - start;
    if (says_base64(p, comma))
        bad = base64_decode((unsigned char *)out->data + start, n, &n);
    out->len = bad || n > res->max ? start : start + n;
    out->data[out->len] = '\0';
    if (bad)
        return fail(err, FOLIO_EFORMAT, ref, "broken data: URI: %s", bad);
    if (n > res->max) {
        char limit[32];
        format_limit(res->max, limit, sizeof limit);
        return fail(err, FOLIO_EIO, ref, "is larger than the %s limit", limit);
    }
    return FOLIO_OK;
}

static bool is_slash(char c)
{
    return c == '/' || c == '\\';
}

int folio_resolver_load(const folio_resolver *res, const char *base_dir, folio_str ref,
                        folio_buf *out, folio_error *err)
{
    assert(res && out);
    /* Browsers drop leading and trailing spaces and control bytes from a URL. */
    while (ref.len > 0 && (unsigned char)ref.data[0] <= ' ')
        ref = folio_str_n(ref.data + 1, ref.len - 1);
    while (ref.len > 0 && (unsigned char)ref.data[ref.len - 1] <= ' ')
        ref.len--;
    if (ref.len == 0)
        return fail(err, FOLIO_EIO, ref, "an empty reference names no file");
    size_t scheme = scheme_len(ref);
    if (scheme == 4 && ascii_iequal(ref.data, "data", 4))
        return load_data(res, ref, out, err);
    if (scheme > 0)
        return fail(err, FOLIO_EUNSUPPORTED, ref, "refused: %.*s: URLs are never fetched",
                    (int)(scheme < 20 ? scheme : 20), ref.data);
    /* A leading backslash is a Windows path or share: browsers read it as a slash. */
    if (ref.len > 1 && is_slash(ref.data[0]) && is_slash(ref.data[1]))
        return fail(err, FOLIO_EUNSUPPORTED, ref, "refused: //host/ URLs are never fetched");
    if (is_slash(ref.data[0]))
        return fail(err, FOLIO_EUNSUPPORTED, ref, "refused: absolute paths are never loaded");
    char path[PATH_MAX];
    int rc = local_path(ref, path, sizeof path, err);
    if (rc < 0)
        return rc;
    return load_file(res, base_dir, ref, path, out, err);
}

/* Appends the NUL-terminated @s to the message in @dst, as much as fits. */
static void put(char *dst, size_t size, size_t *n, const char *s)
{
    size_t len = strlen(s);
    len = len < size - 1 - *n ? len : size - 1 - *n;
    memcpy(dst + *n, s, len);
    *n += len;
    dst[*n] = '\0';
}

/* Puts "image " and, unless it starts with it already, "'<ref>': " before @err's message. */
static void name_image(folio_error *err, folio_str ref)
{
    char label[96], old[sizeof err->message];
    memcpy(old, err->message, sizeof old);
    size_t n = 0;
    put(err->message, sizeof err->message, &n, "image ");
    if (old[0] != '\'') {
        ref_label(ref, label, sizeof label);
        put(err->message, sizeof err->message, &n, "'");
        put(err->message, sizeof err->message, &n, label);
        put(err->message, sizeof err->message, &n, "': ");
    }
    put(err->message, sizeof err->message, &n, old);
}

int folio_input_load_image(const folio_input *in, folio_doc *doc, folio_str ref, folio_error *err)
{
    folio_error local;
    err = err ? err : &local;
    /* A caller built before a member existed did not set it. */
    bool has_resolver = in && in->size >= offsetof(folio_input, resolver) + sizeof in->resolver;
    if (!has_resolver || !in->resolver) {
        fail(err, FOLIO_EUNSUPPORTED, ref, "not loaded: the caller gave no resolver");
        name_image(err, ref);
        return err->code;
    }
    if (ref.len > 0 && folio_doc_resource(doc, ref))
        return FOLIO_OK;
    folio_buf buf = {0};
    int rc = folio_resolver_load(in->resolver, in->dir, ref, &buf, err);
    if (rc == FOLIO_OK)
        rc = folio_doc_add_resource(doc, ref, buf.data ? buf.data : "", buf.len, err);
    folio_buf_free(&buf);
    if (rc < 0)
        name_image(err, ref);
    return rc;
}
