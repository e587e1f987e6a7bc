#include "proto.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

static const char *const proto_names[PROTO_TYPE_END] = {
	[PROTO_HELLO] = "hello",     [PROTO_SNAPSHOT] = "snapshot", [PROTO_TICK] = "tick",
	[PROTO_ACTION] = "action",   [PROTO_CONTROL] = "control",   [PROTO_RESULT] = "result",
	[PROTO_ACTED] = "acted",     [PROTO_ERROR] = "error",       [PROTO_BYE] = "bye",
};

const char *proto_type_name(unsigned type)
{
	return type > 0 && type < PROTO_TYPE_END ? proto_names[type] : "unknown";
}

/* Encoding. */

static void put_u8(struct strbuf *b, unsigned v)
{
	strbuf_addc(b, (char)(v & 0xff));
}

static void put_u32(struct strbuf *b, uint32_t v)
{
	unsigned char x[4] = { (unsigned char)(v >> 24), (unsigned char)(v >> 16), (unsigned char)(v >> 8),
			       (unsigned char)v };

	strbuf_add(b, x, 4);
}

static void put_u64(struct strbuf *b, uint64_t v)
{
	put_u32(b, (uint32_t)(v >> 32));
	put_u32(b, (uint32_t)v);
}

static void put_blob(struct strbuf *b, const char *s, size_t n)
{
	put_u32(b, (uint32_t)n);
	strbuf_add(b, s ? s : "", n);
}

static void put_str(struct strbuf *b, const char *s)
{
	put_blob(b, s, s ? strlen(s) : 0);
}

static void put_clock(struct strbuf *b, const struct proto_clock *c)
{
	put_u64(b, (uint64_t)c->now);
	put_u32(b, c->speed);
	put_u8(b, c->paused);
	put_u8(b, c->ended);
}

static void put_action(struct strbuf *b, const struct proto_action *a)
{
	put_u32(b, a->seq);
	put_u64(b, (uint64_t)a->time);
	put_str(b, a->team);
	put_str(b, a->command);
	put_str(b, a->result);
}

static void put_snapshot(struct strbuf *b, const struct proto_snapshot *s)
{
	put_u32(b, PROTO_VERSION);
	put_str(b, s->exercise);
	put_str(b, s->team);
	put_str(b, s->scenario_name);
	put_blob(b, s->scenario, s->scenario_len);
	put_str(b, s->scenario_sha256);
	put_str(b, s->network_name);
	put_blob(b, s->network, s->network_len);
	put_str(b, s->network_sha256);
	put_u64(b, s->seed);
	put_str(b, s->background);
	put_clock(b, &s->clock);
	put_u32(b, s->nteams);
	for (uint32_t i = 0; i < s->nteams; i++)
		put_str(b, s->teams[i]);
	put_u32(b, s->nactions);
	for (uint32_t i = 0; i < s->nactions; i++)
		put_action(b, &s->actions[i]);
}

void proto_encode(const struct proto_msg *m, struct strbuf *out)
{
	size_t start = out->len, body;
	unsigned char *p;

	put_u32(out, 0); /* the length, filled in below */
	put_u8(out, m->type);
	switch (m->type) {
	case PROTO_HELLO:
		put_u32(out, m->version);
		put_str(out, m->team);
		put_str(out, m->token);
		break;
	case PROTO_SNAPSHOT:
		put_snapshot(out, &m->snap);
		break;
	case PROTO_TICK:
		put_clock(out, &m->clock);
		break;
	case PROTO_ACTION:
		put_u32(out, m->id);
		put_str(out, m->team);
		put_str(out, m->text);
		break;
	case PROTO_CONTROL:
		put_u32(out, m->id);
		put_str(out, m->text);
		break;
	case PROTO_RESULT:
		put_u32(out, m->id);
		put_u8(out, m->ok);
		put_str(out, m->text);
		break;
	case PROTO_ACTED:
		put_action(out, &m->action);
		break;
	case PROTO_ERROR:
	case PROTO_BYE:
	case PROTO_TYPE_END:
		put_str(out, m->text);
		break;
	}
	body = out->len - start - PROTO_HEAD;
	if (body > PROTO_MAX_MESSAGE) {
		fprintf(stderr, "irdrill: internal error: a %s message of %zu bytes\n", proto_type_name(m->type),
			body);
		abort();
	}
	p = (unsigned char *)out->buf + start;
	p[0] = (unsigned char)(body >> 24), p[1] = (unsigned char)(body >> 16);
	p[2] = (unsigned char)(body >> 8), p[3] = (unsigned char)body;
}

int proto_frame(const void *buf, size_t avail, size_t *body_len, char *err, size_t errlen)
{
	const unsigned char *p = buf;
	uint32_t n;

	if (avail < PROTO_HEAD)
		return 0;
	n = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
	if (n == 0 || n > PROTO_MAX_MESSAGE) {
		snprintf(err, errlen, "a message of %lu bytes (1 to %u allowed)", (unsigned long)n,
			 PROTO_MAX_MESSAGE);
		return -1;
	}
	if (avail - PROTO_HEAD < n)
		return 0;
	*body_len = n;
	return 1;
}

/* Decoding: a cursor over one frame body; the first failure is kept and
 * every later read returns zeros, so a decoder checks once at the end. */
struct proto_in {
	const unsigned char *p;
	size_t left;
	char *err;
	size_t errlen;
	bool failed;
};

static void in_fail(struct proto_in *in, const char *what, const char *why)
{
	if (!in->failed)
		snprintf(in->err, in->errlen, "%s: %s", what, why);
	in->failed = true;
	in->left = 0;
}

static uint64_t get_n(struct proto_in *in, size_t n, const char *what)
{
	uint64_t v = 0;

	if (in->left < n) {
		in_fail(in, what, "the message ends early");
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		v = v << 8 | in->p[i];
	in->p += n;
	in->left -= n;
	return v;
}

static uint32_t get_u32(struct proto_in *in, const char *what)
{
	return (uint32_t)get_n(in, 4, what);
}

static bool get_bool(struct proto_in *in, const char *what)
{
	uint64_t v = get_n(in, 1, what);

	if (v > 1)
		in_fail(in, what, "a flag that is neither 0 nor 1");
	return v == 1;
}

/* A length-prefixed field of at most cap bytes, copied with a NUL after
 * it; text refuses NUL bytes inside. */
static char *get_bytes(struct proto_in *in, size_t cap, bool text, size_t *len, const char *what)
{
	uint32_t n = get_u32(in, what);
	char *s;

	if (in->failed)
		return NULL;
	if (n > cap) {
		in_fail(in, what, "longer than allowed");
		return NULL;
	}
	if (n > in->left) {
		in_fail(in, what, "longer than the rest of the message");
		return NULL;
	}
	if (text && memchr(in->p, '\0', n)) {
		in_fail(in, what, "holds a NUL byte");
		return NULL;
	}
	s = xmalloc((size_t)n + 1);
	memcpy(s, in->p, n);
	s[n] = '\0';
	in->p += n;
	in->left -= n;
	if (len)
		*len = n;
	return s;
}

static char *get_str(struct proto_in *in, size_t cap, const char *what)
{
	return get_bytes(in, cap, true, NULL, what);
}

static void get_clock(struct proto_in *in, struct proto_clock *c)
{
	uint64_t now = get_n(in, 8, "clock");

	if (now > (uint64_t)SIM_TIME_MAX)
		in_fail(in, "clock", "a time out of range");
	c->now = (sim_time_t)now;
	c->speed = get_u32(in, "speed");
	c->paused = get_bool(in, "paused");
	c->ended = get_bool(in, "ended");
}

static void get_action(struct proto_in *in, struct proto_action *a)
{
	uint64_t t;

	a->seq = get_u32(in, "action number");
	t = get_n(in, 8, "action time");
	if (t > (uint64_t)SIM_TIME_MAX)
		in_fail(in, "action time", "out of range");
	a->time = (sim_time_t)t;
	a->team = get_str(in, PROTO_MAX_NAME, "action team");
	a->command = get_str(in, PROTO_MAX_TEXT, "action command");
	a->result = get_str(in, PROTO_MAX_TEXT, "action result");
}

static void free_action(struct proto_action *a)
{
	free(a->team), free(a->command), free(a->result);
}

static void get_snapshot(struct proto_in *in, struct proto_snapshot *s)
{
	uint32_t version = get_u32(in, "snapshot version");

	if (!in->failed && version != PROTO_VERSION)
		in_fail(in, "snapshot", "another protocol version");
	s->exercise = get_str(in, PROTO_MAX_NAME, "exercise");
	s->team = get_str(in, PROTO_MAX_NAME, "team");
	s->scenario_name = get_str(in, PROTO_MAX_NAME, "scenario name");
	s->scenario = get_bytes(in, PROTO_MAX_FILE, false, &s->scenario_len, "scenario");
	s->scenario_sha256 = get_str(in, PROTO_MAX_NAME + 1, "scenario SHA-256");
	s->network_name = get_str(in, PROTO_MAX_NAME, "network name");
	s->network = get_bytes(in, PROTO_MAX_FILE, false, &s->network_len, "network");
	s->network_sha256 = get_str(in, PROTO_MAX_NAME + 1, "network SHA-256");
	s->seed = get_n(in, 8, "seed");
	s->background = get_str(in, PROTO_MAX_NAME, "background");
	get_clock(in, &s->clock);
	s->nteams = get_u32(in, "team count");
	if (s->nteams > PROTO_MAX_TEAMS)
		in_fail(in, "team count", "more than allowed");
	if (in->failed)
		s->nteams = 0;
	s->teams = xcalloc((size_t)s->nteams + 1, sizeof(*s->teams));
	for (uint32_t i = 0; i < s->nteams; i++)
		s->teams[i] = get_str(in, PROTO_MAX_NAME, "team");
	s->nactions = get_u32(in, "action count");
	/* Each action takes at least 24 bytes: a count beyond what is left
	 * cannot be true, and must not size an allocation. */
	if (s->nactions > PROTO_MAX_ACTIONS || s->nactions > in->left / 24)
		in_fail(in, "action count", "more than the message holds");
	if (in->failed)
		s->nactions = 0;
	s->actions = xcalloc((size_t)s->nactions + 1, sizeof(*s->actions));
	for (uint32_t i = 0; i < s->nactions; i++)
		get_action(in, &s->actions[i]);
}

static void free_snapshot(struct proto_snapshot *s)
{
	free(s->exercise), free(s->team), free(s->scenario_name), free(s->network_name);
	free(s->scenario), free(s->network), free(s->scenario_sha256), free(s->network_sha256);
	free(s->background);
	for (uint32_t i = 0; s->teams && i < s->nteams; i++)
		free(s->teams[i]);
	free(s->teams);
	for (uint32_t i = 0; s->actions && i < s->nactions; i++)
		free_action(&s->actions[i]);
	free(s->actions);
}

void proto_msg_free(struct proto_msg *m)
{
	free(m->team), free(m->token), free(m->text);
	free_action(&m->action);
	free_snapshot(&m->snap);
	memset(m, 0, sizeof(*m));
}

int proto_decode(const void *body, size_t len, struct proto_msg *out, char *err, size_t errlen)
{
	struct proto_in in = { body, len, err, errlen, false };
	unsigned type;

	memset(out, 0, sizeof(*out));
	type = (unsigned)get_n(&in, 1, "message type");
	if (!in.failed && (type == 0 || type >= PROTO_TYPE_END))
		in_fail(&in, "message type", "unknown");
	out->type = (enum proto_type)type;
	switch (in.failed ? PROTO_TYPE_END : out->type) {
	case PROTO_HELLO:
		out->version = get_u32(&in, "version");
		out->team = get_str(&in, PROTO_MAX_NAME, "team");
		out->token = get_str(&in, PROTO_MAX_NAME, "token");
		break;
	case PROTO_SNAPSHOT:
		get_snapshot(&in, &out->snap);
		break;
	case PROTO_TICK:
		get_clock(&in, &out->clock);
		break;
	case PROTO_ACTION:
		out->id = get_u32(&in, "action id");
		out->team = get_str(&in, PROTO_MAX_NAME, "team");
		out->text = get_str(&in, PROTO_MAX_TEXT, "command");
		break;
	case PROTO_CONTROL:
		out->id = get_u32(&in, "control id");
		out->text = get_str(&in, PROTO_MAX_TEXT, "control");
		break;
	case PROTO_RESULT:
		out->id = get_u32(&in, "result id");
		out->ok = get_bool(&in, "result");
		out->text = get_str(&in, PROTO_MAX_TEXT, "result text");
		break;
	case PROTO_ACTED:
		get_action(&in, &out->action);
		break;
	case PROTO_ERROR:
	case PROTO_BYE:
		out->text = get_str(&in, PROTO_MAX_TEXT, "reason");
		break;
	case PROTO_TYPE_END:
		break;
	}
	if (!in.failed && in.left > 0)
		in_fail(&in, proto_type_name(type), "bytes left over after the message");
	if (in.failed) {
		char why[256];

		snprintf(why, sizeof(why), "%s", err);
		snprintf(err, errlen, "malformed %s message: %s", proto_type_name(type), why);
		proto_msg_free(out);
		return -1;
	}
	return 0;
}
