/* SPDX-License-Identifier: MIT */
#include "epubw.h"

#include "../common/utf8.h"

/* What replaces the character at @p, or NULL to keep it; *@len is how many bytes it covers. */
static const char *replacement(const unsigned char *p, size_t n, size_t *len)
{
    static const char fffd[] = "\xef\xbf\xbd";
    unsigned char c = p[0];
    *len = 1;
    if (c >= 0x80) {
        uint32_t cp = 0;
        *len = utf8_decode(p, p + n, &cp);
        if (*len == 0)
            *len = 1;
        /* XML 1.0 allows neither bad UTF-8 nor U+FFFE and U+FFFF. */
        return cp == 0 || cp == 0xfffe || cp == 0xffff ? fffd : NULL;
    }
    return c == '&'   ? "&amp;"
           : c == '<' ? "&lt;"
           : c == '>' ? "&gt;"
           : c == '"' ? "&quot;"
           /* Nor any C0 control but tab and newlines. */
           : c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? fffd
                                                             : NULL;
}

void epub_escape(folio_buf *b, folio_str s)
{
    const unsigned char *p = (const unsigned char *)s.data;
    size_t run = 0;
    for (size_t i = 0; i < s.len;) {
        size_t len;
        const char *rep = replacement(p + i, s.len - i, &len);
        if (rep) {
            folio_buf_append(b, s.data + run, i - run);
            folio_buf_puts(b, rep);
            run = i + len;
        }
        i += len;
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
