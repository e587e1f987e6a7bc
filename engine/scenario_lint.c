#include "scenario_lint.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "ipaddr.h"
#include "scenario.h"
#include "xmalloc.h"

/* What a literal argument of an API call must name. */
enum lint_kind { LINT_HOST, LINT_ACCOUNT, LINT_SITE, LINT_SYSTEM, LINT_ADDRESS_OR_HOST };

/* The table fields of the API calls that name things in the network (as
 * docs/scenario-api.md lists them). */
static const struct {
	const char *api, *field;
	enum lint_kind kind;
} lint_fields[] = {
	{ "phish", "account", LINT_ACCOUNT }, { "phish", "host", LINT_HOST },
	{ "phish", "source", LINT_ADDRESS_OR_HOST },
	{ "exploit", "host", LINT_HOST }, { "exploit", "from", LINT_ADDRESS_OR_HOST },
	{ "execute", "host", LINT_HOST }, { "persist", "host", LINT_HOST },
	{ "dump_credentials", "host", LINT_HOST },
	{ "move", "from", LINT_HOST }, { "move", "to", LINT_HOST }, { "move", "account", LINT_ACCOUNT },
	{ "beacon", "host", LINT_HOST }, { "beacon", "c2", LINT_ADDRESS_OR_HOST },
	{ "exfiltrate", "host", LINT_HOST }, { "exfiltrate", "c2", LINT_ADDRESS_OR_HOST },
	{ "encrypt", "host", LINT_HOST }, { "deface", "host", LINT_HOST },
	{ "logon", "account", LINT_ACCOUNT }, { "logon", "host", LINT_HOST },
	{ "logon", "from", LINT_ADDRESS_OR_HOST }, { "logon", "gateway", LINT_HOST },
	{ "flood", "target", LINT_HOST },
	{ "hosts", "site", LINT_SITE }, { "hosts", "system", LINT_SYSTEM },
	{ "find_host", "site", LINT_SITE }, { "find_host", "system", LINT_SYSTEM },
};

/* API calls whose first argument, when a literal string, names something. */
enum lint_arg { LINT_ARG_HOST, LINT_ARG_SYSTEM, LINT_ARG_OBJECTIVE, LINT_ARG_TEAM_EVENT };

static const struct {
	const char *api;
	enum lint_arg arg;
} lint_string_args[] = {
	{ "host", LINT_ARG_HOST }, { "system", LINT_ARG_SYSTEM }, { "achieve", LINT_ARG_OBJECTIVE },
	{ "prevent", LINT_ARG_OBJECTIVE }, { "on", LINT_ARG_TEAM_EVENT },
};

#define LINT_NELEM(a) (sizeof(a) / sizeof(*(a)))
#define LINT_MAX_CALLS 64 /* API calls open at once (nested in arguments) */

struct lint_finding {
	int line;
	size_t order; /* found before the later ones on the same line */
	char *msg;
};

/* An API call with a table argument being built: R[reg] is the table. */
struct lint_call {
	const char *api;
	int func_reg, table_reg;
};

struct lint {
	const struct scenario_lint_input *in;
	struct lint_finding *found;
	size_t nfound, found_cap;
	bool *achieved;        /* per objective: some achieve("id") names it */
	bool dynamic_achieve;  /* an achieve() whose id is computed */
};

static void lint_report(struct lint *l, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void lint_report(struct lint *l, int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	l->found = xgrow(l->found, &l->found_cap, l->nfound + 1, sizeof(*l->found));
	l->found[l->nfound].line = line;
	l->found[l->nfound].order = l->nfound;
	l->found[l->nfound++].msg = xstrdup(msg);
}

/* Does the scenario's environment hold this global? */
static bool lint_global_exists(const struct lint *l, const char *name)
{
	lua_State *L = l->in->L;
	bool exists;

	lua_pushstring(L, name);
	exists = lua_rawget(L, l->in->env_idx) != LUA_TNIL;
	lua_pop(L, 1);
	return exists;
}

static int lint_objective(const struct lint *l, const char *id)
{
	for (int i = 0; i < l->in->nobjectives; i++)
		if (strcmp(l->in->objectives[i].id, id) == 0)
			return i;
	return -1;
}

static void lint_name(struct lint *l, int line, const char *api, const char *field, enum lint_kind kind,
		      const char *v)
{
	const struct net *net = l->in->net;
	uint32_t ip;

	switch (kind) {
	case LINT_HOST:
		if (net_host_find(net, v) < 0)
			lint_report(l, line, "%s: no host '%s' in the network", api, v);
		break;
	case LINT_ACCOUNT:
		if (net_account_find(net, v) < 0)
			lint_report(l, line, "%s: no account '%s' in the network", api, v);
		break;
	case LINT_SITE:
		if (net_site_find(net, v) < 0)
			lint_report(l, line, "%s: no site '%s' in the network", api, v);
		break;
	case LINT_SYSTEM:
		if (net_system_find(net, v) < 0)
			lint_report(l, line, "%s: no system '%s' in the network", api, v);
		break;
	case LINT_ADDRESS_OR_HOST:
		if (!ipaddr_parse(v, &ip) && net_host_find(net, v) < 0)
			lint_report(l, line, "%s: field '%s': '%s' is neither an IPv4 address nor a host", api, field, v);
		break;
	}
}

static void lint_technique(struct lint *l, int line, const char *api, const char *t)
{
	bool listed = l->in->ntechniques == 0;

	if (!scenario_technique_ok(t)) {
		lint_report(l, line, "%s: technique '%s' is not an ATT&CK id like T1566.001", api, t);
		return;
	}
	for (int i = 0; i < l->in->ntechniques && !listed; i++)
		listed = strcmp(l->in->techniques[i], t) == 0;
	if (!listed)
		lint_report(l, line, "%s: technique '%s' is not listed in scenario { techniques = … }", api, t);
}

/* A literal field of a table passed to an API call. */
static void lint_field(struct lint *l, int line, const char *api, const char *field, const char *v)
{
	if (strcmp(field, "technique") == 0) {
		lint_technique(l, line, api, v);
		return;
	}
	for (size_t i = 0; i < LINT_NELEM(lint_fields); i++)
		if (strcmp(lint_fields[i].api, api) == 0 && strcmp(lint_fields[i].field, field) == 0)
			lint_name(l, line, api, field, lint_fields[i].kind, v);
}

/* A literal first argument of an API call; v is NULL when it is computed. */
static void lint_string_arg(struct lint *l, int line, const char *api, const char *v)
{
	for (size_t i = 0; i < LINT_NELEM(lint_string_args); i++) {
		int o;

		if (strcmp(lint_string_args[i].api, api) != 0)
			continue;
		if (v == NULL) {
			if (strcmp(api, "achieve") == 0)
				l->dynamic_achieve = true;
			return;
		}
		switch (lint_string_args[i].arg) {
		case LINT_ARG_HOST:
			lint_name(l, line, api, NULL, LINT_HOST, v);
			break;
		case LINT_ARG_SYSTEM:
			lint_name(l, line, api, NULL, LINT_SYSTEM, v);
			break;
		case LINT_ARG_OBJECTIVE:
			o = lint_objective(l, v);
			if (o < 0)
				lint_report(l, line, "%s: no objective '%s' (declare it with objective { id = … })", api, v);
			else if (strcmp(api, "achieve") == 0)
				l->achieved[o] = true;
			break;
		case LINT_ARG_TEAM_EVENT:
			if (action_verb_find(v) < 0) {
				char verbs[160];

				action_verb_list(verbs, sizeof(verbs));
				lint_report(l, line, "on: no team action '%s' (%s)", v, verbs);
			}
			break;
		}
		return;
	}
}

/* Does R[func+1], loaded with a literal just before pc, reach the call
 * of R[func] unchanged ("x" .. y and ("x"):upper() rewrite it)?  Any
 * instruction on the way whose A is that register may write it, so it
 * counts as computed: a missed check, never a false alarm. */
static bool lint_arg_kept(const struct luabc_proto *p, int pc, int func)
{
	for (; pc < p->ncode; pc++) {
		uint32_t i = p->code[pc];
		int op = luabc_op(i);

		if ((op == LUABC_OP_CALL || op == LUABC_OP_TAILCALL) && luabc_a(i) == func)
			return true;
		if (luabc_a(i) == func + 1)
			return false;
	}
	return false;
}

/*
 * One function.  env[i] says whether upvalue i is the scenario's _ENV
 * (a `local _ENV` of the script's own is not).  Calls are followed by
 * register: the compiler loads the function into R[A], its first argument
 * into R[A+1] right after (a LOADK for a literal string, a NEWTABLE for a
 * table constructor whose literal fields are SETFIELDs on R[A+1]), and
 * calls R[A].
 */
static void lint_function(struct lint *l, const struct luabc_proto *p, const bool *env)
{
	struct lint_call calls[LINT_MAX_CALLS];
	int ncalls = 0;

	for (int pc = 0; pc < p->ncode; pc++) {
		uint32_t i = p->code[pc], next = pc + 1 < p->ncode ? p->code[pc + 1] : 0;
		int op = luabc_op(i), line = p->lines[pc];
		const char *name, *key, *value;

		switch (op) {
		case LUABC_OP_GETTABUP:
			name = luabc_string(p, luabc_c(i));
			if (!env[luabc_b(i)] || name == NULL)
				break;
			if (!lint_global_exists(l, name)) {
				lint_report(l, line, "unknown name '%s'", name);
				break;
			}
			if (luabc_op(next) == LUABC_OP_NEWTABLE && luabc_a(next) == luabc_a(i) + 1) {
				if (ncalls < LINT_MAX_CALLS)
					calls[ncalls++] = (struct lint_call){ name, luabc_a(i), luabc_a(i) + 1 };
			} else if (luabc_op(next) == LUABC_OP_LOADK && luabc_a(next) == luabc_a(i) + 1 &&
				   lint_arg_kept(p, pc + 2, luabc_a(i))) {
				lint_string_arg(l, line, name, luabc_string(p, luabc_bx(next)));
			} else {
				lint_string_arg(l, line, name, NULL);
			}
			break;
		case LUABC_OP_SETTABUP:
			name = luabc_string(p, luabc_b(i));
			if (env[luabc_a(i)] && name && !lint_global_exists(l, name))
				lint_report(l, line, "assignment to undeclared global '%s' (declare it local)", name);
			break;
		case LUABC_OP_SETFIELD:
			key = luabc_string(p, luabc_b(i));
			value = luabc_k(i) ? luabc_string(p, luabc_c(i)) : NULL;
			for (int c = ncalls - 1; c >= 0 && key && value; c--) {
				if (calls[c].table_reg == luabc_a(i)) {
					lint_field(l, line, calls[c].api, key, value);
					break;
				}
			}
			break;
		case LUABC_OP_CALL:
		case LUABC_OP_TAILCALL:
			while (ncalls > 0 && calls[ncalls - 1].func_reg >= luabc_a(i))
				ncalls--;
			break;
		default:
			break;
		}
	}
	for (int c = 0; c < p->nprotos; c++) {
		const struct luabc_proto *child = &p->protos[c];
		bool *child_env = xcalloc((size_t)child->nupvalues + 1, sizeof(bool));

		for (int u = 0; u < child->nupvalues; u++)
			child_env[u] = !child->upvalues[u].instack && child->upvalues[u].idx < p->nupvalues &&
				       env[child->upvalues[u].idx];
		lint_function(l, child, child_env);
		free(child_env);
	}
}

static int lint_finding_cmp(const void *a, const void *b)
{
	const struct lint_finding *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

void scenario_lint(const struct luabc_proto *chunk, const struct scenario_lint_input *in, struct diag *out)
{
	struct lint l = { .in = in };
	bool *main_env = xcalloc((size_t)chunk->nupvalues + 1, sizeof(bool));

	/* A loaded chunk has one upvalue, the _ENV it was given. */
	main_env[0] = chunk->nupvalues == 1 && chunk->upvalues[0].name && strcmp(chunk->upvalues[0].name, "_ENV") == 0;
	l.achieved = xcalloc((size_t)in->nobjectives + 1, sizeof(bool));
	lint_function(&l, chunk, main_env);
	free(main_env);
	for (int o = 0; o < in->nobjectives && !l.dynamic_achieve; o++)
		if (!l.achieved[o])
			lint_report(&l, in->objectives[o].line,
				    "objective '%s' can never be achieved: no achieve(\"%s\") in the scenario",
				    in->objectives[o].id, in->objectives[o].id);
	if (l.nfound > 0)
		qsort(l.found, l.nfound, sizeof(*l.found), lint_finding_cmp);
	for (size_t i = 0; i < l.nfound; i++) {
		diag_add(out, in->path, l.found[i].line, "%s", l.found[i].msg);
		free(l.found[i].msg);
	}
	free(l.found);
	free(l.achieved);
}
