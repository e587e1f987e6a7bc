#include "render.h"

#include <stdlib.h>

#include "fmt_eve.h"
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
/* The channel as exported to XML, and Winlogbeat's file output. */
static const char *const render_security_files[] = { "Security.xml", "winlogbeat.ndjson" };
static const char *const render_sysmon_files[] = { "Microsoft-Windows-Sysmon-Operational.xml",
						   "winlogbeat.ndjson" };
static const char *const render_zeek_files[] = {
	[FMT_ZEEK_CONN] = "conn.log", [FMT_ZEEK_DNS] = "dns.log", [FMT_ZEEK_HTTP] = "http.log",
	[FMT_ZEEK_SSL] = "ssl.log", [FMT_ZEEK_FILES] = "files.log", [FMT_ZEEK_NOTICE] = "notice.log",
};

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
	return r;
}

void render_free(struct render *r)
{
	if (r == NULL)
		return;
	free(r->winevt_records[0]);
	free(r->winevt_records[1]);
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

int render_event(struct render *r, const struct event *ev, enum sensor_type type,
		 struct strbuf out[RENDER_MAX_FILES])
{
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
