#include "whitecell.h"

#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drill.h"
#include "ipaddr.h"
#include "score.h"
#include "sensor.h"

#define W_(s) gettext(s)

/* Signature ids local rules use, so an injected alert is told apart. */
#define WHITECELL_SID 9000001
#define WHITECELL_WORDS 5

bool whitecell_is_team(const char *name)
{
	return strcmp(name, WHITECELL_TEAM) == 0 || strcmp(name, WHITECELL_TEAM_SHORT) == 0;
}

bool whitecell_is(const struct action *a)
{
	return a->verb == ACTION_WHITE;
}

/* The first n words of s into w (each at most size bytes); returns how
 * many there were, and *rest the text after them. */
static int whitecell_split(const char *s, char w[][ACTION_VALUE_MAX], int n, const char **rest)
{
	int k = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	while (k < n && *s) {
		size_t len = strcspn(s, " \t");

		snprintf(w[k++], ACTION_VALUE_MAX, "%.*s", (int)len, s);
		s += len;
		while (*s == ' ' || *s == '\t')
			s++;
	}
	*rest = s;
	return k;
}

static int whitecell_usage(const char *usage, char *err, size_t errlen)
{
	snprintf(err, errlen, W_("usage: %s"), usage);
	return -1;
}

/* A host's name or an IPv4 address. */
static bool whitecell_end(const struct net *net, const char *s, uint32_t *ip)
{
	int h = net_host_find(net, s);

	if (h >= 0) {
		*ip = net->hosts[h].ip;
		return true;
	}
	return ipaddr_parse(s, ip);
}

int whitecell_event_build(const struct net *net, const char *sensor, const char *from, const char *to,
			  const char *text, sim_time_t now, uint64_t serial, struct event *ev, int *sensor_index,
			  char *err, size_t errlen)
{
	enum sensor_type type;
	char host[128];
	const char *colon = strrchr(to, ':');
	unsigned long port = WHITECELL_EVENT_PORT;
	uint32_t src, dst;
	int s = net_sensor_find(net, sensor);

	if (s < 0) {
		snprintf(err, errlen, W_("There is no sensor '%s' in the network (Tab lists them)."), sensor);
		return -1;
	}
	if (!sensor_type_parse(net->sensors[s].type, &type))
		type = SENSOR_TYPE_COUNT;
	if (type != SENSOR_SURICATA && type != SENSOR_APT && type != SENSOR_ZEEK && type != SENSOR_FORTIGATE &&
	    type != SENSOR_CEF) {
		snprintf(err, errlen, W_("%s reads host logs (%s): a hand-written event goes to a network sensor "
					 "(suricata, apt, zeek, fortigate or cef)."), sensor, net->sensors[s].type);
		return -1;
	}
	snprintf(host, sizeof(host), "%.*s", colon ? (int)(colon - to) : (int)strlen(to), to);
	if (colon) {
		char *end;

		port = strtoul(colon + 1, &end, 10);
		if (colon[1] < '0' || colon[1] > '9' || *end != '\0' || port == 0 || port > 65535) {
			snprintf(err, errlen, W_("'%s' is not a port (1 to 65535)."), colon + 1);
			return -1;
		}
	}
	if (!whitecell_end(net, from, &src)) {
		snprintf(err, errlen, W_("'%s' is neither a host of the network nor an IPv4 address."), from);
		return -1;
	}
	if (!whitecell_end(net, host, &dst)) {
		snprintf(err, errlen, W_("'%s' is neither a host of the network nor an IPv4 address."), host);
		return -1;
	}
	if (*text == '\0')
		return whitecell_usage("event SENSOR FROM TO[:PORT] TEXT", err, errlen);
	memset(ev, 0, sizeof(*ev));
	ev->time = now;
	ev->sensor = s;
	ev->host = -1;
	ev->dir = EVENT_FROM_ORIG;
	ev->conn.serial = serial;
	ev->conn.start = now;
	ev->conn.orig_ip = src;
	ev->conn.resp_ip = dst;
	ev->conn.orig_port = (uint16_t)(49152 + serial % 16384);
	ev->conn.resp_port = (uint16_t)port;
	ev->conn.proto = NET_PROTO_TCP;
	ev->conn.orig = (struct event_count){ 3, 180, 0 };
	ev->conn.resp = (struct event_count){ 2, 120, 0 };
	switch (type) {
	case SENSOR_ZEEK:
		ev->kind = EVENT_NOTICE;
		ev->u.notice.note = "Drill::Injected";
		ev->u.notice.msg = text;
		break;
	case SENSOR_FORTIGATE:
	case SENSOR_CEF:
		ev->kind = EVENT_UTM;
		ev->u.utm.type = EVENT_UTM_IPS;
		ev->u.utm.name = text;
		ev->u.utm.id = WHITECELL_SID;
		ev->u.utm.severity = 3;
		break;
	default:
		ev->kind = EVENT_ALERT;
		ev->u.alert.gid = 1;
		ev->u.alert.sid = WHITECELL_SID;
		ev->u.alert.rev = 1;
		ev->u.alert.signature = text;
		ev->u.alert.category = "";
		ev->u.alert.severity = 2;
		ev->u.alert.tx_id = EVENT_NO_TX;
		break;
	}
	*sensor_index = s;
	return 0;
}

static int whitecell_team_word(const char *team, char *err, size_t errlen)
{
	if (strlen(team) >= ACTION_TEAM_MAX) {
		snprintf(err, errlen, W_("There is no team '%s' in this drill (teams: %s)."), team, "…");
		return -1;
	}
	return 0;
}

int whitecell_parse(const struct net *net, const char *command, bool in_file, struct action *out, char *err,
		    size_t errlen)
{
	char w[WHITECELL_WORDS][ACTION_VALUE_MAX];
	const char *rest;
	int n = whitecell_split(command, w, WHITECELL_WORDS, &rest), len = -1;

	memset(out, 0, sizeof(*out));
	out->verb = ACTION_WHITE;
	out->host = out->system = out->account = out->site = -1;
	snprintf(out->team, sizeof(out->team), "%s", WHITECELL_TEAM);
	if (n == 0)
		return whitecell_usage("mark|event|msg …", err, errlen);
	if (strcmp(w[0], "mark") == 0) {
		n = whitecell_split(command, w, 4, &rest);
		if (n < 4)
			return whitecell_usage("mark TEAM EXPECTATION met|missed [NOTE]", err, errlen);
		if (strcmp(w[3], "met") != 0 && strcmp(w[3], "missed") != 0) {
			snprintf(err, errlen, W_("'%s' is not met or missed."), w[3]);
			return -1;
		}
		if (whitecell_team_word(w[1], err, errlen) != 0)
			return -1;
		len = snprintf(out->value, sizeof(out->value), "mark %s %s %s%s%s", w[1], w[2], w[3], *rest ? " " : "",
			       rest);
	} else if (strcmp(w[0], "event") == 0) {
		struct event ev;
		int s;

		n = whitecell_split(command, w, 4, &rest);
		if (n < 4 || *rest == '\0')
			return whitecell_usage("event SENSOR FROM TO[:PORT] TEXT", err, errlen);
		if (whitecell_event_build(net, w[1], w[2], w[3], rest, 0, 0, &ev, &s, err, errlen) != 0)
			return -1;
		len = snprintf(out->value, sizeof(out->value), "event %s %s %s %s", w[1], w[2], w[3], rest);
	} else if (strcmp(w[0], "hint") == 0) {
		n = whitecell_split(command, w, 2, &rest);
		if (n < 2 || *rest == '\0')
			return whitecell_usage("hint TEAM TEXT", err, errlen);
		if (whitecell_team_word(w[1], err, errlen) != 0)
			return -1;
		len = snprintf(out->value, sizeof(out->value), "hint %s %s", w[1], rest);
	} else if (strcmp(w[0], "msg") == 0 || strcmp(w[0], "inject") == 0) {
		n = whitecell_split(command, w, 2, &rest);
		if (n < 2 || *rest == '\0')
			return whitecell_usage("msg TEAM|all TEXT", err, errlen);
		if (whitecell_team_word(w[1], err, errlen) != 0)
			return -1;
		len = snprintf(out->value, sizeof(out->value), "msg %s %s", w[1], rest);
	} else if (strcmp(w[0], "pause") == 0 || strcmp(w[0], "resume") == 0 || strcmp(w[0], "speed") == 0) {
		static const int speeds[] = { 1, 2, 5, 10, 60 };
		const char *x = n > 1 ? w[1] + (w[1][0] == 'x') : "";
		int speed = 0;

		if (in_file) {
			snprintf(err, errlen, W_("%s paces a live console; a scripted drill keeps the pace of --speed"),
				 w[0]);
			return -1;
		}
		if (w[0][0] != 's') {
			if (n != 1 || *rest)
				return whitecell_usage(w[0], err, errlen);
			len = snprintf(out->value, sizeof(out->value), "%s", w[0]);
		} else {
			for (size_t i = 0; n == 2 && !*rest && i < sizeof(speeds) / sizeof(*speeds); i++)
				if (atoi(x) == speeds[i] && strspn(x, "0123456789") == strlen(x))
					speed = speeds[i];
			if (speed == 0)
				return whitecell_usage("speed 1|2|5|10|60", err, errlen);
			len = snprintf(out->value, sizeof(out->value), "speed x%d", speed);
		}
	} else {
		snprintf(err, errlen, W_("'%s' is not one of the white cell's controls (mark, event, msg, hint)"), w[0]);
		return -1;
	}
	if (len < 0 || (size_t)len >= sizeof(out->value)) {
		snprintf(err, errlen, "%s", W_("The command is too long."));
		return -1;
	}
	return 0;
}

const char *whitecell_for(const struct action *a, char *buf, size_t size)
{
	char w[2][ACTION_VALUE_MAX];
	const char *rest;

	buf[0] = '\0';
	if (whitecell_is(a) && whitecell_split(a->value, w, 2, &rest) == 2 &&
	    (strcmp(w[0], "mark") == 0 || strcmp(w[0], "msg") == 0 || strcmp(w[0], "hint") == 0) &&
	    strcmp(w[1], "all") != 0)
		snprintf(buf, size, "%s", w[1]);
	return buf;
}

static bool whitecell_team_known(const struct score *sc, const char *team)
{
	for (int i = 0; sc && i < score_nteams(sc); i++)
		if (strcmp(score_team(sc, i), team) == 0)
			return true;
	return sc == NULL;
}

static void whitecell_team_list(const struct score *sc, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int i = 0; sc && i < score_nteams(sc) && used < size; i++)
		used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "", score_team(sc, i));
}

static int whitecell_no_team(const struct score *sc, const char *team, char *err, size_t errlen)
{
	char list[256];

	whitecell_team_list(sc, list, sizeof(list));
	snprintf(err, errlen, W_("There is no team '%s' in this drill (teams: %s)."), team, list);
	return -1;
}

int whitecell_take(void *ctx, struct drill *d, const struct action *a, bool apply, char *err, size_t errlen)
{
	struct score *sc = ctx;
	char w[WHITECELL_WORDS][ACTION_VALUE_MAX], what[4 * ACTION_VALUE_MAX];
	const char *rest;
	int n = whitecell_split(a->value, w, 1, &rest);

	if (n < 1)
		return -1;
	if (strcmp(w[0], "mark") == 0) {
		bool met, found = false;

		whitecell_split(a->value, w, 4, &rest);
		met = strcmp(w[3], "met") == 0;
		if (sc == NULL) {
			snprintf(err, errlen, "%s", W_("This console keeps no score to mark."));
			return -1;
		}
		if (!whitecell_team_known(sc, w[1]))
			return whitecell_no_team(sc, w[1], err, errlen);
		for (size_t i = 0; i < d->nexpects; i++)
			found |= strcmp(d->expects[i].id, w[2]) == 0;
		if (!found) {
			snprintf(err, errlen, W_("The scenario has no expectation '%s' (the score pane, 5, lists them)."),
				 w[2]);
			return -1;
		}
		if (!apply)
			return score_mark_check(sc, w[1], w[2], met, err, errlen);
		if (score_mark(sc, w[1], w[2], met, rest, err, errlen) != 0)
			return -1;
		snprintf(what, sizeof(what), "mark %s %s %s", w[1], w[2], w[3]);
		drill_record(d, DRILL_ACTION, WHITECELL_TEAM, what, w[1], true, *rest ? rest : NULL);
	} else if (strcmp(w[0], "event") == 0) {
		struct event ev;
		int s;

		whitecell_split(a->value, w, 4, &rest);
		if (whitecell_event_build(d->net, w[1], w[2], w[3], rest, d->now, 0, &ev, &s, err, errlen) != 0)
			return -1;
		if (!sensor_type_logs(d->sensors.type[s], &ev)) {
			snprintf(err, errlen, W_("%s does not log such a record."), w[1]);
			return -1;
		}
		if (!apply)
			return 0;
		/* A connection number of its own, taken only once all is
		 * checked: the same in a re-simulation. */
		ev.conn.serial = drill_serial(d, DRILL_SERIAL_CONN);
		ev.conn.orig_port = (uint16_t)(49152 + ev.conn.serial % 16384);
		drill_emit_to(d, &ev, s);
		snprintf(what, sizeof(what), "event %s %s %s", w[1], w[2], w[3]);
		drill_record(d, DRILL_ACTION, WHITECELL_TEAM, what, w[1], true, rest);
	} else if (strcmp(w[0], "hint") == 0) {
		struct action h;

		whitecell_split(a->value, w, 2, &rest);
		if (!whitecell_team_known(sc, w[1]))
			return whitecell_no_team(sc, w[1], err, errlen);
		if (!apply)
			return 0;
		/* The team's hint action with the text (scored as such), then
		 * the text to the team. */
		memset(&h, 0, sizeof(h));
		h.verb = ACTION_HINT;
		h.time = d->now;
		h.host = h.system = h.account = h.site = -1;
		snprintf(h.team, sizeof(h.team), "%.*s", (int)sizeof(h.team) - 1, w[1]);
		snprintf(h.value, sizeof(h.value), "%s", rest);
		drill_apply_action(d, &h);
		drill_record(d, DRILL_MESSAGE, WHITECELL_TEAM, "hint", w[1], true, rest);
	} else if (strcmp(w[0], "msg") == 0) {
		whitecell_split(a->value, w, 2, &rest);
		if (strcmp(w[1], "all") != 0 && !whitecell_team_known(sc, w[1]))
			return whitecell_no_team(sc, w[1], err, errlen);
		if (apply)
			drill_record(d, DRILL_MESSAGE, WHITECELL_TEAM, "message", w[1], true, rest);
	} else if (apply) {
		/* pause, resume, speed: the console paces itself; the drill
		 * keeps them on its timeline. */
		drill_record(d, DRILL_ACTION, WHITECELL_TEAM, a->value, NULL, true, NULL);
	}
	return 0;
}
