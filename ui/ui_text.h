/*
 * ui_text.h - UTF-8 text measured in terminal columns.
 *
 * Every column of the console is laid out in display cells, never in
 * bytes: a Vietnamese letter may be one precomposed code point or a base
 * letter followed by combining marks, and both take one cell.  Widths come
 * from wcwidth() under the current LC_CTYPE (the console sets a UTF-8
 * one); the decoding is done here, so malformed bytes never reach the
 * terminal: they show as '?', and control characters as a space.
 * Depends on libc only.
 */
#ifndef UI_TEXT_H
#define UI_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Decode one code point at s (n bytes available); returns the bytes it
 * takes (at least 1), *cp = -1 for a malformed sequence. */
size_t ui_text_decode(const char *s, size_t n, long *cp);
/* Cells one code point takes: 0 for combining marks, 2 for wide ones,
 * 1 for anything unprintable (shown as a replacement). */
int ui_text_cp_width(long cp);
/* Cells the whole string takes. */
int ui_text_width(const char *s);

/*
 * Copy the longest prefix of s that fits in cols cells into out (size
 * bytes), marking a cut with "…"; with pad, fill with spaces to exactly
 * cols cells.  Combining marks stay with their letter, malformed bytes
 * become '?', control characters a space.  Returns the cells written.
 */
int ui_text_fit(const char *s, int cols, bool pad, char *out, size_t size);

/* The text after its first cols cells (scrolling a long line sideways):
 * the first letter that starts at or past that cell. */
const char *ui_text_skip(const char *s, int cols);

/* Case-insensitive (ASCII letters) substring search; needle "" matches. */
bool ui_text_contains(const char *haystack, const char *needle);

#endif
