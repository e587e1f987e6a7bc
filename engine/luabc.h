/*
 * luabc.h - the functions inside a compiled Lua 5.4 chunk, read from the
 * binary form lua_dump writes.
 *
 * A dry run only sees the branches it takes; `irdrill check` must also
 * see a misspelt name on a branch that never runs.  The compiler already
 * resolved every name: a global read is a GETTABUP on the _ENV upvalue
 * with the name as a string constant.  This unit decodes the dump (with
 * its debug information: source lines and upvalue names) into a tree of
 * function prototypes, so a checker can walk the instructions without
 * reaching into Lua's private headers.  It runs no code.
 *
 * Only Lua 5.4's format is read (the header is checked: version, format,
 * and the sizes of instructions, integers and floats).  The opcodes below
 * are Lua 5.4's numbering, stable across its releases.  Depends on Lua and
 * xmalloc.
 */
#ifndef LUABC_H
#define LUABC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lua.h>

#if LUA_VERSION_NUM != 504
#error "luabc reads the Lua 5.4 chunk format"
#endif

enum luabc_const_type { LUABC_NIL, LUABC_BOOL, LUABC_INT, LUABC_FLOAT, LUABC_STRING };

struct luabc_const {
	enum luabc_const_type type;
	char *str; /* LUABC_STRING: NUL-terminated copy (may hold NULs inside) */
	size_t len;
	lua_Integer i; /* LUABC_INT; LUABC_BOOL as 0 or 1 */
	lua_Number n;  /* LUABC_FLOAT */
};

struct luabc_upvalue {
	bool instack; /* a local of the enclosing function, else its upvalue */
	int idx;      /* register or upvalue index in the enclosing function */
	char *name;   /* "_ENV", "foothold", … ; NULL without debug information */
};

struct luabc_proto {
	int linedefined; /* 0 for the main chunk */
	uint32_t *code;
	int *lines;      /* the source line of each instruction; 0 if unknown */
	int ncode;
	struct luabc_const *k;
	int nk;
	struct luabc_upvalue *upvalues;
	int nupvalues;
	struct luabc_proto *protos; /* functions defined inside, in source order */
	int nprotos;
};

/* Decode a binary chunk into *out; 0, or -1 with a message in err. */
int luabc_decode(const void *chunk, size_t len, struct luabc_proto *out, char *err, size_t errlen);
/* Dump the Lua function at idx of L (with debug information) and decode it. */
int luabc_read(lua_State *L, int idx, struct luabc_proto *out, char *err, size_t errlen);
void luabc_free(struct luabc_proto *p);

/* Lua 5.4 opcodes the checker looks at (lopcodes.h). */
enum {
	LUABC_OP_LOADK = 3,
	LUABC_OP_GETTABUP = 11, /* R[A] := UpValue[B][K[C]:string] */
	LUABC_OP_SETTABUP = 15, /* UpValue[A][K[B]:string] := RK(C) */
	LUABC_OP_SETFIELD = 18, /* R[A][K[B]:string] := RK(C) */
	LUABC_OP_NEWTABLE = 19,
	LUABC_OP_CALL = 68,
	LUABC_OP_TAILCALL = 69,
};

/* The fields of an instruction (iABC, and Bx for LOADK). */
static inline int luabc_op(uint32_t i) { return (int)(i & 0x7f); }
static inline int luabc_a(uint32_t i) { return (int)((i >> 7) & 0xff); }
static inline bool luabc_k(uint32_t i) { return (i >> 15) & 1; }
static inline int luabc_b(uint32_t i) { return (int)((i >> 16) & 0xff); }
static inline int luabc_c(uint32_t i) { return (int)((i >> 24) & 0xff); }
static inline int luabc_bx(uint32_t i) { return (int)(i >> 15); }

/* Constant n of p when it is a string, else NULL. */
const char *luabc_string(const struct luabc_proto *p, int n);

#endif
