#include "sink_files.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xmalloc.h"

/* Collected bytes per file before they are written: large appends, few
 * system calls, a bounded amount held in memory per file. */
#define SINK_FILES_CHUNK (256 * 1024)

/* A line of a time-spanning product waiting for the clock to pass it. */
struct sink_held {
	sim_time_t time;
	uint64_t seq; /* arrival order: lines of one time keep it */
	size_t off;   /* of the line, with its newline, in the file's arena */
	size_t len;
};

/* Held lines live in one buffer per file, not an allocation each: it is
 * emptied whenever nothing is held, and compacted when most of it is
 * lines already released (an sshd session's last line can be held for
 * hours while thousands pass). */
#define SINK_ARENA_COMPACT (1024 * 1024)

struct sink_file {
	struct strbuf pending;
	struct sink_held *held; /* a min-heap on (time, seq) */
	size_t nheld, held_cap;
	struct strbuf arena;    /* the held lines' bytes */
	struct strbuf spare;    /* what the arena is compacted into */
	size_t held_bytes;      /* of them still held */
	enum sensor_type type; /* its sensor's, once started */
	bool started;  /* header written into pending */
	bool created;  /* exists on disk */
};

struct sink_files {
	char *dir;
	const struct net *net;
	struct render *render;
	const sim_time_t *now;   /* the drill's clock */
	struct sink_file *files; /* sensor * RENDER_MAX_FILES + file */
	struct strbuf lines[RENDER_MAX_FILES];
	struct fmt_syslogfile_times times;
	uint64_t held_seq;
	uint64_t bytes, records;
	int error;               /* first errno of a failed write, 0: none */
	char error_path[1024];
};

static int sink_files_mkdir(const char *path)
{
	struct stat st;

	if (mkdir(path, 0777) == 0)
		return 0;
	if (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	if (errno == EEXIST)
		errno = ENOTDIR;
	return -1;
}

struct sink_files *sink_files_open(const char *dir, const struct net *net, struct render *r,
				   const sim_time_t *now, char *err, size_t errsize)
{
	struct sink_files *s;

	if (sink_files_mkdir(dir) != 0 || access(dir, W_OK) != 0) {
		snprintf(err, errsize, "%s: %s", dir, strerror(errno));
		return NULL;
	}
	s = xcalloc(1, sizeof(*s));
	s->dir = xstrdup(dir);
	s->net = net;
	s->render = r;
	s->now = now;
	s->files = xcalloc((size_t)net->nsensors * RENDER_MAX_FILES + 1, sizeof(*s->files));
	return s;
}

/* Append the file's pending bytes to disk, creating it the first time. */
static int sink_files_write(struct sink_files *s, int sensor, int file)
{
	struct sink_file *f = &s->files[sensor * RENDER_MAX_FILES + file];
	const char *const *names;
	const char *id = s->net->sensors[sensor].id;
	char path[1024];
	size_t done = 0;
	int fd;

	if (f->pending.len == 0)
		return 0;
	render_files(f->type, &names);
	snprintf(path, sizeof(path), "%s/%s", s->dir, id);
	if (!f->created && sink_files_mkdir(path) != 0)
		goto fail;
	snprintf(path, sizeof(path), "%s/%s/%s", s->dir, id, names[file]);
	fd = open(path, O_WRONLY | O_CREAT | (f->created ? O_APPEND : O_TRUNC), 0666);
	if (fd < 0)
		goto fail;
	f->created = true;
	while (done < f->pending.len) {
		ssize_t n = write(fd, f->pending.buf + done, f->pending.len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;

			close(fd);
			errno = e;
			goto fail;
		}
		done += (size_t)n;
	}
	if (close(fd) != 0)
		goto fail;
	s->bytes += f->pending.len;
	strbuf_reset(&f->pending);
	return 0;
fail:
	if (s->error == 0) {
		s->error = errno;
		snprintf(s->error_path, sizeof(s->error_path), "%s", path);
	}
	strbuf_reset(&f->pending); /* keep going with bounded memory */
	return -1;
}

static bool sink_held_before(const struct sink_held *a, const struct sink_held *b)
{
	return a->time < b->time || (a->time == b->time && a->seq < b->seq);
}

static void sink_held_push(struct sink_file *f, struct sink_held h)
{
	size_t i = f->nheld++;

	f->held = xgrow(f->held, &f->held_cap, f->nheld, sizeof(*f->held));
	while (i > 0 && sink_held_before(&h, &f->held[(i - 1) / 2])) {
		f->held[i] = f->held[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	f->held[i] = h;
}

static struct sink_held sink_held_pop(struct sink_file *f)
{
	struct sink_held top = f->held[0], last = f->held[--f->nheld];
	size_t i = 0, child;

	while ((child = 2 * i + 1) < f->nheld) {
		if (child + 1 < f->nheld && sink_held_before(&f->held[child + 1], &f->held[child]))
			child++;
		if (!sink_held_before(&f->held[child], &last))
			break;
		f->held[i] = f->held[child];
		i = child;
	}
	if (f->nheld > 0)
		f->held[i] = last;
	return top;
}

/*
 * Hold each line of a record until the clock passes its time: a mail's
 * first line is due seconds before the record that carries it, an sshd
 * session's last line hours after, and other records' lines fall in
 * between.  Lines beyond what the formatter timed take the last time.
 */
static void sink_files_hold(struct sink_files *s, struct sink_file *f, const struct strbuf *text,
			    const struct fmt_syslogfile_times *times, sim_time_t fallback)
{
	const char *p = text->buf, *end = text->buf + text->len;
	size_t i = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl != NULL ? (size_t)(nl - p) + 1 : (size_t)(end - p);
		sim_time_t t = times->n == 0 ? fallback : times->time[i < times->n ? i : times->n - 1];

		sink_held_push(f, (struct sink_held){ t, s->held_seq++, f->arena.len, len });
		strbuf_add(&f->arena, p, len);
		f->held_bytes += len;
		p += len;
		i++;
	}
}

/* Keep only the bytes of the lines still held. */
static void sink_arena_compact(struct sink_file *f)
{
	struct strbuf live = f->spare;

	strbuf_reset(&live);
	for (size_t i = 0; i < f->nheld; i++) {
		size_t off = live.len;

		strbuf_add(&live, f->arena.buf + f->held[i].off, f->held[i].len);
		f->held[i].off = off;
	}
	f->spare = f->arena;
	f->arena = live;
}

/* Move the file's held lines due by upto into its pending bytes, in time
 * order. */
static void sink_files_release(struct sink_files *s, int sensor, int file, sim_time_t upto)
{
	struct sink_file *f = &s->files[sensor * RENDER_MAX_FILES + file];

	while (f->nheld > 0 && f->held[0].time <= upto) {
		struct sink_held h = sink_held_pop(f);

		strbuf_add(&f->pending, f->arena.buf + h.off, h.len);
		f->held_bytes -= h.len;
		if (f->pending.len >= SINK_FILES_CHUNK)
			sink_files_write(s, sensor, file);
	}
	if (f->nheld == 0)
		strbuf_reset(&f->arena);
	else if (f->arena.len > SINK_ARENA_COMPACT && f->held_bytes < f->arena.len / 2)
		sink_arena_compact(f);
}

void sink_files_event(void *sink, const struct event *ev, enum sensor_type type)
{
	struct sink_files *s = sink;
	const char *const *names;
	int nfiles = render_files(type, &names);

	for (int file = 0; file < nfiles; file++)
		strbuf_reset(&s->lines[file]);
	if (nfiles == 0 || render_event(s->render, ev, type, s->lines, &s->times) == 0)
		return;
	s->records++;
	for (int file = 0; file < nfiles; file++) {
		struct sink_file *f = &s->files[ev->sensor * RENDER_MAX_FILES + file];

		if (s->lines[file].len == 0)
			continue;
		if (!f->started) {
			render_file_start(s->render, type, file, ev->time, &f->pending);
			f->type = type;
			f->started = true;
		}
		if (render_spans_time(type)) {
			sink_files_hold(s, f, &s->lines[file], &s->times, ev->time);
			sink_files_release(s, ev->sensor, file, *s->now);
			continue;
		}
		strbuf_add(&f->pending, s->lines[file].buf, s->lines[file].len);
		if (f->pending.len >= SINK_FILES_CHUNK)
			sink_files_write(s, ev->sensor, file);
	}
}

static int sink_files_report(struct sink_files *s, char *err, size_t errsize)
{
	if (s->error == 0)
		return 0;
	snprintf(err, errsize, "%s: %s", s->error_path, strerror(s->error));
	return -1;
}

int sink_files_flush(struct sink_files *s, char *err, size_t errsize)
{
	for (int sensor = 0; sensor < s->net->nsensors; sensor++) {
		for (int file = 0; file < RENDER_MAX_FILES; file++) {
			sink_files_release(s, sensor, file, *s->now);
			sink_files_write(s, sensor, file);
		}
	}
	return sink_files_report(s, err, errsize);
}

int sink_files_close(struct sink_files *s, sim_time_t end, char *err, size_t errsize)
{
	int status;

	for (int sensor = 0; sensor < s->net->nsensors; sensor++) {
		for (int file = 0; file < RENDER_MAX_FILES; file++) {
			struct sink_file *f = &s->files[sensor * RENDER_MAX_FILES + file];

			/* The drill is over: what is still held was logged
			 * after its end, and is written as it stands. */
			sink_files_release(s, sensor, file, SIM_TIME_MAX);
			free(f->held);
			strbuf_free(&f->arena);
			strbuf_free(&f->spare);
			if (f->started)
				render_file_end(s->render, f->type, file, end, &f->pending);
			sink_files_write(s, sensor, file);
			strbuf_free(&f->pending);
		}
	}
	status = sink_files_report(s, err, errsize);
	for (int file = 0; file < RENDER_MAX_FILES; file++)
		strbuf_free(&s->lines[file]);
	free(s->files);
	free(s->dir);
	free(s);
	return status;
}

uint64_t sink_files_bytes(const struct sink_files *s)
{
	return s->bytes;
}

uint64_t sink_files_records(const struct sink_files *s)
{
	return s->records;
}
