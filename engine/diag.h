/*
 * diag.h - a list of user-facing error messages that name file and line.
 *
 * Loaders and checkers collect every problem they find in a file rather
 * than stopping at the first, then print them all.  Each message reads
 * "FILE:LINE: text" (or "FILE: text" when no line applies), the form that
 * editors and compilers use.  Depends on xmalloc.
 */
#ifndef DIAG_H
#define DIAG_H

#include <stddef.h>
#include <stdio.h>

struct diag {
	char **msgs;
	size_t len, cap;
	size_t limit; /* stop storing past this many; 0 means 100 */
	size_t dropped;
};

void diag_init(struct diag *d);
void diag_free(struct diag *d);
/* line <= 0 leaves the line out; file NULL leaves the location out. */
void diag_add(struct diag *d, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Add a message that already carries its location. */
void diag_add_raw(struct diag *d, const char *msg);
size_t diag_count(const struct diag *d);
/* Print every message, one a line, then a count if any were dropped. */
void diag_print(const struct diag *d, FILE *out);

#endif
