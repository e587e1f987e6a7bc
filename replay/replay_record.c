#include "replay_record.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

/* How a field is written (docs/replay-format.md, "Field encodings"). */
enum replay_ftype {
	RF_UINT,
	RF_SINT,
	RF_DELTA,
	RF_REL,
	RF_START,
	RF_BOOL,
	RF_STR,
	RF_IP6,
	RF_META,
	RF_RRS,
	RF_STRS,
	RF_HTTP,
};

/*
 * One field of a struct: where it is, how it is written, and for lists
 * where their count is and which of the previous record's arrays holds
 * them.  max bounds an enumeration (0: the field's size is the bound).
 */
struct replay_field {
	size_t off;
	enum replay_ftype type;
	size_t size;
	size_t count_off;
	int slot;
	uint64_t max;
	const char *name;
};

#define RF_SIZE(st, m) sizeof(((st *)0)->m)
#define F_U(st, m) { offsetof(st, m), RF_UINT, RF_SIZE(st, m), 0, 0, 0, #m }
#define F_E(st, m, top) { offsetof(st, m), RF_UINT, RF_SIZE(st, m), 0, 0, top, #m }
#define F_S(st, m) { offsetof(st, m), RF_SINT, RF_SIZE(st, m), 0, 0, 0, #m }
#define F_D(st, m) { offsetof(st, m), RF_DELTA, RF_SIZE(st, m), 0, 0, 0, #m }
#define F_R(st, m) { offsetof(st, m), RF_REL, RF_SIZE(st, m), 0, 0, 0, #m }
#define F_START(st, m) { offsetof(st, m), RF_START, RF_SIZE(st, m), 0, 0, 0, #m }
#define F_B(st, m) { offsetof(st, m), RF_BOOL, RF_SIZE(st, m), 0, 0, 0, #m }
#define F_STR(st, m) { offsetof(st, m), RF_STR, 0, 0, 0, 0, #m }
#define F_IP6(st, m) { offsetof(st, m), RF_IP6, 16, 0, 0, 0, #m }
#define F_LIST(st, m, n, type, slot) { offsetof(st, m), type, 0, offsetof(st, n), slot, 0, #m }
#define F_HTTP(st, m) { offsetof(st, m), RF_HTTP, 0, 0, 0, 0, #m }
#define NFIELDS(a) (sizeof(a) / sizeof((a)[0]))

static const struct replay_field replay_common[] = {
	F_S(struct event, sensor),
	F_E(struct event, dir, EVENT_FROM_RESP),
	F_D(struct event, conn.serial),
	F_START(struct event, conn.start),
	F_D(struct event, conn.orig_ip),
	F_D(struct event, conn.resp_ip),
	F_U(struct event, conn.orig_port),
	F_U(struct event, conn.resp_port),
	F_U(struct event, conn.proto),
	F_E(struct event, conn.app, EVENT_APP_COUNT - 1),
	F_U(struct event, conn.orig.pkts),
	F_U(struct event, conn.orig.ip_bytes),
	F_U(struct event, conn.orig.payload_bytes),
	F_U(struct event, conn.resp.pkts),
	F_U(struct event, conn.resp.ip_bytes),
	F_U(struct event, conn.resp.payload_bytes),
	F_B(struct event, conn.ipv6),
	F_IP6(struct event, conn.orig_ip6),
	F_IP6(struct event, conn.resp_ip6),
	F_S(struct event, host),
	F_STR(struct event, user),
	F_U(struct event, process.pid),
	F_STR(struct event, process.image),
	F_STR(struct event, process.command_line),
};

static const struct replay_field replay_alert[] = {
	F_U(struct event_alert, gid),
	F_U(struct event_alert, sid),
	F_U(struct event_alert, rev),
	F_STR(struct event_alert, signature),
	F_STR(struct event_alert, category),
	F_U(struct event_alert, severity),
	F_B(struct event_alert, blocked),
	F_U(struct event_alert, tx_id),
	F_LIST(struct event_alert, metadata, n_metadata, RF_META, 0),
	F_HTTP(struct event_alert, http),
};

static const struct replay_field replay_flow[] = {
	F_R(struct event_flow, last),
	F_E(struct event_flow, state, EVENT_FLOW_RESET_BY_RESP),
	F_B(struct event_flow, alerted),
	F_B(struct event_flow, denied),
	F_S(struct event_flow, policy),
	F_D(struct event_flow, nat_ip),
	F_U(struct event_flow, nat_port),
};

static const struct replay_field replay_dns[] = {
	F_U(struct event_dns, tx_id),
	F_U(struct event_dns, id),
	F_STR(struct event_dns, query),
	F_U(struct event_dns, qtype),
	F_U(struct event_dns, opcode),
	F_U(struct event_dns, rcode),
	F_B(struct event_dns, aa),
	F_B(struct event_dns, tc),
	F_B(struct event_dns, rd),
	F_B(struct event_dns, ra),
	F_S(struct event_dns, rtt),
	F_LIST(struct event_dns, answers, n_answers, RF_RRS, 0),
	F_LIST(struct event_dns, authorities, n_authorities, RF_RRS, 1),
};

static const struct replay_field replay_http[] = {
	F_U(struct event_http, tx_id),
	F_S(struct event_http, duration),
	F_STR(struct event_http, method),
	F_STR(struct event_http, host),
	F_U(struct event_http, host_port),
	F_STR(struct event_http, uri),
	F_STR(struct event_http, version),
	F_STR(struct event_http, user_agent),
	F_STR(struct event_http, referrer),
	F_U(struct event_http, status),
	F_STR(struct event_http, status_msg),
	F_STR(struct event_http, content_type),
	F_STR(struct event_http, location),
	F_U(struct event_http, request_body_len),
	F_U(struct event_http, response_body_len),
	F_U(struct event_http, request_file),
	F_U(struct event_http, response_file),
	F_STR(struct event_http, request_mime),
	F_STR(struct event_http, response_mime),
};

static const struct replay_field replay_tls[] = {
	F_E(struct event_tls, version, EVENT_TLS_1_3),
	F_STR(struct event_tls, sni),
	F_STR(struct event_tls, cipher),
	F_STR(struct event_tls, curve),
	F_STR(struct event_tls, next_protocol),
	F_B(struct event_tls, resumed),
	F_B(struct event_tls, established),
	F_STR(struct event_tls, subject),
	F_STR(struct event_tls, issuer),
	F_STR(struct event_tls, serial),
	F_STR(struct event_tls, fingerprint),
	F_S(struct event_tls, not_before),
	F_S(struct event_tls, not_after),
	F_B(struct event_tls, sni_matches_cert),
	F_LIST(struct event_tls, cert_chain_fps, n_cert_chain_fps, RF_STRS, 0),
	F_STR(struct event_tls, ja3),
	F_STR(struct event_tls, ja3_string),
	F_STR(struct event_tls, ja3s),
	F_STR(struct event_tls, ja3s_string),
	F_STR(struct event_tls, ja4),
};

static const struct replay_field replay_file[] = {
	F_D(struct event_file, serial),
	F_S(struct event_file, duration),
	F_STR(struct event_file, name),
	F_STR(struct event_file, mime_type),
	F_U(struct event_file, size),
	F_STR(struct event_file, md5),
	F_STR(struct event_file, sha1),
	F_STR(struct event_file, sha256),
	F_U(struct event_file, tx_id),
	F_HTTP(struct event_file, http),
};

static const struct replay_field replay_anomaly[] = {
	F_E(struct event_anomaly, type, EVENT_ANOMALY_APPLAYER),
	F_STR(struct event_anomaly, event),
	F_STR(struct event_anomaly, layer),
	F_U(struct event_anomaly, tx_id),
};

static const struct replay_field replay_notice[] = {
	F_STR(struct event_notice, note),
	F_STR(struct event_notice, msg),
	F_STR(struct event_notice, sub),
	F_D(struct event_notice, src),
	F_D(struct event_notice, dst),
	F_U(struct event_notice, file),
	F_STR(struct event_notice, file_mime),
	F_STR(struct event_notice, file_desc),
	F_S(struct event_notice, suppress_for),
};

static const struct replay_field replay_logon[] = {
	F_E(struct event_logon, step, EVENT_LOGON_CLOSED),
	F_STR(struct event_logon, domain),
	F_U(struct event_logon, logon_type),
	F_STR(struct event_logon, method),
	F_STR(struct event_logon, workstation),
	F_STR(struct event_logon, target_server),
	F_B(struct event_logon, unknown_user),
	F_U(struct event_logon, status),
	F_U(struct event_logon, sub_status),
	F_U(struct event_logon, logon_id),
	F_STR(struct event_logon, key),
};

static const struct replay_field replay_process[] = {
	F_U(struct event_process_start, parent_pid),
	F_STR(struct event_process_start, parent_image),
	F_STR(struct event_process_start, parent_command_line),
	F_STR(struct event_process_start, parent_user),
	F_STR(struct event_process_start, current_directory),
	F_STR(struct event_process_start, integrity_level),
	F_U(struct event_process_start, logon_id),
	F_U(struct event_process_start, terminal_session),
	F_STR(struct event_process_start, file_version),
	F_STR(struct event_process_start, description),
	F_STR(struct event_process_start, product),
	F_STR(struct event_process_start, company),
	F_STR(struct event_process_start, original_file_name),
	F_STR(struct event_process_start, md5),
	F_STR(struct event_process_start, sha1),
	F_STR(struct event_process_start, sha256),
	F_STR(struct event_process_start, imphash),
};

static const struct replay_field replay_account[] = {
	F_STR(struct event_account, name),
	F_STR(struct event_account, domain),
	F_STR(struct event_account, display_name),
	F_U(struct event_account, rid),
};

static const struct replay_field replay_mail[] = {
	F_E(struct event_mail, verdict, EVENT_MAIL_REJECTED),
	F_D(struct event_mail, serial),
	F_STR(struct event_mail, client_name),
	F_STR(struct event_mail, helo),
	F_STR(struct event_mail, from),
	F_STR(struct event_mail, to),
	F_STR(struct event_mail, message_id),
	F_STR(struct event_mail, subject),
	F_U(struct event_mail, size),
	F_S(struct event_mail, score),
	F_S(struct event_mail, required),
	F_STR(struct event_mail, tests),
	F_STR(struct event_mail, reject),
	F_STR(struct event_mail, relay),
};

static const struct replay_field replay_utm[] = {
	F_E(struct event_utm, type, EVENT_UTM_WEBFILTER),
	F_B(struct event_utm, blocked),
	F_STR(struct event_utm, name),
	F_U(struct event_utm, id),
	F_U(struct event_utm, severity),
	F_STR(struct event_utm, hostname),
	F_STR(struct event_utm, url),
	F_STR(struct event_utm, file_name),
	F_STR(struct event_utm, reference),
};

static const struct {
	const struct replay_field *fields;
	size_t n;
} replay_payloads[EVENT_KIND_COUNT] = {
	[EVENT_ALERT] = { replay_alert, NFIELDS(replay_alert) },
	[EVENT_FLOW] = { replay_flow, NFIELDS(replay_flow) },
	[EVENT_DNS] = { replay_dns, NFIELDS(replay_dns) },
	[EVENT_HTTP] = { replay_http, NFIELDS(replay_http) },
	[EVENT_TLS] = { replay_tls, NFIELDS(replay_tls) },
	[EVENT_FILE] = { replay_file, NFIELDS(replay_file) },
	[EVENT_ANOMALY] = { replay_anomaly, NFIELDS(replay_anomaly) },
	[EVENT_NOTICE] = { replay_notice, NFIELDS(replay_notice) },
	[EVENT_LOGON] = { replay_logon, NFIELDS(replay_logon) },
	[EVENT_PROCESS] = { replay_process, NFIELDS(replay_process) },
	[EVENT_ACCOUNT] = { replay_account, NFIELDS(replay_account) },
	[EVENT_MAIL] = { replay_mail, NFIELDS(replay_mail) },
	[EVENT_UTM] = { replay_utm, NFIELDS(replay_utm) },
};

void replay_put_u32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

void replay_put_u64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

uint32_t replay_get_u32(const uint8_t *p)
{
	uint32_t v = 0;

	for (int i = 0; i < 4; i++)
		v |= (uint32_t)p[i] << (8 * i);
	return v;
}

uint64_t replay_get_u64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

void replay_add_varint(struct strbuf *sb, uint64_t v)
{
	uint8_t b[10];
	size_t n = 0;

	while (v >= 0x80) {
		b[n++] = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	b[n++] = (uint8_t)v;
	strbuf_add(sb, b, n);
}

void replay_add_string(struct strbuf *sb, const char *s)
{
	size_t n = strlen(s);

	replay_add_varint(sb, n);
	strbuf_add(sb, s, n);
}

bool replay_read_varint(const uint8_t **p, const uint8_t *end, uint64_t *v)
{
	uint64_t r = 0;

	for (int shift = 0; shift < 70; shift += 7) {
		uint8_t b;

		if (*p >= end)
			return false;
		b = *(*p)++;
		if (shift == 63 && b > 1)
			return false;
		r |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80)) {
			*v = r;
			return true;
		}
	}
	return false;
}

static uint64_t replay_zigzag(int64_t v)
{
	return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}

static int64_t replay_unzigzag(uint64_t v)
{
	return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

static uint64_t rf_get(const void *base, const struct replay_field *f)
{
	const char *p = (const char *)base + f->off;
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;
	uint64_t u64;

	switch (f->size) {
	case 1:
		memcpy(&u8, p, 1);
		return u8;
	case 2:
		memcpy(&u16, p, 2);
		return u16;
	case 4:
		memcpy(&u32, p, 4);
		return u32;
	default:
		memcpy(&u64, p, 8);
		return u64;
	}
}

static int64_t rf_get_signed(const void *base, const struct replay_field *f)
{
	uint64_t v = rf_get(base, f);

	switch (f->size) {
	case 1:
		return (int8_t)v;
	case 2:
		return (int16_t)v;
	case 4:
		return (int32_t)v;
	default:
		return (int64_t)v;
	}
}

static void rf_set(void *base, const struct replay_field *f, uint64_t v)
{
	char *p = (char *)base + f->off;
	uint8_t u8 = (uint8_t)v;
	uint16_t u16 = (uint16_t)v;
	uint32_t u32 = (uint32_t)v;

	switch (f->size) {
	case 1:
		memcpy(p, &u8, 1);
		break;
	case 2:
		memcpy(p, &u16, 2);
		break;
	case 4:
		memcpy(p, &u32, 4);
		break;
	default:
		memcpy(p, &v, 8);
		break;
	}
}

static const void *rf_ptr(const void *base, const struct replay_field *f)
{
	const void *p;

	memcpy(&p, (const char *)base + f->off, sizeof(p));
	return p;
}

static void rf_set_ptr(void *base, const struct replay_field *f, const void *p)
{
	memcpy((char *)base + f->off, &p, sizeof(p));
}

static size_t rf_count(const void *base, const struct replay_field *f)
{
	size_t n;

	memcpy(&n, (const char *)base + f->count_off, sizeof(n));
	return n;
}

static void rf_set_count(void *base, const struct replay_field *f, size_t n)
{
	memcpy((char *)base + f->count_off, &n, sizeof(n));
}

static bool replay_str_eq(const char *a, const char *b)
{
	return a == NULL || b == NULL ? a == b : strcmp(a, b) == 0;
}

static bool rf_all_equal(const struct replay_field *fl, size_t n, const void *a, const void *b);

static bool rf_equal(const struct replay_field *f, const void *a, const void *b)
{
	size_t n;

	switch (f->type) {
	case RF_STR:
		return replay_str_eq(rf_ptr(a, f), rf_ptr(b, f));
	case RF_IP6:
		return memcmp((const char *)a + f->off, (const char *)b + f->off, 16) == 0;
	case RF_META: {
		const struct event_meta *x = rf_ptr(a, f), *y = rf_ptr(b, f);

		if ((n = rf_count(a, f)) != rf_count(b, f))
			return false;
		for (size_t i = 0; i < n; i++)
			if (!replay_str_eq(x[i].key, y[i].key) || !replay_str_eq(x[i].value, y[i].value))
				return false;
		return true;
	}
	case RF_RRS: {
		const struct event_dns_rr *x = rf_ptr(a, f), *y = rf_ptr(b, f);

		if ((n = rf_count(a, f)) != rf_count(b, f))
			return false;
		for (size_t i = 0; i < n; i++)
			if (!replay_str_eq(x[i].name, y[i].name) || x[i].type != y[i].type || x[i].ttl != y[i].ttl ||
			    !replay_str_eq(x[i].data, y[i].data))
				return false;
		return true;
	}
	case RF_STRS: {
		const char *const *x = rf_ptr(a, f), *const *y = rf_ptr(b, f);

		if ((n = rf_count(a, f)) != rf_count(b, f))
			return false;
		for (size_t i = 0; i < n; i++)
			if (!replay_str_eq(x[i], y[i]))
				return false;
		return true;
	}
	case RF_HTTP: {
		const struct event_http *x = rf_ptr(a, f), *y = rf_ptr(b, f);

		if (x == NULL || y == NULL)
			return x == y;
		return rf_all_equal(replay_http, NFIELDS(replay_http), x, y);
	}
	default:
		return rf_get(a, f) == rf_get(b, f);
	}
}

static bool rf_all_equal(const struct replay_field *fl, size_t n, const void *a, const void *b)
{
	for (size_t i = 0; i < n; i++)
		if (!rf_equal(&fl[i], a, b))
			return false;
	return true;
}

/* A field's value in words. */
static void rf_show(const struct replay_field *f, const void *base, char *buf, size_t size)
{
	const uint8_t *b6;

	switch (f->type) {
	case RF_STR: {
		const char *s = rf_ptr(base, f);

		snprintf(buf, size, s ? "\"%s\"" : "(none)", s);
		return;
	}
	case RF_IP6:
		b6 = (const uint8_t *)base + f->off;
		snprintf(buf, size, "%02x%02x:%02x%02x:%02x%02x:%02x%02x:%02x%02x:%02x%02x:%02x%02x:%02x%02x", b6[0], b6[1],
			 b6[2], b6[3], b6[4], b6[5], b6[6], b6[7], b6[8], b6[9], b6[10], b6[11], b6[12], b6[13], b6[14],
			 b6[15]);
		return;
	case RF_META:
	case RF_RRS:
	case RF_STRS:
		snprintf(buf, size, "a list of %zu", rf_count(base, f));
		return;
	case RF_HTTP:
		snprintf(buf, size, "%s", rf_ptr(base, f) ? "an HTTP transaction" : "(none)");
		return;
	case RF_SINT:
	case RF_REL:
	case RF_START:
		snprintf(buf, size, "%lld", (long long)rf_get_signed(base, f));
		return;
	default:
		snprintf(buf, size, "%llu", (unsigned long long)rf_get(base, f));
		return;
	}
}

/* The first field of fl that differs between a and b, in words. */
static bool rf_diff(const struct replay_field *fl, size_t n, const void *a, const void *b, const char *prefix,
		    char *buf, size_t size)
{
	for (size_t i = 0; i < n; i++) {
		const struct replay_field *f = &fl[i];
		char x[200], y[200], name[64];

		if (rf_equal(f, a, b))
			continue;
		snprintf(name, sizeof(name), "%s%s", prefix, f->name);
		if (f->type == RF_HTTP && rf_ptr(a, f) && rf_ptr(b, f)) {
			strncat(name, ".", sizeof(name) - strlen(name) - 1);
			return rf_diff(replay_http, NFIELDS(replay_http), rf_ptr(a, f), rf_ptr(b, f), name, buf, size);
		}
		rf_show(f, a, x, sizeof(x));
		rf_show(f, b, y, sizeof(y));
		snprintf(buf, size, "%s is %s, not %s", name, x, y);
		return true;
	}
	return false;
}

bool replay_event_diff(const struct event *a, const struct event *b, char *buf, size_t size)
{
	if (a->kind != b->kind) {
		snprintf(buf, size, "a %s record, not a %s one", event_kind_name(a->kind), event_kind_name(b->kind));
		return true;
	}
	if (a->time != b->time) {
		snprintf(buf, size, "time is %lld, not %lld", (long long)a->time, (long long)b->time);
		return true;
	}
	return rf_diff(replay_common, NFIELDS(replay_common), a, b, "", buf, size) ||
	       (a->kind > EVENT_NONE && a->kind < EVENT_KIND_COUNT &&
		rf_diff(replay_payloads[a->kind].fields, replay_payloads[a->kind].n, &a->u, &b->u, "", buf, size));
}

static void replay_prev_clear(struct replay_prev *pv)
{
	memset(&pv->ev, 0, sizeof(pv->ev));
	memset(&pv->http, 0, sizeof(pv->http));
}

static void replay_prev_free(struct replay_prev *pv)
{
	free(pv->meta);
	free(pv->rrs[0]);
	free(pv->rrs[1]);
	free(pv->strs);
}

/* ---- encoding ---- */

void replay_enc_init(struct replay_enc *e)
{
	memset(e, 0, sizeof(*e));
	strmap_init(&e->table);
}

void replay_enc_reset(struct replay_enc *e)
{
	for (size_t i = 0; i < e->nstrings; i++)
		free(e->strings[i]);
	e->nstrings = 0;
	strmap_free(&e->table);
	strmap_init(&e->table);
	for (int k = 0; k < EVENT_KIND_COUNT; k++)
		replay_prev_clear(&e->prev[k]);
	strbuf_reset(&e->out);
	e->records = 0;
	e->first = e->clock = 0;
}

void replay_enc_free(struct replay_enc *e)
{
	replay_enc_reset(e);
	strmap_free(&e->table);
	free(e->strings);
	strbuf_free(&e->out);
	for (int k = 0; k < EVENT_KIND_COUNT; k++)
		replay_prev_free(&e->prev[k]);
}

/* Write a string reference; returns the table's copy (NULL for NULL),
 * which the previous record keeps. */
static const char *replay_enc_str(struct replay_enc *e, const char *s)
{
	int idx;
	char *copy;

	if (s == NULL) {
		replay_add_varint(&e->out, 0);
		return NULL;
	}
	idx = strmap_get(&e->table, s);
	if (idx >= 0) {
		replay_add_varint(&e->out, (uint64_t)idx + 2);
		return e->strings[idx];
	}
	replay_add_varint(&e->out, 1);
	replay_add_string(&e->out, s);
	copy = xstrdup(s);
	e->strings = xgrow(e->strings, &e->strings_cap, e->nstrings + 1, sizeof(*e->strings));
	e->strings[e->nstrings] = copy;
	strmap_put(&e->table, copy, (int)e->nstrings++);
	return copy;
}

static void replay_enc_fields(struct replay_enc *e, struct replay_prev *pv, const struct replay_field *fl,
			      size_t n, const void *cur, void *prev, sim_time_t t);

/* Write a present field and make it the previous record's. */
static void replay_enc_field(struct replay_enc *e, struct replay_prev *pv, const struct replay_field *f,
			     const void *cur, void *prev, sim_time_t t)
{
	size_t n;

	switch (f->type) {
	case RF_UINT:
		replay_add_varint(&e->out, rf_get(cur, f));
		break;
	case RF_SINT:
		replay_add_varint(&e->out, replay_zigzag(rf_get_signed(cur, f)));
		break;
	case RF_DELTA:
	case RF_START:
		replay_add_varint(&e->out, replay_zigzag((int64_t)(rf_get(cur, f) - rf_get(prev, f))));
		break;
	case RF_REL:
		replay_add_varint(&e->out, replay_zigzag((int64_t)((uint64_t)rf_get_signed(cur, f) - (uint64_t)t)));
		break;
	case RF_BOOL: {
		uint8_t b = rf_get(cur, f) != 0;

		strbuf_add(&e->out, &b, 1);
		rf_set(prev, f, b);
		return;
	}
	case RF_STR:
		rf_set_ptr(prev, f, replay_enc_str(e, rf_ptr(cur, f)));
		return;
	case RF_IP6:
		strbuf_add(&e->out, (const char *)cur + f->off, 16);
		memcpy((char *)prev + f->off, (const char *)cur + f->off, 16);
		return;
	case RF_META: {
		const struct event_meta *m = rf_ptr(cur, f);

		n = rf_count(cur, f);
		replay_add_varint(&e->out, n);
		pv->meta = xgrow(pv->meta, &pv->meta_cap, n + 1, sizeof(*pv->meta));
		for (size_t i = 0; i < n; i++) {
			pv->meta[i].key = replay_enc_str(e, m[i].key);
			pv->meta[i].value = replay_enc_str(e, m[i].value);
		}
		rf_set_ptr(prev, f, pv->meta);
		rf_set_count(prev, f, n);
		return;
	}
	case RF_RRS: {
		const struct event_dns_rr *rr = rf_ptr(cur, f);
		struct event_dns_rr *own;

		n = rf_count(cur, f);
		replay_add_varint(&e->out, n);
		own = pv->rrs[f->slot] = xgrow(pv->rrs[f->slot], &pv->rrs_cap[f->slot], n + 1, sizeof(*own));
		for (size_t i = 0; i < n; i++) {
			own[i].name = replay_enc_str(e, rr[i].name);
			replay_add_varint(&e->out, rr[i].type);
			replay_add_varint(&e->out, rr[i].ttl);
			own[i].type = rr[i].type;
			own[i].ttl = rr[i].ttl;
			own[i].data = replay_enc_str(e, rr[i].data);
		}
		rf_set_ptr(prev, f, own);
		rf_set_count(prev, f, n);
		return;
	}
	case RF_STRS: {
		const char *const *s = rf_ptr(cur, f);

		n = rf_count(cur, f);
		replay_add_varint(&e->out, n);
		pv->strs = xgrow(pv->strs, &pv->strs_cap, n + 1, sizeof(*pv->strs));
		for (size_t i = 0; i < n; i++)
			pv->strs[i] = replay_enc_str(e, s[i]);
		rf_set_ptr(prev, f, pv->strs);
		rf_set_count(prev, f, n);
		return;
	}
	case RF_HTTP: {
		const struct event_http *h = rf_ptr(cur, f);
		uint8_t present = h != NULL;

		strbuf_add(&e->out, &present, 1);
		if (h)
			replay_enc_fields(e, pv, replay_http, NFIELDS(replay_http), h, &pv->http, t);
		rf_set_ptr(prev, f, h ? &pv->http : NULL);
		return;
	}
	}
	rf_set(prev, f, rf_get(cur, f));
}

static void replay_enc_fields(struct replay_enc *e, struct replay_prev *pv, const struct replay_field *fl,
			      size_t n, const void *cur, void *prev, sim_time_t t)
{
	uint64_t mask = 0;

	for (size_t i = 0; i < n; i++)
		if (!rf_equal(&fl[i], cur, prev))
			mask |= 1ull << i;
	replay_add_varint(&e->out, mask);
	for (size_t i = 0; i < n; i++)
		if (mask & (1ull << i))
			replay_enc_field(e, pv, &fl[i], cur, prev, t);
}

static void replay_enc_head(struct replay_enc *e, enum replay_rec_type type, sim_time_t clock)
{
	uint8_t b = (uint8_t)type;

	if (e->records == 0)
		e->first = e->clock = clock;
	strbuf_add(&e->out, &b, 1);
	replay_add_varint(&e->out, (uint64_t)(clock - e->clock));
	e->clock = clock;
	e->records++;
}

void replay_enc_event(struct replay_enc *e, sim_time_t clock, const struct event *ev, enum sensor_type type)
{
	struct replay_prev *pv = &e->prev[ev->kind];
	uint8_t head[2] = { (uint8_t)ev->kind, (uint8_t)type };

	replay_enc_head(e, REPLAY_REC_EVENT, clock);
	strbuf_add(&e->out, head, 2);
	/* Against the previous record of its kind: a sensor's copy of the
	 * record before costs a byte. */
	replay_add_varint(&e->out, replay_zigzag((int64_t)((uint64_t)ev->time - (uint64_t)pv->ev.time)));
	replay_enc_fields(e, pv, replay_common, NFIELDS(replay_common), ev, &pv->ev, ev->time);
	replay_enc_fields(e, pv, replay_payloads[ev->kind].fields, replay_payloads[ev->kind].n, &ev->u, &pv->ev.u,
			  ev->time);
	pv->ev.time = ev->time;
	pv->ev.kind = ev->kind;
}

void replay_enc_entry(struct replay_enc *e, sim_time_t clock, const struct replay_entry *en)
{
	uint8_t head[2] = { (uint8_t)en->kind, en->ok };

	replay_enc_head(e, REPLAY_REC_ENTRY, clock);
	strbuf_add(&e->out, head, 2);
	replay_add_varint(&e->out, replay_zigzag((int64_t)((uint64_t)en->time - (uint64_t)clock)));
	replay_enc_str(e, en->actor);
	replay_enc_str(e, en->what);
	replay_enc_str(e, en->target);
	replay_enc_str(e, en->detail);
	replay_enc_str(e, en->technique && en->technique[0] ? en->technique : NULL);
}

void replay_enc_score(struct replay_enc *e, sim_time_t clock, const struct replay_score *sc)
{
	uint8_t status = (uint8_t)sc->status;

	replay_enc_head(e, REPLAY_SCORE, clock);
	replay_add_varint(&e->out, replay_zigzag((int64_t)((uint64_t)sc->time - (uint64_t)clock)));
	replay_enc_str(e, sc->team);
	replay_enc_str(e, sc->component);
	replay_add_varint(&e->out, replay_zigzag(sc->points));
	replay_enc_str(e, sc->reason);
	replay_enc_str(e, sc->expectation && sc->expectation[0] ? sc->expectation : NULL);
	strbuf_add(&e->out, &status, 1);
}

void replay_enc_end(struct replay_enc *e, sim_time_t clock)
{
	replay_enc_head(e, REPLAY_REC_END, clock);
}

/* A list of state words, most of them 0: its length, how many are not,
 * then each of those as the gap from the previous one's index and the
 * word. */
static void replay_enc_states(struct replay_enc *e, const unsigned *v, size_t n)
{
	size_t nonzero = 0, last = 0;

	for (size_t i = 0; i < n; i++)
		nonzero += v[i] != 0;
	replay_add_varint(&e->out, n);
	replay_add_varint(&e->out, nonzero);
	for (size_t i = 0; i < n; i++) {
		if (v[i] == 0)
			continue;
		replay_add_varint(&e->out, i - last);
		replay_add_varint(&e->out, v[i]);
		last = i;
	}
}

void replay_enc_keyframe(struct replay_enc *e, sim_time_t clock, const struct replay_keyframe *kf)
{
	uint8_t b = REPLAY_KEYFRAME;

	e->first = e->clock = clock;
	strbuf_add(&e->out, &b, 1);
	replay_add_varint(&e->out, 0);
	replay_enc_states(e, kf->hosts, kf->nhosts);
	replay_enc_states(e, kf->accounts, kf->naccounts);
	replay_enc_states(e, kf->systems, kf->nsystems);
	replay_add_varint(&e->out, kf->nobjectives);
	for (size_t i = 0; i < kf->nobjectives; i++) {
		const struct replay_objective *o = &kf->objectives[i];
		uint8_t state = (uint8_t)o->state;

		replay_enc_str(e, o->id);
		strbuf_add(&e->out, &state, 1);
		replay_add_varint(&e->out, replay_zigzag((int64_t)((uint64_t)o->time - (uint64_t)clock)));
	}
	replay_add_varint(&e->out, kf->nteams);
	for (size_t i = 0; i < kf->nteams; i++) {
		replay_enc_str(e, kf->teams[i].team);
		replay_add_varint(&e->out, replay_zigzag(kf->teams[i].points));
	}
}

void replay_keyframe_free(struct replay_keyframe *kf)
{
	free(kf->hosts);
	free(kf->accounts);
	free(kf->systems);
	free(kf->objectives);
	free(kf->teams);
	memset(kf, 0, sizeof(*kf));
}

/* ---- decoding ---- */

void replay_dec_init(struct replay_dec *d)
{
	memset(d, 0, sizeof(*d));
	d->version = REPLAY_VERSION;
}

static void replay_dec_drop_strings(struct replay_dec *d)
{
	for (size_t i = 0; i < d->nstrings; i++)
		free(d->strings[i]);
	d->nstrings = 0;
}

void replay_dec_reset(struct replay_dec *d, const uint8_t *raw, size_t len, sim_time_t first)
{
	replay_dec_drop_strings(d);
	for (int k = 0; k < EVENT_KIND_COUNT; k++)
		replay_prev_clear(&d->prev[k]);
	d->p = raw;
	d->end = raw + len;
	d->clock = first;
}

void replay_dec_free(struct replay_dec *d)
{
	replay_dec_drop_strings(d);
	free(d->strings);
	replay_keyframe_free(&d->keyframe);
	for (int k = 0; k < EVENT_KIND_COUNT; k++)
		replay_prev_free(&d->prev[k]);
}

/* Errors say what was wrong; the reader adds where. */
struct replay_why {
	char *buf;
	size_t size;
};

static bool replay_dec_fail(struct replay_why *why, const char *what)
{
	snprintf(why->buf, why->size, "%s", what);
	return false;
}

static bool replay_dec_varint(struct replay_dec *d, uint64_t *v, struct replay_why *why)
{
	if (!replay_read_varint(&d->p, d->end, v))
		return replay_dec_fail(why, "a number runs past the chunk's end");
	return true;
}

static bool replay_dec_byte(struct replay_dec *d, uint8_t *b, struct replay_why *why)
{
	if (d->p >= d->end)
		return replay_dec_fail(why, "a record runs past the chunk's end");
	*b = *d->p++;
	return true;
}

static bool replay_dec_str(struct replay_dec *d, const char **s, struct replay_why *why)
{
	uint64_t ref, len;

	if (!replay_dec_varint(d, &ref, why))
		return false;
	if (ref == 0) {
		*s = NULL;
		return true;
	}
	if (ref >= 2) {
		if (ref - 2 >= d->nstrings)
			return replay_dec_fail(why, "a string refers past the chunk's table");
		*s = d->strings[ref - 2];
		return true;
	}
	if (!replay_dec_varint(d, &len, why))
		return false;
	if (len > (uint64_t)(d->end - d->p))
		return replay_dec_fail(why, "a string runs past the chunk's end");
	if (memchr(d->p, '\0', (size_t)len) != NULL)
		return replay_dec_fail(why, "a string holds a NUL byte");
	d->strings = xgrow(d->strings, &d->strings_cap, d->nstrings + 1, sizeof(*d->strings));
	*s = d->strings[d->nstrings++] = xstrndup((const char *)d->p, (size_t)len);
	d->p += len;
	return true;
}

/* A list count no larger than the bytes left (every element takes one). */
static bool replay_dec_count(struct replay_dec *d, size_t *n, struct replay_why *why)
{
	uint64_t v;

	if (!replay_dec_varint(d, &v, why))
		return false;
	if (v > (uint64_t)(d->end - d->p))
		return replay_dec_fail(why, "a list is longer than the chunk");
	*n = (size_t)v;
	return true;
}

/* The value fits the field: its size, its sign and its enumeration. */
static bool replay_dec_fits(const struct replay_field *f, uint64_t v, bool is_signed)
{
	int bits = (int)f->size * 8;

	if (f->max && v > f->max)
		return false;
	if (bits >= 64)
		return true;
	if (is_signed) {
		int64_t s = (int64_t)v, lim = (int64_t)1 << (bits - 1);

		return s >= -lim && s < lim;
	}
	return v >> bits == 0;
}

static bool replay_dec_fields(struct replay_dec *d, struct replay_prev *pv, const struct replay_field *fl,
			      size_t n, void *prev, sim_time_t t, struct replay_why *why);

static bool replay_dec_field(struct replay_dec *d, struct replay_prev *pv, const struct replay_field *f,
			     void *prev, sim_time_t t, struct replay_why *why)
{
	uint64_t v = 0;
	uint8_t b;
	size_t n;
	bool is_signed = false;

	switch (f->type) {
	case RF_UINT:
		if (!replay_dec_varint(d, &v, why))
			return false;
		break;
	case RF_SINT:
		if (!replay_dec_varint(d, &v, why))
			return false;
		v = (uint64_t)replay_unzigzag(v);
		is_signed = true;
		break;
	case RF_DELTA:
		if (!replay_dec_varint(d, &v, why))
			return false;
		v = rf_get(prev, f) + (uint64_t)replay_unzigzag(v);
		break;
	case RF_START:
		/* Version 5 on: the change from the previous record's (the
		 * starts of a run of connections are close); before, as rel. */
		if (!replay_dec_varint(d, &v, why))
			return false;
		v = (d->version >= 5 ? rf_get(prev, f) : (uint64_t)t) + (uint64_t)replay_unzigzag(v);
		is_signed = true;
		break;
	case RF_REL:
		if (!replay_dec_varint(d, &v, why))
			return false;
		v = (uint64_t)t + (uint64_t)replay_unzigzag(v);
		is_signed = true;
		break;
	case RF_BOOL:
		if (!replay_dec_byte(d, &b, why))
			return false;
		if (b > 1)
			return replay_dec_fail(why, "a flag is neither 0 nor 1");
		v = b;
		break;
	case RF_STR: {
		const char *s;

		if (!replay_dec_str(d, &s, why))
			return false;
		rf_set_ptr(prev, f, s);
		return true;
	}
	case RF_IP6:
		if (d->end - d->p < 16)
			return replay_dec_fail(why, "an IPv6 address runs past the chunk's end");
		memcpy((char *)prev + f->off, d->p, 16);
		d->p += 16;
		return true;
	case RF_META:
		if (!replay_dec_count(d, &n, why))
			return false;
		pv->meta = xgrow(pv->meta, &pv->meta_cap, n + 1, sizeof(*pv->meta));
		for (size_t i = 0; i < n; i++)
			if (!replay_dec_str(d, &pv->meta[i].key, why) || !replay_dec_str(d, &pv->meta[i].value, why))
				return false;
		rf_set_ptr(prev, f, pv->meta);
		rf_set_count(prev, f, n);
		return true;
	case RF_RRS: {
		struct event_dns_rr *own;

		if (!replay_dec_count(d, &n, why))
			return false;
		own = pv->rrs[f->slot] = xgrow(pv->rrs[f->slot], &pv->rrs_cap[f->slot], n + 1, sizeof(*own));
		for (size_t i = 0; i < n; i++) {
			uint64_t type, ttl;

			if (!replay_dec_str(d, &own[i].name, why) || !replay_dec_varint(d, &type, why) ||
			    !replay_dec_varint(d, &ttl, why) || !replay_dec_str(d, &own[i].data, why))
				return false;
			if (type > UINT16_MAX || ttl > UINT32_MAX)
				return replay_dec_fail(why, "a DNS record's type or TTL is out of range");
			own[i].type = (uint16_t)type;
			own[i].ttl = (uint32_t)ttl;
		}
		rf_set_ptr(prev, f, own);
		rf_set_count(prev, f, n);
		return true;
	}
	case RF_STRS:
		if (!replay_dec_count(d, &n, why))
			return false;
		pv->strs = xgrow(pv->strs, &pv->strs_cap, n + 1, sizeof(*pv->strs));
		for (size_t i = 0; i < n; i++)
			if (!replay_dec_str(d, &pv->strs[i], why))
				return false;
		rf_set_ptr(prev, f, pv->strs);
		rf_set_count(prev, f, n);
		return true;
	case RF_HTTP:
		if (!replay_dec_byte(d, &b, why))
			return false;
		if (b > 1)
			return replay_dec_fail(why, "an HTTP link is neither 0 nor 1");
		if (b && !replay_dec_fields(d, pv, replay_http, NFIELDS(replay_http), &pv->http, t, why))
			return false;
		rf_set_ptr(prev, f, b ? &pv->http : NULL);
		return true;
	}
	if (!replay_dec_fits(f, v, is_signed))
		return replay_dec_fail(why, "a field's value is out of its range");
	rf_set(prev, f, v);
	return true;
}

static bool replay_dec_fields(struct replay_dec *d, struct replay_prev *pv, const struct replay_field *fl,
			      size_t n, void *prev, sim_time_t t, struct replay_why *why)
{
	uint64_t mask;

	if (!replay_dec_varint(d, &mask, why))
		return false;
	if (n < 64 && mask >> n != 0)
		return replay_dec_fail(why, "a field mask names fields the record does not have");
	for (size_t i = 0; i < n; i++)
		if ((mask & (1ull << i)) && !replay_dec_field(d, pv, &fl[i], prev, t, why))
			return false;
	return true;
}

static bool replay_dec_time(struct replay_dec *d, sim_time_t *t, struct replay_why *why)
{
	uint64_t v;

	if (!replay_dec_varint(d, &v, why))
		return false;
	*t = (sim_time_t)((uint64_t)d->clock + (uint64_t)replay_unzigzag(v));
	return true;
}

static bool replay_dec_event(struct replay_dec *d, struct replay_record *rec, struct replay_why *why)
{
	uint8_t kind, type;
	struct replay_prev *pv;
	sim_time_t t;

	if (!replay_dec_byte(d, &kind, why) || !replay_dec_byte(d, &type, why))
		return false;
	if (kind == EVENT_NONE || kind >= EVENT_KIND_COUNT)
		return replay_dec_fail(why, "unknown event kind");
	if (type >= SENSOR_TYPE_COUNT)
		return replay_dec_fail(why, "unknown sensor type");
	pv = &d->prev[kind];
	if (d->version >= 5) {
		uint64_t v;

		if (!replay_dec_varint(d, &v, why))
			return false;
		t = (sim_time_t)((uint64_t)pv->ev.time + (uint64_t)replay_unzigzag(v));
	} else if (!replay_dec_time(d, &t, why)) {
		return false;
	}
	if (!replay_dec_fields(d, pv, replay_common, NFIELDS(replay_common), &pv->ev, t, why) ||
	    !replay_dec_fields(d, pv, replay_payloads[kind].fields, replay_payloads[kind].n, &pv->ev.u, t, why))
		return false;
	pv->ev.time = t;
	pv->ev.kind = (enum event_kind)kind;
	rec->ev = pv->ev;
	rec->sensor_type = (enum sensor_type)type;
	return true;
}

/* A string that is "" for NULL. */
static bool replay_dec_text(struct replay_dec *d, const char **s, struct replay_why *why)
{
	if (!replay_dec_str(d, s, why))
		return false;
	if (*s == NULL)
		*s = "";
	return true;
}

static bool replay_dec_entry(struct replay_dec *d, struct replay_record *rec, struct replay_why *why)
{
	struct replay_entry *en = &rec->entry;
	uint8_t kind, ok;

	if (!replay_dec_byte(d, &kind, why) || !replay_dec_byte(d, &ok, why))
		return false;
	if (kind > DRILL_ERROR || ok > 1)
		return replay_dec_fail(why, "a timeline entry of unknown kind");
	en->kind = (enum drill_entry_kind)kind;
	en->ok = ok;
	en->technique = "";
	return replay_dec_time(d, &en->time, why) && replay_dec_str(d, &en->actor, why) &&
	       replay_dec_str(d, &en->what, why) && replay_dec_str(d, &en->target, why) &&
	       replay_dec_str(d, &en->detail, why) &&
	       (d->version < 3 || replay_dec_text(d, &en->technique, why));
}

static bool replay_dec_score(struct replay_dec *d, struct replay_record *rec, struct replay_why *why)
{
	struct replay_score *sc = &rec->score;
	uint64_t points;
	uint8_t status;
	int64_t p;

	if (!replay_dec_time(d, &sc->time, why) || !replay_dec_text(d, &sc->team, why) ||
	    !replay_dec_text(d, &sc->component, why) || !replay_dec_varint(d, &points, why))
		return false;
	p = replay_unzigzag(points);
	if (p < INT_MIN || p > INT_MAX)
		return replay_dec_fail(why, "a score change's points are out of range");
	sc->points = (int)p;
	if (!replay_dec_text(d, &sc->reason, why) || !replay_dec_text(d, &sc->expectation, why) ||
	    !replay_dec_byte(d, &status, why))
		return false;
	if (status > REPLAY_EXPECT_MISSED)
		return replay_dec_fail(why, "a score change's expectation status is unknown");
	sc->status = (enum replay_expect_status)status;
	return true;
}

/* A list of state words (replay_enc_states) into *v, grown in *cap. */
static bool replay_dec_states(struct replay_dec *d, unsigned **v, size_t *n, size_t *cap, struct replay_why *why)
{
	uint64_t len, nonzero, at = 0;

	if (!replay_dec_varint(d, &len, why) || !replay_dec_varint(d, &nonzero, why))
		return false;
	if (len > REPLAY_KEYFRAME_MAX || nonzero > len || nonzero > (uint64_t)(d->end - d->p))
		return replay_dec_fail(why, "a keyframe's list is longer than it can be");
	*v = xgrow(*v, cap, (size_t)len + 1, sizeof(**v));
	memset(*v, 0, ((size_t)len + 1) * sizeof(**v));
	*n = (size_t)len;
	for (uint64_t i = 0; i < nonzero; i++) {
		uint64_t gap, word;

		if (!replay_dec_varint(d, &gap, why) || !replay_dec_varint(d, &word, why))
			return false;
		if ((i > 0 && gap == 0) || gap >= len - at || word == 0 || word > UINT32_MAX)
			return replay_dec_fail(why, "a keyframe's state list is out of order or range");
		at += gap;
		(*v)[at] = (unsigned)word;
	}
	return true;
}

static bool replay_dec_keyframe(struct replay_dec *d, struct replay_record *rec, struct replay_why *why)
{
	struct replay_keyframe *kf = &d->keyframe;
	uint64_t n;

	kf->clock = d->clock;
	if (!replay_dec_states(d, &kf->hosts, &kf->nhosts, &d->kf_cap[0], why) ||
	    !replay_dec_states(d, &kf->accounts, &kf->naccounts, &d->kf_cap[1], why) ||
	    !replay_dec_states(d, &kf->systems, &kf->nsystems, &d->kf_cap[2], why) || !replay_dec_varint(d, &n, why))
		return false;
	if (n > REPLAY_KEYFRAME_MAX || n > (uint64_t)(d->end - d->p))
		return replay_dec_fail(why, "a keyframe lists more objectives than it holds");
	kf->objectives = xgrow(kf->objectives, &d->kf_cap[3], (size_t)n + 1, sizeof(*kf->objectives));
	kf->nobjectives = 0;
	for (uint64_t i = 0; i < n; i++) {
		struct replay_objective *o = &kf->objectives[kf->nobjectives];
		uint8_t state;

		if (!replay_dec_text(d, &o->id, why) || !replay_dec_byte(d, &state, why) ||
		    !replay_dec_time(d, &o->time, why))
			return false;
		if (state > OBJECTIVE_PREVENTED)
			return replay_dec_fail(why, "a keyframe's objective state is unknown");
		o->state = (enum drill_objective_state)state;
		kf->nobjectives++;
	}
	if (!replay_dec_varint(d, &n, why))
		return false;
	if (n > REPLAY_KEYFRAME_MAX || n > (uint64_t)(d->end - d->p))
		return replay_dec_fail(why, "a keyframe lists more teams than it holds");
	kf->teams = xgrow(kf->teams, &d->kf_cap[4], (size_t)n + 1, sizeof(*kf->teams));
	kf->nteams = 0;
	for (uint64_t i = 0; i < n; i++) {
		struct replay_points *t = &kf->teams[kf->nteams];
		uint64_t points;

		if (!replay_dec_text(d, &t->team, why) || !replay_dec_varint(d, &points, why))
			return false;
		t->points = replay_unzigzag(points);
		kf->nteams++;
	}
	rec->keyframe = kf;
	return true;
}

int replay_dec_next(struct replay_dec *d, struct replay_record *rec, char *err, size_t errsize)
{
	struct replay_why why = { err, errsize };
	uint8_t type;
	uint64_t delta;

	if (d->p >= d->end)
		return 0;
	type = *d->p++;
	if (!replay_dec_varint(d, &delta, &why))
		return -1;
	if (delta > (uint64_t)SIM_TIME_MAX || d->clock > SIM_TIME_MAX - (sim_time_t)delta) {
		replay_dec_fail(&why, "the clock runs past its range");
		return -1;
	}
	d->clock += (sim_time_t)delta;
	memset(rec, 0, sizeof(*rec));
	rec->type = (enum replay_rec_type)type;
	rec->clock = d->clock;
	switch (type) {
	case REPLAY_REC_EVENT:
		return replay_dec_event(d, rec, &why) ? 1 : -1;
	case REPLAY_REC_ENTRY:
		return replay_dec_entry(d, rec, &why) ? 1 : -1;
	case REPLAY_SCORE:
		return replay_dec_score(d, rec, &why) ? 1 : -1;
	case REPLAY_REC_END:
		return 1;
	case REPLAY_KEYFRAME:
		if (d->version < 4)
			break;
		return replay_dec_keyframe(d, rec, &why) ? 1 : -1;
	default:
		break;
	}
	replay_dec_fail(&why, "unknown record type");
	return -1;
}
