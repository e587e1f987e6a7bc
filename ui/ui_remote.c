#include "ui_remote.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "background.h"
#include "score.h"
#include "sha256.h"
#include "whitecell.h"
#include "xmalloc.h"

#define UI_REMOTE_WHITE_CELL "white-cell"
#define UI_REMOTE_RETRY_MAX_MS 5000
/* Longest wait for the snapshot after hello. */
#define UI_REMOTE_JOIN_MS 30000

struct ui_remote {
	char *addr;
	char team[PROTO_MAX_NAME + 1];
	char token[PROTO_MAX_NAME + 1];
	struct ui_remote_hooks hooks;
	int fd; /* -1 while cut off */
	struct strbuf in, out;
	size_t out_off;
	struct drill *drill;
	struct score *score;
	struct background *background;
	char exercise[PROTO_MAX_NAME + 1];
	struct proto_clock clock;
	/* The actions applied to the replica, to match a later snapshot. */
	struct proto_action *acts;
	size_t nacts, acts_cap;
	uint32_t next_id;
	int retry_ms;
	int64_t retry_at;
	bool ended, failed;
	char err[1024];
};

static int64_t ui_remote_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void ui_remote_say(struct ui_remote *r, const char *text)
{
	if (r->hooks.status)
		r->hooks.status(r->hooks.ctx, text);
}

/* A blocking connection to PATH or HOST:PORT; -1 with a message. */
static int ui_remote_dial(const char *addr, char *err, size_t errlen)
{
	const char *colon = strrchr(addr, ':');
	int fd;

	if (strchr(addr, '/') || colon == NULL) {
		struct sockaddr_un sa = { .sun_family = AF_UNIX };

		if (strlen(addr) >= sizeof(sa.sun_path)) {
			snprintf(err, errlen, "%s: the socket path is too long", addr);
			return -1;
		}
		memcpy(sa.sun_path, addr, strlen(addr) + 1);
		fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0)
			return fd;
	} else {
		struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM }, *res;
		char host[256];
		size_t hl = (size_t)(colon - addr);
		int rc;

		if (hl >= 2 && addr[0] == '[' && addr[hl - 1] == ']')
			addr++, hl -= 2;
		snprintf(host, sizeof(host), "%.*s", (int)hl, addr);
		rc = getaddrinfo(host, colon + 1, &hints, &res);
		if (rc != 0) {
			snprintf(err, errlen, "%s: %s", addr, gai_strerror(rc));
			return -1;
		}
		fd = socket(res->ai_family, res->ai_socktype | SOCK_CLOEXEC, res->ai_protocol);
		if (fd >= 0 && connect(fd, res->ai_addr, res->ai_addrlen) == 0) {
			freeaddrinfo(res);
			return fd;
		}
		freeaddrinfo(res);
	}
	snprintf(err, errlen, "%s: %s", addr, strerror(errno));
	if (fd >= 0)
		close(fd);
	return -1;
}

static void ui_remote_send(struct ui_remote *r, const struct proto_msg *m)
{
	proto_encode(m, &r->out);
}

/* Write what the socket takes now; false if the connection broke. */
static bool ui_remote_flush(struct ui_remote *r)
{
	while (r->out_off < r->out.len) {
		ssize_t n = send(r->fd, r->out.buf + r->out_off, r->out.len - r->out_off, MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return true;
		if (n <= 0)
			return false;
		r->out_off += (size_t)n;
	}
	strbuf_reset(&r->out);
	r->out_off = 0;
	return true;
}

static void ui_remote_free_acts(struct ui_remote *r)
{
	for (size_t i = 0; i < r->nacts; i++)
		free(r->acts[i].team), free(r->acts[i].command), free(r->acts[i].result);
	r->nacts = 0;
}

static void ui_remote_drop_replica(struct ui_remote *r)
{
	background_free(r->background);
	score_free(r->score);
	drill_free(r->drill);
	r->background = NULL;
	r->score = NULL;
	r->drill = NULL;
	ui_remote_free_acts(r);
}

/* Apply a committed action to the replica: run to its time, then take
 * it as the server did; false with a message if it does not parse. */
static bool ui_remote_apply(struct ui_remote *r, const struct proto_action *pa)
{
	struct action a;
	char err[300];
	struct proto_action *keep;

	if (pa->time < r->drill->now) {
		snprintf(r->err, sizeof(r->err), "action %u at an earlier time than the console's clock", pa->seq);
		return false;
	}
	drill_run_until(r->drill, pa->time);
	/* The white cell's hint, mark, event and msg are its actions too. */
	if ((whitecell_is_team(pa->team) ? whitecell_parse(r->drill->net, pa->command, true, &a, err, sizeof(err))
					 : action_parse(r->drill->net, pa->command, &a, err, sizeof(err))) != 0) {
		snprintf(r->err, sizeof(r->err), "action %u ('%s') does not parse here: %s", pa->seq, pa->command, err);
		return false;
	}
	a.time = pa->time;
	a.line = 0;
	snprintf(a.team, sizeof(a.team), "%s", pa->team);
	drill_add_actions(r->drill, &a, 1);
	drill_run_until(r->drill, pa->time);
	r->acts = xgrow(r->acts, &r->acts_cap, r->nacts + 1, sizeof(*r->acts));
	keep = &r->acts[r->nacts++];
	*keep = (struct proto_action){ pa->seq, pa->time, xstrdup(pa->team), xstrdup(pa->command),
				       xstrdup(pa->result) };
	return true;
}

/* Write a file the snapshot carried into dir; false with a message. */
static bool ui_remote_write(struct ui_remote *r, const char *dir, const char *name, const char *fallback,
			    const char *bytes, size_t len, const char *sha, char *path, size_t size)
{
	uint8_t digest[SHA256_DIGEST_SIZE];
	char hex[SHA256_HEX_SIZE];
	FILE *fp;

	sha256_digest(bytes, len, digest);
	sha256_hex(digest, hex);
	if (strcmp(hex, sha) != 0) {
		snprintf(r->err, sizeof(r->err), "the %s the server sent does not match its SHA-256", fallback);
		return false;
	}
	/* Only a plain base name is used as it is. */
	if (name[0] == '\0' || name[0] == '.' || strchr(name, '/'))
		name = fallback;
	snprintf(path, size, "%s/%s", dir, name);
	fp = fopen(path, "wb");
	if (fp == NULL || fwrite(bytes, 1, len, fp) != len || fclose(fp) != 0) {
		snprintf(r->err, sizeof(r->err), "%s: %s", path, strerror(errno));
		return false;
	}
	return true;
}

/* A new replica from a snapshot; false with a message. */
static bool ui_remote_build(struct ui_remote *r, const struct proto_snapshot *s)
{
	char dir[] = "/tmp/irdrill-console.XXXXXX", scenario[PATH_MAX], network[PATH_MAX];
	struct drill_options opts = { scenario, network, s->seed, true };
	struct diag errs;
	double rate = strtod(s->background, NULL);
	bool ok;

	ui_remote_drop_replica(r);
	if (mkdtemp(dir) == NULL) {
		snprintf(r->err, sizeof(r->err), "cannot make a folder for the drill's files: %s", strerror(errno));
		return false;
	}
	scenario[0] = network[0] = '\0';
	ok = ui_remote_write(r, dir, s->scenario_name, "scenario.lua", s->scenario, s->scenario_len,
			     s->scenario_sha256, scenario, sizeof(scenario)) &&
	     ui_remote_write(r, dir, s->network_name, "network.lua", s->network, s->network_len, s->network_sha256,
			     network, sizeof(network));
	if (ok) {
		diag_init(&errs);
		r->drill = drill_open(&opts, &errs);
		if (r->drill == NULL) {
			struct strbuf sb = { 0 };

			for (size_t i = 0; i < errs.len && i < 3; i++)
				strbuf_addf(&sb, "%s%s", i ? "; " : "", errs.msgs[i]);
			snprintf(r->err, sizeof(r->err), "the served drill does not open here: %s", strbuf_str(&sb));
			strbuf_free(&sb);
			ok = false;
		}
		diag_free(&errs);
	}
	if (scenario[0])
		unlink(scenario);
	if (network[0])
		unlink(network);
	rmdir(dir);
	if (!ok)
		return false;
	/* As the server set its drill up: the score, then the background. */
	r->score = score_new(r->drill);
	for (uint32_t i = 0; i < s->nteams; i++)
		score_add_team(r->score, s->teams[i]);
	if (rate > 0)
		r->background = background_start(r->drill, rate);
	for (uint32_t i = 0; i < s->nactions; i++)
		if (!ui_remote_apply(r, &s->actions[i]))
			return false;
	return true;
}

/* Does the snapshot extend the replica: the same exercise, the actions
 * applied here its first ones, none of the rest earlier than the
 * replica's clock? */
static bool ui_remote_extends(const struct ui_remote *r, const struct proto_snapshot *s)
{
	if (r->drill == NULL || strcmp(r->exercise, s->exercise) != 0 || s->nactions < r->nacts ||
	    s->clock.now < r->drill->now)
		return false;
	for (size_t i = 0; i < r->nacts; i++)
		if (r->acts[i].seq != s->actions[i].seq || strcmp(r->acts[i].command, s->actions[i].command) != 0)
			return false;
	for (size_t i = r->nacts; i < s->nactions; i++)
		if (s->actions[i].time < r->drill->now)
			return false;
	return true;
}

static enum ui_remote_event ui_remote_snapshot(struct ui_remote *r, const struct proto_snapshot *s)
{
	enum ui_remote_event ev = UI_REMOTE_MOVED;

	if (strcmp(s->team, r->team) != 0) {
		snprintf(r->err, sizeof(r->err), "the server sent the view of '%s'", s->team);
		return UI_REMOTE_FAILED;
	}
	if (ui_remote_extends(r, s)) {
		for (size_t i = r->nacts; i < s->nactions; i++)
			if (!ui_remote_apply(r, &s->actions[i]))
				return UI_REMOTE_FAILED;
	} else {
		if (!ui_remote_build(r, s))
			return UI_REMOTE_FAILED;
		ev = UI_REMOTE_REBUILT;
	}
	snprintf(r->exercise, sizeof(r->exercise), "%s", s->exercise);
	r->clock = s->clock;
	drill_run_until(r->drill, r->clock.now);
	r->ended = s->clock.ended;
	return r->ended ? UI_REMOTE_ENDED : ev;
}

/* One message from the server. */
static enum ui_remote_event ui_remote_message(struct ui_remote *r, struct proto_msg *m)
{
	if (r->drill == NULL && m->type != PROTO_SNAPSHOT && m->type != PROTO_ERROR) {
		snprintf(r->err, sizeof(r->err), "the server sent a %s before the snapshot", proto_type_name(m->type));
		return UI_REMOTE_FAILED;
	}
	switch (m->type) {
	case PROTO_SNAPSHOT:
		return ui_remote_snapshot(r, &m->snap);
	case PROTO_TICK:
		if (m->clock.now < r->drill->now) {
			snprintf(r->err, sizeof(r->err), "the server's clock went back");
			return UI_REMOTE_FAILED;
		}
		r->clock = m->clock;
		drill_run_until(r->drill, r->clock.now);
		if (m->clock.ended)
			r->ended = true;
		return r->ended ? UI_REMOTE_ENDED : UI_REMOTE_MOVED;
	case PROTO_ACTED:
		if (!ui_remote_apply(r, &m->action))
			return UI_REMOTE_FAILED;
		if (r->hooks.acted)
			r->hooks.acted(r->hooks.ctx, &m->action);
		return UI_REMOTE_MOVED;
	case PROTO_RESULT:
		if (r->hooks.result)
			r->hooks.result(r->hooks.ctx, m->id, m->ok, m->text);
		return UI_REMOTE_MOVED;
	case PROTO_ERROR:
		snprintf(r->err, sizeof(r->err), "the server refused: %s", m->text);
		return UI_REMOTE_FAILED;
	case PROTO_BYE:
		if (r->ended)
			return UI_REMOTE_ENDED;
		snprintf(r->err, sizeof(r->err), "the server left: %s", m->text);
		return UI_REMOTE_FAILED;
	default:
		snprintf(r->err, sizeof(r->err), "the server sent a %s message", proto_type_name(m->type));
		return UI_REMOTE_FAILED;
	}
}

static void ui_remote_cut(struct ui_remote *r, const char *why)
{
	char text[300];

	if (r->fd >= 0)
		close(r->fd);
	r->fd = -1;
	strbuf_reset(&r->in);
	strbuf_reset(&r->out);
	r->out_off = 0;
	r->retry_ms = r->retry_ms ? r->retry_ms * 2 : 250;
	if (r->retry_ms > UI_REMOTE_RETRY_MAX_MS)
		r->retry_ms = UI_REMOTE_RETRY_MAX_MS;
	r->retry_at = ui_remote_now_ms() + r->retry_ms;
	snprintf(text, sizeof(text), "connection lost (%s); reconnecting", why);
	ui_remote_say(r, text);
}

/* Read and act on what arrived; an event, the strongest of them. */
static enum ui_remote_event ui_remote_take(struct ui_remote *r)
{
	char buf[65536], err[256];
	enum ui_remote_event ev = UI_REMOTE_IDLE;
	size_t used = 0, body;
	ssize_t n = recv(r->fd, buf, sizeof(buf), 0);

	if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK))
		return UI_REMOTE_IDLE;
	if (n <= 0) {
		ui_remote_cut(r, n < 0 ? strerror(errno) : "closed by the server");
		return UI_REMOTE_MOVED;
	}
	strbuf_add(&r->in, buf, (size_t)n);
	for (;;) {
		struct proto_msg m;
		enum ui_remote_event e;
		int rc = proto_frame(r->in.buf + used, r->in.len - used, &body, err, sizeof(err));

		if (rc == 0)
			break;
		if (rc < 0 || proto_decode(r->in.buf + used + PROTO_HEAD, body, &m, err, sizeof(err)) != 0) {
			snprintf(r->err, sizeof(r->err), "the server sent %s", err);
			r->failed = true;
			return UI_REMOTE_FAILED;
		}
		used += PROTO_HEAD + body;
		e = ui_remote_message(r, &m);
		proto_msg_free(&m);
		if (e == UI_REMOTE_FAILED)
			r->failed = true;
		if (e > ev)
			ev = e;
		if (e == UI_REMOTE_FAILED || e == UI_REMOTE_ENDED)
			return ev;
	}
	memmove(r->in.buf, r->in.buf + used, r->in.len - used);
	strbuf_truncate(&r->in, r->in.len - used);
	return ev;
}

/* Connect and say hello; false with a message in r->err. */
static bool ui_remote_join(struct ui_remote *r)
{
	struct proto_msg hello = { .type = PROTO_HELLO, .version = PROTO_VERSION, .team = r->team, .token = r->token };

	r->fd = ui_remote_dial(r->addr, r->err, sizeof(r->err));
	if (r->fd < 0)
		return false;
	fcntl(r->fd, F_SETFL, fcntl(r->fd, F_GETFL) | O_NONBLOCK);
	ui_remote_send(r, &hello);
	return true;
}

struct ui_remote *ui_remote_open(const char *addr, const char *team, const char *token,
				 const struct ui_remote_hooks *hooks, char *err, size_t errlen)
{
	struct ui_remote *r = xcalloc(1, sizeof(*r));
	int64_t deadline = ui_remote_now_ms() + UI_REMOTE_JOIN_MS;

	r->addr = xstrdup(addr);
	snprintf(r->team, sizeof(r->team), "%s", team);
	snprintf(r->token, sizeof(r->token), "%s", token);
	if (hooks)
		r->hooks = *hooks;
	r->fd = -1;
	if (strlen(team) > PROTO_MAX_NAME || strlen(token) > PROTO_MAX_NAME) {
		snprintf(err, errlen, "the team name or the token is longer than %d bytes", PROTO_MAX_NAME);
		ui_remote_close(r);
		return NULL;
	}
	if (!ui_remote_join(r))
		goto fail;
	/* Wait for the snapshot: the replica is ready when this returns. */
	while (r->drill == NULL) {
		enum ui_remote_event ev = ui_remote_poll(r, 200, -1);

		if (ev == UI_REMOTE_FAILED || r->fd < 0)
			goto fail;
		if (ui_remote_now_ms() > deadline) {
			snprintf(r->err, sizeof(r->err), "%s: no answer from the server", addr);
			goto fail;
		}
	}
	r->retry_ms = 0;
	return r;
fail:
	snprintf(err, errlen, "%s", r->err[0] ? r->err : "the server closed the connection");
	ui_remote_close(r);
	return NULL;
}

void ui_remote_close(struct ui_remote *r)
{
	if (r == NULL)
		return;
	if (r->fd >= 0) {
		struct proto_msg bye = { .type = PROTO_BYE, .text = "the console closed" };

		ui_remote_send(r, &bye);
		ui_remote_flush(r);
		close(r->fd);
	}
	ui_remote_drop_replica(r);
	free(r->acts);
	strbuf_free(&r->in);
	strbuf_free(&r->out);
	free(r->addr);
	free(r);
}

enum ui_remote_event ui_remote_poll(struct ui_remote *r, int timeout_ms, int extra_fd)
{
	struct pollfd fds[2];
	int n = 0;
	enum ui_remote_event ev = UI_REMOTE_IDLE;

	if (r->failed)
		return UI_REMOTE_FAILED;
	if (r->ended)
		return UI_REMOTE_ENDED;
	if (r->fd < 0 && ui_remote_now_ms() >= r->retry_at) {
		if (ui_remote_join(r)) {
			ui_remote_say(r, "reconnected; catching up");
			r->retry_ms = 0;
		} else {
			ui_remote_cut(r, r->err);
		}
	}
	if (r->fd >= 0)
		fds[n++] = (struct pollfd){ r->fd, (short)(POLLIN | (r->out_off < r->out.len ? POLLOUT : 0)), 0 };
	if (extra_fd >= 0)
		fds[n++] = (struct pollfd){ extra_fd, POLLIN, 0 };
	if (r->fd < 0) {
		int64_t wait = r->retry_at - ui_remote_now_ms();

		if (wait < timeout_ms)
			timeout_ms = wait < 0 ? 0 : (int)wait;
	}
	if (poll(fds, (nfds_t)n, timeout_ms) < 0)
		return UI_REMOTE_IDLE;
	if (r->fd >= 0 && (fds[0].revents & POLLOUT) && !ui_remote_flush(r))
		ui_remote_cut(r, strerror(errno));
	if (r->fd >= 0 && (fds[0].revents & (POLLIN | POLLHUP | POLLERR)))
		ev = ui_remote_take(r);
	if (r->fd >= 0 && r->out_off < r->out.len && !ui_remote_flush(r))
		ui_remote_cut(r, strerror(errno));
	return ev;
}

static uint32_t ui_remote_request(struct ui_remote *r, enum proto_type type, const char *text)
{
	struct proto_msg m = { .type = type, .team = r->team, .text = (char *)text };

	if (r->fd < 0 || r->failed || strlen(text) > PROTO_MAX_TEXT)
		return 0;
	m.id = ++r->next_id;
	ui_remote_send(r, &m);
	if (!ui_remote_flush(r)) {
		ui_remote_cut(r, strerror(errno));
		return 0;
	}
	return m.id;
}

uint32_t ui_remote_act(struct ui_remote *r, const char *command)
{
	return ui_remote_request(r, PROTO_ACTION, command);
}

uint32_t ui_remote_control(struct ui_remote *r, const char *control)
{
	return ui_remote_request(r, PROTO_CONTROL, control);
}

void ui_remote_set_hooks(struct ui_remote *r, const struct ui_remote_hooks *hooks)
{
	r->hooks = *hooks;
}

struct drill *ui_remote_drill(const struct ui_remote *r)
{
	return r->drill;
}

struct score *ui_remote_score(const struct ui_remote *r)
{
	return r->score;
}

const struct proto_clock *ui_remote_clock(const struct ui_remote *r)
{
	return &r->clock;
}

const char *ui_remote_team(const struct ui_remote *r)
{
	return r->team;
}

const char *ui_remote_exercise(const struct ui_remote *r)
{
	return r->exercise;
}

bool ui_remote_white_cell(const struct ui_remote *r)
{
	return strcmp(r->team, UI_REMOTE_WHITE_CELL) == 0;
}

const char *ui_remote_error(const struct ui_remote *r)
{
	return r->err;
}

const struct proto_action *ui_remote_actions(const struct ui_remote *r, size_t *n)
{
	*n = r->nacts;
	return r->acts;
}

/* The first line of a file, or of a stream. */
static bool ui_remote_line(FILE *fp, char *buf, size_t size)
{
	size_t n;

	if (fgets(buf, (int)size, fp) == NULL)
		return false;
	n = strcspn(buf, "\r\n");
	buf[n] = '\0';
	return n > 0;
}

bool ui_remote_token(const char *file, char *buf, size_t size, char *err, size_t errlen)
{
	const char *env = getenv("IRDRILL_TOKEN");
	struct termios old, quiet;
	FILE *tty;
	bool ok;

	if (file) {
		FILE *fp = fopen(file, "r");

		if (fp == NULL) {
			snprintf(err, errlen, "--token-file %s: %s", file, strerror(errno));
			return false;
		}
		ok = ui_remote_line(fp, buf, size);
		fclose(fp);
		if (!ok)
			snprintf(err, errlen, "--token-file %s: no token on its first line", file);
		return ok;
	}
	if (env && *env) {
		snprintf(buf, size, "%s", env);
		return true;
	}
	tty = fopen("/dev/tty", "r+");
	if (tty == NULL) {
		snprintf(err, errlen, "no token: use --token-file FILE or IRDRILL_TOKEN (no terminal to ask on)");
		return false;
	}
	fprintf(tty, "join token: ");
	fflush(tty);
	ok = tcgetattr(fileno(tty), &old) == 0;
	if (ok) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
	}
	ok = ui_remote_line(tty, buf, size);
	if (tcgetattr(fileno(tty), &quiet) == 0)
		tcsetattr(fileno(tty), TCSAFLUSH, &old);
	fputc('\n', tty);
	fclose(tty);
	if (!ok)
		snprintf(err, errlen, "no token given");
	return ok;
}
