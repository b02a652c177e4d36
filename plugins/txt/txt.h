/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_TXT_H
#define FOLIO_TXT_H

#include <folio/plugin.h>

#include "../common/utf8.h"

/* The plain-text article format: docs/text-format.md. "Spec N" in this
 * plugin's comments is that page's section N. */

extern const folio_reader txt_reader;
extern const folio_writer txt_writer;

/* A credit list holds at most 160 characters, so at most 81 parts. */
#define TXT_MAX_PARTS 81

/* The longest credit list, in characters (spec 5). */
#define TXT_CREDIT_MAX 160

/* What a block of text reads as (spec 4). */
typedef enum txt_kind {
    TXT_PARAGRAPH,
    TXT_HEADLINE,
    TXT_CAPTION,
    TXT_CREDIT,
    TXT_BYLINE,
} txt_kind;

/* A block's classification. Views point into the classified text. */
typedef struct txt_class {
    txt_kind kind;
    folio_str kicker; /* CAPTION: absent when none */
    folio_str text;   /* CAPTION: the text between kicker and credit clause */
    folio_str label;  /* CAPTION, CREDIT: absent for an agency tag */
    folio_str credit; /* CAPTION, CREDIT: the credit as written */
    size_t count;     /* CAPTION, CREDIT: number of parts */
    folio_str parts[TXT_MAX_PARTS];
} txt_class;

/*
 * Classifies the block @s (normalised, lines joined) by spec 4, rules 1-4;
 * TXT_PARAGRAPH when none applies. @one_line: the block was a single line;
 * @last: it is the last block of the text.
 */
void txt_classify(const char *s, size_t len, bool one_line, bool last, txt_class *out);

/* Would the one-line block @s be a headline if it were not the last (spec 4.4)? */
bool txt_headline_but_last(const char *s, size_t len);

/* Does paragraph @s open with a speech dash (spec 4.5)? */
bool txt_is_quote(const char *s, size_t len);

/* True when @s is an ISO 8601 date or date-time (spec 3). */
bool txt_is_iso_date(const char *s, size_t len);

/*
 * What the reader has met so far in an article, which decides what a
 * headline and a paragraph become (spec 4.4, 4.5). The writer keeps one
 * too, to foresee how its output reads back.
 */
typedef struct txt_flow {
    bool have_title;     /* from the header, or taken by the first headline */
    bool seen_paragraph; /* a headline after a paragraph is never the title */
    bool seen_lead;
} txt_flow;

/* True when a headline met now becomes the article's title; notes it. */
bool txt_flow_headline(txt_flow *f);

/* The role of the paragraph @s met now; notes it. */
folio_role txt_flow_paragraph(txt_flow *f, const char *s, size_t len);

/*
 * Tables and fact boxes (spec 10, 11). A block's shape is found from its
 * lines before they are joined: a table is a caption line or a row, then
 * rows ("| a | b |"); a list (read as one only inside a fact box) opens
 * with a bullet, or with "1." and has a "2." line.
 */
typedef enum txt_shape {
    TXT_SHAPE_TEXT,
    TXT_SHAPE_TABLE,
    TXT_SHAPE_LIST,
} txt_shape;

/* The shape of the block @s, its lines separated by '\n'. */
txt_shape txt_shape_of(const char *s, size_t len);

/* The caption line of a table ("Tabell: ..."): true, with the caption (present, maybe empty). */
bool txt_table_caption(const char *s, size_t len, folio_str *caption);

/* The rule under a table's header rows: "|---|:---:|", three dashes or more a column. */
bool txt_table_rule(const char *s, size_t len);

/*
 * The next cell of the row line @s, from *@at (1 for the first): its text,
 * trimmed and with "\|" and "\\" unescaped in place, in *@cell; *@at moves
 * past the cell's closing '|'. False when no cell is left.
 */
bool txt_table_cell(char *s, size_t len, size_t *at, folio_str *cell);

/* A fact box's first line ("FAKTA: title"): true, with the title (absent for "FAKTA:"). */
bool txt_box_opener(const char *s, size_t len, folio_str *title);

/* A fact box's last line: three hyphens or more. */
bool txt_box_closer(const char *s, size_t len);

/* The length of the list marker that opens line @s, with its space: a
 * bullet ("• ", "* ") for @number 0, else "@number. "; 0 when none does. */
size_t txt_list_marker(const char *s, size_t len, unsigned number);

/* The words the writer uses for an article in @lang: "Tabell", "FAKTA", ... */
const char *txt_table_label(folio_str lang);
const char *txt_box_label(folio_str lang);

/* The header keys of spec 3, in the order the writer writes them. */
typedef enum txt_key {
    TXT_KEY_NONE,
    TXT_KEY_DATE,
    TXT_KEY_TITLE,
    TXT_KEY_SUBTITLE,
    TXT_KEY_BYLINE,
    TXT_KEY_LANG,
    TXT_KEY_SOURCE,
    TXT_KEY_RIGHTS,
    TXT_KEY_ID,
    TXT_KEY_COUNT,
} txt_key;

/* A header key: its name, and the meta key its value fills; `byline`
 * fills the authors instead, one name a line (FOLIO_META_COUNT). */
typedef struct txt_field {
    const char *name;
    folio_meta_key meta;
} txt_field;

/* Indexed by txt_key; TXT_KEY_NONE has a NULL name. */
extern const txt_field txt_fields[TXT_KEY_COUNT];

/* The key named by the @len bytes at @s; TXT_KEY_NONE when none is. */
txt_key txt_key_lookup(const char *s, size_t len);

/*
 * The input as UTF-8, normalised piece by piece (spec 1) so that a large
 * input needs no second copy of itself: Latin-1 and Windows-1252 are
 * decoded as they are normalised, an iconv encoding a bounded piece at a
 * time; UTF-8 is validated (an error names the line and column of the
 * first bad byte) or, with "lossy", repaired. Reading costs the output and
 * a buffer of at most a few pieces, whatever the encoding (docs/bounds.md).
 */
typedef struct txt_source {
    const unsigned char *data; /* the input */
    size_t len;
    size_t pos;       /* bytes of @data normalised (or decoded, for iconv) so far */
    int encoding;     /* normalise.c's enum encoding */
    const char *name; /* of the encoding, for messages */
    void *iconv;      /* iconv_t, for an iconv encoding */
    char *decoded;    /* iconv: decoded text held back until its line ends */
    size_t decoded_len, decoded_cap;
    bool started; /* some text was normalised (a byte order mark is only at the start) */
    bool lossy;
    size_t open_line;     /* bytes of an unfinished line at the end of the output */
    size_t open_trail;    /* of which white space that goes if the line ends there */
    size_t bad;           /* invalid sequences replaced so far */
    size_t first;         /* offset of the first */
    size_t controls;      /* C0 controls dropped so far (spec 1) */
    size_t first_control; /* offset of the first in @data, or for iconv: */
    unsigned control_line, control_column; /* where it is in the decoded text */
    unsigned line, column; /* iconv: where the decoded text normalised so far ends */
    bool cr;               /* ... just after a CR */
    const folio_options *opts;
} txt_source;

/* Opens @len bytes at @data; FOLIO_EOPTION for an unknown txt.encoding and
 * FOLIO_EFORMAT for a byte the encoding lacks, at its line and column in
 * characters of the input (here or in txt_source_read()). Close it even on
 * failure. */
int txt_source_open(txt_source *src, const unsigned char *data, size_t len,
                    const folio_options *opts, folio_error *err);

/* Input bytes of the next piece: about @size, up to and with a line break
 * (a line is never split, but in an iconv encoding a line longer than a
 * piece is); 0 at the end. */
size_t txt_source_piece(const txt_source *src, size_t size);

/* Output bytes that normalising @n input bytes may need. */
size_t txt_source_room(const txt_source *src, size_t n);

/*
 * Normalises the next @n input bytes onto the end of the *@len bytes at
 * @buf (with txt_source_room() bytes free), and updates *@len: lines
 * separated by '\n', each trimmed, runs of spaces and tabs made one space,
 * a blank line an empty one. When the output ends in an unfinished line
 * (a long line of an iconv encoding), the next call continues it: the
 * caller keeps that line at the end of @buf.
 */
int txt_source_read(txt_source *src, size_t n, char *buf, size_t *len, folio_error *err);

/* Warns of repairs (lossy replacements, dropped controls) at the first
 * of each, and releases the decoded copy. */
void txt_source_close(txt_source *src);

#endif
