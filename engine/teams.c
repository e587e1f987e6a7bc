/*
 * teams.c - team names, their zones, and the shared-mode zone check.
 */
#include "teams.h"

#include <stdio.h>
#include <string.h>

bool teams_mode_parse(const char *s, enum teams_mode *out)
{
	if (strcmp(s, "parallel") == 0)
		*out = TEAMS_PARALLEL;
	else if (strcmp(s, "shared") == 0)
		*out = TEAMS_SHARED;
	else
		return false;
	return true;
}

const char *teams_mode_name(enum teams_mode mode)
{
	return mode == TEAMS_SHARED ? "shared" : "parallel";
}

/* A word an actions file or a zone list can hold: no space, control
 * character, '#', ',', '=' or '+'. */
static bool teams_word_ok(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == 0x7f || strchr("#,=+", s[i]))
			return false;
	return true;
}

int teams_find(const struct teams *t, const char *name)
{
	for (int i = 0; i < t->n; i++)
		if (strcmp(t->v[i].name, name) == 0)
			return i;
	return -1;
}

int teams_add(struct teams *t, const char *name, const char *zones, char *why, size_t size)
{
	size_t n = strlen(name), z = strlen(zones);
	struct teams_team *team;

	if (n == 0) {
		snprintf(why, size, "a team has an empty name");
		return -1;
	}
	if (n >= ACTION_TEAM_MAX) {
		snprintf(why, size, "team '%s' is longer than %d bytes", name, ACTION_TEAM_MAX - 1);
		return -1;
	}
	if (!teams_word_ok(name, n)) {
		snprintf(why, size, "team '%s' has a space, a control character or one of # , = + in its name", name);
		return -1;
	}
	if (strcmp(name, "white") == 0 || strcmp(name, "white-cell") == 0) {
		snprintf(why, size, "team '%s': the name is the white cell's", name);
		return -1;
	}
	if (teams_find(t, name) >= 0) {
		snprintf(why, size, "team '%s' is named twice", name);
		return -1;
	}
	if (t->n == TEAMS_MAX) {
		snprintf(why, size, "more than %d teams", TEAMS_MAX);
		return -1;
	}
	if (z >= TEAMS_ZONES_TEXT) {
		snprintf(why, size, "team '%s' has a zone list longer than %d bytes", name, TEAMS_ZONES_TEXT - 1);
		return -1;
	}
	team = &t->v[t->n];
	memset(team, 0, sizeof(*team));
	memcpy(team->name, name, n + 1);
	memcpy(team->zones, zones, z + 1);
	/* Check the zones' spelling now; their sites come with a network. */
	for (const char *p = zones; z > 0;) {
		size_t k = strcspn(p, "+");
		int count = 0;

		if (k == 0) {
			snprintf(why, size, "team '%s' has an empty zone in '%s'", name, zones);
			return -1;
		}
		if (!teams_word_ok(p, k)) {
			snprintf(why, size, "team '%s' has a zone '%.*s' that is not a site id", name, (int)k, p);
			return -1;
		}
		for (const char *q = zones; q < p; q += strcspn(q, "+") + 1)
			count += strcspn(q, "+") == k && strncmp(q, p, k) == 0;
		if (count) {
			snprintf(why, size, "team '%s' names zone '%.*s' twice", name, (int)k, p);
			return -1;
		}
		if (++team->nsites > TEAMS_ZONES_MAX) {
			snprintf(why, size, "team '%s' has more than %d zones", name, TEAMS_ZONES_MAX);
			return -1;
		}
		if (p[k] == '\0')
			break;
		p += k + 1;
	}
	team->nsites = 0;
	t->n++;
	return 0;
}

int teams_parse(const char *spec, struct teams *t, char *why, size_t size)
{
	const char *p = spec;
	char item[ACTION_TEAM_MAX + TEAMS_ZONES_TEXT + 2], reason[sizeof(item) + 128];

	t->n = 0;
	t->net = NULL;
	for (;;) {
		size_t n = strcspn(p, ",");
		char *eq;

		if (n >= sizeof(item)) {
			snprintf(why, size, "--teams: '%.40s…' is too long for a team and its zones", p);
			return -1;
		}
		memcpy(item, p, n);
		item[n] = '\0';
		eq = strchr(item, '=');
		if (eq)
			*eq++ = '\0';
		if (eq && *eq == '\0')
			snprintf(reason, sizeof(reason), "team '%s' has '=' but no zones", item);
		if ((eq && *eq == '\0') || teams_add(t, item, eq ? eq : "", reason, sizeof(reason)) != 0) {
			snprintf(why, size, "--teams '%s': %s", spec, reason);
			return -1;
		}
		if (p[n] == '\0')
			return 0;
		p += n + 1;
	}
}

int teams_resolve(struct teams *t, const struct net *net, char *why, size_t size)
{
	for (int i = 0; i < t->n; i++) {
		struct teams_team *team = &t->v[i];
		const char *p = team->zones;

		team->nsites = 0;
		while (*p) {
			size_t k = strcspn(p, "+");
			char zone[TEAMS_ZONES_TEXT];
			int site;

			snprintf(zone, sizeof(zone), "%.*s", (int)k, p);
			site = net_site_find(net, zone);
			if (site < 0) {
				snprintf(why, size, "--teams: team '%s': no zone '%s' in network %s (a zone is a site id "
					 "of the network model, such as %s)", team->name, zone, net->id,
					 net->nsites ? net->sites[0].id : "?");
				return -1;
			}
			team->sites[team->nsites++] = site;
			p += k + (p[k] == '+');
		}
	}
	t->net = net;
	return 0;
}

static bool teams_in_zones(const struct net *net, const struct teams_team *team, int site)
{
	for (int i = 0; i < team->nsites; i++)
		if (net_site_within(net, site, team->sites[i]))
			return true;
	return false;
}

bool teams_owns_site(const struct teams *t, int team, int site)
{
	if (t->v[team].nsites > 0)
		return teams_in_zones(t->net, &t->v[team], site);
	for (int i = 0; i < t->n; i++)
		if (i != team && teams_in_zones(t->net, &t->v[i], site))
			return false;
	return true;
}

/* Does the team own a site of kind soc: is it the provincial SOC? */
static bool teams_is_soc(const struct teams *t, int team)
{
	for (int s = 0; s < t->net->nsites; s++)
		if (t->net->sites[s].kind == NET_SITE_SOC && teams_owns_site(t, team, s))
			return true;
	return false;
}

bool teams_sees_sensor(const struct teams *t, int team, int sensor)
{
	const struct net *net;
	const struct net_sensor *x;

	if (t == NULL || t->net == NULL || team < 0 || team >= t->n || t->mode != TEAMS_SHARED)
		return true;
	net = t->net;
	if (sensor < 0 || sensor >= net->nsensors)
		return false;
	x = &net->sensors[sensor];
	if (teams_owns_site(t, team, x->site) || (x->firewall >= 0 && teams_owns_site(t, team, x->firewall)))
		return true;
	for (int i = 0; i < x->nsites; i++)
		if (teams_owns_site(t, team, x->sites[i]))
			return true;
	for (int i = 0; i < x->nsegments; i++)
		if (teams_owns_site(t, team, net->segments[x->segments[i]].site))
			return true;
	for (int i = 0; i < x->nhosts; i++)
		if (teams_owns_site(t, team, net->hosts[x->hosts[i]].site))
			return true;
	for (int i = 0; i < net->nsystems; i++) {
		bool watched = x->monitored_systems && net->systems[i].monitored;

		for (int k = 0; !watched && k < x->nsystems; k++)
			watched = x->systems[k] == i;
		if (watched && teams_owns_site(t, team, net->systems[i].owner))
			return true;
	}
	return strcmp(x->type, "apt") == 0 && teams_is_soc(t, team);
}

/* "(d1, dc)", or "(none: other teams hold them all)" for its zones. */
static void teams_zone_list(const struct teams *t, int team, char *buf, size_t size)
{
	if (t->v[team].nsites > 0) {
		snprintf(buf, size, "%s", t->v[team].zones);
		for (char *p = buf; (p = strchr(p, '+')) != NULL;)
			*p = ',';
		return;
	}
	snprintf(buf, size, "what no other team's zones hold");
}

int teams_check(const struct teams *t, const struct action *a, char *err, size_t errlen)
{
	const struct net *net = t->net;
	int team = teams_find(t, a->team), site = -1;
	char what[ACTION_VALUE_MAX + 32], zones[TEAMS_ZONES_TEXT + 40];

	/* The white cell's controls touch no team's zone. */
	if (a->verb == ACTION_WHITE)
		return 0;
	if (team < 0) {
		snprintf(err, errlen, "'%s' is not one of the drill's teams", a->team);
		return -1;
	}
	if (t->mode != TEAMS_SHARED)
		return 0;
	switch (a->verb) {
	case ACTION_ISOLATE:
	case ACTION_RELEASE:
	case ACTION_PATCH:
	case ACTION_KILL:
	case ACTION_REIMAGE:
	case ACTION_SHUTDOWN:
	case ACTION_START:
	case ACTION_RESTORE:
		if (a->system >= 0) {
			site = net->systems[a->system].owner;
			snprintf(what, sizeof(what), "system %s", net->systems[a->system].id);
		} else {
			site = net->hosts[a->host].site;
			snprintf(what, sizeof(what), "%s", net->hosts[a->host].name);
		}
		break;
	case ACTION_DISABLE_ACCOUNT:
	case ACTION_ENABLE_ACCOUNT:
	case ACTION_RESET_PASSWORD:
		site = net->accounts[a->account].site;
		snprintf(what, sizeof(what), "account %s", net->accounts[a->account].name);
		break;
	case ACTION_BLOCK:
	case ACTION_UNBLOCK:
		if (a->site < 0) {
			/* Every firewall: the team must own the whole province. */
			for (int s = 0; s < net->nsites; s++)
				if (net->sites[s].parent < 0 && !teams_owns_site(t, team, s)) {
					teams_zone_list(t, team, zones, sizeof(zones));
					snprintf(err, errlen, "a block everywhere reaches every firewall of the "
						 "province, not only team %s's zones (%s); block at one of its sites",
						 a->team, zones);
					return -1;
				}
			return 0;
		}
		site = a->site;
		snprintf(what, sizeof(what), "the firewall at %s", net->sites[site].id);
		break;
	case ACTION_ACK:
	case ACTION_CLASSIFY:
	case ACTION_NOTE:
	case ACTION_REPORT:
	case ACTION_ESCALATE:
	case ACTION_HINT:
	case ACTION_VERB_COUNT:
	case ACTION_WHITE:
		return 0;
	}
	if (site < 0 || teams_owns_site(t, team, site))
		return 0;
	teams_zone_list(t, team, zones, sizeof(zones));
	snprintf(err, errlen, "%s is in zone %s, not one of team %s's zones (%s)", what, net->sites[site].id, a->team,
		 zones);
	return -1;
}

int teams_check_alert(const struct teams *t, const struct action *a, const struct alert *al, char *err,
		      size_t errlen)
{
	int team = teams_find(t, a->team);
	char id[16];

	if (al == NULL || (a->verb != ACTION_ACK && a->verb != ACTION_CLASSIFY) || team < 0 ||
	    teams_sees_sensor(t, team, al->sensor))
		return 0;
	action_alert_id(al->number, id, sizeof(id));
	snprintf(err, errlen, "%s was raised by %s, a sensor team %s does not see", id,
		 al->sensor >= 0 && al->sensor < t->net->nsensors ? t->net->sensors[al->sensor].id : "?", a->team);
	return -1;
}
