#include "ui_complete.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "action.h"
#include "sensor.h"

#define UI_COMPLETE_WORDS 8

/* The candidates seen so far for one partial word. */
struct ui_candidates {
	const char *partial;
	size_t plen;
	int count;
	char common[UI_LINE_MAX];
	char *list;
	size_t used;
	bool more;
};

static void ui_candidate(struct ui_candidates *k, const char *word)
{
	size_t i;

	if (strncmp(word, k->partial, k->plen) != 0)
		return;
	if (k->count == 0) {
		snprintf(k->common, sizeof(k->common), "%s", word);
	} else {
		for (i = 0; k->common[i] && k->common[i] == word[i]; i++)
			;
		k->common[i] = '\0';
	}
	k->count++;
	if (!k->more && k->used + strlen(word) + 2 < UI_COMPLETE_LIST - 4) {
		k->used += (size_t)snprintf(k->list + k->used, UI_COMPLETE_LIST - k->used, "%s%s",
					    k->used ? " " : "", word);
	} else if (!k->more) {
		k->more = true;
		snprintf(k->list + k->used, UI_COMPLETE_LIST - k->used, " \xe2\x80\xa6");
	}
}

static void ui_candidates_of(struct ui_candidates *k, const char *const *words, int n)
{
	for (int i = 0; i < n; i++)
		ui_candidate(k, words[i]);
}

static void ui_hosts(struct ui_candidates *k, const struct net *net)
{
	for (int i = 0; i < net->nhosts; i++)
		ui_candidate(k, net->hosts[i].name);
}

static void ui_accounts(struct ui_candidates *k, const struct net *net)
{
	for (int i = 0; i < net->naccounts; i++)
		ui_candidate(k, net->accounts[i].name);
}

/* Services of the host being patched: names and ports. */
static void ui_services(struct ui_candidates *k, const struct net *net, const char *host)
{
	int h = net_host_find(net, host);

	for (int i = 0; h >= 0 && i < net->hosts[h].nservices; i++)
		if (net->hosts[h].services[i].name)
			ui_candidate(k, net->hosts[h].services[i].name);
}

static void ui_firewall_sites(struct ui_candidates *k, const struct net *net)
{
	ui_candidate(k, "everywhere");
	for (int i = 0; i < net->nsites; i++)
		if (net->sites[i].firewall)
			ui_candidate(k, net->sites[i].id);
}

static void ui_sensors(struct ui_candidates *k, const struct net *net)
{
	for (int t = 0; t < SENSOR_TYPE_COUNT; t++)
		ui_candidate(k, sensor_type_name((enum sensor_type)t));
	for (int i = 0; i < net->nsensors; i++)
		ui_candidate(k, net->sensors[i].id);
}

static void ui_systems(struct ui_candidates *k, const struct net *net)
{
	for (int i = 0; i < net->nsystems; i++)
		ui_candidate(k, net->systems[i].id);
}

static void ui_alerts(struct ui_candidates *k, const struct alerts *al, const bool *sensors)
{
	char id[16];

	for (int i = 0; al && i < alerts_count(al); i++) {
		const struct alert *a = alerts_get(al, i);

		if (sensors && a->sensor >= 0 && !sensors[a->sensor])
			continue;
		action_alert_id(a->number, id, sizeof(id));
		ui_candidate(k, id);
	}
}

/* The arguments of a team command (docs/actions.md). */
static void ui_action_args(const struct ui_complete_ctx *c, struct ui_candidates *k, int verb, char **w, int nw)
{
	static const char *const kinds[] = { "ip", "domain", "hash" };
	static const char *const at[] = { "at" };
	static const char *const account[] = { "account" };
	static const char *const password[] = { "password" };
	static const char *const process[] = { "process" };
	static const char *const host_system[] = { "host", "system" };
	static const char *const from_backup[] = { "from" };
	static const char *const backup[] = { "backup" };
	static const char *const verdicts[] = { "true-positive", "false-positive" };
	static const char *const report_to[] = { "to", "soc", "coordinator" };
	static const char *const escalate_to[] = { "to", "steering-committee", "coordinator", "police",
						   "military-region" };
	static const char *const fields[] = { "systems=", "level=", "vector=", "techniques=", "indicators=" };
	bool to = nw >= 2 && strcmp(w[1], "to") == 0;

	switch ((enum action_verb)verb) {
	case ACTION_ISOLATE:
	case ACTION_RELEASE:
	case ACTION_REIMAGE:
		if (nw == 1)
			ui_hosts(k, c->net);
		break;
	case ACTION_SHUTDOWN:
	case ACTION_START:
		if (nw == 1) {
			ui_candidates_of(k, host_system, 2);
			ui_hosts(k, c->net);
			ui_systems(k, c->net);
		} else if (nw == 2 && strcmp(w[1], "host") == 0) {
			ui_hosts(k, c->net);
		} else if (nw == 2 && strcmp(w[1], "system") == 0) {
			ui_systems(k, c->net);
		}
		break;
	case ACTION_RESTORE:
		if (nw == 1) {
			ui_hosts(k, c->net);
			ui_systems(k, c->net);
		} else if (nw == 2 && net_system_find(c->net, w[1]) >= 0) {
			ui_candidates_of(k, from_backup, 1);
		} else if (nw == 3 && strcmp(w[2], "from") == 0) {
			ui_candidates_of(k, backup, 1);
		}
		break;
	case ACTION_PATCH:
		if (nw == 1)
			ui_hosts(k, c->net);
		else if (nw == 2)
			ui_services(k, c->net, w[1]);
		break;
	case ACTION_KILL:
		if (nw == 1)
			ui_candidates_of(k, process, 1);
		else if (nw == 2)
			ui_hosts(k, c->net);
		break;
	case ACTION_DISABLE_ACCOUNT:
	case ACTION_ENABLE_ACCOUNT:
	case ACTION_RESET_PASSWORD:
		if (nw == 1)
			ui_candidates_of(k, verb == ACTION_RESET_PASSWORD ? password : account, 1);
		else if (nw == 2)
			ui_accounts(k, c->net);
		break;
	case ACTION_BLOCK:
	case ACTION_UNBLOCK:
		if (nw == 1)
			ui_candidates_of(k, kinds, 3);
		else if (nw == 3)
			ui_candidates_of(k, at, 1);
		else if (nw == 4)
			ui_firewall_sites(k, c->net);
		break;
	case ACTION_ACK:
	case ACTION_CLASSIFY:
		if (nw == 1)
			ui_alerts(k, c->alerts, c->sensors);
		else if (nw == 2 && verb == ACTION_CLASSIFY)
			ui_candidates_of(k, verdicts, 2);
		break;
	case ACTION_REPORT:
		if (nw == 1)
			ui_candidates_of(k, report_to, 3);
		else if (nw == 2 && to)
			ui_candidates_of(k, report_to + 1, 2);
		else if (nw >= 2)
			ui_candidates_of(k, fields, 5);
		break;
	case ACTION_ESCALATE:
		if (nw == 1)
			ui_candidates_of(k, escalate_to, 5);
		else if (nw == 2 && to)
			ui_candidates_of(k, escalate_to + 1, 4);
		break;
	case ACTION_NOTE:
	case ACTION_HINT:
	case ACTION_VERB_COUNT:
	case ACTION_WHITE:
		break;
	}
}

static void ui_console_args(const struct ui_complete_ctx *c, struct ui_candidates *k, enum ui_complete_arg arg,
			    char **w, int nw)
{
	static const char *const speeds[] = { "1", "2", "5", "10", "60" };
	static const char *const filters[] = { "sensor", "host", "text", "clear" };
	static const char *const verdicts[] = { "met", "missed" };

	switch (arg) {
	case UI_ARG_HOST:
		if (nw == 1)
			ui_hosts(k, c->net);
		break;
	case UI_ARG_TEAM:
		if (nw == 1)
			ui_candidates_of(k, c->teams, c->nteams);
		break;
	case UI_ARG_SPEED:
		if (nw == 1)
			ui_candidates_of(k, speeds, 5);
		break;
	case UI_ARG_PANE:
		if (nw == 1)
			ui_candidates_of(k, c->panes, c->npanes);
		break;
	case UI_ARG_FILTER:
		if (nw == 1)
			ui_candidates_of(k, filters, 4);
		else if (nw == 2 && strcmp(w[1], "sensor") == 0)
			ui_sensors(k, c->net);
		else if (nw == 2 && strcmp(w[1], "host") == 0)
			ui_hosts(k, c->net);
		break;
	case UI_ARG_MARK:
		if (nw == 1)
			ui_candidates_of(k, c->teams, c->nteams);
		else if (nw == 2)
			ui_candidates_of(k, c->expects, c->nexpects);
		else if (nw == 3)
			ui_candidates_of(k, verdicts, 2);
		break;
	case UI_ARG_EVENT:
		for (int i = 0; nw == 1 && i < c->net->nsensors; i++)
			ui_candidate(k, c->net->sensors[i].id); /* a sensor, not a type */
		if (nw == 2 || nw == 3)
			ui_hosts(k, c->net);
		break;
	case UI_ARG_NONE:
		break;
	}
}

int ui_complete_line(const struct ui_complete_ctx *c, struct ui_line *l, char list[UI_COMPLETE_LIST])
{
	char head[UI_LINE_MAX], tail[UI_LINE_MAX], verbs[256], *w[UI_COMPLETE_WORDS], *verb_words[32];
	struct ui_candidates k = { 0 };
	size_t start = l->cur, cur;
	bool space;
	int nw = 0, nverbs = 0, verb;

	list[0] = '\0';
	while (start > 0 && l->buf[start - 1] != ' ')
		start--;
	memcpy(head, l->buf, start);
	head[start] = '\0';
	for (char *p = strtok(head, " "); p; p = strtok(NULL, " ")) {
		if (nw == UI_COMPLETE_WORDS)
			return 0;
		w[nw++] = p;
	}
	k.partial = l->buf + start;
	k.plen = l->cur - start;
	k.list = list;
	if (nw == 0) {
		for (int i = 0; i < c->ncommands; i++)
			ui_candidate(&k, c->commands[i].name);
		action_verb_list(verbs, sizeof(verbs));
		for (char *p = strtok(verbs, ", "); p && nverbs < 32; p = strtok(NULL, ", ")) {
			bool own = false;

			for (int i = 0; i < c->ncommands; i++)
				own |= strcmp(c->commands[i].name, p) == 0;
			if (!own) /* a word both have is listed once */
				verb_words[nverbs++] = p;
		}
		ui_candidates_of(&k, (const char *const *)verb_words, nverbs);
	} else {
		/* A console word first: the white cell's hint takes a team. */
		int i = 0;

		while (i < c->ncommands && strcmp(c->commands[i].name, w[0]) != 0)
			i++;
		if (i < c->ncommands)
			ui_console_args(c, &k, c->commands[i].arg, w, nw);
		else if ((verb = action_verb_find(w[0])) >= 0)
			ui_action_args(c, &k, verb, w, nw);
	}
	if (k.count == 0)
		return 0;
	/* Replace the partial word by what every candidate starts with, and
	 * end a word that only one candidate fits. */
	snprintf(tail, sizeof(tail), "%s", l->buf + l->cur);
	space = k.count == 1 && tail[0] != ' ';
	if (start + strlen(k.common) + space + strlen(tail) < sizeof(l->buf)) {
		l->buf[start] = '\0';
		l->len = l->cur = start;
		ui_line_insert(l, k.common);
		if (space)
			ui_line_insert(l, " ");
		cur = l->cur;
		ui_line_insert(l, tail);
		l->cur = cur;
	}
	return k.count;
}
