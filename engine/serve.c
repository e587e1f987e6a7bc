#include "serve.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "action.h"
#include "drill.h"
#include "pace.h"
#include "proto.h"
#include "sha256.h"
#include "store.h"
#include "whitecell.h"
#include "xmalloc.h"

#define SERVE_WHITE_CELL "white-cell"
/* Ticks while the clock moves: a console's clock is this far behind at most. */
#define SERVE_TICK_US 100000
/* At max speed the drill goes a simulated minute per loop, so consoles
 * are still answered. */
#define SERVE_MAX_STEP SIM_MINUTE
#define SERVE_READ_CHUNK 16384
/* An action's bytes in a snapshot, and the most one can take: a snapshot
 * must stay within PROTO_MAX_MESSAGE and PROTO_MAX_ACTIONS. */
#define SERVE_ACTION_BYTES(a) (24 + strlen((a)->team) + strlen((a)->command) + strlen((a)->result))
#define SERVE_ACTION_BYTES_MAX (24 + ACTION_TEAM_MAX + ACTION_VALUE_MAX + 128 + PROTO_MAX_TEXT)
/* A snapshot's bytes besides its files and actions, bounded above. */
#define SERVE_SNAPSHOT_FIXED (4096 + PROTO_MAX_TEAMS * (4 + PROTO_MAX_NAME))

struct serve_client {
	int fd;
	unsigned number; /* for the log */
	bool live;       /* past hello: has a role and a snapshot */
	bool closing;    /* error or bye queued: close once written */
	bool need_snapshot;
	char role[ACTION_TEAM_MAX];
	char peer[64];
	struct strbuf in;
	struct strbuf out;
	size_t out_off;  /* bytes of out already written */
	size_t boundary; /* the end of the frame out_off is in */
};

struct serve {
	const struct drill_front *f;
	struct drill *d;
	FILE *log;
	struct pace pace;
	int listeners[2];
	int nlisteners;
	char socket_path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	struct serve_client *clients[SERVE_MAX_CLIENTS];
	int nclients;
	unsigned next_number;
	/* What a snapshot carries. */
	char *scenario, *network;
	size_t scenario_len, network_len;
	char scenario_sha[SHA256_HEX_SIZE], network_sha[SHA256_HEX_SIZE];
	char background[64];
	struct proto_action *acts;
	size_t nacts, acts_cap;
	size_t snapshot_bytes; /* a snapshot's size, bounded above */
	int replaying;         /* a resumed drill's actions still to take again */
	sim_time_t ticked;     /* the clock of the last tick sent */
	int64_t ticked_wall;
	bool ended;
	bool store_failed;
};

static volatile sig_atomic_t serve_stop;

static void serve_on_stop(int sig)
{
	(void)sig;
	serve_stop = 1;
}

static int64_t serve_wall_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void serve_log(struct serve *s, const struct serve_client *c, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* One line per event: wall time, the drill's time, the console. */
static void serve_log(struct serve *s, const struct serve_client *c, const char *fmt, ...)
{
	char wall[32], sim[SIMCLOCK_ELAPSED_SIZE];
	time_t now = time(NULL);
	struct tm tm;
	va_list ap;

	strftime(wall, sizeof(wall), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
	simclock_format_elapsed(s->d->now, sim, sizeof(sim));
	fprintf(s->log, "irdrill serve: %s %s ", wall, sim);
	if (c)
		fprintf(s->log, "console %u (%s%s%s): ", c->number, c->peer, c->live ? ", " : "",
			c->live ? c->role : "");
	va_start(ap, fmt);
	vfprintf(s->log, fmt, ap);
	va_end(ap);
	fputc('\n', s->log);
	fflush(s->log);
}

/* A whole file in memory; false with a message. */
static bool serve_slurp(const char *path, char **buf, size_t *len, char hex[SHA256_HEX_SIZE])
{
	FILE *fp = fopen(path, "rb");
	struct strbuf sb = { 0 };
	char chunk[8192];
	size_t n;
	uint8_t digest[SHA256_DIGEST_SIZE];

	if (fp == NULL) {
		fprintf(stderr, "irdrill: %s: %s\n", path, strerror(errno));
		return false;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0 && sb.len <= PROTO_MAX_FILE)
		strbuf_add(&sb, chunk, n);
	fclose(fp);
	if (sb.len > PROTO_MAX_FILE) {
		fprintf(stderr, "irdrill: %s: larger than the %u bytes a console can be sent\n", path,
			PROTO_MAX_FILE);
		strbuf_free(&sb);
		return false;
	}
	sha256_digest(sb.buf ? sb.buf : "", sb.len, digest);
	sha256_hex(digest, hex);
	*len = sb.len;
	*buf = sb.buf ? sb.buf : xstrdup("");
	return true;
}

/* Output. */

static void serve_close(struct serve *s, int i)
{
	struct serve_client *c = s->clients[i];

	close(c->fd);
	strbuf_free(&c->in);
	strbuf_free(&c->out);
	free(c);
	s->clients[i] = s->clients[--s->nclients];
}

static void serve_snapshot(struct serve *s, struct serve_client *c)
{
	struct proto_msg m = { .type = PROTO_SNAPSHOT };
	const struct drill_cli *o = s->f->o;
	char *teams[PROTO_MAX_TEAMS];
	const char *sb = strrchr(s->f->scenario_path, '/'), *nb = strrchr(s->f->network_path, '/');

	for (int i = 0; i < o->nteams; i++)
		teams[i] = (char *)o->teams[i];
	m.snap = (struct proto_snapshot){
		(char *)s->f->exercise, c->role,
		(char *)(sb ? sb + 1 : s->f->scenario_path), (char *)(nb ? nb + 1 : s->f->network_path),
		s->scenario, s->network, s->scenario_len, s->network_len, s->scenario_sha, s->network_sha,
		s->d->seed, s->background,
		{ s->d->now, (uint32_t)s->pace.speed, s->pace.paused, s->ended },
		teams, (uint32_t)o->nteams, s->acts, (uint32_t)s->nacts,
	};
	proto_encode(&m, &c->out);
	c->need_snapshot = false;
}

/* Drop what is queued after the frame being written, but the answers
 * (result frames), which the snapshot does not carry. */
static void serve_drop_queue(struct serve_client *c)
{
	struct strbuf keep = { 0 };

	for (size_t at = c->boundary; at + PROTO_HEAD < c->out.len;) {
		const unsigned char *p = (const unsigned char *)c->out.buf + at;
		size_t len = PROTO_HEAD + ((size_t)p[0] << 24 | (size_t)p[1] << 16 | (size_t)p[2] << 8 | p[3]);

		if (p[PROTO_HEAD] == PROTO_RESULT)
			strbuf_add(&keep, p, len);
		at += len;
	}
	strbuf_truncate(&c->out, c->boundary);
	if (keep.len)
		strbuf_add(&c->out, keep.buf, keep.len);
	strbuf_free(&keep);
}

/* Queue a message for a console.  A broadcast (bounded) that does not
 * fit drops what is queued after the frame being written, and the
 * console is sent a snapshot once that frame is out. */
static void serve_send(struct serve *s, struct serve_client *c, const struct proto_msg *m, bool bounded)
{
	/* A console's answers are never dropped: the server reads no more
	 * from a console whose queue is full (serve_loop), so they stay few. */
	if (m->type == PROTO_RESULT)
		bounded = false;
	if (c->closing || (bounded && c->need_snapshot))
		return;
	proto_encode(m, &c->out);
	if (!bounded || c->out.len - c->out_off <= SERVE_QUEUE_MAX)
		return;
	/* Find the end of the frame being written (a snapshot can be larger
	 * than the queue): frames follow each other from the last boundary
	 * passed.  What is queued beyond it is what is bounded. */
	while (c->boundary < c->out_off) {
		const unsigned char *p = (const unsigned char *)c->out.buf + c->boundary;

		c->boundary += PROTO_HEAD + ((size_t)p[0] << 24 | (size_t)p[1] << 16 | (size_t)p[2] << 8 | p[3]);
	}
	if (c->out.len - c->boundary <= SERVE_QUEUE_MAX)
		return;
	serve_drop_queue(c);
	c->need_snapshot = true;
	serve_log(s, c, "fell %u bytes behind: a fresh snapshot follows", SERVE_QUEUE_MAX);
}

static void serve_refuse(struct serve *s, struct serve_client *c, const char *why)
{
	struct proto_msg m = { .type = PROTO_ERROR, .text = (char *)why };

	serve_log(s, c, "closed: %s", why);
	serve_send(s, c, &m, false);
	c->closing = true;
}

static void serve_broadcast(struct serve *s, const struct proto_msg *m)
{
	for (int i = 0; i < s->nclients; i++)
		if (s->clients[i]->live)
			serve_send(s, s->clients[i], m, true);
}

static void serve_tick(struct serve *s, int64_t wall)
{
	struct proto_msg m = { .type = PROTO_TICK };

	m.clock = (struct proto_clock){ s->d->now, (uint32_t)s->pace.speed, s->pace.paused, s->ended };
	serve_broadcast(s, &m);
	s->ticked = s->d->now;
	s->ticked_wall = wall;
}

/* Write what can be written now; false if the console is gone. */
static bool serve_flush(struct serve *s, struct serve_client *c)
{
	while (c->out_off < c->out.len) {
		ssize_t n = send(c->fd, c->out.buf + c->out_off, c->out.len - c->out_off, MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return true;
		if (n <= 0) {
			if (!c->closing)
				serve_log(s, c, "gone: %s", n < 0 ? strerror(errno) : "closed");
			return false;
		}
		c->out_off += (size_t)n;
	}
	strbuf_reset(&c->out);
	c->out_off = 0;
	c->boundary = 0;
	if (c->closing)
		return false;
	if (c->need_snapshot) {
		serve_snapshot(s, c);
		return serve_flush(s, c);
	}
	return true;
}

/* Input. */

/* The drill's hook as any action falls due: commit it, keep it for
 * snapshots, tell every console.  False halts the drill. */
static bool serve_on_action(void *ctx, struct drill *d, const struct action *a, const char *refused)
{
	struct serve *s = ctx;
	char command[ACTION_VALUE_MAX + 128];
	struct proto_msg m = { .type = PROTO_ACTED };
	struct proto_action *pa;

	action_format(d->net, a, command, sizeof(command));
	/* A resumed drill's actions are in the store already. */
	if (s->replaying > 0)
		s->replaying--;
	else if (store_action_add(s->f->store, a->team, a->time, command, refused ? refused : "ok") != 0) {
		serve_log(s, NULL, "%s", store_error(s->f->store));
		s->store_failed = true;
		return false;
	}
	s->acts = xgrow(s->acts, &s->acts_cap, s->nacts + 1, sizeof(*s->acts));
	pa = &s->acts[s->nacts++];
	*pa = (struct proto_action){ (uint32_t)s->nacts, a->time, xstrdup(a->team), xstrdup(command),
				     xstrdup(refused ? refused : "ok") };
	s->snapshot_bytes += SERVE_ACTION_BYTES(pa);
	m.action = *pa;
	serve_broadcast(s, &m);
	return true;
}

static void serve_result(struct serve *s, struct serve_client *c, uint32_t id, bool ok, const char *text)
{
	struct proto_msg m = { .type = PROTO_RESULT, .id = id, .ok = ok, .text = (char *)text };

	serve_send(s, c, &m, true);
}

/* The white cell's own commands, carried as actions. */
static bool serve_white_verb(const char *text)
{
	static const char *const verbs[] = { "hint", "mark", "event", "msg", "inject" };
	size_t len = strcspn(text, " ");

	for (size_t i = 0; i < sizeof(verbs) / sizeof(*verbs); i++)
		if (strlen(verbs[i]) == len && strncmp(text, verbs[i], len) == 0)
			return true;
	return false;
}

/* A team reaching for them: mark, event, msg, or a hint for another
 * team (a team's own "hint TEXT" asks for one and is its action). */
static bool serve_white_for_team(const struct serve *s, const struct serve_client *c, const char *text)
{
	const char *w;
	size_t len;

	if (!serve_white_verb(text))
		return false;
	if (strncmp(text, "hint", 4) != 0)
		return true;
	w = text + 4 + strspn(text + 4, " ");
	len = strcspn(w, " ");
	if (len == 0 || (len == strlen(c->role) && strncmp(w, c->role, len) == 0))
		return false;
	if ((len == 3 && strncmp(w, "all", 3) == 0) || (len == 5 && strncmp(w, "white", 5) == 0) ||
	    (len == 10 && strncmp(w, "white-cell", 10) == 0))
		return true;
	for (int i = 0; i < s->f->o->nteams; i++)
		if (strlen(s->f->o->teams[i]) == len && strncmp(w, s->f->o->teams[i], len) == 0)
			return true;
	return false;
}

static void serve_action(struct serve *s, struct serve_client *c, const struct proto_msg *msg)
{
	struct action a;
	char err[300];
	size_t before = s->nacts;

	bool white = strcmp(c->role, SERVE_WHITE_CELL) == 0;

	if (white && !serve_white_verb(msg->text)) {
		serve_result(s, c, msg->id, false, "the white cell holds the controls; team actions are the teams'");
		return;
	}
	if (!white && serve_white_for_team(s, c, msg->text)) {
		snprintf(err, sizeof(err), "only the white cell gives hints to other teams, marks, events and messages");
		serve_log(s, c, "refused '%.*s': %s", 40, msg->text, err);
		serve_result(s, c, msg->id, false, err);
		return;
	}
	if (!white && strcmp(msg->team, c->role) != 0) {
		snprintf(err, sizeof(err), "team %s cannot act for team '%s'", c->role, msg->team);
		serve_log(s, c, "refused: %s", err);
		serve_result(s, c, msg->id, false, err);
		return;
	}
	if (s->ended) {
		serve_result(s, c, msg->id, false, "the drill has ended: nothing more can change");
		return;
	}
	/* Every console must still be sent a snapshot with this action in it. */
	if (s->nacts >= PROTO_MAX_ACTIONS || s->snapshot_bytes + SERVE_ACTION_BYTES_MAX > PROTO_MAX_MESSAGE) {
		serve_log(s, c, "refused an action: the drill holds as many as a snapshot can carry (%zu)", s->nacts);
		serve_result(s, c, msg->id, false, "the drill holds as many actions as the consoles can be sent: "
			     "no more can be taken");
		return;
	}
	/* The white cell's hint, mark, event and msg: parsed as the local
	 * console's are (pacing stays with the controls) and taken on the
	 * same path, the store's commit included. */
	if (white ? whitecell_parse(s->d->net, msg->text, true, &a, err, sizeof(err)) != 0
		  : action_parse(s->d->net, msg->text, &a, err, sizeof(err)) != 0) {
		serve_result(s, c, msg->id, false, err);
		return;
	}
	a.time = s->d->now;
	a.line = 0;
	if (!white)
		snprintf(a.team, sizeof(a.team), "%s", c->role);
	/* Queued at the drill's time and run at once: the same path as a
	 * scripted action, the store's commit included. */
	drill_add_actions(s->d, &a, 1);
	drill_run_until(s->d, s->d->now);
	if (s->nacts == before) {
		serve_result(s, c, msg->id, false, "the exercise store could not record the action");
		return;
	}
	serve_result(s, c, msg->id, strcmp(s->acts[before].result, "ok") == 0,
		     strcmp(s->acts[before].result, "ok") == 0 ? s->acts[before].command : s->acts[before].result);
}

static void serve_control(struct serve *s, struct serve_client *c, const struct proto_msg *msg)
{
	int64_t wall = serve_wall_us();
	int speed;
	char text[PROTO_MAX_TEXT + 64];

	if (strcmp(c->role, SERVE_WHITE_CELL) != 0) {
		serve_log(s, c, "refused control '%s': only the white cell holds the controls", msg->text);
		serve_result(s, c, msg->id, false, "only the white cell holds the controls");
		return;
	}
	if (s->ended) {
		serve_result(s, c, msg->id, false, "the drill has ended: nothing more can change");
		return;
	}
	if (strcmp(msg->text, "pause") == 0) {
		pace_pause(&s->pace, wall);
	} else if (strcmp(msg->text, "resume") == 0) {
		pace_resume(&s->pace, wall);
	} else if (strncmp(msg->text, "speed ", 6) == 0 && pace_speed_parse(msg->text + 6, &speed)) {
		pace_reached(&s->pace, s->d->now);
		pace_set_speed(&s->pace, wall, speed);
	} else if (strcmp(msg->text, "end") == 0) {
		s->ended = true;
	} else {
		snprintf(text, sizeof(text), "no control '%s' (pause, resume, speed N, end)", msg->text);
		serve_result(s, c, msg->id, false, text);
		return;
	}
	serve_log(s, c, "%s", msg->text);
	/* On the drill's timeline like an action, as the console's are. */
	if (strncmp(msg->text, "speed ", 6) == 0) {
		char word[PACE_SPEED_SIZE];

		pace_speed_format(speed, word, sizeof(word));
		snprintf(text, sizeof(text), "speed %s", word);
	} else
		snprintf(text, sizeof(text), "%s", msg->text);
	drill_record(s->d, DRILL_ACTION, SERVE_WHITE_CELL, text, NULL, true, NULL);
	serve_result(s, c, msg->id, true, msg->text);
	serve_tick(s, wall);
}

/* hello: the token names the role, which must be the one claimed.
 * Several consoles may share a role (a team's members at their own
 * screens). */
static void serve_hello(struct serve *s, struct serve_client *c, const struct proto_msg *msg)
{
	uint8_t digest[SHA256_DIGEST_SIZE];
	char hex[SHA256_HEX_SIZE], role[ACTION_TEAM_MAX], why[256];
	int rc;

	if (msg->version != PROTO_VERSION) {
		snprintf(why, sizeof(why), "protocol version %u; this server speaks %d", msg->version, PROTO_VERSION);
		serve_refuse(s, c, why);
		return;
	}
	sha256_digest(msg->token, strlen(msg->token), digest);
	sha256_hex(digest, hex);
	rc = store_token_role(s->f->store, hex, role, sizeof(role));
	if (rc < 0) {
		serve_log(s, c, "%s", store_error(s->f->store));
		serve_refuse(s, c, "the server cannot read its tokens");
		return;
	}
	/* A token of an earlier exercise (reused) is not one of this one's. */
	if (rc > 0 || strcmp(role, msg->team) != 0) {
		snprintf(why, sizeof(why), "wrong token for '%s' (not one this exercise printed for it)", msg->team);
		serve_refuse(s, c, why);
		return;
	}
	snprintf(c->role, sizeof(c->role), "%s", role);
	c->live = true;
	serve_log(s, c, "joined");
	serve_snapshot(s, c);
}

/* One whole message from a console; the order is hello first, then
 * actions and controls (and bye). */
static void serve_message(struct serve *s, struct serve_client *c, const struct proto_msg *m)
{
	char why[128];

	if (!c->live && m->type != PROTO_HELLO) {
		snprintf(why, sizeof(why), "a %s message before hello", proto_type_name(m->type));
		serve_refuse(s, c, why);
		return;
	}
	switch (m->type) {
	case PROTO_HELLO:
		if (c->live)
			serve_refuse(s, c, "a second hello");
		else
			serve_hello(s, c, m);
		break;
	case PROTO_ACTION:
		serve_action(s, c, m);
		break;
	case PROTO_CONTROL:
		serve_control(s, c, m);
		break;
	case PROTO_BYE:
		serve_log(s, c, "left: %s", m->text);
		c->closing = true;
		break;
	default:
		snprintf(why, sizeof(why), "a %s message, which consoles do not send", proto_type_name(m->type));
		serve_refuse(s, c, why);
		break;
	}
}

/* Read what the console sent and act on every whole message; false if
 * it is gone. */
static bool serve_read(struct serve *s, struct serve_client *c)
{
	char buf[SERVE_READ_CHUNK], err[256];
	ssize_t n = recv(c->fd, buf, sizeof(buf), 0);
	size_t used = 0, body;

	if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK))
		return true;
	if (n <= 0) {
		if (!c->closing)
			serve_log(s, c, "gone: %s", n < 0 ? strerror(errno) : "closed");
		return false;
	}
	if (c->closing)
		return true;
	strbuf_add(&c->in, buf, (size_t)n);
	for (;;) {
		struct proto_msg m;
		int rc = proto_frame(c->in.buf + used, c->in.len - used, &body, err, sizeof(err));

		if (rc == 0 && c->in.len - used >= PROTO_HEAD) {
			/* Waiting for the rest: it must fit a console's cap. */
			const unsigned char *p = (const unsigned char *)c->in.buf + used;
			size_t want = (size_t)p[0] << 24 | (size_t)p[1] << 16 | (size_t)p[2] << 8 | p[3];

			if (want > SERVE_CLIENT_MESSAGE_MAX)
				rc = -1, snprintf(err, sizeof(err), "a message of %zu bytes (at most %d from a console)",
						  want, SERVE_CLIENT_MESSAGE_MAX);
		}
		if (rc < 0) {
			serve_refuse(s, c, err);
			break;
		}
		if (rc == 0)
			break;
		if (body > SERVE_CLIENT_MESSAGE_MAX) {
			snprintf(err, sizeof(err), "a message of %zu bytes (at most %d from a console)", body,
				 SERVE_CLIENT_MESSAGE_MAX);
			serve_refuse(s, c, err);
			break;
		}
		if (proto_decode(c->in.buf + used + PROTO_HEAD, body, &m, err, sizeof(err)) != 0) {
			serve_refuse(s, c, err);
			break;
		}
		used += PROTO_HEAD + body;
		serve_message(s, c, &m);
		proto_msg_free(&m);
		if (c->closing)
			break;
	}
	if (c->closing) {
		strbuf_reset(&c->in);
	} else if (used > 0) {
		memmove(c->in.buf, c->in.buf + used, c->in.len - used);
		strbuf_truncate(&c->in, c->in.len - used);
	}
	return true;
}

static void serve_accept(struct serve *s, int lfd)
{
	struct sockaddr_storage sa;
	socklen_t len = sizeof(sa);
	int fd = accept(lfd, (struct sockaddr *)&sa, &len);
	struct serve_client *c;

	if (fd < 0)
		return;
	if (s->nclients == SERVE_MAX_CLIENTS) {
		serve_log(s, NULL, "refused a console: %d are connected already", SERVE_MAX_CLIENTS);
		close(fd);
		return;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	c = xcalloc(1, sizeof(*c));
	c->fd = fd;
	c->number = ++s->next_number;
	if (sa.ss_family == AF_UNIX) {
		snprintf(c->peer, sizeof(c->peer), "local");
	} else {
		char host[NI_MAXHOST], port[NI_MAXSERV];

		if (getnameinfo((struct sockaddr *)&sa, len, host, sizeof(host), port, sizeof(port),
				NI_NUMERICHOST | NI_NUMERICSERV) == 0)
			snprintf(c->peer, sizeof(c->peer), "%.40s port %.8s", host, port);
		else
			snprintf(c->peer, sizeof(c->peer), "tcp");
	}
	s->clients[s->nclients++] = c;
	serve_log(s, c, "connected");
}

/* Set-up. */

static bool serve_unix(struct serve *s, const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd;
	mode_t old;

	if (strlen(path) >= sizeof(sa.sun_path)) {
		fprintf(stderr, "irdrill: --socket %s: longer than the %zu bytes a socket path may be\n", path,
			sizeof(sa.sun_path) - 1);
		return false;
	}
	memcpy(sa.sun_path, path, strlen(path) + 1);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		goto fail;
	/* A socket file left by a server that died is taken over; one a
	 * live server answers on is not. */
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0) {
		fprintf(stderr, "irdrill: %s: another irdrill serve is listening there\n", path);
		close(fd);
		return false;
	}
	close(fd);
	if (errno == ECONNREFUSED) {
		struct stat st;

		if (lstat(path, &st) == 0 && S_ISSOCK(st.st_mode))
			unlink(path);
	}
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		goto fail;
	old = umask(0117);
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		umask(old);
		close(fd);
		goto fail;
	}
	umask(old);
	if (chmod(path, 0660) != 0 || listen(fd, 64) != 0) {
		close(fd);
		unlink(path);
		goto fail;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	s->listeners[s->nlisteners++] = fd;
	/* Checked above to fit sun_path, which socket_path matches in size. */
	memcpy(s->socket_path, sa.sun_path, sizeof(s->socket_path));
	return true;
fail:
	fprintf(stderr, "irdrill: %s: %s\n", path, strerror(errno));
	return false;
}

static bool serve_tcp(struct serve *s, const char *spec)
{
	char host[256];
	const char *colon = strrchr(spec, ':');
	struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE }, *res;
	int fd = -1, rc, one = 1;
	size_t hl;

	if (colon == NULL || colon[1] == '\0') {
		fprintf(stderr, "irdrill: --listen '%s' is not HOST:PORT\n", spec);
		return false;
	}
	hl = (size_t)(colon - spec);
	if (hl >= 2 && spec[0] == '[' && spec[hl - 1] == ']')
		spec++, hl -= 2;
	if (hl >= sizeof(host)) {
		fprintf(stderr, "irdrill: --listen: the host is too long\n");
		return false;
	}
	memcpy(host, spec, hl);
	host[hl] = '\0';
	rc = getaddrinfo(hl ? host : NULL, colon + 1, &hints, &res);
	if (rc != 0) {
		fprintf(stderr, "irdrill: --listen %s: %s\n", spec, gai_strerror(rc));
		return false;
	}
	fd = socket(res->ai_family, res->ai_socktype | SOCK_CLOEXEC, res->ai_protocol);
	if (fd >= 0)
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (fd < 0 || bind(fd, res->ai_addr, res->ai_addrlen) != 0 || listen(fd, 64) != 0) {
		fprintf(stderr, "irdrill: --listen %s: %s\n", spec, strerror(errno));
		if (fd >= 0)
			close(fd);
		freeaddrinfo(res);
		return false;
	}
	freeaddrinfo(res);
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	s->listeners[s->nlisteners++] = fd;
	return true;
}

/* A token per team and the white cell, from the system's secure source;
 * only the hashes are kept. */
static bool serve_tokens(struct serve *s, FILE *out)
{
	const struct drill_cli *o = s->f->o;

	fprintf(out, "join tokens (shown once; give each to its team):\n");
	for (int i = -1; i < o->nteams; i++) {
		const char *role = i < 0 ? SERVE_WHITE_CELL : o->teams[i];
		uint8_t raw[SERVE_TOKEN_BYTES], digest[SHA256_DIGEST_SIZE];
		char token[2 * SERVE_TOKEN_BYTES + 1], hex[SHA256_HEX_SIZE];

		if (getrandom(raw, sizeof(raw), 0) != (ssize_t)sizeof(raw)) {
			fprintf(stderr, "irdrill: no random bytes for the join tokens: %s\n", strerror(errno));
			return false;
		}
		for (size_t k = 0; k < sizeof(raw); k++)
			snprintf(token + 2 * k, 3, "%02x", raw[k]);
		sha256_digest(token, strlen(token), digest);
		sha256_hex(digest, hex);
		if (store_token_set(s->f->store, role, hex) != 0) {
			fprintf(stderr, "irdrill: %s\n", store_error(s->f->store));
			return false;
		}
		fprintf(out, "  %-*s %s\n", ACTION_TEAM_MAX, role, token);
	}
	fflush(out);
	return true;
}

/* The default socket: irdrill.sock beside the exercise store. */
static void serve_default_socket(const struct drill_cli *o, char *buf, size_t size)
{
	const char *db = drill_cli_db(o), *slash = strrchr(db, '/');

	if (slash)
		snprintf(buf, size, "%.*s/irdrill.sock", (int)(slash - db), db);
	else
		snprintf(buf, size, "irdrill.sock");
}

/* Run the drill towards the paced target; ticks as the clock moves. */
static void serve_advance(struct serve *s, int64_t wall)
{
	sim_time_t target = pace_target(&s->pace, wall);

	if (s->pace.speed == PACE_SPEED_MAX && !s->pace.paused && target > s->d->now + SERVE_MAX_STEP)
		target = s->d->now + SERVE_MAX_STEP;
	if (target > s->d->now)
		drill_run_until(s->d, target);
	if (s->pace.speed == PACE_SPEED_MAX)
		pace_reached(&s->pace, s->d->now);
	if (drill_finished(s->d) && !s->ended) {
		s->ended = true;
		serve_log(s, NULL, "the drill has ended");
	}
	if (s->ended || (s->d->now != s->ticked && wall - s->ticked_wall >= SERVE_TICK_US))
		serve_tick(s, wall);
}

static int serve_poll_timeout(const struct serve *s, int64_t wall)
{
	if (s->pace.speed == PACE_SPEED_MAX && !s->pace.paused)
		return 0;
	if (s->pace.paused)
		return 200;
	int64_t due = s->ticked_wall + SERVE_TICK_US - wall;

	return due <= 0 ? 0 : due > 100000 ? 100 : (int)((due + 999) / 1000);
}

static void serve_loop(struct serve *s)
{
	struct pollfd fds[2 + SERVE_MAX_CLIENTS];
	int64_t ended_at = 0;

	while (!serve_stop) {
		int64_t wall = serve_wall_us();
		int n = 0;

		if (!s->ended)
			serve_advance(s, wall);
		if (s->d->halted)
			break;
		if (s->ended) {
			/* Consoles get the last tick and a bye; a second for them
			 * to take it. */
			if (ended_at == 0) {
				struct proto_msg bye = { .type = PROTO_BYE, .text = "the drill has ended" };

				serve_tick(s, wall);
				for (int i = 0; i < s->nclients; i++)
					if (s->clients[i]->live) {
						serve_send(s, s->clients[i], &bye, false);
						s->clients[i]->closing = true;
					}
				ended_at = wall;
			}
			if (s->nclients == 0 || wall - ended_at > 1000000)
				break;
		}
		for (int i = 0; i < s->nlisteners; i++)
			fds[n++] = (struct pollfd){ s->listeners[i], s->ended ? 0 : POLLIN, 0 };
		for (int i = 0; i < s->nclients; i++) {
			struct serve_client *c = s->clients[i];

			/* A console that does not take its answers is not read. */
			short in = c->out.len - c->out_off > SERVE_QUEUE_MAX ? 0 : POLLIN;

			fds[n++] = (struct pollfd){ c->fd, (short)(in | (c->out_off < c->out.len ? POLLOUT : 0)), 0 };
		}
		if (poll(fds, (nfds_t)n, serve_poll_timeout(s, wall)) < 0 && errno != EINTR)
			break;
		for (int i = 0; i < s->nlisteners; i++)
			if (fds[i].revents & POLLIN)
				serve_accept(s, s->listeners[i]);
		/* Clients by the fd polled, from the end, as closing moves the
		 * last one into the freed slot. */
		for (int i = n - 1; i >= s->nlisteners; i--) {
			int k = i - s->nlisteners;
			struct serve_client *c;
			bool alive = true;

			if (k >= s->nclients || s->clients[k]->fd != fds[i].fd)
				continue;
			c = s->clients[k];
			if (fds[i].revents & (POLLIN | POLLHUP | POLLERR))
				alive = serve_read(s, c);
			if (alive)
				alive = serve_flush(s, c);
			if (!alive)
				serve_close(s, k);
		}
	}
}

bool serve_drill(const struct drill_front *f, FILE *out, FILE *log)
{
	struct serve s;
	struct sigaction sa;
	char sock[512];
	bool ok = false;

	memset(&s, 0, sizeof(s));
	s.f = f;
	s.d = f->drill;
	s.log = log;
	snprintf(s.background, sizeof(s.background), "%.17g", f->o->background);
	if (!serve_slurp(f->scenario_path, &s.scenario, &s.scenario_len, s.scenario_sha) ||
	    !serve_slurp(f->network_path, &s.network, &s.network_len, s.network_sha))
		goto done;
	s.snapshot_bytes = SERVE_SNAPSHOT_FIXED + s.scenario_len + s.network_len;
	if (f->o->socket)
		snprintf(sock, sizeof(sock), "%s", f->o->socket);
	else
		serve_default_socket(f->o, sock, sizeof(sock));
	if (!serve_unix(&s, sock) || (f->o->listen && !serve_tcp(&s, f->o->listen)))
		goto done;
	if (f->o->serve) {
		/* Resumed: the consoles come back with the tokens they had. */
		fprintf(out, "join tokens: the ones printed when exercise %s began\n", f->exercise);
	} else if (!serve_tokens(&s, out)) {
		goto done;
	}
	fprintf(out, "serving on %s%s%s\n", sock, f->o->listen ? " and " : "", f->o->listen ? f->o->listen : "");
	fflush(out);
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = serve_on_stop;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	drill_on_action(s.d, serve_on_action, &s);
	/* A resumed drill takes its committed actions again, flat out. */
	s.replaying = f->done;
	if (f->start > s.d->now)
		drill_run_until(s.d, f->start);
	if (s.d->halted)
		goto done;
	if (s.replaying != 0) {
		fprintf(stderr, "irdrill: exercise %s: %d of its committed actions were not taken again by %s\n",
			f->exercise, s.replaying, "their time");
		goto done;
	}
	/* At the resumed drill's own speed, or --speed. */
	pace_init(&s.pace, s.d->now, serve_wall_us(), f->o->speed_given || f->o->serve ? f->o->speed : 1);
	s.ticked_wall = serve_wall_us();
	serve_log(&s, NULL, "exercise %s: %d teams, speed %d", f->exercise, f->o->nteams, s.pace.speed);
	serve_loop(&s);
	if (serve_stop)
		serve_log(&s, NULL, "stopped by a signal; irdrill resume --serve %.8s continues it", f->exercise);
	ok = !s.d->halted && !serve_stop;
done:
	while (s.nclients > 0)
		serve_close(&s, s.nclients - 1);
	for (int i = 0; i < s.nlisteners; i++)
		close(s.listeners[i]);
	if (s.socket_path[0])
		unlink(s.socket_path);
	for (size_t i = 0; i < s.nacts; i++)
		free(s.acts[i].team), free(s.acts[i].command), free(s.acts[i].result);
	free(s.acts);
	free(s.scenario);
	free(s.network);
	return ok;
}
