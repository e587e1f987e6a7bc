#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

void diag_init(struct diag *d)
{
	memset(d, 0, sizeof(*d));
}

void diag_free(struct diag *d)
{
	for (size_t i = 0; i < d->len; i++)
		free(d->msgs[i]);
	free(d->msgs);
	diag_init(d);
}

static void diag_push(struct diag *d, char *msg)
{
	size_t limit = d->limit ? d->limit : 100;

	if (d->len >= limit) {
		d->dropped++;
		free(msg);
		return;
	}
	d->msgs = xgrow(d->msgs, &d->cap, d->len + 1, sizeof(*d->msgs));
	d->msgs[d->len++] = msg;
}

void diag_add(struct diag *d, const char *file, int line, const char *fmt, ...)
{
	char text[1024], *msg;
	size_t n;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	n = strlen(text) + (file ? strlen(file) : 0) + 32;
	msg = xmalloc(n);
	if (file && line > 0)
		snprintf(msg, n, "%s:%d: %s", file, line, text);
	else if (file)
		snprintf(msg, n, "%s: %s", file, text);
	else
		snprintf(msg, n, "%s", text);
	diag_push(d, msg);
}

void diag_add_raw(struct diag *d, const char *msg)
{
	diag_push(d, xstrdup(msg));
}

size_t diag_count(const struct diag *d)
{
	return d->len + d->dropped;
}

void diag_print(const struct diag *d, FILE *out)
{
	for (size_t i = 0; i < d->len; i++)
		fprintf(out, "%s\n", d->msgs[i]);
	if (d->dropped)
		fprintf(out, "(%zu more errors not shown)\n", d->dropped);
}
