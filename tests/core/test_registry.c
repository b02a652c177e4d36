/* SPDX-License-Identifier: MIT */
/* The registry against the test-only plugins of tests/fixtures. */
#include "test.h"

#include <dirent.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The built fixture plugin @name ("good"). */
static const char *fixture(const char *name)
{
    static char path[4096];
    const char *root = getenv("FOLIO_BUILD_ROOT");
    snprintf(path, sizeof path, "%s/tests/fixtures/%s.so", root ? root : ".", name);
    return path;
}

static const char *fixtures_dir(void)
{
    static char path[4096];
    const char *root = getenv("FOLIO_BUILD_ROOT");
    snprintf(path, sizeof path, "%s/tests/fixtures", root ? root : ".");
    return path;
}

/*
 * A temporary plugin directory holding "<link>.so" -> fixture "<target>.so"
 * for each "link=target" (or "name") in @specs, NULL-terminated.
 */
static char *make_dir(const char *const *specs)
{
    char *dir = strdup("/tmp/folio-registry-XXXXXX");
    assert_non_null(mkdtemp(dir));
    for (; *specs; specs++) {
        const char *eq = strchr(*specs, '=');
        char link[4200], target[64];
        snprintf(link, sizeof link, "%s/%.*s.so", dir, eq ? (int)(eq - *specs) : 64, *specs);
        snprintf(target, sizeof target, "%s", eq ? eq + 1 : *specs);
        assert_int_equal(symlink(fixture(target), link), 0);
    }
    return dir;
}

static void remove_dir(char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    const struct dirent *e;
    char path[4400];
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            assert_int_equal(unlink(path), 0);
        }
    }
    closedir(d);
    assert_int_equal(rmdir(dir), 0);
    free(dir);
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Loads @file and checks that it fails with @code, naming the file, then @reason. */
static void assert_rejected(const char *file, int code, const char *reason)
{
    folio_registry *reg = folio_registry_new(fixtures_dir());
    const folio_plugin_desc *desc = (const void *)1;
    folio_error err = {0};
    assert_int_equal(folio_registry_load_file(&desc, reg, file, &err), code);
    assert_int_equal(err.code, code);
    assert_null(desc);
    if (!starts_with(err.message, file) || !strstr(err.message, reason))
        fail_msg("message \"%s\" should start with %s and say \"%s\"", err.message, file, reason);
    folio_registry_free(reg);
}

static void test_registry_loads_a_valid_plugin_by_name(void **state)
{
    (void)state;
    folio_registry *reg = folio_registry_new(fixtures_dir());
    const folio_plugin_desc *desc;
    folio_error err = {0};
    assert_int_equal(
        folio_registry_load(&desc, reg, "good", FOLIO_CAN_READ | FOLIO_CAN_WRITE, &err), FOLIO_OK);
    assert_string_equal(desc->name, "good");
    assert_string_equal(folio_registry_file(reg, desc), fixture("good"));
    assert_string_equal(folio_registry_path(reg), fixtures_dir());
    folio_registry_free(reg);
}

static void test_registry_returns_the_same_desc_for_the_same_file(void **state)
{
    (void)state;
    char *dir = make_dir((const char *[]){"good", NULL});
    folio_registry *reg = folio_registry_new(fixtures_dir());
    const folio_plugin_desc *a, *b, *c;
    assert_int_equal(folio_registry_load(&a, reg, "good", 0, NULL), FOLIO_OK);
    assert_int_equal(folio_registry_load(&b, reg, "good", FOLIO_CAN_READ, NULL), FOLIO_OK);
    char link[4200];
    snprintf(link, sizeof link, "%s/good.so", dir);
    assert_int_equal(folio_registry_load_file(&c, reg, link, NULL), FOLIO_OK);
    assert_ptr_equal(a, b);
    assert_ptr_equal(a, c);
    assert_null(folio_registry_file(reg, (const folio_plugin_desc *)&reg));
    folio_registry_free(reg);
    remove_dir(dir);
}

static void test_registry_rejects_wrong_abi(void **state)
{
    (void)state;
    assert_rejected(fixture("bad_abi"), FOLIO_EPLUGIN, ": built for ABI 7, this folio has ABI 2");
}

static void test_registry_rejects_a_plugin_built_for_abi_1_naming_both_versions(void **state)
{
    (void)state;
    assert_int_equal(FOLIO_PLUGIN_ABI, 2);
    assert_rejected(fixture("abi_one"), FOLIO_EPLUGIN, ": built for ABI 1, this folio has ABI 2");
}

static void test_registry_rejects_an_extension_that_is_not_lower_case(void **state)
{
    (void)state;
    assert_rejected(fixture("upper_ext"), FOLIO_EPLUGIN, "extension 'TXT' is not lower-case");
}

static void test_registry_never_unloads_an_accepted_plugin(void **state)
{
    (void)state;
    folio_registry *reg = folio_registry_new(fixtures_dir());
    const folio_plugin_desc *desc;
    assert_int_equal(folio_registry_load_file(&desc, reg, fixture("good"), NULL), FOLIO_OK);
    folio_registry_free(reg);
    /* Still mapped: RTLD_NOLOAD finds it only while it is loaded. */
    void *handle = dlopen(fixture("good"), RTLD_NOW | RTLD_NOLOAD);
    assert_non_null(handle);
    dlclose(handle);
}

static void test_registry_unloads_a_rejected_plugin(void **state)
{
    (void)state;
    folio_registry *reg = folio_registry_new(fixtures_dir());
    const folio_plugin_desc *desc;
    assert_int_equal(folio_registry_load_file(&desc, reg, fixture("no_media"), NULL),
                     FOLIO_EPLUGIN);
    assert_null(dlopen(fixture("no_media"), RTLD_NOW | RTLD_NOLOAD));
    folio_registry_free(reg);
}

static void test_registry_rejects_a_library_without_the_symbol(void **state)
{
    (void)state;
    assert_rejected(fixture("no_symbol"), FOLIO_EPLUGIN, "no 'folio_plugin' symbol");
}

static void test_registry_rejects_a_reader_without_read_function(void **state)
{
    (void)state;
    assert_rejected(fixture("no_entry"), FOLIO_EPLUGIN, "reader has no read function");
}

static void test_registry_rejects_a_writer_without_write_function(void **state)
{
    (void)state;
    assert_rejected(fixture("no_write"), FOLIO_EPLUGIN, "writer has no write function");
}

static void test_registry_rejects_a_name_that_is_not_the_file_name(void **state)
{
    (void)state;
    assert_rejected(fixture("wrong_name"), FOLIO_EPLUGIN, "named 'other'");
}

static void test_registry_rejects_a_plugin_without_name(void **state)
{
    (void)state;
    assert_rejected(fixture("no_name"), FOLIO_EPLUGIN, "plugin has no name");
}

static void test_registry_rejects_a_plugin_that_neither_reads_nor_writes(void **state)
{
    (void)state;
    assert_rejected(fixture("no_sides"), FOLIO_EPLUGIN, "neither reader nor writer");
}

static void test_registry_rejects_a_writer_without_media_type(void **state)
{
    (void)state;
    assert_rejected(fixture("no_media"), FOLIO_EPLUGIN, "writer has no media type");
}

static void test_registry_rejects_a_writer_without_extensions(void **state)
{
    (void)state;
    assert_rejected(fixture("no_extensions"), FOLIO_EPLUGIN, "writer has no extension list");
}

static void test_registry_rejects_a_file_that_is_no_shared_object(void **state)
{
    (void)state;
    char dir[] = "/tmp/folio-registry-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char file[64];
    snprintf(file, sizeof file, "%s/text.so", dir);
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fputs("this is not an ELF file, whatever its name says\n", f);
    fclose(f);
    assert_rejected(file, FOLIO_EPLUGIN, ": ");
    assert_rejected(file, FOLIO_EPLUGIN, "text.so");
    unlink(file);
    rmdir(dir);
}

static void test_registry_rejects_a_missing_file(void **state)
{
    (void)state;
    assert_rejected("/nonexistent/folio/missing.so", FOLIO_EPLUGIN, "No such file");
}

static void test_registry_says_which_path_lacks_a_format(void **state)
{
    (void)state;
    folio_registry *reg = folio_registry_new("/nonexistent/a:/nonexistent/b");
    const folio_plugin_desc *desc;
    folio_error err = {0};
    assert_int_equal(folio_registry_load(&desc, reg, "good", 0, &err), FOLIO_EUNSUPPORTED);
    assert_string_equal(err.message,
                        "no plugin for format 'good' in /nonexistent/a:/nonexistent/b");
    folio_registry_free(reg);
}

/* A format name never leaves the plugin directories, whatever it holds. */
static void test_registry_refuses_names_that_are_not_format_names(void **state)
{
    (void)state;
    char *dir = make_dir((const char *[]){"good", NULL});
    char path[4200];
    snprintf(path, sizeof path, "%s/sub", dir);
    folio_registry *reg = folio_registry_new(path);
    const char *names[] = {"../good", "Good", "good/", "", "go od", "good.so", NULL};
    for (const char **n = names; *n; n++) {
        const folio_plugin_desc *desc;
        folio_error err = {0};
        assert_int_equal(folio_registry_load(&desc, reg, *n, 0, &err), FOLIO_EUNSUPPORTED);
        assert_non_null(strstr(err.message, "is not a format name"));
    }
    folio_registry_free(reg);
    remove_dir(dir);
}

static void test_registry_says_which_capability_is_missing(void **state)
{
    (void)state;
    folio_registry *reg = folio_registry_new(fixtures_dir());
    const folio_plugin_desc *desc;
    folio_error err = {0};
    assert_int_equal(folio_registry_load(&desc, reg, "weak", FOLIO_CAN_WRITE, &err),
                     FOLIO_EUNSUPPORTED);
    assert_null(desc);
    assert_true(starts_with(err.message, fixture("weak")));
    assert_true(ends_with(err.message, "weak.so cannot write"));
    assert_int_equal(folio_registry_load(&desc, reg, "weak", FOLIO_CAN_READ, &err), FOLIO_OK);
    folio_registry_free(reg);
}

/* The first directory that has the file decides, even when its plugin is bad. */
static void test_registry_takes_the_first_directory_that_has_the_file(void **state)
{
    (void)state;
    char *good = make_dir((const char *[]){"good", NULL});
    char *bad = make_dir((const char *[]){"good=bad_abi", NULL});
    char path[200];
    const folio_plugin_desc *desc;
    folio_error err = {0};
    snprintf(path, sizeof path, "/nonexistent:%s:%s", good, bad);
    folio_registry *reg = folio_registry_new(path);
    assert_int_equal(folio_registry_load(&desc, reg, "good", 0, &err), FOLIO_OK);
    folio_registry_free(reg);
    snprintf(path, sizeof path, "%s::%s", bad, good);
    reg = folio_registry_new(path);
    assert_int_equal(folio_registry_load(&desc, reg, "good", 0, &err), FOLIO_EPLUGIN);
    assert_true(starts_with(err.message, bad));
    folio_registry_free(reg);
    remove_dir(good);
    remove_dir(bad);
}

static void test_registry_path_comes_from_the_environment_and_replaces_the_default(void **state)
{
    (void)state;
    const char *saved = getenv("FOLIO_PLUGIN_PATH");
    char *copy = saved ? strdup(saved) : NULL;
    setenv("FOLIO_PLUGIN_PATH", "/nonexistent/one:/nonexistent/two", 1);
    folio_registry *reg = folio_registry_new(NULL);
    assert_string_equal(folio_registry_path(reg), "/nonexistent/one:/nonexistent/two");
    folio_registry_free(reg);
    reg = folio_registry_new("/given");
    assert_string_equal(folio_registry_path(reg), "/given");
    folio_registry_free(reg);
    unsetenv("FOLIO_PLUGIN_PATH");
    reg = folio_registry_new(NULL);
    assert_true(ends_with(folio_registry_path(reg), "/folio"));
    assert_null(strchr(folio_registry_path(reg), ':'));
    folio_registry_free(reg);
    if (copy)
        setenv("FOLIO_PLUGIN_PATH", copy, 1);
    free(copy);
}

static void test_registry_finds_plugins_by_extension(void **state)
{
    (void)state;
    char *dir = make_dir((const char *[]){"good", "weak", "bad_abi", NULL});
    folio_registry *reg = folio_registry_new(dir);
    const folio_plugin_desc *desc;
    folio_error err = {0};
    /* weak lists "good" too, but the plugin named like the extension comes first. */
    assert_int_equal(folio_registry_find_by_extension(&desc, reg, "a/x.GOOD", FOLIO_CAN_READ, &err),
                     FOLIO_OK);
    assert_string_equal(desc->name, "good");
    assert_int_equal(folio_registry_find_by_extension(&desc, reg, "x.wk", 0, &err), FOLIO_OK);
    assert_string_equal(desc->name, "weak");
    assert_int_equal(folio_registry_find_by_extension(&desc, reg, "x.gd", FOLIO_CAN_WRITE, &err),
                     FOLIO_OK);
    assert_string_equal(desc->name, "good");
    assert_int_equal(folio_registry_find_by_extension(&desc, reg, "x.weak", FOLIO_CAN_WRITE, &err),
                     FOLIO_EUNSUPPORTED);
    assert_true(ends_with(err.message, "weak.so cannot write"));
    assert_int_equal(folio_registry_find_by_extension(&desc, reg, "x.zzz", 0, &err),
                     FOLIO_EUNSUPPORTED);
    assert_non_null(strstr(err.message, "no plugin for extension '.zzz'"));
    assert_int_equal(folio_registry_find_by_extension(&desc, reg, "dir.d/noext", 0, &err),
                     FOLIO_EUNSUPPORTED);
    assert_int_equal(folio_registry_find_by_extension(&desc, reg, "x.bad_abi", 0, &err),
                     FOLIO_EPLUGIN);
    assert_true(starts_with(err.message, dir));
    folio_registry_free(reg);
    remove_dir(dir);
}

static void test_registry_sniffs_with_the_surest_reader(void **state)
{
    (void)state;
    char *dir = make_dir((const char *[]){"good", "weak", "no_symbol", NULL});
    folio_registry *reg = folio_registry_new(dir);
    const folio_plugin_desc *desc;
    static const unsigned char good[] = "GOOD\nline\n", other[] = "something else";
    assert_int_equal(folio_registry_sniff(&desc, reg, good, sizeof good - 1, NULL), FOLIO_OK);
    assert_string_equal(desc->name, "good");
    assert_int_equal(folio_registry_sniff(&desc, reg, other, sizeof other - 1, NULL), FOLIO_OK);
    assert_string_equal(desc->name, "weak");
    folio_registry_free(reg);
    remove_dir(dir);

    dir = make_dir((const char *[]){"good", NULL});
    reg = folio_registry_new(dir);
    folio_error err = {0};
    assert_int_equal(folio_registry_sniff(&desc, reg, other, sizeof other - 1, &err),
                     FOLIO_EUNSUPPORTED);
    assert_null(desc);
    assert_non_null(strstr(err.message, "recognises"));
    folio_registry_free(reg);
    remove_dir(dir);
}

struct seen {
    char names[8][32];
    bool valid[8];
    size_t count, stop_at;
};

static int record(const folio_plugin_desc *desc, const char *file, const folio_error *load_error,
                  void *ctx)
{
    struct seen *s = ctx;
    assert_true(s->count < 8);
    const char *base = strrchr(file, '/') + 1;
    snprintf(s->names[s->count], sizeof s->names[0], "%s", base);
    s->valid[s->count++] = desc != NULL;
    assert_true((desc == NULL) == (load_error != NULL));
    if (load_error)
        assert_true(starts_with(load_error->message, file));
    return s->count == s->stop_at ? 42 : 0;
}

static void test_registry_lists_each_format_once_in_name_order(void **state)
{
    (void)state;
    char *first = make_dir((const char *[]){"weak", "bad_abi", "good", NULL});
    char *second = make_dir((const char *[]){"good=bad_abi", "no_name", NULL});
    char path[200];
    snprintf(path, sizeof path, "%s:%s", first, second);
    folio_registry *reg = folio_registry_new(path);
    struct seen s = {0};
    assert_int_equal(folio_registry_foreach(reg, record, &s), 0);
    assert_int_equal(s.count, 4);
    const char *names[] = {"bad_abi.so", "good.so", "no_name.so", "weak.so"};
    const bool valid[] = {false, true, false, true};
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(s.names[i], names[i]);
        assert_int_equal(s.valid[i], valid[i]);
    }
    s = (struct seen){.stop_at = 2};
    assert_int_equal(folio_registry_foreach(reg, record, &s), 42);
    assert_int_equal(s.count, 2);
    folio_registry_free(reg);
    remove_dir(first);
    remove_dir(second);
}

static folio_doc *sample_doc(void)
{
    folio_doc *doc = folio_doc_new();
    folio_node *a = folio_doc_add_article(doc);
    folio_node_set_meta(a, FOLIO_META_TITLE, folio_str_c("Kim og Putin *møttes*"));
    folio_node_set_meta(a, FOLIO_META_DATE, folio_str_c("2023-09"));
    folio_node_add_author(a, folio_str_c("Kari Nordmann"));
    folio_node *p = folio_node_append_new(a, FOLIO_NODE_PARAGRAPH);
    folio_node_set_role(p, FOLIO_ROLE_LEAD);
    folio_node_append_text(p, "Nord-Koreas leder ", 18);
    folio_node_append_text(folio_node_append_new(p, FOLIO_NODE_STRONG), "Kim", 3);
    folio_node_append_text(p, " kom.", 5);
    folio_node *h = folio_node_append_new(a, FOLIO_NODE_HEADLINE);
    folio_node_append_text(h, "Isolert", 7);
    p = folio_node_append_new(a, FOLIO_NODE_PARAGRAPH);
    folio_node_set_role(p, FOLIO_ROLE_QUOTE);
    folio_node_append_text(p, "– Vi vil alltid", strlen("– Vi vil alltid"));
    folio_node_append_new(p, FOLIO_NODE_BREAK);
    folio_node_append_text(p, "stå sammen", strlen("stå sammen"));
    p = folio_node_append_new(a, FOLIO_NODE_PARAGRAPH);
    folio_node_append_text(p, "Ifølge ", strlen("Ifølge "));
    folio_node *link = folio_node_append_new(p, FOLIO_NODE_LINK);
    folio_node_set_href(link, folio_str_c("https://example.org/kcna"));
    folio_node_append_text(link, "KCNA", 4);
    folio_node_append_text(p, " og ", 4);
    folio_node_append_text(folio_node_append_new(p, FOLIO_NODE_EMPHASIS), "andre", 5);
    folio_node_append_text(p, ".", 1);
    return doc;
}

static void add_caption_list_byline(folio_node *a)
{
    folio_node *c = folio_node_append_new(a, FOLIO_NODE_CAPTION);
    folio_node_set_kicker(c, folio_str_c("GUIDET"));
    folio_node_append_text(c, "Kim fikk omvisning", strlen("Kim fikk omvisning"));
    folio_str parts[] = {folio_str_c("Ola"), folio_str_c("NTB")};
    folio_node_set_credit(c, folio_str_c("Foto"), folio_str_c("Ola / NTB"), parts, 2);
    folio_node_set_image(c, folio_str_c("images/kim.jpg"), folio_str_c("Kim"), 0, 0);
    folio_node *list = folio_node_append_new(a, FOLIO_NODE_LIST);
    folio_node_set_ordered(list, true);
    folio_node_append_text(folio_node_append_new(list, FOLIO_NODE_PARAGRAPH), "En", 2);
    folio_node_append_text(folio_node_append_new(list, FOLIO_NODE_PARAGRAPH), "To", 2);
    folio_node_append_text(folio_node_append_new(a, FOLIO_NODE_BYLINE), "Av Kari", 7);
    folio_node *credit = folio_node_append_new(a, FOLIO_NODE_CREDIT);
    folio_node_set_credit(credit, folio_str_n(NULL, 0), folio_str_c("NTB"), parts + 1, 1);
}

static const char expected_markdown[] = "# Kim og Putin \\*møttes\\*\n"
                                        "\n"
                                        "_Kari Nordmann · 2023-09_\n"
                                        "\n"
                                        "Nord-Koreas leder **Kim** kom.\n"
                                        "\n"
                                        "## Isolert\n"
                                        "\n"
                                        "> – Vi vil alltid\\\n"
                                        "> stå sammen\n"
                                        "\n"
                                        "Ifølge [KCNA](https://example.org/kcna) og _andre_.\n"
                                        "\n"
                                        "![Kim](images/kim.jpg)\n"
                                        "*GUIDET Kim fikk omvisning* (Foto: Ola / NTB)\n"
                                        "\n"
                                        "1. En\n"
                                        "2. To\n"
                                        "\n"
                                        "Av Kari\n"
                                        "\n"
                                        "NTB\n"
                                        "\n"
                                        "---\n"
                                        "\n"
                                        "# Second\n";

/* samples/plugin-example, built in the tree, loads and writes like any plugin. */
static void test_registry_loads_the_out_of_tree_example(void **state)
{
    (void)state;
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/example", fixtures_dir());
    folio_registry *reg = folio_registry_new(dir);
    const folio_plugin_desc *desc;
    folio_error err = {0};
    assert_int_equal(folio_registry_find_by_extension(&desc, reg, "out.md", FOLIO_CAN_WRITE, &err),
                     FOLIO_OK);
    assert_string_equal(desc->name, "markdown");
    assert_null(desc->reader);
    folio_doc *doc = sample_doc();
    add_caption_list_byline(folio_node_first_child(folio_doc_root(doc)));
    folio_node *second = folio_doc_add_article(doc);
    folio_node_set_meta(second, FOLIO_META_TITLE, folio_str_c("Second"));
    folio_buf out = {0};
    folio_sink sink = folio_buf_sink(&out);
    assert_int_equal(desc->writer->write(doc, &sink, NULL, &err), FOLIO_OK);
    assert_str_equal(folio_str_n(out.data, out.len), expected_markdown);
    folio_buf_free(&out);
    folio_doc_free(doc);
    folio_registry_free(reg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_registry_loads_a_valid_plugin_by_name),
        cmocka_unit_test(test_registry_returns_the_same_desc_for_the_same_file),
        cmocka_unit_test(test_registry_rejects_wrong_abi),
        cmocka_unit_test(test_registry_rejects_an_extension_that_is_not_lower_case),
        cmocka_unit_test(test_registry_never_unloads_an_accepted_plugin),
        cmocka_unit_test(test_registry_unloads_a_rejected_plugin),
        cmocka_unit_test(test_registry_rejects_a_plugin_built_for_abi_1_naming_both_versions),
        cmocka_unit_test(test_registry_rejects_a_library_without_the_symbol),
        cmocka_unit_test(test_registry_rejects_a_reader_without_read_function),
        cmocka_unit_test(test_registry_rejects_a_writer_without_write_function),
        cmocka_unit_test(test_registry_rejects_a_name_that_is_not_the_file_name),
        cmocka_unit_test(test_registry_rejects_a_plugin_without_name),
        cmocka_unit_test(test_registry_rejects_a_plugin_that_neither_reads_nor_writes),
        cmocka_unit_test(test_registry_rejects_a_writer_without_media_type),
        cmocka_unit_test(test_registry_rejects_a_writer_without_extensions),
        cmocka_unit_test(test_registry_rejects_a_file_that_is_no_shared_object),
        cmocka_unit_test(test_registry_rejects_a_missing_file),
        cmocka_unit_test(test_registry_says_which_path_lacks_a_format),
        cmocka_unit_test(test_registry_refuses_names_that_are_not_format_names),
        cmocka_unit_test(test_registry_says_which_capability_is_missing),
        cmocka_unit_test(test_registry_takes_the_first_directory_that_has_the_file),
        cmocka_unit_test(test_registry_path_comes_from_the_environment_and_replaces_the_default),
        cmocka_unit_test(test_registry_finds_plugins_by_extension),
        cmocka_unit_test(test_registry_sniffs_with_the_surest_reader),
        cmocka_unit_test(test_registry_lists_each_format_once_in_name_order),
        cmocka_unit_test(test_registry_loads_the_out_of_tree_example),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
