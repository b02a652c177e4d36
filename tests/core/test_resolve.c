/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE /* syscall(), for the seccomp test */
#include "test.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#ifdef __linux__
#include <sys/inotify.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#endif

/* A real 3x2 RGB PNG. */
static const unsigned char png_3x2[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
    0x52, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0x12,
    0x16, 0xf1, 0x4d, 0x00, 0x00, 0x00, 0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8,
    0xcf, 0xc0, 0x00, 0x41, 0x0c, 0x70, 0x16, 0x00, 0x41, 0xd2, 0x05, 0xfb, 0x87, 0xf0, 0xb9,
    0x48, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

#define PNG_BASE64                                                                                 \
    "iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAEElEQVR4nGP4z8AAQQxwFgBB0gX7h/"               \
    "C5SAAAAABJRU5Er"                                                                              \
    "kJggg=="

/*
 * The tree every test resolves in:
 *   ROOT/outside.png                  what no reference may reach
 *   ROOT/base/                        the input's folder
 *     a.png c.png x.png "my photo.png" 100%.png photo.jpg (a PNG) notes.txt
 *     sub/b.png
 *     sub/link-out.png -> ../../outside.png    sub/link-abs.png -> /etc/passwd
 *     sub/link-in.png -> ../a.png              sub/up -> ..  (back to base)
 *     escape -> ..  (to ROOT)   loop -> loop   fifo   sock   folder/
 *     b.png   sub/deep/   dl -> sub/deep   via-dl.png -> dl/../b.png (sub/b.png)
 *     via-dl-up.png -> dl/../../a.png   via-dl-out.png -> dl/../../../outside.png
 *   ROOT/p1/{x.png,only1.png}  ROOT/p2/{x.png,only2.png}   the resource path
 */
typedef struct fixture {
    char root[256];
    char base[300];
    char p1[300];
    char p2[300];
    folio_resolver *res; /* p1 then p2 */
} fixture;

static void put_file(const char *dir, const char *name, const void *data, size_t len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static void put_link(const char *dir, const char *name, const char *target)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    assert_int_equal(symlink(target, path), 0);
}

static void make_dir(char *out, size_t size, const char *parent, const char *name)
{
    snprintf(out, size, "%s/%s", parent, name);
    assert_int_equal(mkdir(out, 0700), 0);
}

/* A UNIX socket's node in @dir: open() on it fails with ENXIO. */
static void put_socket(const char *dir, const char *name)
{
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    int n = snprintf(addr.sun_path, sizeof addr.sun_path, "%s/%s", dir, name);
    assert_true(n > 0 && (size_t)n < sizeof addr.sun_path);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    assert_int_equal(bind(fd, (struct sockaddr *)&addr, sizeof addr), 0);
    close(fd);
}

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    const char *tmp = getenv("TMPDIR");
    snprintf(fx->root, sizeof fx->root, "%s/folio-resolve-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    assert_non_null(mkdtemp(fx->root));
    char dir[400];
    make_dir(fx->base, sizeof fx->base, fx->root, "base");
    make_dir(fx->p1, sizeof fx->p1, fx->root, "p1");
    make_dir(fx->p2, sizeof fx->p2, fx->root, "p2");
    put_file(fx->root, "outside.png", png_3x2, sizeof png_3x2);
    const char *pngs[] = {"a.png", "c.png", "my photo.png", "100%.png", "photo.jpg"};
    for (size_t i = 0; i < sizeof pngs / sizeof pngs[0]; i++)
        put_file(fx->base, pngs[i], png_3x2, sizeof png_3x2);
    put_file(fx->base, "x.png", "base x", 6);
    put_file(fx->base, "notes.txt", "hello", 5);
    make_dir(dir, sizeof dir, fx->base, "sub");
    put_file(dir, "b.png", "sub b", 5);
    put_link(dir, "link-out.png", "../../outside.png");
    put_link(dir, "link-abs.png", "/etc/passwd");
    put_link(dir, "link-in.png", "../a.png");
    put_link(dir, "up", "..");
    put_link(fx->base, "escape", "..");
    /* ".." after a symlink goes up from where the link led, not lexically. */
    make_dir(dir, sizeof dir, fx->base, "sub/deep");
    put_link(fx->base, "dl", "sub/deep");
    put_link(fx->base, "via-dl.png", "dl/../b.png");
    put_link(fx->base, "via-dl-up.png", "dl/../../a.png");
    put_link(fx->base, "via-dl-out.png", "dl/../../../outside.png");
    put_file(fx->base, "b.png", "base b", 6);
    put_link(fx->base, "loop", "loop");
    make_dir(dir, sizeof dir, fx->base, "folder");
    snprintf(dir, sizeof dir, "%s/fifo", fx->base);
    assert_int_equal(mkfifo(dir, 0600), 0);
    put_socket(fx->base, "sock");
    put_file(fx->p1, "x.png", "p1 x", 4);
    put_file(fx->p1, "only1.png", "p1 only", 7);
    put_file(fx->p2, "x.png", "p2 x", 4);
    put_file(fx->p2, "only2.png", "p2 only", 7);
    fx->res = folio_resolver_new();
    folio_resolver_add_path(fx->res, fx->p1);
    folio_resolver_add_path(fx->res, fx->p2);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->root);
    assert_int_equal(system(cmd), 0);
    folio_resolver_free(fx->res);
    free(fx);
    return 0;
}

/* Loads @ref for an input in @dir; checks the code and, when given, the bytes or message. */
static void expect(const folio_resolver *res, const char *dir, const char *ref, int code,
                   const void *bytes, size_t len, const char *message)
{
    folio_buf out = {0};
    folio_error err = {0};
    folio_buf_puts(&out, "kept");
    int rc = folio_resolver_load(res, dir, folio_str_c(ref), &out, &err);
    if (rc != code)
        fail_msg("'%s': %s (%d), expected %s: %s", ref, folio_status_name(rc), rc,
                 folio_status_name(code), err.message);
    if (rc == FOLIO_OK && bytes && (out.len != 4 + len || memcmp(out.data + 4, bytes, len) != 0))
        fail_msg("'%s': %zu other bytes: %.20s", ref, out.len - 4, out.data + 4);
    if (rc < 0) {
        assert_int_equal(err.code, code);
        assert_int_equal(out.len, 4); /* a failure appends nothing */
        assert_string_equal(out.data, "kept");
        if (message && !strstr(err.message, message))
            fail_msg("'%s': message '%s' does not say '%s'", ref, err.message, message);
    }
    folio_buf_free(&out);
}

static void set_walk(bool walk)
{
    if (walk)
        setenv("FOLIO_NO_OPENAT2", "1", 1);
    else
        unsetenv("FOLIO_NO_OPENAT2");
}

/* Runs @body once through openat2 (where the kernel has it) and once through the walk. */
static void both_ways(fixture *fx, void (*body)(fixture *fx))
{
    for (int walk = 0; walk < 2; walk++) {
        set_walk(walk);
        body(fx);
    }
    set_walk(false);
}

static void files_inside(fixture *fx)
{
    const char *b = fx->base;
    expect(fx->res, b, "a.png", FOLIO_OK, png_3x2, sizeof png_3x2, NULL);
    expect(fx->res, b, "sub/b.png", FOLIO_OK, "sub b", 5, NULL);
    expect(fx->res, b, "./c.png", FOLIO_OK, png_3x2, sizeof png_3x2, NULL);
    expect(fx->res, b, "sub/../a.png", FOLIO_OK, png_3x2, sizeof png_3x2, NULL);
    expect(fx->res, b, "sub/./../sub//b.png", FOLIO_OK, "sub b", 5, NULL);
    expect(fx->res, b, "sub/link-in.png", FOLIO_OK, png_3x2, sizeof png_3x2, NULL);
    expect(fx->res, b, "sub/up/sub/up/a.png", FOLIO_OK, png_3x2, sizeof png_3x2, NULL);
    expect(fx->res, b, "  a.png\n", FOLIO_OK, png_3x2, sizeof png_3x2, NULL);
    expect(fx->res, b, "my%20photo.png", FOLIO_OK, png_3x2, sizeof png_3x2, NULL);
    expect(fx->res, b, "my photo.png", FOLIO_OK, png_3x2, sizeof png_3x2, NULL);
    expect(fx->res, b, "100%.png", FOLIO_OK, png_3x2, sizeof png_3x2, NULL);
    expect(fx->res, b, "100%25.png", FOLIO_OK, png_3x2, sizeof png_3x2, NULL);
    expect(fx->res, b, "a.png?v=2#top", FOLIO_OK, png_3x2, sizeof png_3x2, NULL);
    expect(fx->res, b, "sub/b.png#frag", FOLIO_OK, "sub b", 5, NULL);
    expect(fx->res, b, "%73ub/b.png", FOLIO_OK, "sub b", 5, NULL);
    expect(fx->res, b, "via-dl.png", FOLIO_OK, "sub b", 5, NULL);
    expect(fx->res, b, "via-dl-up.png", FOLIO_OK, png_3x2, sizeof png_3x2, NULL);
    expect(fx->res, b, "dl/../b.png", FOLIO_OK, "base b", 6, NULL); /* the URL's own ".." */
}

static void test_files_inside_the_folder_load(void **state)
{
    both_ways(*state, files_inside);
}

static void ways_out(fixture *fx)
{
    const char *b = fx->base;
    expect(fx->res, b, "../outside.png", FOLIO_EIO, NULL, 0, "outside the input's folder");
    expect(fx->res, b, "sub/../../outside.png", FOLIO_EIO, NULL, 0, "outside the input's folder");
    expect(fx->res, b, "%2e%2e/outside.png", FOLIO_EIO, NULL, 0, "outside the input's folder");
    expect(fx->res, b, "..", FOLIO_EIO, NULL, 0, "names a folder");
    expect(fx->res, b, "sub%2F..%2F..%2Foutside.png", FOLIO_EIO, NULL, 0, "encoded '/'");
    expect(fx->res, b, "a.png%00.txt", FOLIO_EIO, NULL, 0, "NUL");
    expect(fx->res, b, "sub/link-out.png", FOLIO_EIO, NULL, 0, "symlink leads outside");
    expect(fx->res, b, "sub/link-abs.png", FOLIO_EIO, NULL, 0, "symlink leads outside");
    expect(fx->res, b, "escape/outside.png", FOLIO_EIO, NULL, 0, "symlink leads outside");
    expect(fx->res, b, "via-dl-out.png", FOLIO_EIO, NULL, 0, "symlink leads outside");
    expect(fx->res, b, "sub/up/../outside.png", FOLIO_EIO, NULL, 0, "not found");
    expect(fx->res, b, "loop", FOLIO_EIO, NULL, 0, "too many symlinks");
    expect(fx->res, b, "/etc/passwd", FOLIO_EUNSUPPORTED, NULL, 0, "absolute paths");
    expect(fx->res, b, "\\etc\\passwd", FOLIO_EUNSUPPORTED, NULL, 0, "absolute paths");
    expect(fx->res, b, "/dev/zero", FOLIO_EUNSUPPORTED, NULL, 0, "absolute paths");
}

static void test_ways_out_of_the_folder_are_refused(void **state)
{
    both_ways(*state, ways_out);
}

static void special_files(fixture *fx)
{
    const char *b = fx->base;
    /* The FIFO has no writer: a blocking open would hang here, and the alarm would fire. */
    alarm(20);
    expect(fx->res, b, "fifo", FOLIO_EIO, NULL, 0, "'fifo': is a FIFO, not a file");
    alarm(0);
    expect(fx->res, b, "folder", FOLIO_EIO, NULL, 0, "is a folder, not a file");
    expect(fx->res, b, "folder/", FOLIO_EIO, NULL, 0, "names a folder");
    expect(fx->res, b, ".", FOLIO_EIO, NULL, 0, "names a folder");
    expect(fx->res, b, "sub/up", FOLIO_EIO, NULL, 0, "is a folder, not a file");
    expect(fx->res, b, "sock", FOLIO_EIO, NULL, 0, "socket");
    expect(fx->res, b, "", FOLIO_EIO, NULL, 0, "empty");
    expect(fx->res, b, "a.png/x", FOLIO_EIO, NULL, 0, "not found");
    /* A device inside the folder is still no file. */
    expect(fx->res, "/dev", "zero", FOLIO_EIO, NULL, 0, "is a device, not a file");
    expect(fx->res, "/dev", "null", FOLIO_EIO, NULL, 0, "is a device, not a file");
}

static void test_devices_fifos_sockets_and_folders_are_refused(void **state)
{
    both_ways(*state, special_files);
}

#ifdef __linux__
/* Drains @ino's events; true when one says @name was opened. */
static bool was_opened(int ino, const char *name)
{
    char buf[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
    bool seen = false;
    ssize_t n;
    while ((n = read(ino, buf, sizeof buf)) > 0) {
        for (char *p = buf; p < buf + n;) {
            const struct inotify_event *ev = (const struct inotify_event *)p;
            if ((ev->mask & IN_OPEN) && ev->len && strcmp(ev->name, name) == 0)
                seen = true;
            p += sizeof *ev + ev->len;
        }
    }
    return seen;
}

static void look_only(fixture *fx)
{
    int ino = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    assert_true(ino >= 0);
    assert_true(inotify_add_watch(ino, fx->base, IN_OPEN) >= 0);
    const char *refused[] = {"fifo", "sock", "folder"};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        expect(fx->res, fx->base, refused[i], FOLIO_EIO, NULL, 0, "not a file");
        if (was_opened(ino, refused[i]))
            fail_msg("'%s' was opened, not only looked at", refused[i]);
    }
    /* The watch sees real opens. */
    expect(fx->res, fx->base, "a.png", FOLIO_OK, png_3x2, sizeof png_3x2, NULL);
    assert_true(was_opened(ino, "a.png"));
    close(ino);
}

/* inotify reports every open but O_PATH's: what is refused was never opened for reading. */
static void test_refused_files_are_never_opened_for_reading(void **state)
{
    both_ways(*state, look_only);
}
#else
static void test_refused_files_are_never_opened_for_reading(void **state)
{
    (void)state;
    skip();
}
#endif

static void test_missing_files_name_where_they_were_looked_for(void **state)
{
    fixture *fx = *state;
    char message[512];
    snprintf(message, sizeof message, "'nope.png': not found in %s or the resource path", fx->base);
    expect(fx->res, fx->base, "nope.png", FOLIO_EIO, NULL, 0, message);
    folio_resolver *bare = folio_resolver_new();
    snprintf(message, sizeof message, "not found in %s", fx->base);
    expect(bare, fx->base, "nope.png", FOLIO_EIO, NULL, 0, message);
    expect(bare, NULL, "a.png", FOLIO_EIO, NULL, 0, "standard input has no folder");
    expect(bare, "/nonexistent-folio-dir", "a.png", FOLIO_EIO, NULL, 0, "not found");
    folio_resolver_free(bare);
}

static void test_resource_path_is_searched_in_order_after_the_input_folder(void **state)
{
    fixture *fx = *state;
    expect(fx->res, fx->base, "x.png", FOLIO_OK, "base x", 6, NULL);
    expect(fx->res, NULL, "x.png", FOLIO_OK, "p1 x", 4, NULL);
    expect(fx->res, fx->base, "only1.png", FOLIO_OK, "p1 only", 7, NULL);
    expect(fx->res, fx->base, "only2.png", FOLIO_OK, "p2 only", 7, NULL);
    /* Standard input: only the resource path, never the working folder. */
    expect(fx->res, NULL, "a.png", FOLIO_EIO, NULL, 0, "not found in the resource path");
    expect(fx->res, NULL, "only2.png", FOLIO_OK, "p2 only", 7, NULL);
    /* The other order, the other winner. */
    folio_resolver *swapped = folio_resolver_new();
    folio_resolver_add_path(swapped, fx->p2);
    folio_resolver_add_path(swapped, fx->p1);
    expect(swapped, NULL, "x.png", FOLIO_OK, "p2 x", 4, NULL);
    /* A file in a resource folder cannot reach the input's folder by "..". */
    expect(swapped, NULL, "../base/a.png", FOLIO_EIO, NULL, 0, "outside");
    folio_resolver_free(swapped);
}

static void test_urls_are_refused_without_a_connection(void **state)
{
    fixture *fx = *state;
    int sock = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    assert_true(sock >= 0);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t alen = sizeof addr;
    assert_int_equal(bind(sock, (struct sockaddr *)&addr, sizeof addr), 0);
    assert_int_equal(listen(sock, 8), 0);
    assert_int_equal(getsockname(sock, (struct sockaddr *)&addr, &alen), 0);
    char url[128];
    const char *schemes[] = {"http", "https", "HTTP", "  http"};
    for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
        snprintf(url, sizeof url, "%s://127.0.0.1:%u/a.png", schemes[i],
                 (unsigned)ntohs(addr.sin_port));
        expect(fx->res, fx->base, url, FOLIO_EUNSUPPORTED, NULL, 0, "URLs are never fetched");
    }
    expect(fx->res, fx->base, "http://127.0.0.1:1/x.png", FOLIO_EUNSUPPORTED, NULL, 0,
           "refused: http: URLs are never fetched");
    /* Loopback connects complete at once: a connection would be waiting here. */
    int conn = accept(sock, NULL, NULL);
    assert_int_equal(conn, -1);
    assert_true(errno == EAGAIN || errno == EWOULDBLOCK);
    close(sock);

    const char *others[] = {"file:///etc/passwd",  "file:a.png",   "ftp://example.com/a.png",
                            "javascript:alert(1)", "c:/a.png",     "mailto:a@b",
                            "blob:https://x/1",    "a+b-c.d:a.png"};
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
        expect(fx->res, fx->base, others[i], FOLIO_EUNSUPPORTED, NULL, 0, "URLs are never fetched");
    expect(fx->res, fx->base, "file:a.png", FOLIO_EUNSUPPORTED, NULL, 0, "file: URLs");
    expect(fx->res, fx->base, "//127.0.0.1/a.png", FOLIO_EUNSUPPORTED, NULL, 0, "//host/");
    expect(fx->res, fx->base, "\\\\host\\share\\a.png", FOLIO_EUNSUPPORTED, NULL, 0, "//host/");
}

static void test_data_uris_are_decoded(void **state)
{
    fixture *fx = *state;
    expect(fx->res, NULL, "data:image/png;base64," PNG_BASE64, FOLIO_OK, png_3x2, sizeof png_3x2,
           NULL);
    expect(fx->res, NULL, "DATA:image/png;BASE64,\n  " PNG_BASE64 "\n", FOLIO_OK, png_3x2,
           sizeof png_3x2, NULL);
    expect(fx->res, NULL, "data:;base64,QUJD%0AREU", FOLIO_OK, "ABCDE", 5, NULL);
    expect(fx->res, NULL, "data:;base64,QUI=", FOLIO_OK, "AB", 2, NULL);
    expect(fx->res, NULL, "data:;base64,", FOLIO_OK, "", 0, NULL);
    expect(fx->res, NULL, "data:,hello%20world#frag", FOLIO_OK, "hello world", 11, NULL);
    expect(fx->res, NULL, "data:image/svg+xml,%3Csvg%20width='1'/%3E", FOLIO_OK, "<svg width='1'/>",
           16, NULL);
    expect(fx->res, NULL, "data:text/plain,100%", FOLIO_OK, "100%", 4, NULL);

    expect(fx->res, NULL, "data:image/png;base64,iVBOR!w0K", FOLIO_EFORMAT, NULL, 0,
           "outside the base64 alphabet");
    expect(fx->res, NULL, "data:;base64,QUJD-_", FOLIO_EFORMAT, NULL, 0, "base64 alphabet");
    expect(fx->res, NULL, "data:;base64,QQ=A", FOLIO_EFORMAT, NULL, 0, "after its '=' padding");
    expect(fx->res, NULL, "data:;base64,QUJDR===", FOLIO_EFORMAT, NULL, 0, "bad '=' padding");
    expect(fx->res, NULL, "data:;base64,QUJ==", FOLIO_EFORMAT, NULL, 0, "bad '=' padding");
    expect(fx->res, NULL, "data:;base64,Q", FOLIO_EFORMAT, NULL, 0, "bad '=' padding");
    expect(fx->res, NULL, "data:;base64,QUJDR", FOLIO_EFORMAT, NULL, 0, "bad '=' padding");
    expect(fx->res, NULL, "data:image/png;base64" PNG_BASE64, FOLIO_EFORMAT, NULL, 0,
           "broken data: URI: no ','");
    expect(fx->res, NULL, "data:image/png", FOLIO_EFORMAT, NULL, 0, "no ','");
}

static void test_size_limit_applies_to_files_and_data(void **state)
{
    fixture *fx = *state;
    folio_resolver *res = folio_resolver_new();
    folio_resolver_set_max_size(res, sizeof png_3x2);
    expect(res, fx->base, "a.png", FOLIO_OK, png_3x2, sizeof png_3x2, NULL);
    expect(res, NULL, "data:;base64," PNG_BASE64, FOLIO_OK, png_3x2, sizeof png_3x2, NULL);
    folio_resolver_set_max_size(res, sizeof png_3x2 - 1);
    expect(res, fx->base, "a.png", FOLIO_EIO, NULL, 0, "larger than the 72-byte limit");
    expect(res, NULL, "data:;base64," PNG_BASE64, FOLIO_EIO, NULL, 0, "larger than the 72-byte");
    folio_resolver_set_max_size(res, 4000);
    expect(res, fx->base, "a.png", FOLIO_OK, png_3x2, sizeof png_3x2, NULL);

    /* The default, against a sparse file a byte over 50 MB. */
    folio_resolver_set_max_size(res, 0);
    char path[512];
    snprintf(path, sizeof path, "%s/big.png", fx->p2);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, png_3x2, sizeof png_3x2), sizeof png_3x2);
    assert_int_equal(ftruncate(fd, (off_t)FOLIO_RESOURCE_MAX_DEFAULT + 1), 0);
    close(fd);
    folio_resolver_add_path(res, fx->p2);
    expect(res, NULL, "big.png", FOLIO_EIO, NULL, 0, "'big.png': is larger than the 50 MB limit");
    assert_int_equal(unlink(path), 0);
    folio_resolver_free(res);
}

static void test_refusal_in_the_input_folder_is_reported_over_not_found(void **state)
{
    fixture *fx = *state;
    /* Refused in the input's folder, missing elsewhere: the reason is the refusal. */
    expect(fx->res, fx->base, "fifo", FOLIO_EIO, NULL, 0, "FIFO");
    /* Refused in the input's folder, present in a resource folder: the file wins. */
    char path[512];
    snprintf(path, sizeof path, "%s/folder", fx->p1);
    put_file(fx->p1, "folder", "p1 folder", 9);
    expect(fx->res, fx->base, "folder", FOLIO_OK, "p1 folder", 9, NULL);
    assert_int_equal(unlink(path), 0);
}

#if defined(__linux__) && defined(SYS_openat2)
/* In a child: true when loading @ref from @dir gives @code. */
static bool child_expect(const fixture *fx, const char *ref, int code)
{
    folio_buf out = {0};
    int rc = folio_resolver_load(fx->res, fx->base, folio_str_c(ref), &out, NULL);
    folio_buf_free(&out);
    return rc == code;
}

/* Makes openat2 fail with @errno_value in this process, as container seccomp profiles do. */
static bool deny_openat2(int errno_value)
{
    struct sock_filter filter[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_openat2, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ((unsigned)errno_value & SECCOMP_RET_DATA)),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog prog = {.len = sizeof filter / sizeof filter[0], .filter = filter};
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
        prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) != 0)
        return false;
    return syscall(SYS_openat2, AT_FDCWD, ".", NULL, 0) == -1 && errno == errno_value;
}

/*
 * The real trigger of the walk, not the test hook: a kernel without openat2
 * (ENOSYS) or a seccomp filter that denies it (EPERM). Exit status 2 from
 * the child: the filter could not be installed here.
 */
static void test_walk_takes_over_when_the_kernel_denies_openat2(void **state)
{
    fixture *fx = *state;
    const int errnos[] = {ENOSYS, EPERM};
    for (size_t i = 0; i < 2; i++) {
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            unsetenv("FOLIO_NO_OPENAT2");
            if (!deny_openat2(errnos[i]))
                _exit(2);
            bool ok = child_expect(fx, "a.png", FOLIO_OK) &&
                      child_expect(fx, "sub/link-in.png", FOLIO_OK) &&
                      child_expect(fx, "sub/link-out.png", FOLIO_EIO) &&
                      child_expect(fx, "escape/outside.png", FOLIO_EIO) &&
                      child_expect(fx, "fifo", FOLIO_EIO) && child_expect(fx, "sock", FOLIO_EIO);
            _exit(ok ? 0 : 1);
        }
        int status;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        assert_true(WIFEXITED(status));
        if (WEXITSTATUS(status) == 2)
            skip();
        assert_int_equal(WEXITSTATUS(status), 0);
    }
}
#else
static void test_walk_takes_over_when_the_kernel_denies_openat2(void **state)
{
    (void)state;
    skip();
}
#endif

static folio_input input_in(const char *dir, const folio_resolver *res)
{
    return (folio_input){
        .size = sizeof(folio_input), .name = "article.json", .dir = dir, .resolver = res};
}

static void test_input_load_image_adds_the_resource_by_its_bytes(void **state)
{
    fixture *fx = *state;
    folio_input in = input_in(fx->base, fx->res);
    folio_doc *doc = folio_doc_new();
    folio_error err = {0};
    folio_str ref = folio_str_c("photo.jpg");
    assert_int_equal(folio_input_load_image(&in, doc, ref, &err), FOLIO_OK);
    const folio_resource *r = folio_doc_resource(doc, ref);
    assert_non_null(r);
    assert_string_equal(folio_resource_media_type(r), "image/png"); /* not image/jpeg */
    assert_int_equal(folio_resource_width(r), 3);
    assert_int_equal(folio_resource_height(r), 2);
    assert_int_equal(folio_resource_size(r), sizeof png_3x2);
    assert_memory_equal(folio_resource_data(r), png_3x2, sizeof png_3x2);
    /* Again: already there, nothing read. */
    assert_int_equal(folio_input_load_image(&in, doc, ref, &err), FOLIO_OK);
    assert_int_equal(folio_doc_resource_count(doc), 1);

    const char *svg = "data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'%20"
                      "width='10'%20height='5'/%3E";
    assert_int_equal(folio_input_load_image(&in, doc, folio_str_c(svg), &err), FOLIO_OK);
    r = folio_doc_resource(doc, folio_str_c(svg));
    assert_non_null(r);
    assert_string_equal(folio_resource_media_type(r), "image/svg+xml");
    assert_int_equal(folio_resource_width(r), 10);
    assert_int_equal(folio_resource_height(r), 5);
    assert_int_equal(folio_doc_resource_count(doc), 2);
    folio_doc_free(doc);
}

static void expect_image_error(const folio_input *in, const char *ref, int code,
                               const char *message)
{
    folio_doc *doc = folio_doc_new();
    folio_error err = {0};
    assert_int_equal(folio_input_load_image(in, doc, folio_str_c(ref), &err), code);
    assert_int_equal(err.code, code);
    if (!strstr(err.message, message))
        fail_msg("'%s' does not say '%s'", err.message, message);
    assert_int_equal(folio_doc_resource_count(doc), 0);
    assert_int_equal(folio_input_load_image(in, doc, folio_str_c(ref), NULL), code);
    folio_doc_free(doc);
}

static void test_input_load_image_names_the_image_in_its_errors(void **state)
{
    fixture *fx = *state;
    folio_input in = input_in(fx->base, fx->res);
    expect_image_error(&in, "notes.txt", FOLIO_EFORMAT,
                       "image 'notes.txt': not a PNG, JPEG, GIF, WebP or SVG image");
    expect_image_error(&in, "missing.png", FOLIO_EIO, "image 'missing.png': not found in ");
    expect_image_error(&in, "../outside.png", FOLIO_EIO,
                       "image '../outside.png': outside the input's folder");
    expect_image_error(&in, "http://example.com/a.png", FOLIO_EUNSUPPORTED,
                       "image 'http://example.com/a.png': refused: http: URLs are never fetched");
    expect_image_error(&in, "data:image/png;base64,@@", FOLIO_EFORMAT,
                       "image 'data:image/png;base64,@@': broken data: URI");
    folio_input none = input_in(fx->base, NULL);
    expect_image_error(&none, "a.png", FOLIO_EUNSUPPORTED, "image 'a.png': not loaded");
    expect_image_error(NULL, "a.png", FOLIO_EUNSUPPORTED, "no resolver");
    /* A caller built before .resolver existed cannot have set it. */
    folio_input old = input_in(fx->base, fx->res);
    old.size = (uint32_t)offsetof(folio_input, resolver);
    expect_image_error(&old, "a.png", FOLIO_EUNSUPPORTED, "no resolver");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_files_inside_the_folder_load),
        cmocka_unit_test(test_ways_out_of_the_folder_are_refused),
        cmocka_unit_test(test_devices_fifos_sockets_and_folders_are_refused),
        cmocka_unit_test(test_refused_files_are_never_opened_for_reading),
        cmocka_unit_test(test_missing_files_name_where_they_were_looked_for),
        cmocka_unit_test(test_resource_path_is_searched_in_order_after_the_input_folder),
        cmocka_unit_test(test_urls_are_refused_without_a_connection),
        cmocka_unit_test(test_data_uris_are_decoded),
        cmocka_unit_test(test_size_limit_applies_to_files_and_data),
        cmocka_unit_test(test_refusal_in_the_input_folder_is_reported_over_not_found),
        cmocka_unit_test(test_walk_takes_over_when_the_kernel_denies_openat2),
        cmocka_unit_test(test_input_load_image_adds_the_resource_by_its_bytes),
        cmocka_unit_test(test_input_load_image_names_the_image_in_its_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
