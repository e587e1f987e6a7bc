#include "fmt_sshd.h"

#include <string.h>

#include "ipaddr.h"

/* Domain tags for event_derive_id: "sshdpid", "sshdwait". */
#define FMT_SSHD_ID_PID UINT64_C(0x73736864706964)
#define FMT_SSHD_ID_DELAY UINT64_C(0x7373686477616974)

/* sshd's %.100s on a user name in auth_log(), %.200s on the "user NAME"
 * preamble of a connection id, and syslog_r's "%.500s" on a message. */
#define FMT_SSHD_USER_MAX 100
#define FMT_SSHD_PREAMBLE_MAX 200
#define FMT_SSHD_MSG_MAX 500
/* The session child is forked a few pids after its monitor. */
#define FMT_SSHD_CHILD_PID_STEP 6

/* Gaps between a record's lines, as measured on Debian 12. */
#define FMT_SSHD_INVALID_BEFORE_PAM 8170  /* µs: Invalid user -> PAM */
#define FMT_SSHD_CHECK_BEFORE_PAM 81      /* µs: check pass -> failure */
#define FMT_SSHD_ACCEPT_BEFORE_SESSION 1513
#define FMT_SSHD_DISCONNECT_BEFORE_CLOSE 736
#define FMT_SSHD_DISCONNECTED_BEFORE_CLOSE 517

/* What every line of one record shares. */
struct fmt_sshd_conn {
	const struct fmt_sshd_settings *s;
	const struct event *ev;
	const struct event_logon *l;
	const char *host;
	const char *user;
	uint32_t pid;
	char ip[EVENT_ADDR_STRLEN]; /* the client, IPv6 as RFC 5952 text */
	struct strbuf text;   /* the message being built */
	struct strbuf out;    /* lines so far, kept apart until all succeed */
	bool ok;
};

/* Whether the network model says the host runs Linux; a host the model
 * does not describe is taken to, since only Linux hosts have an sshd
 * sensor. */
static bool fmt_sshd_linux(const struct fmt_sshd_settings *s, int host)
{
	const char *os;

	if (s->net == NULL || host < 0 || host >= s->net->nhosts)
		return true;
	os = s->net->hosts[host].os;
	return os != NULL && (strstr(os, "Linux") != NULL ||
			      strstr(os, "Ubuntu") != NULL ||
			      strstr(os, "Debian") != NULL);
}

/*
 * strnvis(VIS_CSTYLE | VIS_NL | VIS_TAB | VIS_OCTAL) from OpenSSH's
 * openbsd-compat, which do_log() applies to every message: printable
 * ASCII and space stay (a backslash doubles), the C escapes cover \n \r
 * \b \a \v \t \f, and any other byte becomes \ooo.
 */
static void fmt_sshd_vis(const char *src, struct strbuf *out)
{
	static const char cstyle_from[] = "\n\r\b\a\v\t\f";
	static const char cstyle_to[] = "nrbavtf";
	const unsigned char *p;
	const char *hit;

	for (p = (const unsigned char *)src; *p != '\0'; p++) {
		if (*p >= 0x20 && *p < 0x7f) {
			if (*p == '\\')
				strbuf_addc(out, '\\');
			strbuf_addc(out, (char)*p);
		} else if ((hit = strchr(cstyle_from, *p)) != NULL) {
			strbuf_addc(out, '\\');
			strbuf_addc(out, cstyle_to[hit - cstyle_from]);
		} else {
			strbuf_addf(out, "\\%03o", *p);
		}
	}
}

/* Who wrote a line decides how its text was escaped. */
enum fmt_sshd_source {
	FMT_SSHD_PAM,     /* pam_unix: as is, rsyslog escapes what is left */
	FMT_SSHD_SSHD,    /* sshd's monitor or session child: one vis */
	FMT_SSHD_PREAUTH, /* the pre-authentication child: its do_log() vis-es
			   * the text, hands it to the monitor, whose do_log()
			   * adds " [preauth]" and vis-es it again, so a
			   * backslash it wrote doubles once more */
};

/* Write c->text as one line at time t from pid. */
static void fmt_sshd_emit(struct fmt_sshd_conn *c, sim_time_t t, uint32_t pid,
			  enum fmt_sshd_source source)
{
	struct strbuf msg, once;

	if (!c->ok)
		return;
	strbuf_init(&msg);
	if (source == FMT_SSHD_PREAUTH) {
		strbuf_init(&once);
		fmt_sshd_vis(strbuf_str(&c->text), &once);
		strbuf_adds(&once, " [preauth]");
		fmt_sshd_vis(strbuf_str(&once), &msg);
		strbuf_free(&once);
	} else if (source == FMT_SSHD_SSHD) {
		fmt_sshd_vis(strbuf_str(&c->text), &msg);
	} else {
		strbuf_adds(&msg, strbuf_str(&c->text));
	}
	if (source != FMT_SSHD_PAM)
		strbuf_truncate(&msg, FMT_SSHD_MSG_MAX);
	c->ok = fmt_syslogfile_line(c->s->style, c->s->clock, t, c->host, "sshd",
				    pid, strbuf_str(&msg), &c->out);
	if (c->ok)
		fmt_syslogfile_times_add(c->s->times, t);
	strbuf_free(&msg);
	strbuf_reset(&c->text);
}

/* The user name as sshd's "%.100s" prints it. */
static void fmt_sshd_user(struct fmt_sshd_conn *c)
{
	size_t n = strlen(c->user);

	strbuf_add(&c->text, c->user, n < FMT_SSHD_USER_MAX ? n : FMT_SSHD_USER_MAX);
}

/* "[authenticating |invalid ]user NAME IP port N", the connection id
 * packet.c prints, its preamble cut at 200 bytes. */
static void fmt_sshd_connection_id(struct fmt_sshd_conn *c, const char *kind)
{
	size_t start = c->text.len;

	strbuf_addf(&c->text, "%suser %s", kind, c->user);
	strbuf_truncate(&c->text, start + FMT_SSHD_PREAMBLE_MAX);
	strbuf_addf(&c->text, " %s port %u", c->ip, (unsigned)c->ev->conn.orig_port);
}

/* A time some µs before the record's, never before the connection. */
static sim_time_t fmt_sshd_before(const struct fmt_sshd_conn *c, sim_time_t us)
{
	sim_time_t t = c->ev->time - us;

	return t > c->ev->conn.start ? t : c->ev->conn.start;
}

/* The uid pam_unix names in "session opened": event.h has no uid, so it
 * is derived from the name (FNV-1a) in Debian's range for people. */
static uint32_t fmt_sshd_uid(const char *user)
{
	uint32_t h = 2166136261u;
	const unsigned char *p;

	if (strcmp(user, "root") == 0)
		return 0;
	for (p = (const unsigned char *)user; *p != '\0'; p++)
		h = (h ^ *p) * 16777619u;
	return 1000 + h % 1000;
}

static const char *fmt_sshd_method(const struct event_logon *l)
{
	return l->method != NULL ? l->method : "password";
}

/* "Accepted|Failed METHOD for [invalid user ]NAME from IP port N ssh2",
 * with ": KEY" for a public key (auth_log in OpenSSH's auth.c). */
static void fmt_sshd_auth_log(struct fmt_sshd_conn *c, const char *verb)
{
	const struct event_logon *l = c->l;

	strbuf_addf(&c->text, "%s %s for %s", verb, fmt_sshd_method(l),
		    l->unknown_user ? "invalid user " : "");
	fmt_sshd_user(c);
	strbuf_addf(&c->text, " from %s port %u ssh2", c->ip,
		    (unsigned)c->ev->conn.orig_port);
	if (strcmp(fmt_sshd_method(l), "publickey") == 0 && l->key != NULL)
		strbuf_addf(&c->text, ": %s", l->key);
}

static void fmt_sshd_invalid_user(struct fmt_sshd_conn *c, sim_time_t t)
{
	strbuf_adds(&c->text, "Invalid user ");
	fmt_sshd_user(c);
	strbuf_addf(&c->text, " from %s port %u", c->ip,
		    (unsigned)c->ev->conn.orig_port);
	fmt_sshd_emit(c, t, c->pid, FMT_SSHD_SSHD);
}

static void fmt_sshd_success(struct fmt_sshd_conn *c)
{
	fmt_sshd_auth_log(c, "Accepted");
	fmt_sshd_emit(c, fmt_sshd_before(c, FMT_SSHD_ACCEPT_BEFORE_SESSION),
		      c->pid, FMT_SSHD_SSHD);
	strbuf_addf(&c->text, "pam_unix(sshd:session): session opened for user "
		    "%s(uid=%lu) by (uid=0)", c->user,
		    (unsigned long)fmt_sshd_uid(c->user));
	fmt_sshd_emit(c, c->ev->time, c->pid, FMT_SSHD_PAM);
}

/*
 * PAM's failure delay (pam_unix asks for 2 s, pam_fail_delay randomises
 * it by up to a quarter) separates pam_unix's line from sshd's "Failed".
 */
static void fmt_sshd_failure(struct fmt_sshd_conn *c)
{
	const struct event_logon *l = c->l;
	sim_time_t delay = 1500000 + (sim_time_t)(event_derive_id(
		c->s->id_seed, c->ev->conn.serial, FMT_SSHD_ID_DELAY) % 1000000);
	sim_time_t pam = fmt_sshd_before(c, delay);
	bool password = strcmp(fmt_sshd_method(l), "password") == 0;

	if (!password) {
		if (l->unknown_user)
			fmt_sshd_invalid_user(c, fmt_sshd_before(
				c, FMT_SSHD_INVALID_BEFORE_PAM));
		fmt_sshd_auth_log(c, "Failed");
		fmt_sshd_emit(c, c->ev->time, c->pid, FMT_SSHD_SSHD);
		return;
	}
	if (l->unknown_user) {
		fmt_sshd_invalid_user(c, fmt_sshd_before(
			c, delay + FMT_SSHD_INVALID_BEFORE_PAM));
		strbuf_adds(&c->text, "pam_unix(sshd:auth): check pass; user unknown");
		fmt_sshd_emit(c, fmt_sshd_before(c, delay + FMT_SSHD_CHECK_BEFORE_PAM),
			      c->pid, FMT_SSHD_PAM);
	}
	/* pam_unix: "rhost=%s %s%s" with " user=" only for a known user,
	 * hence two spaces, or one trailing. */
	strbuf_addf(&c->text, "pam_unix(sshd:auth): authentication failure; "
		    "logname= uid=0 euid=0 tty=ssh ruser= rhost=%s ", c->ip);
	if (!l->unknown_user)
		strbuf_addf(&c->text, " user=%s", c->user);
	fmt_sshd_emit(c, pam, c->pid, FMT_SSHD_PAM);
	fmt_sshd_auth_log(c, "Failed");
	fmt_sshd_emit(c, c->ev->time, c->pid, FMT_SSHD_SSHD);
}

static void fmt_sshd_closed(struct fmt_sshd_conn *c)
{
	const struct event_logon *l = c->l;
	uint16_t port = c->ev->conn.orig_port;
	uint32_t child = c->pid + FMT_SSHD_CHILD_PID_STEP;

	if (l->logon_id == 0) {
		/* No session: the client left during authentication. */
		strbuf_adds(&c->text, "Connection closed by ");
		fmt_sshd_connection_id(c, l->unknown_user ? "invalid " :
				       "authenticating ");
		fmt_sshd_emit(c, c->ev->time, c->pid, FMT_SSHD_PREAUTH);
		return;
	}
	strbuf_addf(&c->text, "Received disconnect from %s port %u:11: "
		    "disconnected by user", c->ip, (unsigned)port);
	fmt_sshd_emit(c, fmt_sshd_before(c, FMT_SSHD_DISCONNECT_BEFORE_CLOSE),
		      child, FMT_SSHD_SSHD);
	strbuf_adds(&c->text, "Disconnected from ");
	fmt_sshd_connection_id(c, "");
	fmt_sshd_emit(c, fmt_sshd_before(c, FMT_SSHD_DISCONNECTED_BEFORE_CLOSE),
		      child, FMT_SSHD_SSHD);
	strbuf_addf(&c->text, "pam_unix(sshd:session): session closed for user %s",
		    c->user);
	fmt_sshd_emit(c, c->ev->time, c->pid, FMT_SSHD_PAM);
}

enum event_render fmt_sshd_render(const struct fmt_sshd_settings *s,
				  const struct event *ev, struct strbuf *out)
{
	struct fmt_sshd_conn c;
	enum event_logon_step step = ev->u.logon.step;

	if (s->times != NULL)
		s->times->n = 0;
	if (ev->kind != EVENT_LOGON ||
	    (step != EVENT_LOGON_SUCCESS && step != EVENT_LOGON_FAILURE &&
	     step != EVENT_LOGON_CLOSED) ||
	    !fmt_sshd_linux(s, ev->host))
		return EVENT_NOT_RENDERED;
	memset(&c, 0, sizeof c);
	c.s = s;
	c.ev = ev;
	c.l = &ev->u.logon;
	c.user = ev->user;
	c.host = fmt_syslogfile_host(s->hostname, s->net, ev->host);
	/* A session for an account that does not exist cannot be. */
	if (c.host == NULL || c.user == NULL || ev->conn.serial == 0 ||
	    !fmt_syslogfile_time_ok(s->clock, ev->conn.start) ||
	    !fmt_syslogfile_time_ok(s->clock, ev->time) ||
	    ev->time < ev->conn.start ||
	    (step == EVENT_LOGON_SUCCESS && c.l->unknown_user))
		return EVENT_BAD;
	/* The monitor process: one per connection, forked by the listener. */
	c.pid = 3000 + (uint32_t)(event_derive_id(s->id_seed, ev->conn.serial,
						  FMT_SSHD_ID_PID) % 90000);
	event_conn_addr(&ev->conn, true, EVENT_ADDR_COMPRESSED, c.ip);
	c.ok = true;
	if (step == EVENT_LOGON_SUCCESS)
		fmt_sshd_success(&c);
	else if (step == EVENT_LOGON_FAILURE)
		fmt_sshd_failure(&c);
	else
		fmt_sshd_closed(&c);
	if (c.ok)
		strbuf_add(out, c.out.buf, c.out.len);
	else if (s->times != NULL)
		s->times->n = 0;
	strbuf_free(&c.text);
	strbuf_free(&c.out);
	return c.ok ? EVENT_RENDERED : EVENT_BAD;
}
