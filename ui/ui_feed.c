#include "ui_feed.h"

#include <stdlib.h>
#include <string.h>

#include "ui_text.h"
#include "xmalloc.h"

void ui_feed_init(struct ui_feed *f, const struct net *net, struct render *render)
{
	memset(f, 0, sizeof(*f));
	f->net = net;
	f->render = render;
	for (int i = 0; i < RENDER_MAX_FILES; i++)
		strbuf_init(&f->out[i]);
}

void ui_feed_free(struct ui_feed *f)
{
	for (int i = 0; i < UI_FEED_LINES; i++)
		free(f->lines[i].text);
	for (int i = 0; i < RENDER_MAX_FILES; i++)
		strbuf_free(&f->out[i]);
	render_free(f->render);
	memset(f, 0, sizeof(*f));
}

void ui_feed_add(struct ui_feed *f, sim_time_t time, int sensor, enum sensor_type type, const int hosts[2],
		 const char *text)
{
	struct ui_feed_line *l = &f->lines[f->seq % UI_FEED_LINES];
	const char *nl = strchr(text, '\n');

	free(l->text);
	l->text = nl ? xstrndup(text, (size_t)(nl - text)) : xstrdup(text);
	l->seq = ++f->seq;
	l->time = time;
	l->sensor = sensor;
	l->type = type;
	l->hosts[0] = hosts[0];
	l->hosts[1] = hosts[1];
	f->changed = true;
}

void ui_feed_listen(void *ctx, const struct event *ev, enum sensor_type type)
{
	struct ui_feed *f = ctx;
	int hosts[2] = { ev->host, -1 };
	int n;

	if (ev->host < 0 && ev->conn.orig_ip) {
		hosts[0] = net_host_by_ip(f->net, ev->conn.orig_ip);
		hosts[1] = net_host_by_ip(f->net, ev->conn.resp_ip);
	}
	for (int i = 0; i < RENDER_MAX_FILES; i++)
		strbuf_reset(&f->out[i]);
	n = render_event(f->render, ev, type, f->out, NULL);
	/* A Windows record goes to its XML export and to Winlogbeat: the
	 * feed shows the first file that got the record, once. */
	for (int i = 0; n > 0 && i < RENDER_MAX_FILES; i++) {
		const char *s = strbuf_str(&f->out[i]);

		if (f->out[i].len == 0)
			continue;
		while (*s) {
			const char *nl = strchr(s, '\n');

			ui_feed_add(f, ev->time, ev->sensor, type, hosts, s);
			if (nl == NULL)
				break;
			s = nl + 1;
		}
		break;
	}
}

void ui_feed_pause(struct ui_feed *f, bool paused)
{
	f->pinned = paused ? (f->seq ? f->seq : 1) : 0;
	f->changed = true;
}

bool ui_feed_paused(const struct ui_feed *f)
{
	return f->pinned != 0;
}

static bool ui_feed_host_match(const struct ui_feed *f, const struct ui_feed_line *l)
{
	for (int i = 0; i < 2; i++)
		if (l->hosts[i] >= 0 && ui_text_contains(f->net->hosts[l->hosts[i]].name, f->filter.host))
			return true;
	return ui_text_contains(l->text, f->filter.host);
}

bool ui_feed_match(const struct ui_feed *f, const struct ui_feed_line *l)
{
	const struct ui_feed_filter *flt = &f->filter;

	if (f->sensors && l->sensor >= 0 && !f->sensors[l->sensor])
		return false;
	if (flt->sensor[0]) {
		const char *id = l->sensor >= 0 ? f->net->sensors[l->sensor].id : "";

		if (!ui_text_contains(id, flt->sensor) && !ui_text_contains(sensor_type_name(l->type), flt->sensor))
			return false;
	}
	if (flt->host[0] && !ui_feed_host_match(f, l))
		return false;
	return flt->text[0] == '\0' || ui_text_contains(l->text, flt->text);
}

int ui_feed_view(const struct ui_feed *f, int back, const struct ui_feed_line **out, int max)
{
	uint64_t last = f->pinned ? f->pinned : f->seq;
	uint64_t first = f->seq > UI_FEED_LINES ? f->seq - UI_FEED_LINES + 1 : 1;
	int n = 0;

	if (max <= 0)
		return 0;
	/* Walk back from the newest shown line, then turn the result round. */
	for (uint64_t s = last; s >= first && s > 0 && n < max; s--) {
		const struct ui_feed_line *l = &f->lines[(s - 1) % UI_FEED_LINES];

		if (l->seq != s || !ui_feed_match(f, l))
			continue;
		if (back > 0) {
			back--;
			continue;
		}
		out[n++] = l;
	}
	for (int i = 0; i < n / 2; i++) {
		const struct ui_feed_line *t = out[i];

		out[i] = out[n - 1 - i];
		out[n - 1 - i] = t;
	}
	return n;
}
