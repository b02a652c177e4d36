/* SPDX-License-Identifier: MIT */
/* The checks of the command's own arguments: -M values and sizes. */
#include "cli.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* @n digits at @s, as a number; -1 when any of them is not a digit. */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static int days_in(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

/* "Z", "+hh:mm", "-hhmm", "+hh", or nothing: the end of a date-time. */
static bool zone(const char *s)
{
    if (*s == 'Z')
        return s[1] == '\0';
    if (*s != '+' && *s != '-')
        return *s == '\0';
    int h = digits(s + 1, 2), m = 0;
    const char *rest = s + 3;
    if (h >= 0 && *rest == ':')
        rest++;
    if (h >= 0 && *rest) {
        m = digits(rest, 2);
        rest += 2;
    }
    return h >= 0 && h <= 23 && m >= 0 && m <= 59 && *rest == '\0';
}

/* "Thh:mm", "Thh:mm:ss", "Thh:mm:ss.fff", each with an optional zone. */
static bool time_of_day(const char *s)
{
    int h = digits(s, 2), m = s[2] == ':' ? digits(s + 3, 2) : -1;
    if (h < 0 || h > 23 || m < 0 || m > 59)
        return false;
    s += 5;
    if (*s == ':') {
        int sec = digits(s + 1, 2);
        if (sec < 0 || sec > 60) /* 60: a leap second */
            return false;
        s += 3;
        if (*s == '.' || *s == ',') {
            const char *frac = ++s;
            while (*s >= '0' && *s <= '9')
                s++;
            if (s == frac)
                return false;
        }
    }
    return zone(s);
}

bool cli_is_date(const char *s)
{
    int year = digits(s, 4);
    if (year < 0 || (s[4] != '\0' && s[4] != '-'))
        return false;
    if (s[4] == '\0')
        return true;
    int month = digits(s + 5, 2);
    if (month < 1 || month > 12 || (s[7] != '\0' && s[7] != '-'))
        return false;
    if (s[7] == '\0')
        return true;
    int day = digits(s + 8, 2);
    if (day < 1 || day > days_in(year, month))
        return false;
    if (s[10] == '\0')
        return true;
    return (s[10] == 'T' || s[10] == 't' || s[10] == ' ') && time_of_day(s + 11);
}

/* The length of the subtag at @s, made of letters and digits only. */
static size_t subtag(const char *s, bool *alpha, bool *digit)
{
    size_t n = 0;
    *alpha = *digit = true;
    for (; isalnum((unsigned char)s[n]); n++) {
        if (isdigit((unsigned char)s[n]))
            *alpha = false;
        else
            *digit = false;
    }
    return n;
}

/* What may follow the language subtag: extlang, script, region, variants, extensions. */
enum { AFTER_LANGUAGE, AFTER_EXTLANG, AFTER_SCRIPT, AFTER_REGION, IN_EXTENSION, PRIVATE };

static int next_state(int state, size_t n, bool alpha, bool digit, const char *s)
{
    if (state == PRIVATE)
        return n <= 8 ? PRIVATE : -1;
    if (n == 1)
        return tolower((unsigned char)*s) == 'x' ? PRIVATE : IN_EXTENSION;
    if (state == IN_EXTENSION)
        return n <= 8 ? IN_EXTENSION : -1;
    if (state == AFTER_LANGUAGE && n == 3 && alpha)
        return AFTER_EXTLANG;
    if (state <= AFTER_EXTLANG && n == 4 && alpha)
        return AFTER_SCRIPT;
    if (state <= AFTER_SCRIPT && ((n == 2 && alpha) || (n == 3 && digit)))
        return AFTER_REGION;
    if ((n >= 5 && n <= 8) || (n == 4 && isdigit((unsigned char)*s)))
        return AFTER_REGION; /* a variant */
    return -1;
}

/*
 * RFC 5646's syntax, with the primary language limited to the two- and
 * three-letter codes of ISO 639 (the longer forms are reserved and none is
 * registered) and private use ("x-...") allowed: "nb", "en-GB", "zh-Hant-TW",
 * "de-CH-1996", "tlh" pass; "klingon", "en_GB" and "english" do not.
 */
bool cli_is_language(const char *s)
{
    bool alpha, digit;
    size_t n = subtag(s, &alpha, &digit);
    int state;
    if (n == 1 && tolower((unsigned char)*s) == 'x')
        state = PRIVATE;
    else if ((n == 2 || n == 3) && alpha)
        state = AFTER_LANGUAGE;
    else
        return false;
    bool empty_private = state == PRIVATE;
    for (s += n; *s == '-'; s += n) {
        n = subtag(++s, &alpha, &digit);
        if (n == 0 || (state = next_state(state, n, alpha, digit, s)) < 0)
            return false;
        empty_private = state == PRIVATE && n == 1;
    }
    return *s == '\0' && !empty_private;
}

bool cli_parse_size(const char *s, size_t *out)
{
    char *end;
    if (*s < '0' || *s > '9')
        return false;
    unsigned long long n = strtoull(s, &end, 10);
    unsigned long long unit = 1;
    if (*end && strchr("kK", *end))
        unit = 1000;
    else if (*end && strchr("mM", *end))
        unit = 1000 * 1000;
    else if (*end && strchr("gG", *end))
        unit = 1000 * 1000 * 1000;
    if ((unit > 1 ? end[1] : *end) != '\0' || n == 0 || n > SIZE_MAX / unit)
        return false;
    *out = (size_t)(n * unit);
    return true;
}
