/* Reading compiled Lua 5.4 chunks: instructions, constants, lines,
 * upvalue names, nested functions, and refusal of damaged input. */
#include "harness.h"

#include <stdlib.h>

#include <lauxlib.h>
#include <lualib.h>

#include "luabc.h"
#include "xmalloc.h"

/* Compile src and decode it; 0 on success. */
static int compile(const char *src, struct luabc_proto *out)
{
	lua_State *L = luaL_newstate();
	char err[256] = "";
	int rc;

	CHECK_INT(luaL_loadstring(L, src), LUA_OK);
	rc = luabc_read(L, -1, out, err, sizeof(err));
	CHECK_STR(err, "");
	CHECK_INT(lua_gettop(L), 1); /* the function is left where it was */
	lua_close(L);
	return rc;
}

/* The nth instruction of p with opcode op, or -1. */
static int find_op(const struct luabc_proto *p, int op, int nth)
{
	for (int pc = 0; pc < p->ncode; pc++)
		if (luabc_op(p->code[pc]) == op && nth-- == 0)
			return pc;
	return -1;
}

TEST(global_reads_and_writes_name_their_constant_and_line)
{
	struct luabc_proto p;
	int pc;

	if (compile("local a = 1\n\nlocal b = frobnicate\nnewglobal = 2\n", &p) != 0)
		return;
	CHECK_INT(p.linedefined, 0);
	CHECK_INT(p.nupvalues, 1);
	CHECK_STR(p.upvalues[0].name, "_ENV");
	pc = find_op(&p, LUABC_OP_GETTABUP, 0);
	CHECK(pc >= 0);
	if (pc >= 0) {
		CHECK_INT(luabc_b(p.code[pc]), 0); /* upvalue 0: _ENV */
		CHECK_STR(luabc_string(&p, luabc_c(p.code[pc])), "frobnicate");
		CHECK_INT(p.lines[pc], 3);
	}
	pc = find_op(&p, LUABC_OP_SETTABUP, 0);
	CHECK(pc >= 0);
	if (pc >= 0) {
		CHECK_STR(luabc_string(&p, luabc_b(p.code[pc])), "newglobal");
		CHECK_INT(p.lines[pc], 4);
	}
	luabc_free(&p);
}

TEST(a_call_with_a_table_is_gettabup_newtable_setfield_call)
{
	struct luabc_proto p;
	int get, set;

	if (compile("exploit { host = \"portal\", port = 443 }", &p) != 0)
		return;
	get = find_op(&p, LUABC_OP_GETTABUP, 0);
	set = find_op(&p, LUABC_OP_SETFIELD, 0);
	CHECK(get >= 0 && set > get);
	if (get >= 0 && set > get) {
		CHECK_INT(luabc_op(p.code[get + 1]), LUABC_OP_NEWTABLE);
		CHECK_INT(luabc_a(p.code[get + 1]), luabc_a(p.code[get]) + 1);
		CHECK_STR(luabc_string(&p, luabc_b(p.code[set])), "host");
		CHECK(luabc_k(p.code[set])); /* the value is a constant */
		CHECK_STR(luabc_string(&p, luabc_c(p.code[set])), "portal");
		CHECK(find_op(&p, LUABC_OP_CALL, 0) > set);
	}
	luabc_free(&p);
}

TEST(nested_functions_keep_their_upvalues_and_lines)
{
	struct luabc_proto p;

	if (compile("local x = 1\nlocal function f()\n  local function g() return x + y end\n  return g\nend\n",
		    &p) != 0)
		return;
	CHECK_INT(p.nprotos, 1);
	if (p.nprotos == 1 && p.protos[0].nprotos == 1) {
		const struct luabc_proto *f = &p.protos[0], *g = &f->protos[0];
		int pc = find_op(g, LUABC_OP_GETTABUP, 0);

		CHECK_INT(f->linedefined, 2);
		CHECK_INT(g->linedefined, 3);
		/* g reaches _ENV through f's upvalue, x through f's upvalue too */
		CHECK_INT(g->nupvalues, 2);
		CHECK(pc >= 0);
		if (pc >= 0) {
			const struct luabc_upvalue *u = &g->upvalues[luabc_b(g->code[pc])];

			CHECK_STR(u->name, "_ENV");
			CHECK(!u->instack);
			CHECK_STR(f->upvalues[u->idx].name, "_ENV");
			CHECK_STR(luabc_string(g, luabc_c(g->code[pc])), "y");
			CHECK_INT(g->lines[pc], 3);
		}
	} else {
		CHECK(0);
	}
	luabc_free(&p);
}

TEST(far_lines_and_every_constant_type)
{
	/* 300 blank lines: the delta does not fit a byte, so the chunk
	 * records an absolute line; a long string, a float, an integer,
	 * booleans and Vietnamese UTF-8 as constants. */
	char *src = xmalloc(1024);
	struct luabc_proto p;
	int pc, n = 0;

	n += snprintf(src + n, 64, "local a = 1\n");
	for (int i = 0; i < 300; i++)
		src[n++] = '\n';
	snprintf(src + n, 1024 - (size_t)n,
		 "local b = far_away\nlocal t = { 1.5, 2, true, false, \"Thủ Dầu Một\","
		 " \"%s\" }\n", "a string longer than forty characters, so stored long");
	if (compile(src, &p) != 0) {
		free(src);
		return;
	}
	pc = find_op(&p, LUABC_OP_GETTABUP, 0);
	CHECK(pc >= 0);
	if (pc >= 0)
		CHECK_INT(p.lines[pc], 302);
	for (int i = 0; i < p.nk; i++) {
		const struct luabc_const *k = &p.k[i];

		if (k->type == LUABC_FLOAT)
			CHECK(k->n == 1.5);
		if (k->type == LUABC_STRING && strcmp(k->str, "Thủ Dầu Một") == 0)
			CHECK_INT((int)k->len, (int)strlen("Thủ Dầu Một"));
		if (k->type == LUABC_STRING && strncmp(k->str, "a string longer", 15) == 0)
			CHECK_INT((int)k->len, 53);
	}
	CHECK(luabc_string(&p, -1) == NULL);
	CHECK(luabc_string(&p, p.nk) == NULL);
	luabc_free(&p);
	free(src);
}

struct bytes {
	char data[4096];
	size_t len;
};

static int dump_to(lua_State *L, const void *p, size_t n, void *ud)
{
	struct bytes *b = ud;

	(void)L;
	if (b->len + n > sizeof(b->data))
		return 1;
	memcpy(b->data + b->len, p, n);
	b->len += n;
	return 0;
}

TEST(damaged_chunks_are_refused)
{
	lua_State *L = luaL_newstate();
	struct luabc_proto p;
	char err[256];
	static struct bytes b;
	const char *chunk = b.data;
	size_t len;
	char *copy;

	luaL_loadstring(L, "local x = foo(1, 2) return x");
	CHECK_INT(lua_dump(L, dump_to, &b, 0), 0);
	len = b.len;

	CHECK_INT(luabc_decode(chunk, len, &p, err, sizeof(err)), 0);
	luabc_free(&p);
	for (size_t cut = 0; cut < len; cut += 7) { /* every truncation fails cleanly */
		err[0] = '\0';
		CHECK_INT(luabc_decode(chunk, cut, &p, err, sizeof(err)), -1);
		CHECK_CONTAINS(err, "cannot read the compiled chunk");
	}
	copy = xmalloc(len + 1);
	memcpy(copy, chunk, len);
	copy[4] = 0x53; /* a Lua 5.3 chunk */
	CHECK_INT(luabc_decode(copy, len, &p, err, sizeof(err)), -1);
	CHECK_CONTAINS(err, "not a Lua 5.4 chunk");
	memcpy(copy, chunk, len);
	copy[len] = 0;
	CHECK_INT(luabc_decode(copy, len + 1, &p, err, sizeof(err)), -1);
	CHECK_CONTAINS(err, "bytes after the main function");
	/* Any single damaged byte: decoded or refused, never a crash or a
	 * leak (the sanitizer and valgrind runs watch this loop). */
	for (size_t at = 0; at < len; at++) {
		memcpy(copy, chunk, len);
		copy[at] ^= 0xa5;
		if (luabc_decode(copy, len, &p, err, sizeof(err)) == 0)
			luabc_free(&p);
	}
	free(copy);
	lua_close(L);
}

int main(void)
{
	RUN(global_reads_and_writes_name_their_constant_and_line);
	RUN(a_call_with_a_table_is_gettabup_newtable_setfield_call);
	RUN(nested_functions_keep_their_upvalues_and_lines);
	RUN(far_lines_and_every_constant_type);
	RUN(damaged_chunks_are_refused);
	return harness_finish();
}
