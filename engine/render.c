#include "render.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

#include "fmt_cef.h"
#include "fmt_eve.h"
#include "fmt_fortigate.h"
#include "fmt_mail.h"
#include "fmt_sshd.h"
#include "fmt_winevt.h"
#include "fmt_zeek.h"
#include "hmap.h"
#include "xmalloc.h"

/* The province's Windows domain, as its event logs name it. */
#define RENDER_DOMAIN "BINHDUONG"
#define RENDER_DNS_SUFFIX "binhduong.gov.vn"

struct render {
	const struct net *net;
	const struct simclock *clock;
	uint64_t seed;
	struct fmt_zeek_settings zeek;
	/* EventRecordID so far, per (channel, host): a Windows log numbers
	 * its records on each machine. */
	uint64_t *winevt_records[2];
	/* Per firewall sensor: its name and serial, and the settings built
	 * from them (NULL for the other sensors). */
	struct render_firewall *firewalls;
};

struct render_firewall {
	char devname[64], devid[17];
	struct fmt_fortigate_settings fgt;
};

/* Every FortiGate: the LAN behind port1, the province's public servers
 * behind dmz, the Internet on wan1. */
static const struct fmt_fortigate_iface render_fgt_ifaces[] = {
	{ "port1", "lan" }, { "dmz", "dmz" }, { "wan1", "wan" },
};
static const struct fmt_fortigate_route render_fgt_routes[] = {
	{ 0x0a000000, 8, 0 },  /* 10.0.0.0/8 */
	{ 0xcb007100, 24, 1 }, /* 203.0.113.0/24 */
};
/* The GeoIP view of the drill's outside world (documentation ranges):
 * the domestic services staff use, and the foreign hosting the
 * attackers and scanners rent. */
static const struct fmt_fortigate_country render_fgt_countries[] = {
	{ 0xc0000200, 24, "Vietnam" },   /* 192.0.2.0/24 */
	{ 0xc6336400, 24, "Hong Kong" }, /* 198.51.100.0/24 */
};

/* What the province's Zeek is told are its own networks: the private
 * ranges and the province's public block. */
static const struct fmt_zeek_net render_local_nets[] = {
	{ 0x0a000000, 8 },  /* 10.0.0.0/8 */
	{ 0xac100000, 12 }, /* 172.16.0.0/12 */
	{ 0xc0a80000, 16 }, /* 192.168.0.0/16 */
	{ 0xcb007100, 24 }, /* 203.0.113.0/24 */
};

static const char *const render_eve_files[] = { "eve.json" };
/* What a syslog server receiving the device writes, one message a line. */
static const char *const render_fortigate_files[] = { "fortigate.log" };
static const char *const render_cef_files[] = { "cef.log" };
/* Debian's rsyslog files: the gateway's mail.log, a server's auth.log. */
static const char *const render_mail_files[] = { "mail.log" };
static const char *const render_auth_files[] = { "auth.log" };
/* The channel as exported to XML, and Winlogbeat's file output. */
static const char *const render_security_files[] = { "Security.xml", "winlogbeat.ndjson" };
static const char *const render_sysmon_files[] = { "Microsoft-Windows-Sysmon-Operational.xml",
						   "winlogbeat.ndjson" };
static const char *const render_zeek_files[] = {
	[FMT_ZEEK_CONN] = "conn.log", [FMT_ZEEK_DNS] = "dns.log", [FMT_ZEEK_HTTP] = "http.log",
	[FMT_ZEEK_SSL] = "ssl.log", [FMT_ZEEK_FILES] = "files.log", [FMT_ZEEK_NOTICE] = "notice.log",
};

/* A firewall's identity from its sensor id: "fgt-tdm" is FGT-TDM with
 * a FortiGate 100F serial derived from the name. */
static void render_firewall_init(struct render *r, int sensor)
{
	struct render_firewall *fw = &r->firewalls[sensor];
	const char *id = r->net->sensors[sensor].id;
	struct fmt_fortigate_settings *g = &fw->fgt;
	uint64_t h = event_derive_id(r->seed, (uint64_t)sensor, 0x666774);
	size_t i;

	for (i = 0; id[i] && i + 1 < sizeof(fw->devname); i++)
		fw->devname[i] = (char)toupper((unsigned char)id[i]);
	fw->devname[i] = '\0';
	snprintf(fw->devid, sizeof(fw->devid), "FG100FTK%08llu",
		 (unsigned long long)(event_derive_id(0, (uint64_t)sensor, 0x736e) % 100000000u));
	g->clock = r->clock;
	g->devname = fw->devname;
	g->devid = fw->devid;
	g->vdom = "root";
	g->pri = true;
	g->ifaces = render_fgt_ifaces;
	g->n_ifaces = sizeof(render_fgt_ifaces) / sizeof(render_fgt_ifaces[0]);
	g->wan_iface = 2;
	g->routes = render_fgt_routes;
	g->n_routes = sizeof(render_fgt_routes) / sizeof(render_fgt_routes[0]);
	g->countries = render_fgt_countries;
	g->n_countries = sizeof(render_fgt_countries) / sizeof(render_fgt_countries[0]);
	g->session_base = (uint32_t)h;
	g->ips_profile = "default";
	g->av_profile = "default";
	g->webfilter_profile = "default";
}

struct render *render_new(const struct net *net, const struct simclock *clock, uint64_t seed)
{
	struct render *r = xcalloc(1, sizeof(*r));

	r->net = net;
	r->clock = clock;
	r->seed = seed;
	r->zeek.clock = clock;
	r->zeek.id_seed = seed;
	r->zeek.local_nets = render_local_nets;
	r->zeek.n_local_nets = sizeof(render_local_nets) / sizeof(render_local_nets[0]);
	r->zeek.community_id = true;
	for (int c = 0; c < 2; c++)
		r->winevt_records[c] = xcalloc((size_t)net->nhosts + 1, sizeof(uint64_t));
	r->firewalls = xcalloc((size_t)net->nsensors + 1, sizeof(*r->firewalls));
	for (int i = 0; i < net->nsensors; i++)
		render_firewall_init(r, i);
	return r;
}

void render_free(struct render *r)
{
	if (r == NULL)
		return;
	free(r->winevt_records[0]);
	free(r->winevt_records[1]);
	free(r->firewalls);
	free(r);
}

int render_files(enum sensor_type type, const char *const **names)
{
	switch (type) {
	case SENSOR_SURICATA:
		*names = render_eve_files;
		return 1;
	case SENSOR_ZEEK:
		*names = render_zeek_files;
		return FMT_ZEEK_LOG_COUNT;
	case SENSOR_FORTIGATE:
		*names = render_fortigate_files;
		return 1;
	case SENSOR_CEF:
	case SENSOR_APT:
		*names = render_cef_files;
		return 1;
	case SENSOR_POSTFIX:
	case SENSOR_SPAMASSASSIN:
		*names = render_mail_files;
		return 1;
	case SENSOR_SSHD:
		*names = render_auth_files;
		return 1;
	case SENSOR_WINDOWS:
		*names = render_security_files;
		return 2;
	case SENSOR_SYSMON:
		*names = render_sysmon_files;
		return 2;
	default:
		*names = NULL;
		return 0;
	}
}

/* Both files of a Windows sensor get the record under one number. */
static int render_winevt(struct render *r, const struct event *ev, enum fmt_winevt_channel channel,
			 struct strbuf out[RENDER_MAX_FILES])
{
	struct fmt_winevt_settings s = {
		.clock = r->clock,
		.net = r->net,
		.channel = channel,
		.id_seed = r->seed,
		.domain = RENDER_DOMAIN,
		.dns_suffix = RENDER_DNS_SUFFIX,
		.agent_version = "8.11.1",
		.ecs_version = "8.0.0",
		.read_delay = 3 * SIM_SECOND / 2,
	};
	uint64_t *count;

	if (ev->host < 0 || ev->host >= r->net->nhosts)
		return 0;
	count = &r->winevt_records[channel][ev->host];
	s.record.record_id = *count + 1;
	s.style = FMT_WINEVT_XML;
	if (fmt_winevt_render(&s, ev, &out[0]) != EVENT_RENDERED)
		return 0;
	s.style = FMT_WINEVT_JSON;
	fmt_winevt_render(&s, ev, &out[1]);
	++*count;
	return 2;
}

bool render_spans_time(enum sensor_type type)
{
	return type == SENSOR_POSTFIX || type == SENSOR_SPAMASSASSIN || type == SENSOR_SSHD;
}

int render_event(struct render *r, const struct event *ev, enum sensor_type type,
		 struct strbuf out[RENDER_MAX_FILES], struct fmt_syslogfile_times *times)
{
	if (times != NULL)
		times->n = 0;
	switch (type) {
	case SENSOR_SURICATA: {
		struct fmt_eve_settings s = {
			.clock = r->clock,
			.id_seed = r->seed,
			.in_iface = "ens224",
			.sensor_name = r->net->sensors[ev->sensor].id,
			.community_id = true,
		};

		return fmt_eve_render(&s, ev, &out[0]) == EVENT_RENDERED;
	}
	case SENSOR_ZEEK: {
		enum fmt_zeek_log log;

		if (!fmt_zeek_log_of(ev, &log))
			return 0;
		return fmt_zeek_render(&r->zeek, ev, &out[log]) == EVENT_RENDERED;
	}
	case SENSOR_FORTIGATE:
		return fmt_fortigate_render(&r->firewalls[ev->sensor].fgt, ev, &out[0]) == EVENT_RENDERED;
	case SENSOR_CEF:
	case SENSOR_APT: {
		/* A district APT appliance reports its alerts in CEF; a
		 * FortiGate set to CEF sends its own logs that way. */
		struct fmt_cef_settings s = {
			.clock = r->clock,
			.syslog_header = true,
			.host = r->net->sensors[ev->sensor].id,
			.vendor = "NCSC",
			.product = "APT Sensor",
			.version = "3.2",
			.fortigate = type == SENSOR_CEF ? &r->firewalls[ev->sensor].fgt : NULL,
		};

		if (type == SENSOR_CEF)
			s.vendor = "Fortinet", s.product = "Fortigate", s.version = "v7.2.5", s.host = NULL;
		return fmt_cef_render(&s, ev, &out[0]) == EVENT_RENDERED;
	}
	case SENSOR_POSTFIX:
	case SENSOR_SPAMASSASSIN: {
		/* Debian 12's rsyslog template; spamd runs as debian-spamd. */
		struct fmt_mail_settings s = {
			.clock = r->clock,
			.style = FMT_SYSLOGFILE_RFC3339,
			.daemon = type == SENSOR_POSTFIX ? FMT_MAIL_POSTFIX : FMT_MAIL_SPAMD,
			.net = r->net,
			.id_seed = r->seed,
			.spamd_uid = 112,
			.times = times,
		};

		return fmt_mail_render(&s, ev, &out[0]) == EVENT_RENDERED;
	}
	case SENSOR_SSHD: {
		struct fmt_sshd_settings s = {
			.clock = r->clock,
			.style = FMT_SYSLOGFILE_RFC3339,
			.net = r->net,
			.id_seed = r->seed,
			.times = times,
		};

		return fmt_sshd_render(&s, ev, &out[0]) == EVENT_RENDERED;
	}
	case SENSOR_WINDOWS:
		return render_winevt(r, ev, FMT_WINEVT_SECURITY, out);
	case SENSOR_SYSMON:
		return render_winevt(r, ev, FMT_WINEVT_SYSMON, out);
	default:
		return 0;
	}
}

void render_file_start(const struct render *r, enum sensor_type type, int file, sim_time_t t,
		       struct strbuf *out)
{
	if (type == SENSOR_ZEEK)
		fmt_zeek_header(&r->zeek, (enum fmt_zeek_log)file, t, out);
}

void render_file_end(const struct render *r, enum sensor_type type, int file, sim_time_t t,
		     struct strbuf *out)
{
	(void)file;
	if (type == SENSOR_ZEEK)
		fmt_zeek_close(&r->zeek, t, out);
}
