#include "fmt_syslogfile.h"

#include <string.h>

/*
 * "Nov  8 09:15:02" from "2023-11-08T09:15:02.123456+07:00": the same
 * local time, so both styles always agree on the second.
 */
static void fmt_syslogfile_traditional(const char *iso, struct strbuf *out)
{
	static const char months[12][4] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
	};
	int month = (iso[5] - '0') * 10 + (iso[6] - '0');

	strbuf_add(out, months[month - 1], 3);
	strbuf_addc(out, ' ');
	/* RFC 3164 pads the day with a space, never a zero. */
	strbuf_addc(out, iso[8] == '0' ? ' ' : iso[8]);
	strbuf_addc(out, iso[9]);
	strbuf_addc(out, ' ');
	strbuf_add(out, iso + 11, 8);
}

/* rsyslog's SanitizeMsg with its defaults (parser.c). */
static void fmt_syslogfile_escape(const char *msg, struct strbuf *out)
{
	size_t n = strlen(msg), i;

	/* DropTrailingLFOnReception */
	if (n > 0 && msg[n - 1] == '\n')
		n--;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)msg[i];
		size_t run = i;

		/* The printable run up to the next control character in one
		 * piece. */
		while (run < n && (unsigned char)msg[run] >= 0x20 && (unsigned char)msg[run] != 0x7f)
			run++;
		if (run > i) {
			strbuf_add(out, msg + i, run - i);
			i = run - 1;
			continue;
		}
		/* EscapeControlCharactersOnReceive, TAB included */
		if (c < 0x20 || c == 0x7f) {
			strbuf_addc(out, '#');
			strbuf_addc(out, (char)('0' + (c >> 6)));
			strbuf_addc(out, (char)('0' + ((c >> 3) & 7)));
			strbuf_addc(out, (char)('0' + (c & 7)));
		} else {
			strbuf_addc(out, (char)c);
		}
	}
}

bool fmt_syslogfile_line(enum fmt_syslogfile_style style,
			 const struct simclock *clock, sim_time_t t,
			 const char *host, const char *tag, uint32_t pid,
			 const char *msg, struct strbuf *out)
{
	char iso[SIMCLOCK_ISO_SIZE];

	if (!simclock_format_local_colon(clock, t, iso, sizeof iso))
		return false;
	if (style == FMT_SYSLOGFILE_TRADITIONAL)
		fmt_syslogfile_traditional(iso, out);
	else
		strbuf_adds(out, iso);
	strbuf_addf(out, " %s %s[%lu]: ", host, tag, (unsigned long)pid);
	fmt_syslogfile_escape(msg, out);
	strbuf_addc(out, '\n');
	return true;
}

bool fmt_syslogfile_time_ok(const struct simclock *clock, sim_time_t t)
{
	char iso[SIMCLOCK_ISO_SIZE];

	return simclock_format_local_colon(clock, t, iso, sizeof iso);
}

const char *fmt_syslogfile_host(const char *hostname, const struct net *net,
				int host)
{
	if (hostname != NULL)
		return hostname;
	if (net != NULL && host >= 0 && host < net->nhosts)
		return net->hosts[host].name;
	return NULL;
}

void fmt_syslogfile_times_add(struct fmt_syslogfile_times *times, sim_time_t t)
{
	if (times == NULL)
		return;
	if (times->n < FMT_SYSLOGFILE_MAX_LINES)
		times->time[times->n++] = t;
	else
		times->time[FMT_SYSLOGFILE_MAX_LINES - 1] = t;
}
