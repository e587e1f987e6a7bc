#include "sandbox.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lualib.h>

#include "xmalloc.h"

/* How often the count hook runs; small enough to stop a runaway loop
 * promptly, large enough to cost nothing measurable. */
#define SANDBOX_HOOK_EVERY 10000

struct sandbox {
	lua_State *L;
	size_t mem_used, mem_peak, mem_limit;
	uint64_t budget, executed;
	bool over_budget;
	char where[LUA_IDSIZE + 24]; /* "file:line" the hook saw last */
};

/* Globals a script may read; everything else in the base library is left
 * out on purpose (load, dofile, loadfile, require, collectgarbage, print,
 * rawset, warn).  pairs is the sandbox's own and next is absent: Lua's
 * string hashes are seeded per state, so raw traversal order changes from
 * run to run, and a drill must not. */
static const char *const sandbox_base_names[] = {
	"assert", "error", "getmetatable", "ipairs", "pcall",
	"rawequal", "rawget", "rawlen", "select", "setmetatable", "tonumber",
	"tostring", "type", "xpcall", "_VERSION", NULL,
};

static const char *const sandbox_lib_names[] = {
	"string", "table", "math", "utf8", "coroutine", NULL,
};

static void *sandbox_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct sandbox *box = ud;
	size_t old = ptr ? osize : 0;
	void *p;

	if (nsize == 0) {
		free(ptr);
		box->mem_used -= old;
		return NULL;
	}
	if (nsize > old && box->mem_used - old + nsize > box->mem_limit) {
		return NULL;
	}
	p = realloc(ptr, nsize);
	if (p == NULL)
		return NULL;
	box->mem_used = box->mem_used - old + nsize;
	if (box->mem_used > box->mem_peak)
		box->mem_peak = box->mem_used;
	return p;
}

struct sandbox *sandbox_of(lua_State *L)
{
	return *(struct sandbox **)lua_getextraspace(L);
}

static void sandbox_hook(lua_State *L, lua_Debug *ar)
{
	struct sandbox *box = sandbox_of(L);

	if (lua_getinfo(L, "Sl", ar) && ar->currentline > 0)
		snprintf(box->where, sizeof(box->where), "%s:%d", ar->short_src, ar->currentline);
	if (box->over_budget) {
		luaL_error(L, "instruction budget of %I exceeded", (lua_Integer)box->budget);
		return;
	}
	box->executed += SANDBOX_HOOK_EVERY;
	if (box->executed > box->budget) {
		/* Fire on every instruction from now on: a pcall in the script
		 * may catch one error, but the next instruction raises again. */
		box->over_budget = true;
		lua_sethook(L, sandbox_hook, LUA_MASKCOUNT, 1);
		luaL_error(L, "instruction budget of %I exceeded", (lua_Integer)box->budget);
	}
}

struct sandbox *sandbox_new(const struct sandbox_limits *limits)
{
	struct sandbox *box = xcalloc(1, sizeof(*box));
	lua_State *L;

	box->mem_limit = limits->memory_bytes;
	box->budget = limits->instructions;
	L = lua_newstate(sandbox_alloc, box);
	if (L == NULL) {
		free(box);
		return NULL;
	}
	box->L = L;
	*(struct sandbox **)lua_getextraspace(L) = box;

	luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
	luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
	luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
	luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
	luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
	luaL_requiref(L, LUA_COLIBNAME, luaopen_coroutine, 1);
	lua_pop(L, 6);

	/* Strings index the real string table through their metatable, so
	 * dump goes from that table itself, and the metatable is hidden. */
	lua_getglobal(L, LUA_STRLIBNAME);
	lua_pushnil(L);
	lua_setfield(L, -2, "dump");
	lua_pop(L, 1);
	lua_pushliteral(L, "");
	lua_getmetatable(L, -1);
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 2);

	/* The engine's generator replaces these where a script needs them. */
	lua_getglobal(L, LUA_MATHLIBNAME);
	lua_pushnil(L);
	lua_setfield(L, -2, "random");
	lua_pushnil(L);
	lua_setfield(L, -2, "randomseed");
	lua_pop(L, 1);
	return box;
}

void sandbox_free(struct sandbox *box)
{
	if (box == NULL)
		return;
	lua_close(box->L);
	free(box);
}

lua_State *sandbox_lua(struct sandbox *box)
{
	return box->L;
}

size_t sandbox_memory(const struct sandbox *box)
{
	return box->mem_used;
}

size_t sandbox_memory_peak(const struct sandbox *box)
{
	return box->mem_peak;
}

/* One key of a table being traversed, ranked for a stable order:
 * numbers ascending, then strings bytewise, then any other key in raw
 * order (booleans, tables: rare as keys, and with no stable order). */
struct sandbox_key {
	int rank;
	lua_Number num;
	const char *str;
	size_t len;
	int idx; /* position among the raw keys */
};

static int sandbox_key_cmp(const void *a, const void *b)
{
	const struct sandbox_key *x = a, *y = b;
	int c;

	if (x->rank != y->rank)
		return x->rank - y->rank;
	if (x->rank == 0 && x->num != y->num)
		return x->num < y->num ? -1 : 1;
	if (x->rank == 1) {
		c = memcmp(x->str, y->str, x->len < y->len ? x->len : y->len);
		if (c != 0 || x->len != y->len)
			return c != 0 ? c : x->len < y->len ? -1 : 1;
	}
	return x->idx - y->idx;
}

static int sandbox_sorted_next(lua_State *L)
{
	lua_Integer i = lua_tointeger(L, lua_upvalueindex(2)) + 1;

	lua_pushinteger(L, i);
	lua_replace(L, lua_upvalueindex(2));
	if (lua_rawgeti(L, lua_upvalueindex(1), i) == LUA_TNIL)
		return 1;
	lua_pushvalue(L, -1);
	lua_gettable(L, 1);
	return 2;
}

/* pairs(t): every key once, in the order of sandbox_key_cmp. */
static int sandbox_pairs(lua_State *L)
{
	struct sandbox_key *keys;
	lua_Integer n = 0;

	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 1);
	lua_newtable(L); /* 2: the raw keys */
	lua_pushnil(L);
	while (lua_next(L, 1)) {
		lua_pop(L, 1);
		lua_pushvalue(L, -1);
		lua_rawseti(L, 2, ++n);
	}
	keys = lua_newuserdatauv(L, (size_t)(n ? n : 1) * sizeof(*keys), 0); /* 3 */
	for (lua_Integer i = 1; i <= n; i++) {
		struct sandbox_key *k = &keys[i - 1];
		int t = lua_rawgeti(L, 2, i);

		k->idx = (int)i;
		k->rank = t == LUA_TNUMBER ? 0 : t == LUA_TSTRING ? 1 : 2;
		if (t == LUA_TNUMBER)
			k->num = lua_tonumber(L, -1);
		if (t == LUA_TSTRING)
			k->str = lua_tolstring(L, -1, &k->len); /* kept alive by table 2 */
		lua_pop(L, 1);
	}
	qsort(keys, (size_t)n, sizeof(*keys), sandbox_key_cmp);
	lua_createtable(L, (int)n, 0); /* 4: the keys in order */
	for (lua_Integer i = 0; i < n; i++) {
		lua_rawgeti(L, 2, keys[i].idx);
		lua_rawseti(L, 4, i + 1);
	}
	lua_pushinteger(L, 0);
	lua_pushcclosure(L, sandbox_sorted_next, 2);
	lua_pushvalue(L, 1);
	lua_pushnil(L);
	return 3;
}

void sandbox_push_env(struct sandbox *box)
{
	lua_State *L = box->L;

	lua_createtable(L, 0, 32);
	for (int i = 0; sandbox_base_names[i]; i++) {
		lua_getglobal(L, sandbox_base_names[i]);
		lua_setfield(L, -2, sandbox_base_names[i]);
	}
	for (int i = 0; sandbox_lib_names[i]; i++) {
		lua_newtable(L);
		lua_getglobal(L, sandbox_lib_names[i]);
		lua_pushnil(L);
		while (lua_next(L, -2)) {
			lua_pushvalue(L, -2);
			lua_insert(L, -2);
			lua_settable(L, -5);
		}
		lua_pop(L, 1);
		lua_setfield(L, -2, sandbox_lib_names[i]);
	}
	lua_pushcfunction(L, sandbox_pairs);
	lua_setfield(L, -2, "pairs");
	lua_pushvalue(L, -1);
	lua_setfield(L, -2, "_G");
}

static int sandbox_env_index(lua_State *L)
{
	return luaL_error(L, "unknown name '%s'", luaL_tolstring(L, 2, NULL));
}

static int sandbox_env_newindex(lua_State *L)
{
	return luaL_error(L, "assignment to undeclared global '%s' (declare it local)",
			  luaL_tolstring(L, 2, NULL));
}

void sandbox_seal_env(struct sandbox *box, int idx)
{
	lua_State *L = box->L;

	idx = lua_absindex(L, idx);
	lua_createtable(L, 0, 3);
	lua_pushcfunction(L, sandbox_env_index);
	lua_setfield(L, -2, "__index");
	lua_pushcfunction(L, sandbox_env_newindex);
	lua_setfield(L, -2, "__newindex");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, idx);
}

int sandbox_load_file(struct sandbox *box, const char *path, int env_idx,
		      char *err, size_t errlen)
{
	lua_State *L = box->L;

	env_idx = lua_absindex(L, env_idx);
	if (luaL_loadfilex(L, path, "t") != LUA_OK) {
		/* loadfile says "cannot open x.lua: No such file…"; the syntax
		 * errors already carry file:line. */
		const char *msg = lua_tostring(L, -1);

		if (msg && strncmp(msg, "cannot ", 7) == 0)
			snprintf(err, errlen, "%s: %s", path, msg);
		else
			snprintf(err, errlen, "%s", msg ? msg : "cannot load");
		lua_pop(L, 1);
		return -1;
	}
	lua_pushvalue(L, env_idx);
	if (lua_setupvalue(L, -2, 1) == NULL)
		lua_pop(L, 1);
	return 0;
}

/* Does msg already start with "something:NUMBER:"? */
static bool sandbox_has_location(const char *msg)
{
	const char *colon = strchr(msg, ':');

	if (colon == NULL || colon == msg)
		return false;
	if (!isdigit((unsigned char)colon[1]))
		return false;
	for (colon++; isdigit((unsigned char)*colon); colon++)
		;
	return *colon == ':';
}

/* Message handler: make sure the message names the script's file and
 * line, taken from the innermost Lua frame that has one. */
static int sandbox_msgh(lua_State *L)
{
	const char *msg = lua_tostring(L, 1);
	lua_Debug ar;

	if (msg == NULL) {
		if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
			msg = lua_tostring(L, -1);
		else
			msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
	}
	if (sandbox_has_location(msg))
		return 1;
	for (int level = 0; lua_getstack(L, level, &ar); level++) {
		lua_getinfo(L, "Sl", &ar);
		if (ar.currentline > 0) {
			lua_pushfstring(L, "%s:%d: %s", ar.short_src, ar.currentline, msg);
			return 1;
		}
	}
	lua_pushstring(L, msg);
	return 1;
}

/* The position of the innermost Lua frame of a thread, for errors that
 * carry none (error(x, 0), error objects); "" when there is none. */
void sandbox_position(lua_State *co, char *buf, size_t size)
{
	lua_Debug ar;

	buf[0] = '\0';
	for (int level = 0; lua_getstack(co, level, &ar); level++) {
		lua_getinfo(co, "Sl", &ar);
		if (ar.currentline > 0) {
			snprintf(buf, size, "%s:%d: ", ar.short_src, ar.currentline);
			return;
		}
	}
}

void sandbox_set_budget(struct sandbox *box, uint64_t instructions)
{
	box->budget = instructions;
}

static void sandbox_arm(struct sandbox *box, lua_State *L)
{
	box->executed = 0;
	box->over_budget = false;
	box->where[0] = '\0';
	lua_sethook(L, sandbox_hook, LUA_MASKCOUNT, SANDBOX_HOOK_EVERY);
}

static void sandbox_memory_error(struct sandbox *box, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s%smemory limit of %zu MiB exceeded",
		 box->where, box->where[0] ? ": " : "", box->mem_limit >> 20);
}

int sandbox_resume(struct sandbox *box, lua_State *co, int nargs, int *nres, char *err, size_t errlen)
{
	int status;

	sandbox_arm(box, co);
	status = lua_resume(co, box->L, nargs, nres);
	lua_sethook(co, NULL, 0, 0);
	if (status == LUA_OK || status == LUA_YIELD)
		return status;
	if (status == LUA_ERRMEM) {
		sandbox_memory_error(box, err, errlen);
	} else {
		const char *msg = lua_tostring(co, -1);
		char where[LUA_IDSIZE + 24];

		if (msg == NULL)
			msg = lua_pushfstring(co, "(error object is a %s value)", luaL_typename(co, -1));
		/* coroutine.wrap re-raises with its own position in front of
		 * the original one; the original says where it went wrong. */
		while (sandbox_has_location(msg) && strstr(msg, ": ") &&
		       sandbox_has_location(strstr(msg, ": ") + 2))
			msg = strstr(msg, ": ") + 2;
		if (sandbox_has_location(msg))
			where[0] = '\0';
		else
			sandbox_position(co, where, sizeof(where));
		snprintf(err, errlen, "%s%s", where, msg);
	}
	return -1;
}

int sandbox_call(struct sandbox *box, int nargs, int nresults, char *err, size_t errlen)
{
	lua_State *L = box->L;
	int base = lua_gettop(L) - nargs;
	int status;

	sandbox_arm(box, L);
	lua_pushcfunction(L, sandbox_msgh);
	lua_insert(L, base);
	status = lua_pcall(L, nargs, nresults, base);
	lua_sethook(L, NULL, 0, 0);
	if (status == LUA_OK) {
		lua_remove(L, base);
		return 0;
	}
	if (status == LUA_ERRMEM)
		sandbox_memory_error(box, err, errlen);
	else
		snprintf(err, errlen, "%s", lua_tostring(L, -1) ? lua_tostring(L, -1) : "error");
	lua_settop(L, base - 1);
	return -1;
}
