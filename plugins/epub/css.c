/* SPDX-License-Identifier: MIT */
#include "epubw.h"

/*
 * The stylesheet for e-readers. It leaves the reader's own choices alone: no
 * font-family or font-size on the body and sizes only in em, so the font
 * and size a reader picks apply; no colours on the text, so night modes
 * work. Body text is justified and hyphenated (the reader hyphenates by the
 * `lang` of each document); headings are ragged and never hyphenated.
 * Captions, credits and the dateline are set apart in a smaller sans-serif,
 * the one place a family is named, as newspapers do.
 */
static const char css[] =
    "@charset \"UTF-8\";\n"
    "body { margin: 0; padding: 0; line-height: 1.45; widows: 2; orphans: 2; }\n"
    "p { margin: 0; text-indent: 1.2em; text-align: justify;\n"
    "  -webkit-hyphens: auto; -epub-hyphens: auto; adobe-hyphenate: auto; hyphens: auto; }\n"
    "header + p, h2 + p, h3 + p, figure + p, aside + p, div.table + p, ul + p, ol + p,\n"
    "  p.lead, p.lead + p { text-indent: 0; }\n"
    "h1, h2, h3 { text-align: left; -webkit-hyphens: manual; -epub-hyphens: manual;\n"
    "  adobe-hyphenate: none; hyphens: manual; line-height: 1.2;\n"
    "  page-break-after: avoid; break-after: avoid; page-break-inside: avoid; }\n"
    "h1 { font-size: 1.6em; margin: 0 0 0.5em; }\n"
    "h2 { font-size: 1.2em; margin: 1.4em 0 0.4em; }\n"
    "h3 { font-size: 1.05em; margin: 1.2em 0 0.3em; }\n"
    "article { page-break-before: always; break-before: page; }\n"
    "article > header { margin: 0 0 1.2em; }\n"
    "p.subtitle { font-size: 1.1em; font-style: italic; text-indent: 0; text-align: left;\n"
    "  margin: -0.2em 0 0.6em; }\n"
    "p.dateline, p.authors, p.byline, p.credit, figcaption, p.rights {\n"
    "  font-family: sans-serif; text-indent: 0; text-align: left;\n"
    "  -webkit-hyphens: manual; -epub-hyphens: manual; adobe-hyphenate: none; hyphens: manual; }\n"
    "p.dateline, p.authors { font-size: 0.8em; margin: 0; letter-spacing: 0.02em; }\n"
    "p.authors { font-weight: bold; }\n"
    "p.lead { font-weight: bold; margin: 0 0 0.8em; }\n"
    "p.byline { font-size: 0.85em; font-weight: bold; margin: 0.8em 0; }\n"
    "p.credit { font-size: 0.75em; text-transform: uppercase; letter-spacing: 0.04em;\n"
    "  margin: 0.8em 0; }\n"
    "figure { margin: 1.2em 0; padding: 0; page-break-inside: avoid; break-inside: avoid; }\n"
    "figure img { display: block; max-width: 100%; height: auto; margin: 0 auto 0.4em; }\n"
    "figcaption { font-size: 0.8em; line-height: 1.35; }\n"
    "figure.text { border-left: 0.2em solid; padding-left: 0.6em; }\n"
    "span.kicker { font-weight: bold; text-transform: uppercase; letter-spacing: 0.04em; }\n"
    "span.credit { font-size: 0.9em; font-style: italic; white-space: nowrap; }\n"
    "aside.factbox { margin: 1.2em 0; padding: 0.6em 0; border-top: 0.1em solid;\n"
    "  border-bottom: 0.1em solid; font-size: 0.92em; page-break-inside: avoid; }\n"
    "aside.factbox h2 { margin-top: 0; font-size: 1.05em; }\n"
    "aside.factbox p { text-indent: 0; margin-bottom: 0.4em; }\n"
    "ul, ol { margin: 0.6em 0; padding-left: 1.4em; }\n"
    "li { text-align: left; margin: 0.2em 0; }\n"
    "div.table { margin: 1.2em 0; }\n"
    "table { border-collapse: collapse; width: 100%; font-size: 0.85em; }\n"
    "caption { font-weight: bold; text-align: left; margin-bottom: 0.3em; }\n"
    "th, td { text-align: left; vertical-align: top; padding: 0.2em 0.4em;\n"
    "  border-bottom: 0.05em solid; }\n"
    "footer { margin-top: 1.6em; }\n"
    "p.rights { font-size: 0.75em; }\n"
    "a { color: inherit; }\n"
    "section.cover { margin: 0; padding: 0; text-align: center; }\n"
    "section.cover img { max-width: 100%; max-height: 100%; }\n"
    "section.titlepage { margin-top: 30%; text-align: center; }\n"
    "section.titlepage p { text-indent: 0; text-align: center; }\n"
    "h1.book-title { font-size: 2em; text-align: center; margin-bottom: 0.6em; }\n"
    "p.book-subtitle { font-size: 1.2em; font-style: italic; }\n"
    "p.book-date, p.book-source { font-family: sans-serif; font-size: 0.9em;\n"
    "  letter-spacing: 0.08em; text-transform: uppercase; margin-top: 1em; }\n"
    "nav ol { list-style: none; padding-left: 0; }\n"
    "nav ol ol { padding-left: 1.2em; font-size: 0.9em; }\n"
    "nav li { margin: 0.5em 0; }\n"
    "nav a { text-decoration: none; }\n";

const char *epub_stylesheet(void)
{
    return css;
}
