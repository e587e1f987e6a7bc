/*
 * test_sink_syslog.c - the network syslog sink against real sockets on
 * 127.0.0.1: TCP delivery in order, a receiver that goes away mid-stream
 * and comes back (nothing lost, nothing twice, growing back-off), queue
 * overflow (oldest dropped, counted, the stream left whole), UDP
 * datagrams and pacing, and the --syslog SPEC errors.
 *
 * The sink is driven as the engine drives it: flushes with a wall time
 * the test makes up and advances, so back-off and pacing are exact; only
 * the kernel's moving of bytes takes real time (short polls).
 *
 * "test_sink_syslog --send SPEC [--rate N] [--bom]" is a small sender for
 * tests/integration/test_syslog.sh: it reads messages from stdin, one a
 * line, tab-separated
 *
 *   FAC SEV TIME HOST APP PROCID MSGID SD-ID SD-NAME SD-VALUE MSG
 *
 * (TIME as "2023-11-08T09:15:02.123456+07:00" or "-"; an empty column
 * is an absent field; "\n" in MSG stands for a line feed), sends them
 * through the sink with real wall times, closes it and prints
 * "queued=N sent=N dropped=N left=N".
 */
#include "harness.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "simclock.h"
#include "sink_syslog.h"
#include "strbuf.h"
#include "syslog_frame.h"
#include "xmalloc.h"

/* 2023-11-08T09:00:00+07:00. */
#define TEST_EPOCH_US INT64_C(1699408800000000)
#define TEST_MS ((int64_t)1000)

static struct simclock test_clock;

static int64_t test_monotonic_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void test_nonblock(int fd)
{
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

/* A socket bound to 127.0.0.1:*port (0: any free port, written back). */
static int test_bind(int type, uint16_t *port, int rcvbuf)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof a;
	int fd = socket(AF_INET, type, 0), one = 1;

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (rcvbuf > 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.sin_port = htons(*port);
	if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &len) != 0 ||
	    (type == SOCK_STREAM && listen(fd, 4) != 0)) {
		close(fd);
		return -1;
	}
	*port = ntohs(a.sin_port);
	test_nonblock(fd);
	return fd;
}

/* A port nothing listens on (for a moment, which is all a test needs). */
static uint16_t test_free_port(void)
{
	uint16_t port = 0;
	int fd = test_bind(SOCK_STREAM, &port, 0);

	close(fd);
	return port;
}

static struct sink_syslog *test_open(const char *fmt, uint16_t port,
				     const struct sink_syslog_options *opt)
{
	char spec[64];
	struct strbuf err = { 0 };
	struct sink_syslog *s;

	snprintf(spec, sizeof spec, fmt, (unsigned)port);
	s = sink_syslog_open(spec, &test_clock, opt, &err);
	if (s == NULL)
		printf("#   open %s: %s\n", spec, strbuf_str(&err));
	strbuf_free(&err);
	return s;
}

/* Message number seq: "seq=000042 " and then pad bytes of text. */
static void test_send(struct sink_syslog *s, int seq, size_t pad)
{
	static const char filler[] = "Cảnh báo: đăng nhập thất bại ";
	struct syslog_msg m = {
		.facility = SYSLOG_FAC_AUTH,
		.severity = SYSLOG_SEV_WARNING,
		.time = seq * TEST_MS,
		.hostname = "ubnd-px01",
		.app = "sshd",
		.procid = "4242",
	};
	struct strbuf text = { 0 };

	strbuf_addf(&text, "seq=%06d ", seq);
	while (text.len < 11 + pad)
		strbuf_adds(&text, filler);
	strbuf_truncate(&text, 11 + pad);
	m.msg = text.buf;
	m.msg_len = text.len;
	CHECK(sink_syslog_send(s, &m));
	strbuf_free(&text);
}

/* ---- a TCP receiver of octet-counted frames ------------------------------- */

struct test_rx {
	int fd;              /* the accepted connection, -1: none */
	struct strbuf part;  /* bytes not yet a whole frame */
	int *seqs;           /* seq of every whole frame, in arrival order */
	size_t n, cap;
	size_t bad;          /* frames that were not "LEN SP <...seq=N" */
	size_t cut;          /* connections that ended inside a frame */
};

static void test_rx_frames(struct test_rx *rx)
{
	size_t pos = 0;

	for (;;) {
		const char *p = rx->part.buf + pos, *end = rx->part.buf + rx->part.len;
		const char *sp = memchr(p, ' ', (size_t)(end - p)), *seq;
		char *num_end;
		unsigned long len;

		if (sp == NULL)
			break;
		len = strtoul(p, &num_end, 10);
		if (num_end != sp || len == 0) {
			rx->bad++;
			pos = rx->part.len;
			break;
		}
		if ((size_t)(end - sp - 1) < len)
			break;
		seq = strstr(sp + 1, "seq=");
		if (sp[1] != '<' || seq == NULL || seq > sp + 1 + len) {
			rx->bad++;
		} else {
			rx->seqs = xgrow(rx->seqs, &rx->cap, rx->n + 1, sizeof *rx->seqs);
			rx->seqs[rx->n++] = atoi(seq + 4);
		}
		pos = (size_t)(sp + 1 + len - rx->part.buf);
	}
	memmove(rx->part.buf, rx->part.buf + pos, rx->part.len - pos);
	strbuf_truncate(&rx->part, rx->part.len - pos);
}

static void test_rx_hangup(struct test_rx *rx)
{
	if (rx->part.len > 0)
		rx->cut++;
	strbuf_reset(&rx->part);
	if (rx->fd >= 0)
		close(rx->fd);
	rx->fd = -1;
}

/* Read what has arrived, waiting up to wait_ms for the first bytes. */
static void test_rx_read(struct test_rx *rx, int wait_ms)
{
	char buf[65536];
	struct pollfd p = { .fd = rx->fd, .events = POLLIN };
	ssize_t n;

	if (rx->fd < 0 || poll(&p, 1, wait_ms) <= 0)
		return;
	while ((n = recv(rx->fd, buf, sizeof buf, 0)) > 0) {
		strbuf_add(&rx->part, buf, (size_t)n);
		test_rx_frames(rx);
	}
	if (n == 0)
		test_rx_hangup(rx);
}

static void test_rx_accept(struct test_rx *rx, int lfd)
{
	if (rx->fd < 0 && lfd >= 0) {
		rx->fd = accept(lfd, NULL, NULL);
		if (rx->fd >= 0)
			test_nonblock(rx->fd);
	}
}

/* Read until nothing more comes for 30 ms. */
static void test_rx_drain(struct test_rx *rx)
{
	size_t before;

	do {
		before = rx->n + rx->part.len;
		test_rx_read(rx, 30);
	} while (rx->fd >= 0 && rx->n + rx->part.len != before);
}

static void test_rx_free(struct test_rx *rx)
{
	if (rx->fd >= 0)
		close(rx->fd);
	strbuf_free(&rx->part);
	free(rx->seqs);
}

static uint64_t test_pending(const struct sink_syslog *s)
{
	struct sink_syslog_stats st;

	sink_syslog_stats(s, &st);
	return st.pending;
}

/*
 * Flush at *now, accept and read, advancing *now by a millisecond a
 * round, until the receiver holds want frames (and, with settle, the
 * sink has nothing left), or about ten real seconds have gone.
 */
static void test_pump(struct sink_syslog *s, int lfd, struct test_rx *rx,
		      size_t want, bool settle, int64_t *now)
{
	int round;

	for (round = 0; round < 5000; round++) {
		sink_syslog_flush(s, *now);
		if (rx->n >= want && (!settle || test_pending(s) == 0))
			return;
		test_rx_accept(rx, lfd);
		if (rx->fd >= 0)
			test_rx_read(rx, 2);
		else
			poll(NULL, 0, 2);
		*now += TEST_MS;
	}
}

/* seqs[from, from+count) are first, first+1, ... */
static bool test_in_order(const struct test_rx *rx, size_t from, size_t count,
			  int first)
{
	size_t i;

	if (rx->n < from + count)
		return false;
	for (i = 0; i < count; i++)
		if (rx->seqs[from + i] != first + (int)i) {
			printf("#   frame %zu is seq %d, expected %d\n", from + i,
			       rx->seqs[from + i], first + (int)i);
			return false;
		}
	return true;
}

/* ---- TCP ------------------------------------------------------------------ */

/* Thousands of frames, Vietnamese text, one connection: all of them, in
 * order, octet counts right (the receiver parses by them). */
TEST(tcp_delivers_everything_in_order)
{
	uint16_t port = 0;
	int lfd = test_bind(SOCK_STREAM, &port, 0), i;
	struct test_rx rx = { .fd = -1 };
	struct sink_syslog *s = test_open("tcp://127.0.0.1:%u", port, NULL);
	struct sink_syslog_stats st;
	int64_t now = test_monotonic_us();

	CHECK(lfd >= 0 && s != NULL);
	if (lfd < 0 || s == NULL)
		return;
	for (i = 0; i < 5000; i++)
		test_send(s, i, (size_t)(i % 300));
	sink_syslog_stats(s, &st);
	CHECK_INT(st.queued, 5000);
	CHECK_INT(st.sent, 0);     /* sending queues, flushing sends */
	CHECK(!st.connected);
	test_pump(s, lfd, &rx, 5000, true, &now);
	CHECK_INT(rx.n, 5000);
	CHECK(test_in_order(&rx, 0, 5000, 0));
	CHECK_INT(rx.bad, 0);
	sink_syslog_stats(s, &st);
	CHECK_INT(st.sent, 5000);
	CHECK_INT(st.dropped, 0);
	CHECK_INT(st.pending, 0);
	CHECK_INT(st.reconnects, 0);
	CHECK(st.connected);
	CHECK_STR(st.last_error, "");
	CHECK_INT(sink_syslog_close(s, test_monotonic_us() + 1000000, &st), 0);
	test_rx_free(&rx);
	close(lfd);
}

/*
 * The receiver reads part of a long stream, then goes away (listener and
 * connection closed) while the sink still has most of it queued; it comes
 * back on the same port later.  Every frame arrives exactly once, in
 * order, across the two connections; a frame the first connection got
 * only part of is sent again whole; while the port is closed, the
 * reconnect attempts back off 250 ms, 500 ms, 1 s, 2 s.
 */
TEST(tcp_reconnect_loses_nothing)
{
	/* Some 9 MB: more than the kernel's socket buffers hold (4 MB at
	 * most by default), so most of it is still queued in the sink when
	 * the receiver goes. */
	const int total = 6000;
	struct sink_syslog_options opt = { .queue_bytes = (size_t)32 << 20 };
	uint16_t port = 0;
	int lfd = test_bind(SOCK_STREAM, &port, 4096), i;
	struct test_rx rx = { .fd = -1 };
	struct sink_syslog *s = test_open("tcp://127.0.0.1:%u", port, &opt);
	struct sink_syslog_stats st;
	int64_t now = test_monotonic_us(), delays[4];
	size_t first_part;

	CHECK(lfd >= 0 && s != NULL);
	if (lfd < 0 || s == NULL)
		return;
	for (i = 0; i < total; i++)
		test_send(s, i, 1400 + (size_t)(i % 97));
	test_pump(s, lfd, &rx, 300, false, &now);
	CHECK(rx.n >= 300);
	/* Stop flushing, take what the kernel still carries, hang up. */
	test_rx_drain(&rx);
	test_rx_hangup(&rx);
	close(lfd);
	first_part = rx.n;
	CHECK(first_part < (size_t)total);
	CHECK(test_in_order(&rx, 0, first_part, 0));

	/* The sink notices the close and waits before each new attempt,
	 * longer each time. */
	for (i = 0; i < 4; i++) {
		sink_syslog_flush(s, now);
		sink_syslog_stats(s, &st);
		CHECK(!st.connected);
		delays[i] = st.retry_at_us - now;
		/* Nothing is tried before it is due. */
		sink_syslog_flush(s, st.retry_at_us - 1);
		sink_syslog_stats(s, &st);
		CHECK_INT(st.retry_at_us - now, delays[i]);
		now = st.retry_at_us;
	}
	CHECK_INT(delays[0], 250000);
	CHECK_INT(delays[1], 500000);
	CHECK_INT(delays[2], 1000000);
	CHECK_INT(delays[3], 2000000);
	CHECK_CONTAINS(st.last_error, "Connection refused");
	CHECK_INT(st.reconnects, 0);

	lfd = test_bind(SOCK_STREAM, &port, 0);
	CHECK(lfd >= 0);
	test_pump(s, lfd, &rx, (size_t)total, true, &now);
	CHECK_INT(rx.n, total);
	CHECK(test_in_order(&rx, 0, (size_t)total, 0));
	CHECK_INT(rx.bad, 0);
	sink_syslog_stats(s, &st);
	CHECK_INT(st.reconnects, 1);
	CHECK_INT(st.sent, total);
	CHECK_INT(st.dropped, 0);
	CHECK_INT(st.pending, 0);
	/* The sink's last write before the hang-up stopped where the socket
	 * buffer was full, inside a frame (frames of 1.5 kB, of varied
	 * lengths, end exactly there about once in 1500 runs); that frame
	 * is among the ones that arrived once, whole. */
	CHECK_INT(rx.cut, 1);
	sink_syslog_close(s, test_monotonic_us() + 1000000, NULL);
	test_rx_free(&rx);
	close(lfd);
}

/* The length on the wire of message seq with pad bytes of text. */
static size_t test_wire_len(size_t pad)
{
	struct syslog_frame_settings fs = { &test_clock, SYSLOG_RFC5424, false };
	struct syslog_msg m = {
		.facility = SYSLOG_FAC_AUTH,
		.severity = SYSLOG_SEV_WARNING,
		.hostname = "ubnd-px01",
		.app = "sshd",
		.procid = "4242",
		.msg = "seq=000000 xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
		.msg_len = 11 + pad,
	};
	struct strbuf f = { 0 }, w = { 0 };
	size_t len;

	syslog_frame_render(&fs, &m, &f);
	syslog_frame_octet_counted(&w, f.buf, f.len);
	len = w.len;
	strbuf_free(&f);
	strbuf_free(&w);
	return len;
}

/* With the receiver down, a full queue gives up its oldest frames and
 * counts them; the newest arrive once it is back.  A frame bigger than
 * the whole queue is dropped at once. */
TEST(overflow_drops_oldest)
{
	const size_t limit = 1000, wire = test_wire_len(20);
	const size_t fit = limit / wire;
	struct sink_syslog_options opt = { .queue_bytes = limit };
	uint16_t port = test_free_port();
	struct sink_syslog *s = test_open("tcp://127.0.0.1:%u", port, &opt);
	struct test_rx rx = { .fd = -1 };
	struct sink_syslog_stats st;
	int64_t now = test_monotonic_us();
	int lfd, i;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	for (i = 0; i < 100; i++) {
		test_send(s, i, 20);
		if (i % 10 == 0)
			sink_syslog_flush(s, now); /* connection refused */
	}
	sink_syslog_stats(s, &st);
	CHECK_INT(st.queued, 100);
	CHECK_INT(st.pending, fit);
	CHECK_INT(st.dropped, 100 - fit);
	CHECK_INT(st.sent, 0);
	CHECK_CONTAINS(st.last_error, "connect to 127.0.0.1:");
	test_send(s, 100, 2000);
	sink_syslog_stats(s, &st);
	CHECK_INT(st.pending, fit);
	CHECK_INT(st.dropped, 101 - fit);

	lfd = test_bind(SOCK_STREAM, &port, 0);
	CHECK(lfd >= 0);
	now = st.retry_at_us;
	test_pump(s, lfd, &rx, fit, true, &now);
	CHECK_INT(rx.n, fit);
	CHECK(test_in_order(&rx, 0, fit, 100 - (int)fit));
	sink_syslog_stats(s, &st);
	CHECK_INT(st.sent, fit);
	CHECK_INT(st.queued, st.sent + st.dropped + st.pending);
	sink_syslog_close(s, test_monotonic_us() + 1000000, NULL);
	test_rx_free(&rx);
	close(lfd);
}

/*
 * A slow receiver (not reading) and a small queue: frames overflow while
 * the connection is up and one is likely cut short in the socket.  The
 * stream stays whole: every frame the receiver gets parses, numbers only
 * rise, the newest arrives, and what the sink counts as sent is exactly
 * what arrives.
 */
TEST(overflow_while_connected_keeps_stream_whole)
{
	struct sink_syslog_options opt = { .queue_bytes = 20000 };
	uint16_t port = 0;
	int lfd = test_bind(SOCK_STREAM, &port, 4096), i;
	struct test_rx rx = { .fd = -1 };
	struct sink_syslog *s = test_open("tcp://127.0.0.1:%u", port, &opt);
	struct sink_syslog_stats st;
	int64_t now = test_monotonic_us();
	size_t k;
	bool rising = true;

	CHECK(lfd >= 0 && s != NULL);
	if (lfd < 0 || s == NULL)
		return;
	/* 8 MB through a 20 kB queue and the kernel's buffers (4 MB at most
	 * by default). */
	for (i = 0; i < 8000; i++) {
		test_send(s, i, 997);
		if (i % 7 == 0) {
			sink_syslog_flush(s, now);
			test_rx_accept(&rx, lfd);
		}
		now += TEST_MS;
	}
	sink_syslog_stats(s, &st);
	CHECK(st.dropped > 0);
	CHECK_INT(st.queued, st.sent + st.dropped + st.pending);
	test_pump(s, lfd, &rx, 0, true, &now);
	test_rx_drain(&rx);
	sink_syslog_stats(s, &st);
	CHECK_INT(st.pending, 0);
	CHECK_INT(rx.bad, 0);
	CHECK_INT(rx.part.len, 0);
	CHECK_INT(rx.n, st.sent);
	CHECK_INT(st.queued, st.sent + st.dropped);
	for (k = 1; k < rx.n; k++)
		rising = rising && rx.seqs[k] > rx.seqs[k - 1];
	CHECK(rising);
	CHECK(rx.n > 0 && rx.seqs[rx.n - 1] == 7999);
	sink_syslog_close(s, test_monotonic_us() + 1000000, NULL);
	test_rx_free(&rx);
	close(lfd);
}

/* ---- UDP ------------------------------------------------------------------ */

/* Take the datagrams that have arrived into out, one string each. */
static size_t test_udp_read(int fd, struct strbuf *out, size_t max)
{
	char buf[70000];
	struct pollfd p = { .fd = fd, .events = POLLIN };
	size_t n = 0;
	ssize_t r;

	while (n < max && poll(&p, 1, 50) > 0) {
		while (n < max && (r = recv(fd, buf, sizeof buf, 0)) >= 0) {
			strbuf_init(&out[n]);
			strbuf_add(&out[n], buf, (size_t)r);
			n++;
		}
	}
	return n;
}

/* Each message one datagram, byte-equal to the frame, in order; RFC 3164
 * as the spec asks; a datagram too big for UDP dropped and counted. */
TEST(udp_datagrams)
{
	enum { COUNT = 200 };
	uint16_t port = 0;
	int fd = test_bind(SOCK_DGRAM, &port, 1 << 20), i;
	struct sink_syslog *s = test_open("udp://127.0.0.1:%u,rfc3164", port, NULL);
	struct syslog_frame_settings fs = { &test_clock, SYSLOG_RFC3164, false };
	struct strbuf got[COUNT + 1];
	struct sink_syslog_stats st;
	size_t n, k;
	bool same = true;

	CHECK(fd >= 0 && s != NULL);
	if (fd < 0 || s == NULL)
		return;
	for (i = 0; i < COUNT; i++) {
		test_send(s, i, (size_t)(i % 150));
		if (i == 100)
			test_send(s, -1, 66000);
	}
	sink_syslog_flush(s, test_monotonic_us());
	n = test_udp_read(fd, got, COUNT + 1);
	CHECK_INT(n, COUNT);
	for (k = 0; k < n; k++) {
		struct strbuf want = { 0 };
		char text[200];
		struct syslog_msg m = {
			.facility = SYSLOG_FAC_AUTH,
			.severity = SYSLOG_SEV_WARNING,
			.time = (int64_t)k * TEST_MS,
			.hostname = "ubnd-px01",
			.app = "sshd",
			.procid = "4242",
		};

		/* The same text test_send builds, made here independently of
		 * the sink: the frame as syslog_frame_render writes it. */
		snprintf(text, sizeof text, "seq=%06zu ", k);
		m.msg = text;
		m.msg_len = strlen(text);
		syslog_frame_render(&fs, &m, &want);
		same = same && got[k].len >= want.len &&
		       memcmp(got[k].buf, want.buf, want.len) == 0 &&
		       got[k].len == want.len + k % 150;
		strbuf_free(&want);
	}
	CHECK(same);
	CHECK(n > 0 && strncmp(got[0].buf, "<36>Nov  8 09:00:00 ubnd-px01 sshd[4242]: seq=000000 ",
			       strlen("<36>Nov  8 09:00:00 ubnd-px01 sshd[4242]: seq=000000 ")) == 0);
	for (k = 0; k < n; k++)
		strbuf_free(&got[k]);
	sink_syslog_stats(s, &st);
	CHECK_INT(st.queued, COUNT + 1);
	CHECK_INT(st.sent, COUNT);
	CHECK_INT(st.dropped, 1);
	CHECK_CONTAINS(st.last_error, "send to 127.0.0.1:");
	CHECK_CONTAINS(st.last_error, "Message too long");
	CHECK(!st.connected);
	CHECK_INT(st.retry_at_us, 0);
	sink_syslog_close(s, test_monotonic_us() + 1000000, NULL);
	close(fd);
}

/* 100 datagrams a second: a burst of 10, then one every 10 ms of the wall
 * times given, the bucket never holding more than 10. */
TEST(udp_pacing)
{
	uint16_t port = 0;
	int fd = test_bind(SOCK_DGRAM, &port, 1 << 20), i;
	struct sink_syslog_options opt = { .udp_rate = 100 };
	struct sink_syslog *s = test_open("udp://127.0.0.1:%u", port, &opt);
	struct sink_syslog_stats st;
	struct strbuf got[64];
	int64_t t0 = test_monotonic_us();
	size_t n, k;

	CHECK(fd >= 0 && s != NULL);
	if (fd < 0 || s == NULL)
		return;
	for (i = 0; i < 50; i++)
		test_send(s, i, 10);
	sink_syslog_flush(s, t0);
	sink_syslog_stats(s, &st);
	CHECK_INT(st.sent, 10);
	sink_syslog_flush(s, t0);
	sink_syslog_stats(s, &st);
	CHECK_INT(st.sent, 10);
	sink_syslog_flush(s, t0 + 50 * TEST_MS);
	sink_syslog_stats(s, &st);
	CHECK_INT(st.sent, 15);
	/* A wall time going back adds nothing. */
	sink_syslog_flush(s, t0);
	sink_syslog_stats(s, &st);
	CHECK_INT(st.sent, 15);
	sink_syslog_flush(s, t0 + 59 * TEST_MS);
	sink_syslog_stats(s, &st);
	CHECK_INT(st.sent, 15);
	sink_syslog_flush(s, t0 + 60 * TEST_MS);
	sink_syslog_stats(s, &st);
	CHECK_INT(st.sent, 16);
	/* A long pause refills the bucket to 10, no more. */
	sink_syslog_flush(s, t0 + 10 * 1000 * TEST_MS);
	sink_syslog_stats(s, &st);
	CHECK_INT(st.sent, 26);
	CHECK_INT(st.pending, 24);
	n = test_udp_read(fd, got, 64);
	CHECK_INT(n, 26);
	for (k = 0; k < n; k++)
		strbuf_free(&got[k]);
	sink_syslog_close(s, test_monotonic_us(), NULL);
	close(fd);
}

/* With nobody on the port the kernel still takes every datagram (the
 * "port unreachable" reports do not stall the queue). */
TEST(udp_receiver_down)
{
	struct sink_syslog *s = test_open("udp://127.0.0.1:%u", test_free_port(), NULL);
	struct sink_syslog_stats st;
	int i;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	for (i = 0; i < 50; i++) {
		test_send(s, i, 10);
		if (i % 5 == 0)
			sink_syslog_flush(s, test_monotonic_us());
	}
	sink_syslog_flush(s, test_monotonic_us());
	sink_syslog_stats(s, &st);
	CHECK_INT(st.sent, 50);
	CHECK_INT(st.pending, 0);
	CHECK_INT(sink_syslog_close(s, test_monotonic_us(), NULL), 0);
}

/* ---- SPEC ----------------------------------------------------------------- */

static const char *test_parse_error(const char *spec)
{
	static char text[512];
	struct sink_syslog_target t;
	struct strbuf err = { 0 };

	if (sink_syslog_parse_target(spec, &t, &err))
		snprintf(text, sizeof text, "(parsed)");
	else
		snprintf(text, sizeof text, "%s", strbuf_str(&err));
	strbuf_free(&err);
	return text;
}

TEST(spec_errors)
{
	CHECK_STR(test_parse_error("ftp://siem:514"),
		  "syslog target 'ftp://siem:514': unknown scheme 'ftp' "
		  "(expected udp:// or tcp://)");
	CHECK_STR(test_parse_error("siem:514"),
		  "syslog target 'siem:514': no scheme (expected udp://HOST:PORT "
		  "or tcp://HOST:PORT)");
	CHECK_STR(test_parse_error("UDP://siem:514"),
		  "syslog target 'UDP://siem:514': unknown scheme 'UDP' "
		  "(expected udp:// or tcp://)");
	CHECK_STR(test_parse_error("udp://siem"),
		  "syslog target 'udp://siem': no port (expected HOST:PORT)");
	CHECK_STR(test_parse_error("udp://siem:"),
		  "syslog target 'udp://siem:': no port (expected HOST:PORT)");
	CHECK_STR(test_parse_error("tcp://siem,rfc3164"),
		  "syslog target 'tcp://siem,rfc3164': no port (expected HOST:PORT)");
	CHECK_STR(test_parse_error("tcp://siem:0"),
		  "syslog target 'tcp://siem:0': port 0 out of range (1-65535)");
	CHECK_STR(test_parse_error("tcp://siem:65536"),
		  "syslog target 'tcp://siem:65536': port 65536 out of range (1-65535)");
	CHECK_STR(test_parse_error("tcp://siem:18446744073709551617"),
		  "syslog target 'tcp://siem:18446744073709551617': port "
		  "18446744073709551617 out of range (1-65535)");
	CHECK_STR(test_parse_error("tcp://siem:5x4"),
		  "syslog target 'tcp://siem:5x4': port '5x4' is not a number");
	CHECK_STR(test_parse_error("tcp://siem:-1"),
		  "syslog target 'tcp://siem:-1': port '-1' is not a number");
	CHECK_STR(test_parse_error("udp://:514"),
		  "syslog target 'udp://:514': no host (expected HOST:PORT)");
	CHECK_STR(test_parse_error("udp://::1:514"),
		  "syslog target 'udp://::1:514': more than one ':' (write an IPv6 "
		  "address in brackets: [::1]:514)");
	CHECK_STR(test_parse_error("udp://[::1:514"),
		  "syslog target 'udp://[::1:514': '[' without ']' in the host");
	CHECK_STR(test_parse_error("udp://[::1]514"),
		  "syslog target 'udp://[::1]514': ':' expected after ']'");
	CHECK_STR(test_parse_error("udp://[]:514"),
		  "syslog target 'udp://[]:514': no host (expected HOST:PORT)");
	CHECK_STR(test_parse_error("udp://siem:514,rfc9999"),
		  "syslog target 'udp://siem:514,rfc9999': unknown format 'rfc9999' "
		  "(expected rfc5424 or rfc3164)");
	CHECK_STR(test_parse_error("udp://siem:514,"),
		  "syslog target 'udp://siem:514,': unknown format '' "
		  "(expected rfc5424 or rfc3164)");
}

TEST(spec_valid)
{
	struct sink_syslog_target t;
	struct strbuf err = { 0 };

	CHECK(sink_syslog_parse_target("udp://10.0.0.5:514", &t, &err));
	CHECK_INT(t.transport, SINK_SYSLOG_UDP);
	CHECK_STR(t.host, "10.0.0.5");
	CHECK_INT(t.port, 514);
	CHECK_INT(t.format, SYSLOG_RFC5424);
	CHECK(sink_syslog_parse_target("tcp://siem.binhduong.gov.vn:6514,rfc3164", &t, &err));
	CHECK_INT(t.transport, SINK_SYSLOG_TCP);
	CHECK_STR(t.host, "siem.binhduong.gov.vn");
	CHECK_INT(t.port, 6514);
	CHECK_INT(t.format, SYSLOG_RFC3164);
	CHECK(sink_syslog_parse_target("udp://[::1]:65535,rfc5424", &t, &err));
	CHECK_STR(t.host, "::1");
	CHECK_INT(t.port, 65535);
	CHECK_INT(t.format, SYSLOG_RFC5424);
	CHECK(sink_syslog_parse_target("tcp://h:00001", &t, &err));
	CHECK_INT(t.port, 1);
	CHECK_INT(err.len, 0);
	strbuf_free(&err);
}

/* A host that does not resolve is reported when the sink opens, on one
 * line that quotes the spec. */
TEST(open_unresolvable_host)
{
	struct strbuf err = { 0 };
	struct sink_syslog *s;

	s = sink_syslog_open("udp://nohost.invalid:514", &test_clock, NULL, &err);
	CHECK(s == NULL);
	CHECK_CONTAINS(strbuf_str(&err),
		       "syslog target 'udp://nohost.invalid:514': cannot resolve "
		       "'nohost.invalid': ");
	CHECK(strchr(strbuf_str(&err), '\n') == NULL);
	strbuf_reset(&err);
	s = sink_syslog_open("tcp://127.0.0.1:99999", &test_clock, NULL, &err);
	CHECK(s == NULL);
	CHECK_STR(strbuf_str(&err), "syslog target 'tcp://127.0.0.1:99999': port "
		  "99999 out of range (1-65535)");
	strbuf_free(&err);
}

/* A message that cannot be framed is refused, not queued or counted. */
TEST(unframeable_message_refused)
{
	struct sink_syslog *s = test_open("tcp://127.0.0.1:%u", test_free_port(), NULL);
	struct syslog_msg m = { .facility = 99, .msg = "x", .msg_len = 1 };
	struct sink_syslog_stats st;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK(!sink_syslog_send(s, &m));
	sink_syslog_stats(s, &st);
	CHECK_INT(st.queued, 0);
	CHECK_INT(st.pending, 0);
	sink_syslog_close(s, 0, NULL);
}

/* Closing with a receiver that never comes reports what was left by the
 * deadline. */
TEST(close_reports_leftovers)
{
	struct sink_syslog *s = test_open("tcp://127.0.0.1:%u", test_free_port(), NULL);
	struct sink_syslog_stats st;
	int64_t start = test_monotonic_us();
	int i;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	for (i = 0; i < 7; i++)
		test_send(s, i, 10);
	CHECK_INT(sink_syslog_close(s, start + 300000, &st), 7);
	CHECK_INT(st.pending, 7);
	CHECK_INT(st.queued, 7);
	CHECK_CONTAINS(st.last_error, "Connection refused");
	/* It waited for the deadline, and not much longer. */
	CHECK(test_monotonic_us() - start >= 300000);
	CHECK(test_monotonic_us() - start < 2000000);
}

/* ---- the sender for the integration test --------------------------------- */

/* Split line at tabs into at most n fields (NUL-terminated in place). */
static size_t test_split(char *line, char **fields, size_t n)
{
	size_t k = 0;

	fields[k++] = line;
	for (; *line != '\0' && k < n; line++)
		if (*line == '\t') {
			*line = '\0';
			fields[k++] = line + 1;
		}
	return k;
}

static const char *test_field(const char *f)
{
	return f[0] != '\0' ? f : NULL;
}

/* "\n" in the text becomes a line feed. */
static void test_unescape(struct strbuf *out, const char *s)
{
	for (; *s != '\0'; s++) {
		if (s[0] == '\\' && s[1] == 'n') {
			strbuf_addc(out, '\n');
			s++;
		} else {
			strbuf_addc(out, *s);
		}
	}
}

static int test_sender(int argc, char **argv)
{
	struct sink_syslog_options opt = { 0 };
	struct sink_syslog_stats st;
	struct simclock unix_clock;
	struct strbuf err = { 0 }, text = { 0 };
	struct sink_syslog *s;
	char *line = NULL, *f[11];
	size_t cap = 0, lines = 0;
	ssize_t len;
	uint64_t left;
	int i;

	for (i = 3; i < argc; i++) {
		if (strcmp(argv[i], "--bom") == 0)
			opt.bom = true;
		else if (strcmp(argv[i], "--rate") == 0 && i + 1 < argc)
			opt.udp_rate = (uint32_t)strtoul(argv[++i], NULL, 10);
		else
			return 2;
	}
	/* The input carries Unix times: a clock whose epoch is Unix's. */
	simclock_init(&unix_clock, 0);
	s = sink_syslog_open(argv[2], &unix_clock, &opt, &err);
	if (s == NULL) {
		fprintf(stderr, "%s\n", strbuf_str(&err));
		strbuf_free(&err);
		return 1;
	}
	while ((len = getline(&line, &cap, stdin)) > 0) {
		struct syslog_sd_param param;
		struct syslog_sd_element el;
		struct syslog_msg m = { 0 };
		int64_t unix_us = SYSLOG_NO_TIME;

		if (line[len - 1] == '\n')
			line[len - 1] = '\0';
		if (test_split(line, f, 11) != 11 ||
		    (strcmp(f[2], "-") != 0 && !simclock_parse_iso(f[2], &unix_us))) {
			fprintf(stderr, "test_sink_syslog: bad input line %zu\n", lines + 1);
			break;
		}
		m.facility = atoi(f[0]);
		m.severity = atoi(f[1]);
		m.time = unix_us;
		m.hostname = test_field(f[3]);
		m.app = test_field(f[4]);
		m.procid = test_field(f[5]);
		m.msgid = test_field(f[6]);
		if (f[7][0] != '\0') {
			param.name = f[8];
			param.value = f[9];
			el.id = f[7];
			el.params = &param;
			el.n_params = f[8][0] != '\0' ? 1 : 0;
			m.sd = &el;
			m.n_sd = 1;
		}
		strbuf_reset(&text);
		test_unescape(&text, f[10]);
		m.msg = strbuf_str(&text);
		m.msg_len = text.len;
		if (!sink_syslog_send(s, &m))
			fprintf(stderr, "test_sink_syslog: line %zu cannot be framed\n",
				lines + 1);
		/* The engine flushes as it goes, not once per message. */
		if (++lines % 64 == 0)
			sink_syslog_flush(s, test_monotonic_us());
	}
	free(line);
	strbuf_free(&text);
	left = sink_syslog_close(s, test_monotonic_us() + 30 * INT64_C(1000000), &st);
	printf("queued=%llu sent=%llu dropped=%llu left=%llu\n",
	       (unsigned long long)st.queued, (unsigned long long)st.sent,
	       (unsigned long long)st.dropped, (unsigned long long)left);
	if (st.last_error[0] != '\0')
		fprintf(stderr, "test_sink_syslog: last error: %s\n", st.last_error);
	return left == 0 && st.dropped == 0 && st.queued == lines ? 0 : 1;
}

int main(int argc, char **argv)
{
	simclock_init(&test_clock, TEST_EPOCH_US);
	if (argc >= 3 && strcmp(argv[1], "--send") == 0)
		return test_sender(argc, argv);
	if (argc != 1) {
		fprintf(stderr, "usage: test_sink_syslog [--send SPEC [--rate N] [--bom]]\n");
		return 2;
	}
	RUN(spec_errors);
	RUN(spec_valid);
	RUN(open_unresolvable_host);
	RUN(unframeable_message_refused);
	RUN(tcp_delivers_everything_in_order);
	RUN(tcp_reconnect_loses_nothing);
	RUN(overflow_drops_oldest);
	RUN(overflow_while_connected_keeps_stream_whole);
	RUN(udp_datagrams);
	RUN(udp_pacing);
	RUN(udp_receiver_down);
	RUN(close_reports_leftovers);
	return harness_finish();
}
