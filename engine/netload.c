#include "netload.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lauxlib.h>

#include "ipaddr.h"
#include "sandbox.h"
#include "xmalloc.h"

/* Generous for a province of a few thousand hosts (a few MiB and a few
 * million instructions), tight enough to stop a runaway file fast.  A
 * bigger file (a generated model of 100,000 hosts is about 20 MB) gets
 * more in proportion to its size: its declarations are held as Lua
 * tables until the model is built. */
#define NETLOAD_MEMORY (64u << 20)
#define NETLOAD_INSTRUCTIONS 100000000ull
#define NETLOAD_MEMORY_PER_BYTE 10u
#define NETLOAD_INSTRUCTIONS_PER_BYTE 20u

enum netload_kind { K_NETWORK, K_SITE, K_SEGMENT, K_ACCOUNT, K_HOST, K_SYSTEM, K_SENSOR, K_ALLOW, K_DENY, K_COUNT };

static const char *const netload_kind_names[K_COUNT] = {
	"network", "site", "segment", "account", "host", "system", "sensor", "allow", "deny",
};

static const char *const netload_sensor_types[] = {
	"suricata", "zeek", "apt", "fortigate", "cef", "windows", "sysmon",
	"postfix", "spamassassin", "sshd", NULL,
};

/* The declarations of one kind live in a Lua table in the registry:
 * { {decl table, line}, … }. */
static const char netload_registry_key = 'n';

/* Reading one declaration: where it is and what to call it in messages. */
struct rd {
	lua_State *L;
	struct diag *errs;
	const char *file;
	int line;
	int via;        /* line in the main chunk that called a helper, or 0 */
	int seq;        /* order among all declarations */
	int tbl;        /* stack index of the declaration table */
	char what[160]; /* "host 'pc-01'" */
};

static void rd_error(struct rd *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void rd_error(struct rd *r, const char *fmt, ...)
{
	char text[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (r->via)
		diag_add(r->errs, r->file, r->line, "%s: %s (called from line %d)", r->what, text, r->via);
	else
		diag_add(r->errs, r->file, r->line, "%s: %s", r->what, text);
}

static int rd_field(struct rd *r, const char *key)
{
	lua_pushstring(r->L, key);
	return lua_rawget(r->L, r->tbl);
}

/* A string field, copied; NULL when absent (an error if required). */
static char *rd_str(struct rd *r, const char *key, bool required)
{
	char *s = NULL;
	int t = rd_field(r, key);

	if (t == LUA_TSTRING)
		s = xstrdup(lua_tostring(r->L, -1));
	else if (t != LUA_TNIL)
		rd_error(r, "field '%s' must be a string, not a %s", key, lua_typename(r->L, t));
	else if (required)
		rd_error(r, "field '%s' is missing", key);
	lua_pop(r->L, 1);
	return s;
}

static bool rd_bool(struct rd *r, const char *key, bool dflt)
{
	int t = rd_field(r, key);
	bool v = dflt;

	if (t == LUA_TBOOLEAN)
		v = lua_toboolean(r->L, -1);
	else if (t != LUA_TNIL)
		rd_error(r, "field '%s' must be true or false, not a %s", key, lua_typename(r->L, t));
	lua_pop(r->L, 1);
	return v;
}

static int rd_int(struct rd *r, const char *key, int lo, int hi, int dflt, bool required)
{
	int t = rd_field(r, key);
	int v = dflt;

	if (t == LUA_TNUMBER && lua_isinteger(r->L, -1) &&
	    lua_tointeger(r->L, -1) >= lo && lua_tointeger(r->L, -1) <= hi)
		v = (int)lua_tointeger(r->L, -1);
	else if (t != LUA_TNIL)
		rd_error(r, "field '%s' must be an integer from %d to %d", key, lo, hi);
	else if (required)
		rd_error(r, "field '%s' is missing", key);
	lua_pop(r->L, 1);
	return v;
}

/* A string or a list of strings; returns the count, -1 when absent. */
static int rd_strlist(struct rd *r, const char *key, char ***out)
{
	int t = rd_field(r, key);
	int n = -1;

	*out = NULL;
	if (t == LUA_TSTRING) {
		*out = xmalloc(sizeof(char *));
		(*out)[0] = xstrdup(lua_tostring(r->L, -1));
		n = 1;
	} else if (t == LUA_TTABLE) {
		lua_Integer len = (lua_Integer)lua_rawlen(r->L, -1);

		*out = xcalloc((size_t)len + 1, sizeof(char *));
		n = 0;
		for (lua_Integer i = 1; i <= len; i++) {
			if (lua_rawgeti(r->L, -1, i) == LUA_TSTRING)
				(*out)[n++] = xstrdup(lua_tostring(r->L, -1));
			else
				rd_error(r, "field '%s': item %lld must be a string", key, (long long)i);
			lua_pop(r->L, 1);
		}
	} else if (t != LUA_TNIL) {
		rd_error(r, "field '%s' must be a string or a list of strings", key);
	}
	lua_pop(r->L, 1);
	return n;
}

static void strv_free(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Catch misspelt fields: every key must be one the declaration knows. */
static void rd_known_fields(struct rd *r, const char *const *known)
{
	lua_pushnil(r->L);
	while (lua_next(r->L, r->tbl)) {
		const char *key = lua_type(r->L, -2) == LUA_TSTRING ? lua_tostring(r->L, -2) : NULL;
		bool ok = false;

		for (int i = 0; key && known[i] && !ok; i++)
			ok = strcmp(key, known[i]) == 0;
		if (!ok && key)
			rd_error(r, "unknown field '%s'", key);
		else if (!ok)
			rd_error(r, "fields must be named (key = value)");
		lua_pop(r->L, 1);
	}
}

static bool netload_valid_id(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || strchr("-_.\\", *s)))
			return false;
	return true;
}

/* Declarations collected by the DSL functions, one Lua call each: the
 * table, the line of the call, its place in the order of all calls (rules
 * are ordered by it), and the line in the file's main chunk that led to it
 * when the call sits inside a helper function. */
static int netload_declare(lua_State *L)
{
	int kind = (int)lua_tointeger(L, lua_upvalueindex(1));
	lua_Debug ar;
	int line = 0, outer = 0;
	lua_Integer seq;

	luaL_checktype(L, 1, LUA_TTABLE);
	for (int level = 1; lua_getstack(L, level, &ar); level++) {
		if (lua_getinfo(L, "l", &ar) && ar.currentline > 0) {
			if (line == 0)
				line = ar.currentline;
			outer = ar.currentline;
		}
	}
	lua_rawgetp(L, LUA_REGISTRYINDEX, &netload_registry_key);
	lua_rawgeti(L, -1, K_COUNT + 1);
	seq = lua_tointeger(L, -1) + 1;
	lua_pop(L, 1);
	lua_pushinteger(L, seq);
	lua_rawseti(L, -2, K_COUNT + 1);
	lua_rawgeti(L, -1, kind + 1);
	lua_createtable(L, 4, 0);
	lua_pushvalue(L, 1);
	lua_rawseti(L, -2, 1);
	lua_pushinteger(L, line);
	lua_rawseti(L, -2, 2);
	lua_pushinteger(L, seq);
	lua_rawseti(L, -2, 3);
	lua_pushinteger(L, outer != line ? outer : 0);
	lua_rawseti(L, -2, 4);
	lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
	lua_pop(L, 2);
	return 0;
}

/* The loading state shared by the build steps below. */
struct netload {
	lua_State *L;
	struct net *net;
	struct diag *errs;
	const char *file;
	struct strmap zone_ids;
};

/* Push the declarations of a kind; returns how many. */
static int netload_decls(struct netload *ld, int kind)
{
	lua_rawgetp(ld->L, LUA_REGISTRYINDEX, &netload_registry_key);
	lua_rawgeti(ld->L, -1, kind + 1);
	lua_remove(ld->L, -2);
	return (int)lua_rawlen(ld->L, -1);
}

/* Open declaration i of the list on top: pushes its table, fills r;
 * key is the field that names it (NULL: none). */
static void netload_open(struct netload *ld, int i, struct rd *r, const char *kind, const char *key)
{
	lua_rawgeti(ld->L, -1, i + 1);
	lua_rawgeti(ld->L, -1, 2);
	r->L = ld->L;
	r->errs = ld->errs;
	r->file = ld->file;
	r->line = (int)lua_tointeger(ld->L, -1);
	lua_rawgeti(ld->L, -2, 3);
	r->seq = (int)lua_tointeger(ld->L, -1);
	lua_rawgeti(ld->L, -3, 4);
	r->via = (int)lua_tointeger(ld->L, -1);
	lua_pop(ld->L, 3);
	lua_rawgeti(ld->L, -1, 1);
	lua_remove(ld->L, -2);
	r->tbl = lua_gettop(ld->L);
	snprintf(r->what, sizeof(r->what), "%s", kind);
	/* Name the declaration in every message about it, even those about
	 * fields read before its identifying one. */
	if (key && rd_field(r, key) == LUA_TSTRING)
		snprintf(r->what, sizeof(r->what), "%s '%s'", kind, lua_tostring(ld->L, -1));
	if (key)
		lua_pop(ld->L, 1);
}

static void rd_name(struct rd *r, const char *kind, const char *name)
{
	if (name)
		snprintf(r->what, sizeof(r->what), "%s '%s'", kind, name);
}

/* Read the identifying field, check its form, register it in map. */
static char *netload_ident(struct netload *ld, struct rd *r, const char *kind, const char *key,
			   struct strmap *map, int index, const int *lines)
{
	char *id = rd_str(r, key, true);

	rd_name(r, kind, id);
	if (id == NULL)
		return NULL;
	if (!netload_valid_id(id)) {
		rd_error(r, "%s must be lowercase ASCII letters, digits, '-', '_' or '.'", key);
	} else {
		int prev = strmap_put(map, id, index);

		if (prev >= 0)
			diag_add(ld->errs, ld->file, r->line, "%s: duplicate %s (first declared at line %d)",
				 r->what, key, lines[prev]);
	}
	return id;
}

static int netload_ref(struct rd *r, const struct strmap *map, const char *field,
		       const char *kind, const char *value)
{
	int i;

	if (value == NULL)
		return -1;
	i = strmap_get(map, value);
	if (i < 0)
		rd_error(r, "%s '%s' (field '%s') is not declared", kind, value, field);
	return i;
}

static void netload_network(struct netload *ld)
{
	static const char *const known[] = { "id", "name", "name_en", NULL };
	int n = netload_decls(ld, K_NETWORK);
	struct rd r;

	if (n == 0)
		diag_add(ld->errs, ld->file, 0, "no network { id = …, name = … } declaration");
	for (int i = 0; i < n; i++) {
		netload_open(ld, i, &r, "network", NULL);
		if (i > 0) {
			rd_error(&r, "declared twice");
		} else {
			rd_known_fields(&r, known);
			ld->net->id = rd_str(&r, "id", true);
			ld->net->name = rd_str(&r, "name", true);
			ld->net->name_en = rd_str(&r, "name_en", false);
		}
		lua_pop(ld->L, 1);
	}
	lua_pop(ld->L, 1);
}

static bool netload_subkind_ok(enum net_site_kind kind, const char *sub)
{
	static const char *const district[] = { "city", "town", "district", NULL };
	static const char *const commune[] = { "ward", "commune", "township", NULL };
	const char *const *allowed = kind == NET_SITE_DISTRICT ? district :
				     kind == NET_SITE_COMMUNE ? commune : NULL;

	if (sub == NULL)
		return true;
	for (int i = 0; allowed && allowed[i]; i++)
		if (strcmp(sub, allowed[i]) == 0)
			return true;
	return false;
}

static void netload_sites(struct netload *ld)
{
	static const char *const known[] = { "id", "kind", "subkind", "parent", "name", "name_en", "firewall", NULL };
	struct net *net = ld->net;
	int n = netload_decls(ld, K_SITE), roots = 0;
	char **parents = xcalloc((size_t)n + 1, sizeof(char *));
	int *lines = xcalloc((size_t)n + 1, sizeof(int));
	struct rd r;

	net->sites = xcalloc((size_t)n + 1, sizeof(*net->sites));
	net->nsites = n;
	for (int i = 0; i < n; i++) {
		struct net_site *s = &net->sites[i];
		char *kind;

		netload_open(ld, i, &r, "site", "id");
		rd_known_fields(&r, known);
		s->line = lines[i] = r.line;
		s->id = netload_ident(ld, &r, "site", "id", &net->site_by_id, i, lines);
		s->name = rd_str(&r, "name", true);
		s->name_en = rd_str(&r, "name_en", false);
		s->subkind = rd_str(&r, "subkind", false);
		s->firewall = rd_bool(&r, "firewall", true);
		parents[i] = rd_str(&r, "parent", false);
		kind = rd_str(&r, "kind", true);
		if (kind && !net_site_kind_parse(kind, &s->kind))
			rd_error(&r, "kind '%s' is not one of province, datacenter, soc, department, district, commune", kind);
		else if (kind && !netload_subkind_ok(s->kind, s->subkind))
			rd_error(&r, "subkind '%s' does not fit kind '%s'", s->subkind, kind);
		free(kind);
		lua_pop(ld->L, 1);
	}
	lua_pop(ld->L, 1);

	for (int i = 0; i < n; i++) {
		struct net_site *s = &net->sites[i];

		s->parent = -1;
		if (parents[i] == NULL) {
			if (roots++ > 0)
				diag_add(ld->errs, ld->file, s->line,
					 "site '%s': a second site without a parent (only the root has none)", s->id);
			continue;
		}
		s->parent = strmap_get(&net->site_by_id, parents[i]);
		if (s->parent < 0)
			diag_add(ld->errs, ld->file, s->line, "site '%s': parent site '%s' is not declared",
				 s->id ? s->id : "?", parents[i]);
	}
	if (n > 0 && roots == 0)
		diag_add(ld->errs, ld->file, 0, "no root site (one site, the province, has no parent)");
	for (int i = 0; i < n; i++) {
		int depth = 0;

		for (int p = net->sites[i].parent; p >= 0 && depth <= n; p = net->sites[p].parent)
			depth++;
		if (depth > n) {
			diag_add(ld->errs, ld->file, net->sites[i].line,
				 "site '%s': its parents form a cycle", net->sites[i].id);
			net->sites[i].parent = -1;
		}
		net->sites[i].depth = depth > n ? 0 : depth;
	}
	strv_free(parents, n);
	free(lines);
}

static int netload_zone(struct netload *ld, const char *zone)
{
	int id = strmap_get(&ld->zone_ids, zone);

	if (id >= 0)
		return id;
	ld->net->zones = xrealloc(ld->net->zones, (size_t)(ld->net->nzones + 1) * sizeof(char *));
	ld->net->zones[ld->net->nzones] = xstrdup(zone);
	strmap_put(&ld->zone_ids, ld->net->zones[ld->net->nzones], ld->net->nzones);
	return ld->net->nzones++;
}

struct netload_addr {
	uint32_t addr;
	int segment;
};

static int netload_cmp_addr(const void *a, const void *b)
{
	uint32_t x = ((const struct netload_addr *)a)->addr;
	uint32_t y = ((const struct netload_addr *)b)->addr;

	return x < y ? -1 : x > y;
}

/* Sort the well-formed segments by address for lookups, and report any
 * two that overlap (in sorted order, an overlap is always with the
 * neighbour below). */
static void netload_segment_index(struct netload *ld)
{
	struct net *net = ld->net;
	struct netload_addr *v = xcalloc((size_t)net->nsegments + 1, sizeof(*v));
	int m = 0;

	for (int i = 0; i < net->nsegments; i++)
		if (net->segments[i].prefix >= 0)
			v[m++] = (struct netload_addr){ net->segments[i].addr, i };
	qsort(v, (size_t)m, sizeof(*v), netload_cmp_addr);
	net->segments_by_addr = xcalloc((size_t)m + 1, sizeof(int));
	net->nsegments_by_addr = m;
	for (int i = 0; i < m; i++) {
		net->segments_by_addr[i] = v[i].segment;
		if (i > 0) {
			const struct net_segment *a = &net->segments[v[i - 1].segment];
			const struct net_segment *b = &net->segments[v[i].segment];

			if (ipaddr_in(b->addr, a->addr, a->prefix))
				diag_add(ld->errs, ld->file, b->line,
					 "segment '%s': its addresses overlap segment '%s' (line %d)",
					 b->id, a->id, a->line);
		}
	}
	free(v);
}

static void netload_segments(struct netload *ld)
{
	static const char *const known[] = { "id", "site", "zone", "cidr", "name", NULL };
	struct net *net = ld->net;
	int n = netload_decls(ld, K_SEGMENT);
	int *lines = xcalloc((size_t)n + 1, sizeof(int));
	struct rd r;

	net->segments = xcalloc((size_t)n + 1, sizeof(*net->segments));
	net->nsegments = n;
	for (int i = 0; i < n; i++) {
		struct net_segment *s = &net->segments[i];
		char *site, *cidr;

		netload_open(ld, i, &r, "segment", "id");
		rd_known_fields(&r, known);
		s->line = lines[i] = r.line;
		s->id = netload_ident(ld, &r, "segment", "id", &net->segment_by_id, i, lines);
		s->name = rd_str(&r, "name", false);
		s->zone = rd_str(&r, "zone", true);
		s->zone_id = s->zone ? netload_zone(ld, s->zone) : -1;
		site = rd_str(&r, "site", true);
		s->site = netload_ref(&r, &net->site_by_id, "site", "site", site);
		cidr = rd_str(&r, "cidr", true);
		s->prefix = -1;
		if (cidr && !ipaddr_parse_cidr(cidr, &s->addr, &s->prefix)) {
			rd_error(&r, "cidr '%s' is not an IPv4 network address with a prefix (e.g. 10.1.2.0/24)", cidr);
			s->prefix = -1;
		}
		free(site);
		free(cidr);
		lua_pop(ld->L, 1);
	}
	lua_pop(ld->L, 1);

	netload_segment_index(ld);
	free(lines);
}

static void netload_accounts(struct netload *ld)
{
	static const char *const known[] = { "name", "display", "site", "admin", "email", NULL };
	struct net *net = ld->net;
	int n = netload_decls(ld, K_ACCOUNT);
	int *lines = xcalloc((size_t)n + 1, sizeof(int));
	struct rd r;

	net->accounts = xcalloc((size_t)n + 1, sizeof(*net->accounts));
	net->naccounts = n;
	for (int i = 0; i < n; i++) {
		struct net_account *a = &net->accounts[i];
		char *site;

		netload_open(ld, i, &r, "account", "name");
		rd_known_fields(&r, known);
		a->line = lines[i] = r.line;
		a->name = netload_ident(ld, &r, "account", "name", &net->account_by_name, i, lines);
		a->display = rd_str(&r, "display", false);
		a->email = rd_str(&r, "email", false);
		a->admin = rd_bool(&r, "admin", false);
		site = rd_str(&r, "site", true);
		a->site = netload_ref(&r, &net->site_by_id, "site", "site", site);
		free(site);
		lua_pop(ld->L, 1);
	}
	lua_pop(ld->L, 1);
	free(lines);
}

/* "tcp/443 https nginx 1.18": protocol/port, name, then the product. */
static bool netload_service(const char *spec, struct net_service *svc)
{
	char proto[8];
	unsigned port;
	int used = 0;
	const char *rest;
	size_t name_len;

	memset(svc, 0, sizeof(*svc));
	if (sscanf(spec, "%7[a-z]/%u%n", proto, &port, &used) != 2 || port == 0 || port > 65535)
		return false;
	if (strcmp(proto, "tcp") == 0)
		svc->proto = NET_PROTO_TCP;
	else if (strcmp(proto, "udp") == 0)
		svc->proto = NET_PROTO_UDP;
	else
		return false;
	svc->port = (uint16_t)port;
	rest = spec + used;
	if (*rest != '\0' && *rest != ' ')
		return false;
	rest += strspn(rest, " ");
	name_len = strcspn(rest, " ");
	svc->name = name_len ? xstrndup(rest, name_len) : NULL;
	rest += name_len;
	rest += strspn(rest, " ");
	svc->product = *rest ? xstrdup(rest) : NULL;
	return true;
}

static void netload_add_ip(struct netload *ld, struct rd *r, uint32_t ip, int host, const int *lines)
{
	int prev = u32map_put(&ld->net->host_by_ip, ip, host);
	char buf[IPADDR_STRLEN];

	if (prev >= 0)
		rd_error(r, "address %s is already taken by host '%s' (line %d)", ipaddr_format(ip, buf),
			 ld->net->hosts[prev].name, lines[prev]);
}

static bool netload_criticality(const char *s, enum net_criticality *out)
{
	for (int c = NET_CRIT_LOW; c <= NET_CRIT_CRITICAL; c++) {
		if (strcmp(s, net_criticality_name((enum net_criticality)c)) == 0) {
			*out = (enum net_criticality)c;
			return true;
		}
	}
	return false;
}

static void netload_host(struct netload *ld, struct rd *r, int i, const int *lines)
{
	struct net *net = ld->net;
	struct net_host *h = &net->hosts[i];
	char *segment, *ip, *public_ip, *criticality, **services, **accounts;
	int nservices, naccounts;

	segment = rd_str(r, "segment", true);
	h->segment = netload_ref(r, &net->segment_by_id, "segment", "segment", segment);
	h->site = h->segment >= 0 ? net->segments[h->segment].site : -1;
	h->os = rd_str(r, "os", true);
	h->role = rd_str(r, "role", true);
	h->level = rd_int(r, "level", 1, 5, 0, false);

	ip = rd_str(r, "ip", true);
	if (ip && !ipaddr_parse(ip, &h->ip)) {
		rd_error(r, "address '%s' is not an IPv4 address", ip);
	} else if (ip) {
		const struct net_segment *s = h->segment >= 0 ? &net->segments[h->segment] : NULL;

		if (s && s->prefix >= 0 && !ipaddr_in(h->ip, s->addr, s->prefix))
			rd_error(r, "address %s is outside its segment '%s' (%s/%d)", ip, s->id,
				 ipaddr_format(s->addr, (char[IPADDR_STRLEN]){ 0 }), s->prefix);
		netload_add_ip(ld, r, h->ip, i, lines);
	}
	public_ip = rd_str(r, "public_ip", false);
	if (public_ip && !ipaddr_parse(public_ip, &h->public_ip))
		rd_error(r, "public_ip '%s' is not an IPv4 address", public_ip);
	else if (public_ip && ipaddr_is_private(h->public_ip))
		rd_error(r, "public_ip %s is a private address", public_ip);
	else if (public_ip)
		netload_add_ip(ld, r, h->public_ip, i, lines);

	criticality = rd_str(r, "criticality", true);
	if (criticality && !netload_criticality(criticality, &h->criticality))
		rd_error(r, "criticality '%s' is not one of low, medium, high, critical", criticality);

	nservices = rd_strlist(r, "services", &services);
	h->services = xcalloc((size_t)(nservices > 0 ? nservices : 1), sizeof(*h->services));
	for (int s = 0; s < nservices; s++) {
		if (netload_service(services[s], &h->services[h->nservices]))
			h->nservices++;
		else
			rd_error(r, "service '%s' is not \"tcp|udp/PORT name [product]\"", services[s]);
	}
	naccounts = rd_strlist(r, "accounts", &accounts);
	h->accounts = xcalloc((size_t)(naccounts > 0 ? naccounts : 1), sizeof(int));
	for (int a = 0; a < naccounts; a++) {
		int acc = netload_ref(r, &net->account_by_name, "accounts", "account", accounts[a]);

		if (acc >= 0)
			h->accounts[h->naccounts++] = acc;
	}
	h->ntags = rd_strlist(r, "tags", &h->tags);
	if (h->ntags < 0)
		h->ntags = 0;
	strv_free(services, nservices);
	strv_free(accounts, naccounts);
	free(segment), free(ip), free(public_ip), free(criticality);
}

static void netload_hosts(struct netload *ld)
{
	static const char *const known[] = {
		"name", "segment", "ip", "public_ip", "os", "role", "services", "accounts",
		"criticality", "level", "tags", NULL,
	};
	struct net *net = ld->net;
	int n = netload_decls(ld, K_HOST);
	int *lines = xcalloc((size_t)n + 1, sizeof(int));
	struct rd r;

	net->hosts = xcalloc((size_t)n + 1, sizeof(*net->hosts));
	net->nhosts = n;
	for (int i = 0; i < n; i++) {
		netload_open(ld, i, &r, "host", "name");
		rd_known_fields(&r, known);
		net->hosts[i].line = lines[i] = r.line;
		net->hosts[i].name = netload_ident(ld, &r, "host", "name", &net->host_by_name, i, lines);
		netload_host(ld, &r, i, lines);
		lua_pop(ld->L, 1);
	}
	lua_pop(ld->L, 1);
	free(lines);
}

static void netload_systems(struct netload *ld)
{
	static const char *const known[] = { "id", "name", "name_en", "level", "owner", "hosts", "monitored", NULL };
	struct net *net = ld->net;
	int n = netload_decls(ld, K_SYSTEM);
	int *lines = xcalloc((size_t)n + 1, sizeof(int));
	struct rd r;

	net->systems = xcalloc((size_t)n + 1, sizeof(*net->systems));
	net->nsystems = n;
	for (int i = 0; i < n; i++) {
		struct net_system *s = &net->systems[i];
		char *owner, **hosts;
		int nhosts;

		netload_open(ld, i, &r, "system", "id");
		rd_known_fields(&r, known);
		s->line = lines[i] = r.line;
		s->id = netload_ident(ld, &r, "system", "id", &net->system_by_id, i, lines);
		s->name = rd_str(&r, "name", true);
		s->name_en = rd_str(&r, "name_en", false);
		s->level = rd_int(&r, "level", 1, 5, 1, true);
		s->monitored = rd_bool(&r, "monitored", false);
		owner = rd_str(&r, "owner", true);
		s->owner = netload_ref(&r, &net->site_by_id, "owner", "site", owner);
		nhosts = rd_strlist(&r, "hosts", &hosts);
		if (nhosts <= 0)
			rd_error(&r, "field 'hosts' must list at least one host that serves it");
		s->hosts = xcalloc((size_t)(nhosts > 0 ? nhosts : 1), sizeof(int));
		for (int h = 0; h < nhosts; h++) {
			int host = netload_ref(&r, &net->host_by_name, "hosts", "host", hosts[h]);
			struct net_host *hp;

			if (host < 0)
				continue;
			s->hosts[s->nhosts++] = host;
			hp = &net->hosts[host];
			hp->systems = xrealloc(hp->systems, (size_t)(hp->nsystems + 1) * sizeof(int));
			hp->systems[hp->nsystems++] = i;
		}
		strv_free(hosts, nhosts);
		free(owner);
		lua_pop(ld->L, 1);
	}
	lua_pop(ld->L, 1);
	/* A host without a level of its own takes the highest of its systems. */
	for (int h = 0; h < net->nhosts; h++) {
		struct net_host *hp = &net->hosts[h];

		for (int s = 0; hp->level == 0 && s < hp->nsystems; s++)
			if (net->systems[hp->systems[s]].level > hp->level)
				hp->level = net->systems[hp->systems[s]].level;
		if (hp->level == 0)
			hp->level = 1;
	}
	free(lines);
}

/* A list of references in watch.KEY; returns the resolved count. */
static int netload_watch_list(struct rd *r, const char *key, const struct strmap *map,
			      const char *kind, int **out)
{
	char **names;
	int n = rd_strlist(r, key, &names), m = 0;

	*out = xcalloc((size_t)(n > 0 ? n : 1), sizeof(int));
	for (int i = 0; i < n; i++) {
		int x = netload_ref(r, map, key, kind, names[i]);

		if (x >= 0)
			(*out)[m++] = x;
	}
	strv_free(names, n);
	return m;
}

static void netload_watch(struct netload *ld, struct rd *r, struct net_sensor *s)
{
	static const char *const known[] = { "segments", "sites", "hosts", "systems", "firewall", NULL };
	struct net *net = ld->net;
	int outer = r->tbl;
	char *fw;

	if (rd_field(r, "watch") != LUA_TTABLE) {
		rd_error(r, "field 'watch' must be a table of segments, sites, hosts, systems or firewall");
		lua_pop(ld->L, 1);
		return;
	}
	r->tbl = lua_gettop(ld->L);
	rd_known_fields(r, known);
	s->nsegments = netload_watch_list(r, "segments", &net->segment_by_id, "segment", &s->segments);
	s->nsites = netload_watch_list(r, "sites", &net->site_by_id, "site", &s->sites);
	s->nhosts = netload_watch_list(r, "hosts", &net->host_by_name, "host", &s->hosts);
	if (rd_field(r, "systems") == LUA_TSTRING && strcmp(lua_tostring(ld->L, -1), "monitored") == 0) {
		s->monitored_systems = true;
		s->systems = xcalloc(1, sizeof(int));
	} else {
		s->nsystems = netload_watch_list(r, "systems", &net->system_by_id, "system", &s->systems);
	}
	lua_pop(ld->L, 1);
	fw = rd_str(r, "firewall", false);
	s->firewall = netload_ref(r, &net->site_by_id, "firewall", "site", fw);
	if (s->firewall >= 0 && !net->sites[s->firewall].firewall)
		rd_error(r, "site '%s' has no firewall to watch (firewall = false)", fw);
	free(fw);
	r->tbl = outer;
	lua_pop(ld->L, 1);
}

static bool netload_sensor_watches_something(const struct net *net, const struct net_sensor *s)
{
	if (s->nsegments || s->nsites || s->nhosts || s->nsystems || s->firewall >= 0)
		return true;
	for (int i = 0; s->monitored_systems && i < net->nsystems; i++)
		if (net->systems[i].monitored)
			return true;
	return false;
}

static void netload_sensors(struct netload *ld)
{
	static const char *const known[] = { "id", "type", "site", "watch", NULL };
	struct net *net = ld->net;
	int n = netload_decls(ld, K_SENSOR);
	int *lines = xcalloc((size_t)n + 1, sizeof(int));
	struct rd r;

	net->sensors = xcalloc((size_t)n + 1, sizeof(*net->sensors));
	net->nsensors = n;
	for (int i = 0; i < n; i++) {
		struct net_sensor *s = &net->sensors[i];
		char *site;
		size_t errors_before = diag_count(ld->errs);
		bool known_type = false;

		netload_open(ld, i, &r, "sensor", "id");
		rd_known_fields(&r, known);
		s->line = lines[i] = r.line;
		s->firewall = -1;
		s->id = netload_ident(ld, &r, "sensor", "id", &net->sensor_by_id, i, lines);
		s->type = rd_str(&r, "type", true);
		for (int t = 0; s->type && netload_sensor_types[t]; t++)
			known_type |= strcmp(s->type, netload_sensor_types[t]) == 0;
		if (s->type && !known_type)
			rd_error(&r, "type '%s' is not a sensor type this engine knows", s->type);
		site = rd_str(&r, "site", true);
		s->site = netload_ref(&r, &net->site_by_id, "site", "site", site);
		netload_watch(ld, &r, s);
		if (diag_count(ld->errs) == errors_before && !netload_sensor_watches_something(net, s))
			rd_error(&r, "watches nothing (its watch list resolves to no segment, site, host, system or firewall)");
		free(site);
		lua_pop(ld->L, 1);
	}
	lua_pop(ld->L, 1);
	free(lines);
}

static bool netload_selector(struct netload *ld, const char *s, struct net_selector *out)
{
	struct net *net = ld->net;

	if (strcmp(s, "any") == 0) {
		out->kind = NET_SEL_ANY;
	} else if (strcmp(s, "internet") == 0) {
		out->kind = NET_SEL_INTERNET;
	} else if (strncmp(s, "zone:", 5) == 0) {
		out->kind = NET_SEL_ZONE;
		out->index = strmap_get(&ld->zone_ids, s + 5);
		return out->index >= 0;
	} else if ((out->index = net_segment_find(net, s)) >= 0) {
		out->kind = NET_SEL_SEGMENT;
	} else if ((out->index = net_site_find(net, s)) >= 0) {
		out->kind = NET_SEL_SITE;
	} else {
		return false;
	}
	return true;
}

static int netload_selectors(struct netload *ld, struct rd *r, const char *key, struct net_selector **out)
{
	char **names;
	int n = rd_strlist(r, key, &names), m = 0;

	if (n <= 0)
		rd_error(r, "field '%s' must name at least one segment, site, zone:NAME, internet or any", key);
	*out = xcalloc((size_t)(n > 0 ? n : 1), sizeof(**out));
	for (int i = 0; i < n; i++) {
		if (netload_selector(ld, names[i], &(*out)[m]))
			m++;
		else
			rd_error(r, "'%s' in '%s' is not a segment, site, zone:NAME, internet or any", names[i], key);
	}
	strv_free(names, n);
	return m;
}

static bool netload_port(const char *s, struct net_port *p)
{
	char proto[8], port[8];

	if (sscanf(s, "%7[a-z]/%7[a-z0-9]", proto, port) != 2 || strlen(s) != strlen(proto) + 1 + strlen(port))
		return false;
	if (strcmp(proto, "tcp") == 0)
		p->proto = NET_PROTO_TCP;
	else if (strcmp(proto, "udp") == 0)
		p->proto = NET_PROTO_UDP;
	else if (strcmp(proto, "any") == 0)
		p->proto = NET_PROTO_ANY;
	else
		return false;
	if (strcmp(port, "any") == 0) {
		p->port = 0;
		return true;
	}
	p->port = (uint16_t)atoi(port);
	return port[0] != '0' && strspn(port, "0123456789") == strlen(port) && atoi(port) <= 65535;
}

static void netload_rules(struct netload *ld)
{
	static const char *const known[] = { "from", "to", "ports", NULL };
	struct net *net = ld->net;
	int nallow = netload_decls(ld, K_ALLOW), ndeny;

	lua_pop(ld->L, 1);
	ndeny = netload_decls(ld, K_DENY);
	lua_pop(ld->L, 1);
	net->rules = xcalloc((size_t)(nallow + ndeny + 1), sizeof(*net->rules));

	for (int k = K_ALLOW; k <= K_DENY; k++) {
		int n = netload_decls(ld, k);

		for (int i = 0; i < n; i++) {
			struct net_rule *rule = &net->rules[net->nrules++];
			struct rd r;
			char **ports;
			int nports;

			netload_open(ld, i, &r, netload_kind_names[k], NULL);
			rd_known_fields(&r, known);
			rule->allow = k == K_ALLOW;
			rule->line = r.line;
			rule->order = r.seq;
			rule->nfrom = netload_selectors(ld, &r, "from", &rule->from);
			rule->nto = netload_selectors(ld, &r, "to", &rule->to);
			nports = rd_strlist(&r, "ports", &ports);
			rule->ports = xcalloc((size_t)(nports > 0 ? nports : 1), sizeof(*rule->ports));
			for (int p = 0; p < nports; p++) {
				if (netload_port(ports[p], &rule->ports[rule->nports]))
					rule->nports++;
				else
					rd_error(&r, "port '%s' is not tcp|udp|any/NUMBER|any", ports[p]);
			}
			if (nports == 0)
				rd_error(&r, "field 'ports' is an empty list (leave it out to mean every port)");
			strv_free(ports, nports);
			lua_pop(ld->L, 1);
		}
		lua_pop(ld->L, 1);
	}
}

static int netload_rule_cmp(const void *a, const void *b)
{
	return ((const struct net_rule *)a)->order - ((const struct net_rule *)b)->order;
}

/* Runs inside sandbox_call so that a memory error while building is
 * caught like any other; light userdata 1 is the struct netload. */
static int netload_build(lua_State *L)
{
	struct netload *ld = lua_touserdata(L, 1);

	lua_settop(L, 0);
	netload_network(ld);
	netload_sites(ld);
	netload_segments(ld);
	netload_accounts(ld);
	netload_hosts(ld);
	netload_systems(ld);
	netload_sensors(ld);
	netload_rules(ld);
	/* allow and deny are collected apart; the order of the calls decides. */
	qsort(ld->net->rules, (size_t)ld->net->nrules, sizeof(*ld->net->rules), netload_rule_cmp);
	return 0;
}

struct net *net_load(const char *path, struct diag *errs)
{
	struct sandbox_limits limits = { NETLOAD_MEMORY, NETLOAD_INSTRUCTIONS };
	struct sandbox *box;
	struct stat st;

	if (stat(path, &st) == 0 && st.st_size > 0 && (uint64_t)st.st_size < (1ull << 32)) {
		limits.memory_bytes += NETLOAD_MEMORY_PER_BYTE * (size_t)st.st_size;
		limits.instructions += NETLOAD_INSTRUCTIONS_PER_BYTE * (uint64_t)st.st_size;
	}
	box = sandbox_new(&limits);
	struct netload ld = { .errs = errs, .file = path };
	size_t errors_before = diag_count(errs);
	char err[1024];
	lua_State *L;

	if (box == NULL) {
		diag_add(errs, path, 0, "cannot create a Lua state");
		return NULL;
	}
	L = sandbox_lua(box);
	ld.L = L;
	ld.net = xcalloc(1, sizeof(*ld.net));
	ld.net->path = xstrdup(path);
	strmap_init(&ld.zone_ids);

	lua_createtable(L, K_COUNT + 1, 0);
	for (int k = 0; k < K_COUNT; k++) {
		lua_newtable(L);
		lua_rawseti(L, -2, k + 1);
	}
	lua_pushinteger(L, 0);
	lua_rawseti(L, -2, K_COUNT + 1);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &netload_registry_key);

	sandbox_push_env(box);
	for (int k = 0; k < K_COUNT; k++) {
		lua_pushinteger(L, k);
		lua_pushcclosure(L, netload_declare, 1);
		lua_setfield(L, -2, netload_kind_names[k]);
	}
	sandbox_seal_env(box, -1);
	if (sandbox_load_file(box, path, -1, err, sizeof(err)) != 0 ||
	    sandbox_call(box, 0, 0, err, sizeof(err)) != 0) {
		diag_add_raw(errs, err);
		goto fail;
	}
	lua_pushcfunction(L, netload_build);
	lua_pushlightuserdata(L, &ld);
	if (sandbox_call(box, 1, 0, err, sizeof(err)) != 0) {
		diag_add(errs, path, 0, "%s", err);
		goto fail;
	}
	if (diag_count(errs) > errors_before)
		goto fail;
	strmap_free(&ld.zone_ids);
	sandbox_free(box);
	return ld.net;
fail:
	strmap_free(&ld.zone_ids);
	sandbox_free(box);
	net_free(ld.net);
	return NULL;
}
