/* The Lua sandbox: allow-list, strict globals, budgets that a script
 * cannot escape, and errors that name file and line. */
#include "harness.h"

#include <stdlib.h>
#include <unistd.h>

#include <lauxlib.h>

#include "sandbox.h"

static char path[64];

/* Write src to a fresh temporary .lua file; returns its path. */
static const char *script(const char *src)
{
	int fd;

	snprintf(path, sizeof(path), "/tmp/irdrill-sbXXXXXX");
	fd = mkstemp(path);
	CHECK(fd >= 0);
	CHECK(write(fd, src, strlen(src)) == (ssize_t)strlen(src));
	close(fd);
	return path;
}

/* Load and run src in a fresh env of box; returns the sandbox_call
 * status, with the message in err. */
static int run_in(struct sandbox *box, const char *src, char *err, size_t errlen)
{
	lua_State *L = sandbox_lua(box);
	int top = lua_gettop(L), rc;

	sandbox_push_env(box);
	sandbox_seal_env(box, -1);
	rc = sandbox_load_file(box, script(src), -1, err, errlen);
	if (rc == 0)
		rc = sandbox_call(box, 0, 0, err, errlen);
	unlink(path);
	lua_pop(L, 1);
	CHECK_INT(lua_gettop(L), top); /* the stack is left as found */
	return rc;
}

static int run(const char *src, char *err, size_t errlen)
{
	struct sandbox_limits limits = { 16u << 20, 5000000 };
	struct sandbox *box = sandbox_new(&limits);
	int rc = run_in(box, src, err, errlen);

	sandbox_free(box);
	return rc;
}

/* The error message with the temporary file's name cut off. */
static const char *msg_after_file(const char *err)
{
	const char *colon = strchr(err, ':');

	return colon ? colon + 1 : err;
}

TEST(plain_code_runs)
{
	char err[256] = "";

	CHECK_INT(run("local t = {} for i = 1, 100 do t[#t + 1] = string.format('%d', i) end\n"
		      "assert(#t == 100 and table.concat(t):sub(1, 3) == '123')\n"
		      "assert(utf8.len('Thủ Dầu Một') == 11)\n"
		      "local co = coroutine.wrap(function() coroutine.yield(1) end) assert(co() == 1)\n",
		      err, sizeof(err)), 0);
	CHECK_STR(err, "");
}

TEST(dangerous_names_are_absent)
{
	static const char *const names[] = {
		"io", "os", "require", "package", "debug", "dofile", "loadfile", "load",
		"collectgarbage", "print", "rawset", "next", NULL,
	};
	char src[128], err[256], want[64];

	for (int i = 0; names[i]; i++) {
		snprintf(src, sizeof(src), "\nlocal x = %s\n", names[i]);
		CHECK_INT(run(src, err, sizeof(err)), -1);
		snprintf(want, sizeof(want), "2: unknown name '%s'", names[i]);
		CHECK_STR(msg_after_file(err), want);
	}
	CHECK_INT(run("assert(string.dump == nil and math.random == nil and math.randomseed == nil)\n"
		      "assert(getmetatable('') == false)\n"
		      "assert(('x').dump == nil)\n", err, sizeof(err)), 0);
}

TEST(pairs_is_sorted_so_runs_repeat)
{
	char err[256] = "";

	CHECK_INT(run("local t = { b = 1, a = 2, [3] = 1, [1] = 1, c = 3, [2.5] = 0 }\n"
		      "local s = ''\n"
		      "for k in pairs(t) do s = s .. tostring(k) .. ',' end\n"
		      "assert(s == '1,2.5,3,a,b,c,', s)\n"
		      "local n = 0 for _ in pairs({}) do n = n + 1 end assert(n == 0)\n"
		      "assert(not pcall(function() return next end))\n", err, sizeof(err)), 0);
	CHECK_STR(err, "");
}

TEST(new_globals_are_refused)
{
	char err[256];

	CHECK_INT(run("local ok = 1\n\n\ncounter = 3\n", err, sizeof(err)), -1);
	CHECK_STR(msg_after_file(err), "4: assignment to undeclared global 'counter' (declare it local)");
}

TEST(errors_name_file_and_line)
{
	char err[256];

	CHECK_INT(run("local x = 1\nerror('boom')\n", err, sizeof(err)), -1);
	CHECK_STR(msg_after_file(err), "2: boom");
	CHECK_INT(strncmp(err, "/tmp/irdrill-sb", 15), 0);
	/* error(msg, 0) and non-string errors get the position added. */
	CHECK_INT(run("\n\nerror('bare', 0)\n", err, sizeof(err)), -1);
	CHECK_STR(msg_after_file(err), "3: bare");
	CHECK_INT(run("\nerror({})\n", err, sizeof(err)), -1);
	CHECK_STR(msg_after_file(err), "2: (error object is a table value)");
	CHECK_INT(run("local t = nil\nlocal y = t.x\n", err, sizeof(err)), -1);
	CHECK_CONTAINS(err, ":2: attempt to index a nil value");
}

TEST(syntax_errors_name_file_and_line)
{
	char err[256];

	CHECK_INT(run("local a = 1\nlocal = 2\n", err, sizeof(err)), -1);
	CHECK_CONTAINS(err, ":2: <name> expected");
}

TEST(runaway_loop_is_stopped_even_under_pcall)
{
	char err[256];

	CHECK_INT(run("while true do end\n", err, sizeof(err)), -1);
	CHECK_STR(msg_after_file(err), "1: instruction budget of 5000000 exceeded");
	CHECK_INT(run("local n = 0\nwhile true do\n  pcall(function() while true do n = n + 1 end end)\nend\n",
		      err, sizeof(err)), -1);
	CHECK_CONTAINS(err, "instruction budget of 5000000 exceeded");
	CHECK_INT(run("local function f() return pcall(f) end\nwhile true do f() end\n", err, sizeof(err)), -1);
	CHECK(strstr(err, "instruction budget") || strstr(err, "stack overflow"));
}

TEST(budget_is_per_call)
{
	struct sandbox_limits limits = { 16u << 20, 5000000 };
	struct sandbox *box = sandbox_new(&limits);
	char err[256] = "";

	/* Each run uses about 60 % of the budget; together they would not fit. */
	for (int i = 0; i < 3; i++)
		CHECK_INT(run_in(box, "local n = 0 for i = 1, 750000 do n = n + i end\n", err, sizeof(err)), 0);
	CHECK_STR(err, "");
	sandbox_free(box);
}

TEST(memory_bomb_is_capped)
{
	char err[256];

	CHECK_INT(run("local t = {}\nfor i = 1, 1e8 do t[i] = i end\n", err, sizeof(err)), -1);
	CHECK_CONTAINS(err, "memory limit of 16 MiB exceeded");
	CHECK_INT(run("local s = string.rep('x', 64 * 1024 * 1024)\n", err, sizeof(err)), -1);
	CHECK_CONTAINS(err, "memory limit of 16 MiB exceeded");
}

TEST(environments_do_not_share_library_tables)
{
	struct sandbox_limits limits = { 16u << 20, 5000000 };
	struct sandbox *box = sandbox_new(&limits);
	char err[256] = "";

	CHECK_INT(run_in(box, "string.upper = nil\nmath.pi = 3\n", err, sizeof(err)), 0);
	CHECK_INT(run_in(box, "assert(string.upper('a') == 'A')\nassert(math.pi > 3.14)\n", err, sizeof(err)), 0);
	CHECK_STR(err, "");
	sandbox_free(box);
}

TEST(binary_chunks_are_refused)
{
	struct sandbox_limits limits = { 16u << 20, 5000000 };
	struct sandbox *box = sandbox_new(&limits);
	char err[256];

	sandbox_push_env(box);
	CHECK_INT(sandbox_load_file(box, script("\033Lua\124\000garbage"), -1, err, sizeof(err)), -1);
	unlink(path);
	CHECK_CONTAINS(err, "attempt to load a binary chunk");
	CHECK_INT(sandbox_load_file(box, "/nonexistent/x.lua", -1, err, sizeof(err)), -1);
	CHECK_CONTAINS(err, "/nonexistent/x.lua: cannot open");
	lua_pop(sandbox_lua(box), 1);
	sandbox_free(box);
}

int main(void)
{
	RUN(plain_code_runs);
	RUN(dangerous_names_are_absent);
	RUN(pairs_is_sorted_so_runs_repeat);
	RUN(new_globals_are_refused);
	RUN(errors_name_file_and_line);
	RUN(syntax_errors_name_file_and_line);
	RUN(runaway_loop_is_stopped_even_under_pcall);
	RUN(budget_is_per_call);
	RUN(memory_bomb_is_capped);
	RUN(environments_do_not_share_library_tables);
	RUN(binary_chunks_are_refused);
	return harness_finish();
}
