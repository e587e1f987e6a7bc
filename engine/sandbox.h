/*
 * sandbox.h - the one owner of a Lua state that runs untrusted files.
 *
 * Network models and scenarios are code written elsewhere; they run here
 * with an allow-list of globals (no io, os, package, require, debug, load,
 * dofile, loadfile, collectgarbage, string.dump, math.random), text chunks
 * only, a memory cap enforced by the allocator and an instruction budget
 * enforced by a count hook that re-arms on every instruction once spent, so
 * the script's own pcall cannot swallow the abort.  Every error leaves
 * here as one line that starts with the script's file and line.
 *
 * Depends on Lua 5.4 and xmalloc.  Stack effects are noted in the Lua
 * manual's [-pop, +push] form.
 */
#ifndef SANDBOX_H
#define SANDBOX_H

#include <stddef.h>
#include <stdint.h>

#include <lua.h>

struct sandbox;

struct sandbox_limits {
	size_t memory_bytes;   /* cap on everything the Lua state allocates */
	uint64_t instructions; /* budget for each sandbox_call */
};

struct sandbox *sandbox_new(const struct sandbox_limits *limits);
void sandbox_free(struct sandbox *box);
lua_State *sandbox_lua(struct sandbox *box);
/* From inside a C function called by the script: its sandbox. */
struct sandbox *sandbox_of(lua_State *L);

/*
 * [-0, +1] Push a fresh environment table holding the allow-listed
 * globals, with private copies of the library tables so one script cannot
 * change what another sees.  Add the caller's own functions with
 * lua_setfield, then seal it.
 */
void sandbox_push_env(struct sandbox *box);
/* [-0, +0] Make the table at idx strict: reading an unknown name and
 * creating a new global are errors that name the variable. */
void sandbox_seal_env(struct sandbox *box, int idx);

/*
 * [-0, +1] Load a text file as a chunk whose _ENV is the table at env_idx.
 * Pushes the function and returns 0, or pushes nothing, writes a
 * "file[:line]: message" line into err and returns -1.
 */
int sandbox_load_file(struct sandbox *box, const char *path, int env_idx,
		      char *err, size_t errlen);

/*
 * [-(nargs+1), +nresults|0] Call the function below the nargs arguments
 * in protected mode with a fresh instruction budget.  Returns 0, or -1 with
 * a "file:line: message" line in err and the stack as it was minus the
 * function and its arguments.
 */
int sandbox_call(struct sandbox *box, int nargs, int nresults, char *err, size_t errlen);

/*
 * Resume coroutine co (a thread of this sandbox) with nargs arguments on
 * its stack and a fresh instruction budget.  Returns LUA_OK when it
 * finished, LUA_YIELD when it yielded (*nres values on its stack), or -1
 * with a "file:line: message" line in err; a dead coroutine's stack is
 * left for the caller to drop with the thread.
 */
int sandbox_resume(struct sandbox *box, lua_State *co, int nargs, int *nres, char *err, size_t errlen);

/* The instruction budget for each later call or resume. */
void sandbox_set_budget(struct sandbox *box, uint64_t instructions);
/* "file:line: " of the innermost Lua frame of thread co, or "". */
void sandbox_position(lua_State *co, char *buf, size_t size);

/* Bytes the state holds now; the most it ever held. */
size_t sandbox_memory(const struct sandbox *box);
size_t sandbox_memory_peak(const struct sandbox *box);

#endif
