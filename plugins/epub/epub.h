/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_EPUB_H
#define FOLIO_EPUB_H

#include <folio/plugin.h>

extern const folio_reader epub_reader;         /* read.c */
extern const folio_writer epub_writer;         /* write.c */
extern const folio_option_spec epub_options[]; /* write.c */

#endif
