/* sendmmsg(2) is a GNU extension: glibc declares it only with this. */
#define _GNU_SOURCE

#include "sink_syslog.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#ifdef __linux__
#include <linux/sockios.h> /* SIOCOUTQ */
#endif

#include "xmalloc.h"

/* Datagrams handed to one sendmmsg(2) call. */
#define SINK_SYSLOG_BATCH 128
/* Longest wait in one poll(2) of sink_syslog_close, so that acknowledge-
 * ments (which poll cannot wait for) are seen soon. */
#define SINK_SYSLOG_CLOSE_POLL_US ((int64_t)10000)
/* Bytes a receiver wrongly sends us that one flush reads and discards. */
#define SINK_SYSLOG_DISCARD_MAX 4096
#define SINK_SYSLOG_US_PER_S ((int64_t)1000000)

enum sink_syslog_state {
	SINK_SYSLOG_DOWN,       /* no connection; UDP sockets are never down */
	SINK_SYSLOG_CONNECTING, /* TCP connect under way */
	SINK_SYSLOG_UP,
};

struct sink_syslog {
	struct sink_syslog_target target;
	char where[SINK_SYSLOG_HOST_MAX + 16]; /* "host:port", for errors */
	struct syslog_frame_settings frame;
	size_t queue_limit;
	uint32_t udp_rate;
	int64_t backoff_min, backoff_max;

	struct addrinfo *addrs;
	const struct addrinfo *addr; /* the one the next connect tries */
	int fd;                      /* -1: none */
	enum sink_syslog_state state;
	int64_t retry_at, connect_deadline, backoff;
	bool ever_connected;

	/*
	 * The queue: frames as they go on the wire, oldest first, their
	 * bytes at bytes.buf[head, bytes.len) and their lengths at
	 * lens[first, end).  Both arrays drop their dead prefix only when it
	 * is as large as what is alive, so a byte is moved a bounded number
	 * of times on average.
	 */
	struct strbuf bytes;
	size_t head;
	size_t *lens;
	size_t first, end, lens_cap;

	/*
	 * TCP, on the current connection: bytes written from head, and the
	 * whole frames among them (count and bytes); written beyond
	 * written_whole is the start of a frame cut short.
	 */
	size_t written, written_whole, written_frames;

	/* UDP pacing: a token bucket counted in millionths of a datagram. */
	bool paced;
	int64_t tokens_at;
	uint64_t tokens;

	struct strbuf frame_text, wire; /* scratch for sink_syslog_send */
	struct sink_syslog_stats stats; /* counters and last_error */
};

/* ---- the target --------------------------------------------------------- */

static bool sink_syslog_bad(struct strbuf *err, const char *spec,
			    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static bool sink_syslog_bad(struct strbuf *err, const char *spec,
			    const char *fmt, ...)
{
	char text[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	strbuf_addf(err, "syslog target '%s': %s", spec, text);
	return false;
}

static bool sink_syslog_parse_port(const char *spec, const char *p,
				   const char *end, uint16_t *port,
				   struct strbuf *err)
{
	const char *q;
	unsigned long v = 0;

	if (p == end)
		return sink_syslog_bad(err, spec, "no port (expected HOST:PORT)");
	for (q = p; q < end; q++) {
		if (*q < '0' || *q > '9')
			return sink_syslog_bad(err, spec, "port '%.*s' is not a number",
					       (int)(end - p), p);
		if (v <= 65535)
			v = v * 10 + (unsigned long)(*q - '0');
	}
	if (v < 1 || v > 65535)
		return sink_syslog_bad(err, spec, "port %.*s out of range (1-65535)",
				       (int)(end - p), p);
	*port = (uint16_t)v;
	return true;
}

bool sink_syslog_parse_target(const char *spec, struct sink_syslog_target *t,
			      struct strbuf *err)
{
	const char *p, *addr_end, *host, *host_end, *port, *comma, *sep;

	memset(t, 0, sizeof *t);
	if (strncmp(spec, "udp://", 6) == 0) {
		t->transport = SINK_SYSLOG_UDP;
	} else if (strncmp(spec, "tcp://", 6) == 0) {
		t->transport = SINK_SYSLOG_TCP;
	} else {
		sep = strstr(spec, "://");
		if (sep != NULL)
			return sink_syslog_bad(err, spec, "unknown scheme '%.*s' "
					       "(expected udp:// or tcp://)",
					       (int)(sep - spec), spec);
		return sink_syslog_bad(err, spec, "no scheme (expected "
				       "udp://HOST:PORT or tcp://HOST:PORT)");
	}
	p = spec + 6;
	comma = strchr(p, ',');
	addr_end = comma != NULL ? comma : p + strlen(p);
	if (*p == '[') {
		/* "[v6]:port": the brackets keep the address's colons apart
		 * from the port's. */
		host = p + 1;
		host_end = memchr(host, ']', (size_t)(addr_end - host));
		if (host_end == NULL)
			return sink_syslog_bad(err, spec, "'[' without ']' in the host");
		port = host_end + 1;
		if (port == addr_end)
			return sink_syslog_bad(err, spec, "no port (expected HOST:PORT)");
		if (*port != ':')
			return sink_syslog_bad(err, spec, "':' expected after ']'");
		port++;
	} else {
		host = p;
		host_end = memchr(p, ':', (size_t)(addr_end - p));
		if (host_end == NULL)
			return sink_syslog_bad(err, spec, "no port (expected HOST:PORT)");
		port = host_end + 1;
		if (memchr(port, ':', (size_t)(addr_end - port)) != NULL)
			return sink_syslog_bad(err, spec, "more than one ':' (write an "
					       "IPv6 address in brackets: [::1]:514)");
	}
	if (host_end == host)
		return sink_syslog_bad(err, spec, "no host (expected HOST:PORT)");
	if (host_end - host > SINK_SYSLOG_HOST_MAX)
		return sink_syslog_bad(err, spec, "host longer than %d characters",
				       SINK_SYSLOG_HOST_MAX);
	if (!sink_syslog_parse_port(spec, port, addr_end, &t->port, err))
		return false;
	memcpy(t->host, host, (size_t)(host_end - host));
	t->host[host_end - host] = '\0';
	t->format = SYSLOG_RFC5424;
	if (comma != NULL) {
		if (strcmp(comma + 1, "rfc5424") == 0)
			t->format = SYSLOG_RFC5424;
		else if (strcmp(comma + 1, "rfc3164") == 0)
			t->format = SYSLOG_RFC3164;
		else
			return sink_syslog_bad(err, spec, "unknown format '%s' "
					       "(expected rfc5424 or rfc3164)",
					       comma + 1);
	}
	return true;
}

/* ---- errors ------------------------------------------------------------- */

/* "connect to siem:514: Connection refused" */
static void sink_syslog_error(struct sink_syslog *s, const char *what,
			      const char *why)
{
	snprintf(s->stats.last_error, sizeof s->stats.last_error, "%.48s %s: %.160s",
		 what, s->where, why);
}

/* ---- the queue ---------------------------------------------------------- */

static size_t sink_queue_frames(const struct sink_syslog *s)
{
	return s->end - s->first;
}

static size_t sink_queue_bytes(const struct sink_syslog *s)
{
	return s->bytes.len - s->head;
}

static void sink_queue_push(struct sink_syslog *s, const char *data, size_t len)
{
	size_t live = sink_queue_bytes(s);

	if (s->head > 0 && s->head >= live) {
		memmove(s->bytes.buf, s->bytes.buf + s->head, live);
		strbuf_truncate(&s->bytes, live);
		s->head = 0;
	}
	strbuf_add(&s->bytes, data, len);
	if (s->end == s->lens_cap) {
		live = sink_queue_frames(s);
		if (s->first > 0 && s->first >= live) {
			memmove(s->lens, s->lens + s->first, live * sizeof *s->lens);
			s->first = 0;
			s->end = live;
		} else {
			s->lens = xgrow(s->lens, &s->lens_cap, s->end + 1,
					sizeof *s->lens);
		}
	}
	s->lens[s->end++] = len;
}

/* Remove the oldest frame, keeping the written counts in step. */
static void sink_queue_pop(struct sink_syslog *s)
{
	size_t len = s->lens[s->first++];

	s->head += len;
	if (s->written_frames > 0) {
		s->written_frames--;
		s->written_whole -= len;
		s->written -= len;
	}
	if (s->first == s->end) {
		s->first = s->end = 0;
		s->head = 0;
		strbuf_reset(&s->bytes);
	}
}

/*
 * Drop the second-oldest frame: the oldest is partly written to the
 * connection and must stay whole and first.  It moves forward over its
 * neighbour, so only its own bytes are copied.
 */
static void sink_queue_drop_second(struct sink_syslog *s)
{
	size_t cut = s->lens[s->first], victim = s->lens[s->first + 1];

	memmove(s->bytes.buf + s->head + victim, s->bytes.buf + s->head, cut);
	s->head += victim;
	s->lens[s->first + 1] = cut;
	s->first++;
}

/* Make room for len more bytes (see the header for the order); false if
 * it cannot be made. */
static bool sink_queue_make_room(struct sink_syslog *s, size_t len)
{
	if (len > s->queue_limit)
		return false;
	while (sink_queue_bytes(s) + len > s->queue_limit) {
		if (s->written_frames > 0) {
			sink_queue_pop(s);
			s->stats.sent++;
		} else if (s->written > 0) {
			if (sink_queue_frames(s) < 2)
				return false;
			sink_queue_drop_second(s);
			s->stats.dropped++;
		} else {
			sink_queue_pop(s);
			s->stats.dropped++;
		}
	}
	return true;
}

bool sink_syslog_send(struct sink_syslog *s, const struct syslog_msg *msg)
{
	struct strbuf *wire = &s->frame_text;

	strbuf_reset(&s->frame_text);
	if (!syslog_frame_render(&s->frame, msg, &s->frame_text))
		return false;
	if (s->target.transport == SINK_SYSLOG_TCP) {
		strbuf_reset(&s->wire);
		syslog_frame_octet_counted(&s->wire, s->frame_text.buf,
					   s->frame_text.len);
		wire = &s->wire;
	}
	s->stats.queued++;
	if (!sink_queue_make_room(s, wire->len)) {
		s->stats.dropped++;
		return true;
	}
	sink_queue_push(s, wire->buf, wire->len);
	return true;
}

/* ---- sockets ------------------------------------------------------------ */

static bool sink_socket_setup(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	return fl >= 0 && fcntl(fd, F_SETFL, fl | O_NONBLOCK) == 0 &&
	       fcntl(fd, F_SETFD, FD_CLOEXEC) == 0;
}

/* A UDP socket connected to the first address that takes one: sends need
 * no address, and the kernel reports an ICMP "port unreachable". */
static bool sink_udp_open(struct sink_syslog *s)
{
	const struct addrinfo *ai;
	int err = 0;

	for (ai = s->addrs; ai != NULL; ai = ai->ai_next) {
		s->fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
		if (s->fd >= 0 && sink_socket_setup(s->fd) &&
		    connect(s->fd, ai->ai_addr, ai->ai_addrlen) == 0) {
			s->state = SINK_SYSLOG_UP;
			return true;
		}
		err = errno;
		if (s->fd >= 0)
			close(s->fd);
		s->fd = -1;
	}
	sink_syslog_error(s, "cannot open a UDP socket to", strerror(err));
	return false;
}

/* ---- TCP ---------------------------------------------------------------- */

/* Bytes written on the connection that its peer has not acknowledged. */
static size_t sink_tcp_unacked(const struct sink_syslog *s)
{
#ifdef SIOCOUTQ
	int q;

	if (ioctl(s->fd, SIOCOUTQ, &q) == 0 && q >= 0 && (size_t)q <= s->written)
		return (size_t)q;
	return s->written;
#else
	/* No way to ask: what is written counts as delivered. */
	(void)s;
	return 0;
#endif
}

/* Frames wholly acknowledged leave the queue as sent. */
static void sink_tcp_acked(struct sink_syslog *s, size_t acked)
{
	bool progress = false;

	while (s->written_frames > 0 && s->lens[s->first] <= acked) {
		acked -= s->lens[s->first];
		sink_queue_pop(s);
		s->stats.sent++;
		progress = true;
	}
	/* Data got through: the receiver works, the next failure starts
	 * the back-off afresh. */
	if (progress)
		s->backoff = s->backoff_min;
}

/*
 * The connection failed or could not be made: forget what was written
 * on it, so every unacknowledged frame goes again, whole, on the next
 * one, and schedule that one after the back-off delay.
 */
static void sink_tcp_down(struct sink_syslog *s, int64_t now, const char *what,
			  const char *why)
{
	sink_syslog_error(s, what, why);
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	s->state = SINK_SYSLOG_DOWN;
	s->written = s->written_whole = s->written_frames = 0;
	s->retry_at = now + s->backoff;
	s->backoff = s->backoff > s->backoff_max / 2 ? s->backoff_max :
		     s->backoff * 2;
	/* A name may resolve to several addresses: try the next. */
	s->addr = s->addr->ai_next != NULL ? s->addr->ai_next : s->addrs;
}

static void sink_tcp_up(struct sink_syslog *s)
{
	s->state = SINK_SYSLOG_UP;
	if (s->ever_connected)
		s->stats.reconnects++;
	s->ever_connected = true;
}

/* See whether a connect under way has completed. */
static void sink_tcp_connecting(struct sink_syslog *s, int64_t now)
{
	struct pollfd p = { .fd = s->fd, .events = POLLOUT };
	int err = 0;
	socklen_t len = sizeof err;

	if (poll(&p, 1, 0) == 0) {
		if (now >= s->connect_deadline)
			sink_tcp_down(s, now, "connect to", "timed out");
		return;
	}
	if (getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
		err = errno;
	if (err != 0)
		sink_tcp_down(s, now, "connect to", strerror(err));
	else
		sink_tcp_up(s);
}

static void sink_tcp_connect(struct sink_syslog *s, int64_t now)
{
	const struct addrinfo *ai = s->addr;

	s->fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
	if (s->fd < 0 || !sink_socket_setup(s->fd)) {
		sink_tcp_down(s, now, "cannot make a socket for", strerror(errno));
		return;
	}
	if (connect(s->fd, ai->ai_addr, ai->ai_addrlen) == 0) {
		sink_tcp_up(s);
	} else if (errno == EINPROGRESS || errno == EINTR) {
		s->state = SINK_SYSLOG_CONNECTING;
		s->connect_deadline = now + SINK_SYSLOG_CONNECT_TIMEOUT;
		/* A local receiver answers at once. */
		sink_tcp_connecting(s, now);
	} else {
		sink_tcp_down(s, now, "connect to", strerror(errno));
	}
}

/*
 * Take in acknowledgements, and notice a connection the receiver has
 * closed before anything more is written into it.  A syslog receiver
 * never writes, so readable means its close (0) or an error; stray
 * bytes are read and ignored.  The acknowledged count is read before
 * the check, while the connection still stands.
 */
static void sink_tcp_check(struct sink_syslog *s, int64_t now)
{
	size_t unacked = sink_tcp_unacked(s), discarded = 0;
	char junk[512];
	ssize_t n;

	do {
		n = recv(s->fd, junk, sizeof junk, 0);
		if (n > 0)
			discarded += (size_t)n;
	} while ((n > 0 && discarded < SINK_SYSLOG_DISCARD_MAX) ||
		 (n < 0 && errno == EINTR));
	if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
		sink_tcp_down(s, now, "connection to", strerror(errno));
		return;
	}
	sink_tcp_acked(s, s->written - unacked);
	if (n == 0)
		sink_tcp_down(s, now, "connection to", "closed by the receiver");
}

/* n more bytes are in the socket: count the frames they complete. */
static void sink_tcp_wrote(struct sink_syslog *s, size_t n)
{
	s->written += n;
	while (s->written_frames < sink_queue_frames(s) &&
	       s->written_whole + s->lens[s->first + s->written_frames] <=
	       s->written) {
		s->written_whole += s->lens[s->first + s->written_frames];
		s->written_frames++;
	}
}

/* Everything not yet written, in as few send() calls as the socket's
 * buffer allows: usually one. */
static void sink_tcp_write(struct sink_syslog *s, int64_t now)
{
	while (s->written < sink_queue_bytes(s)) {
		ssize_t n = send(s->fd, s->bytes.buf + s->head + s->written,
				 sink_queue_bytes(s) - s->written, MSG_NOSIGNAL);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno != EAGAIN && errno != EWOULDBLOCK)
				sink_tcp_down(s, now, "send to", strerror(errno));
			break;
		}
		sink_tcp_wrote(s, (size_t)n);
	}
	if (s->state == SINK_SYSLOG_UP)
		sink_tcp_acked(s, s->written - sink_tcp_unacked(s));
}

static void sink_tcp_flush(struct sink_syslog *s, int64_t now)
{
	/* Idle, nothing in flight: the check waits for the next frame,
	 * which is when a closed connection matters. */
	if (s->state == SINK_SYSLOG_UP && sink_queue_frames(s) > 0)
		sink_tcp_check(s, now);
	if (s->state == SINK_SYSLOG_CONNECTING)
		sink_tcp_connecting(s, now);
	if (s->state == SINK_SYSLOG_DOWN && sink_queue_frames(s) > 0 &&
	    now >= s->retry_at)
		sink_tcp_connect(s, now);
	if (s->state == SINK_SYSLOG_UP)
		sink_tcp_write(s, now);
}

/* ---- UDP ---------------------------------------------------------------- */

/* Datagrams the pacing allows now: the bucket refills at udp_rate per
 * second and holds a tenth of a second's worth (at least one). */
static uint64_t sink_udp_budget(struct sink_syslog *s, int64_t now)
{
	uint64_t burst, cap;

	if (s->udp_rate == 0)
		return UINT64_MAX;
	burst = s->udp_rate / 10 > 0 ? s->udp_rate / 10 : 1;
	cap = burst * (uint64_t)SINK_SYSLOG_US_PER_S;
	if (!s->paced) {
		s->paced = true;
		s->tokens = cap;
		s->tokens_at = now;
	} else if (now > s->tokens_at) {
		int64_t dt = now - s->tokens_at;

		/* A second refills any bucket; below that the product stays
		 * far from overflowing. */
		if (dt >= SINK_SYSLOG_US_PER_S)
			s->tokens = cap;
		else
			s->tokens += (uint64_t)dt * s->udp_rate;
		if (s->tokens > cap)
			s->tokens = cap;
		s->tokens_at = now;
	}
	return s->tokens / (uint64_t)SINK_SYSLOG_US_PER_S;
}

/* Hand the n oldest frames to the kernel, one datagram each; the count
 * taken, or -1 with errno when not even the first was. */
static int sink_udp_send_batch(struct sink_syslog *s, size_t n)
{
	size_t off = s->head, i;
#ifdef __linux__
	struct mmsghdr msgs[SINK_SYSLOG_BATCH];
	struct iovec iov[SINK_SYSLOG_BATCH];

	memset(msgs, 0, n * sizeof msgs[0]);
	for (i = 0; i < n; i++) {
		iov[i].iov_base = s->bytes.buf + off;
		iov[i].iov_len = s->lens[s->first + i];
		off += iov[i].iov_len;
		msgs[i].msg_hdr.msg_iov = &iov[i];
		msgs[i].msg_hdr.msg_iovlen = 1;
	}
	return sendmmsg(s->fd, msgs, (unsigned)n, 0);
#else
	for (i = 0; i < n; i++) {
		size_t len = s->lens[s->first + i];

		if (send(s->fd, s->bytes.buf + off, len, 0) < 0)
			return i > 0 ? (int)i : -1;
		off += len;
	}
	return (int)n;
#endif
}

static void sink_udp_flush(struct sink_syslog *s, int64_t now)
{
	uint64_t budget = sink_udp_budget(s, now);
	bool retried = false;

	while (sink_queue_frames(s) > 0 && budget > 0) {
		size_t n = sink_queue_frames(s), i;
		int r;

		if (n > SINK_SYSLOG_BATCH)
			n = SINK_SYSLOG_BATCH;
		if (n > budget)
			n = (size_t)budget;
		r = sink_udp_send_batch(s, n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOBUFS)
				break;
			sink_syslog_error(s, "send to", strerror(errno));
			if (errno == EMSGSIZE) {
				/* Too big for a datagram: it can never go. */
				sink_queue_pop(s);
				s->stats.dropped++;
				continue;
			}
			/* An ICMP error about an earlier datagram, reported
			 * instead of sending this batch: try the batch again,
			 * once. */
			if (errno == ECONNREFUSED && !retried) {
				retried = true;
				continue;
			}
			break;
		}
		for (i = 0; i < (size_t)r; i++)
			sink_queue_pop(s);
		s->stats.sent += (uint64_t)r;
		if (s->udp_rate > 0) {
			s->tokens -= (uint64_t)r * (uint64_t)SINK_SYSLOG_US_PER_S;
			budget -= (uint64_t)r;
		}
	}
}

/* ---- the sink ----------------------------------------------------------- */

static void sink_syslog_free(struct sink_syslog *s)
{
	if (s->fd >= 0)
		close(s->fd);
	freeaddrinfo(s->addrs);
	strbuf_free(&s->bytes);
	strbuf_free(&s->frame_text);
	strbuf_free(&s->wire);
	free(s->lens);
	free(s);
}

struct sink_syslog *sink_syslog_open(const char *spec,
				     const struct simclock *clock,
				     const struct sink_syslog_options *opt,
				     struct strbuf *err)
{
	static const struct sink_syslog_options defaults = { 0 };
	struct sink_syslog_target t;
	struct addrinfo hints = { 0 }, *addrs = NULL;
	struct sink_syslog *s;
	char port[8];
	int rc;

	if (opt == NULL)
		opt = &defaults;
	if (!sink_syslog_parse_target(spec, &t, err))
		return NULL;
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = t.transport == SINK_SYSLOG_TCP ? SOCK_STREAM : SOCK_DGRAM;
	hints.ai_flags = AI_NUMERICSERV;
	snprintf(port, sizeof port, "%u", (unsigned)t.port);
	rc = getaddrinfo(t.host, port, &hints, &addrs);
	if (rc != 0) {
		sink_syslog_bad(err, spec, "cannot resolve '%s': %s", t.host,
				rc == EAI_SYSTEM ? strerror(errno) : gai_strerror(rc));
		return NULL;
	}
	s = xcalloc(1, sizeof *s);
	s->target = t;
	snprintf(s->where, sizeof s->where, strchr(t.host, ':') != NULL ?
		 "[%s]:%u" : "%s:%u", t.host, (unsigned)t.port);
	s->frame.clock = clock;
	s->frame.format = t.format;
	s->frame.bom = opt->bom;
	s->queue_limit = opt->queue_bytes > 0 ? opt->queue_bytes :
			 SINK_SYSLOG_QUEUE_DEFAULT;
	s->udp_rate = opt->udp_rate;
	s->backoff_min = opt->backoff_min_us > 0 ? opt->backoff_min_us :
			 SINK_SYSLOG_BACKOFF_MIN_DEFAULT;
	s->backoff_max = opt->backoff_max_us > 0 ? opt->backoff_max_us :
			 SINK_SYSLOG_BACKOFF_MAX_DEFAULT;
	if (s->backoff_max < s->backoff_min)
		s->backoff_max = s->backoff_min;
	s->backoff = s->backoff_min;
	s->addrs = addrs;
	s->addr = addrs;
	s->fd = -1;
	s->state = SINK_SYSLOG_DOWN;
	if (t.transport == SINK_SYSLOG_UDP && !sink_udp_open(s)) {
		strbuf_addf(err, "syslog target '%s': %s", spec, s->stats.last_error);
		sink_syslog_free(s);
		return NULL;
	}
	return s;
}

void sink_syslog_flush(struct sink_syslog *s, int64_t wall_now_us)
{
	if (s->target.transport == SINK_SYSLOG_TCP)
		sink_tcp_flush(s, wall_now_us);
	else
		sink_udp_flush(s, wall_now_us);
}

void sink_syslog_stats(const struct sink_syslog *s,
		       struct sink_syslog_stats *out)
{
	*out = s->stats;
	out->pending = sink_queue_frames(s);
	out->connected = s->target.transport == SINK_SYSLOG_TCP &&
			 s->state == SINK_SYSLOG_UP;
	out->retry_at_us = s->target.transport == SINK_SYSLOG_TCP &&
			   s->state == SINK_SYSLOG_DOWN ? s->retry_at : 0;
}

static int64_t sink_monotonic_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * SINK_SYSLOG_US_PER_S + ts.tv_nsec / 1000;
}

/*
 * Wait a little for the socket: until it takes more bytes, or (waiting
 * for acknowledgements, for a reconnect, for pacing tokens) a short
 * while, never past the deadline.
 */
static void sink_syslog_wait(struct sink_syslog *s, int64_t now, int64_t deadline)
{
	struct pollfd p = { .fd = s->fd };
	int64_t until = deadline;

	if (until - now > SINK_SYSLOG_CLOSE_POLL_US)
		until = now + SINK_SYSLOG_CLOSE_POLL_US;
	if (s->state == SINK_SYSLOG_CONNECTING ||
	    (s->target.transport == SINK_SYSLOG_TCP && s->state == SINK_SYSLOG_UP &&
	     s->written < sink_queue_bytes(s)) ||
	    (s->target.transport == SINK_SYSLOG_UDP &&
	     (s->udp_rate == 0 || s->tokens >= (uint64_t)SINK_SYSLOG_US_PER_S)))
		p.events = POLLOUT;
	/* With no socket (fd -1) poll only waits. */
	poll(&p, 1, (int)((until - now + 999) / 1000));
}

uint64_t sink_syslog_close(struct sink_syslog *s, int64_t deadline_us,
			   struct sink_syslog_stats *final)
{
	uint64_t left;

	for (;;) {
		int64_t now = sink_monotonic_us();

		sink_syslog_flush(s, now);
		if (sink_queue_frames(s) == 0 || now >= deadline_us)
			break;
		sink_syslog_wait(s, now, deadline_us);
	}
	left = sink_queue_frames(s);
	if (final != NULL)
		sink_syslog_stats(s, final);
	sink_syslog_free(s);
	return left;
}
