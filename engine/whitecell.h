/*
 * whitecell.h - the white cell's controls as actions: parsed, checked,
 * committed and applied on the drill's action path like a team's.
 *
 * A control is an action of verb ACTION_WHITE and team WHITECELL_TEAM
 * whose value is the control as written back ("mark soc detect met
 * seen in time"):
 *
 *   mark TEAM EXPECTATION met|missed [NOTE]   settle an expectation (score_mark)
 *   event SENSOR FROM TO[:PORT] TEXT          a hand-written record on a network sensor
 *   msg TEAM|all TEXT                         a message to a team, on the timeline
 *   hint TEAM TEXT                            the team's hint action with the text (-5), and the text to it
 *   pause, resume, speed xN                   the console's pace (timeline only)
 *
 * Parsing checks what the network can tell; what only the running drill
 * knows (the team, the expectation, marked so already) is checked when
 * the control falls due (whitecell_take, the drill's white-cell hook),
 * so it is refused, committed with the reason and without effect, as a
 * team's action is.  Applying a control again at its simulated time in a
 * re-simulation gives the same score rows, sensor records and timeline
 * (the record's connection number is the drill's next, in order).
 * Pause, resume and speed are wall-clock pacing: recorded, not replayed.
 *
 * Depends on action, drill, net, event, sensor and score.
 */
#ifndef WHITECELL_H
#define WHITECELL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "action.h"
#include "event.h"
#include "net.h"

struct drill;

/* Its team name in the store, on the timeline and in an actions file
 * (where "white" says the same). */
#define WHITECELL_TEAM "white-cell"
#define WHITECELL_TEAM_SHORT "white"
/* The port an injected event goes to when TO gives none. */
#define WHITECELL_EVENT_PORT 80

/* Is name the white cell's ("white-cell" or "white")? */
bool whitecell_is_team(const char *name);
/* Is the action one of the white cell's controls? */
bool whitecell_is(const struct action *a);

/*
 * Parse a control ("mark soc keep-up met", "event ids-dc 198.51.100.9
 * portal:443 Beacon", "msg all Phones are down", "pause", "speed 5") into
 * *out (verb ACTION_WHITE, team WHITECELL_TEAM; time and line left to
 * the caller); 0, or -1 with a plain-words message.  in_file: an actions
 * file, where pause, resume and speed are refused (a scripted drill keeps
 * --speed's pace).
 */
int whitecell_parse(const struct net *net, const char *command, bool in_file, struct action *out, char *err,
		    size_t errlen);

/* The team a control is for ("" for none or all): in a parallel drill it
 * goes to that team's world only, the others to every world. */
const char *whitecell_for(const struct action *a, char *buf, size_t size);

/*
 * The drill's white-cell hook (drill_on_white), ctx a struct score * or
 * NULL: apply false checks the control (0, or -1 with why), apply true
 * takes it: the mark's score row, the record on the sensor, the message,
 * each on the timeline as the white cell's.
 */
int whitecell_take(void *ctx, struct drill *d, const struct action *a, bool apply, char *err, size_t errlen);

/*
 * A hand-written record for the sensor named sensor: an IDS alert
 * (Suricata, APT), a notice (Zeek) or an IPS verdict (FortiGate, CEF),
 * from FROM to TO[:PORT] (a host of the network or an IPv4 address),
 * saying text, at time now on connection serial.  0 with *ev (pointing
 * into text) and *sensor_index set, or -1 with a translated message.
 */
int whitecell_event_build(const struct net *net, const char *sensor, const char *from, const char *to,
			  const char *text, sim_time_t now, uint64_t serial, struct event *ev, int *sensor_index,
			  char *err, size_t errlen);

#endif
