/* SPDX-License-Identifier: MIT */
#include "test.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"

/* tests/lang/<tag>-<name>.txt: articles of 100 words or more, and how many
   each language must have, so an emptied directory cannot pass. */
static const struct {
    const char *tag;
    int min;
} langs[] = {{"nb", 4}, {"nn", 3}, {"da", 3}, {"sv", 3}, {"de", 2},
             {"en", 2}, {"fr", 2}, {"es", 2}, {"fi", 2}, {"nl", 2}};

/* A Bokmål paragraph of 27 words, cut shorter by the tests. */
static const char para[] = "Regjeringen vil bruke mer penger på jernbanen neste år, og "
                           "samferdselsministeren sier at de nye togene skal settes i trafikk "
                           "allerede i løpet av våren, ifølge NTB.";

static void expect_tag(const char *relpath, const char *tag)
{
    size_t len;
    char *text = test_read_file(relpath, &len);
    char got[16];
    memset(got, 'x', sizeof(got));
    bool ok = txt_lang_detect(text, len, got);
    if (!ok || strcmp(got, tag) != 0)
        fail_msg("%s: expected %s, got %s", relpath, tag, ok ? got : "false");
    free(text);
}

static void test_lang_names_every_article(void **state)
{
    (void)state;
    int count[sizeof(langs) / sizeof(langs[0])] = {0};
    DIR *dir = opendir(test_source_path("tests/lang"));
    assert_non_null(dir);
    for (struct dirent *e; (e = readdir(dir)) != NULL;) {
        const char *dash = strchr(e->d_name, '-');
        if (e->d_name[0] == '.' || !dash || !strstr(e->d_name, ".txt"))
            continue;
        size_t i = 0;
        while (i < sizeof(langs) / sizeof(langs[0]) &&
               (strlen(langs[i].tag) != (size_t)(dash - e->d_name) ||
                strncmp(langs[i].tag, e->d_name, (size_t)(dash - e->d_name)) != 0))
            i++;
        if (i == sizeof(langs) / sizeof(langs[0]))
            fail_msg("tests/lang/%s: no such candidate language", e->d_name);
        char rel[300];
        snprintf(rel, sizeof(rel), "tests/lang/%s", e->d_name);
        expect_tag(rel, langs[i].tag);
        count[i]++;
    }
    closedir(dir);
    for (size_t i = 0; i < sizeof(langs) / sizeof(langs[0]); i++) {
        if (count[i] < langs[i].min)
            fail_msg("tests/lang: %d %s articles, want %d", count[i], langs[i].tag, langs[i].min);
    }
}

static void test_lang_tells_bokmal_sample_from_danish(void **state)
{
    (void)state;
    /* The spec's sample, which libexttextcat alone calls Danish. */
    expect_tag("tests/lang/nb-sample.txt", "nb");
}

static void test_lang_refuses_empty_text(void **state)
{
    (void)state;
    char tag[16];
    assert_false(txt_lang_detect("", 0, tag));
    assert_false(txt_lang_detect(" \n\t\n ", 5, tag));
}

static void test_lang_refuses_fewer_than_min_words(void **state)
{
    (void)state;
    char tag[16];
    assert_true(txt_lang_detect(para, strlen(para), tag));
    assert_string_equal(tag, "nb");
    /* Up to "i" in "i trafikk": 19 words. @len, not the NUL, ends the text. */
    const char *cut = strstr(para, " trafikk");
    assert_false(txt_lang_detect(para, (size_t)(cut - para), tag));
    assert_false(txt_lang_detect("Kim og Putin møttes onsdag.", 27, tag));
}

static void test_lang_refuses_invalid_utf8(void **state)
{
    (void)state;
    size_t len;
    char *text = test_read_file("tests/lang/nb-1.txt", &len);
    char tag[16];
    assert_true(txt_lang_detect(text, len, tag));
    /* ISO-8859-1 'ø' in the middle of the article. */
    text[len / 2] = (char)0xF8;
    assert_false(txt_lang_detect(text, len, tag));
    /* An overlong '/' and a UTF-16 surrogate are not UTF-8 either. */
    memcpy(text + len / 2, "\xC0\xAF", 2);
    assert_false(txt_lang_detect(text, len, tag));
    memcpy(text + len / 2, "\xED\xA0\x80", 3);
    assert_false(txt_lang_detect(text, len, tag));
    free(text);
}

static void test_lang_refuses_junk(void **state)
{
    (void)state;
    char junk[600];
    size_t n = 0;
    /* Table-like rows: a few letters among many digits and signs. */
    while (n + 30 < sizeof(junk))
        n += (size_t)snprintf(junk + n, sizeof(junk) - n, "%zu x 4711 / 0.%zu = %zu;\n", n, n * 7,
                              n * 13);
    char tag[16];
    assert_false(txt_lang_detect(junk, n, tag));
    /* Control bytes and symbols: valid UTF-8, but no words. */
    for (size_t i = 0; i < sizeof(junk); i++)
        junk[i] = (char)(1 + i % 31);
    assert_false(txt_lang_detect(junk, sizeof(junk), tag));
    const char arrows[] = "→ ← ↑ ↓ ★ ☆ ■ □ → ← ↑ ↓ ★ ☆ ■ □ → ← ↑ ↓ ★ ☆ ■ □ → ← ↑ ↓ ★ ☆";
    assert_false(txt_lang_detect(arrows, strlen(arrows), tag));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lang_names_every_article),
        cmocka_unit_test(test_lang_tells_bokmal_sample_from_danish),
        cmocka_unit_test(test_lang_refuses_empty_text),
        cmocka_unit_test(test_lang_refuses_fewer_than_min_words),
        cmocka_unit_test(test_lang_refuses_invalid_utf8),
        cmocka_unit_test(test_lang_refuses_junk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
