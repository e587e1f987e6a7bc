/*
 * ui_wc.h - the white cell's controls on the console's command line, and
 * the seat that may use them.
 *
 * A console sits as the white cell (with one team, whose actions it
 * types) or as a team alone (irdrill run --as TEAM): a team's seat is
 * refused every control of the white cell's with a message saying so.
 * The controls here: hint TEAM TEXT (a hint action queued for the team,
 * committed to the exercise store and scored like any action, and the
 * text sent to the team), mark TEAM EXPECTATION met|missed [NOTE]
 * (score_mark, on the timeline), event SENSOR FROM TO[:PORT] TEXT (a
 * hand-written record through the sensor pipeline: files, feed, alerts),
 * msg TEAM|all TEXT.  Each checks everything first and changes nothing
 * on an error; then it is the white cell's action (whitecell.h),
 * committed to the store before it takes effect.  ui_wc_event_build is pure, for the unit tests.
 * Depends on ui_model, ui_cmd, score, drill and event.
 */
#ifndef UI_WC_H
#define UI_WC_H

#include <stddef.h>

#include "event.h"
#include "ui_model.h"
#include "whitecell.h"

/* The port an injected event goes to when TO gives none. */
#define UI_WC_EVENT_PORT WHITECELL_EVENT_PORT
/* At most this many teams are listed and completed. */
#define UI_WC_TEAMS 17

/* 0 if the seat is the white cell's, else -1 after saying so. */
int ui_wc_seat(struct ui_model *m);
/* The drill's teams (the score's, else the console's team), then "all"
 * when with_all; returns the count. */
int ui_wc_teams(const struct ui_model *m, const char *out[UI_WC_TEAMS], bool with_all);
/* Whether name is one of the drill's teams. */
bool ui_wc_team_known(const struct ui_model *m, const char *name);

/*
 * A hand-written record for the sensor named sensor: an IDS alert
 * (Suricata, APT), a notice (Zeek) or an IPS verdict (FortiGate, CEF),
 * from FROM to TO[:PORT] (a host of the network or an IPv4 address),
 * saying text, at time now on connection serial.  0 with *ev (pointing
 * into text) and *sensor_index set, or -1 with a message: unknown
 * sensor, a sensor of host logs, a bad end or port.  The messages are
 * translated.
 */
int ui_wc_event_build(const struct net *net, const char *sensor, const char *from, const char *to,
		      const char *text, sim_time_t now, uint64_t serial, struct event *ev, int *sensor_index,
		      char *err, size_t errlen);

/* Take a control of the white cell's ("mark soc detect met", "pause")
 * on the drill's action path: parsed, committed to the exercise store,
 * checked and applied as it falls due now, like a team's action.  0, or
 * -1 with the error shown. */
int ui_wc_control(struct ui_model *m, const char *line);

/* The commands, in ui_cmd's table. */
int ui_wc_hint(struct ui_model *m, int argc, char **argv, const char *rest);
int ui_wc_mark(struct ui_model *m, int argc, char **argv, const char *rest);
int ui_wc_event(struct ui_model *m, int argc, char **argv, const char *rest);
int ui_wc_msg(struct ui_model *m, int argc, char **argv, const char *rest);

#endif
