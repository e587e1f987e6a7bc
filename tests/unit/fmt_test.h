/*
 * fmt_test.h - what the formatter tests (tests/unit/test_fmt_*.c) share:
 * rendering a record into a fresh buffer and comparing it with its golden
 * text, taking a rendered log apart line by line, and writing the sample
 * files that the integration tests hand to the real checkers
 * ("test_fmt_X --write DIR").
 *
 * FMT_TEST_GOLDEN(settings type, formatter) defines render(s, ev, out)
 * and check_line(s, ev, want) for one formatter, whose render function
 * takes (const settings *, const struct event *, struct strbuf *); the
 * rest are plain functions.  Include after harness.h.  Depends on event,
 * simclock, strbuf and fmt_syslogfile.
 */
#ifndef FMT_TEST_H
#define FMT_TEST_H

#include <stdio.h>
#include <string.h>

#include "event.h"
#include "fmt_syslogfile.h"
#include "simclock.h"
#include "strbuf.h"

#define FMT_TEST_GOLDEN(settings_type, render_fn)                                              \
	/* Render one record into a fresh buffer; the caller frees it. */                      \
	static inline enum event_render render(const settings_type *s, struct event ev,        \
					       struct strbuf *out)                             \
	{                                                                                      \
		strbuf_init(out);                                                              \
		return render_fn(s, &ev, out);                                                 \
	}                                                                                      \
                                                                                               \
	/* Check that ev renders as exactly want. */                                           \
	static inline void check_line(const settings_type *s, struct event ev, const char *want) \
	{                                                                                      \
		struct strbuf out;                                                             \
                                                                                               \
		CHECK_INT(render(s, ev, &out), EVENT_RENDERED);                                \
		CHECK_STR(strbuf_str(&out), want);                                             \
		strbuf_free(&out);                                                             \
	}

/* The number of lines in out, -1 if one does not start with prefix (a
 * timestamp style) or the last has no newline: nothing a field holds may
 * split or forge a line. */
static inline int fmt_test_count_lines(const struct strbuf *out, const char *prefix)
{
	const char *p = strbuf_str(out);
	int lines = 0;

	while (*p != '\0') {
		const char *nl = strchr(p, '\n');

		if (nl == NULL || strncmp(p, prefix, strlen(prefix)) != 0)
			return -1;
		lines++;
		p = nl + 1;
	}
	return lines;
}

/* Every line's own time, as a file sink orders lines by: one per line,
 * in order, each the time the line prints in the RFC 3339 style. */
static inline void fmt_test_check_line_times(const struct simclock *clock,
					     const struct strbuf *out,
					     const struct fmt_syslogfile_times *times)
{
	const char *p = strbuf_str(out);
	size_t i = 0;
	char ts[SIMCLOCK_ISO_SIZE];

	for (; *p != '\0'; i++) {
		const char *nl = strchr(p, '\n');

		CHECK(i < times->n);
		if (i >= times->n || nl == NULL)
			break;
		CHECK(i == 0 || times->time[i - 1] <= times->time[i]);
		CHECK(simclock_format_local_colon(clock, times->time[i], ts, sizeof ts));
		CHECK(strncmp(p, ts, strlen(ts)) == 0);
		p = nl + 1;
	}
	CHECK_INT(i, times->n);
}

/* Write sb to DIR/name; 0, or 1 with the reason on stderr. */
static inline int fmt_test_write_file(const char *dir, const char *name, const struct strbuf *sb)
{
	struct strbuf path;
	FILE *f;
	int status = 0;

	strbuf_init(&path);
	strbuf_addf(&path, "%s/%s", dir, name);
	f = fopen(strbuf_str(&path), "wb");
	if (f == NULL || (sb->len > 0 && fwrite(sb->buf, 1, sb->len, f) != sb->len)) {
		perror(strbuf_str(&path));
		status = 1;
	}
	if (f != NULL && fclose(f) != 0) {
		perror(strbuf_str(&path));
		status = 1;
	}
	strbuf_free(&path);
	return status;
}

/*
 * The command line every formatter test takes: none to run the cases,
 * "--write DIR" to write the samples with write.  Returns -1 to go on
 * with the cases, else the exit status (write's, or 2 after a usage
 * message naming prog).
 */
static inline int fmt_test_args(int argc, char **argv, const char *prog,
				int (*write)(const char *dir))
{
	if (argc == 3 && strcmp(argv[1], "--write") == 0)
		return write(argv[2]);
	if (argc != 1) {
		fprintf(stderr, "usage: %s [--write DIR]\n", prog);
		return 2;
	}
	return -1;
}

#endif
