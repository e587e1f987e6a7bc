#include "action.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipaddr.h"
#include "xmalloc.h"

#define ACTION_MAX_WORDS 8

/* Each verb's command word (also the event scenarios subscribe to) and
 * the usage shown when its arguments are wrong. */
static const struct {
	const char *name, *usage;
} action_verbs[] = {
	[ACTION_ISOLATE] = { "isolate", "isolate HOST" },
	[ACTION_RELEASE] = { "release", "release HOST" },
	[ACTION_BLOCK] = { "block", "block ip|domain|hash VALUE [at SITE|everywhere]" },
	[ACTION_UNBLOCK] = { "unblock", "unblock ip|domain|hash VALUE [at SITE|everywhere]" },
	[ACTION_DISABLE_ACCOUNT] = { "disable", "disable account USER" },
	[ACTION_ENABLE_ACCOUNT] = { "enable", "enable account USER" },
	[ACTION_RESET_PASSWORD] = { "reset", "reset password USER" },
	[ACTION_PATCH] = { "patch", "patch HOST [SERVICE|PORT|CVE]" },
	[ACTION_SHUTDOWN] = { "shutdown", "shutdown HOST" },
	[ACTION_START] = { "start", "start HOST" },
	[ACTION_RESTORE] = { "restore", "restore HOST" },
};

#define ACTION_NVERBS ((int)(sizeof(action_verbs) / sizeof(*action_verbs)))

const char *action_event_name(enum action_verb verb)
{
	return action_verbs[verb].name;
}

int action_verb_find(const char *name)
{
	for (int v = 0; v < ACTION_NVERBS; v++)
		if (strcmp(name, action_verbs[v].name) == 0)
			return v;
	return -1;
}

void action_verb_list(char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int v = 0; v < ACTION_NVERBS && used < size; v++)
		used += (size_t)snprintf(buf + used, size - used, "%s%s", v ? ", " : "", action_verbs[v].name);
}

static int action_usage(enum action_verb verb, char *err, size_t errlen)
{
	snprintf(err, errlen, "usage: %s", action_verbs[verb].usage);
	return -1;
}

/* Split into at most ACTION_MAX_WORDS words in buf; returns the count or
 * -1 when there are more. */
static int action_words(char *buf, char **words)
{
	int n = 0;

	for (char *p = strtok(buf, " \t\r\n"); p; p = strtok(NULL, " \t\r\n")) {
		if (n == ACTION_MAX_WORDS)
			return -1;
		words[n++] = p;
	}
	return n;
}

static int action_host(const struct net *net, const char *name, struct action *a, char *err, size_t errlen)
{
	uint32_t ip;

	a->host = net_host_find(net, name);
	if (a->host < 0 && ipaddr_parse(name, &ip))
		a->host = net_host_by_ip(net, ip);
	if (a->host < 0) {
		snprintf(err, errlen, "no host '%s' in the network", name);
		return -1;
	}
	return 0;
}

static int action_account(const struct net *net, const char *name, struct action *a, char *err, size_t errlen)
{
	a->account = net_account_find(net, name);
	if (a->account < 0) {
		snprintf(err, errlen, "no account '%s' in the network", name);
		return -1;
	}
	return 0;
}

static int action_block(const struct net *net, char **w, int n, struct action *a, char *err, size_t errlen)
{
	uint32_t addr;
	int prefix;

	if (n != 3 && n != 5)
		return action_usage(a->verb, err, errlen);
	if (strcmp(w[1], "ip") == 0)
		a->block_kind = NET_BLOCK_IP;
	else if (strcmp(w[1], "domain") == 0)
		a->block_kind = NET_BLOCK_DOMAIN;
	else if (strcmp(w[1], "hash") == 0)
		a->block_kind = NET_BLOCK_HASH;
	else {
		snprintf(err, errlen, "'%s' is not ip, domain or hash", w[1]);
		return -1;
	}
	if (a->block_kind == NET_BLOCK_IP && !ipaddr_parse_prefix(w[2], &addr, &prefix)) {
		snprintf(err, errlen, "'%s' is not an IPv4 address or prefix", w[2]);
		return -1;
	}
	if (strlen(w[2]) >= sizeof(a->value)) {
		snprintf(err, errlen, "value too long");
		return -1;
	}
	snprintf(a->value, sizeof(a->value), "%s", w[2]);
	a->site = -1;
	if (n == 5) {
		if (strcmp(w[3], "at") != 0) {
			snprintf(err, errlen, "expected 'at SITE' or 'at everywhere' after the value, not '%s'", w[3]);
			return -1;
		}
		if (strcmp(w[4], "everywhere") != 0) {
			a->site = net_site_find(net, w[4]);
			if (a->site < 0) {
				snprintf(err, errlen, "no site '%s' in the network", w[4]);
				return -1;
			}
			if (!net->sites[a->site].firewall) {
				snprintf(err, errlen, "site '%s' has no firewall to block at", w[4]);
				return -1;
			}
		}
	}
	return 0;
}

int action_parse(const struct net *net, const char *command, struct action *a, char *err, size_t errlen)
{
	char buf[512], *w[ACTION_MAX_WORDS];
	int n, verb;

	memset(a, 0, sizeof(*a));
	a->host = a->account = a->site = -1;
	if (strlen(command) >= sizeof(buf) || (n = action_words(strcpy(buf, command), w)) < 0) {
		snprintf(err, errlen, "command too long");
		return -1;
	}
	if (n == 0) {
		snprintf(err, errlen, "empty command");
		return -1;
	}
	verb = action_verb_find(w[0]);
	if (verb < 0) {
		char verbs[160];

		action_verb_list(verbs, sizeof(verbs));
		snprintf(err, errlen, "unknown command '%s' (%s)", w[0], verbs);
		return -1;
	}
	a->verb = (enum action_verb)verb;
	switch (a->verb) {
	case ACTION_ISOLATE:
	case ACTION_RELEASE:
	case ACTION_SHUTDOWN:
	case ACTION_START:
	case ACTION_RESTORE:
		return n == 2 ? action_host(net, w[1], a, err, errlen) : action_usage(a->verb, err, errlen);
	case ACTION_BLOCK:
	case ACTION_UNBLOCK:
		return action_block(net, w, n, a, err, errlen);
	case ACTION_DISABLE_ACCOUNT:
	case ACTION_ENABLE_ACCOUNT:
		if (n != 3 || strcmp(w[1], "account") != 0)
			return action_usage(a->verb, err, errlen);
		return action_account(net, w[2], a, err, errlen);
	case ACTION_RESET_PASSWORD:
		if (n != 3 || strcmp(w[1], "password") != 0)
			return action_usage(a->verb, err, errlen);
		return action_account(net, w[2], a, err, errlen);
	case ACTION_PATCH:
		if (n != 2 && n != 3)
			return action_usage(a->verb, err, errlen);
		if (n == 3)
			snprintf(a->value, sizeof(a->value), "%s", w[2]);
		return action_host(net, w[1], a, err, errlen);
	}
	return action_usage(a->verb, err, errlen);
}

/* patch HOST [what]: every service, or those matching a name or port; a
 * CVE patches every service, since the model does not map CVEs to
 * products. */
static void action_patch(struct net *net, const struct action *a)
{
	struct net_host *h = &net->hosts[a->host];
	bool all = a->value[0] == '\0' || strncmp(a->value, "CVE-", 4) == 0;

	for (int i = 0; i < h->nservices; i++) {
		struct net_service *s = &h->services[i];
		char port[8];

		snprintf(port, sizeof(port), "%u", s->port);
		if (all || strcmp(a->value, port) == 0 || (s->name && strcmp(a->value, s->name) == 0))
			s->patched = true;
	}
}

void action_apply(struct net *net, const struct action *a)
{
	switch (a->verb) {
	case ACTION_ISOLATE:
		net_host_set(net, a->host, NET_HOST_ISOLATED, true);
		break;
	case ACTION_RELEASE:
		net_host_set(net, a->host, NET_HOST_ISOLATED, false);
		break;
	case ACTION_SHUTDOWN:
		net_host_set(net, a->host, NET_HOST_DOWN, true);
		break;
	case ACTION_START:
		net_host_set(net, a->host, NET_HOST_DOWN, false);
		break;
	case ACTION_RESTORE:
		/* Rebuilt from a clean image and put back in service: the
		 * attacker's foothold, its web pages and its encryption are
		 * gone.  The hole it came in by is not: that takes a patch. */
		net_host_set(net, a->host, NET_HOST_COMPROMISED | NET_HOST_DEFACED | NET_HOST_DOWN, false);
		break;
	case ACTION_BLOCK:
		net_block_add(net, a->block_kind, a->value, a->site);
		break;
	case ACTION_UNBLOCK:
		net_block_remove(net, a->block_kind, a->value, a->site);
		break;
	case ACTION_DISABLE_ACCOUNT:
		net_account_set(net, a->account, NET_ACCOUNT_DISABLED, true);
		break;
	case ACTION_ENABLE_ACCOUNT:
		net_account_set(net, a->account, NET_ACCOUNT_DISABLED, false);
		break;
	case ACTION_RESET_PASSWORD:
		/* The stolen credential stops working; the account stays usable
		 * for its owner. */
		net_account_set(net, a->account, NET_ACCOUNT_PASSWORD_RESET, true);
		net_account_set(net, a->account, NET_ACCOUNT_COMPROMISED, false);
		break;
	case ACTION_PATCH:
		action_patch(net, a);
		break;
	}
}

void action_format(const struct net *net, const struct action *a, char *buf, size_t size)
{
	static const char *const kinds[] = { "ip", "domain", "hash" };
	const char *site = a->site >= 0 ? net->sites[a->site].id : "everywhere";

	switch (a->verb) {
	case ACTION_BLOCK:
	case ACTION_UNBLOCK:
		snprintf(buf, size, "%s %s %s at %s", action_verbs[a->verb].name, kinds[a->block_kind], a->value, site);
		break;
	case ACTION_DISABLE_ACCOUNT:
	case ACTION_ENABLE_ACCOUNT:
		snprintf(buf, size, "%s account %s", action_verbs[a->verb].name, net->accounts[a->account].name);
		break;
	case ACTION_RESET_PASSWORD:
		snprintf(buf, size, "reset password %s", net->accounts[a->account].name);
		break;
	case ACTION_PATCH:
		snprintf(buf, size, "patch %s%s%s", net->hosts[a->host].name, a->value[0] ? " " : "", a->value);
		break;
	default:
		snprintf(buf, size, "%s %s", action_verbs[a->verb].name, net->hosts[a->host].name);
		break;
	}
}

/* "T+01:30", "01:30:15", "90m", "1h30m" relative to the start. */
static bool action_time(const char *s, sim_time_t *t)
{
	unsigned h, m, sec = 0;
	int used = 0;

	if (strncmp(s, "T+", 2) == 0)
		s += 2;
	if ((sscanf(s, "%u:%2u:%2u%n", &h, &m, &sec, &used) == 3 ||
	     sscanf(s, "%u:%2u%n", &h, &m, &used) == 2) && s[used] == '\0' && m < 60 && sec < 60) {
		*t = (sim_time_t)h * SIM_HOUR + (sim_time_t)m * SIM_MINUTE + (sim_time_t)sec * SIM_SECOND;
		return true;
	}
	return simclock_parse_duration(s, t);
}

static int action_cmp(const void *x, const void *y)
{
	const struct action *a = x, *b = y;

	if (a->time != b->time)
		return a->time < b->time ? -1 : 1;
	return a->line - b->line;
}

int action_load_file(const struct net *net, const char *path, struct action **out, struct diag *errs)
{
	FILE *f = fopen(path, "r");
	char line[1024], err[256];
	struct action *v = NULL;
	size_t cap = 0, n = 0, errors_before = diag_count(errs);
	int lineno = 0;

	*out = NULL;
	if (f == NULL) {
		diag_add(errs, path, 0, "cannot open the actions file");
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		char *p = line, *time_s, *team, *hash = strchr(line, '#');
		struct action a;
		sim_time_t t;

		lineno++;
		if (hash)
			*hash = '\0';
		while (isspace((unsigned char)*p))
			p++;
		if (*p == '\0')
			continue;
		time_s = strtok(p, " \t");
		team = strtok(NULL, " \t");
		p = strtok(NULL, "\n");
		if (!action_time(time_s, &t)) {
			diag_add(errs, path, lineno, "'%s' is not a time (T+hh:mm[:ss], hh:mm[:ss] or 1h30m)", time_s);
			continue;
		}
		if (team == NULL || p == NULL) {
			diag_add(errs, path, lineno, "expected TIME TEAM COMMAND");
			continue;
		}
		if (strlen(team) >= ACTION_TEAM_MAX) {
			diag_add(errs, path, lineno, "team name '%s' is too long", team);
			continue;
		}
		if (action_parse(net, p, &a, err, sizeof(err)) != 0) {
			diag_add(errs, path, lineno, "%s", err);
			continue;
		}
		a.time = t;
		a.line = lineno;
		snprintf(a.team, sizeof(a.team), "%s", team);
		v = xgrow(v, &cap, n + 1, sizeof(*v));
		v[n++] = a;
	}
	fclose(f);
	if (diag_count(errs) > errors_before) {
		free(v);
		return -1;
	}
	qsort(v, n, sizeof(*v), action_cmp);
	*out = v;
	return (int)n;
}
