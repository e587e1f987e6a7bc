#include "render.h"

#include <stdlib.h>

#include "fmt_eve.h"
#include "fmt_zeek.h"
#include "xmalloc.h"

struct render {
	const struct net *net;
	const struct simclock *clock;
	uint64_t seed;
	struct fmt_zeek_settings zeek;
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
	return r;
}

void render_free(struct render *r)
{
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
	default:
		*names = NULL;
		return 0;
	}
}

enum event_render render_event(const struct render *r, const struct event *ev, enum sensor_type type,
			       int file, struct strbuf *out)
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

		return fmt_eve_render(&s, ev, out);
	}
	case SENSOR_ZEEK: {
		enum fmt_zeek_log log;

		if (!fmt_zeek_log_of(ev, &log) || (int)log != file)
			return EVENT_NOT_RENDERED;
		return fmt_zeek_render(&r->zeek, ev, out);
	}
	default:
		return EVENT_NOT_RENDERED;
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
