/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_COMMON_H
#define FOLIO_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FOLIO_API __attribute__((visibility("default")))

#if defined(__GNUC__)
#define FOLIO_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define FOLIO_PRINTF(fmt, args)
#endif

/** Version of the library and of the `folio` command. */
#define FOLIO_VERSION "0.1.0"

/**
 * A borrowed view of UTF-8 text: @data is not NUL-terminated unless said so.
 * A view with @data == NULL means "absent" (a caption without kicker); an
 * empty but present value has @data != NULL and @len == 0.
 */
typedef struct folio_str {
    const char *data;
    size_t len;
} folio_str;

/** Result of every function that can fail: FOLIO_OK or a negative code. */
typedef enum folio_status {
    FOLIO_OK = 0,
    FOLIO_ERROR = -1,        /* a failure none of the codes below names (a library call failed) */
    FOLIO_ENOMEM = -2,       /* reserved: out of memory aborts in folio_oom() */
    FOLIO_EIO = -3,          /* a file or stream could not be read or written */
    FOLIO_EFORMAT = -4,      /* the input breaks the format's rules */
    FOLIO_EUNSUPPORTED = -5, /* no plugin or no capability for the request */
    FOLIO_EPLUGIN = -6,      /* a plugin could not be loaded or is invalid */
    FOLIO_EOPTION = -7,      /* a bad option value, key or argument: the caller's mistake */
} folio_status;

/** A view of a NUL-terminated string; NULL gives an absent view. */
static inline folio_str folio_str_c(const char *s)
{
    folio_str v = {s, 0};
    if (s) {
        while (s[v.len])
            v.len++;
    }
    return v;
}

/** The view of @len bytes at @data. */
static inline folio_str folio_str_n(const char *data, size_t len)
{
    folio_str v = {data, len};
    return v;
}

/** True when @s holds a value (possibly empty). */
static inline bool folio_str_present(folio_str s)
{
    return s.data != NULL;
}

/** True when @a and @b hold the same bytes; two absent views are equal. */
FOLIO_API bool folio_str_equal(folio_str a, folio_str b);

/** True when @s holds exactly the bytes of the NUL-terminated @c. */
FOLIO_API bool folio_str_equal_c(folio_str s, const char *c);

/** The library's version string, FOLIO_VERSION at build time. */
FOLIO_API const char *folio_version(void);

/**
 * Reports that memory ran out ("folio: out of memory" on stderr) and ends
 * the process: through the handler set with folio_oom_set_handler(), else
 * abort(). Builders call it instead of returning errors (cmark's policy),
 * so they cannot fail.
 */
FOLIO_API _Noreturn void folio_oom(void);

/**
 * Sets the function folio_oom() calls after its message instead of
 * abort(), for a program that would rather exit with a status of its own
 * (the `folio` command exits with 4). @handler must not return; if it
 * does, folio_oom() aborts. NULL restores abort(). Set it once, before
 * any other call into folio.
 */
FOLIO_API void folio_oom_set_handler(void (*handler)(void));

#endif
