/* SPDX-License-Identifier: MIT */
#include "epubw.h"

void epub_escape(folio_buf *b, folio_str s)
{
    size_t run = 0;
    for (size_t i = 0; i < s.len; i++) {
        unsigned char c = (unsigned char)s.data[i];
        const char *rep = c == '&'   ? "&amp;"
                          : c == '<' ? "&lt;"
                          : c == '>' ? "&gt;"
                          : c == '"' ? "&quot;"
                          /* XML 1.0 allows no C0 control but tab and newlines. */
                          : c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? "\xef\xbf\xbd"
                                                                            : NULL;
        if (rep) {
            folio_buf_append(b, s.data + run, i - run);
            folio_buf_puts(b, rep);
            run = i + 1;
        }
    }
    folio_buf_append(b, s.data + run, s.len - run);
}

void epub_xhtml_open(folio_buf *b, folio_str lang, folio_str title, const char *body_type)
{
    folio_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
                      "<html xmlns=\"http://www.w3.org/1999/xhtml\" "
                      "xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"");
    epub_escape(b, lang);
    folio_buf_puts(b, "\" xml:lang=\"");
    epub_escape(b, lang);
    folio_buf_puts(b, "\">\n<head>\n<meta charset=\"UTF-8\"/>\n<title>");
    epub_escape(b, title);
    folio_buf_puts(b, "</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"style.css\"/>\n"
                      "</head>\n<body");
    if (body_type) {
        folio_buf_puts(b, " epub:type=\"");
        folio_buf_puts(b, body_type);
        folio_buf_putc(b, '"');
    }
    folio_buf_puts(b, ">\n");
}

void epub_xhtml_close(folio_buf *b)
{
    folio_buf_puts(b, "</body>\n</html>\n");
}
