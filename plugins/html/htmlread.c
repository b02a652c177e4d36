/* SPDX-License-Identifier: MIT */
#include "hr.h"

#include <libxml/parser.h>
#include <string.h>

/*
 * libxml2 sets up its globals (the thread keys, the dictionaries' mutex) on
 * first use, and that first use must not race another thread's: its docs
 * ask threaded programs to call xmlInitParser() before they parse. A
 * module with this reader in it does so when it is loaded: dlopen() runs
 * this once, under its lock, before any thread can call into the module
 * (`folio -j` loads epub.so before its threads start; html.so opens the
 * reader's module on first use).
 */
__attribute__((constructor)) static void init_libxml(void)
{
    xmlInitParser();
}

/*
 * The entry points: the page's character encoding, the parse, the walk.
 * An encoding is what the page declares (a byte-order mark, then a
 * <meta charset> in its first 1024 bytes, as HTML5 prescans), else UTF-8
 * when the bytes are valid UTF-8, else Windows-1252, which browsers also
 * read ISO-8859-1 and ASCII pages as.
 */

#define PRESCAN 1024

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

static const char *find_ci(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++) {
        size_t k = 0;
        while (k < n && lower(s[i + k]) == needle[k])
            k++;
        if (k == n)
            return s + i;
    }
    return NULL;
}

/* The charset a <meta> in the first bytes declares, into @out; false if none. */
static bool declared_charset(const unsigned char *data, size_t len, char *out, size_t cap)
{
    const char *s = (const char *)data;
    size_t n = len < PRESCAN ? len : PRESCAN;
    for (const char *m = find_ci(s, n, "<meta"); m;
         m = find_ci(m + 5, n - (size_t)(m + 5 - s), "<meta")) {
        const char *end = memchr(m, '>', n - (size_t)(m - s));
        const char *cs = find_ci(m, (size_t)((end ? end : s + n) - m), "charset=");
        if (!cs)
            continue;
        cs += 8;
        while (cs < s + n && (*cs == '"' || *cs == '\'' || *cs == ' '))
            cs++;
        size_t k = 0;
        while (k + 1 < cap && cs + k < s + n && !strchr("\"'; />", cs[k]))
            k++;
        for (size_t i = 0; i < k; i++)
            out[i] = lower(cs[i]);
        out[k] = '\0';
        return k > 0;
    }
    return false;
}

static bool is_utf8_name(const char *name)
{
    return strcmp(name, "utf-8") == 0 || strcmp(name, "utf8") == 0;
}

/* HTML5's table of labels: these are all read as Windows-1252. */
static bool is_1252_name(const char *name)
{
    static const char *const names[] = {"iso-8859-1", "iso8859-1",  "latin1", "l1",
                                        "us-ascii",   "ascii",      "cp1252", "windows-1252",
                                        "x-cp1252",   "iso_8859-1", "cp819",  NULL};
    for (const char *const *n = names; *n; n++) {
        if (strcmp(name, *n) == 0)
            return true;
    }
    return false;
}

/* Bad bytes of a page that says it is UTF-8 become U+FFFD, as in a browser. */
static size_t repair_utf8(const unsigned char *data, size_t len, folio_buf *out)
{
    size_t bad = 0, i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && data[j] < 0x80)
            j++;
        folio_buf_append(out, data + i, j - i);
        if (j >= len)
            break;
        size_t n = data[j] >= 0xF0 ? 4 : data[j] >= 0xE0 ? 3 : 2;
        if (data[j] >= 0xC2 && j + n <= len && hr_utf8_valid(data + j, n)) {
            folio_buf_append(out, data + j, n);
            i = j + n;
        } else {
            folio_buf_append(out, "\xEF\xBF\xBD", 3);
            bad++;
            i = j + 1;
        }
    }
    return bad;
}

/* The page's charset: a byte-order mark (skipped), a declaration, else
 * UTF-8 when valid, else Windows-1252. Lower case; may be @name. */
static const char *page_charset(const unsigned char **data, size_t *len, char *name, bool *valid)
{
    const unsigned char *d = *data;
    *valid = false;
    if (*len >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF) {
        *data += 3;
        *len -= 3;
        return "utf-8";
    }
    if (*len >= 2 && ((d[0] == 0xFF && d[1] == 0xFE) || (d[0] == 0xFE && d[1] == 0xFF))) {
        *data += 2;
        *len -= 2;
        return d[0] == 0xFF ? "utf-16le" : "utf-16be";
    }
    if (declared_charset(d, *len, name, 40))
        return is_utf8_name(name) ? "utf-8" : is_1252_name(name) ? "windows-1252" : name;
    *valid = hr_utf8_valid(d, *len);
    return *valid ? "utf-8" : "windows-1252";
}

/* Points *@data at the page as UTF-8, converted into @conv where it is not. */
static void to_utf8(const unsigned char **data, size_t *len, folio_buf *conv,
                    const htmlread_config *cfg)
{
    char name[40];
    bool valid;
    const char *charset = page_charset(data, len, name, &valid);
    size_t bad = 0;
    if (strcmp(charset, "utf-8") == 0) {
        if (valid || hr_utf8_valid(*data, *len))
            return;
        bad = repair_utf8(*data, *len, conv);
    } else if (hr_to_utf8(*data, *len, charset, conv, &bad) < 0) {
        folio_warn(cfg->opts, "unknown charset '%s': read as UTF-8 or Windows-1252", charset);
        if (hr_utf8_valid(*data, *len))
            return;
        hr_to_utf8(*data, *len, "windows-1252", conv, &bad);
    }
    if (bad > 0)
        folio_warn(cfg->opts, "replaced %zu invalid %s sequences with U+FFFD", bad,
                   strcmp(charset, "utf-8") == 0 ? "UTF-8" : charset);
    *data = (const unsigned char *)conv->data;
    *len = conv->len;
}

int htmlread_parse(folio_doc *doc, const unsigned char *data, size_t len,
                   const htmlread_config *cfg, folio_error *err)
{
    htree tree = {0};
    folio_buf fixed = {0};
    if (!cfg->xhtml)
        to_utf8(&data, &len, &fixed, cfg);
    int rc = hr_tree_parse(&tree, data, len, cfg, err);
    if (rc == FOLIO_OK)
        rc = hr_extract(&tree, doc, cfg, err);
    hr_tree_free(&tree);
    folio_buf_free(&fixed);
    if (rc < 0 && cfg->entry)
        folio_error_set_source(err, cfg->entry);
    return rc;
}

int htmlread_sniff(const unsigned char *data, size_t len)
{
    const char *s = (const char *)data;
    size_t n = len < 512 ? len : 512, i = 0;
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t'))
        i++;
    if (find_ci(s + i, n - i, "<!doctype html") == s + i)
        return 100;
    if (find_ci(s + i, n - i, "<html") == s + i)
        return 90;
    if (find_ci(s + i, n - i, "<html") || find_ci(s + i, n - i, "<head"))
        return 80;
    return 0;
}
