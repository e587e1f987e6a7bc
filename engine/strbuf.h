/*
 * strbuf.h - a growable byte string for building output text.
 *
 * Formatters append to a strbuf and never need to know the length of a
 * line in advance; the buffer doubles as it fills, through xmalloc, so an
 * append cannot fail.  The contents are always NUL-terminated, so
 * strbuf_str() can be handed to anything that wants a C string (bytes
 * after an embedded NUL are still counted by len).  A zero-initialised
 * strbuf, or one set up by strbuf_init(), is empty and owns no memory.
 * Depends on xmalloc.
 */
#ifndef STRBUF_H
#define STRBUF_H

#include <stddef.h>

struct strbuf {
	char *buf;  /* NULL until the first append */
	size_t len; /* bytes used, not counting the NUL */
	size_t cap; /* bytes allocated */
};

void strbuf_init(struct strbuf *sb);
/* Release the memory; the strbuf is empty and reusable afterwards. */
void strbuf_free(struct strbuf *sb);
/* Drop the contents but keep the memory for the next line. */
void strbuf_reset(struct strbuf *sb);
/* Cut back to len bytes; used to undo a partly built line. */
void strbuf_truncate(struct strbuf *sb, size_t len);

void strbuf_add(struct strbuf *sb, const void *data, size_t n);
void strbuf_adds(struct strbuf *sb, const char *s);
/* Room for n more bytes and the NUL (what the appenders call). */
void strbuf_reserve(struct strbuf *sb, size_t n);

/* One byte, inline: formatters append many. */
static inline void strbuf_addc(struct strbuf *sb, char c)
{
	if (sb->len + 2 > sb->cap)
		strbuf_reserve(sb, 1);
	sb->buf[sb->len++] = c;
	sb->buf[sb->len] = '\0';
}

/* printf's conversions; %s, %c and the integer conversions (d i u x X,
 * with l, ll or z, a '0' flag and a width) are written without the C
 * library's printf, the rest goes through vsnprintf.  The text is the
 * same either way. */void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The contents as a C string: "" for an empty strbuf, never NULL. */
const char *strbuf_str(const struct strbuf *sb);

#endif
