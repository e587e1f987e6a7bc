/*
 * teams.h - the drill's teams, the zones each owns, and how their worlds
 * are laid out (the mode).
 *
 * `--teams NAME[=ZONE+ZONE],NAME…` names the teams; a zone is a site of
 * the network model (its id, as `irdrill net` and the model file give
 * it), and stands for the site and every site below it: a district takes
 * its communes.  `--mode` says how the teams play:
 *
 *   parallel  every team defends its own copy of the province against the
 *             same attack (same seed); zones do not apply, since each
 *             team owns all of its world.
 *   shared    one province; a team acts only inside its zones.  A team
 *             given no zones owns what no other team names: with none
 *             named anywhere every team owns the whole province, and
 *             `--teams d1=d1,prov` leaves prov everything but district d1.
 *
 * Parsing checks the spelling (teams_parse); zones are checked against a
 * loaded network (teams_resolve), which names the unknown one.  In shared
 * mode teams_check refuses, in plain words and before anything changes,
 * an action of a team on a host, account, system or firewall outside its
 * zones; the drill calls it on its action path (drill_on_check), with
 * teams_check_alert, which refuses triage of an alert raised by a sensor
 * the team does not see.
 *
 * Depends on net, action and alert.
 */
#ifndef TEAMS_H
#define TEAMS_H

#include <stdbool.h>
#include <stddef.h>

#include "action.h"
#include "alert.h"
#include "net.h"

#define TEAMS_MAX 16
#define TEAMS_ZONES_MAX 16
#define TEAMS_ZONES_TEXT 256 /* "d1+dc", as given */

enum teams_mode { TEAMS_PARALLEL, TEAMS_SHARED };

struct teams_team {
	char name[ACTION_TEAM_MAX];
	char zones[TEAMS_ZONES_TEXT]; /* '+'-separated site ids; "" for none */
	int sites[TEAMS_ZONES_MAX];   /* the zones as site indices (teams_resolve) */
	int nsites;
};

struct teams {
	enum teams_mode mode;
	struct teams_team v[TEAMS_MAX];
	int n;
	const struct net *net; /* set by teams_resolve */
};

/* "parallel" or "shared" into *out; false for anything else. */
bool teams_mode_parse(const char *s, enum teams_mode *out);
const char *teams_mode_name(enum teams_mode mode);

/*
 * Parse a --teams list into t->v and t->n (t->mode is left alone): names
 * an actions file can use as one word, each once, at most TEAMS_MAX;
 * zones spelt as site ids, each once per team.  0, or -1 with why (which
 * quotes the list and names the problem).
 */
int teams_parse(const char *spec, struct teams *t, char *why, size_t size);
/* Add a team by name with its zones as given ("" for none); the same
 * checks as teams_parse.  0, or -1 with why. */
int teams_add(struct teams *t, const char *name, const char *zones, char *why, size_t size);
/* The team of that name, or -1. */
int teams_find(const struct teams *t, const char *name);

/* Look every zone up in net (kept for teams_check); 0, or -1 with why
 * naming the team, the zone and the network. */
int teams_resolve(struct teams *t, const struct net *net, char *why, size_t size);

/* Does team (an index) own site in shared mode?  Its zones if it has
 * any, else every site no other team's zones hold. */
bool teams_owns_site(const struct teams *t, int team, int site);

/*
 * Does team (an index; -1 the white cell) see what sensor (an index of
 * the network's) raises and writes, on its console's alert queue and
 * feed?  The white cell sees every sensor, and so does every team in
 * parallel mode (its own province).  In shared mode a team sees a sensor
 * placed at a site it owns, or one covering its zones: watching a site,
 * segment, host or system (or, watch = { systems = "monitored" }, a
 * SOC-monitored system) inside them, or logging the firewall of a site
 * it owns.  The provincial SOC (the team owning a site of kind soc)
 * also sees every APT sensor, which reports to it (DOMAIN.md).
 */
bool teams_sees_sensor(const struct teams *t, int team, int sensor);

/*
 * May the action's team take it?  Always in parallel mode; in shared
 * mode, when what it touches (a host, an account, a system, the firewall
 * of a block, every firewall for "everywhere") is in its zones.  Triage,
 * notes, reports and escalations touch nothing in a zone.  0, or -1 with
 * the reason in err ("c1-pc-01 is in zone d1-c1, not one of team dc's
 * zones (dc)").  An unknown team is refused too.
 */
int teams_check(const struct teams *t, const struct action *a, char *err, size_t errlen);

/*
 * May the action's team triage the alert it names (al, NULL if it has
 * not been raised: the drill says so)?  In shared mode an ack or
 * classify of an alert whose sensor the team does not see
 * (teams_sees_sensor) is refused, so that a team scores detection only
 * for what its own console shows: "A-0007 was raised by ids-dc, a sensor
 * team d1 does not see".  Every other action, the white cell's and
 * parallel mode pass.  0, or -1 with the reason in err.
 */
int teams_check_alert(const struct teams *t, const struct action *a, const struct alert *al, char *err,
		      size_t errlen);

#endif
