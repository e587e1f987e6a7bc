#include "scenario.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "drill.h"
#include "ipaddr.h"
#include "rng.h"
#include "sandbox.h"
#include "scenario_lint.h"
#include "trace.h"
#include "xmalloc.h"

/* Budgets: a scenario's main chunk and each resume of an actor. */
#define SCENARIO_MEMORY (128u << 20)
#define SCENARIO_LOAD_INSTRUCTIONS 50000000ull
#define SCENARIO_RESUME_INSTRUCTIONS 10000000ull

/* Where attack infrastructure sends mail from when a scenario does not
 * say: TEST-NET-2, never a real address. */
#define SCENARIO_DEFAULT_SENDER "198.51.100.25"
#define SCENARIO_DEFAULT_START "2023-11-08T08:00:00+07:00"

enum actor_state { ACTOR_READY, ACTOR_WAITING, ACTOR_DONE, ACTOR_FAILED };

struct actor {
	char *name;
	lua_State *co;
	int thread_ref, fn_ref, arg_ref; /* registry refs; LUA_NOREF when unused */
	struct rng rng;
	enum actor_state state;
	bool started;
	bool in_wait; /* yielded through wait(), so the queue holds its wake-up */
};

struct scn_flood;
struct scn_storm;

struct scenario {
	struct drill *d;
	struct sandbox *box;
	char *path;
	struct scenario_info info;
	bool have_info;
	struct actor *actors;
	size_t nactors, actors_cap;
	int current;      /* the actor being resumed, -1 while loading */
	int handlers_ref; /* { event = { {fn, owner}, … } } */
	int spawned;      /* handler actors started, for their stream names */
	struct rng load_rng;
	struct diag *errs; /* while loading */
	struct scn_flood *floods; /* every wave so far; the active ones are running */
	size_t nfloods, floods_cap;
	struct scn_storm **storms; /* every mail storm so far, running or over */
	size_t nstorms, storms_cap;
	struct scenario_lint_objective *objectives; /* ids (the drill's copies) and lines, for check */
	size_t nobjectives, objectives_cap;
	struct tele tele; /* the traces the steps leave, on their own stream */
};

static void scn_floods_reweigh(struct scenario *s);
static void scn_storms_reweigh(struct scenario *s);

static struct scenario *scn_of(lua_State *L)
{
	return lua_touserdata(L, lua_upvalueindex(1));
}

static const char *scn_actor_name(const struct scenario *s)
{
	return s->current >= 0 ? s->actors[s->current].name : "scenario";
}

static struct rng *scn_rng(struct scenario *s)
{
	return s->current >= 0 ? &s->actors[s->current].rng : &s->load_rng;
}

/* ---- reading arguments ---------------------------------------------- */

static const char *scn_field_str(lua_State *L, int t, const char *fname, const char *key, bool required)
{
	const char *v;

	lua_getfield(L, t, key);
	if (lua_isnil(L, -1)) {
		lua_pop(L, 1);
		if (required)
			luaL_error(L, "%s: field '%s' is missing", fname, key);
		return NULL;
	}
	if (lua_type(L, -1) != LUA_TSTRING)
		luaL_error(L, "%s: field '%s' must be a string", fname, key);
	v = lua_tostring(L, -1);
	lua_pop(L, 1); /* the table still holds the string */
	return v;
}

/* An optional string field of scenario{}, copied; NULL when absent. */
static char *scn_field_dup(lua_State *L, int t, const char *key)
{
	const char *v = scn_field_str(L, t, "scenario", key, false);

	return v ? xstrdup(v) : NULL;
}

static lua_Integer scn_field_int(lua_State *L, int t, const char *fname, const char *key, lua_Integer dflt)
{
	lua_Integer v = dflt;
	int isint;

	lua_getfield(L, t, key);
	if (!lua_isnil(L, -1)) {
		v = lua_tointegerx(L, -1, &isint);
		if (!isint)
			luaL_error(L, "%s: field '%s' must be an integer", fname, key);
	}
	lua_pop(L, 1);
	return v;
}

static int scn_host_arg(lua_State *L, struct scenario *s, int t, const char *fname, const char *key)
{
	const char *name = scn_field_str(L, t, fname, key, true);
	int h = net_host_find(s->d->net, name);

	if (h < 0)
		luaL_error(L, "%s: no host '%s' in the network", fname, name);
	return h;
}

static int scn_account_arg(lua_State *L, struct scenario *s, int t, const char *fname, const char *key)
{
	const char *name = scn_field_str(L, t, fname, key, true);
	int a = net_account_find(s->d->net, name);

	if (a < 0)
		luaL_error(L, "%s: no account '%s' in the network", fname, name);
	return a;
}

bool scenario_technique_ok(const char *t)
{
	if (t[0] != 'T' || !isdigit((unsigned char)t[1]) || !isdigit((unsigned char)t[2]) ||
	    !isdigit((unsigned char)t[3]) || !isdigit((unsigned char)t[4]))
		return false;
	if (t[5] == '\0')
		return true;
	return t[5] == '.' && isdigit((unsigned char)t[6]) && isdigit((unsigned char)t[7]) &&
	       isdigit((unsigned char)t[8]) && t[9] == '\0';
}

/* Every step may name the ATT&CK technique it stands for: it, held by
 * the table, or NULL. */
static const char *scn_check_technique(lua_State *L, int t, const char *fname)
{
	const char *tech = scn_field_str(L, t, fname, "technique", false);

	if (tech && !scenario_technique_ok(tech))
		luaL_error(L, "%s: technique '%s' is not an ATT&CK id like T1566.001", fname, tech);
	return tech;
}

/* {vi = "…", en = "…"} or a plain string (taken as both). */
static void scn_bilingual(lua_State *L, int t, const char *fname, const char *key, bool required,
			  char **vi, char **en)
{
	*vi = *en = NULL;
	lua_getfield(L, t, key);
	if (lua_type(L, -1) == LUA_TSTRING) {
		*vi = xstrdup(lua_tostring(L, -1));
		*en = xstrdup(lua_tostring(L, -1));
	} else if (lua_type(L, -1) == LUA_TTABLE) {
		lua_getfield(L, -1, "vi");
		lua_getfield(L, -2, "en");
		if (lua_type(L, -2) == LUA_TSTRING)
			*vi = xstrdup(lua_tostring(L, -2));
		if (lua_type(L, -1) == LUA_TSTRING)
			*en = xstrdup(lua_tostring(L, -1));
		lua_pop(L, 2);
		if (*vi == NULL || *en == NULL) {
			free(*vi), free(*en);
			*vi = *en = NULL;
			lua_pop(L, 1);
			luaL_error(L, "%s: field '%s' needs both vi and en text", fname, key);
		}
	} else if (!lua_isnil(L, -1) || required) {
		lua_pop(L, 1);
		luaL_error(L, "%s: field '%s' must be { vi = \"…\", en = \"…\" }", fname, key);
	}
	lua_pop(L, 1);
}

/* ---- actors ------------------------------------------------------------ */

/* [-0, +0] A new actor running fn (at index fn_idx) from now on; arg_idx,
 * if non-zero, is passed to it on its first resume. */
static int scn_spawn(lua_State *L, struct scenario *s, const char *name, const char *stream,
		     int fn_idx, int arg_idx)
{
	struct actor *a;

	fn_idx = lua_absindex(L, fn_idx);
	arg_idx = arg_idx ? lua_absindex(L, arg_idx) : 0;
	s->actors = xgrow(s->actors, &s->actors_cap, s->nactors + 1, sizeof(*s->actors));
	a = &s->actors[s->nactors];
	memset(a, 0, sizeof(*a));
	a->name = xstrdup(name);
	a->co = lua_newthread(L);
	a->thread_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_pushvalue(L, fn_idx);
	a->fn_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	if (arg_idx) {
		lua_pushvalue(L, arg_idx);
		a->arg_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	} else {
		a->arg_ref = LUA_NOREF;
	}
	/* Named streams: one actor's draws never shift another's. */
	rng_stream(&a->rng, s->d->seed, stream);
	a->state = ACTOR_READY;
	simq_push(&s->d->queue, s->d->now, DRILL_EV_RESUME, (uint64_t)s->nactors, NULL);
	return (int)s->nactors++;
}

static void scn_actor_release(lua_State *L, struct actor *a)
{
	luaL_unref(L, LUA_REGISTRYINDEX, a->thread_ref);
	luaL_unref(L, LUA_REGISTRYINDEX, a->fn_ref);
	luaL_unref(L, LUA_REGISTRYINDEX, a->arg_ref);
	a->thread_ref = a->fn_ref = a->arg_ref = LUA_NOREF;
	a->co = NULL;
}

void scenario_resume(struct scenario *s, int idx)
{
	lua_State *L = sandbox_lua(s->box);
	struct actor *a = &s->actors[idx];
	char err[1024];
	int nargs = 0, nres = 0, status;

	if (a->state != ACTOR_READY && a->state != ACTOR_WAITING)
		return;
	if (!a->started) {
		a->started = true;
		lua_rawgeti(L, LUA_REGISTRYINDEX, a->fn_ref);
		if (a->arg_ref != LUA_NOREF) {
			lua_rawgeti(L, LUA_REGISTRYINDEX, a->arg_ref);
			nargs = 1;
		}
		lua_xmove(L, a->co, nargs + 1);
	}
	a->in_wait = false;
	s->current = idx;
	status = sandbox_resume(s->box, a->co, nargs, &nres, err, sizeof(err));
	s->current = -1;
	a = &s->actors[idx]; /* the actor may have spawned others */
	if (status == LUA_YIELD && a->in_wait) {
		lua_pop(a->co, nres);
		a->state = ACTOR_WAITING;
		return;
	}
	if (status == LUA_YIELD) {
		char where[256];

		sandbox_position(a->co, where, sizeof(where));
		if (where[0] == '\0')
			snprintf(where, sizeof(where), "%s: ", s->path);
		snprintf(err, sizeof(err), "%sactor '%s' yielded outside wait() (use wait or wait_until)",
			 where, a->name);
		status = -1;
	}
	if (status == LUA_OK) {
		a->state = ACTOR_DONE;
	} else {
		a->state = ACTOR_FAILED;
		drill_record(s->d, DRILL_ERROR, a->name, "error", NULL, false, err);
	}
	scn_actor_release(L, a);
}

int scenario_live_actors(const struct scenario *s)
{
	int n = 0;

	for (size_t i = 0; i < s->nactors; i++)
		n += s->actors[i].state == ACTOR_READY || s->actors[i].state == ACTOR_WAITING;
	return n;
}

void scenario_notify(struct scenario *s, const char *event, const char *team, const char *target,
		     const char *detail)
{
	lua_State *L = sandbox_lua(s->box);
	int top = lua_gettop(L);

	scn_floods_reweigh(s);
	scn_storms_reweigh(s);
	lua_rawgeti(L, LUA_REGISTRYINDEX, s->handlers_ref);
	if (lua_getfield(L, -1, event) != LUA_TTABLE) {
		lua_settop(L, top);
		return;
	}
	lua_createtable(L, 0, 5);
	lua_pushstring(L, event);
	lua_setfield(L, -2, "event");
	lua_pushstring(L, team);
	lua_setfield(L, -2, "team");
	lua_pushstring(L, target);
	lua_setfield(L, -2, "target");
	lua_pushstring(L, detail);
	lua_setfield(L, -2, "command");
	lua_pushinteger(L, s->d->now);
	lua_setfield(L, -2, "time");
	for (lua_Integer i = 1; lua_rawgeti(L, -2, i) == LUA_TTABLE; i++) {
		char stream[96];

		lua_rawgeti(L, -1, 1);
		lua_rawgeti(L, -2, 2);
		snprintf(stream, sizeof(stream), "handler:%d", ++s->spawned);
		scn_spawn(L, s, lua_tostring(L, -1), stream, -2, -4);
		lua_pop(L, 3);
	}
	lua_settop(L, top);
}

/* ---- the API: declarations ----------------------------------------- */

static int api_scenario(lua_State *L)
{
	struct scenario *s = scn_of(L);
	struct scenario_info *in = &s->info;
	const char *start;
	lua_Integer seed;

	luaL_checktype(L, 1, LUA_TTABLE);
	if (s->have_info)
		return luaL_error(L, "scenario: declared twice");
	s->have_info = true;
	in->id = xstrdup(scn_field_str(L, 1, "scenario", "id", true));
	scn_bilingual(L, 1, "scenario", "title", true, &in->title_vi, &in->title_en);
	scn_bilingual(L, 1, "scenario", "description", false, &in->description_vi, &in->description_en);
	in->author = scn_field_dup(L, 1, "author");
	in->version = scn_field_dup(L, 1, "version");
	in->network = scn_field_dup(L, 1, "network");
	in->duration = scn_field_int(L, 1, "scenario", "duration", in->duration);
	if (in->duration <= 0)
		return luaL_error(L, "scenario: duration must be positive (e.g. hours(3))");
	seed = scn_field_int(L, 1, "scenario", "seed", (lua_Integer)in->seed);
	in->seed = (uint64_t)seed;
	start = scn_field_str(L, 1, "scenario", "start", false);
	if (start && !simclock_parse_iso(start, &in->start_unix_us))
		return luaL_error(L, "scenario: start '%s' is not an ISO 8601 time like %s", start,
				  SCENARIO_DEFAULT_START);
	lua_getfield(L, 1, "techniques");
	if (lua_istable(L, -1)) {
		lua_Integer n = (lua_Integer)lua_rawlen(L, -1);

		in->techniques = xcalloc((size_t)n + 1, sizeof(char *));
		for (lua_Integer i = 1; i <= n; i++) {
			const char *t;

			lua_rawgeti(L, -1, i);
			t = lua_tostring(L, -1);
			if (t == NULL || !scenario_technique_ok(t))
				return luaL_error(L, "scenario: technique '%s' is not an ATT&CK id like T1566.001",
						  t ? t : "?");
			in->techniques[in->ntechniques++] = xstrdup(t);
			lua_pop(L, 1);
		}
	} else if (!lua_isnil(L, -1)) {
		return luaL_error(L, "scenario: field 'techniques' must be a list of ATT&CK ids");
	}
	lua_pop(L, 1);
	/* The drill seed follows the scenario's unless the trainer set one. */
	if (!s->d->seed_fixed)
		s->d->seed = in->seed;
	rng_stream(&s->load_rng, s->d->seed, "scenario");
	return 0;
}

/* The line of the script that called the running C function, or 0. */
static int scn_caller_line(lua_State *L)
{
	lua_Debug ar;

	if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar) && ar.currentline > 0)
		return ar.currentline;
	return 0;
}

static int api_objective(lua_State *L)
{
	struct scenario *s = scn_of(L);
	const char *id;
	char *vi, *en;
	int rc;

	luaL_checktype(L, 1, LUA_TTABLE);
	id = scn_field_str(L, 1, "objective", "id", true);
	scn_bilingual(L, 1, "objective", "title", true, &vi, &en);
	rc = drill_objective_add(s->d, id, vi, en);
	free(vi), free(en);
	if (rc < 0)
		return luaL_error(L, "objective: '%s' is declared twice", id);
	s->objectives = xgrow(s->objectives, &s->objectives_cap, s->nobjectives + 1, sizeof(*s->objectives));
	s->objectives[s->nobjectives].id = s->d->objectives[rc].id;
	s->objectives[s->nobjectives++].line = scn_caller_line(L);
	lua_pushstring(L, id);
	return 1;
}

static int scn_objective_arg(lua_State *L, struct scenario *s, const char *fname)
{
	const char *id = luaL_checkstring(L, 1);
	int o = drill_objective_find(s->d, id);

	if (o < 0)
		luaL_error(L, "%s: no objective '%s' (declare it with objective { id = … })", fname, id);
	return o;
}

static int api_achieve(lua_State *L)
{
	struct scenario *s = scn_of(L);
	int o = scn_objective_arg(L, s, "achieve");

	drill_objective_settle(s->d, o, OBJECTIVE_ACHIEVED, scn_actor_name(s), luaL_optstring(L, 2, NULL));
	return 0;
}

static int api_prevent(lua_State *L)
{
	struct scenario *s = scn_of(L);
	int o = scn_objective_arg(L, s, "prevent");

	drill_objective_settle(s->d, o, OBJECTIVE_PREVENTED, scn_actor_name(s), luaL_optstring(L, 2, "prevented"));
	return 0;
}

static int api_actor(lua_State *L)
{
	struct scenario *s = scn_of(L);
	const char *name = luaL_checkstring(L, 1);
	char stream[160];

	luaL_checktype(L, 2, LUA_TFUNCTION);
	for (size_t i = 0; i < s->nactors; i++)
		if (strcmp(s->actors[i].name, name) == 0)
			return luaL_error(L, "actor: '%s' exists already", name);
	snprintf(stream, sizeof(stream), "actor:%s", name);
	scn_spawn(L, s, name, stream, 2, 0);
	return 0;
}

static int api_on(lua_State *L)
{
	struct scenario *s = scn_of(L);
	const char *event = luaL_checkstring(L, 1);
	char verbs[160];

	luaL_checktype(L, 2, LUA_TFUNCTION);
	if (action_verb_find(event) < 0) {
		action_verb_list(verbs, sizeof(verbs));
		return luaL_error(L, "on: no team action '%s' (%s)", event, verbs);
	}
	lua_rawgeti(L, LUA_REGISTRYINDEX, s->handlers_ref);
	if (lua_getfield(L, -1, event) != LUA_TTABLE) {
		lua_pop(L, 1);
		lua_newtable(L);
		lua_pushvalue(L, -1);
		lua_setfield(L, -3, event);
	}
	lua_createtable(L, 2, 0);
	lua_pushvalue(L, 2);
	lua_rawseti(L, -2, 1);
	lua_pushstring(L, scn_actor_name(s));
	lua_rawseti(L, -2, 2);
	lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
	lua_pop(L, 2);
	return 0;
}

static int api_message(lua_State *L)
{
	struct scenario *s = scn_of(L);
	const char *to = "all";
	char *vi = NULL, *en = NULL, text[2048];

	if (lua_type(L, 1) == LUA_TSTRING) {
		snprintf(text, sizeof(text), "%s", lua_tostring(L, 1));
	} else {
		luaL_checktype(L, 1, LUA_TTABLE);
		to = scn_field_str(L, 1, "message", "to", false);
		if (to == NULL)
			to = "all";
		scn_bilingual(L, 1, "message", "text", true, &vi, &en);
		snprintf(text, sizeof(text), "%s | %s", vi, en);
		free(vi), free(en);
	}
	drill_record(s->d, DRILL_MESSAGE, scn_actor_name(s), "message", to, true, text);
	return 0;
}

/* ---- the API: time --------------------------------------------------- */

static int scn_duration(lua_State *L, lua_Integer unit)
{
	lua_Number n = luaL_checknumber(L, 1);

	if (!(n >= 0) || n * (lua_Number)unit > 9.0e18)
		return luaL_error(L, "a duration must be a non-negative number");
	lua_pushinteger(L, (lua_Integer)floor(n * (lua_Number)unit + 0.5));
	return 1;
}

static int api_seconds(lua_State *L) { return scn_duration(L, SIM_SECOND); }
static int api_minutes(lua_State *L) { return scn_duration(L, SIM_MINUTE); }
static int api_hours(lua_State *L) { return scn_duration(L, SIM_HOUR); }
static int api_days(lua_State *L) { return scn_duration(L, SIM_DAY); }

static int api_now(lua_State *L)
{
	lua_pushinteger(L, scn_of(L)->d->now);
	return 1;
}

/* Only the actor's own coroutine may wait (wait, or a step that lasts),
 * since the engine resumes that thread and no other. */
static void scn_check_waiter(lua_State *L, struct scenario *s, const char *fname)
{
	if (s->current < 0)
		luaL_error(L, "%s: only an actor can wait (call it inside actor(name, function() … end))", fname);
	if (L != s->actors[s->current].co)
		luaL_error(L, "%s: called from a coroutine of the script's own; only the actor itself can wait", fname);
}

/* Yield to the engine until t; k (if any) finishes the call on resume. */
static int scn_yield_until(lua_State *L, struct scenario *s, sim_time_t t, lua_KContext ctx, lua_KFunction k)
{
	if (t < s->d->now)
		t = s->d->now;
	simq_push(&s->d->queue, t, DRILL_EV_RESUME, (uint64_t)s->current, NULL);
	s->actors[s->current].in_wait = true;
	return lua_yieldk(L, 0, ctx, k);
}

static int scn_wait_until(lua_State *L, struct scenario *s, sim_time_t t)
{
	scn_check_waiter(L, s, "wait");
	return scn_yield_until(L, s, t, 0, NULL);
}

static int api_wait(lua_State *L)
{
	struct scenario *s = scn_of(L);
	lua_Integer d = luaL_checkinteger(L, 1);

	if (d < 0)
		return luaL_error(L, "wait: duration must not be negative");
	return scn_wait_until(L, s, s->d->now + d);
}

static int api_wait_until(lua_State *L)
{
	struct scenario *s = scn_of(L);

	return scn_wait_until(L, s, luaL_checkinteger(L, 1));
}

static int api_jitter(lua_State *L)
{
	struct scenario *s = scn_of(L);
	lua_Integer d = luaL_checkinteger(L, 1);
	lua_Number f = luaL_optnumber(L, 2, 0.2);

	lua_pushinteger(L, rng_jitter(scn_rng(s), d, f));
	return 1;
}

/* math.random with Lua's own signature, drawn from the actor's stream. */
static int api_random(lua_State *L)
{
	struct rng *r = scn_rng(scn_of(L));
	lua_Integer lo = 1, hi;

	switch (lua_gettop(L)) {
	case 0:
		lua_pushnumber(L, rng_double(r));
		return 1;
	case 1:
		hi = luaL_checkinteger(L, 1);
		break;
	case 2:
		lo = luaL_checkinteger(L, 1);
		hi = luaL_checkinteger(L, 2);
		break;
	default:
		return luaL_error(L, "wrong number of arguments");
	}
	luaL_argcheck(L, lo <= hi, lua_gettop(L), "interval is empty");
	lua_pushinteger(L, rng_range(r, lo, hi));
	return 1;
}

/* ---- the API: lookups ------------------------------------------------ */

static void scn_push_names(lua_State *L, const struct net *net, const int *v, int n, bool accounts)
{
	lua_createtable(L, n, 0);
	for (int i = 0; i < n; i++) {
		lua_pushstring(L, accounts ? net->accounts[v[i]].name : net->hosts[v[i]].name);
		lua_rawseti(L, -2, i + 1);
	}
}

static int api_host(lua_State *L)
{
	struct scenario *s = scn_of(L);
	const struct net *net = s->d->net;
	const char *name = luaL_checkstring(L, 1);
	int h = net_host_find(net, name);
	const struct net_host *hp;
	char ip[IPADDR_STRLEN];

	if (h < 0)
		return luaL_error(L, "host: no host '%s' in the network", name);
	hp = &net->hosts[h];
	lua_createtable(L, 0, 18);
	lua_pushstring(L, hp->name), lua_setfield(L, -2, "name");
	lua_pushstring(L, ipaddr_format(hp->ip, ip)), lua_setfield(L, -2, "ip");
	if (hp->public_ip)
		lua_pushstring(L, ipaddr_format(hp->public_ip, ip)), lua_setfield(L, -2, "public_ip");
	lua_pushstring(L, hp->os), lua_setfield(L, -2, "os");
	lua_pushstring(L, hp->role), lua_setfield(L, -2, "role");
	lua_pushstring(L, net->sites[hp->site].id), lua_setfield(L, -2, "site");
	lua_pushstring(L, net->segments[hp->segment].id), lua_setfield(L, -2, "segment");
	lua_pushstring(L, net->segments[hp->segment].zone), lua_setfield(L, -2, "zone");
	lua_pushstring(L, net_criticality_name(hp->criticality)), lua_setfield(L, -2, "criticality");
	lua_pushinteger(L, hp->level), lua_setfield(L, -2, "level");
	lua_pushboolean(L, hp->state & NET_HOST_COMPROMISED), lua_setfield(L, -2, "compromised");
	lua_pushboolean(L, hp->state & NET_HOST_ISOLATED), lua_setfield(L, -2, "isolated");
	lua_pushboolean(L, hp->state & NET_HOST_DOWN), lua_setfield(L, -2, "down");
	lua_pushboolean(L, hp->state & NET_HOST_DEFACED), lua_setfield(L, -2, "defaced");
	lua_pushboolean(L, hp->state & NET_HOST_FLOODED), lua_setfield(L, -2, "flooded");
	scn_push_names(L, net, hp->accounts, hp->naccounts, true);
	lua_setfield(L, -2, "accounts");
	lua_createtable(L, hp->ntags, 0);
	for (int i = 0; i < hp->ntags; i++)
		lua_pushstring(L, hp->tags[i]), lua_rawseti(L, -2, i + 1);
	lua_setfield(L, -2, "tags");
	lua_createtable(L, hp->nsystems, 0);
	for (int i = 0; i < hp->nsystems; i++)
		lua_pushstring(L, net->systems[hp->systems[i]].id), lua_rawseti(L, -2, i + 1);
	lua_setfield(L, -2, "systems");
	return 1;
}

static bool scn_host_in_system(const struct net_host *h, int sys)
{
	for (int i = 0; i < h->nsystems; i++)
		if (h->systems[i] == sys)
			return true;
	return false;
}

/* hosts { site =, role =, tag =, zone =, system =, os = } in file order;
 * limit 1 for find_host. */
static int scn_hosts(lua_State *L, int limit)
{
	struct scenario *s = scn_of(L);
	const struct net *net = s->d->net;
	const char *site_id, *role, *tag, *zone, *system, *os;
	int site = -1, sys = -1, n = 0;

	luaL_checktype(L, 1, LUA_TTABLE);
	site_id = scn_field_str(L, 1, "hosts", "site", false);
	role = scn_field_str(L, 1, "hosts", "role", false);
	tag = scn_field_str(L, 1, "hosts", "tag", false);
	zone = scn_field_str(L, 1, "hosts", "zone", false);
	system = scn_field_str(L, 1, "hosts", "system", false);
	os = scn_field_str(L, 1, "hosts", "os", false);
	if (site_id && (site = net_site_find(net, site_id)) < 0)
		return luaL_error(L, "hosts: no site '%s' in the network", site_id);
	if (system && (sys = net_system_find(net, system)) < 0)
		return luaL_error(L, "hosts: no system '%s' in the network", system);
	if (limit == 0)
		lua_newtable(L);
	for (int h = 0; h < net->nhosts; h++) {
		const struct net_host *hp = &net->hosts[h];

		if ((site >= 0 && !net_site_within(net, hp->site, site)) ||
		    (role && strcmp(hp->role, role) != 0) || (tag && !net_host_has_tag(hp, tag)) ||
		    (zone && strcmp(net->segments[hp->segment].zone, zone) != 0) ||
		    (sys >= 0 && !scn_host_in_system(hp, sys)) || (os && !strstr(hp->os, os)))
			continue;
		lua_pushstring(L, hp->name);
		if (limit == 1)
			return 1;
		lua_rawseti(L, -2, ++n);
	}
	if (limit == 1)
		lua_pushnil(L);
	return 1;
}

static int api_hosts(lua_State *L) { return scn_hosts(L, 0); }
static int api_find_host(lua_State *L) { return scn_hosts(L, 1); }

static int api_system(lua_State *L)
{
	struct scenario *s = scn_of(L);
	const struct net *net = s->d->net;
	const char *id = luaL_checkstring(L, 1);
	int sys = net_system_find(net, id);
	const struct net_system *sp;

	if (sys < 0)
		return luaL_error(L, "system: no system '%s' in the network", id);
	sp = &net->systems[sys];
	lua_createtable(L, 0, 8);
	lua_pushstring(L, sp->id), lua_setfield(L, -2, "id");
	lua_pushstring(L, sp->name), lua_setfield(L, -2, "name");
	if (sp->name_en)
		lua_pushstring(L, sp->name_en), lua_setfield(L, -2, "name_en");
	lua_pushinteger(L, sp->level), lua_setfield(L, -2, "level");
	lua_pushboolean(L, sp->monitored), lua_setfield(L, -2, "monitored");
	lua_pushboolean(L, net_system_available(net, sys)), lua_setfield(L, -2, "available");
	scn_push_names(L, net, sp->hosts, sp->nhosts, false);
	lua_setfield(L, -2, "hosts");
	return 1;
}

/* ---- the API: attack steps ------------------------------------------- */

/* Record the step and return (ok) or (false, reason) to the script. */
static int scn_result(lua_State *L, struct scenario *s, const char *step, const char *target,
		      const char *reason)
{
	const char *tech = lua_type(L, 1) == LUA_TTABLE ? scn_check_technique(L, 1, step) : NULL;

	drill_record_step(s->d, scn_actor_name(s), step, target, reason == NULL, reason, tech);
	lua_pushboolean(L, reason == NULL);
	if (reason == NULL)
		return 1;
	lua_pushstring(L, reason);
	return 2;
}

/* Why the attacker cannot act on a host it holds, or NULL. */
static const char *scn_foothold(const struct net_host *h)
{
	if (h->state & NET_HOST_DOWN)
		return "host is down";
	if (h->state & NET_HOST_ISOLATED)
		return "host is isolated";
	if (!(h->state & NET_HOST_COMPROMISED))
		return "host is not compromised";
	return NULL;
}

/* Decide a flow and phrase a failure in plain words into buf. */
static const char *scn_flow(const struct net *net, uint32_t src, uint32_t dst, uint16_t port,
			    struct net_flow *f, char *buf, size_t size)
{
	f->src = src;
	f->dst = dst;
	f->proto = NET_PROTO_TCP;
	f->port = port;
	if (net_flow(net, f) == NET_FLOW_OK)
		return NULL;
	if (f->stopped_at >= 0)
		snprintf(buf, size, "%s (%s)", net_verdict_reason(f->verdict),
			 net->sites[f->firewalls[f->stopped_at]].id);
	else
		snprintf(buf, size, "%s", net_verdict_reason(f->verdict));
	return buf;
}

/* Is value (a domain or hash) blocked at a firewall the flow crosses? */
static const char *scn_blocked_on_path(const struct net *net, const struct net_flow *f,
				       enum net_block_kind kind, const char *value, char *buf, size_t size)
{
	for (int i = 0; value && i < f->nfirewalls; i++) {
		if (net_blocked_at(net, kind, value, f->firewalls[i])) {
			snprintf(buf, size, "%s %s blocked (%s)", kind == NET_BLOCK_DOMAIN ? "domain" : "hash",
				 value, net->sites[f->firewalls[i]].id);
			return buf;
		}
	}
	return NULL;
}

/* A field holding an IPv4 address or a host's name: the address, and in
 * *host the host it names (-1 for an address), for steps that must start
 * from a host the attacker holds. */
static uint32_t scn_endpoint_arg(lua_State *L, struct scenario *s, int t, const char *fname,
				 const char *key, const char *dflt, int *host)
{
	const char *v = scn_field_str(L, t, fname, key, dflt == NULL);
	uint32_t ip;

	*host = -1;
	if (v == NULL)
		v = dflt;
	if (ipaddr_parse(v, &ip))
		return ip;
	*host = net_host_find(s->d->net, v);
	if (*host < 0)
		luaL_error(L, "%s: field '%s': '%s' is neither an IPv4 address nor a host", fname, key, v);
	return s->d->net->hosts[*host].ip;
}

static uint32_t scn_address_arg(lua_State *L, struct scenario *s, int t, const char *fname,
				const char *key, const char *dflt)
{
	int host;

	return scn_endpoint_arg(L, s, t, fname, key, dflt, &host);
}

/* The address a flow from src reaches host at: its public face (NAT)
 * from outside the province, else its own. */
static uint32_t scn_facing(const struct net_host *h, uint32_t src)
{
	return !ipaddr_is_private(src) && h->public_ip ? h->public_ip : h->ip;
}

static const char *scn_domain_of(const char *email)
{
	const char *at = email ? strrchr(email, '@') : NULL;

	return at ? at + 1 : NULL;
}

/* phish { account =, host =, from =, subject =, attachment =, hash =, source = } */
static int api_phish(lua_State *L)
{
	struct scenario *s = scn_of(L);
	struct net *net = s->d->net;
	int acc, host;
	uint32_t source;
	const char *from, *hash, *subject, *attachment, *reason = "the network has no host tagged mail-gateway";
	char buf[256];
	bool delivered = false, rejected = false;
	int gateway = -1;

	luaL_checktype(L, 1, LUA_TTABLE);
	scn_check_technique(L, 1, "phish");
	acc = scn_account_arg(L, s, 1, "phish", "account");
	host = scn_host_arg(L, s, 1, "phish", "host");
	from = scn_field_str(L, 1, "phish", "from", true);
	hash = scn_field_str(L, 1, "phish", "hash", false);
	subject = scn_field_str(L, 1, "phish", "subject", false);
	attachment = scn_field_str(L, 1, "phish", "attachment", false);
	source = scn_address_arg(L, s, 1, "phish", "source", SCENARIO_DEFAULT_SENDER);

	/* The mail must get through a gateway: the path to it, then the
	 * sender's domain and the attachment's hash on every firewall. */
	for (int g = 0; g < net->nhosts && !delivered; g++) {
		const struct net_host *gw = &net->hosts[g];
		struct net_flow f;

		if (!net_host_has_tag(gw, "mail-gateway"))
			continue;
		if (gateway < 0)
			gateway = g;
		reason = scn_flow(net, source, gw->public_ip ? gw->public_ip : gw->ip, 25, &f, buf, sizeof(buf));
		if (reason == NULL) {
			/* It reached this gateway, which may refuse it. */
			gateway = g;
			reason = scn_blocked_on_path(net, &f, NET_BLOCK_DOMAIN, scn_domain_of(from), buf, sizeof(buf));
			if (reason == NULL)
				reason = scn_blocked_on_path(net, &f, NET_BLOCK_HASH, hash, buf, sizeof(buf));
			rejected = reason != NULL;
		}
		delivered = reason == NULL;
	}
	if (delivered && (net->accounts[acc].state & NET_ACCOUNT_DISABLED))
		reason = "account is disabled";
	else if (delivered && (net->hosts[host].state & NET_HOST_DOWN))
		reason = "host is down";
	else if (delivered && (net->hosts[host].state & NET_HOST_ISOLATED))
		reason = "host is isolated";
	trace_phish(&s->tele, &(struct trace_mail){ gateway, source, host, acc, from,
						    subject ? subject : "Công văn khẩn / Urgent official letter",
						    attachment, hash, rejected, reason == NULL });
	if (reason == NULL) {
		net_host_set(net, host, NET_HOST_COMPROMISED, true);
		net_account_set(net, acc, NET_ACCOUNT_COMPROMISED, true);
	}
	return scn_result(L, s, "phish", net->hosts[host].name, reason);
}

/* exploit { host =, port =, from =, cve = } */
static int api_exploit(lua_State *L)
{
	struct scenario *s = scn_of(L);
	struct net *net = s->d->net;
	int host, svc;
	lua_Integer port;
	uint32_t from, dst;
	const char *reason, *cve;
	char buf[256];
	struct net_flow f;

	luaL_checktype(L, 1, LUA_TTABLE);
	scn_check_technique(L, 1, "exploit");
	host = scn_host_arg(L, s, 1, "exploit", "host");
	port = scn_field_int(L, 1, "exploit", "port", 0);
	if (port <= 0 || port > 65535)
		return luaL_error(L, "exploit: field 'port' must be a TCP port");
	from = scn_address_arg(L, s, 1, "exploit", "from", NULL);
	cve = scn_field_str(L, 1, "exploit", "cve", false);
	/* From outside the province the public face is what can be reached. */
	dst = scn_facing(&net->hosts[host], from);
	reason = scn_flow(net, from, dst, (uint16_t)port, &f, buf, sizeof(buf));
	svc = net_host_service(net, host, NET_PROTO_TCP, (uint16_t)port);
	if (reason == NULL && svc >= 0 && net->hosts[host].services[svc].patched)
		reason = "service is patched";
	trace_exploit(&s->tele, from, host, (uint16_t)port, cve, reason == NULL);
	if (reason == NULL)
		net_host_set(net, host, NET_HOST_COMPROMISED, true);
	return scn_result(L, s, "exploit", net->hosts[host].name, reason);
}

/* execute / persist { host =, … }: things done on a host already held. */
static int scn_on_host(lua_State *L, const char *step)
{
	struct scenario *s = scn_of(L);
	const char *reason, *what;
	int host;

	luaL_checktype(L, 1, LUA_TTABLE);
	scn_check_technique(L, 1, step);
	host = scn_host_arg(L, s, 1, step, "host");
	what = scn_field_str(L, 1, step, strcmp(step, "persist") == 0 ? "method" : "command", false);
	reason = scn_foothold(&s->d->net->hosts[host]);
	if (reason == NULL && strcmp(step, "persist") == 0)
		trace_persist(&s->tele, host, -1, what);
	else if (reason == NULL)
		trace_execute(&s->tele, host, -1, what);
	return scn_result(L, s, step, s->d->net->hosts[host].name, reason);
}

static int api_execute(lua_State *L) { return scn_on_host(L, "execute"); }
static int api_persist(lua_State *L) { return scn_on_host(L, "persist"); }

/* dump_credentials { host = }: true and the accounts whose credentials
 * were on the host, or false and the reason. */
static int api_dump_credentials(lua_State *L)
{
	struct scenario *s = scn_of(L);
	struct net *net = s->d->net;
	const struct net_host *h;
	const char *reason;
	int host, n = 0;

	luaL_checktype(L, 1, LUA_TTABLE);
	scn_check_technique(L, 1, "dump_credentials");
	host = scn_host_arg(L, s, 1, "dump_credentials", "host");
	h = &net->hosts[host];
	reason = scn_foothold(h);
	/* Traces first, as every step: they belong to the entry it records. */
	if (reason == NULL)
		trace_dump_credentials(&s->tele, host);
	scn_result(L, s, "dump_credentials", h->name, reason);
	if (reason)
		return 2;
	lua_createtable(L, h->naccounts, 0);
	for (int i = 0; i < h->naccounts; i++) {
		int a = h->accounts[i];

		if (net->accounts[a].state & NET_ACCOUNT_DISABLED)
			continue;
		/* Freshly dumped credentials are valid even after a reset. */
		net_account_set(net, a, NET_ACCOUNT_COMPROMISED, true);
		net_account_set(net, a, NET_ACCOUNT_PASSWORD_RESET, false);
		lua_pushstring(L, net->accounts[a].name);
		lua_rawseti(L, -2, ++n);
	}
	return 2;
}

/* The port each way of logging on to a host listens on. */
static const struct {
	const char *via;
	uint16_t port;
} scn_vias[] = {
	{ "smb", 445 }, { "rdp", 3389 }, { "winrm", 5985 }, { "ssh", 22 }, { "mssql", 1433 },
};

/* The port of via (smb when NULL); fname and extra (other accepted
 * words, e.g. "vpn, ") phrase the error. */
static uint16_t scn_via_port(lua_State *L, const char *fname, const char *extra, const char *via)
{
	for (size_t i = 0; i < sizeof(scn_vias) / sizeof(*scn_vias); i++)
		if (strcmp(via ? via : "smb", scn_vias[i].via) == 0)
			return scn_vias[i].port;
	luaL_error(L, "%s: via '%s' is not %ssmb, rdp, winrm, ssh or mssql", fname, via, extra);
	return 0;
}

/* Why the attacker's copy of an account's password no longer works, or
 * NULL. */
static const char *scn_credentials(const struct net_account *ap)
{
	if (ap->state & NET_ACCOUNT_DISABLED)
		return "account is disabled";
	if (ap->state & NET_ACCOUNT_PASSWORD_RESET)
		return "password was reset";
	return NULL;
}

/* An account logs on where it is listed; an administrator also anywhere
 * in its own site's subtree (a district admin on the district's hosts, the
 * province's on every host). */
static bool scn_account_on(const struct net *net, int acc, int host)
{
	const struct net_host *h = &net->hosts[host];

	if (net->accounts[acc].admin && net_site_within(net, h->site, net->accounts[acc].site))
		return true;
	for (int i = 0; i < h->naccounts; i++)
		if (h->accounts[i] == acc)
			return true;
	return false;
}

/* move { from =, to =, account =, via = "smb"|"rdp"|"winrm"|"ssh"|"mssql" } */
static int api_move(lua_State *L)
{
	struct scenario *s = scn_of(L);
	struct net *net = s->d->net;
	int from, to, acc;
	const struct net_account *ap;
	const char *reason;
	char buf[256];
	struct net_flow f;
	uint16_t port;

	luaL_checktype(L, 1, LUA_TTABLE);
	scn_check_technique(L, 1, "move");
	from = scn_host_arg(L, s, 1, "move", "from");
	to = scn_host_arg(L, s, 1, "move", "to");
	acc = scn_account_arg(L, s, 1, "move", "account");
	port = scn_via_port(L, "move", "", scn_field_str(L, 1, "move", "via", false));
	ap = &net->accounts[acc];
	reason = scn_foothold(&net->hosts[from]);
	if (reason == NULL)
		reason = scn_credentials(ap);
	if (reason == NULL && !(ap->state & NET_ACCOUNT_COMPROMISED))
		reason = "account's credentials are not stolen";
	else if (reason == NULL && !scn_account_on(net, acc, to))
		reason = "account cannot log on to that host";
	if (reason == NULL)
		reason = scn_flow(net, net->hosts[from].ip, net->hosts[to].ip, port, &f, buf, sizeof(buf));
	/* The attacker tries stolen credentials from a host it holds; a
	 * disabled or reset account shows as a failed logon on the target. */
	if (scn_foothold(&net->hosts[from]) == NULL && (ap->state & NET_ACCOUNT_COMPROMISED))
		trace_move(&s->tele, from, to, acc, port, scn_credentials(ap) != NULL, reason == NULL);
	if (reason == NULL)
		net_host_set(net, to, NET_HOST_COMPROMISED, true);
	return scn_result(L, s, "move", net->hosts[to].name, reason);
}

/* beacon / exfiltrate { host =, c2 =, domain =, port = } */
static int scn_outbound(lua_State *L, const char *step)
{
	struct scenario *s = scn_of(L);
	struct net *net = s->d->net;
	const char *domain, *reason;
	char buf[256], target[300];
	struct net_flow f;
	uint32_t c2;
	lua_Integer port, bytes;
	int host;
	unsigned state;

	luaL_checktype(L, 1, LUA_TTABLE);
	scn_check_technique(L, 1, step);
	host = scn_host_arg(L, s, 1, step, "host");
	c2 = scn_address_arg(L, s, 1, step, "c2", NULL);
	domain = scn_field_str(L, 1, step, "domain", false);
	port = scn_field_int(L, 1, step, "port", 443);
	if (port <= 0 || port > 65535)
		return luaL_error(L, "%s: field 'port' must be a TCP port", step);
	bytes = scn_field_int(L, 1, step, "bytes", 0);
	/* The implant calls out from a held host that is up; isolation
	 * drops it before any sensor sees it. */
	state = net->hosts[host].state;
	if ((state & NET_HOST_COMPROMISED) && !(state & NET_HOST_DOWN))
		trace_outbound(&s->tele, host, c2, domain, (uint16_t)port, bytes > 0 ? (uint64_t)bytes : 0,
			       strcmp(step, "exfiltrate") == 0);
	reason = scn_foothold(&net->hosts[host]);
	if (reason == NULL)
		reason = scn_flow(net, net->hosts[host].ip, c2, (uint16_t)port, &f, buf, sizeof(buf));
	if (reason == NULL)
		reason = scn_blocked_on_path(net, &f, NET_BLOCK_DOMAIN, domain, buf, sizeof(buf));
	snprintf(target, sizeof(target), "%s -> %s", net->hosts[host].name,
		 domain ? domain : ipaddr_format(c2, (char[IPADDR_STRLEN]){ 0 }));
	return scn_result(L, s, step, target, reason);
}

static int api_beacon(lua_State *L) { return scn_outbound(L, "beacon"); }
static int api_exfiltrate(lua_State *L) { return scn_outbound(L, "exfiltrate"); }

/* encrypt { host = }: ransomware takes the host down. */
static int api_encrypt(lua_State *L)
{
	struct scenario *s = scn_of(L);
	struct net *net = s->d->net;
	const char *reason;
	int host;

	luaL_checktype(L, 1, LUA_TTABLE);
	scn_check_technique(L, 1, "encrypt");
	host = scn_host_arg(L, s, 1, "encrypt", "host");
	reason = scn_foothold(&net->hosts[host]);
	if (reason == NULL) {
		trace_encrypt(&s->tele, host);
		net_host_set(net, host, NET_HOST_DOWN, true);
	}
	return scn_result(L, s, "encrypt", net->hosts[host].name, reason);
}

/* The gateway a VPN logon goes through: the `gateway` field, else the
 * network's first host whose role is vpn. */
static int scn_vpn_gateway(lua_State *L, struct scenario *s, int t)
{
	const struct net *net = s->d->net;

	if (scn_field_str(L, t, "logon", "gateway", false))
		return scn_host_arg(L, s, t, "logon", "gateway");
	for (int h = 0; h < net->nhosts; h++)
		if (strcmp(net->hosts[h].role, "vpn") == 0)
			return h;
	luaL_error(L, "logon: the network has no host with role 'vpn' (name one with gateway =)");
	return -1;
}

/* Why a VPN session cannot open a remote desktop (or ssh) on host, or
 * NULL: the session reaches the hosts its account may log on to. */
static const char *scn_vpn_landing(const struct net *net, int host)
{
	const struct net_host *h = &net->hosts[host];

	if (h->state & NET_HOST_DOWN)
		return "host is down";
	if (h->state & NET_HOST_ISOLATED)
		return "host is isolated";
	if (net_host_service(net, host, NET_PROTO_TCP, 3389) < 0 && net_host_service(net, host, NET_PROTO_TCP, 22) < 0)
		return "host offers no remote desktop or ssh";
	return NULL;
}

/*
 * logon { account =, host =, via = "vpn"|"rdp"|"ssh"|"smb"|"winrm"|"mssql",
 * from =, gateway = }: a logon with a valid account the attacker bought or
 * guessed (initial access), from outside (an address) or from a host it
 * holds.  Through the VPN, the gateway must be reachable on tcp/443 and
 * the session then opens a remote desktop on a host the account may log
 * on to; otherwise the flow goes straight to the host's port.
 */
static int api_logon(lua_State *L)
{
	struct scenario *s = scn_of(L);
	struct net *net = s->d->net;
	const char *via, *reason = NULL;
	char buf[256], target[300];
	int acc, host, from_host, gw = -1;
	uint32_t from, refused = 0;
	uint16_t port = 0;
	struct net_flow f;
	bool held, landed;

	luaL_checktype(L, 1, LUA_TTABLE);
	scn_check_technique(L, 1, "logon");
	acc = scn_account_arg(L, s, 1, "logon", "account");
	host = scn_host_arg(L, s, 1, "logon", "host");
	via = scn_field_str(L, 1, "logon", "via", true);
	from = scn_endpoint_arg(L, s, 1, "logon", "from", NULL, &from_host);
	if (strcmp(via, "vpn") == 0)
		gw = scn_vpn_gateway(L, s, 1);
	else
		port = scn_via_port(L, "logon", "vpn, ", via);

	if (from_host >= 0)
		reason = scn_foothold(&net->hosts[from_host]);
	held = reason == NULL;
	/* The path first: a blocked source never gets to try a password. */
	if (reason == NULL && gw >= 0)
		reason = scn_flow(net, from, scn_facing(&net->hosts[gw], from), 443, &f, buf, sizeof(buf));
	else if (reason == NULL)
		reason = scn_flow(net, from, scn_facing(&net->hosts[host], from), port, &f, buf, sizeof(buf));
	/* Whether a session reaches the host's logon at all. */
	landed = reason == NULL && (gw < 0 || scn_vpn_landing(net, host) == NULL);
	if (reason == NULL) {
		reason = scn_credentials(&net->accounts[acc]);
		if (reason)
			refused = net->accounts[acc].state & NET_ACCOUNT_DISABLED ? TRACE_LOGON_DISABLED
										  : TRACE_LOGON_BAD_PASSWORD;
	}
	if (reason == NULL && !scn_account_on(net, acc, host)) {
		reason = "account cannot log on to that host";
		refused = TRACE_LOGON_NOT_GRANTED;
	}
	if (reason == NULL && gw >= 0)
		reason = scn_vpn_landing(net, host);
	if (held)
		trace_logon(&s->tele, &(struct trace_logon){ from, from_host, gw, host, acc, gw >= 0 ? 3389 : port,
							     refused, landed });
	if (reason == NULL) {
		net_host_set(net, host, NET_HOST_COMPROMISED, true);
		net_account_set(net, acc, NET_ACCOUNT_COMPROMISED, true);
	}
	snprintf(target, sizeof(target), "%s@%s", net->accounts[acc].name, net->hosts[host].name);
	return scn_result(L, s, "logon", target, reason);
}

static bool scn_serves_web(const struct net_host *h)
{
	for (int i = 0; i < h->nservices; i++) {
		const struct net_service *sv = &h->services[i];

		if (sv->proto == NET_PROTO_TCP && sv->name &&
		    (strcmp(sv->name, "http") == 0 || strcmp(sv->name, "https") == 0))
			return true;
	}
	return false;
}

/* deface { host =, page =, content =, from = }: the attacker's pages
 * replace the site's (or hide among them, for SEO spam) on a web server
 * it holds; from is where it drives its web shell from, when known. */
static int api_deface(lua_State *L)
{
	struct scenario *s = scn_of(L);
	struct net *net = s->d->net;
	const struct net_host *h;
	const char *page, *reason;
	char target[300];
	uint32_t from = 0;
	int host;

	luaL_checktype(L, 1, LUA_TTABLE);
	scn_check_technique(L, 1, "deface");
	host = scn_host_arg(L, s, 1, "deface", "host");
	page = scn_field_str(L, 1, "deface", "page", false);
	scn_field_str(L, 1, "deface", "content", false);
	if (scn_field_str(L, 1, "deface", "from", false))
		from = scn_address_arg(L, s, 1, "deface", "from", NULL);
	h = &net->hosts[host];
	reason = scn_foothold(h);
	if (reason == NULL && !scn_serves_web(h))
		reason = "host serves no web pages";
	if (reason == NULL) {
		trace_deface(&s->tele, host, from, page);
		net_host_set(net, host, NET_HOST_DEFACED, true);
	}
	snprintf(target, sizeof(target), "%s%s%s", h->name, page ? " " : "", page ? page : "");
	return scn_result(L, s, "deface", target, reason);
}

/* ---- floods ------------------------------------------------------------ */

/* Sources of one flood, a flood's default wave and its limits. */
#define SCN_FLOOD_MAX_SOURCES 64
#define SCN_FLOOD_WAVE (10 * SIM_MINUTE)

struct scn_source {
	uint32_t addr;
	int prefix;
};

/*
 * A wave of a flood against one host's port.  The rate is shared evenly
 * by the sources; a source's share is dropped where the firewall policy
 * or the target's state stops its traffic, and in proportion to how much
 * of its prefix IP blocks on its path cover.  What gets through takes the
 * service down when it exceeds the capacity.  The wave is weighed again
 * whenever a team acts, so a block relieves the target at once.
 */
struct scn_flood_tick;

struct scn_flood {
	int actor, host;
	uint8_t proto;
	uint16_t port;
	double rate, capacity; /* Mbit/s */
	struct scn_source *sources;
	int nsources;
	bool active, overwhelming;
	char *relief; /* why it first stopped overwhelming the target, or NULL */
	char *technique; /* the wave's ATT&CK id, or NULL */
	struct scn_flood_tick *tick; /* its sampling on the queue, or NULL */
};

/* Does block b apply on the path of f? An `everywhere` block sits on
 * every firewall, and a path through none cannot be blocked. */
static bool scn_block_on_path(const struct net_block *b, const struct net_flow *f)
{
	if (b->kind != NET_BLOCK_IP)
		return false;
	if (b->site < 0)
		return f->nfirewalls > 0;
	for (int i = 0; i < f->nfirewalls; i++)
		if (f->firewalls[i] == b->site)
			return true;
	return false;
}

static uint64_t scn_prefix_size(int prefix)
{
	return 1ull << (32 - prefix);
}

/* Is block j redundant inside src: within another block that also lies
 * inside it (or an identical one listed earlier)? */
static bool scn_block_shadowed(const struct net *net, const struct net_flow *f, size_t j)
{
	const struct net_block *b = &net->blocks[j];

	for (size_t i = 0; i < net->nblocks; i++) {
		const struct net_block *o = &net->blocks[i];

		if (i == j || !scn_block_on_path(o, f) || o->prefix > b->prefix || !ipaddr_in(b->addr, o->addr, o->prefix))
			continue;
		if (o->prefix < b->prefix || i < j)
			return true;
	}
	return false;
}

/*
 * The share of src that IP blocks on f's path cover, in [0, 1], and in
 * *site the firewall of the first covering block.  Prefixes nest or are
 * disjoint, so the cover is the sum of the outermost blocks inside src.
 * *uncovered is set to an address of src no block covers (when the share
 * is below 1): src's first address or the first one after a block.
 */
static double scn_blocked_share(const struct net *net, const struct net_flow *f, const struct scn_source *src,
				int *site, uint32_t *uncovered)
{
	uint64_t covered = 0, size = scn_prefix_size(src->prefix), end = (uint64_t)src->addr + size;

	*site = -1;
	*uncovered = src->addr;
	for (size_t i = 0; i < net->nblocks; i++) {
		const struct net_block *b = &net->blocks[i];

		if (!scn_block_on_path(b, f))
			continue;
		if (b->prefix <= src->prefix && ipaddr_in(src->addr, b->addr, b->prefix)) {
			*site = b->site >= 0 ? b->site : f->firewalls[0];
			return 1.0;
		}
		if (!ipaddr_in(b->addr, src->addr, src->prefix) || scn_block_shadowed(net, f, i))
			continue;
		covered += scn_prefix_size(b->prefix);
		if (*site < 0)
			*site = b->site >= 0 ? b->site : f->firewalls[0];
	}
	/* Step past every block the candidate sits in until it sits in none
	 * (or the blocks tile all of src, and the share is 1). */
	for (bool moved = covered > 0; moved;) {
		moved = false;
		for (size_t i = 0; i < net->nblocks; i++) {
			const struct net_block *b = &net->blocks[i];
			uint64_t b_end = (uint64_t)b->addr + scn_prefix_size(b->prefix);

			if (scn_block_on_path(b, f) && ipaddr_in(*uncovered, b->addr, b->prefix) && b_end < end) {
				*uncovered = (uint32_t)b_end;
				moved = true;
			}
		}
	}
	return (double)covered / (double)size;
}

/* Mbit/s of fl reaching its target now; why holds the first reason met
 * that stopped some traffic ("" when none was). */
static double scn_flood_reaching(const struct scenario *s, const struct scn_flood *fl, char *why, size_t size)
{
	const struct net *net = s->d->net;
	const struct net_host *target = &net->hosts[fl->host];
	double share = fl->rate / fl->nsources, through = 0;

	why[0] = '\0';
	/* A target taken offline stops every source alike. */
	if (target->state & (NET_HOST_DOWN | NET_HOST_ISOLATED)) {
		snprintf(why, size, "%s", net_verdict_reason(target->state & NET_HOST_DOWN ? NET_FLOW_DST_DOWN :
							     NET_FLOW_DST_ISOLATED));
		return 0;
	}
	for (int i = 0; i < fl->nsources; i++) {
		const struct scn_source *src = &fl->sources[i];
		struct net_flow f = { .src = src->addr, .dst = scn_facing(target, src->addr), .proto = fl->proto,
				      .port = fl->port };
		double blocked;
		uint32_t uncovered;
		int site;

		net_flow(net, &f);
		blocked = scn_blocked_share(net, &f, src, &site, &uncovered);
		if (blocked > 0 && why[0] == '\0')
			snprintf(why, size, "%s (%s)", net_verdict_reason(NET_FLOW_BLOCKED), net->sites[site].id);
		if (blocked >= 1)
			continue;
		/* Weigh the rest of the prefix by an address no block covers:
		 * the policy and the target's state decide it. */
		f.src = uncovered;
		if (net_flow(net, &f) == NET_FLOW_OK) {
			through += share * (1 - blocked);
		} else if (why[0] == '\0') {
			if (f.stopped_at >= 0)
				snprintf(why, size, "%s (%s)", net_verdict_reason(f.verdict),
					 net->sites[f.firewalls[f.stopped_at]].id);
			else
				snprintf(why, size, "%s", net_verdict_reason(f.verdict));
		}
	}
	return through;
}

/* Weigh fl now; describe it in text.  Returns whether it overwhelms. */
static bool scn_flood_weigh(const struct scenario *s, const struct scn_flood *fl, char *text, size_t size)
{
	char why[256];
	double through = scn_flood_reaching(s, fl, why, sizeof(why));
	bool overwhelms = through > fl->capacity;

	snprintf(text, size, "%.0f of %.0f Mbit/s reach it, it absorbs %.0f%s%s", through, fl->rate, fl->capacity,
		 why[0] && !overwhelms ? ": " : "", why[0] && !overwhelms ? why : "");
	return overwhelms;
}

/* A host is flooded while any wave against it overwhelms it. */
static void scn_flood_mark(struct scenario *s, int host)
{
	bool flooded = false;

	for (size_t i = 0; i < s->nfloods; i++)
		flooded |= s->floods[i].active && s->floods[i].host == host && s->floods[i].overwhelming;
	net_host_set(s->d->net, host, NET_HOST_FLOODED, flooded);
}

static void scn_flood_target(const struct scenario *s, const struct scn_flood *fl, char *buf, size_t size)
{
	snprintf(buf, size, "%s:%u", s->d->net->hosts[fl->host].name, fl->port);
}

/* A team acted: every running wave is weighed again and a change (a
 * block relieving the target, an unblock letting the flood back in) goes
 * on the timeline under the flooding actor's name. */
static void scn_floods_reweigh(struct scenario *s)
{
	for (size_t i = 0; i < s->nfloods; i++) {
		struct scn_flood *fl = &s->floods[i];
		char text[400], target[300];
		bool now;

		if (!fl->active)
			continue;
		now = scn_flood_weigh(s, fl, text, sizeof(text));
		if (now == fl->overwhelming)
			continue;
		fl->overwhelming = now;
		if (!now && fl->relief == NULL)
			fl->relief = xstrdup(text);
		scn_flood_mark(s, fl->host);
		scn_flood_target(s, fl, target, sizeof(target));
		drill_record_step(s->d, s->actors[fl->actor].name, "flood", target, now, text, fl->technique);
	}
}

/* The wave is over: the service recovers unless another wave holds it. */
static int scn_flood_end(lua_State *L, int status, lua_KContext ctx)
{
	struct scenario *s = scn_of(L);
	struct scn_flood *fl = &s->floods[ctx];
	char target[300];

	(void)status;
	fl->active = false;
	if (fl->overwhelming) {
		scn_flood_mark(s, fl->host);
		scn_flood_target(s, fl, target, sizeof(target));
		drill_record_step(s->d, scn_actor_name(s), "flood ends", target, true, "the wave is over",
				  fl->technique);
	}
	if (fl->relief == NULL) {
		lua_pushboolean(L, 1);
		return 1;
	}
	lua_pushboolean(L, 0);
	lua_pushstring(L, fl->relief);
	return 2;
}

/* The sensors see a flood as a sample: one session from each source a
 * minute while the wave lasts (a flood's millions of packets would bury
 * every other record). */
#define SCN_FLOOD_SAMPLE SIM_MINUTE

struct scn_flood_tick {
	struct scenario *s;
	size_t flood;
};

static void scn_flood_sample(struct scenario *s, const struct scn_flood *fl)
{
	for (int i = 0; i < fl->nsources; i++) {
		const struct scn_source *src = &fl->sources[i];

		trace_flood_sample(&s->tele, src->addr + (uint32_t)rng_below(&s->tele.rng, scn_prefix_size(src->prefix)),
				   fl->host, fl->proto, fl->port);
	}
}

static void scn_flood_tick(void *ctx, struct drill *d)
{
	struct scn_flood_tick *tk = ctx;
	const struct scn_flood *fl = &tk->s->floods[tk->flood];

	if (!fl->active)
		return;
	scn_flood_sample(tk->s, fl);
	drill_call_at(d, d->now + SCN_FLOOD_SAMPLE, scn_flood_tick, tk);
}

/* sources = { "198.51.100.0/24", "192.0.2.7", … } */
static void scn_flood_sources(lua_State *L, int t, struct scn_flood *fl)
{
	lua_Integer n;

	if (lua_getfield(L, t, "sources") != LUA_TTABLE || (n = (lua_Integer)lua_rawlen(L, -1)) == 0)
		luaL_error(L, "flood: field 'sources' must be a list of IPv4 addresses or prefixes");
	if (n > SCN_FLOOD_MAX_SOURCES)
		luaL_error(L, "flood: field 'sources' lists more than %d sources", SCN_FLOOD_MAX_SOURCES);
	for (lua_Integer i = 1; i <= n; i++) {
		struct scn_source *src = &fl->sources[i - 1];
		const char *v;

		lua_rawgeti(L, -1, i);
		v = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
		if (v == NULL || !ipaddr_parse_prefix(v, &src->addr, &src->prefix))
			luaL_error(L, "flood: source %d ('%s') is not an IPv4 address or prefix", (int)i,
				   v ? v : luaL_typename(L, -1));
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	fl->nsources = (int)n;
}

static lua_Integer scn_positive(lua_State *L, int t, const char *key, lua_Integer dflt)
{
	lua_Integer v = scn_field_int(L, t, "flood", key, dflt);

	if (v <= 0)
		luaL_error(L, "flood: field '%s' must be a positive integer", key);
	return v;
}

/*
 * flood { target =, sources = {…}, port =, proto = "tcp"|"udp", rate =,
 * capacity =, duration = }: a wave of a denial of service.  The actor
 * waits while it lasts; true when the target stayed overwhelmed to its
 * end, else false and what relieved it.
 */
static int api_flood(lua_State *L)
{
	struct scenario *s = scn_of(L);
	struct scn_flood fl = { 0 };
	struct scn_source sources[SCN_FLOOD_MAX_SOURCES];
	const char *proto, *tech;
	char text[400], target[300];
	lua_Integer port, duration;

	luaL_checktype(L, 1, LUA_TTABLE);
	tech = scn_check_technique(L, 1, "flood");
	fl.host = scn_host_arg(L, s, 1, "flood", "target");
	fl.sources = sources;
	scn_flood_sources(L, 1, &fl);
	port = scn_field_int(L, 1, "flood", "port", 0);
	if (port <= 0 || port > 65535)
		return luaL_error(L, "flood: field 'port' must be a port number");
	fl.port = (uint16_t)port;
	proto = scn_field_str(L, 1, "flood", "proto", false);
	if (proto && strcmp(proto, "tcp") != 0 && strcmp(proto, "udp") != 0)
		return luaL_error(L, "flood: field 'proto' must be tcp or udp");
	fl.proto = proto && strcmp(proto, "udp") == 0 ? NET_PROTO_UDP : NET_PROTO_TCP;
	fl.rate = (double)scn_positive(L, 1, "rate", 0);
	fl.capacity = (double)scn_positive(L, 1, "capacity", 0);
	duration = scn_positive(L, 1, "duration", SCN_FLOOD_WAVE);
	scn_check_waiter(L, s, "flood");

	fl.overwhelming = scn_flood_weigh(s, &fl, text, sizeof(text));
	scn_flood_target(s, &fl, target, sizeof(target));
	drill_record_step(s->d, scn_actor_name(s), "flood", target, fl.overwhelming, text, tech);
	scn_flood_sample(s, &fl);
	if (!fl.overwhelming) {
		lua_pushboolean(L, 0);
		lua_pushstring(L, text);
		return 2;
	}
	fl.actor = s->current;
	fl.active = true;
	fl.technique = tech ? xstrdup(tech) : NULL;
	fl.sources = xmalloc((size_t)fl.nsources * sizeof(*fl.sources));
	memcpy(fl.sources, sources, (size_t)fl.nsources * sizeof(*fl.sources));
	s->floods = xgrow(s->floods, &s->floods_cap, s->nfloods + 1, sizeof(*s->floods));
	s->floods[s->nfloods] = fl;
	s->floods[s->nfloods].tick = xmalloc(sizeof(struct scn_flood_tick));
	*s->floods[s->nfloods].tick = (struct scn_flood_tick){ s, s->nfloods };
	drill_call_at(s->d, s->d->now + SCN_FLOOD_SAMPLE, scn_flood_tick, s->floods[s->nfloods].tick);
	s->nfloods++;
	scn_flood_mark(s, fl.host);
	return scn_yield_until(L, s, s->d->now + duration, (lua_KContext)(s->nfloods - 1), scn_flood_end);
}

/* ---- mail storms ------------------------------------------------------- */

/*
 * A spam or phishing storm: millions of mails from a botnet's ranges under
 * a few sender domains.  The engine sends it a batch a simulated second
 * (no script could within its budget); the script starts it, steers it to
 * fresh senders or domains, and reads how it fares.  Each mail goes to a
 * mail gateway (the other one when the first cannot be reached, as an MTA
 * tries its MX hosts): an IP block of its source on the path drops it at
 * the firewall; a block of its sender domain makes the gateway refuse it;
 * the gateway refuses the rest on its RBL or discards it on its spam
 * score, except the few crafted to slip through, which are delivered
 * unless the hash of the attachment they carry is blocked on the path.
 */
#define SCN_STORM_BATCH SIM_SECOND
#define SCN_STORM_MAX_DOMAINS 16
#define SCN_STORM_MAX_GATEWAYS 8
/* Of the mails the gateways judge, the share refused on the RBL (per
 * cent); the rest is scored and discarded. */
#define SCN_STORM_RBL_PERCENT 80
/* The firewalls and network sensors see one SMTP session per sending
 * range a minute; the gateways log every mail. */
#define SCN_STORM_SAMPLE_BATCHES 60

struct scn_storm {
	struct scenario *s;
	char *name, *actor;       /* the storm's name; who started it */
	struct scn_source sources[SCN_FLOOD_MAX_SOURCES];
	int nsources;
	char *domains[SCN_STORM_MAX_DOMAINS];
	int ndomains;
	char *subject, *hash;
	char *technique;          /* its ATT&CK id, or NULL */
	int gateways[SCN_STORM_MAX_GATEWAYS], ngateways;
	int *recipients, nrecipients; /* accounts with a mailbox */
	sim_time_t start;
	uint64_t total, nbatches, batch; /* batch: the next one to send */
	uint64_t *slips, nslips, next_slip; /* batches holding a mail that slips through */
	uint64_t sent, dropped, rejected, discarded, delivered;
	bool running;
	char weighed[400];        /* how it fared when last weighed */
	struct tele tele;         /* its own stream: a storm never shifts the attack's traces */
};

/* How one sending range reaches one gateway this batch. */
struct scn_storm_path {
	struct net_flow flow;
	double blocked;           /* the share of the range IP blocks on the path cover */
	bool open;                /* the policy and the gateway let the rest in */
	unsigned domains_blocked; /* bit d: domains[d] blocked on the path */
	bool hash_blocked;
};

static const char *const scn_storm_locals[] = {
	"thongbao", "hotro", "ketoan", "no-reply", "tracuu", "hoadon", "cskh", "admin",
};

/* Decide how each range reaches each gateway now. */
static void scn_storm_paths(const struct scn_storm *st, struct scn_storm_path *p)
{
	const struct net *net = st->s->d->net;

	for (int i = 0; i < st->nsources; i++) {
		for (int g = 0; g < st->ngateways; g++) {
			struct scn_storm_path *sp = &p[i * st->ngateways + g];
			const struct net_host *gw = &net->hosts[st->gateways[g]];
			uint32_t uncovered;
			int site;

			memset(sp, 0, sizeof(*sp));
			sp->flow = (struct net_flow){ .src = st->sources[i].addr, .dst = scn_facing(gw, st->sources[i].addr),
						      .proto = NET_PROTO_TCP, .port = 25 };
			net_flow(net, &sp->flow);
			sp->blocked = scn_blocked_share(net, &sp->flow, &st->sources[i], &site, &uncovered);
			if (sp->blocked < 1) {
				struct net_flow f = sp->flow;

				f.src = uncovered;
				sp->open = net_flow(net, &f) == NET_FLOW_OK;
			}
			for (int d = 0; d < st->ndomains; d++)
				for (int fw = 0; fw < sp->flow.nfirewalls; fw++)
					if (net_blocked_at(net, NET_BLOCK_DOMAIN, st->domains[d], sp->flow.firewalls[fw]))
						sp->domains_blocked |= 1u << d;
			for (int fw = 0; st->hash && fw < sp->flow.nfirewalls; fw++)
				sp->hash_blocked |= net_blocked_at(net, NET_BLOCK_HASH, st->hash, sp->flow.firewalls[fw]);
		}
	}
}

/* Is addr inside an IP block on the path? */
static bool scn_storm_addr_blocked(const struct net *net, const struct scn_storm_path *sp, uint32_t addr)
{
	if (sp->blocked <= 0)
		return false;
	for (size_t b = 0; b < net->nblocks; b++)
		if (scn_block_on_path(&net->blocks[b], &sp->flow) && ipaddr_in(addr, net->blocks[b].addr, net->blocks[b].prefix))
			return true;
	return false;
}

/*
 * How the storm fares now, in text: the share of its mail that reaches a
 * gateway and the share the gateways refuse on its sender domains, with
 * the first reason met.  Returns the share reaching a gateway un-refused.
 */
static double scn_storm_weigh(const struct scn_storm *st, char *text, size_t size)
{
	const struct net *net = st->s->d->net;
	struct scn_storm_path *p = xmalloc((size_t)(st->nsources * st->ngateways) * sizeof(*p));
	double reach = 0, refused = 0;
	char why[256] = "", domain_why[256] = "";

	scn_storm_paths(st, p);
	for (int i = 0; i < st->nsources; i++) {
		double best = 0, best_refused = 0;

		for (int g = 0; g < st->ngateways; g++) {
			const struct scn_storm_path *sp = &p[i * st->ngateways + g];
			double in = sp->open ? 1 - sp->blocked : 0;
			int nblocked = 0;

			for (int d = 0; d < st->ndomains; d++)
				nblocked += (sp->domains_blocked >> d) & 1;
			if (in > best)
				best = in, best_refused = in * nblocked / st->ndomains;
			if (why[0] == '\0' && sp->blocked > 0) {
				uint32_t uncovered;
				int site;

				scn_blocked_share(net, &sp->flow, &st->sources[i], &site, &uncovered);
				snprintf(why, sizeof(why), "%s (%s)", net_verdict_reason(NET_FLOW_BLOCKED), net->sites[site].id);
			} else if (why[0] == '\0' && !sp->open && sp->blocked < 1) {
				struct net_flow f = sp->flow;

				net_flow(net, &f);
				snprintf(why, sizeof(why), "%s", net_verdict_reason(f.verdict));
			}
			for (int d = 0; d < st->ndomains && domain_why[0] == '\0'; d++)
				if ((sp->domains_blocked >> d) & 1)
					snprintf(domain_why, sizeof(domain_why), "domain %s refused", st->domains[d]);
		}
		reach += best / st->nsources;
		refused += best_refused / st->nsources;
	}
	free(p);
	snprintf(text, size, "%.0f%% of it reaches the gateways%s%s", 100 * reach, why[0] ? ": " : "", why);
	if (refused > 0)
		snprintf(text + strlen(text), size - strlen(text), "; %.0f%% refused on its sender domains (%s)",
			 100 * refused, domain_why);
	return reach - refused;
}

/* One mail of batch st->batch, the index-th of n. */
static void scn_storm_mail(struct scn_storm *st, const struct scn_storm_path *p, uint64_t index, uint64_t n,
			   bool slips)
{
	const struct net *net = st->s->d->net;
	struct rng *r = &st->tele.rng;
	int i = (int)rng_below(r, (uint64_t)st->nsources), g0 = (int)rng_below(r, (uint64_t)st->ngateways);
	int d = (int)rng_below(r, (uint64_t)st->ndomains);
	const struct scn_source *src = &st->sources[i];
	uint32_t addr = src->addr + (uint32_t)rng_below(r, scn_prefix_size(src->prefix));
	const struct scn_storm_path *sp = NULL;
	struct trace_storm_mail m = { 0 };
	char from[160], reject[300], ip[IPADDR_STRLEN];

	st->sent++;
	for (int k = 0; k < st->ngateways && sp == NULL; k++) {
		const struct scn_storm_path *c = &p[i * st->ngateways + (g0 + k) % st->ngateways];

		if (c->open && c->blocked < 1 && !scn_storm_addr_blocked(net, c, addr)) {
			sp = c;
			m.gateway = st->gateways[(g0 + k) % st->ngateways];
		}
	}
	if (sp == NULL) {
		st->dropped++;
		return;
	}
	snprintf(from, sizeof(from), "%s@%s",
		 scn_storm_locals[rng_below(r, sizeof(scn_storm_locals) / sizeof(*scn_storm_locals))], st->domains[d]);
	m.source = addr;
	m.after = (sim_time_t)(index * (uint64_t)SCN_STORM_BATCH / n);
	m.from = from;
	m.to = net->accounts[st->recipients[rng_below(r, (uint64_t)st->nrecipients)]].email;
	m.subject = st->subject;
	if ((sp->domains_blocked >> d) & 1) {
		snprintf(reject, sizeof(reject), "554 5.7.1 <%s>: Sender address rejected: Access denied", from);
		m.verdict = EVENT_MAIL_REJECTED;
	} else if (slips && !sp->hash_blocked) {
		/* Crafted to pass: a clean-looking score. */
		m.verdict = EVENT_MAIL_DELIVERED;
		m.score = (int32_t)rng_range(r, 8, 38);
		m.tests = "HTML_MESSAGE,MIME_HTML_MOSTLY,SPF_SOFTFAIL";
	} else if (slips || rng_below(r, 100) >= SCN_STORM_RBL_PERCENT) {
		/* The content filter: a blocked attachment hash scores as a virus. */
		m.verdict = EVENT_MAIL_DISCARDED;
		m.score = (int32_t)rng_range(r, 150, 420);
		m.tests = slips ? "BAYES_50,HTML_MESSAGE,KAM_VIRUS,SPF_SOFTFAIL" : "BAYES_99,HTML_MESSAGE,RCVD_IN_SBL_CSS,URIBL_DBL_SPAM";
	} else {
		snprintf(reject, sizeof(reject),
			 "554 5.7.1 Service unavailable; Client host [%s] blocked using zen.spamhaus.org",
			 ipaddr_format(addr, ip));
		m.verdict = EVENT_MAIL_REJECTED;
	}
	m.reject = m.verdict == EVENT_MAIL_REJECTED ? reject : NULL;
	if (m.verdict == EVENT_MAIL_REJECTED)
		st->rejected++;
	else if (m.verdict == EVENT_MAIL_DISCARDED)
		st->discarded++;
	else
		st->delivered++;
	trace_storm_mail(&st->tele, &m);
}

static void scn_storm_record(struct scn_storm *st, const char *what, bool ok, const char *detail)
{
	drill_record_step(st->s->d, st->actor, what, st->name, ok, detail, st->technique);
}

/* The storm is over (its schedule ran out, or the script stopped it). */
static void scn_storm_end(struct scn_storm *st)
{
	char text[300];

	st->running = false;
	snprintf(text, sizeof(text), "%llu sent: %llu blocked (%llu dropped at firewalls, %llu refused, %llu discarded), "
		 "%llu delivered", (unsigned long long)st->sent,
		 (unsigned long long)(st->dropped + st->rejected + st->discarded), (unsigned long long)st->dropped,
		 (unsigned long long)st->rejected, (unsigned long long)st->discarded, (unsigned long long)st->delivered);
	scn_storm_record(st, "mail_storm ends", true, text);
}

/* The mails of batch k: the total spread evenly, to the mail. */
static uint64_t scn_storm_batch_size(const struct scn_storm *st, uint64_t k)
{
	return st->total * (k + 1) / st->nbatches - st->total * k / st->nbatches;
}

static void scn_storm_batch(void *ctx, struct drill *d)
{
	struct scn_storm *st = ctx;
	struct scn_storm_path *p;
	uint64_t n;

	if (!st->running)
		return;
	n = scn_storm_batch_size(st, st->batch);
	p = xmalloc((size_t)(st->nsources * st->ngateways) * sizeof(*p));
	scn_storm_paths(st, p);
	for (uint64_t m = 0; m < n; m++) {
		bool slips = st->next_slip < st->nslips && st->slips[st->next_slip] == st->batch;

		st->next_slip += slips;
		scn_storm_mail(st, p, m, n, slips);
	}
	free(p);
	if (st->batch % SCN_STORM_SAMPLE_BATCHES == 0)
		for (int i = 0; i < st->nsources; i++)
			trace_storm_session(&st->tele, st->sources[i].addr +
					    (uint32_t)rng_below(&st->tele.rng, scn_prefix_size(st->sources[i].prefix)),
					    st->gateways[rng_below(&st->tele.rng, (uint64_t)st->ngateways)]);
	if (++st->batch == st->nbatches) {
		scn_storm_end(st);
		return;
	}
	drill_call_at(d, st->start + (sim_time_t)st->batch * SCN_STORM_BATCH, scn_storm_batch, st);
}

/* A team acted: a storm whose outlook changed says so on the timeline. */
static void scn_storms_reweigh(struct scenario *s)
{
	for (size_t i = 0; i < s->nstorms; i++) {
		struct scn_storm *st = s->storms[i];
		char text[400];
		double through;

		if (!st->running)
			continue;
		through = scn_storm_weigh(st, text, sizeof(text));
		if (strcmp(text, st->weighed) == 0)
			continue;
		snprintf(st->weighed, sizeof(st->weighed), "%s", text);
		scn_storm_record(st, "mail_storm", through > 0, text);
	}
}

static void scn_storm_free(struct scn_storm *st)
{
	free(st->name), free(st->actor), free(st->subject), free(st->hash), free(st->technique);
	for (int d = 0; d < st->ndomains; d++)
		free(st->domains[d]);
	free(st->recipients);
	free(st->slips);
	free(st);
}

static struct scn_storm *scn_storm_find(const struct scenario *s, const char *name)
{
	for (size_t i = 0; i < s->nstorms; i++)
		if (strcmp(s->storms[i]->name, name) == 0)
			return s->storms[i];
	return NULL;
}

/* senders = { "198.51.100.0/24", … } into st, all or nothing; false
 * when absent. */
static bool scn_storm_senders(lua_State *L, int t, struct scn_storm *st)
{
	struct scn_source sources[SCN_FLOOD_MAX_SOURCES];
	lua_Integer n;

	if (lua_getfield(L, t, "senders") == LUA_TNIL) {
		lua_pop(L, 1);
		return false;
	}
	if (!lua_istable(L, -1) || (n = (lua_Integer)lua_rawlen(L, -1)) == 0)
		luaL_error(L, "mail_storm: field 'senders' must be a list of IPv4 addresses or prefixes");
	if (n > SCN_FLOOD_MAX_SOURCES)
		luaL_error(L, "mail_storm: field 'senders' lists more than %d ranges", SCN_FLOOD_MAX_SOURCES);
	for (lua_Integer i = 1; i <= n; i++) {
		const char *v;

		lua_rawgeti(L, -1, i);
		v = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
		if (v == NULL || !ipaddr_parse_prefix(v, &sources[i - 1].addr, &sources[i - 1].prefix))
			luaL_error(L, "mail_storm: sender %d ('%s') is not an IPv4 address or prefix", (int)i,
				   v ? v : luaL_typename(L, -1));
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	memcpy(st->sources, sources, (size_t)n * sizeof(*sources));
	st->nsources = (int)n;
	return true;
}

/* The number of names in domains = { "example.net", … }, 0 when absent;
 * an error when the list is not one of domain names. */
static int scn_storm_domains_check(lua_State *L, int t)
{
	lua_Integer n;

	if (lua_getfield(L, t, "domains") == LUA_TNIL) {
		lua_pop(L, 1);
		return 0;
	}
	if (!lua_istable(L, -1) || (n = (lua_Integer)lua_rawlen(L, -1)) == 0)
		luaL_error(L, "mail_storm: field 'domains' must be a list of sender domains");
	if (n > SCN_STORM_MAX_DOMAINS)
		luaL_error(L, "mail_storm: field 'domains' lists more than %d domains", SCN_STORM_MAX_DOMAINS);
	for (lua_Integer i = 1; i <= n; i++) {
		const char *v;

		lua_rawgeti(L, -1, i);
		v = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
		if (v == NULL || v[0] == '\0' || strpbrk(v, "@ <>") != NULL)
			luaL_error(L, "mail_storm: domain %d ('%s') is not a domain name", (int)i,
				   v ? v : luaL_typename(L, -1));
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	return (int)n;
}

/* Copy the n checked domains of the table at t into st. */
static void scn_storm_domains_set(lua_State *L, int t, struct scn_storm *st, int n)
{
	for (int d = 0; d < st->ndomains; d++)
		free(st->domains[d]);
	lua_getfield(L, t, "domains");
	for (int i = 1; i <= n; i++) {
		lua_rawgeti(L, -1, i);
		st->domains[i - 1] = xstrdup(lua_tostring(L, -1));
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	st->ndomains = n;
}

/*
 * A new storm from the table at t, to start now.  Every check that can
 * raise an error comes before the first allocation, so an error leaves
 * nothing behind.
 */
static struct scn_storm *scn_storm_new(lua_State *L, struct scenario *s, int t, const char *name)
{
	const struct net *net = s->d->net;
	struct scn_storm probe = { 0 }, *st;
	lua_Integer total, duration, slip;
	const char *subject, *hash, *technique;
	char stream[160];
	int gateways = 0, ndomains;

	if (!scn_storm_senders(L, t, &probe))
		luaL_error(L, "mail_storm: field 'senders' is missing");
	ndomains = scn_storm_domains_check(L, t);
	if (ndomains == 0)
		luaL_error(L, "mail_storm: field 'domains' is missing");
	total = scn_field_int(L, t, "mail_storm", "total", 0);
	if (total <= 0)
		luaL_error(L, "mail_storm: field 'total' must be a positive integer");
	duration = scn_field_int(L, t, "mail_storm", "duration", 0);
	if (duration < SCN_STORM_BATCH)
		luaL_error(L, "mail_storm: field 'duration' must be at least seconds(1)");
	slip = scn_field_int(L, t, "mail_storm", "slip", 0);
	if (slip < 0 || slip > total)
		luaL_error(L, "mail_storm: field 'slip' must be between 0 and total");
	subject = scn_field_str(L, t, "mail_storm", "subject", false);
	hash = scn_field_str(L, t, "mail_storm", "hash", false);
	technique = scn_field_str(L, t, "mail_storm", "technique", false);
	for (int h = 0; h < net->nhosts; h++)
		gateways += net_host_has_tag(&net->hosts[h], "mail-gateway");
	if (gateways == 0)
		luaL_error(L, "mail_storm: the network has no host tagged mail-gateway");

	st = xmalloc(sizeof(*st));
	*st = probe;
	scn_storm_domains_set(L, t, st, ndomains);
	st->s = s;
	st->name = xstrdup(name);
	st->actor = xstrdup(scn_actor_name(s));
	st->subject = xstrdup(subject ? subject : "Thông báo / Notice");
	st->hash = hash ? xstrdup(hash) : NULL;
	st->technique = technique ? xstrdup(technique) : NULL;
	snprintf(stream, sizeof(stream), "storm:%s", name);
	tele_init(&st->tele, s->d, stream);
	for (int h = 0; h < net->nhosts && st->ngateways < SCN_STORM_MAX_GATEWAYS; h++)
		if (net_host_has_tag(&net->hosts[h], "mail-gateway"))
			st->gateways[st->ngateways++] = h;
	st->recipients = xmalloc(((size_t)net->naccounts + 1) * sizeof(*st->recipients));
	for (int a = 0; a < net->naccounts; a++)
		if (net->accounts[a].email)
			st->recipients[st->nrecipients++] = a;
	st->start = s->d->now;
	st->total = (uint64_t)total;
	st->nbatches = (uint64_t)(duration / SCN_STORM_BATCH);
	st->nslips = (uint64_t)slip;
	st->slips = xmalloc((st->nslips + 1) * sizeof(*st->slips));
	/* One in each equal stretch of the storm. */
	for (uint64_t j = 0; j < st->nslips; j++)
		st->slips[j] = st->nbatches * j / st->nslips +
			       rng_below(&st->tele.rng, st->nbatches / st->nslips ? st->nbatches / st->nslips : 1);
	st->running = true;
	return st;
}

/* Fresh senders, domains, or a stop for a running storm. */
static double scn_storm_steer(lua_State *L, struct scn_storm *st, int t, char *text, size_t size)
{
	bool moved = scn_storm_senders(L, t, st);
	int ndomains = scn_storm_domains_check(L, t);
	bool renamed = ndomains > 0;
	double through;

	if (renamed)
		scn_storm_domains_set(L, t, st, ndomains);
	lua_getfield(L, t, "stop");
	if (lua_toboolean(L, -1)) {
		lua_pop(L, 1);
		scn_storm_end(st);
		snprintf(text, size, "the storm is stopped");
		return 0;
	}
	lua_pop(L, 1);
	through = scn_storm_weigh(st, st->weighed, sizeof(st->weighed));
	snprintf(text, size, "%s", st->weighed);
	if (moved || renamed) {
		char steer[520];

		snprintf(steer, sizeof(steer), "%s%s%s: %s", moved ? "fresh senders" : "",
			 moved && renamed ? " and " : "", renamed ? "fresh domains" : "", st->weighed);
		scn_storm_record(st, "mail_storm", through > 0, steer);
	}
	return through;
}

/*
 * mail_storm { name =, senders =, domains =, total =, duration =, slip =,
 * subject =, hash =, stop = }: start a storm now, or steer the running
 * one of that name (fresh senders or domains, or stop = true).  Returns
 * true when some of its mail reaches a gateway un-refused, else false and
 * why; the storm runs on either way until it is over or stopped.
 */
static int api_mail_storm(lua_State *L)
{
	struct scenario *s = scn_of(L);
	struct scn_storm *st;
	const char *name;
	char text[520];
	double through;

	luaL_checktype(L, 1, LUA_TTABLE);
	scn_check_technique(L, 1, "mail_storm");
	name = scn_field_str(L, 1, "mail_storm", "name", true);
	st = scn_storm_find(s, name);
	if (st && !st->running)
		return luaL_error(L, "mail_storm: storm '%s' is over", name);
	if (st) {
		through = scn_storm_steer(L, st, 1, text, sizeof(text));
	} else {
		st = scn_storm_new(L, s, 1, name);
		s->storms = xgrow(s->storms, &s->storms_cap, s->nstorms + 1, sizeof(*s->storms));
		s->storms[s->nstorms++] = st;
		through = scn_storm_weigh(st, st->weighed, sizeof(st->weighed));
		snprintf(text, sizeof(text), "%llu mails over %lld min from %d ranges under %d domains; %s",
			 (unsigned long long)st->total, (long long)(st->nbatches * SCN_STORM_BATCH / SIM_MINUTE),
			 st->nsources, st->ndomains, st->weighed);
		scn_storm_record(st, "mail_storm", through > 0, text);
		snprintf(text, sizeof(text), "%s", st->weighed);
		drill_call_at(s->d, st->start, scn_storm_batch, st);
	}
	lua_pushboolean(L, through > 0);
	if (through > 0)
		return 1;
	lua_pushstring(L, text);
	return 2;
}

/* storm(name): how the storm fares so far. */
static int api_storm(lua_State *L)
{
	struct scenario *s = scn_of(L);
	const char *name = luaL_checkstring(L, 1);
	const struct scn_storm *st = scn_storm_find(s, name);
	char text[400];

	if (st == NULL)
		return luaL_error(L, "storm: no storm '%s' (start it with mail_storm { name = … })", name);
	lua_createtable(L, 0, 10);
	lua_pushstring(L, st->name), lua_setfield(L, -2, "name");
	lua_pushboolean(L, st->running), lua_setfield(L, -2, "running");
	lua_pushinteger(L, (lua_Integer)st->sent), lua_setfield(L, -2, "sent");
	lua_pushinteger(L, (lua_Integer)st->dropped), lua_setfield(L, -2, "dropped");
	lua_pushinteger(L, (lua_Integer)st->rejected), lua_setfield(L, -2, "rejected");
	lua_pushinteger(L, (lua_Integer)st->discarded), lua_setfield(L, -2, "discarded");
	lua_pushinteger(L, (lua_Integer)(st->dropped + st->rejected + st->discarded)), lua_setfield(L, -2, "blocked");
	lua_pushinteger(L, (lua_Integer)st->delivered), lua_setfield(L, -2, "delivered");
	lua_pushnumber(L, st->running ? scn_storm_weigh(st, text, sizeof(text)) : 0), lua_setfield(L, -2, "reaching");
	return 1;
}

/* ---- the API: expectations (scored by score.h) ------------------------ */

static const char *const scn_expect_keys[] = {
	"id", "detect", "contain", "report", "keep_up", "within", "before", "max_down", "points", "partial",
	"fields", "indicators",
};
static const char *const scn_steps[] = {
	"phish", "exploit", "execute", "persist", "dump_credentials", "move", "beacon", "exfiltrate", "encrypt",
	"logon", "deface", "flood",
};
static const char *const scn_report_fields[] = { "systems", "level", "vector", "techniques", "indicators" };

#define SCN_COUNT(v) (sizeof(v) / sizeof(*(v)))

static bool scn_in(const char *v, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v, list[i]) == 0)
			return true;
	return false;
}

/* Every key of the table at t is one expect{} knows. */
static void scn_expect_keys_check(lua_State *L, int t)
{
	lua_pushnil(L);
	while (lua_next(L, t)) {
		lua_pop(L, 1);
		if (lua_type(L, -1) != LUA_TSTRING || !scn_in(lua_tostring(L, -1), scn_expect_keys, SCN_COUNT(scn_expect_keys)))
			luaL_error(L, "expect: unknown field '%s' (id, detect, contain, report, keep_up, within, before, "
				   "max_down, points, partial, fields, indicators)", luaL_tolstring(L, -1, NULL));
	}
}

static sim_time_t scn_expect_duration(lua_State *L, int t, const char *key, sim_time_t dflt)
{
	lua_Integer v = scn_field_int(L, t, "expect", key, dflt);

	if (v < 0)
		luaL_error(L, "expect: field '%s' must be a duration, not negative", key);
	return (sim_time_t)v;
}

/* A list of strings at field key, each checked against allowed (NULL:
 * any); the strings are copied into *out. */
static int scn_expect_list(lua_State *L, int t, const char *key, const char *const *allowed, size_t nallowed,
			   char ***out)
{
	int n = 0;

	*out = NULL;
	if (lua_getfield(L, t, key) == LUA_TNIL) {
		lua_pop(L, 1);
		return 0;
	}
	if (!lua_istable(L, -1))
		luaL_error(L, "expect: field '%s' must be a list of strings", key);
	for (lua_Integer i = 1; lua_rawgeti(L, -1, i) != LUA_TNIL; i++) {
		if (lua_type(L, -1) != LUA_TSTRING)
			luaL_error(L, "expect: field '%s' must be a list of strings", key);
		if (allowed && !scn_in(lua_tostring(L, -1), allowed, nallowed))
			luaL_error(L, "expect: '%s' in field '%s' is not one of systems, level, vector, techniques, "
				   "indicators", lua_tostring(L, -1), key);
		lua_pop(L, 1);
		n++;
	}
	lua_pop(L, 1);
	*out = xcalloc((size_t)n + 1, sizeof(**out));
	lua_getfield(L, t, key);
	for (int i = 0; i < n; i++) {
		lua_rawgeti(L, -1, i + 1);
		(*out)[i] = xstrdup(lua_tostring(L, -1));
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	return n;
}

/* expect { detect = STEP | contain = HOST | contain = { step = STEP } |
 * report = "soc"|"coordinator" | keep_up = SYSTEM|HOST, id, within,
 * before, max_down, points, partial, fields, indicators } */
static int api_expect(lua_State *L)
{
	static const char *const kinds[] = { "detect", "contain", "report", "keep_up" };
	static const int dflt_points[] = { 20, 30, 30, 30 };
	struct scenario *s = scn_of(L);
	struct drill_expect e = { 0 };
	char **fields = NULL, id[128];
	int nkinds = 0, nfields;
	lua_Integer points, partial;

	luaL_checktype(L, 1, LUA_TTABLE);
	scn_expect_keys_check(L, 1);
	for (int k = 0; k < 4; k++) {
		if (lua_getfield(L, 1, kinds[k]) != LUA_TNIL)
			e.kind = (enum drill_expect_kind)k, nkinds++;
		lua_pop(L, 1);
	}
	if (nkinds != 1)
		return luaL_error(L, "expect: give exactly one of detect, contain, report or keep_up");
	if (e.kind == DRILL_EXPECT_CONTAIN && lua_getfield(L, 1, "contain") == LUA_TTABLE) {
		const char *step = scn_field_str(L, lua_gettop(L), "expect", "step", true);

		if (strcmp(step, "phish") != 0 && strcmp(step, "exploit") != 0 && strcmp(step, "move") != 0 &&
		    strcmp(step, "logon") != 0)
			return luaL_error(L, "expect: contain = { step = '%s' }: only phish, exploit, move and logon take "
					  "hosts", step);
		e.what = (char *)step;
		e.contain_step = true;
	} else {
		if (e.kind == DRILL_EXPECT_CONTAIN)
			lua_pop(L, 1);
		e.what = (char *)scn_field_str(L, 1, "expect", kinds[e.kind], true);
	}
	if (e.kind == DRILL_EXPECT_DETECT && !scn_in(e.what, scn_steps, SCN_COUNT(scn_steps)))
		return luaL_error(L, "expect: detect '%s' is not an attack step (phish, exploit, …, flood)", e.what);
	if (e.kind == DRILL_EXPECT_CONTAIN && !e.contain_step && net_host_find(s->d->net, e.what) < 0)
		return luaL_error(L, "expect: contain: no host '%s' in the network", e.what);
	if (e.kind == DRILL_EXPECT_REPORT && strcmp(e.what, "soc") != 0 && strcmp(e.what, "coordinator") != 0)
		return luaL_error(L, "expect: report goes to 'soc' or 'coordinator', not '%s'", e.what);
	if (e.kind == DRILL_EXPECT_KEEP_UP && net_system_find(s->d->net, e.what) < 0 &&
	    net_host_find(s->d->net, e.what) < 0)
		return luaL_error(L, "expect: keep_up: no system or host '%s' in the network", e.what);
	e.before = (char *)scn_field_str(L, 1, "expect", "before", false);
	if (e.before && (e.kind != DRILL_EXPECT_CONTAIN || drill_objective_find(s->d, e.before) < 0))
		return luaL_error(L, e.kind != DRILL_EXPECT_CONTAIN ? "expect: 'before' is for contain only" :
				  "expect: before: no objective '%s' (declare it first with objective { id = … })",
				  e.before);
	e.within = scn_expect_duration(L, 1, "within", e.kind == DRILL_EXPECT_DETECT ? 30 * SIM_MINUTE :
					 e.kind == DRILL_EXPECT_REPORT ? 2 * SIM_HOUR : 0);
	e.max_down = scn_expect_duration(L, 1, "max_down", 0);
	points = scn_field_int(L, 1, "expect", "points", dflt_points[e.kind]);
	partial = scn_field_int(L, 1, "expect", "partial", e.kind == DRILL_EXPECT_KEEP_UP ? 0 : points / 2);
	if (points < 0 || points > 1000 || partial < 0 || partial > points)
		return luaL_error(L, "expect: points must be 0 to 1000 and partial 0 to points");
	e.points = (int)points;
	e.partial = (int)partial;
	e.line = scn_caller_line(L);
	if (e.kind == DRILL_EXPECT_REPORT) {
		nfields = scn_expect_list(L, 1, "fields", scn_report_fields, SCN_COUNT(scn_report_fields), &fields);
		for (int i = 0; i < nfields; i++)
			for (size_t f = 0; f < SCN_COUNT(scn_report_fields); f++)
				if (strcmp(fields[i], scn_report_fields[f]) == 0)
					e.fields |= 1u << f;
		if (fields == NULL)
			e.fields = DRILL_FIELD_SYSTEMS | DRILL_FIELD_VECTOR | DRILL_FIELD_INDICATORS;
		for (int i = 0; i < nfields; i++)
			free(fields[i]);
		free(fields);
	}
	snprintf(id, sizeof(id), "%s-%s", kinds[e.kind], e.what);
	e.id = (char *)scn_field_str(L, 1, "expect", "id", false);
	/* The last check that may raise an error: nothing is allocated before
	 * it but the list it returns. */
	e.nindicators = scn_expect_list(L, 1, "indicators", NULL, 0, &e.indicators);
	e.id = xstrdup(e.id ? e.id : id);
	e.what = xstrdup(e.what);
	e.before = e.before ? xstrdup(e.before) : NULL;
	if (drill_expect_add(s->d, &e) != 0) {
		snprintf(id, sizeof(id), "%s", e.id);
		free(e.id), free(e.what), free(e.before);
		for (int i = 0; i < e.nindicators; i++)
			free(e.indicators[i]);
		free(e.indicators);
		return luaL_error(L, "expect: '%s' is declared twice", id);
	}
	return 0;
}

static const luaL_Reg scn_api[] = {
	{ "scenario", api_scenario }, { "objective", api_objective }, { "achieve", api_achieve },
	{ "prevent", api_prevent }, { "actor", api_actor }, { "on", api_on },
	{ "message", api_message },
	{ "seconds", api_seconds }, { "minutes", api_minutes }, { "hours", api_hours },
	{ "days", api_days }, { "now", api_now }, { "wait", api_wait },
	{ "wait_until", api_wait_until }, { "jitter", api_jitter },
	{ "host", api_host }, { "hosts", api_hosts }, { "find_host", api_find_host },
	{ "system", api_system },
	{ "phish", api_phish }, { "exploit", api_exploit }, { "execute", api_execute },
	{ "persist", api_persist }, { "dump_credentials", api_dump_credentials },
	{ "move", api_move }, { "beacon", api_beacon }, { "exfiltrate", api_exfiltrate },
	{ "encrypt", api_encrypt }, { "logon", api_logon }, { "deface", api_deface },
	{ "flood", api_flood },
	{ "mail_storm", api_mail_storm }, { "storm", api_storm },
	{ "expect", api_expect },
	{ NULL, NULL },
};

/* ---- loading ----------------------------------------------------------- */

/* The static checks (scenario_lint.h), with the environment at the top
 * of the stack; each finding is a scenario error on the timeline at time
 * 0, so check fails and a run shows it, as for errors met while running. */
static void scn_lint(struct scenario *s, const struct luabc_proto *chunk, const char *chunk_err)
{
	lua_State *L = sandbox_lua(s->box);
	struct scenario_lint_input in = {
		.path = s->path, .net = s->d->net, .L = L, .env_idx = lua_absindex(L, -1),
		.objectives = s->objectives, .nobjectives = (int)s->nobjectives,
		.techniques = s->info.techniques, .ntechniques = s->info.ntechniques,
	};
	struct diag found;

	diag_init(&found);
	if (chunk)
		scenario_lint(chunk, &in, &found);
	else
		diag_add(&found, s->path, 0, "%s", chunk_err);
	for (size_t i = 0; i < found.len; i++)
		drill_record(s->d, DRILL_ERROR, "check", "error", NULL, false, found.msgs[i]);
	diag_free(&found);
}

struct scenario *scenario_load(struct drill *d, const char *path, struct diag *errs)
{
	struct sandbox_limits limits = { SCENARIO_MEMORY, SCENARIO_LOAD_INSTRUCTIONS };
	struct scenario *s = xcalloc(1, sizeof(*s));
	char err[1024], chunk_err[256];
	struct luabc_proto chunk;
	bool chunk_ok;
	lua_State *L;

	s->d = d;
	s->path = xstrdup(path);
	s->current = -1;
	s->errs = errs;
	s->info.duration = 24 * SIM_HOUR;
	simclock_parse_iso(SCENARIO_DEFAULT_START, &s->info.start_unix_us);
	rng_stream(&s->load_rng, d->seed, "scenario");
	tele_init(&s->tele, d, "attack");
	s->box = sandbox_new(&limits);
	if (s->box == NULL) {
		diag_add(errs, path, 0, "cannot create a Lua state");
		scenario_free(s);
		return NULL;
	}
	L = sandbox_lua(s->box);
	lua_newtable(L);
	s->handlers_ref = luaL_ref(L, LUA_REGISTRYINDEX);

	sandbox_push_env(s->box);
	lua_pushlightuserdata(L, s);
	luaL_setfuncs(L, scn_api, 1);
	lua_getfield(L, -1, "math");
	lua_pushlightuserdata(L, s);
	lua_pushcclosure(L, api_random, 1);
	lua_setfield(L, -2, "random");
	lua_pop(L, 1);
	sandbox_seal_env(s->box, -1);
	if (sandbox_load_file(s->box, path, -1, err, sizeof(err)) != 0) {
		diag_add_raw(errs, err);
		lua_pop(L, 1);
		scenario_free(s);
		return NULL;
	}
	/* The compiled form, for the checks a dry run cannot make, is taken
	 * before the chunk runs (the call consumes the function). */
	chunk_ok = luabc_read(L, -1, &chunk, chunk_err, sizeof(chunk_err)) == 0;
	if (sandbox_call(s->box, 0, 0, err, sizeof(err)) != 0) {
		diag_add_raw(errs, err);
		lua_pop(L, 1);
		luabc_free(&chunk);
		scenario_free(s);
		return NULL;
	}
	if (!s->have_info) {
		diag_add(errs, path, 0, "no scenario { id = …, title = { vi = …, en = … } } declaration");
		lua_pop(L, 1);
		luabc_free(&chunk);
		scenario_free(s);
		return NULL;
	}
	scn_lint(s, chunk_ok ? &chunk : NULL, chunk_err);
	luabc_free(&chunk);
	lua_pop(L, 1);
	/* Actors declared before scenario{} set the seed got streams from
	 * the old seed; derive them again now that it is final. */
	for (size_t i = 0; i < s->nactors; i++) {
		char stream[160];

		snprintf(stream, sizeof(stream), "actor:%s", s->actors[i].name);
		rng_stream(&s->actors[i].rng, d->seed, stream);
	}
	tele_init(&s->tele, d, "attack");
	s->errs = NULL;
	sandbox_set_budget(s->box, SCENARIO_RESUME_INSTRUCTIONS);
	return s;
}

void scenario_free(struct scenario *s)
{
	struct scenario_info *in;

	if (s == NULL)
		return;
	in = &s->info;
	for (size_t i = 0; i < s->nactors; i++)
		free(s->actors[i].name);
	free(s->actors);
	for (size_t i = 0; i < s->nfloods; i++) {
		free(s->floods[i].sources);
		free(s->floods[i].relief);
		free(s->floods[i].technique);
		free(s->floods[i].tick);
	}
	free(s->floods);
	for (size_t i = 0; i < s->nstorms; i++)
		scn_storm_free(s->storms[i]);
	free(s->storms);
	free(s->objectives);
	sandbox_free(s->box);
	free(in->id), free(in->title_vi), free(in->title_en), free(in->description_vi);
	free(in->description_en), free(in->author), free(in->version), free(in->network);
	for (int i = 0; i < in->ntechniques; i++)
		free(in->techniques[i]);
	free(in->techniques);
	free(s->path);
	free(s);
}

const struct scenario_info *scenario_info(const struct scenario *s)
{
	return &s->info;
}
