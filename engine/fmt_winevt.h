/*
 * fmt_winevt.h - Windows event logs: the Security channel (Microsoft-
 * Windows-Security-Auditing) and Sysmon's Operational channel, one record
 * in, one event out, written either as the Event XML that EvtRender gives
 * (what wevtutil and Winlogbeat read) or as the JSON document Winlogbeat
 * ships.
 *
 * What each channel writes:
 *   Security  EVENT_LOGON    SUCCESS 4624 (v2), FAILURE 4625, EXPLICIT
 *                            4648, PRIVILEGED 4672, TGT 4768, NTLM 4776
 *             EVENT_PROCESS  4688 (v2)
 *             EVENT_ACCOUNT  4720
 *   Sysmon    EVENT_PROCESS  1, process create (v5)
 *   (4.90)    EVENT_FLOW     3, network connection (v5), when the record
 *                            names the process (ev->process.pid), TCP/UDP
 *             EVENT_FILE     11, file created (v2), no connection
 *                            (conn.serial 0)
 *             EVENT_DNS      22, DNS query (v5), the host's own lookup
 *                            (ev->process.pid), written once it is
 *                            answered: the response record
 * Every other record, and every record of a host whose operating system
 * is not Windows, gives EVENT_NOT_RENDERED.  Each event carries every
 * <Data> of its template in template order, empty ones included; the
 * templates are those of the real events (Security) and of the Sysmon
 * 4.90 manifest.
 *
 * XML: one event per line, single quotes, no whitespace between elements,
 * GUIDs in lower case, TimeCreated in UTC with seven fraction digits.
 * Values are escaped as EvtRender escapes them (& < > ' " as entities,
 * CR as &#xD;) with two deliberate differences, so that a file stays one
 * event per line and valid XML: LF is written &#xA; (EvtRender writes it
 * raw; a parser reads the same character either way), and the control
 * characters XML 1.0 forbids, which EvtRender writes raw, become the six
 * characters "\u00XX" that Winlogbeat puts in their place before it
 * parses.  Bytes that are not UTF-8 become U+FFFD, as converting them to
 * Windows' UTF-16 would.  Windows paths keep single backslashes.
 *
 * JSON: one document per line, keys in the order Winlogbeat's golden
 * files show (sorted), "@timestamp" with seven fraction digits,
 * event.code and winlog.event_id as strings, every winlog.event_data
 * value a string (empty values left out, as Winlogbeat leaves them out),
 * winlog.record_id, process.pid, thread.id and version as numbers
 * (version left out when 0, as Winlogbeat does), winlog.user for events
 * whose System names a user (Sysmon), the English message with %%NNNN
 * insertion strings resolved, and agent, ecs, host and event.created as
 * shipped documents carry them.  Values are the text the XML carries
 * (so "\u00XX" for the forbidden control characters), JSON-escaped:
 * quote, backslash, \n, \r, \t; backslashes come out doubled.
 *
 * Everything a real log prints that the record does not hold is a pure
 * function of the record and the settings: the computer account and its
 * name, SIDs (a domain SID from id_seed, RIDs from the account's place in
 * the network model), lsass's and Sysmon's process ids and the writing
 * thread (from the host's name), Sysmon's ProcessGuid and LogonGuid (a
 * machine-GUID prefix from the host's name, a start time, the pid or
 * logon id, laid out as Sysmon lays them out), Winlogbeat's agent ids.
 * Rendering keeps no state and reads no clock.  Depends on event, net,
 * simclock, strbuf, ipaddr.
 */
#ifndef FMT_WINEVT_H
#define FMT_WINEVT_H

#include <stdint.h>

#include "event.h"
#include "net.h"
#include "simclock.h"
#include "strbuf.h"

enum fmt_winevt_style {
	FMT_WINEVT_XML,  /* Event XML as EvtRender renders it */
	FMT_WINEVT_JSON, /* the document Winlogbeat ships */
};

enum fmt_winevt_channel {
	FMT_WINEVT_SECURITY, /* Security */
	FMT_WINEVT_SYSMON,   /* Microsoft-Windows-Sysmon/Operational */
};

/*
 * Facts a Windows log prints about one record that struct event does not
 * hold.  The caller sets them before each call, as it alone knows the
 * state of the simulated machines; rendering stays a pure function of
 * its arguments.
 *
 * record_id is the EventRecordID: a log numbers its records from 1, one
 * counter per channel and host, so the caller keeps one counter per
 * (channel, host), passes counter + 1, and advances the counter when the
 * call returns EVENT_RENDERED.  0 is no record number: EVENT_BAD.
 *
 * Sysmon's ProcessGuid embeds the process's start time.  EVENT_PROCESS
 * records start their process at ev->time; for the process that acts in
 * any other record (the one that connected, wrote, looked up) the caller
 * gives process_start, and parent_start for the parent of a new process.
 * Giving the start of the matching EVENT_PROCESS makes every event of
 * one process carry one ProcessGuid.  0 is the drill's start, the right
 * value for processes that were already running.
 */
struct fmt_winevt_record {
	uint64_t record_id;
	sim_time_t process_start; /* start of ev->process (not EVENT_PROCESS) */
	sim_time_t parent_start;  /* EVENT_PROCESS: start of the parent */
	/* 4648: the account running the process that used the credentials,
	 * NULL: the computer account (SYSTEM).  The record names only the
	 * account whose credentials were used. */
	const char *subject_user;
	/* The acting account's logon session where the record has none:
	 * 4648's subject, 4720's creator, and the creator of a 4688 process
	 * started as another user (process_start.parent_user). */
	uint64_t subject_logon_id;
};

struct fmt_winevt_settings {
	const struct simclock *clock; /* the drill's epoch */
	const struct net *net;        /* ev->host indexes net->hosts */
	enum fmt_winevt_style style;
	enum fmt_winevt_channel channel;
	uint64_t id_seed;             /* domain SID, machine GUIDs, agent ids */
	const char *domain;           /* NetBIOS domain, "BINHDUONG": the
				       * computer's and accounts' when the
				       * record names none */
	const char *dns_suffix;       /* Computer is host + "." + this;
				       * NULL or "": the bare host name */
	/* JSON only: the shipping agent.  NULL versions are left out. */
	const char *agent_version;    /* Winlogbeat's, "8.11.4" */
	const char *ecs_version;      /* "8.0.0" */
	sim_time_t read_delay;        /* event.created = ev->time + this */
	struct fmt_winevt_record record; /* this call's record (above) */
};

/* "{" + 36 + "}" + NUL */
#define FMT_WINEVT_GUID_SIZE 39

/*
 * Append the event for ev, newline included, to out.  EVENT_NOT_RENDERED
 * for records the channel does not log (see above) and for hosts that do
 * not run Windows; EVENT_BAD, out unchanged, when the record cannot be
 * written: no network, a host index outside it, record_id 0, a time out
 * of range.
 */
enum event_render fmt_winevt_render(const struct fmt_winevt_settings *s,
				    const struct event *ev, struct strbuf *out);

/* The EventID ev becomes on s's channel (4624, 22, …), 0 if none.  It
 * looks at the record only, not at the host's operating system. */
unsigned fmt_winevt_event_id(const struct fmt_winevt_settings *s,
			     const struct event *ev);

/*
 * Sysmon's ProcessGuid of process pid started at start on host, in lower
 * case: {machine prefix-start time low-start time high-0000-0010 + pid},
 * the layout of Sysmon's own GUIDs; all zeros for pid 0.
 */
void fmt_winevt_process_guid(const struct fmt_winevt_settings *s, int host,
			     uint32_t pid, sim_time_t start,
			     char out[FMT_WINEVT_GUID_SIZE]);

#endif
