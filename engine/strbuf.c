#include "strbuf.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "xmalloc.h"

void strbuf_init(struct strbuf *sb)
{
	sb->buf = NULL;
	sb->len = 0;
	sb->cap = 0;
}

void strbuf_free(struct strbuf *sb)
{
	free(sb->buf);
	strbuf_init(sb);
}

void strbuf_reset(struct strbuf *sb)
{
	strbuf_truncate(sb, 0);
}

void strbuf_truncate(struct strbuf *sb, size_t len)
{
	if (len < sb->len) {
		sb->len = len;
		sb->buf[len] = '\0';
	}
}

void strbuf_reserve(struct strbuf *sb, size_t n)
{
	size_t need = sb->len + n + 1;

	if (need <= sb->cap)
		return;
	if (need < 256)
		need = 256;
	sb->buf = xgrow(sb->buf, &sb->cap, need, 1);
}

void strbuf_add(struct strbuf *sb, const void *data, size_t n)
{
	strbuf_reserve(sb, n);
	if (n > 0)
		memcpy(sb->buf + sb->len, data, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void strbuf_adds(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

/* Does every conversion of fmt take the fast path of strbuf_addf? */
static bool strbuf_fmt_simple(const char *fmt)
{
	for (const char *p = fmt; (p = strchr(p, '%')) != NULL; p++) {
		bool zero = false, length = false;

		p++;
		if (*p == '%')
			continue;
		if (*p == '0') {
			zero = true;
			p++;
		}
		while (*p >= '0' && *p <= '9')
			p++;
		if (*p == 'l') {
			length = true;
			if (*++p == 'l')
				p++;
		} else if (*p == 'z') {
			length = true;
			p++;
		}
		switch (*p) {
		case 'd': case 'i': case 'u': case 'x': case 'X':
			break;
		case 'c': case 's':
			if (zero || length)
				return false;
			break;
		default:
			return false;
		}
	}
	return true;
}

/* Append text padded on the left to width (zero: after any '-'). */
static void strbuf_pad(struct strbuf *sb, const char *text, size_t n, size_t width, bool zero)
{
	size_t pad = width > n ? width - n : 0;

	strbuf_reserve(sb, n + pad);
	if (zero && n > 0 && text[0] == '-') {
		sb->buf[sb->len++] = '-';
		text++;
		n--;
	}
	memset(sb->buf + sb->len, zero ? '0' : ' ', pad);
	sb->len += pad;
	memcpy(sb->buf + sb->len, text, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

static void strbuf_fmt_fast(struct strbuf *sb, const char *fmt, va_list ap)
{
	const char *p = fmt;

	for (;;) {
		const char *pct = strchr(p, '%');
		char num[24], *d = num + sizeof(num);
		unsigned long long u;
		bool zero = false, neg = false;
		size_t width = 0;
		int length = 0; /* 1 l, 2 ll, 3 z */
		char conv;

		if (pct == NULL) {
			strbuf_adds(sb, p);
			return;
		}
		strbuf_add(sb, p, (size_t)(pct - p));
		p = pct + 1;
		if (*p == '%') {
			strbuf_addc(sb, '%');
			p++;
			continue;
		}
		if (*p == '0') {
			zero = true;
			p++;
		}
		while (*p >= '0' && *p <= '9')
			width = width * 10 + (size_t)(*p++ - '0');
		if (*p == 'l') {
			length = 1;
			if (*++p == 'l') {
				length = 2;
				p++;
			}
		} else if (*p == 'z') {
			length = 3;
			p++;
		}
		conv = *p++;
		if (conv == 's') {
			const char *s = va_arg(ap, const char *);

			if (s == NULL)
				s = "(null)";
			if (width == 0)
				strbuf_adds(sb, s);
			else
				strbuf_pad(sb, s, strlen(s), width, false);
			continue;
		}
		if (conv == 'c') {
			char c = (char)(unsigned char)va_arg(ap, int);

			strbuf_pad(sb, &c, 1, width, false);
			continue;
		}
		if (conv == 'd' || conv == 'i') {
			long long v = length == 2 ? va_arg(ap, long long) :
				      length == 1 ? va_arg(ap, long) :
				      length == 3 ? (long long)va_arg(ap, ssize_t) : va_arg(ap, int);

			neg = v < 0;
			u = neg ? 0ULL - (unsigned long long)v : (unsigned long long)v;
		} else {
			u = length == 2 ? va_arg(ap, unsigned long long) :
			    length == 1 ? va_arg(ap, unsigned long) :
			    length == 3 ? va_arg(ap, size_t) : va_arg(ap, unsigned int);
		}
		if (conv == 'x' || conv == 'X') {
			const char *digits = conv == 'x' ? "0123456789abcdef" : "0123456789ABCDEF";

			do {
				*--d = digits[u & 15];
				u >>= 4;
			} while (u);
		} else {
			do {
				*--d = (char)('0' + u % 10);
				u /= 10;
			} while (u);
		}
		if (neg)
			*--d = '-';
		strbuf_pad(sb, d, (size_t)(num + sizeof(num) - d), width, zero);
	}
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	size_t room;
	int n;

	va_start(ap, fmt);
	if (strbuf_fmt_simple(fmt)) {
		strbuf_fmt_fast(sb, fmt, ap);
		va_end(ap);
		return;
	}
	/* Straight into the room there is; measured and again if short. */
	strbuf_reserve(sb, 64);
	room = sb->cap - sb->len;
	n = vsnprintf(sb->buf + sb->len, room, fmt, ap);
	va_end(ap);
	if (n <= 0) {
		sb->buf[sb->len] = '\0';
		return;
	}
	if ((size_t)n >= room) {
		strbuf_reserve(sb, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	sb->len += (size_t)n;
}

const char *strbuf_str(const struct strbuf *sb)
{
	return sb->buf != NULL ? sb->buf : "";
}
