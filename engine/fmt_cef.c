#include "fmt_cef.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "ipaddr.h"

/* A header field: '\' and '|' escaped; a line break, which CEF allows
 * only in extension values, becomes a space so the line stays whole. */
static void fmt_cef_header_field(struct strbuf *out, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\\' || *s == '|') {
			strbuf_addc(out, '\\');
			strbuf_addc(out, *s);
		} else if (*s == '\n' || *s == '\r') {
			strbuf_addc(out, ' ');
		} else {
			strbuf_addc(out, *s);
		}
	}
	strbuf_addc(out, '|');
}

/* An extension value: '\' and '=' escaped, line breaks as \n and \r;
 * '|' needs nothing here. */
static void fmt_cef_escape(struct strbuf *out, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\\' || *s == '=') {
			strbuf_addc(out, '\\');
			strbuf_addc(out, *s);
		} else if (*s == '\n') {
			strbuf_adds(out, "\\n");
		} else if (*s == '\r') {
			strbuf_adds(out, "\\r");
		} else {
			strbuf_addc(out, *s);
		}
	}
}

/* The extension: key=value pairs, one space apart. */
struct fmt_cef_ext {
	struct strbuf *out;
	bool started;
};

static void fmt_cef_key(struct fmt_cef_ext *x, const char *key)
{
	if (x->started)
		strbuf_addc(x->out, ' ');
	x->started = true;
	strbuf_adds(x->out, key);
	strbuf_addc(x->out, '=');
}

static void fmt_cef_str(struct fmt_cef_ext *x, const char *key, const char *value)
{
	fmt_cef_key(x, key);
	fmt_cef_escape(x->out, value);
}

static void fmt_cef_uint(struct fmt_cef_ext *x, const char *key, uint64_t v)
{
	fmt_cef_key(x, key);
	strbuf_addf(x->out, "%" PRIu64, v);
}

/* A custom field and its label, value first as the examples write it. */
static void fmt_cef_custom(struct fmt_cef_ext *x, const char *key,
			   const char *value, const char *label)
{
	char label_key[24];

	fmt_cef_str(x, key, value);
	snprintf(label_key, sizeof label_key, "%sLabel", key);
	fmt_cef_str(x, label_key, label);
}

/* src and dst are IPv4 only in CEF; an IPv6 end goes in the custom
 * address pair ArcSight reserves for it, c6a2 "Source IPv6 Address" or
 * c6a3 "Destination IPv6 Address" (RFC 5952 text). */
static void fmt_cef_addr(struct fmt_cef_ext *x, bool src, const char *text)
{
	if (strchr(text, ':') == NULL)
		fmt_cef_str(x, src ? "src" : "dst", text);
	else if (src)
		fmt_cef_custom(x, "c6a2", text, "Source IPv6 Address");
	else
		fmt_cef_custom(x, "c6a3", text, "Destination IPv6 Address");
}

/*
 * "<PRI>Mmm dd hh:mm:ss host ", the RFC 3164 header, when the settings
 * want one.  False if the time, the facility or the host cannot be
 * written.
 */
static bool fmt_cef_syslog_header(const struct fmt_cef_settings *s,
				  const struct event *ev, int severity,
				  struct strbuf *out)
{
	static const char months[12][4] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
	};
	char iso[SIMCLOCK_ISO_SIZE];
	const char *host = s->host;
	int facility, month, day;

	if (!s->syslog_header)
		return true;
	if (host == NULL && s->fortigate != NULL)
		host = s->fortigate->devname;
	if (host == NULL || host[0] == '\0' ||
	    !fmt_fortigate_facility_code(s->facility, &facility) ||
	    !simclock_format_local(s->clock, ev->time, iso, sizeof iso))
		return false;
	/* "2023-11-08T09:15:02.123456+0700" */
	month = (iso[5] - '0') * 10 + (iso[6] - '0');
	day = (iso[8] - '0') * 10 + (iso[9] - '0');
	strbuf_addf(out, "<%d>%s %2d %.8s %s ", facility * 8 + severity,
		    months[month - 1], day, iso + 11, host);
	return true;
}

static const char *fmt_cef_proto_name(uint8_t proto, char num[4])
{
	switch (proto) {
	case NET_PROTO_TCP:
		return "TCP";
	case NET_PROTO_UDP:
		return "UDP";
	case NET_PROTO_ICMP:
		return "ICMP";
	default:
		snprintf(num, 4, "%u", (unsigned)proto);
		return num;
	}
}

/* CEF's applicationProtocol for the protocols a sensor names. */
static const char *fmt_cef_app_name(enum event_app app)
{
	static const char *const names[EVENT_APP_COUNT] = {
		[EVENT_APP_DNS] = "DNS",   [EVENT_APP_HTTP] = "HTTP",
		[EVENT_APP_TLS] = "TLS",   [EVENT_APP_SMB] = "SMB",
		[EVENT_APP_SSH] = "SSH",   [EVENT_APP_SMTP] = "SMTP",
		[EVENT_APP_FTP] = "FTP",   [EVENT_APP_RDP] = "RDP",
		[EVENT_APP_KRB5] = "KRB5", [EVENT_APP_DHCP] = "DHCP",
		[EVENT_APP_NTP] = "NTP",
	};

	if ((unsigned)app >= EVENT_APP_COUNT)
		return NULL;
	return names[app];
}

/* The HTTP transaction an alert matched: host, full URL, method, agent. */
static void fmt_cef_http(struct fmt_cef_ext *x, const struct event_http *h)
{
	struct strbuf url;

	if (h->host != NULL)
		fmt_cef_str(x, "dhost", h->host);
	if (h->uri != NULL) {
		strbuf_init(&url);
		if (h->host != NULL) {
			strbuf_adds(&url, "http://");
			strbuf_adds(&url, h->host);
			if (h->host_port != 0)
				strbuf_addf(&url, ":%u", (unsigned)h->host_port);
		}
		strbuf_adds(&url, h->uri);
		fmt_cef_str(x, "request", strbuf_str(&url));
		strbuf_free(&url);
	}
	if (h->method != NULL)
		fmt_cef_str(x, "requestMethod", h->method);
	if (h->user_agent != NULL)
		fmt_cef_str(x, "requestClientApplication", h->user_agent);
}

/* Rule metadata as one text, "key=value" pairs joined by ','. */
static void fmt_cef_metadata(struct fmt_cef_ext *x, const struct event_alert *a)
{
	struct strbuf text;
	size_t i;

	if (a->n_metadata == 0)
		return;
	strbuf_init(&text);
	for (i = 0; i < a->n_metadata; i++) {
		if (i > 0)
			strbuf_addc(&text, ',');
		strbuf_adds(&text, a->metadata[i].key);
		strbuf_addc(&text, '=');
		strbuf_adds(&text, a->metadata[i].value);
	}
	fmt_cef_custom(x, "cs2", strbuf_str(&text), "Rule Metadata");
	strbuf_free(&text);
}

/*
 * Alert severity (1 most severe) onto CEF's 0-10, one step per ArcSight
 * band: 1 Very-High, 2 High, 3 Medium, the rest Low.  The syslog
 * severity follows the same steps: crit, err, warning, notice.
 */
static int fmt_cef_alert_severity(uint8_t severity)
{
	return severity <= 1 ? 10 : severity == 2 ? 7 : severity == 3 ? 5 : 3;
}

static int fmt_cef_alert_syslog_severity(uint8_t severity)
{
	return severity <= 1 ? 2 : severity == 2 ? 3 : severity == 3 ? 4 : 5;
}

static bool fmt_cef_alert(const struct fmt_cef_settings *s,
			  const struct event *ev, struct strbuf *out)
{
	const struct event_alert *a = &ev->u.alert;
	const struct event_conn *c = &ev->conn;
	struct fmt_cef_ext x = { .out = out };
	int64_t us = simclock_unix_us(s->clock, ev->time);
	bool back;
	char num[4], sid[16], rule[48], addr[EVENT_ADDR_STRLEN];
	const char *app = fmt_cef_app_name(c->app);

	if (s->vendor == NULL || s->product == NULL || s->version == NULL ||
	    us < 0 ||
	    !fmt_cef_syslog_header(s, ev, fmt_cef_alert_syslog_severity(a->severity),
				   out))
		return false;
	snprintf(sid, sizeof sid, "%" PRIu32, a->sid);
	strbuf_adds(out, "CEF:0|");
	fmt_cef_header_field(out, s->vendor);
	fmt_cef_header_field(out, s->product);
	fmt_cef_header_field(out, s->version);
	fmt_cef_header_field(out, sid);
	fmt_cef_header_field(out, a->signature != NULL ? a->signature : "");
	strbuf_addf(out, "%d|", fmt_cef_alert_severity(a->severity));
	fmt_cef_uint(&x, "rt", (uint64_t)(us / 1000));
	back = ev->dir == EVENT_FROM_RESP;
	fmt_cef_addr(&x, true, event_conn_addr(c, !back, EVENT_ADDR_COMPRESSED, addr));
	if (c->proto == NET_PROTO_TCP || c->proto == NET_PROTO_UDP)
		fmt_cef_uint(&x, "spt", back ? c->resp_port : c->orig_port);
	fmt_cef_addr(&x, false, event_conn_addr(c, back, EVENT_ADDR_COMPRESSED, addr));
	if (c->proto == NET_PROTO_TCP || c->proto == NET_PROTO_UDP)
		fmt_cef_uint(&x, "dpt", back ? c->orig_port : c->resp_port);
	fmt_cef_str(&x, "proto", fmt_cef_proto_name(c->proto, num));
	fmt_cef_str(&x, "act", a->blocked ? "blocked" : "allowed");
	fmt_cef_str(&x, "cat", a->category != NULL ? a->category : "");
	if (app != NULL)
		fmt_cef_str(&x, "app", app);
	if (a->http != NULL)
		fmt_cef_http(&x, a->http);
	snprintf(rule, sizeof rule, "%" PRIu32 ":%" PRIu32 ":%" PRIu32,
		 a->gid, a->sid, a->rev);
	fmt_cef_custom(&x, "cs1", rule, "Rule");
	fmt_cef_metadata(&x, a);
	return true;
}

/*
 * FortiOS's CEF names for its log fields, from the mapping tables and
 * examples of the FortiOS Log Message Reference ("Traffic log support
 * for CEF" and its antivirus, web filter and IPS companions), as the
 * 5.6 example in shared/formats/cef uses them.  A field not listed keeps
 * its name behind the FTNTFGT prefix; a label makes a custom field pair.
 */
static const struct {
	const char *key, *cef, *label;
} fmt_cef_fortigate_names[] = {
	{ "devid", "deviceExternalId", NULL },
	{ "srcport", "spt", NULL },
	{ "srcintf", "deviceInboundInterface", NULL },
	{ "dstport", "dpt", NULL },
	{ "dstintf", "deviceOutboundInterface", NULL },
	{ "sessionid", "externalId", NULL },
	{ "proto", "proto", NULL },
	{ "action", "act", NULL },
	{ "policyid", "cs5", "Policy Id" },
	{ "service", "app", NULL },
	{ "transip", "sourceTranslatedAddress", NULL },
	{ "transport", "sourceTranslatedPort", NULL },
	{ "duration", "cn1", "Duration" },
	{ "sentbyte", "out", NULL },
	{ "rcvdbyte", "in", NULL },
	{ "sentpkt", "cn2", "Packets Sent" },
	{ "rcvdpkt", "cn3", "Packets Received" },
	{ "msg", "msg", NULL },
	{ "hostname", "dhost", NULL },
	{ "url", "request", NULL },
	{ "filename", "fname", NULL },
	{ "ref", "cs2", "Reference" },
};

/* FortiOS levels as its CEF examples grade them ("reversed level"):
 * information 2, notice 3, warning 4, alert 7. */
static bool fmt_cef_fortigate_severity(const char *level, int *severity)
{
	static const struct {
		const char *level;
		int severity;
	} levels[] = {
		{ "information", 2 }, { "notice", 3 }, { "warning", 4 }, { "alert", 7 },
	};
	size_t i;

	for (i = 0; i < sizeof levels / sizeof levels[0]; i++) {
		if (strcmp(levels[i].level, level) == 0) {
			*severity = levels[i].severity;
			return true;
		}
	}
	return false;
}

/* One FortiOS field, named and valued as FortiOS's CEF mode sends it. */
static void fmt_cef_fortigate_field(struct fmt_cef_ext *x,
				    const struct fmt_fortigate_log *log, size_t i)
{
	const char *key = log->fields[i].key;
	const char *value = fmt_fortigate_value(log, i);
	char prefixed[40];
	size_t k;

	/* The syslog header carries the time and the device's name. */
	if (strcmp(key, "date") == 0 || strcmp(key, "time") == 0 ||
	    strcmp(key, "devname") == 0)
		return;
	if (strcmp(key, "type") == 0) {
		fmt_cef_key(x, "cat");
		fmt_cef_escape(x->out, log->type);
		strbuf_addc(x->out, ':');
		fmt_cef_escape(x->out, log->subtype);
		return;
	}
	/* deviceDirection is 0 inbound, 1 outbound (the IPS and
	 * application-control examples). */
	if (strcmp(key, "direction") == 0) {
		fmt_cef_uint(x, "deviceDirection", strcmp(value, "outgoing") == 0);
		return;
	}
	if (strcmp(key, "srcip") == 0 || strcmp(key, "dstip") == 0) {
		fmt_cef_addr(x, key[0] == 's', value);
		return;
	}
	for (k = 0; k < sizeof fmt_cef_fortigate_names / sizeof fmt_cef_fortigate_names[0]; k++) {
		if (strcmp(fmt_cef_fortigate_names[k].key, key) != 0)
			continue;
		if (fmt_cef_fortigate_names[k].label != NULL)
			fmt_cef_custom(x, fmt_cef_fortigate_names[k].cef, value,
				       fmt_cef_fortigate_names[k].label);
		else
			fmt_cef_str(x, fmt_cef_fortigate_names[k].cef, value);
		return;
	}
	snprintf(prefixed, sizeof prefixed, "FTNTFGT%s", key);
	fmt_cef_str(x, prefixed, value);
}

static bool fmt_cef_nat_key(const char *key)
{
	return strcmp(key, "trandisp") == 0 || strcmp(key, "transip") == 0 ||
	       strcmp(key, "transport") == 0;
}

static bool fmt_cef_fortigate_line(const struct fmt_cef_settings *s,
				   const struct event *ev,
				   const struct fmt_fortigate_log *log,
				   struct strbuf *out)
{
	struct fmt_cef_ext x = { .out = out };
	bool traffic = strcmp(log->type, "traffic") == 0;
	size_t i, service = log->n;
	int severity, syslog_severity;

	if (s->version == NULL ||
	    !fmt_cef_fortigate_severity(log->level, &severity) ||
	    !fmt_fortigate_level_severity(log->level, &syslog_severity) ||
	    !fmt_cef_syslog_header(s, ev, syslog_severity, out))
		return false;
	strbuf_adds(out, "CEF:0|");
	fmt_cef_header_field(out, "Fortinet");
	fmt_cef_header_field(out, "Fortigate");
	fmt_cef_header_field(out, s->version);
	fmt_cef_header_field(out, log->logid + strlen(log->logid) - 5);
	strbuf_adds(out, log->type);
	strbuf_addc(out, ':');
	strbuf_adds(out, log->subtype);
	if (log->eventtype != NULL) {
		strbuf_addc(out, ' ');
		strbuf_adds(out, log->eventtype);
	}
	strbuf_addc(out, ' ');
	strbuf_adds(out, log->action);
	strbuf_addf(out, "|%d|", severity);
	for (i = 0; i < log->n; i++) {
		const char *key = log->fields[i].key;

		/* A traffic log's service comes after the NAT fields in
		 * FortiOS's CEF (app=HTTP after sourceTranslatedPort in the
		 * example), not where the key=value log has it. */
		if (traffic && strcmp(key, "service") == 0) {
			service = i;
			continue;
		}
		fmt_cef_fortigate_field(&x, log, i);
		if (service < log->n && fmt_cef_nat_key(key) &&
		    (i + 1 == log->n || !fmt_cef_nat_key(log->fields[i + 1].key))) {
			fmt_cef_fortigate_field(&x, log, service);
			service = log->n;
		}
	}
	return true;
}

static bool fmt_cef_fortigate(const struct fmt_cef_settings *s,
			      const struct event *ev, struct strbuf *out)
{
	struct fmt_fortigate_log log;
	bool ok;

	ok = fmt_fortigate_build(s->fortigate, ev, &log) == EVENT_RENDERED &&
	     fmt_cef_fortigate_line(s, ev, &log, out);
	fmt_fortigate_log_free(&log);
	return ok;
}

enum event_render fmt_cef_render(const struct fmt_cef_settings *s,
				 const struct event *ev, struct strbuf *out)
{
	size_t mark = out->len;
	bool ok;

	if (ev->kind == EVENT_ALERT) {
		ok = fmt_cef_alert(s, ev, out);
	} else if ((ev->kind == EVENT_FLOW || ev->kind == EVENT_UTM) &&
		   s->fortigate != NULL) {
		ok = fmt_cef_fortigate(s, ev, out);
	} else {
		return EVENT_NOT_RENDERED;
	}
	if (!ok) {
		strbuf_truncate(out, mark);
		return EVENT_BAD;
	}
	strbuf_addc(out, '\n');
	return EVENT_RENDERED;
}
