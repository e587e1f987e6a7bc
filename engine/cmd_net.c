/*
 * cmd_net.c - `irdrill net`: load a network model and summarise it, so a
 * trainer can see at a glance that the province is the one they meant.
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "hmap.h"
#include "netload.h"
#include "paths.h"
#include "xmalloc.h"

/* Counting words (roles, sensor types, subkinds) in first-seen order,
 * printed sorted by name so the output never depends on file order. */
struct tally {
	struct strmap index;
	const char **names;
	int *counts;
	int len;
};

static void tally_add(struct tally *t, const char *name)
{
	int i = strmap_get(&t->index, name);

	if (i < 0) {
		t->names = xrealloc(t->names, (size_t)(t->len + 1) * sizeof(*t->names));
		t->counts = xrealloc(t->counts, (size_t)(t->len + 1) * sizeof(*t->counts));
		t->names[t->len] = name;
		t->counts[t->len] = 0;
		strmap_put(&t->index, name, t->len);
		i = t->len++;
	}
	t->counts[i]++;
}

static void tally_print(struct tally *t, const char *indent)
{
	/* Few distinct words: a selection sort by name is plenty. */
	for (int i = 0; i < t->len; i++) {
		int min = i;

		for (int j = i + 1; j < t->len; j++)
			if (strcmp(t->names[j], t->names[min]) < 0)
				min = j;
		if (min != i) {
			const char *n = t->names[i];
			int c = t->counts[i];

			t->names[i] = t->names[min], t->counts[i] = t->counts[min];
			t->names[min] = n, t->counts[min] = c;
		}
	}
	for (int i = 0; i < t->len; i++)
		printf("%s%-24s %6d\n", indent, t->names[i], t->counts[i]);
}

static void tally_free(struct tally *t)
{
	strmap_free(&t->index);
	free(t->names);
	free(t->counts);
}

static void net_summary(const struct net *net)
{
	struct tally roles = { 0 }, types = { 0 }, sub[NET_SITE_KIND_COUNT];
	int kinds[NET_SITE_KIND_COUNT] = { 0 }, monitored = 0, allow = 0;

	memset(sub, 0, sizeof(sub));
	for (int i = 0; i < net->nsites; i++) {
		kinds[net->sites[i].kind]++;
		if (net->sites[i].subkind)
			tally_add(&sub[net->sites[i].kind], net->sites[i].subkind);
	}
	for (int i = 0; i < net->nhosts; i++)
		tally_add(&roles, net->hosts[i].role);
	for (int i = 0; i < net->nsensors; i++)
		tally_add(&types, net->sensors[i].type);
	for (int i = 0; i < net->nsystems; i++)
		monitored += net->systems[i].monitored;
	for (int i = 0; i < net->nrules; i++)
		allow += net->rules[i].allow;

	printf("network: %s [%s]\n", net->name, net->id);
	if (net->name_en)
		printf("         %s\n", net->name_en);
	printf("file:    %s\n\n", net->path);
	printf("%-26s %6d\n", "sites", net->nsites);
	for (int k = 0; k < NET_SITE_KIND_COUNT; k++) {
		printf("  %-24s %6d\n", net_site_kind_name((enum net_site_kind)k), kinds[k]);
		tally_print(&sub[k], "    ");
		tally_free(&sub[k]);
	}
	printf("%-26s %6d\n", "segments", net->nsegments);
	printf("%-26s %6d\n", "hosts", net->nhosts);
	tally_print(&roles, "  ");
	printf("%-26s %6d\n", "accounts", net->naccounts);
	printf("%-26s %6d\n", "information systems", net->nsystems);
	printf("  %-24s %6d\n", "monitored by the SOC", monitored);
	printf("  %-24s %6d\n", "not monitored", net->nsystems - monitored);
	printf("%-26s %6d\n", "sensors", net->nsensors);
	tally_print(&types, "  ");
	printf("%-26s %6d\n", "firewall rules", net->nrules);
	printf("  %-24s %6d\n", "allow", allow);
	printf("  %-24s %6d\n", "deny", net->nrules - allow);
	tally_free(&roles);
	tally_free(&types);
}

int cmd_net(const struct cli_cmd *cmd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "network", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	char default_path[PATH_MAX];
	const char *path = NULL;
	struct diag errs;
	struct net *net;
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == 'n')
			path = optarg;
		else
			return cli_bad_option(cmd, c, argv[optind - 1]);
	}
	if (optind < argc)
		return cli_bad_usage(cmd, "unexpected argument '%s'", argv[optind]);
	if (path == NULL) {
		path = paths_scenario_file("networks/default.lua", default_path, sizeof(default_path));
		if (path == NULL) {
			fprintf(stderr, "irdrill: cannot find the scenarios folder (networks/default.lua); "
				"set IRDRILL_SCENARIOS or pass --network FILE\n");
			return CLI_ERROR;
		}
	}
	diag_init(&errs);
	net = net_load(path, &errs);
	if (net == NULL) {
		diag_print(&errs, stderr);
		diag_free(&errs);
		return CLI_ERROR;
	}
	net_summary(net);
	net_free(net);
	diag_free(&errs);
	return CLI_OK;
}
