/*
 * ui_view.h - what the console may read of the engine: a narrow,
 * read-only view of one drill in the chosen language.
 *
 * Drawing code reads the drill only through here (const all the way),
 * so nothing it does can change the simulation; commands (ui_cmd.h) are
 * the one way in.  Bilingual scenario text ("vi | en" messages, vi and
 * en titles, site names) comes out in the console's language.
 * A team's seat in a shared drill sees the alerts of its own sensors
 * only (sensors, shown).
 * Depends on drill, scenario and simclock.
 */
#ifndef UI_VIEW_H
#define UI_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "drill.h"

/* The alerts a team's seat is shown, by index, kept as they come. */
struct ui_view_shown {
	int *idx;
	int n, cap;
	int scanned; /* alerts looked at so far */
};

struct ui_view {
	const struct drill *d;
	bool vi; /* Vietnamese, else English */
	/* A team's console of a served drill: its own actions and the
	 * messages to it, no ground truth.  NULL: everything. */
	const char *team;
	/* The sensors the seat sees (teams_sees_sensor), by index; NULL:
	 * every one (the white cell, a parallel world).  shown is the
	 * model's, the alerts of those sensors. */
	const bool *sensors;
	struct ui_view_shown *shown;
};

#define UI_VIEW_LOCAL_SIZE 24

const struct net *ui_view_net(const struct ui_view *v);
sim_time_t ui_view_now(const struct ui_view *v);
sim_time_t ui_view_end(const struct ui_view *v);
bool ui_view_finished(const struct ui_view *v);

/* The scenario's id and title in the view's language. */
const char *ui_view_scenario_id(const struct ui_view *v);
const char *ui_view_title(const struct ui_view *v);
/* The province's name in the view's language. */
const char *ui_view_network_name(const struct ui_view *v);
const char *ui_view_site_name(const struct ui_view *v, int site);
const char *ui_view_system_name(const struct ui_view *v, int system);

/* "T+hh:mm:ss" of t, and its local date-time in the province's zone,
 * "2023-11-08 09:15:02". */
void ui_view_elapsed(sim_time_t t, char *buf, size_t size);
void ui_view_local(const struct ui_view *v, sim_time_t t, char buf[UI_VIEW_LOCAL_SIZE]);

/* The ground-truth timeline and the objectives (for a team: what the
 * team did and was told, and no objectives). */
size_t ui_view_entries(const struct ui_view *v);
/* Whether team sees the timeline entry: its own actions, the white
 * cell's for all or for it, and the messages to it or to all; never the
 * ground truth (steps, objectives). */
bool ui_view_entry_seen_by(const struct drill_entry *e, const char *team);
const struct drill_entry *ui_view_entry(const struct ui_view *v, size_t i);
size_t ui_view_objectives(const struct ui_view *v);
const struct drill_objective *ui_view_objective(const struct ui_view *v, size_t i);
const char *ui_view_objective_title(const struct ui_view *v, const struct drill_objective *o);

/* Whether the seat sees what the sensor (an index) raises and writes;
 * a line no sensor wrote (-1) is everyone's. */
bool ui_view_sees_sensor(const struct ui_view *v, int sensor);

/* The alerts raised so far by the sensors the seat sees (oldest 0), and
 * how many of them are not yet acknowledged. */
int ui_view_alerts(const struct ui_view *v);
const struct alert *ui_view_alert(const struct ui_view *v, int i);
int ui_view_new_alerts(const struct ui_view *v);

/* The part of a "vi | en" text in the view's language (the whole text
 * when it has no such split). */
void ui_view_text(const struct ui_view *v, const char *text, char *out, size_t size);

#endif
