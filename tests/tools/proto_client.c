/*
 * proto_client.c - a console that speaks the protocol (docs/protocol.md)
 * byte for byte, for the integration tests of `irdrill serve`: what a
 * real console never sends (forged actions, broken frames) and a bounded
 * load of many consoles at once.
 *
 *   proto_client act SOCKET ROLE TOKEN TEAM COMMAND
 *       join as ROLE, send one action claiming TEAM, print the result
 *   proto_client control SOCKET ROLE TOKEN CONTROL
 *       join as ROLE, send one control, print the result
 *   proto_client raw SOCKET HEX
 *       send the bytes HEX (hello first if HEX starts with "+ROLE:TOKEN:"),
 *       print each message the server sends (but ticks and actions) until
 *       it closes, or "still open" after 3 s
 *   proto_client flood SOCKET ROLE TOKEN N SIZE
 *       send N notes of SIZE bytes at once, print how many were taken
 *   proto_client stuck SOCKET ROLE TOKEN SECONDS
 *       join, read nothing for SECONDS, then catch up; print the snapshots
 *       received and the last action known (and any gap in the actions)
 *   proto_client load SOCKET TOKENS CONSOLES SECONDS SEED ACKED
 *       CONSOLES consoles that join with the tokens (lines "ROLE TOKEN"),
 *       act, stall and drop at random for SECONDS; every command the
 *       server acknowledged goes to the file ACKED, one a line; prints
 *       the counts.  Exit 1 if the server stopped answering.
 *
 * Exit status 0, or 1 with a message on stderr.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "proto.h"
#include "strbuf.h"

#define LOAD_MAX 200
#define ROLES_MAX 20

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int dial(const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd;

	if (strlen(path) >= sizeof(sa.sun_path))
		return -1;
	memcpy(sa.sun_path, path, strlen(path) + 1);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static int send_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len > 0) {
		ssize_t n = send(fd, p, len, MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int send_msg(int fd, const struct proto_msg *m)
{
	struct strbuf sb = { 0 };
	int rc;

	proto_encode(m, &sb);
	rc = send_all(fd, sb.buf, sb.len);
	strbuf_free(&sb);
	return rc;
}

/* The next whole message into m, waiting up to ms; 1, 0 on timeout, -1
 * when the server closed (or sent something undecodable). */
static int next_msg(int fd, struct strbuf *in, struct proto_msg *m, int ms)
{
	int64_t end = now_ms() + ms;
	char err[256], buf[65536];
	bool tried = false;

	for (;;) {
		size_t body;
		int rc = proto_frame(in->buf ? in->buf : "", in->len, &body, err, sizeof(err));
		struct pollfd p = { fd, POLLIN, 0 };
		int64_t left;
		ssize_t n;

		if (rc < 0)
			return -1;
		if (rc > 0) {
			rc = proto_decode(in->buf + PROTO_HEAD, body, m, err, sizeof(err));
			memmove(in->buf, in->buf + PROTO_HEAD + body, in->len - PROTO_HEAD - body);
			strbuf_truncate(in, in->len - PROTO_HEAD - body);
			if (rc != 0) {
				fprintf(stderr, "proto_client: the server sent %s\n", err);
				return -1;
			}
			return 1;
		}
		left = end - now_ms();
		if (left <= 0 && tried)
			return 0;
		tried = true;
		if (poll(&p, 1, left > 0 ? (int)left : 0) <= 0)
			continue;
		n = recv(fd, buf, sizeof(buf), 0);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0)
			return -1;
		strbuf_add(in, buf, (size_t)n);
	}
}

/* Connect and join; the fd after the snapshot, or -1 (what the server
 * said is printed). */
static int join(const char *path, const char *role, const char *token, struct strbuf *in)
{
	struct proto_msg hello = { .type = PROTO_HELLO, .version = PROTO_VERSION, .team = (char *)role,
				   .token = (char *)token };
	struct proto_msg m;
	int fd = dial(path), rc;

	if (fd < 0) {
		fprintf(stderr, "proto_client: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (send_msg(fd, &hello) != 0) {
		close(fd);
		return -1;
	}
	rc = next_msg(fd, in, &m, 30000);
	if (rc <= 0 || m.type != PROTO_SNAPSHOT) {
		if (rc > 0)
			printf("%s: %s\n", proto_type_name(m.type), m.text ? m.text : "");
		else
			printf("closed before the snapshot\n");
		if (rc > 0)
			proto_msg_free(&m);
		close(fd);
		return -1;
	}
	proto_msg_free(&m);
	return fd;
}

/* Send one action or control and print its result. */
static int one_request(const char *path, const char *role, const char *token, enum proto_type type,
		       const char *team, const char *text)
{
	struct strbuf in = { 0 };
	struct proto_msg req = { .type = type, .id = 7, .team = (char *)team, .text = (char *)text }, m;
	int fd = join(path, role, token, &in), rc = 1;

	if (fd < 0 || send_msg(fd, &req) != 0)
		goto done;
	for (;;) {
		int got = next_msg(fd, &in, &m, 10000);

		if (got <= 0) {
			printf("no result (%s)\n", got == 0 ? "timeout" : "closed");
			break;
		}
		if (m.type == PROTO_RESULT && m.id == 7) {
			printf("result %s: %s\n", m.ok ? "ok" : "refused", m.text);
			proto_msg_free(&m);
			rc = 0;
			break;
		}
		proto_msg_free(&m);
	}
done:
	if (fd >= 0)
		close(fd);
	strbuf_free(&in);
	return rc;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Raw bytes, optionally after a proper hello: "+ROLE:TOKEN:HEX". */
static int raw(const char *path, const char *spec)
{
	struct strbuf in = { 0 }, bytes = { 0 };
	struct proto_msg m;
	int fd;

	if (spec[0] == '+') {
		char role[PROTO_MAX_NAME + 1], token[PROTO_MAX_NAME + 1];
		const char *c1 = strchr(spec + 1, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;

		if (c2 == NULL || c1 - spec - 1 > PROTO_MAX_NAME || c2 - c1 - 1 > PROTO_MAX_NAME)
			return fprintf(stderr, "proto_client: raw +ROLE:TOKEN:HEX\n"), 1;
		snprintf(role, sizeof(role), "%.*s", (int)(c1 - spec - 1), spec + 1);
		snprintf(token, sizeof(token), "%.*s", (int)(c2 - c1 - 1), c1 + 1);
		fd = join(path, role, token, &in);
		if (fd < 0)
			return 1;
		printf("joined\n");
		spec = c2 + 1;
	} else {
		fd = dial(path);
		if (fd < 0)
			return fprintf(stderr, "proto_client: %s: %s\n", path, strerror(errno)), 1;
	}
	for (const char *p = spec; p[0] && p[1]; p += 2) {
		int hi = hexval(p[0]), lo = hexval(p[1]);

		if (hi < 0 || lo < 0)
			return fprintf(stderr, "proto_client: not hex: %s\n", p), 1;
		strbuf_addc(&bytes, (char)(hi << 4 | lo));
	}
	if (bytes.len && send_all(fd, bytes.buf, bytes.len) != 0)
		printf("send failed: %s\n", strerror(errno));
	for (int64_t end = now_ms() + 3000;;) {
		int64_t left = end - now_ms();
		int got = left > 0 ? next_msg(fd, &in, &m, (int)left) : 0;

		if (got == 0) {
			printf("still open\n");
			break;
		}
		if (got < 0) {
			printf("closed\n");
			break;
		}
		if (m.type != PROTO_TICK && m.type != PROTO_ACTED)
			printf("%s: %s\n", proto_type_name(m.type), m.text ? m.text : "");
		proto_msg_free(&m);
	}
	close(fd);
	strbuf_free(&in);
	strbuf_free(&bytes);
	return 0;
}

/* Many actions with long notes as fast as the server takes them. */
static int flood(const char *path, const char *role, const char *token, int n, int size)
{
	struct strbuf in = { 0 }, out = { 0 };
	struct proto_msg m;
	char text[PROTO_MAX_TEXT];
	int fd = join(path, role, token, &in), acked = 0, answered = 0;

	if (fd < 0 || n < 1 || size < 16 || size >= (int)sizeof(text))
		return 1;
	for (int i = 1; i <= n; i++) {
		struct proto_msg a = { .type = PROTO_ACTION, .id = (uint32_t)i, .team = (char *)role, .text = text };
		int len = snprintf(text, sizeof(text), "note flood %d ", i);

		memset(text + len, 'x', (size_t)(size - len));
		text[size] = '\0';
		proto_encode(&a, &out);
	}
	/* Write and read at once, as a console does: the server stops
	 * reading from a console that does not take its answers. */
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	for (size_t off = 0; answered < n;) {
		struct pollfd p = { fd, (short)(POLLIN | (off < out.len ? POLLOUT : 0)), 0 };
		int got;

		if (poll(&p, 1, 30000) <= 0)
			break;
		if (p.revents & POLLOUT) {
			ssize_t w = send(fd, out.buf + off, out.len - off, MSG_NOSIGNAL);

			if (w < 0 && errno != EAGAIN && errno != EINTR)
				break;
			if (w > 0)
				off += (size_t)w;
		}
		if (!(p.revents & (POLLIN | POLLHUP | POLLERR)))
			continue;
		while ((got = next_msg(fd, &in, &m, 0)) > 0) {
			if (m.type == PROTO_RESULT) {
				answered++;
				acked += m.ok;
			}
			proto_msg_free(&m);
		}
		if (got < 0)
			break;
	}
	printf("flood answered %d acked %d\n", answered, acked);
	close(fd);
	strbuf_free(&in);
	strbuf_free(&out);
	return answered == n ? 0 : 1;
}

/* A console that reads nothing for a while, then catches up: how many
 * snapshots it was sent, and the last action it knows of. */
static int stuck(const char *path, const char *role, const char *token, int seconds)
{
	struct strbuf in = { 0 };
	struct proto_msg m;
	int fd = join(path, role, token, &in), snapshots = 1, got = 0;
	uint32_t last = 0;

	sigset_t usr1;
	struct timespec limit = { seconds, 0 };

	/* Stalled until told (SIGUSR1, once the flood is answered) or for
	 * at most `seconds`: a fixed stall would be shorter than the flood
	 * on a loaded machine. */
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	if (fd < 0)
		return 1;
	printf("stuck joined\n");
	fflush(stdout);
	sigtimedwait(&usr1, NULL, &limit);
	/* Caught up: no action for 2 s (ticks go on). */
	for (int64_t quiet = now_ms() + 2000; now_ms() < quiet && (got = next_msg(fd, &in, &m, 500)) >= 0;) {
		if (got == 0)
			continue;
		if (m.type == PROTO_SNAPSHOT || m.type == PROTO_ACTED)
			quiet = now_ms() + 2000;
		if (m.type == PROTO_SNAPSHOT) {
			snapshots++;
			if (m.snap.nactions)
				last = m.snap.actions[m.snap.nactions - 1].seq;
		} else if (m.type == PROTO_ACTED) {
			if (m.action.seq != last + 1)
				printf("gap: action %u after %u\n", m.action.seq, last);
			last = m.action.seq;
		}
		proto_msg_free(&m);
	}
	printf("stuck snapshots %d last-seq %u %s\n", snapshots, last, got < 0 ? "closed" : "open");
	close(fd);
	strbuf_free(&in);
	return 0;
}

/* The load: many consoles in one poll loop. */
struct role {
	char name[PROTO_MAX_NAME + 1], token[PROTO_MAX_NAME + 1];
};

struct lc {
	int fd;           /* -1 while away */
	int role;
	bool joined;
	int64_t next_act, wake, stall_until;
	uint32_t next_id;
	struct strbuf in;
	/* Commands sent and not yet answered, by id. */
	char pending[64][80];
	uint32_t pending_id[64];
	int npending;
};

static uint64_t rng_state;

static uint32_t rnd(uint32_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state % n);
}

struct load_counts {
	long joins, refused_joins, sent, acked, refused, forged, cut, garbage, stalls;
};

static void lc_drop(struct lc *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	c->joined = false;
	c->npending = 0;
	strbuf_reset(&c->in);
	c->wake = now_ms() + 50 + rnd(1500);
}

static void lc_connect(struct lc *c, const char *path, const struct role *roles, struct load_counts *k)
{
	struct proto_msg hello = { .type = PROTO_HELLO, .version = PROTO_VERSION,
				   .team = (char *)roles[c->role].name, .token = (char *)roles[c->role].token };

	c->fd = dial(path);
	if (c->fd < 0 || send_msg(c->fd, &hello) != 0) {
		lc_drop(c);
		return;
	}
	fcntl(c->fd, F_SETFL, fcntl(c->fd, F_GETFL) | O_NONBLOCK);
	k->joins++;
}

/* Something happens to a joined console: an action (mostly), a forged
 * one, a stall, a cut (sometimes mid-frame), or garbage. */
static void lc_act(struct lc *c, const struct role *roles, int nroles, struct load_counts *k, int number)
{
	uint32_t r = rnd(100);
	int64_t t = now_ms();

	c->next_act = t + 20 + rnd(400);
	if (r < 75 && c->npending < 64) {
		struct proto_msg m = { .type = PROTO_ACTION, .id = ++c->next_id, .team = (char *)roles[c->role].name };

		snprintf(c->pending[c->npending], sizeof(c->pending[0]), "note load c%d n%u t%lld", number,
			 m.id, (long long)t);
		m.text = c->pending[c->npending];
		c->pending_id[c->npending++] = m.id;
		if (send_msg(c->fd, &m) != 0) {
			k->cut++;
			lc_drop(c);
			return;
		}
		k->sent++;
	} else if (r < 80) {
		/* For another team: refused, never stored. */
		struct proto_msg m = { .type = PROTO_ACTION, .id = 0, .team = (char *)roles[(c->role + 1) % nroles].name,
				       .text = "note forged" };

		if (strcmp(m.team, roles[c->role].name) != 0 && send_msg(c->fd, &m) == 0)
			k->forged++;
	} else if (r < 86) {
		c->stall_until = t + 200 + rnd(3000);
		k->stalls++;
	} else if (r < 96) {
		/* Cut, half the time in the middle of a frame. */
		if (rnd(2)) {
			static const unsigned char half[] = { 0, 0, 0, 40, PROTO_ACTION, 0, 0 };

			send(c->fd, half, sizeof(half), MSG_NOSIGNAL);
		}
		k->cut++;
		lc_drop(c);
	} else {
		static const unsigned char junk[] = { 0, 0, 0, 3, 0x63, 1, 2 };

		send(c->fd, junk, sizeof(junk), MSG_NOSIGNAL);
		k->garbage++;
		/* The server closes it; reading notices. */
	}
}

static void lc_read(struct lc *c, struct load_counts *k, FILE *acked)
{
	char buf[65536], err[256];
	ssize_t n = recv(c->fd, buf, sizeof(buf), 0);
	size_t body;

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		lc_drop(c);
		return;
	}
	strbuf_add(&c->in, buf, (size_t)n);
	while (proto_frame(c->in.buf, c->in.len, &body, err, sizeof(err)) > 0) {
		struct proto_msg m;

		if (proto_decode(c->in.buf + PROTO_HEAD, body, &m, err, sizeof(err)) != 0) {
			fprintf(stderr, "proto_client: the server sent %s\n", err);
			exit(1);
		}
		memmove(c->in.buf, c->in.buf + PROTO_HEAD + body, c->in.len - PROTO_HEAD - body);
		strbuf_truncate(&c->in, c->in.len - PROTO_HEAD - body);
		if (m.type == PROTO_SNAPSHOT) {
			c->joined = true;
		} else if (m.type == PROTO_ERROR) {
			if (!c->joined)
				k->refused_joins++;
		} else if (m.type == PROTO_RESULT && m.id != 0) {
			for (int i = 0; i < c->npending; i++) {
				if (c->pending_id[i] != m.id)
					continue;
				if (m.ok) {
					fprintf(acked, "%s\n", c->pending[i]);
					k->acked++;
				} else {
					k->refused++;
				}
				c->npending--;
				memmove(c->pending[i], c->pending[c->npending], sizeof(c->pending[0]));
				c->pending_id[i] = c->pending_id[c->npending];
				break;
			}
		}
		proto_msg_free(&m);
	}
}

static int load(const char *path, const char *tokens, int n, int seconds, unsigned seed, const char *acked_path)
{
	struct role roles[ROLES_MAX];
	int nroles = 0;
	struct lc cs[LOAD_MAX];
	struct load_counts k = { 0 };
	FILE *fp = fopen(tokens, "r"), *acked;
	char line[256];
	int64_t end;

	if (fp == NULL)
		return fprintf(stderr, "proto_client: %s: %s\n", tokens, strerror(errno)), 1;
	while (nroles < ROLES_MAX && fgets(line, sizeof(line), fp))
		if (sscanf(line, "%64s %64s", roles[nroles].name, roles[nroles].token) == 2 &&
		    strcmp(roles[nroles].name, "white-cell") != 0)
			nroles++;
	fclose(fp);
	if (nroles == 0 || n < 1 || n > LOAD_MAX || seconds < 1)
		return fprintf(stderr, "proto_client: load needs team tokens and 1 to %d consoles\n", LOAD_MAX), 1;
	acked = fopen(acked_path, "w");
	if (acked == NULL)
		return fprintf(stderr, "proto_client: %s: %s\n", acked_path, strerror(errno)), 1;
	rng_state = seed ? seed : 1;
	for (int i = 0; i < n; i++) {
		cs[i] = (struct lc){ .fd = -1, .role = i % nroles };
		cs[i].wake = now_ms() + rnd(2000);
	}
	end = now_ms() + (int64_t)seconds * 1000;
	while (now_ms() < end) {
		struct pollfd p[LOAD_MAX];
		int64_t t = now_ms();

		for (int i = 0; i < n; i++) {
			struct lc *c = &cs[i];

			if (c->fd < 0 && t >= c->wake)
				lc_connect(c, path, roles, &k);
			if (c->fd >= 0 && c->joined && t >= c->next_act && t >= c->stall_until)
				lc_act(c, roles, nroles, &k, i);
			/* A stalled console reads nothing: the server must not wait for it. */
			p[i] = (struct pollfd){ c->fd >= 0 && t >= c->stall_until ? c->fd : -1, POLLIN, 0 };
		}
		poll(p, (nfds_t)n, 20);
		for (int i = 0; i < n; i++)
			if (p[i].fd >= 0 && (p[i].revents & (POLLIN | POLLHUP | POLLERR)))
				lc_read(&cs[i], &k, acked);
	}
	/* The answers still due come within a few seconds, or they were lost. */
	end = now_ms() + 10000;
	for (;;) {
		struct pollfd p[LOAD_MAX];
		int waiting = 0;

		for (int i = 0; i < n; i++) {
			struct lc *c = &cs[i];

			if (c->fd >= 0 && c->npending > 0)
				waiting++;
			p[i] = (struct pollfd){ c->fd >= 0 && c->npending > 0 ? c->fd : -1, POLLIN, 0 };
		}
		if (waiting == 0 || now_ms() > end)
			break;
		poll(p, (nfds_t)n, 100);
		for (int i = 0; i < n; i++)
			if (p[i].fd >= 0 && (p[i].revents & (POLLIN | POLLHUP | POLLERR)))
				lc_read(&cs[i], &k, acked);
	}
	long unanswered = 0;

	for (int i = 0; i < n; i++) {
		if (cs[i].fd >= 0)
			unanswered += cs[i].npending;
		lc_drop(&cs[i]);
		strbuf_free(&cs[i].in);
	}
	fclose(acked);
	printf("joins %ld refused-joins %ld sent %ld acked %ld refused %ld forged %ld cuts %ld garbage %ld stalls %ld "
	       "unanswered %ld\n",
	       k.joins, k.refused_joins, k.sent, k.acked, k.refused, k.forged, k.cut, k.garbage, k.stalls, unanswered);
	return unanswered > 0 ? 1 : 0;
}

int main(int argc, char **argv)
{
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 7 && strcmp(argv[1], "act") == 0)
		return one_request(argv[2], argv[3], argv[4], PROTO_ACTION, argv[5], argv[6]);
	if (argc == 6 && strcmp(argv[1], "control") == 0)
		return one_request(argv[2], argv[3], argv[4], PROTO_CONTROL, argv[3], argv[5]);
	if (argc == 7 && strcmp(argv[1], "flood") == 0)
		return flood(argv[2], argv[3], argv[4], atoi(argv[5]), atoi(argv[6]));
	if (argc == 6 && strcmp(argv[1], "stuck") == 0)
		return stuck(argv[2], argv[3], argv[4], atoi(argv[5]));
	if (argc == 4 && strcmp(argv[1], "raw") == 0)
		return raw(argv[2], argv[3]);
	if (argc == 8 && strcmp(argv[1], "load") == 0)
		return load(argv[2], argv[3], atoi(argv[4]), atoi(argv[5]), (unsigned)strtoul(argv[6], NULL, 10),
			    argv[7]);
	fprintf(stderr, "usage: proto_client act|control|raw|load … (see the source)\n");
	return 2;
}
