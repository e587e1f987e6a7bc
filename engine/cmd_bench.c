/*
 * cmd_bench.c - `irdrill bench`: run the benchmark cases several times
 * and print one key=value line per case (median, min and max of each
 * figure), then a short summary with the ratios to the references
 * measured in the same run.
 *
 * Every measurement is a child process: `irdrill run --headless ...`
 * exec'd from this binary, a reference tool (syslog-ng's loggen, unpacked
 * from Debian's package into the build folder, never installed; rsyslogd),
 * or a fork of this process for the cases that call the engine directly
 * (seek, scale), so the peak RSS wait4() reports is that case's alone.
 * docs/performance.md says what each case measures and how.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "diag.h"
#include "net.h"
#include "netload.h"
#include "paths.h"
#include "replay_read.h"
#include "rng.h"
#include "xmalloc.h"

#define BENCH_RUNS_MAX 20
#define BENCH_METRICS_MAX 24
#define BENCH_STORM_FULL 4418716ULL

enum bench_case {
	CASE_STORM,
	CASE_STORM_REF,
	CASE_DAY,
	CASE_FLOWS,
	CASE_SEEK,
	CASE_SCALE,
	CASE_SYSLOG,
	CASE_COUNT,
};

static const char *const bench_case_names[CASE_COUNT] = {
	"storm", "storm-reference", "day", "flows", "seek", "scale", "syslog",
};

struct bench_metric {
	char name[40];
	double v[BENCH_RUNS_MAX];
	int n;
};

struct bench_result {
	bool ran, failed;
	char why[256];
	struct bench_metric m[BENCH_METRICS_MAX];
	int nm;
};

struct bench {
	int runs;
	bool small;
	char *self;      /* this binary */
	char *bindir;    /* its folder: build/ */
	char *work;      /* scratch: build/bench */
	const char *scenarios;
	struct bench_result res[CASE_COUNT];
	/* What storm leaves for storm-reference and syslog. */
	char *storm_log;  /* every mail.log line of the last storm run */
	uint64_t storm_lines, storm_log_bytes, storm_replay_bytes, storm_events, storm_records;
	char *flows_replay; /* the last flows run's replay, for seek */
};

/* A formatted string in a fresh allocation. */
static char *bench_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *bench_fmt(const char *fmt, ...)
{
	va_list ap;
	int n;
	char *s;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	s = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

static double bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void bench_sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static void bench_fail(struct bench_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void bench_fail(struct bench_result *r, const char *fmt, ...)
{
	va_list ap;

	if (r->failed)
		return;
	r->failed = true;
	va_start(ap, fmt);
	vsnprintf(r->why, sizeof(r->why), fmt, ap);
	va_end(ap);
}

static void bench_put(struct bench_result *r, const char *name, double v)
{
	struct bench_metric *m = NULL;

	for (int i = 0; i < r->nm; i++)
		if (strcmp(r->m[i].name, name) == 0)
			m = &r->m[i];
	if (m == NULL) {
		if (r->nm == BENCH_METRICS_MAX)
			return;
		m = &r->m[r->nm++];
		snprintf(m->name, sizeof(m->name), "%s", name);
		m->n = 0;
	}
	if (m->n < BENCH_RUNS_MAX)
		m->v[m->n++] = v;
}

static int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Median, min and max of a metric's runs. */
static void bench_stats(const struct bench_metric *m, double *med, double *lo, double *hi)
{
	double v[BENCH_RUNS_MAX];

	memcpy(v, m->v, (size_t)m->n * sizeof(*v));
	qsort(v, (size_t)m->n, sizeof(*v), bench_cmp_double);
	*lo = v[0];
	*hi = v[m->n - 1];
	*med = m->n % 2 ? v[m->n / 2] : (v[m->n / 2 - 1] + v[m->n / 2]) / 2;
}

static bool bench_median(const struct bench_result *r, const char *name, double *out)
{
	double lo, hi;

	for (int i = 0; i < r->nm; i++)
		if (strcmp(r->m[i].name, name) == 0 && r->m[i].n > 0) {
			bench_stats(&r->m[i], out, &lo, &hi);
			return true;
		}
	return false;
}

/* --- processes -------------------------------------------------------- */

struct bench_child {
	double wall;    /* seconds */
	double rss_mb;  /* peak resident set of the child */
	int status;     /* exit status, or 128 + signal */
};

/* Start argv with stdout and stderr to out (NULL: /dev/null); the pid,
 * or -1. */
static pid_t bench_start(char *const argv[], const char *out)
{
	pid_t pid = fork();

	if (pid == 0) {
		int fd = open(out ? out : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0666);

		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
			close(fd);
		}
		fd = open("/dev/null", O_RDONLY);
		if (fd >= 0) {
			dup2(fd, 0);
			close(fd);
		}
		execvp(argv[0], argv);
		fprintf(stderr, "irdrill bench: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	return pid;
}

static void bench_reap(pid_t pid, double t0, struct bench_child *c)
{
	struct rusage ru;
	int st = 0;

	while (wait4(pid, &st, 0, &ru) < 0)
		if (errno != EINTR) {
			c->status = 127;
			return;
		}
	c->wall = bench_now() - t0;
	c->rss_mb = (double)ru.ru_maxrss / 1024.0;
	c->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* Run argv to its end; false if it could not start or failed. */
static bool bench_run(char *const argv[], const char *out, struct bench_child *c)
{
	double t0 = bench_now();
	pid_t pid = bench_start(argv, out);

	memset(c, 0, sizeof(*c));
	if (pid < 0)
		return false;
	bench_reap(pid, t0, c);
	return c->status == 0;
}

static void bench_stop(pid_t pid)
{
	if (pid <= 0)
		return;
	kill(pid, SIGTERM);
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
}

/* sh -c CMD; true if it exited 0. */
static bool bench_sh(const char *cmd)
{
	char *argv[] = { "/bin/sh", "-c", (char *)cmd, NULL };
	struct bench_child c;

	return bench_run(argv, NULL, &c);
}

static void bench_rm(const char *path)
{
	char *argv[] = { "rm", "-rf", (char *)path, NULL };
	struct bench_child c;

	bench_run(argv, NULL, &c);
}

/* --- files -------------------------------------------------------------- */

static uint64_t bench_file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (uint64_t)st.st_size : 0;
}

static uint64_t bench_tree_bytes;

static int bench_tree_add(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)path, (void)ftw;
	if (flag == FTW_F)
		bench_tree_bytes += (uint64_t)st->st_size;
	return 0;
}

static uint64_t bench_tree_size(const char *dir)
{
	bench_tree_bytes = 0;
	nftw(dir, bench_tree_add, 16, FTW_PHYS);
	return bench_tree_bytes;
}

/* Newlines in path from *offset on, added to *lines; *offset moves on. */
static void bench_count_lines(const char *path, uint64_t *offset, uint64_t *lines)
{
	static char buf[1 << 16];
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return;
	if (lseek(fd, (off_t)*offset, SEEK_SET) < 0) {
		close(fd);
		return;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		for (char *p = buf; (p = memchr(p, '\n', (size_t)(buf + n - p))) != NULL; p++)
			(*lines)++;
		*offset += (uint64_t)n;
	}
	close(fd);
}

/* Wait until path holds want lines (or timeout seconds); the lines seen. */
static uint64_t bench_wait_lines(const char *path, uint64_t want, double timeout)
{
	uint64_t offset = 0, lines = 0;
	double until = bench_now() + timeout;

	for (;;) {
		bench_count_lines(path, &offset, &lines);
		if (lines >= want || bench_now() > until)
			return lines;
		bench_sleep_ms(5);
	}
}

/* Copy src to dst with the first line that starts with each key[i]
 * replaced by val[i]; false with errno. */
static bool bench_scale_file(const char *src, const char *dst, const char *const *key, const char *const *val, int n)
{
	FILE *in = fopen(src, "r"), *out;
	char line[4096];
	bool done[8] = { false };

	if (in == NULL)
		return false;
	out = fopen(dst, "w");
	if (out == NULL) {
		fclose(in);
		return false;
	}
	while (fgets(line, sizeof(line), in)) {
		int i = 0;

		while (i < n && (done[i] || strncmp(line, key[i], strlen(key[i])) != 0))
			i++;
		if (i < n) {
			fprintf(out, "%s\n", val[i]);
			done[i] = true;
		} else {
			fputs(line, out);
		}
	}
	fclose(in);
	return fclose(out) == 0;
}

/* The number after prefix in a child's output file, or 0. */
static uint64_t bench_grep_u64(const char *path, const char *prefix)
{
	FILE *fp = fopen(path, "r");
	char line[1024];
	uint64_t v = 0;

	if (fp == NULL)
		return 0;
	while (fgets(line, sizeof(line), fp)) {
		char *p = strstr(line, prefix);

		if (p) {
			v = strtoull(p + strlen(prefix), NULL, 10);
			break;
		}
	}
	fclose(fp);
	return v;
}

/* A TCP port free on 127.0.0.1 now; 0 if none. */
static int bench_free_port(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0), port = 0;

	if (fd < 0)
		return 0;
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0 && getsockname(fd, (struct sockaddr *)&a, &len) == 0)
		port = ntohs(a.sin_port);
	close(fd);
	return port;
}

static bool bench_tcp_up(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	bool ok;

	if (fd < 0)
		return false;
	ok = connect(fd, (struct sockaddr *)&a, sizeof(a)) == 0;
	close(fd);
	return ok;
}

/* --- a drill as a child ---------------------------------------------------- */

/* irdrill run --headless SCENARIO with extra options; out holds what it
 * printed. */
static bool bench_drill(struct bench *b, const char *scenario, const char *const *opts, int nopts, const char *out,
			struct bench_child *c)
{
	char *argv[32];
	int n = 0;
	char *db = bench_fmt("%s/bench.db", b->work);
	bool ok;

	bench_rm(db);
	argv[n++] = b->self;
	argv[n++] = "run";
	argv[n++] = "--headless";
	argv[n++] = "--db";
	argv[n++] = db;
	for (int i = 0; i < nopts && n < 29; i++)
		argv[n++] = (char *)opts[i];
	argv[n++] = (char *)scenario;
	argv[n] = NULL;
	ok = bench_run(argv, out, c);
	bench_rm(db);
	free(db);
	return ok;
}

/* --- storm ----------------------------------------------------------------- */

static uint64_t bench_mail_lines, bench_mail_bytes;
static FILE *bench_mail_cat;

static int bench_mail_add(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	const char *base = path + ftw->base;
	uint64_t off = 0;

	(void)st;
	if (flag != FTW_F || strcmp(base, "mail.log") != 0)
		return 0;
	bench_count_lines(path, &off, &bench_mail_lines);
	bench_mail_bytes += off;
	if (bench_mail_cat) {
		FILE *in = fopen(path, "r");
		static char buf[1 << 16];
		size_t n;

		while (in && (n = fread(buf, 1, sizeof(buf), in)) > 0)
			fwrite(buf, 1, n, bench_mail_cat);
		if (in)
			fclose(in);
	}
	return 0;
}

static void bench_storm(struct bench *b)
{
	struct bench_result *r = &b->res[CASE_STORM];
	char *scn = bench_fmt("%s/mail-storm-phishing.lua", b->scenarios);
	char *out = bench_fmt("%s/storm-out", b->work), *rpl = bench_fmt("%s/storm.rpl", b->work);
	char *log = bench_fmt("%s/storm.txt", b->work);
	const char *opts[] = { "--background", "0", "--out", out, "--replay", rpl };

	if (b->small) {
		char *copy = bench_fmt("%s/storm-small.lua", b->work);
		const char *key[] = { "local BLOCKED = " }, *val[] = { "local BLOCKED = 20000" };

		if (!bench_scale_file(scn, copy, key, val, 1))
			bench_fail(r, "%s: %s", scn, strerror(errno));
		free(scn);
		scn = copy;
	}
	for (int run = 0; run < b->runs && !r->failed; run++) {
		struct bench_child c;
		uint64_t events, bytes, rbytes, records;

		bench_rm(out);
		bench_rm(rpl);
		if (!bench_drill(b, scn, opts, 6, log, &c)) {
			bench_fail(r, "irdrill run exited with %d (see %s)", c.status, log);
			break;
		}
		events = bench_grep_u64(log, "sensor records: ");
		/* What the replay holds: each mail once per sensor logging it. */
		records = bench_grep_u64(log, "replay: ");
		bytes = bench_tree_size(out);
		rbytes = bench_file_size(rpl);
		bench_mail_lines = bench_mail_bytes = 0;
		bench_mail_cat = NULL;
		if (run == b->runs - 1) {
			free(b->storm_log);
			b->storm_log = bench_fmt("%s/storm-mail.log", b->work);
			bench_mail_cat = fopen(b->storm_log, "w");
		}
		nftw(out, bench_mail_add, 16, FTW_PHYS);
		if (bench_mail_cat)
			fclose(bench_mail_cat);
		bench_mail_cat = NULL;
		if (events == 0 || records == 0 || bench_mail_lines == 0) {
			bench_fail(r, "no mail events or lines (see %s)", log);
			break;
		}
		b->storm_lines = bench_mail_lines;
		b->storm_log_bytes = bench_mail_bytes;
		b->storm_replay_bytes = rbytes;
		b->storm_events = events;
		b->storm_records = records;
		bench_put(r, "events", (double)events);
		bench_put(r, "mail_lines", (double)bench_mail_lines);
		bench_put(r, "wall_s", c.wall);
		bench_put(r, "events_s", (double)events / c.wall);
		bench_put(r, "lines_s", (double)bench_mail_lines / c.wall);
		bench_put(r, "mb_s", (double)bytes / 1e6 / c.wall);
		bench_put(r, "out_mb", (double)bytes / 1e6);
		bench_put(r, "rss_mb", c.rss_mb);
		bench_put(r, "replay_bytes", (double)rbytes);
		bench_put(r, "replay_bytes_per_event", (double)rbytes / (double)events);
		bench_put(r, "replay_records", (double)records);
		bench_put(r, "replay_bytes_per_record", (double)rbytes / (double)records);
		r->ran = true;
	}
	bench_rm(out);
	free(scn), free(out), free(rpl), free(log);
}

/* --- storm-reference: loggen through syslog-ng to a file, gzip -6 ---------- */

/* syslog-ng's loggen and syslog-ng itself, unpacked from Debian's
 * packages into build/loggen (syslog-ng-core conflicts with rsyslog, so
 * it is never installed); false if they cannot be had. */
static bool bench_loggen_fetch(struct bench *b, char **root)
{
	char *dir = bench_fmt("%s/loggen", b->bindir), *bin = bench_fmt("%s/usr/bin/loggen", dir), *cmd;
	bool ok = true;

	*root = dir;
	if (access(bin, X_OK) != 0) {
		cmd = bench_fmt("set -e; rm -rf '%s.part'; mkdir -p '%s.part'; cd '%s.part'; "
				"apt-get download syslog-ng-core libivykis0 libnet1 libwrap0 >download.log 2>&1; "
				"for d in *.deb; do dpkg-deb -x \"$d\" root; done; "
				"rm -rf '%s'; mv root '%s'; cd ..; rm -rf '%s.part'",
				dir, dir, dir, dir, dir, dir);
		ok = bench_sh(cmd);
		free(cmd);
	}
	ok = ok && access(bin, X_OK) == 0;
	free(bin);
	return ok;
}

/* The environment loggen and syslog-ng need to run from the tree. */
static void bench_loggen_env(const char *root)
{
	char *lib = bench_fmt("%s/usr/lib/syslog-ng:%s/usr/lib/x86_64-linux-gnu:%s/lib/x86_64-linux-gnu", root, root,
			      root);
	char *prefix = bench_fmt("%s/usr", root);

	setenv("LD_LIBRARY_PATH", lib, 1);
	setenv("SYSLOGNG_PREFIX", prefix, 1);
	free(lib);
	free(prefix);
}

static void bench_gzip(struct bench *b, struct bench_result *r)
{
	char *cmd = bench_fmt("gzip -6 -c '%s'", b->storm_log);
	FILE *p = popen(cmd, "r");
	static char buf[1 << 16];
	uint64_t total = 0;
	size_t n;

	free(cmd);
	if (p == NULL) {
		bench_fail(r, "gzip: %s", strerror(errno));
		return;
	}
	while ((n = fread(buf, 1, sizeof(buf), p)) > 0)
		total += n;
	if (pclose(p) != 0 || total == 0) {
		bench_fail(r, "gzip -6 failed");
		return;
	}
	bench_put(r, "gzip_bytes", (double)total);
	bench_put(r, "gzip_bytes_per_event", (double)total / (double)b->storm_events);
	bench_put(r, "gzip_bytes_per_record", (double)total / (double)b->storm_records);
	bench_put(r, "replay_over_gzip", (double)b->storm_replay_bytes / (double)total);
}

static void bench_storm_ref(struct bench *b)
{
	struct bench_result *r = &b->res[CASE_STORM_REF];
	char *root = NULL, *conf = bench_fmt("%s/syslog-ng.conf", b->work), *sock = bench_fmt("%s/ng.sock", b->work);
	char *recv = bench_fmt("%s/ng-out.log", b->work);
	char *persist = bench_fmt("%s/ng.persist", b->work), *pidf = bench_fmt("%s/ng.pid", b->work);
	char *ctl = bench_fmt("%s/ng.ctl", b->work), *modules, *ngbin, *lgbin, *nglog = bench_fmt("%s/ng.txt", b->work);
	char count[32];
	FILE *fp;

	if (b->storm_log == NULL)
		bench_storm(b);
	if (b->storm_log == NULL || b->res[CASE_STORM].failed) {
		bench_fail(r, "needs the storm case's mail log");
		goto done;
	}
	if (!bench_loggen_fetch(b, &root)) {
		bench_fail(r, "could not unpack syslog-ng-core into %s (apt-get download, dpkg-deb -x)", root);
		goto done;
	}
	bench_loggen_env(root);
	modules = bench_fmt("--module-path=%s/usr/lib/syslog-ng/3.38", root);
	ngbin = bench_fmt("%s/usr/sbin/syslog-ng", root);
	lgbin = bench_fmt("%s/usr/bin/loggen", root);
	fp = fopen(conf, "w");
	if (fp == NULL) {
		bench_fail(r, "%s: %s", conf, strerror(errno));
		goto out;
	}
	/* Each line as loggen reads it (no parsing), written as it came. */
	fprintf(fp, "@version: 3.38\n"
		"options { threaded(yes); stats_freq(0); };\n"
		"source s { unix-stream(\"%s\" flags(no-parse) log_iw_size(100000) max_connections(4)); };\n"
		"destination d { file(\"%s\" template(\"${MSG}\\n\") flush_lines(1000)); };\n"
		"log { source(s); destination(d); flags(flow-control); };\n", sock, recv);
	fclose(fp);
	snprintf(count, sizeof(count), "%llu", (unsigned long long)b->storm_lines);
	for (int run = 0; run < b->runs && !r->failed; run++) {
		char *ng[] = { ngbin, "-F", "-f", conf, modules, "-R", persist, "-p", pidf, "-c", ctl, NULL };
		char *lg[] = { lgbin, "-x", "-S", "-d", "-Q", "-R", b->storm_log, "-n", count, "-r", "1000000000",
			       "-I", "100000", sock, NULL };
		struct bench_child c;
		pid_t ngpid;
		double t0;
		uint64_t got;

		bench_rm(recv), bench_rm(sock), bench_rm(persist);
		ngpid = bench_start(ng, nglog);
		for (int i = 0; i < 500 && access(sock, F_OK) != 0; i++)
			bench_sleep_ms(10);
		if (access(sock, F_OK) != 0) {
			bench_stop(ngpid);
			bench_fail(r, "syslog-ng did not start (see %s)", nglog);
			break;
		}
		t0 = bench_now();
		if (!bench_run(lg, NULL, &c)) {
			bench_stop(ngpid);
			bench_fail(r, "loggen exited with %d", c.status);
			break;
		}
		got = bench_wait_lines(recv, b->storm_lines, 600);
		c.wall = bench_now() - t0;
		bench_stop(ngpid);
		if (got < b->storm_lines) {
			bench_fail(r, "syslog-ng wrote %llu of %llu lines", (unsigned long long)got,
				   (unsigned long long)b->storm_lines);
			break;
		}
		bench_put(r, "lines", (double)got);
		bench_put(r, "wall_s", c.wall);
		bench_put(r, "loggen_lines_s", (double)got / c.wall);
		r->ran = true;
	}
	bench_rm(recv);
	if (!r->failed)
		bench_gzip(b, r);
out:
	free(modules), free(ngbin), free(lgbin);
done:
	free(root), free(conf), free(sock), free(recv), free(persist), free(pidf), free(ctl), free(nglog);
}

/* --- day ------------------------------------------------------------------- */

static void bench_day(struct bench *b)
{
	struct bench_result *r = &b->res[CASE_DAY];
	char *src = bench_fmt("%s/annual-drill-2023.lua", b->scenarios), *scn = bench_fmt("%s/day.lua", b->work);
	char *out = bench_fmt("%s/day-out", b->work), *log = bench_fmt("%s/day.txt", b->work);
	const char *opts[] = { "--out", out };
	int hours = b->small ? 1 : 24;
	char *dur = bench_fmt("  duration = hours(%d),", hours);
	const char *key[] = { "  duration = " }, *val[] = { dur };

	if (!bench_scale_file(src, scn, key, val, 1))
		bench_fail(r, "%s: %s", src, strerror(errno));
	for (int run = 0; run < b->runs && !r->failed; run++) {
		struct bench_child c;
		uint64_t events;

		bench_rm(out);
		if (!bench_drill(b, scn, opts, 2, log, &c)) {
			bench_fail(r, "irdrill run exited with %d (see %s)", c.status, log);
			break;
		}
		events = bench_grep_u64(log, "sensor records: ");
		bench_put(r, "sim_s", hours * 3600.0);
		bench_put(r, "events", (double)events);
		bench_put(r, "wall_s", c.wall);
		bench_put(r, "sim_s_per_s", hours * 3600.0 / c.wall);
		bench_put(r, "events_s", (double)events / c.wall);
		bench_put(r, "rss_mb", c.rss_mb);
		r->ran = true;
	}
	bench_rm(out);
	free(src), free(scn), free(out), free(log), free(dur);
}

/* --- flows ----------------------------------------------------------------- */

static void bench_flows(struct bench *b)
{
	struct bench_result *r = &b->res[CASE_FLOWS];
	char *src = bench_fmt("%s/../tests/bench/flows.lua", b->scenarios), *scn = bench_fmt("%s/flows.lua", b->work);
	char *out = bench_fmt("%s/flows-out", b->work), *log = bench_fmt("%s/flows.txt", b->work);
	char *rpl = bench_fmt("%s/flows.rpl", b->work);
	const char *opts[] = { "--background", "0", "--out", out, "--replay", rpl };
	const char *key[] = { "local WAVES = ", "local HOURS = " };
	const char *val[] = { b->small ? "local WAVES = 2" : "local WAVES = 40",
			      b->small ? "local HOURS = 2" : "local HOURS = 24" };

	if (!bench_scale_file(src, scn, key, val, 2))
		bench_fail(r, "%s: %s", src, strerror(errno));
	for (int run = 0; run < b->runs && !r->failed; run++) {
		for (int with_replay = 0; with_replay < 2; with_replay++) {
			struct bench_child c;
			uint64_t events, eve, off = 0;
			char *eve_path = bench_fmt("%s/soc-suricata/eve.json", out);

			bench_rm(out);
			bench_rm(rpl);
			if (!bench_drill(b, scn, opts, with_replay ? 6 : 4, log, &c)) {
				bench_fail(r, "irdrill run exited with %d (see %s)", c.status, log);
				free(eve_path);
				break;
			}
			events = bench_grep_u64(log, "sensor records: ");
			eve = 0;
			bench_count_lines(eve_path, &off, &eve);
			free(eve_path);
			if (!with_replay) {
				bench_put(r, "events", (double)events);
				bench_put(r, "eve_lines", (double)eve);
				bench_put(r, "wall_s", c.wall);
				bench_put(r, "events_s", (double)events / c.wall);
				bench_put(r, "rss_mb", c.rss_mb);
			} else {
				uint64_t rb = bench_file_size(rpl);

				bench_put(r, "wall_s_replay", c.wall);
				bench_put(r, "events_s_replay", (double)events / c.wall);
				bench_put(r, "replay_bytes_per_event", (double)rb / (double)events);
				free(b->flows_replay);
				b->flows_replay = xstrdup(rpl);
			}
			r->ran = true;
		}
	}
	bench_rm(out);
	free(src), free(scn), free(out), free(log), free(rpl);
}

/* --- forked in-process cases ------------------------------------------------ */

/* Run fn in a child that writes key=value text to fd; the text (to free)
 * or NULL, and the child's figures. */
static char *bench_fork(void (*fn)(struct bench *b, FILE *out), struct bench *b, struct bench_child *c)
{
	int fds[2];
	double t0 = bench_now();
	pid_t pid;
	char *text = NULL;
	size_t len = 0, cap = 0;
	char buf[4096];
	ssize_t n;

	memset(c, 0, sizeof(*c));
	if (pipe(fds) != 0)
		return NULL;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		FILE *out;

		close(fds[0]);
		out = fdopen(fds[1], "w");
		if (out == NULL)
			_exit(1);
		fn(b, out);
		fclose(out);
		_exit(0);
	}
	close(fds[1]);
	if (pid < 0) {
		close(fds[0]);
		return NULL;
	}
	while ((n = read(fds[0], buf, sizeof(buf))) > 0 || (n < 0 && errno == EINTR)) {
		if (n < 0)
			continue;
		text = xgrow(text, &cap, len + (size_t)n + 1, 1);
		memcpy(text + len, buf, (size_t)n);
		len += (size_t)n;
		text[len] = '\0';
	}
	close(fds[0]);
	bench_reap(pid, t0, c);
	return text;
}

/* The value of key in a child's key=value text. */
static bool bench_kv(const char *text, const char *key, double *v)
{
	size_t n = strlen(key);

	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (strncmp(p, key, n) == 0 && p[n] == '=') {
			*v = strtod(p + n + 1, NULL);
			return true;
		}
	return false;
}

static void bench_put_kv(struct bench_result *r, const char *text, const char *const *keys)
{
	for (int i = 0; keys[i]; i++) {
		double v;

		if (bench_kv(text, keys[i], &v))
			bench_put(r, keys[i], v);
		else
			bench_fail(r, "the measurement did not report %s%s%s", keys[i], text[0] ? ": " : "", text);
	}
}

static void bench_seek_child(struct bench *b, FILE *out)
{
	char err[1024];
	double t0 = bench_now(), ms[100];
	struct replay_reader *rd = replay_open(b->flows_replay, err, sizeof(err));
	const struct replay_header *h;
	struct replay_record rec;
	struct rng rng;
	uint64_t records = 0;
	int n = (int)(sizeof(ms) / sizeof(*ms));

	if (rd == NULL) {
		fprintf(out, "error=%s\n", err);
		return;
	}
	fprintf(out, "open_ms=%.3f\n", (bench_now() - t0) * 1000);
	for (size_t i = 0; i < replay_chunks(rd); i++)
		records += replay_chunk(rd, i)->records;
	h = replay_header(rd);
	rng_seed(&rng, 8);
	for (int i = 0; i < n; i++) {
		sim_time_t t = (sim_time_t)rng_below(&rng, (uint64_t)(h->duration > 0 ? h->duration : 1));
		int got;

		t0 = bench_now();
		/* To the first record at t: the chunk, then through it. */
		replay_seek(rd, t);
		while ((got = replay_next(rd, &rec, err, sizeof(err))) == 1 && rec.clock < t)
			;
		ms[i] = (bench_now() - t0) * 1000;
		if (got < 0) {
			fprintf(out, "error=%s\n", err);
			replay_close(rd);
			return;
		}
	}
	qsort(ms, (size_t)n, sizeof(*ms), bench_cmp_double);
	fprintf(out, "records=%llu\nseeks=%d\nmedian_ms=%.3f\nworst_ms=%.3f\n", (unsigned long long)records, n,
		(ms[n / 2 - 1] + ms[n / 2]) / 2, ms[n - 1]);
	replay_close(rd);
}

static void bench_seek(struct bench *b)
{
	struct bench_result *r = &b->res[CASE_SEEK];
	static const char *const keys[] = { "records", "open_ms", "median_ms", "worst_ms", NULL };

	if (b->flows_replay == NULL)
		bench_flows(b);
	if (b->flows_replay == NULL) {
		bench_fail(r, "needs the flows case's replay");
		return;
	}
	for (int run = 0; run < b->runs && !r->failed; run++) {
		struct bench_child c;
		char *text = bench_fork(bench_seek_child, b, &c);

		if (text == NULL || c.status != 0) {
			bench_fail(r, "the seek child failed (%d)", c.status);
		} else {
			bench_put_kv(r, text, keys);
			bench_put(r, "rss_mb", c.rss_mb);
			r->ran = true;
		}
		free(text);
	}
}

static int bench_scale_hosts(const struct bench *b)
{
	return b->small ? 2000 : 100000;
}

/*
 * A synthetic province: 10 districts of 10 communes, each commune a LAN
 * segment of hosts (a /21), a data center with servers, a policy that
 * lets the districts reach the data center and the Internet, and a
 * Suricata sensor on the data center.
 */
static bool bench_scale_write(const struct bench *b, const char *path)
{
	FILE *fp = fopen(path, "w");
	int hosts = bench_scale_hosts(b), per = (hosts + 99) / 100, made = 0;

	if (fp == NULL)
		return false;
	fprintf(fp, "-- generated by irdrill bench: %d hosts\n"
		"network { id = \"bench-scale\", name = \"Tỉnh đo hiệu năng\", name_en = \"Benchmark province\" }\n"
		"site { id = \"p\", kind = \"province\", name = \"Tỉnh\" }\n"
		"site { id = \"dc\", kind = \"datacenter\", parent = \"p\", name = \"Trung tâm dữ liệu\" }\n"
		"site { id = \"soc\", kind = \"soc\", parent = \"p\", name = \"SOC\", firewall = false }\n"
		"segment { id = \"dc-srv\", site = \"dc\", zone = \"servers\", cidr = \"10.200.0.0/16\" }\n"
		"segment { id = \"soc-lan\", site = \"soc\", zone = \"soc\", cidr = \"10.201.0.0/24\" }\n"
		"account { name = \"admin\", site = \"p\", admin = true }\n", hosts);
	for (int d = 0; d < 10; d++) {
		fprintf(fp, "site { id = \"d%d\", kind = \"district\", subkind = \"district\", parent = \"p\", "
			"name = \"Huyện %d\" }\n", d, d);
		for (int c = 0; c < 10; c++) {
			fprintf(fp, "site { id = \"d%d-c%d\", kind = \"commune\", subkind = \"commune\", parent = \"d%d\", "
				"name = \"Xã %d-%d\" }\n", d, c, d, d, c);
			fprintf(fp, "segment { id = \"d%d-c%d-lan\", site = \"d%d-c%d\", zone = \"lan\", "
				"cidr = \"10.%d.%d.0/21\" }\n", d, c, d, c, d, c * 8);
		}
	}
	for (int s = 0; s < 100 && made < hosts; s++)
		for (int i = 0; i < per && made < hosts; i++, made++) {
			int d = s / 10, c = s % 10, ip = i + 10;

			if (made % 10 == 0)
				fprintf(fp, "host { name = \"srv-%d\", segment = \"dc-srv\", ip = \"10.200.%d.%d\", "
					"os = \"Ubuntu 22.04\", role = \"web\", criticality = \"medium\", "
					"services = { \"tcp/443 https nginx 1.18\", \"tcp/22 ssh OpenSSH 8.9\" } }\n",
					made, made / 10 / 250, made / 10 % 250 + 1);
			else
				fprintf(fp, "host { name = \"pc-%d-%d-%d\", segment = \"d%d-c%d-lan\", "
					"ip = \"10.%d.%d.%d\", os = \"Windows 10 Pro 22H2\", role = \"workstation\", "
					"criticality = \"low\", services = { \"tcp/445 smb\", \"tcp/3389 rdp\" } }\n",
					d, c, i, d, c, d, c * 8 + ip / 250, ip % 250 + 1);
		}
	fprintf(fp, "sensor { id = \"ids-dc\", type = \"suricata\", site = \"soc\", "
		"watch = { segments = { \"dc-srv\" } } }\n"
		"allow { from = \"p\", to = \"dc\", ports = { \"tcp/443\", \"tcp/22\" } }\n"
		"allow { from = \"p\", to = \"internet\" }\n"
		"allow { from = \"dc\", to = \"p\", ports = \"tcp/445\" }\n");
	return fclose(fp) == 0;
}

static char *bench_scale_path;

static void bench_scale_child(struct bench *b, FILE *out)
{
	struct diag errs;
	double t0 = bench_now(), t1;
	struct net *net;
	struct rng rng;
	int queries = b->small ? 20000 : 1000000, ok = 0;
	struct rusage ru;

	diag_init(&errs);
	net = net_load(bench_scale_path, &errs);
	t1 = bench_now();
	if (net == NULL) {
		fprintf(out, "error=the model does not load\n");
		diag_print(&errs, stderr);
		diag_free(&errs);
		return;
	}
	diag_free(&errs);
	getrusage(RUSAGE_SELF, &ru);
	fprintf(out, "hosts=%d\nload_s=%.4f\nload_rss_mb=%.1f\n", net->nhosts, t1 - t0, (double)ru.ru_maxrss / 1024.0);
	rng_seed(&rng, 100000);
	t0 = bench_now();
	for (int i = 0; i < queries; i++) {
		struct net_flow f = { 0 };
		const struct net_host *src = &net->hosts[rng_below(&rng, (uint64_t)net->nhosts)];
		const struct net_host *dst = &net->hosts[rng_below(&rng, (uint64_t)net->nhosts)];

		f.src = src->ip;
		f.dst = dst->ip;
		f.proto = 6;
		f.port = i % 2 ? 445 : 443;
		ok += net_flow(net, &f) == NET_FLOW_OK;
	}
	t1 = bench_now();
	fprintf(out, "queries=%d\nreachable=%d\nqueries_s=%.0f\n", queries, ok, queries / (t1 - t0));
	net_free(net);
}

static void bench_scale(struct bench *b)
{
	struct bench_result *r = &b->res[CASE_SCALE];
	static const char *const keys[] = { "hosts", "load_s", "load_rss_mb", "queries_s", NULL };

	free(bench_scale_path);
	bench_scale_path = bench_fmt("%s/scale-%d.lua", b->work, bench_scale_hosts(b));
	if (!bench_scale_write(b, bench_scale_path)) {
		bench_fail(r, "%s: %s", bench_scale_path, strerror(errno));
		return;
	}
	bench_put(r, "file_mb", (double)bench_file_size(bench_scale_path) / 1e6);
	for (int run = 0; run < b->runs && !r->failed; run++) {
		struct bench_child c;
		char *text = bench_fork(bench_scale_child, b, &c);

		if (text == NULL || c.status != 0) {
			bench_fail(r, "the scale child failed (%d)", c.status);
		} else {
			bench_put_kv(r, text, keys);
			bench_put(r, "rss_mb", c.rss_mb);
			r->ran = true;
		}
		free(text);
	}
}

/* --- syslog: irdrill and loggen over TCP to one rsyslogd ------------------- */

/* rsyslogd on 127.0.0.1:port (imtcp) writing each message's text to
 * path; its pid or -1. */
static pid_t bench_rsyslogd(struct bench *b, int port, const char *path)
{
	char *conf = bench_fmt("%s/rsyslog.conf", b->work), *work = bench_fmt("%s/rsyslog-work", b->work);
	char *pidf = bench_fmt("%s/rsyslogd.pid", b->work), *log = bench_fmt("%s/rsyslogd.txt", b->work);
	char *argv[] = { "rsyslogd", "-n", "-f", conf, "-i", pidf, NULL };
	FILE *fp = fopen(conf, "w");
	pid_t pid = -1;

	mkdir(work, 0777);
	if (fp) {
		fprintf(fp, "global(workDirectory=\"%s\")\n"
			"module(load=\"imtcp\")\n"
			"input(type=\"imtcp\" address=\"127.0.0.1\" port=\"%d\" ruleset=\"bench\")\n"
			"template(name=\"Msg\" type=\"string\" string=\"%%msg%%\\n\")\n"
			"ruleset(name=\"bench\") { action(type=\"omfile\" file=\"%s\" template=\"Msg\") }\n",
			work, port, path);
		fclose(fp);
		unlink(pidf);
		pid = bench_start(argv, log);
		for (int i = 0; i < 500 && !bench_tcp_up(port); i++)
			bench_sleep_ms(10);
		if (!bench_tcp_up(port)) {
			bench_stop(pid);
			pid = -1;
		}
	}
	free(conf), free(work), free(pidf), free(log);
	return pid;
}

static void bench_syslog(struct bench *b)
{
	struct bench_result *r = &b->res[CASE_SYSLOG];
	char *src = bench_fmt("%s/mail-storm-phishing.lua", b->scenarios), *scn = bench_fmt("%s/syslog.lua", b->work);
	char *recv = bench_fmt("%s/rsyslog-out.log", b->work), *log = bench_fmt("%s/syslog.txt", b->work);
	const char *key[] = { "local BLOCKED = " };
	const char *val[] = { b->small ? "local BLOCKED = 5000" : "local BLOCKED = 500000" };
	char *root = NULL;
	bool have_loggen;

	if (!bench_scale_file(src, scn, key, val, 1))
		bench_fail(r, "%s: %s", src, strerror(errno));
	have_loggen = bench_loggen_fetch(b, &root);
	if (have_loggen)
		bench_loggen_env(root);
	else
		bench_fail(r, "could not unpack syslog-ng-core into %s", root);
	for (int run = 0; run < b->runs && !r->failed; run++) {
		int port = bench_free_port();
		char *spec = bench_fmt("tcp://127.0.0.1:%d", port), *lgbin = bench_fmt("%s/usr/bin/loggen", root);
		const char *opts[] = { "--background", "0", "--syslog", spec };
		struct bench_child c;
		uint64_t sent, got, bytes;
		pid_t rs;
		double t0;
		char count[32], size[32], portstr[16];

		bench_rm(recv);
		rs = bench_rsyslogd(b, port, recv);
		if (rs < 0) {
			bench_fail(r, "rsyslogd did not start (see %s/rsyslogd.txt)", b->work);
			free(spec), free(lgbin);
			break;
		}
		t0 = bench_now();
		if (!bench_drill(b, scn, opts, 4, log, &c)) {
			bench_stop(rs);
			bench_fail(r, "irdrill run exited with %d (see %s)", c.status, log);
			free(spec), free(lgbin);
			break;
		}
		sent = bench_grep_u64(log, "syslog: ");
		got = bench_wait_lines(recv, sent, 300);
		c.wall = bench_now() - t0;
		bytes = bench_file_size(recv);
		bench_put(r, "messages", (double)sent);
		bench_put(r, "irdrill_msgs_s", (double)got / c.wall);
		bench_put(r, "rss_mb", c.rss_mb);
		bench_stop(rs);
		if (got < sent || sent == 0) {
			bench_fail(r, "rsyslogd wrote %llu of %llu messages", (unsigned long long)got,
				   (unsigned long long)sent);
			free(spec), free(lgbin);
			break;
		}
		/* loggen: as many messages, of the average size rsyslogd wrote. */
		bench_rm(recv);
		port = bench_free_port();
		rs = bench_rsyslogd(b, port, recv);
		snprintf(count, sizeof(count), "%llu", (unsigned long long)sent);
		snprintf(size, sizeof(size), "%llu", (unsigned long long)(bytes / sent));
		snprintf(portstr, sizeof(portstr), "%d", port);
		{
			char *lg[] = { lgbin, "-i", "-S", "-Q", "-s", size, "-n", count, "-r", "1000000000",
				       "-I", "100000", "127.0.0.1", portstr, NULL };

			t0 = bench_now();
			if (rs < 0 || !bench_run(lg, NULL, &c)) {
				bench_stop(rs);
				bench_fail(r, "loggen to rsyslogd failed");
				free(spec), free(lgbin);
				break;
			}
		}
		got = bench_wait_lines(recv, sent, 300);
		c.wall = bench_now() - t0;
		bench_stop(rs);
		if (got < sent) {
			bench_fail(r, "rsyslogd wrote %llu of loggen's %llu messages", (unsigned long long)got,
				   (unsigned long long)sent);
			free(spec), free(lgbin);
			break;
		}
		bench_put(r, "loggen_msgs_s", (double)got / c.wall);
		r->ran = true;
		free(spec), free(lgbin);
	}
	bench_rm(recv);
	free(src), free(scn), free(log), free(root), free(recv);
}

/* --- report ----------------------------------------------------------------- */

/* Counts whole, other figures to six significant digits. */
static void bench_print_num(double v)
{
	if (v == floor(v) && fabs(v) < 1e15)
		printf("%.0f", v);
	else
		printf("%.6g", v);
}

static void bench_print_line(const struct bench *b, int i)
{
	const struct bench_result *r = &b->res[i];

	printf("bench case=%s runs=%d size=%s", bench_case_names[i], b->runs, b->small ? "small" : "full");
	if (r->failed) {
		printf(" status=failed reason=\"");
		for (const char *p = r->why; *p; p++)
			putchar(*p == '"' || *p == '\n' ? '\'' : *p);
		printf("\"\n");
		return;
	}
	printf(" status=ok");
	for (int k = 0; k < r->nm; k++) {
		double med, lo, hi;

		bench_stats(&r->m[k], &med, &lo, &hi);
		printf(" %s=", r->m[k].name);
		bench_print_num(med);
		printf(" %s_min=", r->m[k].name);
		bench_print_num(lo);
		printf(" %s_max=", r->m[k].name);
		bench_print_num(hi);
	}
	putchar('\n');
	fflush(stdout);
}

static void bench_summary(const struct bench *b, const bool *want)
{
	const struct bench_result *st = &b->res[CASE_STORM], *ref = &b->res[CASE_STORM_REF];
	double v, w;

	printf("\nsummary (medians of %d run%s, %s sizes):\n", b->runs, b->runs == 1 ? "" : "s",
	       b->small ? "small" : "full");
	if (want[CASE_STORM] && st->ran && bench_median(st, "events_s", &v) && bench_median(st, "wall_s", &w)) {
		double per = 0;

		bench_median(st, "replay_bytes_per_event", &per);
		printf("  storm: %.0f events/s, %.1f s wall, replay %.1f bytes per mail event", v, w, per);
		if (bench_median(st, "replay_bytes_per_record", &per))
			printf(", %.1f per sensor record (target <= 10)", per);
		putchar('\n');
	}
	if (want[CASE_STORM_REF] && ref->ran && !ref->failed && bench_median(st, "lines_s", &v) &&
	    bench_median(ref, "loggen_lines_s", &w)) {
		printf("  storm vs loggen (to syslog-ng, to a file): %.0f vs %.0f lines/s = %.2fx (target >= 1.5x)\n",
		       v, w, v / w);
		if (bench_median(ref, "replay_over_gzip", &v) && bench_median(ref, "gzip_bytes_per_record", &w))
			printf("  replay / gzip -6 of the mail logs: %.2f (gzip: %.1f bytes per sensor record)\n", v, w);
	}
	if (want[CASE_DAY] && b->res[CASE_DAY].ran && bench_median(&b->res[CASE_DAY], "sim_s_per_s", &v))
		printf("  day: %.0f simulated s per wall s (target >= 3600)\n", v);
	if (want[CASE_FLOWS] && b->res[CASE_FLOWS].ran && bench_median(&b->res[CASE_FLOWS], "events_s", &v) &&
	    bench_median(&b->res[CASE_FLOWS], "events_s_replay", &w))
		printf("  flows: %.0f events/s to files, %.0f with the replay\n", v, w);
	if (want[CASE_SEEK] && b->res[CASE_SEEK].ran && bench_median(&b->res[CASE_SEEK], "median_ms", &v) &&
	    bench_median(&b->res[CASE_SEEK], "worst_ms", &w))
		printf("  seek: %.1f ms median, %.1f ms worst (target <= 50 ms median on >= 10M events)\n", v, w);
	if (want[CASE_SCALE] && b->res[CASE_SCALE].ran && bench_median(&b->res[CASE_SCALE], "load_s", &v) &&
	    bench_median(&b->res[CASE_SCALE], "rss_mb", &w))
		printf("  scale: %.2f s to load, %.0f MB (target <= 1 s within 200 MB for 100,000 hosts)\n", v, w);
	if (want[CASE_SYSLOG] && b->res[CASE_SYSLOG].ran &&
	    bench_median(&b->res[CASE_SYSLOG], "irdrill_msgs_s", &v) &&
	    bench_median(&b->res[CASE_SYSLOG], "loggen_msgs_s", &w))
		printf("  syslog over TCP to rsyslogd: %.0f vs loggen %.0f messages/s = %.2fx\n", v, w, v / w);
	for (int i = 0; i < CASE_COUNT; i++)
		if (want[i] && b->res[i].failed)
			printf("  %s: failed: %s\n", bench_case_names[i], b->res[i].why);
}

static bool bench_parse_cases(const char *list, bool *want)
{
	char *copy = xstrdup(list), *save = NULL;
	bool ok = true;

	memset(want, 0, CASE_COUNT * sizeof(*want));
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		int i = 0;

		while (i < CASE_COUNT && strcmp(t, bench_case_names[i]) != 0)
			i++;
		if (i == CASE_COUNT)
			ok = false;
		else
			want[i] = true;
	}
	free(copy);
	return ok;
}

int cmd_bench(const struct cli_cmd *cmd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "runs", required_argument, NULL, 'r' },
		{ "case", required_argument, NULL, 'c' },
		{ "small", no_argument, NULL, 's' },
		{ "full", no_argument, NULL, 'f' },
		{ "dir", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	struct bench b = { 0 };
	bool want[CASE_COUNT];
	char exe[PATH_MAX];
	const char *dir = NULL;
	ssize_t n;
	int c, failed = 0;

	for (int i = 0; i < CASE_COUNT; i++)
		want[i] = true;
	b.runs = 3;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (c) {
		case 'r': {
			char *end;
			long v = strtol(optarg, &end, 10);

			if (*end != '\0' || v < 1 || v > BENCH_RUNS_MAX)
				return cli_bad_usage(cmd, "--runs '%s' is not 1 to %d", optarg, BENCH_RUNS_MAX);
			b.runs = (int)v;
			break;
		}
		case 'c':
			if (!bench_parse_cases(optarg, want))
				return cli_bad_usage(cmd, "--case '%s': the cases are storm, storm-reference, day, "
						     "flows, seek, scale, syslog", optarg);
			break;
		case 's':
			b.small = true;
			break;
		case 'f':
			b.small = false;
			break;
		case 'd':
			dir = optarg;
			break;
		default:
			return cli_bad_option(cmd, c, argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_bad_usage(cmd, "takes no arguments but options");
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	b.scenarios = paths_scenarios_dir();
	if (n <= 0 || b.scenarios == NULL) {
		fprintf(stderr, "irdrill bench: cannot find this binary or the scenarios folder\n");
		return CLI_ERROR;
	}
	exe[n] = '\0';
	b.self = xstrdup(exe);
	*strrchr(exe, '/') = '\0';
	b.bindir = xstrdup(exe);
	b.work = dir ? xstrdup(dir) : bench_fmt("%s/bench", b.bindir);
	if ((mkdir(b.work, 0777) != 0 && errno != EEXIST) || realpath(b.work, exe) == NULL) {
		fprintf(stderr, "irdrill bench: %s: %s\n", b.work, strerror(errno));
		return CLI_ERROR;
	}
	/* Absolute: the reference daemons resolve paths from elsewhere. */
	free(b.work);
	b.work = xstrdup(exe);
	fprintf(stderr, "irdrill bench: %d run%s of each case, %s sizes, scratch in %s\n", b.runs,
		b.runs == 1 ? "" : "s", b.small ? "small" : "full", b.work);
	for (int i = 0; i < CASE_COUNT; i++) {
		if (!want[i])
			continue;
		fprintf(stderr, "irdrill bench: %s\n", bench_case_names[i]);
		switch (i) {
		case CASE_STORM: if (!b.res[i].ran) bench_storm(&b); break;
		case CASE_STORM_REF: bench_storm_ref(&b); break;
		case CASE_DAY: bench_day(&b); break;
		case CASE_FLOWS: if (!b.res[i].ran) bench_flows(&b); break;
		case CASE_SEEK: bench_seek(&b); break;
		case CASE_SCALE: bench_scale(&b); break;
		case CASE_SYSLOG: bench_syslog(&b); break;
		}
		bench_print_line(&b, i);
		failed += b.res[i].failed;
	}
	bench_summary(&b, want);
	if (b.storm_log)
		bench_rm(b.storm_log);
	if (b.flows_replay)
		bench_rm(b.flows_replay);
	free(b.storm_log), free(b.flows_replay), free(b.self), free(b.bindir), free(b.work);
	free(bench_scale_path);
	return failed ? CLI_ERROR : CLI_OK;
}
