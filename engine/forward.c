#include "forward.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "syslog_frame.h"
#include "xmalloc.h"

struct forward {
	const struct net *net;
	struct render *render;
	struct sink_syslog *sink;
	struct strbuf lines[RENDER_MAX_FILES];
};

struct forward *forward_open(const char *spec, const struct net *net, const struct simclock *clock,
			     uint64_t seed, struct strbuf *err)
{
	struct sink_syslog_options opt = { 0 };
	struct sink_syslog *sink = sink_syslog_open(spec, clock, &opt, err);
	struct forward *f;

	if (sink == NULL)
		return NULL;
	f = xcalloc(1, sizeof(*f));
	f->net = net;
	f->render = render_new(net, clock, seed);
	f->sink = sink;
	return f;
}

/* Host logs come from the host; network products from their sensor. */
static const char *forward_hostname(const struct forward *f, const struct event *ev, enum sensor_type type)
{
	if (type >= SENSOR_WINDOWS && ev->host >= 0 && ev->host < f->net->nhosts)
		return f->net->hosts[ev->host].name;
	return f->net->sensors[ev->sensor].id;
}

void forward_event(void *fwd, const struct event *ev, enum sensor_type type)
{
	struct forward *f = fwd;
	const char *const *names;
	int nfiles = render_files(type, &names);
	struct syslog_msg m = { 0 };

	for (int i = 0; i < nfiles; i++)
		strbuf_reset(&f->lines[i]);
	if (nfiles == 0 || render_event(f->render, ev, type, f->lines, NULL) == 0)
		return;
	m.facility = SYSLOG_FAC_LOCAL7;
	m.severity = ev->kind == EVENT_ALERT || ev->kind == EVENT_UTM ? SYSLOG_SEV_WARNING : SYSLOG_SEV_INFO;
	m.time = ev->time;
	m.hostname = forward_hostname(f, ev, type);
	m.app = sensor_type_name(type);
	/* One message per line of the product's first file: the XML event,
	 * not its Winlogbeat copy; every line of a mail's life. */
	for (const char *p = strbuf_str(&f->lines[0]); *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (len > 0 && p[0] == '<') {
			const char *close = memchr(p, '>', len < 5 ? len : 5);

			if (close)
				len -= (size_t)(close + 1 - p), p = close + 1;
		}
		m.msg = p;
		m.msg_len = len;
		sink_syslog_send(f->sink, &m);
		p += len + (nl != NULL);
	}
}

void forward_flush(struct forward *f, int64_t wall_now_us)
{
	sink_syslog_flush(f->sink, wall_now_us);
}

void forward_keep_up(struct forward *f, int64_t (*wall_now_us)(void))
{
	struct sink_syslog_stats st;

	for (;;) {
		sink_syslog_flush(f->sink, wall_now_us());
		sink_syslog_stats(f->sink, &st);
		if (st.pending < 4096 || !st.connected)
			return;
		nanosleep(&(struct timespec){ 0, 1000000 }, NULL);
	}
}

void forward_close(struct forward *f, int64_t deadline_us, struct sink_syslog_stats *st)
{
	sink_syslog_close(f->sink, deadline_us, st);
	render_free(f->render);
	for (int i = 0; i < RENDER_MAX_FILES; i++)
		strbuf_free(&f->lines[i]);
	free(f);
}
