/*
 * fmt_cef.h - ArcSight Common Event Format (CEF:0) lines, for two kinds
 * of device: the district "APT sensor" appliances, which report IDS
 * alerts (EVENT_ALERT) as CEF, and a FortiGate whose syslog mode is CEF,
 * which sends its traffic and UTM logs (EVENT_FLOW, EVENT_UTM) that way.
 *
 * A line is "CEF:0|Vendor|Product|Version|Class ID|Name|Severity|" and the
 * extension, optionally after the RFC 3164 header "<PRI>Mmm dd hh:mm:ss
 * host " (English month, day padded with a space, the drill's +07:00
 * clock).  Escaping follows the CEF rules: in the header a '\' or '|'
 * gets a backslash; in the extension a '\' or '=' gets one and line
 * breaks are written \n and \r, while '|' is left alone.  A header field
 * cannot hold a line break, so one becomes a space there.  The trailing
 * '|' stays when the extension is empty.
 *
 * Alerts: Class ID is the signature id, Name the signature, Severity
 * from the alert's (1 -> 10, 2 -> 7, 3 -> 5, 4 and beyond -> 3), then
 * rt (Unix milliseconds), the packet's src spt dst dpt, proto, act, cat,
 * the HTTP request when the alert has one, cs1 the rule (gid:sid:rev)
 * and cs2 its metadata.  Over syslog an alert's severity is crit, err,
 * warning or notice by the same steps.
 *
 * FortiGate logs are fmt_fortigate's, sent the way FortiOS's CEF mode
 * sends them (Fortinet's "Traffic log support for CEF", the example in
 * shared/formats/cef): Class ID the last five digits of logid, Name
 * "type:subtype [eventtype] action", Severity from the level; each field
 * in the key=value order, unquoted, renamed to its CEF key where Fortinet
 * maps one (srcip -> src, policyid -> cs5 "Policy Id", …) and prefixed
 * FTNTFGT where it does not.  date, time and devname are left to the
 * syslog header, devid becomes deviceExternalId, and a traffic log's
 * service (app) moves after the NAT fields, where the example has it.
 * Over syslog the PRI carries the level.
 *
 * Rendering is a pure function of the record and the settings.  Depends
 * on event, fmt_fortigate, simclock, strbuf, ipaddr.
 */
#ifndef FMT_CEF_H
#define FMT_CEF_H

#include <stdbool.h>

#include "event.h"
#include "fmt_fortigate.h"
#include "simclock.h"
#include "strbuf.h"

struct fmt_cef_settings {
	const struct simclock *clock; /* the drill's epoch */
	/* The RFC 3164 header before "CEF:": on or off, the facility by
	 * name as fmt_fortigate_facility_code() reads it (NULL: local7),
	 * and the host it names (NULL: the FortiGate's devname). */
	bool syslog_header;
	const char *facility;
	const char *host;
	/* The header's Device Vendor and Product for alerts, and the Device
	 * Version for every line ("v7.2.5" on a FortiGate). */
	const char *vendor, *product, *version;
	/* A FortiGate in CEF mode: flows and UTM verdicts are its logs;
	 * NULL: the device writes none. */
	const struct fmt_fortigate_settings *fortigate;
};

/*
 * Append one CEF line for ev, newline included.  Renders EVENT_ALERT, and
 * EVENT_FLOW and EVENT_UTM when the settings name a FortiGate; other
 * kinds give EVENT_NOT_RENDERED.  EVENT_BAD, out unchanged, when the
 * record or the settings cannot make a line: a time out of range, a
 * missing vendor, product, version or host, an unknown facility, or
 * anything fmt_fortigate refuses.
 */
enum event_render fmt_cef_render(const struct fmt_cef_settings *s,
				 const struct event *ev, struct strbuf *out);

#endif
