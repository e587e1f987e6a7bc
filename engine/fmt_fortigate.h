/*
 * fmt_fortigate.h - FortiGate (FortiOS 7.x) key=value logs: a firewall
 * session (EVENT_FLOW) as a "traffic" log, a security profile's verdict
 * (EVENT_UTM) as a "utm" log of subtype ips, virus or webfilter.
 *
 * A line is what a FortiGate sends to a syslog server in its default mode:
 * optionally "<PRI>" and then the body, with no RFC 3164 timestamp or
 * host.  The body starts date= time= (device local time, the drill's
 * +07:00 clock), devname devid, eventtime (Unix nanoseconds, 19 digits)
 * and tz="+0700", then logid type subtype [eventtype] level vd, as FortiOS
 * 7.x devices send it; the keys after that follow the order of Fortinet's
 * reference examples in shared/formats/fortigate.  Each key is quoted or
 * bare as in those examples: text in double quotes, numbers and addresses
 * bare.  Inside quotes a '"' or '\' gets a backslash and control bytes are
 * written \n, \r or \xNN, so every value stays on its line and inside its
 * quotes; UTF-8 passes through.
 *
 * Identifiers are pure functions of the record: the sessionid is the
 * settings' session_base plus the connection serial, so the traffic log
 * and every UTM log of one session carry the same sessionid, as FortiOS's
 * do.  Nothing is kept between calls.
 *
 * fmt_fortigate_build() exposes the log as an ordered list of fields
 * before it is written, so that fmt_cef can send the same log as FortiOS
 * does in CEF mode.  Depends on event, simclock, strbuf, ipaddr, xmalloc.
 */
#ifndef FMT_FORTIGATE_H
#define FMT_FORTIGATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "event.h"
#include "simclock.h"
#include "strbuf.h"

/* An interface of the firewall, as FortiOS names it and its role. */
struct fmt_fortigate_iface {
	const char *name; /* "internal", "port1", "wan1" */
	const char *role; /* "lan", "wan", "dmz" or "undefined" */
};

/* Addresses reached through an interface (index into ifaces). */
struct fmt_fortigate_route {
	uint32_t addr;
	int prefix;
	size_t iface;
};

/* What the firewall's GeoIP database says of a prefix. */
struct fmt_fortigate_country {
	uint32_t addr;
	int prefix;
	const char *name; /* "Vietnam", "Germany" */
};

struct fmt_fortigate_settings {
	const struct simclock *clock; /* the drill's epoch */
	const char *devname;          /* hostname, "FGT-UBND-BD" */
	const char *devid;            /* serial: 16 characters, "FG…" */
	const char *vdom;             /* "root" */
	/* "<PRI>" before the body, as in the default syslog mode; the
	 * facility is FortiOS's name for it, NULL for FortiOS's default,
	 * "local7". */
	bool pri;
	const char *facility;
	/*
	 * Where addresses sit: the longest route containing an address names
	 * its interface; wan_iface takes everything else (the Internet).
	 * The firewall's own addresses make a session "local": traffic to or
	 * from the firewall itself, logged against the vdom as interface.
	 * Routes and own addresses are IPv4: IPv6 unique-local addresses
	 * (fc00::/7) sit behind ipv6_local_iface, all other IPv6 behind
	 * wan_iface, and every IPv6 address has the country "Reserved".
	 */
	const struct fmt_fortigate_iface *ifaces;
	size_t n_ifaces;
	size_t wan_iface;
	size_t ipv6_local_iface;
	const struct fmt_fortigate_route *routes;
	size_t n_routes;
	const uint32_t *own_ips;
	size_t n_own_ips;
	/* GeoIP: the longest matching prefix names the country of a public
	 * address.  Private and other special-purpose addresses are
	 * "Reserved", as FortiOS writes them; so is a public address no
	 * entry covers, the drill having given it no country. */
	const struct fmt_fortigate_country *countries;
	size_t n_countries;
	/* The device's session counter when the drill started; sessionid is
	 * this plus the connection serial, modulo 2^32. */
	uint32_t session_base;
	/* Security profile names written as profile=; NULL: not written. */
	const char *ips_profile, *av_profile, *webfilter_profile;
};

/* One key=value of a log, in device order.  The value lives in the log's
 * buffer: fmt_fortigate_value() reads it. */
struct fmt_fortigate_field {
	const char *key;
	size_t off;  /* into values, NUL-terminated there */
	bool quoted; /* text: written in double quotes */
};

/* More than any log here writes (a traffic log has about forty). */
#define FMT_FORTIGATE_MAX_FIELDS 64

/* A log before it is written: fields in order, values in one buffer. */
struct fmt_fortigate_log {
	struct fmt_fortigate_field fields[FMT_FORTIGATE_MAX_FIELDS];
	size_t n;
	struct strbuf values;
	const char *level;      /* "notice", "warning", "alert" */
	const char *type;       /* "traffic", "utm" */
	const char *subtype;    /* "forward", "local", "ips", … */
	const char *eventtype;  /* "signature", …; NULL for traffic */
	const char *action;     /* the action= value */
	const char *logid;      /* "0000000013" */
};

/*
 * Append one log line for ev, newline included.  Renders EVENT_FLOW and
 * EVENT_UTM; other kinds give EVENT_NOT_RENDERED.  EVENT_BAD, out
 * unchanged, when the record or the settings cannot make a log: no
 * connection serial, a time out of range, a flow ending before it starts,
 * byte counters smaller than the packets' headers (a TCP packet is at
 * least 40 bytes, UDP and ICMP 28), an IPS severity outside 1-5, a devid
 * that is not 16 characters starting "FG", an unknown facility.
 */
enum event_render fmt_fortigate_render(const struct fmt_fortigate_settings *s,
				       const struct event *ev,
				       struct strbuf *out);

/*
 * The same log as fields, into log, which the caller releases with
 * fmt_fortigate_log_free() whatever the result; the values are not
 * escaped.  Same results as fmt_fortigate_render().
 */
enum event_render fmt_fortigate_build(const struct fmt_fortigate_settings *s,
				      const struct event *ev,
				      struct fmt_fortigate_log *log);
void fmt_fortigate_log_free(struct fmt_fortigate_log *log);

/* The value of field i, and the value of key (NULL when absent). */
const char *fmt_fortigate_value(const struct fmt_fortigate_log *log, size_t i);
const char *fmt_fortigate_get(const struct fmt_fortigate_log *log,
			      const char *key);

/* The sessionid of a connection, as every log of it prints it. */
uint32_t fmt_fortigate_sessionid(const struct fmt_fortigate_settings *s,
				 const struct event_conn *conn);

/*
 * The syslog facility code of a FortiOS facility name ("local7" is 23;
 * NULL means "local7"), and the syslog severity of a FortiOS level
 * ("notice" is 5).  False for a name FortiOS does not know.
 */
bool fmt_fortigate_facility_code(const char *name, int *code);
bool fmt_fortigate_level_severity(const char *level, int *severity);

#endif
