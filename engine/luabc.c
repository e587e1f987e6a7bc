#include "luabc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

/* Functions nest no deeper than the compiler allows (LUAI_MAXCCALLS, 200);
 * a deeper chunk is not one lua_dump wrote. */
#define LUABC_MAX_DEPTH 256

/* lineinfo holds this where an absolute line is recorded instead. */
#define LUABC_ABSLINEINFO (-0x80)

struct luabc_reader {
	const unsigned char *p, *end;
	const char *error; /* first problem, NULL while fine */
};

static void luabc_fail(struct luabc_reader *r, const char *why)
{
	if (r->error == NULL)
		r->error = why;
	r->p = r->end;
}

static bool luabc_bytes(struct luabc_reader *r, void *dst, size_t n)
{
	if (r->error || (size_t)(r->end - r->p) < n) {
		luabc_fail(r, "truncated chunk");
		return false;
	}
	memcpy(dst, r->p, n);
	r->p += n;
	return true;
}

static int luabc_byte(struct luabc_reader *r)
{
	unsigned char b = 0;

	luabc_bytes(r, &b, 1);
	return b;
}

/* Sizes are written most significant group first, 7 bits a byte, the
 * last byte marked with 0x80 (ldump.c dumpSize). */
static size_t luabc_size(struct luabc_reader *r)
{
	size_t x = 0;
	int b;

	do {
		if (x > (SIZE_MAX >> 7)) {
			luabc_fail(r, "size overflows");
			return 0;
		}
		b = luabc_byte(r);
		x = (x << 7) | (size_t)(b & 0x7f);
	} while (!r->error && !(b & 0x80));
	return x;
}

/* A count of items each at least min_bytes long: never more than the
 * bytes left could hold, so a damaged chunk cannot ask for a huge array. */
static int luabc_count(struct luabc_reader *r, size_t min_bytes)
{
	size_t n = luabc_size(r);

	if (n > (size_t)(r->end - r->p) / (min_bytes ? min_bytes : 1) || n > 0x7fffffff) {
		luabc_fail(r, "count larger than the chunk");
		return 0;
	}
	return (int)n;
}

static int luabc_int(struct luabc_reader *r)
{
	size_t n = luabc_size(r);

	if (n > 0x7fffffff)
		luabc_fail(r, "integer out of range");
	return (int)n;
}

/* A string: its length plus one, then the bytes; 0 stands for none. */
static char *luabc_str(struct luabc_reader *r, size_t *len)
{
	size_t n = luabc_size(r);
	char *s;

	*len = 0;
	if (n == 0 || r->error)
		return NULL;
	if (n - 1 > (size_t)(r->end - r->p)) {
		luabc_fail(r, "truncated string");
		return NULL;
	}
	s = xmalloc(n);
	memcpy(s, r->p, n - 1);
	s[n - 1] = '\0';
	r->p += n - 1;
	*len = n - 1;
	return s;
}

static void luabc_header(struct luabc_reader *r)
{
	static const unsigned char head[] = { 0x1b, 'L', 'u', 'a', 0x54, 0, 0x19, 0x93, '\r', '\n', 0x1a, '\n',
					      4, sizeof(lua_Integer), sizeof(lua_Number) };
	unsigned char got[sizeof(head)];
	lua_Integer i;
	lua_Number n;

	if (!luabc_bytes(r, got, sizeof(got)) || memcmp(got, head, sizeof(head)) != 0) {
		luabc_fail(r, "not a Lua 5.4 chunk of this machine's format");
		return;
	}
	/* The two test values catch a byte order or float format mismatch. */
	if (luabc_bytes(r, &i, sizeof(i)) && luabc_bytes(r, &n, sizeof(n)) && (i != 0x5678 || n != 370.5))
		luabc_fail(r, "chunk written for another byte order or number format");
}

static void luabc_constants(struct luabc_reader *r, struct luabc_proto *p)
{
	p->nk = luabc_count(r, 1);
	p->k = xcalloc((size_t)p->nk + 1, sizeof(*p->k));
	for (int i = 0; i < p->nk && !r->error; i++) {
		struct luabc_const *c = &p->k[i];
		int tag = luabc_byte(r);

		switch (tag) {
		case 0x00: /* nil */
			c->type = LUABC_NIL;
			break;
		case 0x01: /* false */
		case 0x11: /* true */
			c->type = LUABC_BOOL;
			c->i = tag == 0x11;
			break;
		case 0x03:
			c->type = LUABC_INT;
			luabc_bytes(r, &c->i, sizeof(c->i));
			break;
		case 0x13:
			c->type = LUABC_FLOAT;
			luabc_bytes(r, &c->n, sizeof(c->n));
			break;
		case 0x04: /* short string */
		case 0x14: /* long string */
			c->type = LUABC_STRING;
			c->str = luabc_str(r, &c->len);
			if (c->str == NULL)
				c->str = xstrdup("");
			break;
		default:
			luabc_fail(r, "unknown constant type");
		}
	}
}

/* Line of each instruction: deltas from the function's first line, with
 * absolute lines where a delta would not fit (ldebug.c luaG_getfuncline). */
static void luabc_lines(struct luabc_reader *r, struct luabc_proto *p)
{
	int n = luabc_count(r, 1), nabs, line = p->linedefined, next_abs = 0;
	signed char *delta = xcalloc((size_t)n + 1, 1);
	int(*absline)[2];

	luabc_bytes(r, delta, (size_t)n);
	nabs = luabc_count(r, 2);
	absline = xcalloc((size_t)nabs + 1, sizeof(*absline));
	for (int i = 0; i < nabs; i++) {
		absline[i][0] = luabc_int(r);
		absline[i][1] = luabc_int(r);
	}
	p->lines = xcalloc((size_t)p->ncode + 1, sizeof(*p->lines));
	for (int pc = 0; n == p->ncode && pc < n && !r->error; pc++) {
		if (delta[pc] == LUABC_ABSLINEINFO) {
			while (next_abs < nabs && absline[next_abs][0] < pc)
				next_abs++;
			if (next_abs == nabs || absline[next_abs][0] != pc) {
				luabc_fail(r, "line information out of order");
				break;
			}
			line = absline[next_abs][1];
		} else {
			line += delta[pc];
		}
		p->lines[pc] = line;
	}
	free(delta);
	free(absline);
}

static void luabc_function(struct luabc_reader *r, struct luabc_proto *p, int depth)
{
	size_t len;
	int nnames;

	memset(p, 0, sizeof(*p));
	if (depth > LUABC_MAX_DEPTH) {
		luabc_fail(r, "functions nested too deep");
		return;
	}
	free(luabc_str(r, &len)); /* source name */
	p->linedefined = luabc_int(r);
	luabc_int(r);  /* lastlinedefined */
	luabc_byte(r); /* numparams */
	luabc_byte(r); /* is_vararg */
	luabc_byte(r); /* maxstacksize */
	p->ncode = luabc_count(r, 4);
	p->code = xcalloc((size_t)p->ncode + 1, sizeof(*p->code));
	luabc_bytes(r, p->code, (size_t)p->ncode * sizeof(*p->code));
	luabc_constants(r, p);
	p->nupvalues = luabc_count(r, 3);
	p->upvalues = xcalloc((size_t)p->nupvalues + 1, sizeof(*p->upvalues));
	for (int i = 0; i < p->nupvalues; i++) {
		p->upvalues[i].instack = luabc_byte(r) != 0;
		p->upvalues[i].idx = luabc_byte(r);
		luabc_byte(r); /* kind */
	}
	p->nprotos = luabc_count(r, 1);
	p->protos = xcalloc((size_t)p->nprotos + 1, sizeof(*p->protos));
	for (int i = 0; i < p->nprotos && !r->error; i++)
		luabc_function(r, &p->protos[i], depth + 1);
	luabc_lines(r, p);
	for (int i = luabc_count(r, 3); i > 0 && !r->error; i--) { /* local variables */
		free(luabc_str(r, &len));
		luabc_int(r);
		luabc_int(r);
	}
	nnames = luabc_count(r, 1);
	for (int i = 0; i < nnames && !r->error; i++) {
		char *name = luabc_str(r, &len);

		if (i < p->nupvalues)
			p->upvalues[i].name = name;
		else
			free(name);
	}
}

int luabc_decode(const void *chunk, size_t len, struct luabc_proto *out, char *err, size_t errlen)
{
	struct luabc_reader r = { chunk, (const unsigned char *)chunk + len, NULL };

	memset(out, 0, sizeof(*out));
	luabc_header(&r);
	luabc_byte(&r); /* the main function's upvalue count, repeated below */
	if (r.error == NULL)
		luabc_function(&r, out, 0);
	if (r.error == NULL && r.p != r.end)
		luabc_fail(&r, "bytes after the main function");
	if (r.error) {
		snprintf(err, errlen, "cannot read the compiled chunk: %s", r.error);
		luabc_free(out);
		return -1;
	}
	return 0;
}

struct luabc_buffer {
	unsigned char *data;
	size_t len, cap;
};

static int luabc_writer(lua_State *L, const void *p, size_t n, void *ud)
{
	struct luabc_buffer *b = ud;

	(void)L;
	b->data = xgrow(b->data, &b->cap, b->len + n, 1);
	memcpy(b->data + b->len, p, n);
	b->len += n;
	return 0;
}

int luabc_read(lua_State *L, int idx, struct luabc_proto *out, char *err, size_t errlen)
{
	struct luabc_buffer b = { NULL, 0, 0 };
	int rc;

	lua_pushvalue(L, idx);
	rc = lua_dump(L, luabc_writer, &b, 0);
	lua_pop(L, 1);
	if (rc != 0) {
		memset(out, 0, sizeof(*out));
		snprintf(err, errlen, "cannot dump the compiled chunk");
		free(b.data);
		return -1;
	}
	rc = luabc_decode(b.data, b.len, out, err, errlen);
	free(b.data);
	return rc;
}

void luabc_free(struct luabc_proto *p)
{
	if (p == NULL)
		return;
	for (int i = 0; i < p->nk; i++)
		free(p->k[i].str);
	for (int i = 0; i < p->nupvalues; i++)
		free(p->upvalues[i].name);
	for (int i = 0; i < p->nprotos; i++)
		luabc_free(&p->protos[i]);
	free(p->k);
	free(p->upvalues);
	free(p->protos);
	free(p->code);
	free(p->lines);
	memset(p, 0, sizeof(*p));
}

const char *luabc_string(const struct luabc_proto *p, int n)
{
	if (n < 0 || n >= p->nk || p->k[n].type != LUABC_STRING)
		return NULL;
	return p->k[n].str;
}
