/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_FUZZ_HARNESS_H
#define FOLIO_FUZZ_HARNESS_H

#include <stddef.h>
#include <stdint.h>

/*
 * What every reader's libFuzzer harness shares (tests/fuzz/fuzz_<name>.c):
 *
 *     int LLVMFuzzerInitialize(int *argc, char ***argv) { return fuzz_init("txt"); }
 *     int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
 *     { return fuzz_read_and_write("txt", data, size); }
 *
 * Plugins come through the registry, from $FOLIO_PLUGIN_PATH or else the
 * build tree's plugin folders (FUZZ_PLUGIN_PATH, set by meson).
 */

/* Loads @reader and every plugin that writes, once per process, so that
 * their coverage counts from the first input. Exits when @reader is missing. */
int fuzz_init(const char *reader);

/*
 * Reads @size bytes at @data with @reader, then runs every writer on the
 * document into a sink that throws the bytes away. Aborts (a finding) when
 * a failure comes without a message or with a code that is no folio_status,
 * and when a warning has no message. Returns 0, as libFuzzer expects.
 */
int fuzz_read_and_write(const char *reader, const uint8_t *data, size_t size);

#endif
