/*
 * xmalloc.h - allocation that cannot fail.
 *
 * Running out of memory is fatal in one place, here, rather than checked
 * ad hoc at every call site: the engine has nothing sensible to do without
 * memory.  Depends on libc only.
 */
#ifndef XMALLOC_H
#define XMALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Grow an array of count elements to at least need, doubling; returns it. */
void *xgrow(void *ptr, size_t *count, size_t need, size_t elem_size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
