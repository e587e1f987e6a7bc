#include "fmt_winevt.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ipaddr.h"

#define WINEVT_NS "http://schemas.microsoft.com/win/2004/08/events/event"
/* The largest template, 4624 version 2, has 27 fields. */
#define WINEVT_MAX_FIELDS 32
/* "S-1-5-21-" and three 32-bit numbers, "-" and a RID. */
#define WINEVT_SID_SIZE 64
/* A NetBIOS computer name is at most 15 characters; its account adds '$'. */
#define WINEVT_NETBIOS_MAX 15
/* "2023-11-08T02:05:02.1234560Z" */
#define WINEVT_TIME_SIZE 32

/* Domain tags for event_derive_id, ASCII packed. */
#define WINEVT_ID_HOST UINT64_C(0x77696e686f7374)      /* "winhost" */
#define WINEVT_ID_THREAD UINT64_C(0x77696e74687264)    /* "winthrd" */
#define WINEVT_ID_DOMAIN UINT64_C(0x77696e64736964)    /* "windsid" */
#define WINEVT_ID_RID UINT64_C(0x77696e726964)         /* "winrid" */
#define WINEVT_ID_KERBEROS UINT64_C(0x77696e6b7262)    /* "winkrb" */
#define WINEVT_ID_AGENT UINT64_C(0x776c626167656e74)   /* "wlbagent" */
#define WINEVT_ID_EPHEMERAL UINT64_C(0x776c62657068)   /* "wlbeph" */

/* Sysmon marks the kind of GUID in its third 32-bit word. */
#define WINEVT_GUID_PROCESS UINT32_C(0x10000000)
#define WINEVT_GUID_LOGON UINT32_C(0x20000000)

/* What one channel writes in every event's System element. */
struct winevt_channel {
	const char *provider, *guid, *name;
	unsigned level;
	const char *user_sid; /* Security UserID, NULL: <Security/> */
};

static const struct winevt_channel winevt_security = {
	"Microsoft-Windows-Security-Auditing",
	"{54849625-5478-4994-a5ba-3e3b0328c30d}", "Security", 0, NULL,
};

static const struct winevt_channel winevt_sysmon = {
	"Microsoft-Windows-Sysmon", "{5770385f-c22a-43e0-bf4c-06f5698ffbd9}",
	"Microsoft-Windows-Sysmon/Operational", 4, "S-1-5-18",
};

struct winevt_field {
	const char *name;
	size_t at; /* the NUL-terminated value's offset in winevt.text */
};

struct winevt_def;

/* One event being built: the record, its host, and its <Data> fields. */
struct winevt {
	const struct fmt_winevt_settings *s;
	const struct event *ev;
	const struct net_host *host;
	const struct winevt_def *def;
	const struct winevt_channel *channel;
	bool failure;      /* Security: an audit failure */
	uint32_t exec_pid; /* Execution ProcessID: the process that logs */
	struct winevt_field fields[WINEVT_MAX_FIELDS];
	size_t n;
	struct strbuf text;     /* the values, each NUL-terminated */
	struct strbuf tmp;      /* scratch for values built in parts */
	struct strbuf computer; /* host name and DNS suffix */
};

/* One event ID as its channel defines it. */
struct winevt_def {
	unsigned id, version, task;
	const char *task_name; /* Winlogbeat's winlog.task and event.action */
	/* Security: the English message, {Field} standing for a value and
	 * {Field:U} for a hex value printed in upper case.  Sysmon: the
	 * message's title; its lines are "Field: value". */
	const char *message;
	void (*build)(struct winevt *w);
};

/* ---- Values ------------------------------------------------------------ */

/*
 * The text a reader of a real log gets for s: valid UTF-8 as it is, a
 * byte that starts no character as U+FFFD (what the conversion to
 * Windows' UTF-16 gives), and a control character XML cannot carry as
 * the six characters "\u00XX" that Winlogbeat substitutes for it.  TAB,
 * LF and CR stay; the writers escape them.
 */
static void winevt_clean(struct strbuf *out, const char *s)
{
	size_t n = strlen(s), i, k;

	for (i = 0; i < n; i += k) {
		unsigned char c = (unsigned char)s[i];

		k = event_utf8_char_len(s + i, n - i);
		if (k == 0) {
			strbuf_adds(out, "\xef\xbf\xbd");
			k = 1;
		} else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
			strbuf_addf(out, "\\u%04x", c);
		} else {
			strbuf_add(out, s + i, k);
		}
	}
}

/* Add the next <Data> field; NULL is written "-", Windows' "none". */
static void winevt_put(struct winevt *w, const char *name, const char *value)
{
	if (w->n == WINEVT_MAX_FIELDS)
		return; /* no template is that long */
	w->fields[w->n].name = name;
	w->fields[w->n].at = w->text.len;
	w->n++;
	winevt_clean(&w->text, value != NULL ? value : "-");
	strbuf_addc(&w->text, '\0');
}

static void winevt_putf(struct winevt *w, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void winevt_putf(struct winevt *w, const char *name, const char *fmt, ...)
{
	char buf[96];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	winevt_put(w, name, buf);
}

/* The value built in w->tmp. */
static void winevt_put_tmp(struct winevt *w, const char *name)
{
	winevt_put(w, name, strbuf_str(&w->tmp));
}

static void winevt_put_hex(struct winevt *w, const char *name, uint64_t v)
{
	winevt_putf(w, name, "0x%llx", (unsigned long long)v);
}

static void winevt_put_uint(struct winevt *w, const char *name, uint64_t v)
{
	winevt_putf(w, name, "%llu", (unsigned long long)v);
}

static const char *winevt_value(const struct winevt *w, size_t i)
{
	return w->text.buf + w->fields[i].at;
}

/* ---- Names, ids and GUIDs derived from the record ------------------- */

/* FNV-1a over the ASCII-lower-cased name: Windows names ignore case. */
static uint64_t winevt_name_hash(const char *s)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		h = (h ^ c) * UINT64_C(0x100000001b3);
	}
	return h;
}

static uint64_t winevt_host_key(const struct fmt_winevt_settings *s,
				const struct net_host *h)
{
	return event_derive_id(s->id_seed, winevt_name_hash(h->name),
			       WINEVT_ID_HOST);
}

/* Windows process and thread ids are multiples of four; lsass starts
 * early in boot (a few hundred), Sysmon's service later. */
static uint32_t winevt_lsass_pid(const struct winevt *w)
{
	return 4 * (128 + (uint32_t)(winevt_host_key(w->s, w->host) % 64));
}

static uint32_t winevt_sysmon_pid(const struct winevt *w)
{
	return 4 * (512 + (uint32_t)((winevt_host_key(w->s, w->host) >> 16) % 1024));
}

static uint32_t winevt_thread_id(const struct winevt *w)
{
	uint64_t x = event_derive_id(w->s->id_seed,
				     winevt_host_key(w->s, w->host) ^ w->s->record.record_id,
				     WINEVT_ID_THREAD);

	return 4 * (64 + (uint32_t)(x % 2048));
}

/* Unix seconds of t as Sysmon keeps them, in 32 bits; 0 before 1970. */
static uint32_t winevt_unix_seconds(const struct simclock *c, sim_time_t t)
{
	int64_t us = simclock_unix_us(c, t);

	return us < 0 ? 0 : (uint32_t)(us / SIM_SECOND);
}

/*
 * A GUID laid out as Sysmon lays out its own: the first 32 bits of the
 * machine GUID, the start time in Unix seconds as the two 16-bit groups
 * (low half first), then two little-endian 32-bit words, the kind
 * (process or logon, with the logon id's high half) and the pid or the
 * logon id's low half.
 */
static void winevt_sysmon_guid(uint32_t machine, uint32_t secs, uint32_t kind,
			       uint32_t low, char out[FMT_WINEVT_GUID_SIZE])
{
	snprintf(out, FMT_WINEVT_GUID_SIZE,
		 "{%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x}",
		 (unsigned)machine, (unsigned)(secs & 0xffff), (unsigned)(secs >> 16),
		 (unsigned)(kind & 0xff), (unsigned)((kind >> 8) & 0xff),
		 (unsigned)((kind >> 16) & 0xff), (unsigned)(kind >> 24),
		 (unsigned)(low & 0xff), (unsigned)((low >> 8) & 0xff),
		 (unsigned)((low >> 16) & 0xff), (unsigned)(low >> 24));
}

static const char winevt_zero_guid[] = "{00000000-0000-0000-0000-000000000000}";

void fmt_winevt_process_guid(const struct fmt_winevt_settings *s, int host,
			     uint32_t pid, sim_time_t start,
			     char out[FMT_WINEVT_GUID_SIZE])
{
	uint32_t machine = 0;

	if (pid == 0) {
		memcpy(out, winevt_zero_guid, sizeof winevt_zero_guid);
		return;
	}
	if (s->net != NULL && host >= 0 && host < s->net->nhosts)
		machine = (uint32_t)(winevt_host_key(s, &s->net->hosts[host]) >> 32);
	winevt_sysmon_guid(machine, winevt_unix_seconds(s->clock, start),
			   WINEVT_GUID_PROCESS, pid, out);
}

static void winevt_put_process_guid(struct winevt *w, const char *name,
				    uint32_t pid, sim_time_t start)
{
	char guid[FMT_WINEVT_GUID_SIZE];

	fmt_winevt_process_guid(w->s, w->ev->host, pid, start, guid);
	winevt_put(w, name, guid);
}

/*
 * Sysmon's LogonGuid.  Records do not say when a session began, and every
 * event of one session must carry one GUID, so the logon time is the
 * drill's start: sessions the drill sees were, as a rule, open by then.
 */
static void winevt_put_logon_guid(struct winevt *w, const char *name,
				  uint64_t logon_id)
{
	char guid[FMT_WINEVT_GUID_SIZE];

	winevt_sysmon_guid((uint32_t)(winevt_host_key(w->s, w->host) >> 32),
			   winevt_unix_seconds(w->s->clock, 0),
			   WINEVT_GUID_LOGON | (uint32_t)(logon_id >> 32),
			   (uint32_t)logon_id, guid);
	winevt_put(w, name, guid);
}

/* A random-looking GUID from two 64-bit words, in lower case. */
static void winevt_format_guid(uint64_t a, uint64_t b, char out[FMT_WINEVT_GUID_SIZE])
{
	snprintf(out, FMT_WINEVT_GUID_SIZE, "{%08x-%04x-%04x-%04x-%012llx}",
		 (unsigned)(a >> 32), (unsigned)((a >> 16) & 0xffff),
		 (unsigned)(a & 0xffff), (unsigned)(b >> 48),
		 (unsigned long long)(b & UINT64_C(0xffffffffffff)));
}

/* The Kerberos logon GUID 4624 and 4648 print, which the KDC's events
 * share: one per (account, session). */
static void winevt_put_kerberos_guid(struct winevt *w, const char *name,
				     const char *user, uint64_t logon_id)
{
	char guid[FMT_WINEVT_GUID_SIZE];
	uint64_t key = winevt_name_hash(user != NULL ? user : "") ^ logon_id;

	winevt_format_guid(event_derive_id(w->s->id_seed, key, WINEVT_ID_KERBEROS),
			   event_derive_id(w->s->id_seed, key + 1, WINEVT_ID_KERBEROS),
			   guid);
	winevt_put(w, name, guid);
}

/* The domain's SID, S-1-5-21 and three numbers from the seed. */
static void winevt_domain_sid(const struct fmt_winevt_settings *s,
			      char out[WINEVT_SID_SIZE])
{
	snprintf(out, WINEVT_SID_SIZE, "S-1-5-21-%u-%u-%u",
		 (unsigned)(uint32_t)event_derive_id(s->id_seed, 1, WINEVT_ID_DOMAIN),
		 (unsigned)(uint32_t)event_derive_id(s->id_seed, 2, WINEVT_ID_DOMAIN),
		 (unsigned)(uint32_t)event_derive_id(s->id_seed, 3, WINEVT_ID_DOMAIN));
}

static void winevt_sid(const struct fmt_winevt_settings *s, uint32_t rid,
		       char out[WINEVT_SID_SIZE])
{
	char domain[WINEVT_SID_SIZE];

	winevt_domain_sid(s, domain);
	snprintf(out, WINEVT_SID_SIZE, "%.48s-%u", domain, (unsigned)rid);
}

/* The account's relative id: built-in ones as Windows numbers them, the
 * network model's accounts in their order from 1104, others hashed. */
static uint32_t winevt_rid(const struct fmt_winevt_settings *s, const char *name)
{
	int a;

	if (strcasecmp(name, "Administrator") == 0)
		return 500;
	if (strcasecmp(name, "Guest") == 0)
		return 501;
	if (strcasecmp(name, "krbtgt") == 0)
		return 502;
	a = net_account_find(s->net, name);
	if (a >= 0)
		return 1104 + (uint32_t)a;
	return 100000 + (uint32_t)(event_derive_id(s->id_seed, winevt_name_hash(name),
						   WINEVT_ID_RID) % 900000);
}

/* An account as the Security log names it. */
struct winevt_account {
	const char *name, *domain;
	char sid[WINEVT_SID_SIZE];
	char name_buf[WINEVT_NETBIOS_MAX + 2]; /* the computer account's name */
	bool admin;
};

static const struct {
	const char *name, *sid;
} winevt_well_known[] = {
	{ "SYSTEM", "S-1-5-18" },
	{ "LOCAL SERVICE", "S-1-5-19" },
	{ "NETWORK SERVICE", "S-1-5-20" },
	{ "ANONYMOUS LOGON", "S-1-5-7" },
};

static const char *winevt_or(const char *s, const char *fallback)
{
	return s != NULL && s[0] != '\0' ? s : fallback;
}

/* user in domain (NULL: the settings' domain); no user is the NULL SID. */
static void winevt_account(const struct winevt *w, const char *user,
			   const char *domain, struct winevt_account *a)
{
	size_t i;
	int account;

	memset(a, 0, sizeof *a);
	if (user == NULL || user[0] == '\0') {
		a->name = "-";
		a->domain = "-";
		memcpy(a->sid, "S-1-0-0", sizeof "S-1-0-0");
		return;
	}
	for (i = 0; i < sizeof winevt_well_known / sizeof winevt_well_known[0]; i++) {
		if (strcasecmp(user, winevt_well_known[i].name) == 0) {
			a->name = winevt_well_known[i].name;
			a->domain = "NT AUTHORITY";
			snprintf(a->sid, sizeof a->sid, "%s", winevt_well_known[i].sid);
			a->admin = i == 0;
			return;
		}
	}
	a->name = user;
	a->domain = winevt_or(domain, winevt_or(w->s->domain, "-"));
	winevt_sid(w->s, winevt_rid(w->s, user), a->sid);
	account = net_account_find(w->s->net, user);
	a->admin = account >= 0 && w->s->net->accounts[account].admin;
}

/* The computer's own account, "D1-PC-01$", as SYSTEM acts under it. */
static void winevt_computer_account(const struct winevt *w, struct winevt_account *a)
{
	size_t i;

	memset(a, 0, sizeof *a);
	for (i = 0; i < WINEVT_NETBIOS_MAX && w->host->name[i] != '\0'; i++) {
		char c = w->host->name[i];

		a->name_buf[i] = c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
	}
	a->name_buf[i] = '$';
	a->name = a->name_buf;
	a->domain = winevt_or(w->s->domain, "WORKGROUP");
	memcpy(a->sid, "S-1-5-18", sizeof "S-1-5-18");
	a->admin = true;
}

/* The computer account's logon session, SYSTEM's. */
#define WINEVT_SYSTEM_LOGON_ID 0x3e7

static void winevt_put_subject(struct winevt *w, const struct winevt_account *a,
			       uint64_t logon_id)
{
	winevt_put(w, "SubjectUserSid", a->sid);
	winevt_put(w, "SubjectUserName", a->name);
	winevt_put(w, "SubjectDomainName", a->domain);
	winevt_put_hex(w, "SubjectLogonId", logon_id);
}

/* Sysmon's User: "DOMAIN\name", "NT AUTHORITY\SYSTEM", "-" for none. */
static void winevt_put_sysmon_user(struct winevt *w, const char *name, const char *user)
{
	struct winevt_account a;

	if (user != NULL && strchr(user, '\\') != NULL) {
		winevt_put(w, name, user);
		return;
	}
	winevt_account(w, user, NULL, &a);
	if (strcmp(a.name, "-") == 0) {
		winevt_put(w, name, "-");
		return;
	}
	strbuf_reset(&w->tmp);
	strbuf_adds(&w->tmp, a.domain);
	strbuf_addc(&w->tmp, '\\');
	strbuf_adds(&w->tmp, a.name);
	winevt_put_tmp(w, name);
}

/* ---- Times -------------------------------------------------------------- */

/* EvtRender's SystemTime: UTC, 100-ns ticks, "2023-11-08T02:05:02.1234560Z". */
static bool winevt_system_time(const struct simclock *c, sim_time_t t,
			       char out[WINEVT_TIME_SIZE])
{
	char iso[SIMCLOCK_ISO_SIZE];
	size_t n;

	if (!simclock_format_utc(c, t, iso, sizeof iso))
		return false;
	n = strlen(iso); /* "...02.123456Z" */
	memcpy(out, iso, n - 1);
	out[n - 1] = '0';
	out[n] = 'Z';
	out[n + 1] = '\0';
	return true;
}

/* Sysmon's UtcTime, "2023-11-08 02:05:02.123", milliseconds cut. */
static void winevt_put_utc_time(struct winevt *w, const char *name, sim_time_t t)
{
	char iso[SIMCLOCK_ISO_SIZE];

	if (!simclock_format_utc(w->s->clock, t, iso, sizeof iso))
		iso[0] = '\0'; /* only ev->time is used, and it was checked */
	if (strlen(iso) > 23) {
		iso[10] = ' ';
		iso[23] = '\0';
	}
	winevt_put(w, name, iso);
}

/* ---- Security events ---------------------------------------------------- */

static bool winevt_local_logon(uint8_t type)
{
	/* interactive, service, unlock, remote interactive, cached */
	return type == 2 || type == 5 || type == 7 || type == 10 || type == 11;
}

/* A logon Windows handles locally has the computer as its subject; a
 * network one has none. */
static void winevt_put_logon_subject(struct winevt *w)
{
	struct winevt_account a;

	if (winevt_local_logon(w->ev->u.logon.logon_type)) {
		winevt_computer_account(w, &a);
		winevt_put_subject(w, &a, WINEVT_SYSTEM_LOGON_ID);
	} else {
		winevt_account(w, NULL, NULL, &a);
		winevt_put_subject(w, &a, 0);
	}
}

static const char *winevt_package(const struct event_logon *l)
{
	return winevt_or(l->method, "Negotiate");
}

/* The logon process; Windows pads some names with spaces to 8. */
static const char *winevt_logon_process(const struct event_logon *l)
{
	if (l->logon_type == 2 || l->logon_type == 7 || l->logon_type == 10 ||
	    l->logon_type == 11)
		return "User32 ";
	if (l->logon_type == 5)
		return "Advapi  ";
	if (strcmp(winevt_package(l), "Kerberos") == 0)
		return "Kerberos";
	return "NtLmSsp ";
}

static bool winevt_is_ntlm(const struct event_logon *l)
{
	return strcmp(winevt_package(l), "NTLM") == 0;
}

/* One end of the connection as Windows writes it: IPv6 as RFC 5952
 * text ("fe80::1"). */
static void winevt_put_end(struct winevt *w, const char *name, const struct event_conn *c,
			   bool orig)
{
	char text[EVENT_ADDR_STRLEN];

	winevt_put(w, name, event_conn_addr(c, orig, EVENT_ADDR_COMPRESSED, text));
}

/* The client's address and port (the connection's initiator, or its
 * responder), "-" when the record has none. */
static void winevt_put_client(struct winevt *w, const char *ip_name,
			      const char *port_name, bool orig)
{
	const struct event_conn *c = &w->ev->conn;

	if (!c->ipv6 && (orig ? c->orig_ip : c->resp_ip) == 0) {
		winevt_put(w, ip_name, "-");
		winevt_put(w, port_name, "-");
		return;
	}
	winevt_put_end(w, ip_name, c, orig);
	winevt_put_uint(w, port_name, orig ? c->orig_port : c->resp_port);
}

static void winevt_put_process(struct winevt *w, const char *id_name,
			       const char *image_name)
{
	winevt_put_hex(w, id_name, w->ev->process.pid);
	winevt_put(w, image_name, winevt_or(w->ev->process.image, "-"));
}

static void winevt_4624(struct winevt *w)
{
	const struct event_logon *l = &w->ev->u.logon;
	struct winevt_account a;

	winevt_account(w, w->ev->user, l->domain, &a);
	winevt_put_logon_subject(w);
	winevt_put(w, "TargetUserSid", a.sid);
	winevt_put(w, "TargetUserName", a.name);
	winevt_put(w, "TargetDomainName", a.domain);
	winevt_put_hex(w, "TargetLogonId", l->logon_id);
	winevt_put_uint(w, "LogonType", l->logon_type);
	winevt_put(w, "LogonProcessName", winevt_logon_process(l));
	winevt_put(w, "AuthenticationPackageName", winevt_package(l));
	winevt_put(w, "WorkstationName", l->workstation);
	if (strcmp(winevt_package(l), "Kerberos") == 0)
		winevt_put_kerberos_guid(w, "LogonGuid", w->ev->user, l->logon_id);
	else
		winevt_put(w, "LogonGuid", winevt_zero_guid);
	winevt_put(w, "TransmittedServices", "-");
	winevt_put(w, "LmPackageName", winevt_is_ntlm(l) ? "NTLM V2" : "-");
	winevt_put(w, "KeyLength", winevt_is_ntlm(l) ? "128" : "0");
	winevt_put_process(w, "ProcessId", "ProcessName");
	winevt_put_client(w, "IpAddress", "IpPort", true);
	winevt_put(w, "ImpersonationLevel", "%%1833");
	winevt_put(w, "RestrictedAdminMode", l->logon_type == 10 ? "%%1843" : "-");
	winevt_put(w, "TargetOutboundUserName", "-");
	winevt_put(w, "TargetOutboundDomainName", "-");
	winevt_put(w, "VirtualAccount", "%%1843");
	winevt_put(w, "TargetLinkedLogonId", "0x0");
	winevt_put(w, "ElevatedToken", a.admin ? "%%1842" : "%%1843");
}

/* An NTSTATUS code of a refused logon and the %%NNNN text naming it. */
static const struct {
	uint32_t status;
	unsigned reason;
} winevt_failure_reasons[] = {
	{ 0xc0000064, 2313 }, /* no such user */
	{ 0xc000006a, 2313 }, /* bad password */
	{ 0xc000006d, 2313 }, /* logon failure */
	{ 0xc000006f, 2311 }, /* outside logon hours */
	{ 0xc0000070, 2312 }, /* workstation not allowed */
	{ 0xc0000071, 2309 }, /* password expired */
	{ 0xc0000072, 2310 }, /* account disabled */
	{ 0xc000015b, 2308 }, /* logon type not granted */
	{ 0xc0000193, 2305 }, /* account expired */
	{ 0xc0000234, 2307 }, /* locked out */
};

static unsigned winevt_failure_reason(const struct event_logon *l)
{
	uint32_t code = l->sub_status != 0 ? l->sub_status : l->status;
	size_t i;

	for (i = 0; i < sizeof winevt_failure_reasons / sizeof winevt_failure_reasons[0]; i++)
		if (winevt_failure_reasons[i].status == code)
			return winevt_failure_reasons[i].reason;
	return 2304; /* "An Error occured during Logon." */
}

static void winevt_4625(struct winevt *w)
{
	const struct event_logon *l = &w->ev->u.logon;

	winevt_put_logon_subject(w);
	winevt_put(w, "TargetUserSid", "S-1-0-0");
	winevt_put(w, "TargetUserName", w->ev->user);
	winevt_put(w, "TargetDomainName", winevt_or(l->domain, w->s->domain));
	winevt_put_hex(w, "Status", l->status != 0 ? l->status : 0xc000006d);
	winevt_putf(w, "FailureReason", "%%%%%u", winevt_failure_reason(l));
	winevt_put_hex(w, "SubStatus", l->sub_status);
	winevt_put_uint(w, "LogonType", l->logon_type);
	winevt_put(w, "LogonProcessName", winevt_logon_process(l));
	winevt_put(w, "AuthenticationPackageName", winevt_package(l));
	winevt_put(w, "WorkstationName", l->workstation);
	winevt_put(w, "TransmittedServices", "-");
	winevt_put(w, "LmPackageName", "-");
	winevt_put(w, "KeyLength", "0");
	winevt_put_process(w, "ProcessId", "ProcessName");
	winevt_put_client(w, "IpAddress", "IpPort", true);
}

/* 4648: the subject (from the settings) used ev->user's credentials for
 * the target server, which is the connection's responder if any. */
static void winevt_4648(struct winevt *w)
{
	const struct event_logon *l = &w->ev->u.logon;
	const char *server = winevt_or(l->target_server, "localhost");
	struct winevt_account a;

	if (w->s->record.subject_user != NULL) {
		winevt_account(w, w->s->record.subject_user, NULL, &a);
		winevt_put_subject(w, &a, w->s->record.subject_logon_id);
	} else {
		winevt_computer_account(w, &a);
		winevt_put_subject(w, &a, WINEVT_SYSTEM_LOGON_ID);
	}
	winevt_put(w, "LogonGuid", winevt_zero_guid);
	winevt_put(w, "TargetUserName", w->ev->user);
	winevt_put(w, "TargetDomainName", winevt_or(l->domain, w->s->domain));
	if (strcmp(winevt_package(l), "Kerberos") == 0)
		winevt_put_kerberos_guid(w, "TargetLogonGuid", w->ev->user, l->logon_id);
	else
		winevt_put(w, "TargetLogonGuid", winevt_zero_guid);
	winevt_put(w, "TargetServerName", server);
	winevt_put(w, "TargetInfo", server);
	winevt_put_process(w, "ProcessId", "ProcessName");
	winevt_put_client(w, "IpAddress", "IpPort", false);
}

/* The privileges an administrator's logon gets, as 4672 lists them:
 * one per line, continuation lines indented by three tabs. */
static const char winevt_admin_privileges[] =
	"SeSecurityPrivilege\n\t\t\tSeBackupPrivilege\n\t\t\tSeRestorePrivilege\n"
	"\t\t\tSeTakeOwnershipPrivilege\n\t\t\tSeDebugPrivilege\n"
	"\t\t\tSeSystemEnvironmentPrivilege\n\t\t\tSeLoadDriverPrivilege\n"
	"\t\t\tSeImpersonatePrivilege\n"
	"\t\t\tSeDelegateSessionUserImpersonatePrivilege";

static void winevt_4672(struct winevt *w)
{
	const struct event_logon *l = &w->ev->u.logon;
	struct winevt_account a;

	winevt_account(w, w->ev->user, l->domain, &a);
	winevt_put_subject(w, &a, l->logon_id);
	winevt_put(w, "PrivilegeList", winevt_admin_privileges);
}

/* The integrity level's SID, S-1-16-N. */
static const char *winevt_mandatory_label(const char *level)
{
	if (level == NULL)
		return "S-1-16-8192";
	if (strcasecmp(level, "Low") == 0)
		return "S-1-16-4096";
	if (strcasecmp(level, "High") == 0)
		return "S-1-16-12288";
	if (strcasecmp(level, "System") == 0)
		return "S-1-16-16384";
	return "S-1-16-8192";
}

/* Type 2 (full) for an elevated process, type 3 (limited) for an
 * administrator's unelevated one, type 1 (default) otherwise: system
 * processes and users without admin rights. */
static const char *winevt_token_elevation(const char *level, bool admin)
{
	if (level != NULL && strcasecmp(level, "High") == 0)
		return "%%1937";
	if (admin && (level == NULL || strcasecmp(level, "System") != 0))
		return "%%1938";
	return "%%1936";
}

static void winevt_4688(struct winevt *w)
{
	const struct event_process_start *p = &w->ev->u.process_start;
	const char *creator = winevt_or(p->parent_user, w->ev->user);
	bool other = p->parent_user != NULL && w->ev->user != NULL &&
		strcasecmp(p->parent_user, w->ev->user) != 0;
	struct winevt_account subject, target;

	winevt_account(w, creator, NULL, &subject);
	winevt_account(w, other ? w->ev->user : NULL, NULL, &target);
	winevt_put_subject(w, &subject, other ? w->s->record.subject_logon_id :
			   p->logon_id);
	winevt_put_hex(w, "NewProcessId", w->ev->process.pid);
	winevt_put(w, "NewProcessName", winevt_or(w->ev->process.image, "-"));
	winevt_put(w, "TokenElevationType",
		   winevt_token_elevation(p->integrity_level,
					  (other ? &target : &subject)->admin));
	winevt_put_hex(w, "ProcessId", p->parent_pid);
	/* Empty when command-line auditing is off, as the samples show. */
	winevt_put(w, "CommandLine", winevt_or(w->ev->process.command_line, ""));
	winevt_put(w, "TargetUserSid", target.sid);
	winevt_put(w, "TargetUserName", target.name);
	winevt_put(w, "TargetDomainName", target.domain);
	winevt_put_hex(w, "TargetLogonId", other ? p->logon_id : 0);
	winevt_put(w, "ParentProcessName", winevt_or(p->parent_image, "-"));
	winevt_put(w, "MandatoryLabel", winevt_mandatory_label(p->integrity_level));
}

/* A user account made by "net user /add" or the console: disabled until
 * a password is set, no password required yet, a normal account. */
static void winevt_4720(struct winevt *w)
{
	const struct event_account *n = &w->ev->u.account;
	struct winevt_account creator;
	char sid[WINEVT_SID_SIZE];

	winevt_sid(w->s, n->rid != 0 ? n->rid : winevt_rid(w->s, winevt_or(n->name, "")),
		   sid);
	winevt_account(w, w->ev->user, NULL, &creator);
	winevt_put(w, "TargetUserName", n->name);
	winevt_put(w, "TargetDomainName", winevt_or(n->domain, w->s->domain));
	winevt_put(w, "TargetSid", sid);
	winevt_put_subject(w, &creator, w->s->record.subject_logon_id);
	winevt_put(w, "PrivilegeList", "-");
	winevt_put(w, "SamAccountName", n->name);
	winevt_put(w, "DisplayName", winevt_or(n->display_name, "%%1793"));
	winevt_put(w, "UserPrincipalName", "-");
	winevt_put(w, "HomeDirectory", "%%1793");
	winevt_put(w, "HomePath", "%%1793");
	winevt_put(w, "ScriptPath", "%%1793");
	winevt_put(w, "ProfilePath", "%%1793");
	winevt_put(w, "UserWorkstations", "%%1793");
	winevt_put(w, "PasswordLastSet", "%%1794");
	winevt_put(w, "AccountExpires", "%%1794");
	winevt_put(w, "PrimaryGroupId", "513");
	winevt_put(w, "AllowedToDelegateTo", "-");
	winevt_put(w, "OldUacValue", "0x0");
	winevt_put(w, "NewUacValue", "0x15");
	winevt_put(w, "UserAccountControl", "\n\t\t%%2080\n\t\t%%2082\n\t\t%%2084");
	winevt_put(w, "UserParameters", "%%1792");
	winevt_put(w, "SidHistory", "-");
	winevt_put(w, "LogonHours", "%%1797");
}

/* The Kerberos error a KDC reports for a refused TGT request: the
 * record's code when it is one already, else the NTSTATUS mapped. */
static uint32_t winevt_kerberos_status(const struct event_logon *l)
{
	uint32_t code = l->sub_status != 0 ? l->sub_status : l->status;

	if (code < 0x100)
		return code;
	switch (code) {
	case 0xc0000064: /* no such user */
		return 0x6;
	case 0xc0000072: /* disabled */
	case 0xc0000234: /* locked out */
	case 0xc0000193: /* expired */
		return 0x12;
	default:         /* wrong password: pre-authentication failed */
		return 0x18;
	}
}

static void winevt_4768(struct winevt *w)
{
	const struct event_logon *l = &w->ev->u.logon;
	struct winevt_account a;
	char service[WINEVT_SID_SIZE];

	winevt_account(w, w->ev->user, l->domain, &a);
	winevt_sid(w->s, 502, service);
	winevt_put(w, "TargetUserName", w->ev->user);
	winevt_put(w, "TargetDomainName", winevt_or(l->domain, w->s->domain));
	winevt_put(w, "TargetSid", w->failure ? "S-1-0-0" : a.sid);
	winevt_put(w, "ServiceName", "krbtgt");
	winevt_put(w, "ServiceSid", w->failure ? "S-1-0-0" : service);
	winevt_put(w, "TicketOptions", "0x40810010");
	winevt_put_hex(w, "Status", w->failure ? winevt_kerberos_status(l) : 0);
	winevt_put(w, "TicketEncryptionType", w->failure ? "0xffffffff" : "0x12");
	winevt_put(w, "PreAuthType", w->failure ? "-" : "2");
	/* The KDC listens on IPv6 too and prints IPv4 clients mapped. */
	if (w->ev->conn.ipv6) {
		winevt_put_client(w, "IpAddress", "IpPort", true);
	} else if (w->ev->conn.orig_ip != 0) {
		char ip[IPADDR_STRLEN];

		strbuf_reset(&w->tmp);
		strbuf_adds(&w->tmp, "::ffff:");
		strbuf_adds(&w->tmp, ipaddr_format(w->ev->conn.orig_ip, ip));
		winevt_put_tmp(w, "IpAddress");
		winevt_put_uint(w, "IpPort", w->ev->conn.orig_port);
	} else {
		winevt_put(w, "IpAddress", "::1");
		winevt_put(w, "IpPort", "0");
	}
	winevt_put(w, "CertIssuerName", "");
	winevt_put(w, "CertSerialNumber", "");
	winevt_put(w, "CertThumbprint", "");
}

static void winevt_4776(struct winevt *w)
{
	const struct event_logon *l = &w->ev->u.logon;

	winevt_put(w, "PackageName", "MICROSOFT_AUTHENTICATION_PACKAGE_V1_0");
	winevt_put(w, "TargetUserName", w->ev->user);
	winevt_put(w, "Workstation", l->workstation);
	winevt_put_hex(w, "Status", l->sub_status != 0 ? l->sub_status : l->status);
}

/* ---- Sysmon events ------------------------------------------------------ */

/* "SHA1=…,MD5=…,SHA256=…,IMPHASH=…" in upper case, the algorithms the
 * record has, in the order Sysmon writes them. */
static void winevt_put_hashes(struct winevt *w, const struct event_process_start *p)
{
	const char *names[] = { "SHA1", "MD5", "SHA256", "IMPHASH" };
	const char *values[] = { p->sha1, p->md5, p->sha256, p->imphash };
	const char *c;
	size_t i;

	strbuf_reset(&w->tmp);
	for (i = 0; i < 4; i++) {
		if (values[i] == NULL || values[i][0] == '\0')
			continue;
		if (w->tmp.len > 0)
			strbuf_addc(&w->tmp, ',');
		strbuf_adds(&w->tmp, names[i]);
		strbuf_addc(&w->tmp, '=');
		for (c = values[i]; *c != '\0'; c++)
			strbuf_addc(&w->tmp, *c >= 'a' && *c <= 'z' ? (char)(*c - 'a' + 'A') : *c);
	}
	winevt_put(w, "Hashes", w->tmp.len > 0 ? strbuf_str(&w->tmp) : "-");
}

/* The acting process as every Sysmon event but 1 starts. */
static void winevt_put_sysmon_head(struct winevt *w)
{
	winevt_put(w, "RuleName", "-");
	winevt_put_utc_time(w, "UtcTime", w->ev->time);
	winevt_put_process_guid(w, "ProcessGuid", w->ev->process.pid,
				w->s->record.process_start);
	winevt_put_uint(w, "ProcessId", w->ev->process.pid);
}

static void winevt_sysmon_1(struct winevt *w)
{
	const struct event_process_start *p = &w->ev->u.process_start;

	winevt_put(w, "RuleName", "-");
	winevt_put_utc_time(w, "UtcTime", w->ev->time);
	winevt_put_process_guid(w, "ProcessGuid", w->ev->process.pid, w->ev->time);
	winevt_put_uint(w, "ProcessId", w->ev->process.pid);
	winevt_put(w, "Image", w->ev->process.image);
	winevt_put(w, "FileVersion", p->file_version);
	winevt_put(w, "Description", p->description);
	winevt_put(w, "Product", p->product);
	winevt_put(w, "Company", p->company);
	winevt_put(w, "OriginalFileName", p->original_file_name);
	winevt_put(w, "CommandLine", w->ev->process.command_line);
	winevt_put(w, "CurrentDirectory", p->current_directory);
	winevt_put_sysmon_user(w, "User", w->ev->user);
	winevt_put_logon_guid(w, "LogonGuid", p->logon_id);
	winevt_put_hex(w, "LogonId", p->logon_id);
	winevt_put_uint(w, "TerminalSessionId", p->terminal_session);
	winevt_put(w, "IntegrityLevel", p->integrity_level);
	winevt_put_hashes(w, p);
	winevt_put_process_guid(w, "ParentProcessGuid", p->parent_pid,
				w->s->record.parent_start);
	winevt_put_uint(w, "ParentProcessId", p->parent_pid);
	winevt_put(w, "ParentImage", p->parent_image);
	winevt_put(w, "ParentCommandLine", p->parent_command_line);
	winevt_put_sysmon_user(w, "ParentUser", winevt_or(p->parent_user, w->ev->user));
}

/* Names from Windows' services file for the ports the drill uses. */
static const struct {
	uint16_t port;
	const char *name;
} winevt_port_names[] = {
	{ 21, "ftp" },          { 22, "ssh" },          { 23, "telnet" },
	{ 25, "smtp" },         { 53, "domain" },       { 80, "http" },
	{ 88, "kerberos" },     { 110, "pop3" },        { 123, "ntp" },
	{ 135, "epmap" },       { 137, "netbios-ns" },  { 138, "netbios-dgm" },
	{ 139, "netbios-ssn" }, { 143, "imap" },        { 389, "ldap" },
	{ 443, "https" },       { 445, "microsoft-ds" }, { 636, "ldaps" },
	{ 1433, "ms-sql-s" },   { 3268, "msft-gc" },    { 3389, "ms-wbt-server" },
};

static const char *winevt_port_name(uint16_t port)
{
	size_t i;

	for (i = 0; i < sizeof winevt_port_names / sizeof winevt_port_names[0]; i++)
		if (winevt_port_names[i].port == port)
			return winevt_port_names[i].name;
	return "-";
}

/* The name Sysmon resolves for one end: a modelled host's, with the
 * DNS suffix; "-" for any other (and for IPv6, which the model's hosts
 * do not have). */
static void winevt_put_hostname(struct winevt *w, const char *name, const struct event_conn *c,
				bool orig)
{
	int h = c->ipv6 ? -1 : net_host_by_ip(w->s->net, orig ? c->orig_ip : c->resp_ip);

	if (h < 0) {
		winevt_put(w, name, "-");
		return;
	}
	strbuf_reset(&w->tmp);
	strbuf_adds(&w->tmp, w->s->net->hosts[h].name);
	if (w->s->dns_suffix != NULL && w->s->dns_suffix[0] != '\0') {
		strbuf_addc(&w->tmp, '.');
		strbuf_adds(&w->tmp, w->s->dns_suffix);
	}
	winevt_put_tmp(w, name);
}

/* Sysmon writes the connection initiator first whichever side it runs
 * on; Initiated tells which side that is. */
static void winevt_sysmon_3(struct winevt *w)
{
	const struct event_conn *c = &w->ev->conn;
	/* The model gives hosts no IPv6 address: an IPv6 connection is
	 * the one the record's process opened. */
	bool initiated = c->ipv6 || c->orig_ip == w->host->ip ||
		(w->host->public_ip != 0 && c->orig_ip == w->host->public_ip);

	winevt_put_sysmon_head(w);
	winevt_put(w, "Image", w->ev->process.image);
	winevt_put_sysmon_user(w, "User", w->ev->user);
	winevt_put(w, "Protocol", c->proto == NET_PROTO_TCP ? "tcp" : "udp");
	winevt_put(w, "Initiated", initiated ? "true" : "false");
	winevt_put(w, "SourceIsIpv6", c->ipv6 ? "true" : "false");
	winevt_put_end(w, "SourceIp", c, true);
	winevt_put_hostname(w, "SourceHostname", c, true);
	winevt_put_uint(w, "SourcePort", c->orig_port);
	winevt_put(w, "SourcePortName", winevt_port_name(c->orig_port));
	winevt_put(w, "DestinationIsIpv6", c->ipv6 ? "true" : "false");
	winevt_put_end(w, "DestinationIp", c, false);
	winevt_put_hostname(w, "DestinationHostname", c, false);
	winevt_put_uint(w, "DestinationPort", c->resp_port);
	winevt_put(w, "DestinationPortName", winevt_port_name(c->resp_port));
}

static void winevt_sysmon_11(struct winevt *w)
{
	winevt_put_sysmon_head(w);
	winevt_put(w, "Image", w->ev->process.image);
	winevt_put(w, "TargetFilename", w->ev->u.file.name);
	winevt_put_utc_time(w, "CreationUtcTime", w->ev->time);
	winevt_put_sysmon_user(w, "User", w->ev->user);
}

/* Sysmon's QueryResults: IPv4 answers as "::ffff:a.b.c.d;", IPv6 ones
 * bare, other text records "type:  N data;"; "-" with no answer. */
static void winevt_put_query_results(struct winevt *w, const struct event_dns *d)
{
	size_t i;

	strbuf_reset(&w->tmp);
	for (i = 0; i < d->n_answers; i++) {
		const struct event_dns_rr *rr = &d->answers[i];

		if (!event_dns_rr_has_text(rr))
			continue;
		if (rr->type == EVENT_DNS_A)
			strbuf_adds(&w->tmp, "::ffff:");
		else if (rr->type != EVENT_DNS_AAAA)
			strbuf_addf(&w->tmp, "type:  %u ", (unsigned)rr->type);
		strbuf_adds(&w->tmp, rr->data);
		strbuf_addc(&w->tmp, ';');
	}
	winevt_put(w, "QueryResults", w->tmp.len > 0 ? strbuf_str(&w->tmp) : "-");
}

/* Windows' DNS status: 0, DNS_INFO_NO_RECORDS (9501) for an empty
 * answer, else DNS_ERROR_RCODE_* (9000 + rcode). */
static unsigned winevt_query_status(const struct event_dns *d)
{
	if (d->rcode != EVENT_DNS_NOERROR)
		return 9000u + d->rcode;
	return d->n_answers > 0 ? 0 : 9501;
}

static void winevt_sysmon_22(struct winevt *w)
{
	const struct event_dns *d = &w->ev->u.dns;

	winevt_put_sysmon_head(w);
	winevt_put(w, "QueryName", d->query);
	winevt_put_uint(w, "QueryStatus", winevt_query_status(d));
	winevt_put_query_results(w, d);
	winevt_put(w, "Image", w->ev->process.image);
	winevt_put_sysmon_user(w, "User", w->ev->user);
}

/* ---- The event IDs ------------------------------------------------------ */

enum {
	WINEVT_4624, WINEVT_4625, WINEVT_4648, WINEVT_4672, WINEVT_4688,
	WINEVT_4720, WINEVT_4768, WINEVT_4776,
	WINEVT_SYSMON_1, WINEVT_SYSMON_3, WINEVT_SYSMON_11, WINEVT_SYSMON_22,
	WINEVT_DEF_COUNT
};

/* Security's English messages (Windows Server 2016 and later), as
 * Winlogbeat renders them: CR LF made LF. */
static const char winevt_msg_4624[] =
	"An account was successfully logged on.\n\n"
	"Subject:\n"
	"\tSecurity ID:\t\t{SubjectUserSid}\n"
	"\tAccount Name:\t\t{SubjectUserName}\n"
	"\tAccount Domain:\t\t{SubjectDomainName}\n"
	"\tLogon ID:\t\t{SubjectLogonId:U}\n\n"
	"Logon Information:\n"
	"\tLogon Type:\t\t{LogonType}\n"
	"\tRestricted Admin Mode:\t{RestrictedAdminMode}\n"
	"\tVirtual Account:\t\t{VirtualAccount}\n"
	"\tElevated Token:\t\t{ElevatedToken}\n\n"
	"Impersonation Level:\t\t{ImpersonationLevel}\n\n"
	"New Logon:\n"
	"\tSecurity ID:\t\t{TargetUserSid}\n"
	"\tAccount Name:\t\t{TargetUserName}\n"
	"\tAccount Domain:\t\t{TargetDomainName}\n"
	"\tLogon ID:\t\t{TargetLogonId:U}\n"
	"\tLinked Logon ID:\t\t{TargetLinkedLogonId:U}\n"
	"\tNetwork Account Name:\t{TargetOutboundUserName}\n"
	"\tNetwork Account Domain:\t{TargetOutboundDomainName}\n"
	"\tLogon GUID:\t\t{LogonGuid}\n\n"
	"Process Information:\n"
	"\tProcess ID:\t\t{ProcessId}\n"
	"\tProcess Name:\t\t{ProcessName}\n\n"
	"Network Information:\n"
	"\tWorkstation Name:\t{WorkstationName}\n"
	"\tSource Network Address:\t{IpAddress}\n"
	"\tSource Port:\t\t{IpPort}\n\n"
	"Detailed Authentication Information:\n"
	"\tLogon Process:\t\t{LogonProcessName}\n"
	"\tAuthentication Package:\t{AuthenticationPackageName}\n"
	"\tTransited Services:\t{TransmittedServices}\n"
	"\tPackage Name (NTLM only):\t{LmPackageName}\n"
	"\tKey Length:\t\t{KeyLength}\n\n"
	"This event is generated when a logon session is created. It is generated "
	"on the computer that was accessed.\n\n"
	"The subject fields indicate the account on the local system which "
	"requested the logon. This is most commonly a service such as the Server "
	"service, or a local process such as Winlogon.exe or Services.exe.\n\n"
	"The logon type field indicates the kind of logon that occurred. The most "
	"common types are 2 (interactive) and 3 (network).\n\n"
	"The New Logon fields indicate the account for whom the new logon was "
	"created, i.e. the account that was logged on.\n\n"
	"The network fields indicate where a remote logon request originated. "
	"Workstation name is not always available and may be left blank in some "
	"cases.\n\n"
	"The impersonation level field indicates the extent to which a process in "
	"the logon session can impersonate.\n\n"
	"The authentication information fields provide detailed information about "
	"this specific logon request.\n"
	"\t- Logon GUID is a unique identifier that can be used to correlate this "
	"event with a KDC event.\n"
	"\t- Transited services indicate which intermediate services have "
	"participated in this logon request.\n"
	"\t- Package name indicates which sub-protocol was used among the NTLM "
	"protocols.\n"
	"\t- Key length indicates the length of the generated session key. This "
	"will be 0 if no session key was requested.";

static const char winevt_msg_4625[] =
	"An account failed to log on.\n\n"
	"Subject:\n"
	"\tSecurity ID:\t\t{SubjectUserSid}\n"
	"\tAccount Name:\t\t{SubjectUserName}\n"
	"\tAccount Domain:\t\t{SubjectDomainName}\n"
	"\tLogon ID:\t\t{SubjectLogonId:U}\n\n"
	"Logon Type:\t\t\t{LogonType}\n\n"
	"Account For Which Logon Failed:\n"
	"\tSecurity ID:\t\t{TargetUserSid}\n"
	"\tAccount Name:\t\t{TargetUserName}\n"
	"\tAccount Domain:\t\t{TargetDomainName}\n\n"
	"Failure Information:\n"
	"\tFailure Reason:\t\t{FailureReason}\n"
	"\tStatus:\t\t\t{Status:U}\n"
	"\tSub Status:\t\t{SubStatus:U}\n\n"
	"Process Information:\n"
	"\tCaller Process ID:\t{ProcessId}\n"
	"\tCaller Process Name:\t{ProcessName}\n\n"
	"Network Information:\n"
	"\tWorkstation Name:\t{WorkstationName}\n"
	"\tSource Network Address:\t{IpAddress}\n"
	"\tSource Port:\t\t{IpPort}\n\n"
	"Detailed Authentication Information:\n"
	"\tLogon Process:\t\t{LogonProcessName}\n"
	"\tAuthentication Package:\t{AuthenticationPackageName}\n"
	"\tTransited Services:\t{TransmittedServices}\n"
	"\tPackage Name (NTLM only):\t{LmPackageName}\n"
	"\tKey Length:\t\t{KeyLength}\n\n"
	"This event is generated when a logon request fails. It is generated on "
	"the computer where access was attempted.\n\n"
	"The Subject fields indicate the account on the local system which "
	"requested the logon. This is most commonly a service such as the Server "
	"service, or a local process such as Winlogon.exe or Services.exe.\n\n"
	"The Logon Type field indicates the kind of logon that was requested. The "
	"most common types are 2 (interactive) and 3 (network).\n\n"
	"The Process Information fields indicate which account and process on the "
	"system requested the logon.\n\n"
	"The Network Information fields indicate where a remote logon request "
	"originated. Workstation name is not always available and may be left "
	"blank in some cases.\n\n"
	"The authentication information fields provide detailed information about "
	"this specific logon request.\n"
	"\t- Transited services indicate which intermediate services have "
	"participated in this logon request.\n"
	"\t- Package name indicates which sub-protocol was used among the NTLM "
	"protocols.\n"
	"\t- Key length indicates the length of the generated session key. This "
	"will be 0 if no session key was requested.";

static const char winevt_msg_4648[] =
	"A logon was attempted using explicit credentials.\n\n"
	"Subject:\n"
	"\tSecurity ID:\t\t{SubjectUserSid}\n"
	"\tAccount Name:\t\t{SubjectUserName}\n"
	"\tAccount Domain:\t\t{SubjectDomainName}\n"
	"\tLogon ID:\t\t{SubjectLogonId:U}\n"
	"\tLogon GUID:\t\t{LogonGuid}\n\n"
	"Account Whose Credentials Were Used:\n"
	"\tAccount Name:\t\t{TargetUserName}\n"
	"\tAccount Domain:\t\t{TargetDomainName}\n"
	"\tLogon GUID:\t\t{TargetLogonGuid}\n\n"
	"Target Server:\n"
	"\tTarget Server Name:\t{TargetServerName}\n"
	"\tAdditional Information:\t{TargetInfo}\n\n"
	"Process Information:\n"
	"\tProcess ID:\t\t{ProcessId}\n"
	"\tProcess Name:\t\t{ProcessName}\n\n"
	"Network Information:\n"
	"\tNetwork Address:\t{IpAddress}\n"
	"\tPort:\t\t\t{IpPort}\n\n"
	"This event is generated when a process attempts to log on an account by "
	"explicitly specifying that account\xe2\x80\x99s credentials.  This most "
	"commonly occurs in batch-type configurations such as scheduled tasks, or "
	"when using the RUNAS command.";

static const char winevt_msg_4672[] =
	"Special privileges assigned to new logon.\n\n"
	"Subject:\n"
	"\tSecurity ID:\t\t{SubjectUserSid}\n"
	"\tAccount Name:\t\t{SubjectUserName}\n"
	"\tAccount Domain:\t\t{SubjectDomainName}\n"
	"\tLogon ID:\t\t{SubjectLogonId}\n\n"
	"Privileges:\t\t{PrivilegeList}";

static const char winevt_msg_4688[] =
	"A new process has been created.\n\n"
	"Creator Subject:\n"
	"\tSecurity ID:\t\t{SubjectUserSid}\n"
	"\tAccount Name:\t\t{SubjectUserName}\n"
	"\tAccount Domain:\t\t{SubjectDomainName}\n"
	"\tLogon ID:\t\t{SubjectLogonId}\n\n"
	"Target Subject:\n"
	"\tSecurity ID:\t\t{TargetUserSid}\n"
	"\tAccount Name:\t\t{TargetUserName}\n"
	"\tAccount Domain:\t\t{TargetDomainName}\n"
	"\tLogon ID:\t\t{TargetLogonId}\n\n"
	"Process Information:\n"
	"\tNew Process ID:\t\t{NewProcessId}\n"
	"\tNew Process Name:\t{NewProcessName}\n"
	"\tToken Elevation Type:\t{TokenElevationType}\n"
	"\tMandatory Label:\t\t{MandatoryLabel}\n"
	"\tCreator Process ID:\t{ProcessId}\n"
	"\tCreator Process Name:\t{ParentProcessName}\n"
	"\tProcess Command Line:\t{CommandLine}\n\n"
	"Token Elevation Type indicates the type of token that was assigned to "
	"the new process in accordance with User Account Control policy.\n\n"
	"Type 1 is a full token with no privileges removed or groups disabled.  A "
	"full token is only used if User Account Control is disabled or if the "
	"user is the built-in Administrator account or a service account.\n\n"
	"Type 2 is an elevated token with no privileges removed or groups "
	"disabled.  An elevated token is used when User Account Control is "
	"enabled and the user chooses to start the program using Run as "
	"administrator.  An elevated token is also used when an application is "
	"configured to always require administrative privilege or to always "
	"require maximum privilege, and the user is a member of the "
	"Administrators group.\n\n"
	"Type 3 is a limited token with administrative privileges removed and "
	"administrative groups disabled.  The limited token is used when User "
	"Account Control is enabled, the application does not require "
	"administrative privilege, and the user does not choose to start the "
	"program using Run as administrator.";

static const char winevt_msg_4720[] =
	"A user account was created.\n\n"
	"Subject:\n"
	"\tSecurity ID:\t\t{SubjectUserSid}\n"
	"\tAccount Name:\t\t{SubjectUserName}\n"
	"\tAccount Domain:\t\t{SubjectDomainName}\n"
	"\tLogon ID:\t\t{SubjectLogonId}\n\n"
	"New Account:\n"
	"\tSecurity ID:\t\t{TargetSid}\n"
	"\tAccount Name:\t\t{TargetUserName}\n"
	"\tAccount Domain:\t\t{TargetDomainName}\n\n"
	"Attributes:\n"
	"\tSAM Account Name:\t{SamAccountName}\n"
	"\tDisplay Name:\t\t{DisplayName}\n"
	"\tUser Principal Name:\t{UserPrincipalName}\n"
	"\tHome Directory:\t\t{HomeDirectory}\n"
	"\tHome Drive:\t\t{HomePath}\n"
	"\tScript Path:\t\t{ScriptPath}\n"
	"\tProfile Path:\t\t{ProfilePath}\n"
	"\tUser Workstations:\t{UserWorkstations}\n"
	"\tPassword Last Set:\t{PasswordLastSet}\n"
	"\tAccount Expires:\t\t{AccountExpires}\n"
	"\tPrimary Group ID:\t{PrimaryGroupId}\n"
	"\tAllowed To Delegate To:\t{AllowedToDelegateTo}\n"
	"\tOld UAC Value:\t\t{OldUacValue}\n"
	"\tNew UAC Value:\t\t{NewUacValue}\n"
	"\tUser Account Control:\t{UserAccountControl}\n"
	"\tUser Parameters:\t{UserParameters}\n"
	"\tSID History:\t\t{SidHistory}\n"
	"\tLogon Hours:\t\t{LogonHours}\n\n"
	"Additional Information:\n"
	"\tPrivileges\t\t{PrivilegeList}";

static const char winevt_msg_4768[] =
	"A Kerberos authentication ticket (TGT) was requested.\n\n"
	"Account Information:\n"
	"\tAccount Name:\t\t{TargetUserName}\n"
	"\tSupplied Realm Name:\t{TargetDomainName}\n"
	"\tUser ID:\t\t\t{TargetSid}\n\n"
	"Service Information:\n"
	"\tService Name:\t\t{ServiceName}\n"
	"\tService ID:\t\t{ServiceSid}\n\n"
	"Network Information:\n"
	"\tClient Address:\t\t{IpAddress}\n"
	"\tClient Port:\t\t{IpPort}\n\n"
	"Additional Information:\n"
	"\tTicket Options:\t\t{TicketOptions}\n"
	"\tResult Code:\t\t{Status}\n"
	"\tTicket Encryption Type:\t{TicketEncryptionType}\n"
	"\tPre-Authentication Type:\t{PreAuthType}\n\n"
	"Certificate Information:\n"
	"\tCertificate Issuer Name:\t\t{CertIssuerName}\n"
	"\tCertificate Serial Number:\t{CertSerialNumber}\n"
	"\tCertificate Thumbprint:\t\t{CertThumbprint}\n\n"
	"Certificate information is only provided if a certificate was used for "
	"pre-authentication.\n\n"
	"Pre-authentication types, ticket options, encryption types and result "
	"codes are defined in RFC 4120.";

static const char winevt_msg_4776[] =
	"The computer attempted to validate the credentials for an account.\n\n"
	"Authentication Package:\t{PackageName}\n"
	"Logon Account:\t{TargetUserName}\n"
	"Source Workstation:\t{Workstation}\n"
	"Error Code:\t{Status}";

/* Versions and tasks as the real events carry them (the Security
 * samples; Sysmon's manifest, schema 4.90). */
static const struct winevt_def winevt_defs[WINEVT_DEF_COUNT] = {
	[WINEVT_4624] = { 4624, 2, 12544, "Logon", winevt_msg_4624, winevt_4624 },
	[WINEVT_4625] = { 4625, 0, 12544, "Logon", winevt_msg_4625, winevt_4625 },
	[WINEVT_4648] = { 4648, 0, 12544, "Logon", winevt_msg_4648, winevt_4648 },
	[WINEVT_4672] = { 4672, 0, 12548, "Special Logon", winevt_msg_4672, winevt_4672 },
	[WINEVT_4688] = { 4688, 2, 13312, "Process Creation", winevt_msg_4688, winevt_4688 },
	[WINEVT_4720] = { 4720, 0, 13824, "User Account Management", winevt_msg_4720,
			  winevt_4720 },
	[WINEVT_4768] = { 4768, 0, 14339, "Kerberos Authentication Service",
			  winevt_msg_4768, winevt_4768 },
	[WINEVT_4776] = { 4776, 0, 14336, "Credential Validation", winevt_msg_4776,
			  winevt_4776 },
	[WINEVT_SYSMON_1] = { 1, 5, 1, "Process Create (rule: ProcessCreate)",
			      "Process Create", winevt_sysmon_1 },
	[WINEVT_SYSMON_3] = { 3, 5, 3, "Network connection detected (rule: NetworkConnect)",
			      "Network connection detected", winevt_sysmon_3 },
	[WINEVT_SYSMON_11] = { 11, 2, 11, "File created (rule: FileCreate)",
			       "File created", winevt_sysmon_11 },
	[WINEVT_SYSMON_22] = { 22, 5, 22, "Dns query (rule: DnsQuery)", "Dns query",
			       winevt_sysmon_22 },
};

static const struct winevt_def *winevt_security_def(const struct event *ev)
{
	switch (ev->kind) {
	case EVENT_LOGON:
		switch (ev->u.logon.step) {
		case EVENT_LOGON_SUCCESS:
			return &winevt_defs[WINEVT_4624];
		case EVENT_LOGON_FAILURE:
			return &winevt_defs[WINEVT_4625];
		case EVENT_LOGON_EXPLICIT:
			return &winevt_defs[WINEVT_4648];
		case EVENT_LOGON_PRIVILEGED:
			return &winevt_defs[WINEVT_4672];
		case EVENT_LOGON_TGT:
			return &winevt_defs[WINEVT_4768];
		case EVENT_LOGON_NTLM:
			return &winevt_defs[WINEVT_4776];
		case EVENT_LOGON_CLOSED:
		default:
			return NULL;
		}
	case EVENT_PROCESS:
		return &winevt_defs[WINEVT_4688];
	case EVENT_ACCOUNT:
		return &winevt_defs[WINEVT_4720];
	default:
		return NULL;
	}
}

static const struct winevt_def *winevt_sysmon_def(const struct event *ev)
{
	switch (ev->kind) {
	case EVENT_PROCESS:
		return &winevt_defs[WINEVT_SYSMON_1];
	case EVENT_FLOW:
		if (ev->process.pid == 0 ||
		    (ev->conn.proto != NET_PROTO_TCP && ev->conn.proto != NET_PROTO_UDP))
			return NULL;
		return &winevt_defs[WINEVT_SYSMON_3];
	case EVENT_FILE:
		return ev->conn.serial == 0 ? &winevt_defs[WINEVT_SYSMON_11] : NULL;
	case EVENT_DNS:
		if (ev->process.pid == 0 || ev->dir != EVENT_FROM_RESP)
			return NULL;
		return &winevt_defs[WINEVT_SYSMON_22];
	default:
		return NULL;
	}
}

static const struct winevt_def *winevt_def_of(const struct fmt_winevt_settings *s,
					      const struct event *ev)
{
	return s->channel == FMT_WINEVT_SECURITY ? winevt_security_def(ev) :
		winevt_sysmon_def(ev);
}

unsigned fmt_winevt_event_id(const struct fmt_winevt_settings *s,
			     const struct event *ev)
{
	const struct winevt_def *def = winevt_def_of(s, ev);

	return def != NULL ? def->id : 0;
}

/* Security audits a refused logon, ticket or credential check as a
 * failure; everything else here as a success. */
static bool winevt_is_failure(const struct winevt_def *def, const struct event *ev)
{
	if (def == &winevt_defs[WINEVT_4625])
		return true;
	if (def == &winevt_defs[WINEVT_4768] || def == &winevt_defs[WINEVT_4776])
		return ev->u.logon.status != 0 || ev->u.logon.sub_status != 0;
	return false;
}

static const char *winevt_keywords(const struct winevt *w)
{
	if (w->channel == &winevt_sysmon)
		return "0x8000000000000000";
	return w->failure ? "0x8010000000000000" : "0x8020000000000000";
}

/* ---- Event XML -------------------------------------------------------- */

/* EvtRender's escaping, with LF as &#xA; to keep one event per line. */
static void winevt_xml_escape(struct strbuf *out, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&':
			strbuf_adds(out, "&amp;");
			break;
		case '<':
			strbuf_adds(out, "&lt;");
			break;
		case '>':
			strbuf_adds(out, "&gt;");
			break;
		case '\'':
			strbuf_adds(out, "&apos;");
			break;
		case '"':
			strbuf_adds(out, "&quot;");
			break;
		case '\n':
			strbuf_adds(out, "&#xA;");
			break;
		case '\r':
			strbuf_adds(out, "&#xD;");
			break;
		default:
			strbuf_addc(out, *s);
			break;
		}
	}
}

static void winevt_xml(const struct winevt *w, const char *system_time,
		       struct strbuf *out)
{
	const struct winevt_def *d = w->def;
	size_t i;

	strbuf_adds(out, "<Event xmlns='" WINEVT_NS "'><System><Provider Name='");
	strbuf_adds(out, w->channel->provider);
	strbuf_adds(out, "' Guid='");
	strbuf_adds(out, w->channel->guid);
	strbuf_addf(out, "'/><EventID>%u</EventID><Version>%u</Version>"
		    "<Level>%u</Level><Task>%u</Task><Opcode>0</Opcode>"
		    "<Keywords>%s</Keywords><TimeCreated SystemTime='%s'/>"
		    "<EventRecordID>%llu</EventRecordID><Correlation/>"
		    "<Execution ProcessID='%u' ThreadID='%u'/><Channel>",
		    d->id, d->version, w->channel->level, d->task,
		    winevt_keywords(w), system_time,
		    (unsigned long long)w->s->record.record_id,
		    (unsigned)w->exec_pid, (unsigned)winevt_thread_id(w));
	strbuf_adds(out, w->channel->name);
	strbuf_adds(out, "</Channel><Computer>");
	winevt_xml_escape(out, strbuf_str(&w->computer));
	strbuf_adds(out, "</Computer>");
	if (w->channel->user_sid != NULL)
		strbuf_addf(out, "<Security UserID='%s'/>", w->channel->user_sid);
	else
		strbuf_adds(out, "<Security/>");
	strbuf_adds(out, "</System><EventData>");
	for (i = 0; i < w->n; i++) {
		strbuf_addf(out, "<Data Name='%s'>", w->fields[i].name);
		winevt_xml_escape(out, winevt_value(w, i));
		strbuf_adds(out, "</Data>");
	}
	strbuf_adds(out, "</EventData></Event>\n");
}

/* ---- Winlogbeat JSON -------------------------------------------------- */

/* The message table's texts for the %%NNNN insertion strings used here. */
static const struct {
	unsigned code;
	const char *text;
} winevt_insertions[] = {
	{ 1792, "<value changed, but not displayed>" },
	{ 1793, "<value not set>" },
	{ 1794, "<never>" },
	{ 1797, "All" },
	{ 1833, "Impersonation" },
	{ 1840, "Delegation" },
	{ 1842, "Yes" },
	{ 1843, "No" },
	{ 1936, "TokenElevationTypeDefault (1)" },
	{ 1937, "TokenElevationTypeFull (2)" },
	{ 1938, "TokenElevationTypeLimited (3)" },
	{ 2080, "Account Disabled" },
	{ 2082, "'Password Not Required' - Enabled" },
	{ 2084, "'Normal Account' - Enabled" },
	{ 2304, "An Error occured during Logon." },
	{ 2305, "The specified user account has expired." },
	{ 2307, "Account locked out." },
	{ 2308, "The user has not been granted the requested logon type at this machine." },
	{ 2309, "The specified account's password has expired." },
	{ 2310, "Account currently disabled." },
	{ 2311, "Account logon time restriction violation." },
	{ 2312, "User not allowed to logon at this computer." },
	{ 2313, "Unknown user name or bad password." },
};

static const char *winevt_insertion(unsigned code)
{
	size_t i;

	for (i = 0; i < sizeof winevt_insertions / sizeof winevt_insertions[0]; i++)
		if (winevt_insertions[i].code == code)
			return winevt_insertions[i].text;
	return NULL;
}

/* A value as the message shows it: %%NNNN replaced by its text, hex
 * digits upper-cased when asked. */
static void winevt_message_value(struct strbuf *out, const char *v, bool upper)
{
	while (*v != '\0') {
		if (v[0] == '%' && v[1] == '%' && v[2] >= '0' && v[2] <= '9') {
			unsigned code = 0;
			size_t k = 2;
			const char *text;

			while (v[k] >= '0' && v[k] <= '9' && code < 100000)
				code = code * 10 + (unsigned)(v[k++] - '0');
			text = winevt_insertion(code);
			if (text != NULL) {
				strbuf_adds(out, text);
				v += k;
				continue;
			}
		}
		strbuf_addc(out, upper && *v >= 'a' && *v <= 'f' ? (char)(*v - 'a' + 'A') : *v);
		v++;
	}
}

/* The field named by name[0..len), or -1. */
static int winevt_find(const struct winevt *w, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		if (strlen(w->fields[i].name) == len &&
		    memcmp(w->fields[i].name, name, len) == 0)
			return (int)i;
	return -1;
}

/* Fill a Security message template: {Field} or {Field:U}. */
static void winevt_security_message(const struct winevt *w, struct strbuf *out)
{
	const char *p = w->def->message;

	while (*p != '\0') {
		const char *end;
		size_t len;
		bool upper;
		int i;

		if (*p != '{' || (end = strchr(p, '}')) == NULL) {
			strbuf_addc(out, *p++);
			continue;
		}
		len = (size_t)(end - p - 1);
		upper = len > 2 && memcmp(end - 2, ":U", 2) == 0;
		i = winevt_find(w, p + 1, upper ? len - 2 : len);
		if (i >= 0)
			winevt_message_value(out, winevt_value(w, (size_t)i), upper);
		p = end + 1;
	}
}

/* Sysmon's message: the title, then "Field: value" lines. */
static void winevt_sysmon_message(const struct winevt *w, struct strbuf *out)
{
	size_t i;

	strbuf_adds(out, w->def->message);
	strbuf_addc(out, ':');
	for (i = 0; i < w->n; i++) {
		strbuf_addc(out, '\n');
		strbuf_adds(out, w->fields[i].name);
		strbuf_adds(out, ": ");
		strbuf_adds(out, winevt_value(w, i));
	}
}

/* JSON string escaping as Go's encoder does it (HTML escaping off, the
 * Beats default): quote, backslash, \n \r \t, other control bytes \u00XX. */
static void winevt_json_quote(struct strbuf *out, const char *s)
{
	strbuf_addc(out, '"');
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			strbuf_addc(out, '\\');
			strbuf_addc(out, (char)c);
		} else if (c == '\n') {
			strbuf_adds(out, "\\n");
		} else if (c == '\r') {
			strbuf_adds(out, "\\r");
		} else if (c == '\t') {
			strbuf_adds(out, "\\t");
		} else if (c < 0x20) {
			strbuf_addf(out, "\\u%04x", c);
		} else {
			strbuf_addc(out, (char)c);
		}
	}
	strbuf_addc(out, '"');
}

/* "key": with the comma due before it; first says whether it opens its
 * object. */
static void winevt_json_key(struct strbuf *out, const char *key, bool first)
{
	if (!first)
		strbuf_addc(out, ',');
	winevt_json_quote(out, key);
	strbuf_addc(out, ':');
}

static void winevt_json_str(struct strbuf *out, const char *key, const char *v,
			    bool first)
{
	winevt_json_key(out, key, first);
	winevt_json_quote(out, v);
}

/* A UUID (version 4 layout) from two derived words, as Beats' ids look. */
static void winevt_json_uuid(struct strbuf *out, const char *key, uint64_t a,
			     uint64_t b, bool first)
{
	winevt_json_key(out, key, first);
	strbuf_addf(out, "\"%08x-%04x-4%03x-%04x-%012llx\"", (unsigned)(a >> 32),
		    (unsigned)((a >> 16) & 0xffff), (unsigned)(a & 0xfff),
		    (unsigned)(0x8000 | ((b >> 48) & 0x3fff)),
		    (unsigned long long)(b & UINT64_C(0xffffffffffff)));
}

static void winevt_json_agent(const struct winevt *w, struct strbuf *out)
{
	uint64_t key = winevt_host_key(w->s, w->host);
	const uint64_t seed = w->s->id_seed;

	strbuf_adds(out, ",\"agent\":{");
	winevt_json_uuid(out, "ephemeral_id", event_derive_id(seed, key, WINEVT_ID_EPHEMERAL),
			 event_derive_id(seed, key + 1, WINEVT_ID_EPHEMERAL), true);
	winevt_json_str(out, "hostname", w->host->name, false);
	winevt_json_uuid(out, "id", event_derive_id(seed, key, WINEVT_ID_AGENT),
			 event_derive_id(seed, key + 1, WINEVT_ID_AGENT), false);
	winevt_json_str(out, "name", w->host->name, false);
	winevt_json_str(out, "type", "winlogbeat", false);
	if (w->s->agent_version != NULL)
		winevt_json_str(out, "version", w->s->agent_version, false);
	strbuf_addc(out, '}');
	if (w->s->ecs_version != NULL) {
		strbuf_adds(out, ",\"ecs\":{");
		winevt_json_str(out, "version", w->s->ecs_version, true);
		strbuf_addc(out, '}');
	}
}

/* Winlogbeat leaves out empty values and, being a Go map, sorts keys. */
static void winevt_json_event_data(const struct winevt *w, struct strbuf *out)
{
	size_t order[WINEVT_MAX_FIELDS];
	size_t i, j, k = 0;

	for (i = 0; i < w->n; i++) {
		if (winevt_value(w, i)[0] == '\0')
			continue;
		for (j = k; j > 0 && strcmp(w->fields[order[j - 1]].name, w->fields[i].name) > 0; j--)
			order[j] = order[j - 1];
		order[j] = i;
		k++;
	}
	strbuf_adds(out, ",\"event_data\":{");
	for (i = 0; i < k; i++)
		winevt_json_str(out, w->fields[order[i]].name, winevt_value(w, order[i]),
				i == 0);
	strbuf_addc(out, '}');
}

static void winevt_json(const struct winevt *w, const char *system_time,
			const char *created, struct strbuf *out)
{
	const struct winevt_def *d = w->def;
	bool security = w->channel == &winevt_security;
	struct strbuf message;
	char code[16];

	snprintf(code, sizeof code, "%u", d->id);
	strbuf_adds(out, "{");
	winevt_json_str(out, "@timestamp", system_time, true);
	winevt_json_agent(w, out);
	strbuf_adds(out, ",\"event\":{");
	winevt_json_str(out, "action", d->task_name, true);
	winevt_json_str(out, "code", code, false);
	winevt_json_str(out, "created", created, false);
	winevt_json_str(out, "kind", "event", false);
	if (security)
		winevt_json_str(out, "outcome", w->failure ? "failure" : "success", false);
	winevt_json_str(out, "provider", w->channel->provider, false);
	strbuf_adds(out, "},\"host\":{");
	winevt_json_str(out, "name", strbuf_str(&w->computer), true);
	strbuf_adds(out, "},\"log\":{\"level\":\"information\"}");
	strbuf_init(&message);
	if (security)
		winevt_security_message(w, &message);
	else
		winevt_sysmon_message(w, &message);
	winevt_json_str(out, "message", strbuf_str(&message), false);
	strbuf_free(&message);
	strbuf_adds(out, ",\"winlog\":{");
	winevt_json_str(out, "api", "wineventlog", true);
	winevt_json_str(out, "channel", w->channel->name, false);
	winevt_json_str(out, "computer_name", strbuf_str(&w->computer), false);
	winevt_json_event_data(w, out);
	winevt_json_str(out, "event_id", code, false);
	if (security) {
		winevt_json_key(out, "keywords", false);
		strbuf_adds(out, w->failure ? "[\"Audit Failure\"]" : "[\"Audit Success\"]");
	}
	winevt_json_str(out, "opcode", "Info", false);
	strbuf_addf(out, ",\"process\":{\"pid\":%u,\"thread\":{\"id\":%u}}",
		    (unsigned)w->exec_pid, (unsigned)winevt_thread_id(w));
	winevt_json_str(out, "provider_guid", w->channel->guid, false);
	winevt_json_str(out, "provider_name", w->channel->provider, false);
	strbuf_addf(out, ",\"record_id\":%llu",
		    (unsigned long long)w->s->record.record_id);
	winevt_json_str(out, "task", d->task_name, false);
	if (w->channel->user_sid != NULL) {
		/* Sysmon runs as SYSTEM; Winlogbeat names the SID's account. */
		strbuf_adds(out, ",\"user\":{\"domain\":\"NT AUTHORITY\",\"identifier\":\"");
		strbuf_adds(out, w->channel->user_sid);
		strbuf_adds(out, "\",\"name\":\"SYSTEM\",\"type\":\"Well Known Group\"}");
	}
	if (d->version != 0)
		strbuf_addf(out, ",\"version\":%u", d->version);
	strbuf_adds(out, "}}\n");
}

/* ---- Rendering -------------------------------------------------------- */

enum event_render fmt_winevt_render(const struct fmt_winevt_settings *s,
				    const struct event *ev, struct strbuf *out)
{
	struct winevt w;
	char system_time[WINEVT_TIME_SIZE], iso[SIMCLOCK_ISO_SIZE];

	memset(&w, 0, sizeof w);
	w.def = winevt_def_of(s, ev);
	if (w.def == NULL || ev->host < 0)
		return EVENT_NOT_RENDERED;
	if (s->net == NULL || ev->host >= s->net->nhosts)
		return EVENT_BAD;
	w.host = &s->net->hosts[ev->host];
	if (!net_host_runs_windows(w.host))
		return EVENT_NOT_RENDERED;
	if (s->record.record_id == 0 ||
	    !winevt_system_time(s->clock, ev->time, system_time) ||
	    !simclock_format_utc(s->clock, ev->time + s->read_delay, iso, sizeof iso))
		return EVENT_BAD;
	/* event.created in milliseconds, as Winlogbeat stamps it. */
	memcpy(iso + 23, "Z", 2);

	w.s = s;
	w.ev = ev;
	w.channel = s->channel == FMT_WINEVT_SECURITY ? &winevt_security : &winevt_sysmon;
	w.failure = winevt_is_failure(w.def, ev);
	strbuf_init(&w.text);
	strbuf_init(&w.tmp);
	strbuf_init(&w.computer);
	strbuf_adds(&w.computer, w.host->name);
	if (s->dns_suffix != NULL && s->dns_suffix[0] != '\0') {
		strbuf_addc(&w.computer, '.');
		strbuf_adds(&w.computer, s->dns_suffix);
	}
	if (w.channel == &winevt_sysmon)
		w.exec_pid = winevt_sysmon_pid(&w);
	else if (w.def == &winevt_defs[WINEVT_4688])
		w.exec_pid = 4; /* the kernel (System) audits process creation */
	else
		w.exec_pid = winevt_lsass_pid(&w);
	w.def->build(&w);

	if (s->style == FMT_WINEVT_JSON)
		winevt_json(&w, system_time, iso, out);
	else
		winevt_xml(&w, system_time, out);
	strbuf_free(&w.text);
	strbuf_free(&w.tmp);
	strbuf_free(&w.computer);
	return EVENT_RENDERED;
}
