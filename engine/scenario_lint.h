/*
 * scenario_lint.h - the static half of `irdrill check`: what a dry run
 * cannot see because it only takes the branches the undefended drill
 * takes.
 *
 * It walks the compiled scenario (luabc.h), every function of it, and
 * finds: global names that do not exist (a typo in an API name on a
 * branch that never ran), assignments to undeclared globals, API calls
 * whose literal arguments name hosts, accounts, sites or systems the
 * network lacks, techniques that are not ATT&CK ids or not listed in the
 * scenario's techniques, achieve/prevent of undeclared objectives, on()
 * with an unknown team action, and objectives that no achieve("id") in
 * the file can ever settle.  Arguments computed at run time are the dry
 * run's business; an achieve() whose id is not a literal makes every
 * objective count as reachable.  Depends on luabc, net, diag, action and
 * scenario.
 */
#ifndef SCENARIO_LINT_H
#define SCENARIO_LINT_H

#include <lua.h>

#include "diag.h"
#include "luabc.h"
#include "net.h"

/* An objective as declared: its id and the line of its objective{} call. */
struct scenario_lint_objective {
	const char *id;
	int line;
};

struct scenario_lint_input {
	const char *path; /* the scenario file, for the messages */
	const struct net *net;
	lua_State *L;     /* holds the scenario's environment at env_idx: the names that exist */
	int env_idx;
	const struct scenario_lint_objective *objectives;
	int nobjectives;
	char *const *techniques; /* declared in scenario { techniques = … }; none: not checked */
	int ntechniques;
};

/* Add every finding to out as "FILE:LINE: message", in line order. */
void scenario_lint(const struct luabc_proto *chunk, const struct scenario_lint_input *in, struct diag *out);

#endif
