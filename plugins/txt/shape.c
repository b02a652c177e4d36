/* SPDX-License-Identifier: MIT */
#include "txt.h"

#include <string.h>

/*
 * Tables, fact boxes and the lists inside fact boxes (docs/text-format.md,
 * sections 10 and 11): the marks both the reader and the writer go by.
 * Every function sees normalised lines: trimmed, runs of spaces made one.
 */

/* Section 11: the words that may open a table's caption line, case as written. */
static const char *const table_labels[] = {"Tabell", "Tabel", "Tabelle", "Table", NULL};

/* Section 10: the words that open a fact box, upper case as written. */
static const char *const box_labels[] = {"FAKTA", "FAKTEN", "FACTS", NULL};

/* A language's own word from @labels: [0] Scandinavian, [1] Danish, [2] German, [3] else. */
static const char *label_for(folio_str lang, const char *const by_lang[4])
{
    static const char *const scandinavian[] = {"nb", "nn", "no", "sv", NULL};
    size_t n = lang.len;
    for (size_t i = 0; i < lang.len; i++) {
        if (lang.data[i] == '-' || lang.data[i] == '_') {
            n = i;
            break;
        }
    }
    for (const char *const *l = scandinavian; *l; l++) {
        if (n == strlen(*l) && memcmp(lang.data, *l, n) == 0)
            return by_lang[0];
    }
    if (n == 2 && memcmp(lang.data, "da", 2) == 0)
        return by_lang[1];
    if (n == 2 && memcmp(lang.data, "de", 2) == 0)
        return by_lang[2];
    return by_lang[3];
}

const char *txt_table_label(folio_str lang)
{
    static const char *const by_lang[4] = {"Tabell", "Tabel", "Tabelle", "Table"};
    return label_for(lang, by_lang);
}

const char *txt_box_label(folio_str lang)
{
    static const char *const by_lang[4] = {"FAKTA", "FAKTA", "FAKTEN", "FACTS"};
    return label_for(lang, by_lang);
}

/* "Label:" then nothing, or a space and the rest, which goes to *@rest
 * (absent when there is none). */
static bool labelled(const char *s, size_t len, const char *const *labels, folio_str *rest)
{
    /* Asked of every one-line block: let the first byte turn most away. */
    for (const char *const *l = labels; *l && len > 0; l++) {
        if (s[0] != (*l)[0])
            continue;
        size_t n = strlen(*l);
        if (len < n + 1 || memcmp(s, *l, n) != 0 || s[n] != ':')
            continue;
        if (len == n + 1) {
            *rest = folio_str_n(NULL, 0);
            return true;
        }
        if (s[n + 1] == ' ') {
            *rest = folio_str_n(s + n + 2, len - n - 2);
            return true;
        }
    }
    return false;
}

bool txt_table_caption(const char *s, size_t len, folio_str *caption)
{
    if (!labelled(s, len, table_labels, caption))
        return false;
    /* "Tabell:" alone is an empty caption, not none: none has no line. */
    if (!caption->data)
        *caption = folio_str_n(s + len, 0);
    return true;
}

bool txt_box_opener(const char *s, size_t len, folio_str *title)
{
    return labelled(s, len, box_labels, title);
}

bool txt_box_closer(const char *s, size_t len)
{
    if (len < 3)
        return false;
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '-')
            return false;
    }
    return true;
}

static bool is_row_line(const char *s, size_t len)
{
    return len > 0 && s[0] == '|' && s[len - 1] == '|';
}

/* The byte at @i of @s, 0 past its end. */
static char byte_at(const char *s, size_t len, size_t i)
{
    return i < len ? s[i] : '\0';
}

bool txt_table_rule(const char *s, size_t len)
{
    if (len < 2 || !is_row_line(s, len))
        return false;
    for (size_t i = 1; i < len; i++) {
        i += byte_at(s, len, i) == ' ';
        i += byte_at(s, len, i) == ':';
        size_t dashes = 0;
        for (; byte_at(s, len, i) == '-'; i++)
            dashes++;
        i += byte_at(s, len, i) == ':';
        i += byte_at(s, len, i) == ' ';
        if (dashes < 3 || byte_at(s, len, i) != '|')
            return false;
    }
    return true;
}

bool txt_table_cell(char *s, size_t len, size_t *at, folio_str *cell)
{
    size_t i = *at;
    if (i >= len)
        return false;
    char *o = s + i;
    const char *start = o;
    for (; i < len && s[i] != '|'; i++) {
        /* Section 11: "\|" stands for '|' and "\\" for '\'; any other '\' is itself. */
        if (s[i] == '\\' && i + 1 < len && (s[i + 1] == '|' || s[i + 1] == '\\'))
            i++;
        *o++ = s[i];
    }
    if (i == len)
        return false;
    const char *end = o;
    while (start < end && *start == ' ')
        start++;
    while (end > start && end[-1] == ' ')
        end--;
    *cell = folio_str_n(start, (size_t)(end - start));
    *at = i + 1;
    return true;
}

size_t txt_list_marker(const char *s, size_t len, unsigned number)
{
    size_t n = 0;
    if (number == 0) {
        if (len >= 3 && memcmp(s, "\xE2\x80\xA2", 3) == 0)
            n = 3;
        else if (len >= 1 && s[0] == '*')
            n = 1;
    } else {
        /* "@number." by hand: this runs for every block that opens with a
         * digit, where snprintf() would cost more than the rest. */
        char digits[16];
        size_t d = sizeof digits;
        digits[--d] = '.';
        do
            digits[--d] = (char)('0' + number % 10);
        while ((number /= 10) > 0);
        size_t k = sizeof digits - d;
        if (len >= k && memcmp(s, digits + d, k) == 0)
            n = k;
    }
    /* The marker ends the line, or a space follows it. */
    if (n == 0 || (n < len && s[n] != ' ' && s[n] != '\n'))
        return 0;
    return n < len && s[n] == ' ' ? n + 1 : n;
}

/* The next line of @s from *@at, and where the one after starts. */
static folio_str line_at(const char *s, size_t len, size_t *at)
{
    const char *p = s + *at, *nl = memchr(p, '\n', len - *at);
    size_t n = nl ? (size_t)(nl - p) : len - *at;
    *at += n + (nl != NULL);
    return folio_str_n(p, n);
}

static bool is_table(const char *s, size_t len)
{
    size_t at = 0, rows = 0;
    folio_str caption;
    folio_str l = line_at(s, len, &at);
    if (!is_row_line(l.data, l.len) && !txt_table_caption(l.data, l.len, &caption))
        return false;
    rows += is_row_line(l.data, l.len);
    while (at < len) {
        l = line_at(s, len, &at);
        if (!is_row_line(l.data, l.len))
            return false;
        rows++;
    }
    return rows > 0;
}

/* Section 10: a bullet list opens with a bullet; a numbered one with "1."
 * and has a "2." line, since "1. mai" opens many a sentence. */
static bool is_list(const char *s, size_t len)
{
    if (txt_list_marker(s, len, 0))
        return true;
    if (!txt_list_marker(s, len, 1))
        return false;
    for (size_t at = 0; at < len;) {
        folio_str l = line_at(s, len, &at);
        if (txt_list_marker(l.data, l.len, 2))
            return true;
    }
    return false;
}

txt_shape txt_shape_of(const char *s, size_t len)
{
    /* Almost every block is prose: let its first bytes say so at once. */
    if (len > 0 && (s[0] == '|' || s[0] == 'T'))
        return is_table(s, len) ? TXT_SHAPE_TABLE : TXT_SHAPE_TEXT;
    if (len > 0 && (s[0] == '*' || s[0] == '1' || (len >= 3 && memcmp(s, "\xE2\x80\xA2", 3) == 0)))
        return is_list(s, len) ? TXT_SHAPE_LIST : TXT_SHAPE_TEXT;
    return TXT_SHAPE_TEXT;
}
