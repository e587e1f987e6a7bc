#include "fmt_mail.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipaddr.h"
#include "xmalloc.h"

/* Domain tags for event_derive_id: "mailino", "mailpid", "mailboot",
 * "mailkid", "mailport", "mailnext". */
#define FMT_MAIL_ID_INODE UINT64_C(0x6d61696c696e6f)
#define FMT_MAIL_ID_PID UINT64_C(0x6d61696c706964)
#define FMT_MAIL_ID_BOOT UINT64_C(0x6d61696c626f6f74)
#define FMT_MAIL_ID_CHILD UINT64_C(0x6d61696c6b6964)
#define FMT_MAIL_ID_PORT UINT64_C(0x6d61696c706f7274)
#define FMT_MAIL_ID_NEXT UINT64_C(0x6d61696c6e657874)

/* The milter_header_checks rule: 15 stars in X-Spam-Level, 15.0 points. */
#define FMT_MAIL_DISCARD_STARS 15
#define FMT_MAIL_DISCARD_TEXT "spam score 15 or more"
/* SpamAssassin's _STARS(*)_ stops at 50. */
#define FMT_MAIL_MAX_STARS 50
/* required_score in SpamAssassin's 10_default_prefs.cf, in tenths. */
#define FMT_MAIL_DEFAULT_REQUIRED 50
/* spamass-milter's -u default, when the recipient gives no user name. */
#define FMT_MAIL_SPAMD_DEFAULT_USER "spamass-milter"
/* Debian's spamd listens on 783 and runs five children. */
#define FMT_MAIL_SPAMD_PORT 783
#define FMT_MAIL_SPAMD_CHILDREN 5
/* Postfix's %.200s and %.60s on the header a check matched. */
#define FMT_MAIL_HEADER_LOG_MAX 200
#define FMT_MAIL_MILTER_HEADER_LOG_MAX 60

/* Every point in a message's life that one of the two daemons logs, or
 * that a logged delay is measured from. */
enum fmt_mail_step {
	FMT_MAIL_CONNECT,       /* smtpd: connect from */
	FMT_MAIL_CLIENT,        /* smtpd: QID: client=; the queue file exists */
	FMT_MAIL_MESSAGE_ID,    /* cleanup: message-id= */
	FMT_MAIL_SUBJECT,       /* cleanup: info: header Subject: */
	FMT_MAIL_SPAMD_CONNECT, /* spamd: connection from (end of DATA) */
	FMT_MAIL_SPAMD_PROCESS, /* spamd: processing message */
	FMT_MAIL_SPAMD_VERDICT, /* spamd: identified spam / clean message */
	FMT_MAIL_SPAMD_RESULT,  /* spamd: result: */
	FMT_MAIL_DISCARD,       /* cleanup: milter-header-discard */
	FMT_MAIL_QUEUED,        /* qmgr: from=, size=, nrcpt= */
	FMT_MAIL_DISCONNECT,    /* smtpd: disconnect from */
	FMT_MAIL_HANDOFF,       /* qmgr hands the message to smtp (not logged) */
	FMT_MAIL_SETUP,         /* smtp has its connection (not logged) */
	FMT_MAIL_SENT,          /* smtp: status=sent */
	FMT_MAIL_REMOVED,       /* qmgr: removed */
	FMT_MAIL_REJECT,        /* smtpd: NOQUEUE: reject */
	FMT_MAIL_STEP_COUNT
};

/* A step and where it falls in the message's span, in thousandths. */
struct fmt_mail_at {
	enum fmt_mail_step step;
	int permille;
};

/*
 * One timeline per verdict, in log order.  The proportions follow a real
 * exchange: the SMTP dialogue up to DATA is quick, the spam scan takes the
 * longest, delivery to the next hop comes last.
 */
static const struct fmt_mail_at fmt_mail_delivered[] = {
	{ FMT_MAIL_CONNECT, 0 },         { FMT_MAIL_CLIENT, 40 },
	{ FMT_MAIL_MESSAGE_ID, 60 },     { FMT_MAIL_SUBJECT, 61 },
	{ FMT_MAIL_SPAMD_CONNECT, 100 }, { FMT_MAIL_SPAMD_PROCESS, 104 },
	{ FMT_MAIL_SPAMD_VERDICT, 580 }, { FMT_MAIL_SPAMD_RESULT, 582 },
	{ FMT_MAIL_QUEUED, 600 },        { FMT_MAIL_DISCONNECT, 620 },
	{ FMT_MAIL_HANDOFF, 640 },       { FMT_MAIL_SETUP, 700 },
	{ FMT_MAIL_SENT, 960 },          { FMT_MAIL_REMOVED, 1000 },
};

static const struct fmt_mail_at fmt_mail_discarded[] = {
	{ FMT_MAIL_CONNECT, 0 },         { FMT_MAIL_CLIENT, 60 },
	{ FMT_MAIL_MESSAGE_ID, 90 },     { FMT_MAIL_SUBJECT, 91 },
	{ FMT_MAIL_SPAMD_CONNECT, 150 }, { FMT_MAIL_SPAMD_PROCESS, 156 },
	{ FMT_MAIL_SPAMD_VERDICT, 870 }, { FMT_MAIL_SPAMD_RESULT, 873 },
	{ FMT_MAIL_DISCARD, 900 },       { FMT_MAIL_DISCONNECT, 1000 },
};

static const struct fmt_mail_at fmt_mail_rejected[] = {
	{ FMT_MAIL_CONNECT, 0 },
	{ FMT_MAIL_REJECT, 600 },
	{ FMT_MAIL_DISCONNECT, 1000 },
};

/* What every line of one message shares, worked out once. */
struct fmt_mail_msg {
	const struct fmt_mail_settings *s;
	const struct event *ev;
	const struct event_mail *m;
	const char *host;
	const struct fmt_mail_at *timeline;
	size_t n_timeline;
	sim_time_t t[FMT_MAIL_STEP_COUNT];
	int32_t required;            /* in tenths, the default filled in */
	bool spam;                   /* spamd's verdict */
	char queue_id[FMT_MAIL_QUEUE_ID_SIZE];
	uint32_t smtpd_pid, cleanup_pid, smtp_pid, qmgr_pid, spamd_pid;
	uint16_t spamc_port;
};

/* start + span * permille / 1000, without overflow for any span. */
static sim_time_t fmt_mail_at_permille(sim_time_t start, sim_time_t span,
				       int permille)
{
	return start + span / 1000 * permille + span % 1000 * permille / 1000;
}

/* X-Spam-Level's length: whole points, none below one, at most 50. */
static int fmt_mail_stars(int32_t score)
{
	int points = score > 0 ? score / 10 : 0;

	return points > FMT_MAIL_MAX_STARS ? FMT_MAIL_MAX_STARS : points;
}

/* Whether the gateway could have given this verdict to this score. */
static bool fmt_mail_verdict_fits(const struct fmt_mail_msg *mm)
{
	bool discarded = fmt_mail_stars(mm->m->score) >= FMT_MAIL_DISCARD_STARS;

	switch (mm->m->verdict) {
	case EVENT_MAIL_DELIVERED:
		return !mm->spam && !discarded;
	case EVENT_MAIL_TAGGED:
		return mm->spam && !discarded;
	case EVENT_MAIL_DISCARDED:
		return discarded;
	case EVENT_MAIL_REJECTED:
		return true;
	}
	return false;
}

/* Unix microseconds within their second: the queue file's st_mtime part
 * that Postfix puts first in a short queue id. */
static unsigned long fmt_mail_usec(const struct simclock *clock, sim_time_t t)
{
	return (unsigned long)(simclock_unix_us(clock, t) % SIM_SECOND);
}

/*
 * A short queue id: five hex digits of the microsecond, then the inode
 * number in hex.  Multiplying by an odd constant is a bijection modulo
 * 2^22, so messages whose serials differ by less than 2^22 never share an
 * inode, and the offset keeps every inode at five or six digits.
 */
static void fmt_mail_make_queue_id(const struct fmt_mail_settings *s,
				   uint64_t serial, sim_time_t t,
				   char out[FMT_MAIL_QUEUE_ID_SIZE])
{
	uint64_t mixed = serial * UINT64_C(0x9e3779b97f4a7c15) +
			 event_derive_id(s->id_seed, 0, FMT_MAIL_ID_INODE);
	unsigned long inode = 0x80000UL + (unsigned long)(mixed & 0x3fffff);

	snprintf(out, FMT_MAIL_QUEUE_ID_SIZE, "%05lX%lX",
		 fmt_mail_usec(s->clock, t), inode);
}

/* The next hop's own queue id for its "queued as" reply; it runs Postfix
 * too, so the form is the same. */
static void fmt_mail_next_hop_id(const struct fmt_mail_msg *mm, struct strbuf *sb)
{
	uint64_t h = event_derive_id(mm->s->id_seed, mm->m->serial,
				     FMT_MAIL_ID_NEXT);

	strbuf_addf(sb, "%05lX%lX",
		    fmt_mail_usec(mm->s->clock, mm->t[FMT_MAIL_SENT]),
		    0x80000UL + (unsigned long)(h & 0x3fffff));
}

/*
 * Pids.  smtpd, cleanup and smtp serve one message each here and are
 * forked in that order a few pids apart, as on an idle gateway; qmgr and
 * the spamd children started at boot, so their pids are low and the same
 * for every message.  The two ranges never meet, so no two daemons of
 * one message share a pid.
 */
static void fmt_mail_pids(struct fmt_mail_msg *mm)
{
	uint64_t seed = mm->s->id_seed, serial = mm->m->serial;
	uint32_t busy = 3000 + (uint32_t)(event_derive_id(seed, serial,
							  FMT_MAIL_ID_PID) % 90000);
	uint32_t boot = 600 + (uint32_t)(event_derive_id(seed, 0,
							 FMT_MAIL_ID_BOOT) % 1000);
	uint32_t child = (uint32_t)(event_derive_id(seed, serial,
						    FMT_MAIL_ID_CHILD) %
				    FMT_MAIL_SPAMD_CHILDREN);

	mm->smtpd_pid = busy;
	mm->cleanup_pid = busy + 3;
	mm->smtp_pid = busy + 4;
	mm->qmgr_pid = boot + 2;
	mm->spamd_pid = boot + 60 + 2 * child;
	/* spamc's source port, from Linux's ephemeral range 32768-60999. */
	mm->spamc_port = (uint16_t)(32768 + event_derive_id(seed, serial,
							     FMT_MAIL_ID_PORT) % 28232);
}

/* Fill mm for ev; false if the record cannot be rendered. */
static bool fmt_mail_prepare(const struct fmt_mail_settings *s,
			     const struct event *ev, struct fmt_mail_msg *mm)
{
	const struct event_mail *m = &ev->u.mail;
	sim_time_t span;
	size_t i;

	memset(mm, 0, sizeof *mm);
	mm->s = s;
	mm->ev = ev;
	mm->m = m;
	mm->host = fmt_syslogfile_host(s->hostname, s->net, ev->host);
	if (mm->host == NULL || m->to == NULL ||
	    !fmt_syslogfile_time_ok(s->clock, ev->conn.start) ||
	    !fmt_syslogfile_time_ok(s->clock, ev->time) ||
	    ev->time < ev->conn.start)
		return false;
	span = ev->time - ev->conn.start;
	switch (m->verdict) {
	case EVENT_MAIL_DELIVERED:
	case EVENT_MAIL_TAGGED:
		if (m->relay == NULL && s->relay == NULL)
			return false;
		mm->timeline = fmt_mail_delivered;
		mm->n_timeline = sizeof fmt_mail_delivered / sizeof fmt_mail_delivered[0];
		break;
	case EVENT_MAIL_DISCARDED:
		mm->timeline = fmt_mail_discarded;
		mm->n_timeline = sizeof fmt_mail_discarded / sizeof fmt_mail_discarded[0];
		break;
	case EVENT_MAIL_REJECTED:
		if (m->reject == NULL)
			return false;
		mm->timeline = fmt_mail_rejected;
		mm->n_timeline = sizeof fmt_mail_rejected / sizeof fmt_mail_rejected[0];
		break;
	default:
		return false;
	}
	mm->required = m->required != 0 ? m->required : FMT_MAIL_DEFAULT_REQUIRED;
	mm->spam = m->score >= mm->required;
	if (!fmt_mail_verdict_fits(mm))
		return false;
	for (i = 0; i < mm->n_timeline; i++)
		mm->t[mm->timeline[i].step] =
			fmt_mail_at_permille(ev->conn.start, span,
					     mm->timeline[i].permille);
	if (m->verdict != EVENT_MAIL_REJECTED)
		fmt_mail_make_queue_id(s, m->serial, mm->t[FMT_MAIL_CLIENT],
				       mm->queue_id);
	fmt_mail_pids(mm);
	return true;
}

/* --- Postfix ------------------------------------------------------------- */

/*
 * Postfix's printable(), which every log line goes through (msg_text):
 * printable ASCII stays; with smtputf8_enable on, a byte from 0xC2 to
 * 0xFE followed by a continuation byte starts a character that stays
 * whole with all the continuation bytes after it; anything else is '?'.
 */
static void fmt_mail_postfix_printable(char *text)
{
	unsigned char *p = (unsigned char *)text;

	for (; *p != '\0'; p++) {
		if (*p >= 0x20 && *p < 0x7f)
			continue;
		if (*p >= 0xc2 && *p <= 0xfe && p[1] >= 0x80 && p[1] < 0xc0) {
			while (p[1] >= 0x80 && p[1] < 0xc0)
				p++;
			continue;
		}
		*p = '?';
	}
}

/* "name[1.2.3.4]", "unknown" when reverse DNS gave nothing. */
static void fmt_mail_client(const struct fmt_mail_msg *mm, struct strbuf *sb)
{
	char ip[EVENT_ADDR_STRLEN];

	/* An IPv6 client reads "name[2001:db8::1]", no "IPv6:" tag. */
	strbuf_addf(sb, "%s[%s]",
		    mm->m->client_name != NULL ? mm->m->client_name : "unknown",
		    event_conn_addr(&mm->ev->conn, true, EVENT_ADDR_COMPRESSED, ip));
}

/* " from=<…> to=<…> proto=ESMTP helo=<…>", the envelope that smtpd's
 * rejects and cleanup's header actions end with.  No HELO means plain
 * SMTP and no helo= at all. */
static void fmt_mail_envelope(const struct fmt_mail_msg *mm, struct strbuf *sb)
{
	const struct event_mail *m = mm->m;

	strbuf_addf(sb, " from=<%s> to=<%s> proto=%s",
		    m->from != NULL ? m->from : "", m->to,
		    m->helo != NULL ? "ESMTP" : "SMTP");
	if (m->helo != NULL)
		strbuf_addf(sb, " helo=<%s>", m->helo);
}

/* "QID: <action>: header <line, cut to max bytes> from client;" and the
 * envelope, as cleanup logs a header_checks or milter_header_checks hit. */
static void fmt_mail_header_action(const struct fmt_mail_msg *mm,
				   const char *action, const char *header,
				   size_t max, struct strbuf *sb)
{
	size_t n = strlen(header);

	strbuf_addf(sb, "%s: %s: header ", mm->queue_id, action);
	strbuf_add(sb, header, n < max ? n : max);
	strbuf_adds(sb, " from ");
	fmt_mail_client(mm, sb);
	strbuf_addc(sb, ';');
	fmt_mail_envelope(mm, sb);
}

/* Postfix's format_tv() with delay_logging_resolution_limit = 2: whole
 * seconds from 10 s, one decimal from 1 s, two below, rounded half up,
 * no trailing zeros, "0" for nothing. */
static void fmt_mail_delay(sim_time_t d, struct strbuf *sb)
{
	long long sec = d / SIM_SECOND, usec = d % SIM_SECOND, digit;
	long long unit = sec >= 10 ? SIM_SECOND :
			 sec >= 1 ? SIM_SECOND / 10 : SIM_SECOND / 100;

	usec += unit / 2;
	if (usec >= SIM_SECOND) {
		sec++;
		usec -= SIM_SECOND;
	}
	strbuf_addf(sb, "%lld", sec);
	if (usec < unit)
		return;
	strbuf_addc(sb, '.');
	for (digit = SIM_SECOND / 10; usec >= unit && digit > 0; digit /= 10) {
		strbuf_addc(sb, (char)('0' + usec / digit));
		usec %= digit;
	}
}

/* The smtp delivery line: delay from arrival, then the four stages
 * (before qmgr, in qmgr, connection setup, transmission). */
static void fmt_mail_sent(const struct fmt_mail_msg *mm, struct strbuf *sb)
{
	const sim_time_t *t = mm->t;

	strbuf_addf(sb, "%s: to=<%s>, relay=%s, delay=", mm->queue_id, mm->m->to,
		    mm->m->relay != NULL ? mm->m->relay : mm->s->relay);
	fmt_mail_delay(t[FMT_MAIL_SENT] - t[FMT_MAIL_CLIENT], sb);
	strbuf_adds(sb, ", delays=");
	fmt_mail_delay(t[FMT_MAIL_QUEUED] - t[FMT_MAIL_CLIENT], sb);
	strbuf_addc(sb, '/');
	fmt_mail_delay(t[FMT_MAIL_HANDOFF] - t[FMT_MAIL_QUEUED], sb);
	strbuf_addc(sb, '/');
	fmt_mail_delay(t[FMT_MAIL_SETUP] - t[FMT_MAIL_HANDOFF], sb);
	strbuf_addc(sb, '/');
	fmt_mail_delay(t[FMT_MAIL_SENT] - t[FMT_MAIL_SETUP], sb);
	strbuf_adds(sb, ", dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as ");
	fmt_mail_next_hop_id(mm, sb);
	strbuf_addc(sb, ')');
}

/* smtpd's per-command counts: "n" or "ok/total" for a command that was
 * refused, then the totals the same way. */
static void fmt_mail_disconnect(const struct fmt_mail_msg *mm, struct strbuf *sb)
{
	bool helo = mm->m->helo != NULL;

	strbuf_adds(sb, "disconnect from ");
	fmt_mail_client(mm, sb);
	if (helo)
		strbuf_adds(sb, " ehlo=1");
	if (mm->m->verdict == EVENT_MAIL_REJECTED)
		strbuf_addf(sb, " mail=1 rcpt=0/1 quit=1 commands=%d/%d",
			    helo ? 3 : 2, helo ? 4 : 3);
	else
		strbuf_addf(sb, " mail=1 rcpt=1 data=1 quit=1 commands=%d",
			    helo ? 5 : 4);
}

/* The text of a Postfix line, and which daemon and pid writes it; false
 * for a step Postfix does not log. */
static bool fmt_mail_postfix_text(const struct fmt_mail_msg *mm,
				  enum fmt_mail_step step, const char **tag,
				  uint32_t *pid, struct strbuf *sb)
{
	const struct event_mail *m = mm->m;
	struct strbuf header;
	int stars;

	*tag = "postfix/smtpd";
	*pid = mm->smtpd_pid;
	switch (step) {
	case FMT_MAIL_CONNECT:
		strbuf_adds(sb, "connect from ");
		fmt_mail_client(mm, sb);
		return true;
	case FMT_MAIL_CLIENT:
		strbuf_addf(sb, "%s: client=", mm->queue_id);
		fmt_mail_client(mm, sb);
		return true;
	case FMT_MAIL_REJECT:
		strbuf_adds(sb, "NOQUEUE: reject: RCPT from ");
		fmt_mail_client(mm, sb);
		strbuf_addf(sb, ": %s;", m->reject);
		fmt_mail_envelope(mm, sb);
		return true;
	case FMT_MAIL_DISCONNECT:
		fmt_mail_disconnect(mm, sb);
		return true;
	default:
		break;
	}
	*tag = "postfix/cleanup";
	*pid = mm->cleanup_pid;
	strbuf_init(&header);
	switch (step) {
	case FMT_MAIL_MESSAGE_ID:
		/* Mail from outside keeps its own header, or has none: cleanup
		 * adds Message-Id only for local submissions. */
		strbuf_addf(sb, "%s: message-id=<%s>", mm->queue_id,
			    m->message_id != NULL ? m->message_id : "");
		return true;
	case FMT_MAIL_SUBJECT:
		if (!mm->s->log_subject || m->subject == NULL)
			return false;
		strbuf_addf(&header, "Subject: %s", m->subject);
		fmt_mail_header_action(mm, "info", strbuf_str(&header),
				       FMT_MAIL_HEADER_LOG_MAX, sb);
		strbuf_free(&header);
		return true;
	case FMT_MAIL_DISCARD:
		strbuf_adds(&header, "X-Spam-Level: ");
		for (stars = fmt_mail_stars(m->score); stars > 0; stars--)
			strbuf_addc(&header, '*');
		fmt_mail_header_action(mm, "milter-header-discard",
				       strbuf_str(&header),
				       FMT_MAIL_MILTER_HEADER_LOG_MAX, sb);
		strbuf_adds(sb, ": " FMT_MAIL_DISCARD_TEXT);
		strbuf_free(&header);
		return true;
	default:
		break;
	}
	*tag = "postfix/qmgr";
	*pid = mm->qmgr_pid;
	switch (step) {
	case FMT_MAIL_QUEUED:
		strbuf_addf(sb, "%s: from=<%s>, size=%llu, nrcpt=1 (queue active)",
			    mm->queue_id, m->from != NULL ? m->from : "",
			    (unsigned long long)m->size);
		return true;
	case FMT_MAIL_REMOVED:
		strbuf_addf(sb, "%s: removed", mm->queue_id);
		return true;
	case FMT_MAIL_SENT:
		*tag = "postfix/smtp";
		*pid = mm->smtp_pid;
		fmt_mail_sent(mm, sb);
		return true;
	default:
		return false;
	}
}

/* --- spamd ---------------------------------------------------------------- */

/* A SpamAssassin score, "%.1f" of tenths: "1002.2", "-0.5". */
static void fmt_mail_score(int32_t tenths, struct strbuf *sb)
{
	long long v = tenths;

	strbuf_addf(sb, "%s%lld.%lld", v < 0 ? "-" : "", (v < 0 ? -v : v) / 10,
		    (v < 0 ? -v : v) % 10);
}

static bool fmt_mail_perl_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

/*
 * spamd's parse_msgids() on the header value "<id>": comments dropped,
 * spaces trimmed and collapsed, the text of the first <…> kept, bytes
 * outside printable ASCII and stray angle brackets made '?', brackets put
 * back; "(unknown)" when nothing is left.
 */
static void fmt_mail_spamd_msgid(const char *id, struct strbuf *out)
{
	struct strbuf v;
	char *p, *open, *close;
	size_t i, n;

	if (id == NULL) {
		strbuf_adds(out, "(unknown)");
		return;
	}
	strbuf_init(&v);
	strbuf_addf(&v, "<%s>", id);
	/* Perl's s/\([^()]*\)// until it fails: the leftmost "(" whose
	 * next parenthesis closes it goes first. */
	for (open = v.buf; (open = strchr(open, '(')) != NULL;) {
		close = open + 1 + strcspn(open + 1, "()");
		if (*close != ')') {
			open = close;
			continue;
		}
		memmove(open, close + 1, strlen(close + 1) + 1);
		v.len -= (size_t)(close + 1 - open);
		open = v.buf;
	}
	/* Collapse runs of white space to one space and trim the ends. */
	for (p = v.buf, n = 0, i = 0; i < v.len; i++) {
		if (!fmt_mail_perl_space(v.buf[i]))
			p[n++] = v.buf[i];
		else if (n > 0 && p[n - 1] != ' ')
			p[n++] = ' ';
	}
	if (n > 0 && p[n - 1] == ' ')
		n--;
	p[n] = '\0';
	v.len = n;
	/* s/^.*?<(.*?)>.*$/$1/ */
	open = strchr(v.buf, '<');
	close = open != NULL ? strchr(open + 1, '>') : NULL;
	if (close != NULL) {
		n = (size_t)(close - open - 1);
		memmove(v.buf, open + 1, n);
		v.buf[n] = '\0';
		v.len = n;
	}
	for (i = 0; i < v.len; i++) {
		unsigned char c = (unsigned char)v.buf[i];

		if (c < 0x21 || c > 0x7e || c == '<' || c == '>')
			v.buf[i] = '?';
	}
	if (v.len > 0)
		strbuf_addf(out, "<%s>", v.buf);
	else
		strbuf_adds(out, "(unknown)");
	strbuf_free(&v);
}

/* The user spamc names: the first recipient's local part, as
 * spamass-milter -u passes it. */
static void fmt_mail_spamd_user(const struct event_mail *m, struct strbuf *sb)
{
	size_t n = strcspn(m->to, "@");

	if (n > 0)
		strbuf_add(sb, m->to, n);
	else
		strbuf_adds(sb, FMT_MAIL_SPAMD_DEFAULT_USER);
}

struct fmt_mail_test {
	const char *name;
	size_t len;
};

static int fmt_mail_test_cmp(const void *a, const void *b)
{
	const struct fmt_mail_test *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->name, y->name, n);

	return c != 0 ? c : (x->len > y->len) - (x->len < y->len);
}

/* The rules hit, sorted and without empty names, as spamd lists them. */
static void fmt_mail_spamd_tests(const char *tests, struct strbuf *sb)
{
	struct fmt_mail_test *list;
	size_t n = 0, i, cap = 1;
	const char *p;

	if (tests == NULL)
		return;
	for (p = tests; *p != '\0'; p++)
		cap += *p == ',';
	list = xmalloc(cap * sizeof *list);
	for (p = tests;; p++) {
		size_t len = strcspn(p, ",");

		if (len > 0)
			list[n++] = (struct fmt_mail_test){ p, len };
		p += len;
		if (*p == '\0')
			break;
	}
	qsort(list, n, sizeof *list, fmt_mail_test_cmp);
	for (i = 0; i < n; i++) {
		if (i > 0)
			strbuf_addc(sb, ',');
		strbuf_add(sb, list[i].name, list[i].len);
	}
	free(list);
}

/* spamd's scantime, "%.1f" seconds from connection to verdict. */
static void fmt_mail_scantime(const struct fmt_mail_msg *mm, struct strbuf *sb)
{
	sim_time_t d = mm->t[FMT_MAIL_SPAMD_VERDICT] - mm->t[FMT_MAIL_SPAMD_CONNECT];
	long long tenths = (d + SIM_SECOND / 20) / (SIM_SECOND / 10);

	strbuf_addf(sb, "%lld.%lld", tenths / 10, tenths % 10);
}

/* The text of a spamd line; false for steps spamd does not log. */
static bool fmt_mail_spamd_text(const struct fmt_mail_msg *mm,
				enum fmt_mail_step step, struct strbuf *sb)
{
	const struct event_mail *m = mm->m;
	struct strbuf mid;
	size_t i;

	switch (step) {
	case FMT_MAIL_SPAMD_CONNECT:
		strbuf_addf(sb, "spamd: connection from localhost [127.0.0.1]:%u "
			    "to port %d, fd 5", (unsigned)mm->spamc_port,
			    FMT_MAIL_SPAMD_PORT);
		return true;
	case FMT_MAIL_SPAMD_PROCESS:
		/* spamc's default request is PROCESS, which spamass-milter
		 * needs to get the rewritten headers back. */
		strbuf_adds(sb, "spamd: processing message ");
		fmt_mail_spamd_msgid(m->message_id, sb);
		strbuf_adds(sb, " for ");
		fmt_mail_spamd_user(m, sb);
		strbuf_addf(sb, ":%lu", (unsigned long)mm->s->spamd_uid);
		return true;
	case FMT_MAIL_SPAMD_VERDICT:
		strbuf_addf(sb, "spamd: %s (",
			    mm->spam ? "identified spam" : "clean message");
		fmt_mail_score(m->score, sb);
		strbuf_addc(sb, '/');
		fmt_mail_score(mm->required, sb);
		strbuf_adds(sb, ") for ");
		fmt_mail_spamd_user(m, sb);
		strbuf_addf(sb, ":%lu in ", (unsigned long)mm->s->spamd_uid);
		fmt_mail_scantime(mm, sb);
		strbuf_addf(sb, " seconds, %llu bytes.", (unsigned long long)m->size);
		return true;
	case FMT_MAIL_SPAMD_RESULT:
		/* "%2d" of the score: whole points, truncated toward zero. */
		strbuf_addf(sb, "spamd: result: %c %2ld - ", mm->spam ? 'Y' : '.',
			    (long)(m->score / 10));
		fmt_mail_spamd_tests(m->tests, sb);
		strbuf_adds(sb, " scantime=");
		fmt_mail_scantime(mm, sb);
		strbuf_addf(sb, ",size=%llu,user=", (unsigned long long)m->size);
		fmt_mail_spamd_user(m, sb);
		strbuf_addf(sb, ",uid=%lu,required_score=",
			    (unsigned long)mm->s->spamd_uid);
		fmt_mail_score(mm->required, sb);
		strbuf_addf(sb, ",rhost=localhost,raddr=127.0.0.1,rport=%u,mid=",
			    (unsigned)mm->spamc_port);
		/* mid= turns white space, controls and commas into '_'. */
		strbuf_init(&mid);
		fmt_mail_spamd_msgid(m->message_id, &mid);
		for (i = 0; i < mid.len; i++)
			if ((unsigned char)mid.buf[i] <= 0x20 || mid.buf[i] == ',')
				mid.buf[i] = '_';
		strbuf_add(sb, mid.buf, mid.len);
		strbuf_free(&mid);
		strbuf_adds(sb, ",autolearn=no autolearn_force=no");
		return true;
	default:
		return false;
	}
}

/*
 * SpamAssassin 4.0's Logger escape_str(), on for spamd's syslog: CR, LF,
 * TAB and backslash become \r \n \t \\, every other control byte, DEL and
 * every byte from 0x80 up becomes \x{NN}.
 */
static void fmt_mail_spamd_escape(const char *text, struct strbuf *out)
{
	const unsigned char *p;

	for (p = (const unsigned char *)text; *p != '\0'; p++) {
		if (*p == '\r')
			strbuf_adds(out, "\\r");
		else if (*p == '\n')
			strbuf_adds(out, "\\n");
		else if (*p == '\t')
			strbuf_adds(out, "\\t");
		else if (*p == '\\')
			strbuf_adds(out, "\\\\");
		else if (*p < 0x20 || *p >= 0x7f)
			strbuf_addf(out, "\\x{%02X}", *p);
		else
			strbuf_addc(out, (char)*p);
	}
}

/* --- Rendering ------------------------------------------------------------ */

/* Append the selected daemon's line for one step, if it writes one. */
static bool fmt_mail_line(const struct fmt_mail_msg *mm, enum fmt_mail_step step,
			  struct strbuf *text, struct strbuf *out)
{
	const struct fmt_mail_settings *s = mm->s;
	struct strbuf escaped;
	const char *tag = "spamd";
	uint32_t pid = mm->spamd_pid;
	bool ok;

	strbuf_reset(text);
	if (s->daemon == FMT_MAIL_SPAMD) {
		strbuf_init(&escaped);
		if (!fmt_mail_spamd_text(mm, step, &escaped))
			return true;
		fmt_mail_spamd_escape(strbuf_str(&escaped), text);
		strbuf_free(&escaped);
	} else {
		if (!fmt_mail_postfix_text(mm, step, &tag, &pid, text))
			return true;
		fmt_mail_postfix_printable(text->buf);
	}
	ok = fmt_syslogfile_line(s->style, s->clock, mm->t[step], mm->host, tag,
				 pid, strbuf_str(text), out);
	if (ok)
		fmt_syslogfile_times_add(s->times, mm->t[step]);
	return ok;
}

enum event_render fmt_mail_render(const struct fmt_mail_settings *s,
				  const struct event *ev, struct strbuf *out)
{
	struct fmt_mail_msg mm;
	struct strbuf text;
	size_t start = out->len, i;
	bool ok = true;

	if (s->times != NULL)
		s->times->n = 0;
	if (ev->kind != EVENT_MAIL)
		return EVENT_NOT_RENDERED;
	if (!fmt_mail_prepare(s, ev, &mm))
		return EVENT_BAD;
	if (s->daemon == FMT_MAIL_SPAMD && ev->u.mail.verdict == EVENT_MAIL_REJECTED)
		return EVENT_NOT_RENDERED;
	strbuf_init(&text);
	for (i = 0; i < mm.n_timeline && ok; i++)
		ok = fmt_mail_line(&mm, mm.timeline[i].step, &text, out);
	strbuf_free(&text);
	if (!ok) {
		strbuf_truncate(out, start);
		if (s->times != NULL)
			s->times->n = 0;
		return EVENT_BAD;
	}
	return EVENT_RENDERED;
}

bool fmt_mail_queue_id(const struct fmt_mail_settings *s,
		       const struct event *ev,
		       char out[FMT_MAIL_QUEUE_ID_SIZE])
{
	struct fmt_mail_msg mm;

	if (ev->kind != EVENT_MAIL || !fmt_mail_prepare(s, ev, &mm) ||
	    ev->u.mail.verdict == EVENT_MAIL_REJECTED)
		return false;
	memcpy(out, mm.queue_id, FMT_MAIL_QUEUE_ID_SIZE);
	return true;
}
