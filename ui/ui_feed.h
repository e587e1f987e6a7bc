/*
 * ui_feed.h - the event feed: the last sensor lines, exactly as the
 * sensors' files have them, in a bounded ring.
 *
 * The drill hands every sensor's copy of every record to ui_feed_listen,
 * which renders it through render_event (the same text the file sink
 * writes) and keeps the newest UI_FEED_LINES lines; older ones fall off.
 * However fast records come, the console only ever looks at this ring,
 * so drawing costs the same at 10 or 100,000 records a second: the
 * feed is coalesced to what fits.  Filters (sensor, host, text) and the
 * pause apply to what is shown, not to what is kept.  Depends on render,
 * net, sensor, strbuf and ui_text.
 */
#ifndef UI_FEED_H
#define UI_FEED_H

#include <stdbool.h>
#include <stdint.h>

#include "render.h"
#include "sensor.h"
#include "simclock.h"

#define UI_FEED_LINES 4096
#define UI_FEED_FILTER_MAX 64

struct ui_feed_line {
	uint64_t seq; /* from 1; 0: the slot is empty */
	sim_time_t time;
	int sensor;   /* index in the network's sensors, -1 none */
	enum sensor_type type;
	int hosts[2]; /* the hosts involved, -1 none */
	char *text;   /* owned; one line, no newline */
};

struct ui_feed_filter {
	char sensor[UI_FEED_FILTER_MAX]; /* part of the sensor's id or its type */
	char host[UI_FEED_FILTER_MAX];   /* part of a host's name, or of the line */
	char text[UI_FEED_FILTER_MAX];   /* part of the line */
};

struct ui_feed {
	const struct net *net;
	struct render *render; /* owned; NULL when lines are added by hand */
	struct ui_feed_line lines[UI_FEED_LINES];
	uint64_t seq;          /* of the newest line */
	uint64_t pinned;       /* paused: nothing newer is shown; 0 running */
	struct ui_feed_filter filter;
	const bool *sensors;   /* the seat's sensors by index (ui_view); NULL: all */
	struct strbuf out[RENDER_MAX_FILES];
	bool changed;          /* a line came since the console last looked */
};

/* render may be NULL (tests add lines with ui_feed_add); the feed owns it. */
void ui_feed_init(struct ui_feed *f, const struct net *net, struct render *render);
void ui_feed_free(struct ui_feed *f);

/* A drill listener (drill_listen): render the record, keep its lines. */
void ui_feed_listen(void *ctx, const struct event *ev, enum sensor_type type);
/* Keep one line (text is copied up to its first newline). */
void ui_feed_add(struct ui_feed *f, sim_time_t time, int sensor, enum sensor_type type, const int hosts[2],
		 const char *text);

void ui_feed_pause(struct ui_feed *f, bool paused);
bool ui_feed_paused(const struct ui_feed *f);

/* Does a line pass the filter (and come from a sensor the seat sees)? */
bool ui_feed_match(const struct ui_feed *f, const struct ui_feed_line *line);

/*
 * The shown lines, newest last: fills out with up to max lines that pass
 * the filter and are not newer than the pin, skipping the `back` newest
 * of them (scrolling).  Returns the count.
 */
int ui_feed_view(const struct ui_feed *f, int back, const struct ui_feed_line **out, int max);

#endif
