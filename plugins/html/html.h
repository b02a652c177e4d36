/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_HTML_H
#define FOLIO_HTML_H

#include <folio/plugin.h>

extern const folio_reader html_reader;         /* read.c */
extern const folio_writer html_writer;         /* write.c */
extern const folio_option_spec html_options[]; /* write.c */

#endif
