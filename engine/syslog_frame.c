#include "syslog_frame.h"

#include <string.h>

#include "event.h"

/* What stands in for a character a field cannot carry. */
#define SYSLOG_FRAME_REPLACEMENT '_'
/* U+FFFD REPLACEMENT CHARACTER, for a byte of an SD value that is not
 * UTF-8. */
#define SYSLOG_FRAME_UTF8_REPLACEMENT "\xef\xbf\xbd"
#define SYSLOG_FRAME_BOM "\xef\xbb\xbf"

static const char *const syslog_frame_months[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

/* The length of the character at s, counting a byte that starts no valid
 * UTF-8 character as a character of its own. */
static size_t syslog_frame_char_len(const char *s, size_t n)
{
	size_t k = event_utf8_char_len(s, n);

	return k == 0 ? 1 : k;
}

/* Printable US-ASCII, the characters of every RFC 5424 header field. */
static bool syslog_frame_printable(unsigned char c)
{
	return c >= 33 && c <= 126;
}

/* SD-NAME: printable except '=', ']' and '"' (RFC 5424 6.3.2), which
 * would end the name early. */
static bool syslog_frame_sd_name_char(unsigned char c)
{
	return syslog_frame_printable(c) && c != '=' && c != ']' && c != '"';
}

/* rsyslog ends a 3164 TAG at ':' (or a space) and cuts the APP-NAME out
 * of it at '['; the PROCID ends at ']'. */
static bool syslog_frame_tag_char(unsigned char c)
{
	return syslog_frame_printable(c) && c != ':' && c != '[' && c != ']';
}

static bool syslog_frame_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* rsyslog takes a 3164 hostname only when it is made of letters, digits,
 * '.', '_' and '-' and ends in a letter or digit; otherwise it reads the
 * "hostname" as the TAG. */
static bool syslog_frame_host_char(unsigned char c)
{
	return syslog_frame_alnum((char)c) || c == '.' || c == '_' || c == '-';
}

/*
 * A header token: at most max characters, each one that allowed()
 * refuses (any multi-byte or invalid UTF-8 character among them) written
 * as one '_'.  The caller has made sure s is not empty.
 */
static void syslog_frame_token(struct strbuf *out, const char *s, size_t max,
			       bool (*allowed)(unsigned char))
{
	size_t n = strlen(s), i = 0, chars;

	for (chars = 0; i < n && chars < max; chars++) {
		size_t k = syslog_frame_char_len(s + i, n - i);

		if (k == 1 && allowed((unsigned char)s[i]))
			strbuf_addc(out, s[i]);
		else
			strbuf_addc(out, SYSLOG_FRAME_REPLACEMENT);
		i += k;
	}
}

static bool syslog_frame_present(const char *s)
{
	return s != NULL && s[0] != '\0';
}

/* An RFC 5424 header field, or its nil value. */
static void syslog_frame_field(struct strbuf *out, const char *s, size_t max)
{
	strbuf_addc(out, ' ');
	if (syslog_frame_present(s))
		syslog_frame_token(out, s, max, syslog_frame_printable);
	else
		strbuf_addc(out, '-');
}

/* A PARAM-VALUE: UTF-8 with '"', '\' and ']' escaped (RFC 5424 6.3.3). */
static void syslog_frame_sd_value(struct strbuf *out, const char *v)
{
	size_t n = v != NULL ? strlen(v) : 0, i, k;

	for (i = 0; i < n; i += k) {
		k = event_utf8_char_len(v + i, n - i);
		if (k == 0) {
			strbuf_adds(out, SYSLOG_FRAME_UTF8_REPLACEMENT);
			k = 1;
			continue;
		}
		if (v[i] == '"' || v[i] == '\\' || v[i] == ']')
			strbuf_addc(out, '\\');
		strbuf_add(out, v + i, k);
	}
}

/* STRUCTURED-DATA: "-" or the elements; false on an empty name. */
static bool syslog_frame_sd(struct strbuf *out, const struct syslog_msg *m)
{
	size_t e, p;

	strbuf_addc(out, ' ');
	if (m->n_sd == 0) {
		strbuf_addc(out, '-');
		return true;
	}
	for (e = 0; e < m->n_sd; e++) {
		const struct syslog_sd_element *el = &m->sd[e];

		if (!syslog_frame_present(el->id))
			return false;
		strbuf_addc(out, '[');
		syslog_frame_token(out, el->id, SYSLOG_SD_NAME_MAX,
				   syslog_frame_sd_name_char);
		for (p = 0; p < el->n_params; p++) {
			const struct syslog_sd_param *param = &el->params[p];

			if (!syslog_frame_present(param->name))
				return false;
			strbuf_addc(out, ' ');
			syslog_frame_token(out, param->name, SYSLOG_SD_NAME_MAX,
					   syslog_frame_sd_name_char);
			strbuf_adds(out, "=\"");
			syslog_frame_sd_value(out, param->value);
			strbuf_addc(out, '"');
		}
		strbuf_addc(out, ']');
	}
	return true;
}

static bool syslog_frame_is_utf8(const char *s, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i += k) {
		k = event_utf8_char_len(s + i, n - i);
		if (k == 0)
			return false;
	}
	return true;
}

static bool syslog_frame_5424(const struct syslog_frame_settings *s,
			      const struct syslog_msg *m, struct strbuf *out)
{
	char ts[SIMCLOCK_ISO_SIZE];

	strbuf_addf(out, "<%d>1 ", m->facility * 8 + m->severity);
	if (m->time == SYSLOG_NO_TIME) {
		strbuf_addc(out, '-');
	} else {
		/* "2023-11-08T09:15:02.123456+07:00": RFC 3339 with the
		 * colon in the offset, which RFC 5424 requires. */
		if (!simclock_format_local_colon(s->clock, m->time, ts, sizeof ts))
			return false;
		strbuf_adds(out, ts);
	}
	syslog_frame_field(out, m->hostname, SYSLOG_HOSTNAME_MAX);
	syslog_frame_field(out, m->app, SYSLOG_APP_NAME_MAX);
	syslog_frame_field(out, m->procid, SYSLOG_PROCID_MAX);
	syslog_frame_field(out, m->msgid, SYSLOG_MSGID_MAX);
	if (!syslog_frame_sd(out, m))
		return false;
	/* MSG is optional, and so is the space before it. */
	if (m->msg_len > 0) {
		strbuf_addc(out, ' ');
		if (s->bom && syslog_frame_is_utf8(m->msg, m->msg_len))
			strbuf_adds(out, SYSLOG_FRAME_BOM);
		strbuf_add(out, m->msg, m->msg_len);
	}
	return true;
}

static bool syslog_frame_3164(const struct syslog_frame_settings *s,
			      const struct syslog_msg *m, struct strbuf *out)
{
	char ts[SIMCLOCK_ISO_SIZE];
	int month, day;
	size_t host;

	/* The local time as "YYYY-MM-DDThh:mm:ss...", taken apart. */
	if (m->time == SYSLOG_NO_TIME ||
	    !simclock_format_local_colon(s->clock, m->time, ts, sizeof ts))
		return false;
	month = (ts[5] - '0') * 10 + (ts[6] - '0');
	day = (ts[8] - '0') * 10 + (ts[9] - '0');
	/* "Nov  8 09:15:02": the day is padded with a space, not a zero. */
	strbuf_addf(out, "<%d>%s %2d %.8s ", m->facility * 8 + m->severity,
		    syslog_frame_months[month - 1], day, ts + 11);
	/* RFC 3164 has no nil value: a message without a hostname cannot
	 * be written. */
	if (!syslog_frame_present(m->hostname))
		return false;
	host = out->len;
	syslog_frame_token(out, m->hostname, SYSLOG_HOSTNAME_MAX,
			   syslog_frame_host_char);
	/* rsyslog also wants the hostname to end in a letter or digit. */
	while (out->len > host && !syslog_frame_alnum(out->buf[out->len - 1]))
		strbuf_truncate(out, out->len - 1);
	if (out->len == host)
		return false;
	/* "TAG[PROCID]:"; without an APP-NAME there is no TAG, and MSG
	 * follows the hostname (the RFC's CONTENT alone). */
	if (syslog_frame_present(m->app)) {
		strbuf_addc(out, ' ');
		syslog_frame_token(out, m->app, SYSLOG_3164_TAG_MAX,
				   syslog_frame_tag_char);
		if (syslog_frame_present(m->procid)) {
			strbuf_addc(out, '[');
			syslog_frame_token(out, m->procid, SYSLOG_PROCID_MAX,
					   syslog_frame_tag_char);
			strbuf_addc(out, ']');
		}
		strbuf_addc(out, ':');
	}
	if (m->msg_len > 0) {
		strbuf_addc(out, ' ');
		strbuf_add(out, m->msg, m->msg_len);
	}
	return true;
}

bool syslog_frame_render(const struct syslog_frame_settings *s,
			 const struct syslog_msg *m, struct strbuf *out)
{
	size_t mark = out->len;
	bool ok;

	if (m->facility < 0 || m->facility >= SYSLOG_FAC_COUNT ||
	    m->severity < 0 || m->severity >= SYSLOG_SEV_COUNT)
		return false;
	if (s->format == SYSLOG_RFC3164)
		ok = syslog_frame_3164(s, m, out);
	else
		ok = syslog_frame_5424(s, m, out);
	if (!ok)
		strbuf_truncate(out, mark);
	return ok;
}

void syslog_frame_octet_counted(struct strbuf *out, const char *frame,
				size_t len)
{
	strbuf_addf(out, "%zu ", len);
	strbuf_add(out, frame, len);
}

void syslog_frame_lf(struct strbuf *out, const char *frame, size_t len)
{
	const char *lf;

	while (len > 0 && (lf = memchr(frame, '\n', len)) != NULL) {
		size_t before = (size_t)(lf - frame);

		strbuf_add(out, frame, before);
		strbuf_adds(out, "#012");
		frame = lf + 1;
		len -= before + 1;
	}
	strbuf_add(out, frame, len);
	strbuf_addc(out, '\n');
}
