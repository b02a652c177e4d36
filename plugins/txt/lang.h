/* SPDX-License-Identifier: MIT */
#ifndef TXT_LANG_H
#define TXT_LANG_H

#include <stdbool.h>
#include <stddef.h>

/**
 * Detects the language of UTF-8 @text; writes a BCP 47 tag ("nb") to @tag
 * and returns true, or returns false when the text is too short or unclear.
 *
 * Candidates: nb, nn, da, sv, de, en, fr, es, fi, nl. False for fewer than
 * TXT_LANG_MIN_WORDS words, for bytes that are not UTF-8, for text that is
 * mostly not letters, and when two candidates score too close to call.
 * Reads fingerprint files, so it also returns false if they are missing.
 * Keeps no state between calls.
 */
bool txt_lang_detect(const char *text, size_t len, char tag[16]);

/** Below this many words txt_lang_detect() does not guess. */
#define TXT_LANG_MIN_WORDS 20

#endif
