/*
 * replay_record.h - the records inside a replay chunk: encoding and
 * decoding of sensor records, timeline entries, score changes, the end
 * mark and the keyframe that begins a chunk, as docs/replay-format.md
 * describes them.
 *
 * Both sides keep the same per-chunk state: the string table and, per
 * event kind, the previous record, which every field is delta-coded
 * against.  replay_write.h feeds the encoder and compresses what it
 * builds; replay_read.h decodes inflated chunks.  A decoded record's
 * strings and arrays belong to the decoder and stay valid until the next
 * record is decoded or the decoder is reset.
 *
 * Depends on event, sensor, drill (entry kinds), strbuf and hmap.
 */
#ifndef REPLAY_RECORD_H
#define REPLAY_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "drill.h"
#include "event.h"
#include "hmap.h"
#include "sensor.h"
#include "simclock.h"
#include "strbuf.h"

#define REPLAY_VERSION 5
/* The oldest format version a reader still reads (version 2 has no
 * techniques on its timeline entries, versions 2 and 3 no keyframes and
 * a shorter index). */
#define REPLAY_VERSION_OLDEST 2
#define REPLAY_MAGIC "IRDRILLR"
#define REPLAY_CHUNK_MAGIC "CHNK"
#define REPLAY_INDEX_MAGIC "INDX"
#define REPLAY_TRAILER_MAGIC "RPLYINDX"
#define REPLAY_CHUNK_HEAD 40
#define REPLAY_INDEX_ENTRY 36
#define REPLAY_INDEX_ENTRY_V3 28
#define REPLAY_TRAILER 16
/* The largest raw chunk a reader accepts. */
#define REPLAY_RAW_MAX (64u * 1024 * 1024)

enum replay_rec_type {
	REPLAY_REC_EVENT = 1,
	REPLAY_REC_ENTRY = 2,
	REPLAY_REC_END = 3,
	REPLAY_SCORE = 4,
	REPLAY_KEYFRAME = 5, /* first in every chunk; replay_next keeps it to itself */
};

/* The most hosts, accounts, systems, objectives or teams a keyframe
 * holds. */
#define REPLAY_KEYFRAME_MAX (1u << 20)

/* A timeline entry as recorded (strings may be NULL, but technique: ""
 * for none, and for every entry of a version 2 file). */
struct replay_entry {
	sim_time_t time;
	enum drill_entry_kind kind;
	bool ok;
	const char *actor, *what, *target, *detail;
	const char *technique; /* an attack step's ATT&CK id (T1566.001) */
};

/* What a score change says of its expectation. */
enum replay_expect_status {
	REPLAY_EXPECT_NONE,   /* not an expectation's row */
	REPLAY_EXPECT_MET,    /* it earned points */
	REPLAY_EXPECT_MISSED, /* none, or a penalty */
};

/* A score change as recorded, mirroring struct score_row (score.h); the
 * strings are never NULL, expectation is "" for none. */
struct replay_score {
	sim_time_t time;
	const char *team;
	const char *component;
	int points;
	const char *reason;
	const char *expectation;
	enum replay_expect_status status;
};

/* An objective as a keyframe holds it. */
struct replay_objective {
	const char *id;
	enum drill_objective_state state;
	sim_time_t time; /* when it was settled (0 while pending) */
};

/* A team's points: the sum of every score change before the keyframe. */
struct replay_points {
	const char *team;
	int64_t points;
};

/*
 * The model's state when a chunk begins, so that a reader can start
 * there: every host's, account's and system's state flags (net.h:
 * NET_HOST_*, NET_ACCOUNT_*, NET_SYSTEM_*), indexed as in the network
 * model, each objective's state, and each team's points so far.
 */
struct replay_keyframe {
	sim_time_t clock;
	size_t chunk; /* the chunk it begins (set by the reader), from 0 */
	unsigned *hosts, *accounts, *systems;
	size_t nhosts, naccounts, nsystems;
	struct replay_objective *objectives;
	size_t nobjectives;
	struct replay_points *teams;
	size_t nteams;
};

struct replay_record {
	enum replay_rec_type type;
	sim_time_t clock; /* the drill's clock when it was written */
	struct event ev;  /* REPLAY_REC_EVENT */
	enum sensor_type sensor_type;
	struct replay_entry entry; /* REPLAY_REC_ENTRY */
	struct replay_score score; /* REPLAY_SCORE */
	const struct replay_keyframe *keyframe; /* REPLAY_KEYFRAME */
};

/* The previous record of one kind, with room for its arrays. */
struct replay_prev {
	struct event ev;
	struct event_http http; /* what ev's alert or file http points to */
	struct event_meta *meta;
	size_t meta_cap;
	struct event_dns_rr *rrs[2];
	size_t rrs_cap[2];
	const char **strs;
	size_t strs_cap;
};

struct replay_enc {
	struct strbuf out;       /* the chunk's raw bytes so far */
	uint32_t records;
	sim_time_t first, clock; /* clock of the first and the last record */
	struct strmap table;     /* string -> its number in the chunk */
	char **strings;          /* the table's own copies */
	size_t nstrings, strings_cap;
	struct replay_prev prev[EVENT_KIND_COUNT];
};

/* Start empty; reset starts the next chunk (out emptied too). */
void replay_enc_init(struct replay_enc *e);
void replay_enc_reset(struct replay_enc *e);
void replay_enc_free(struct replay_enc *e);
/* Append one record written at clock (never before the last one's). */
void replay_enc_event(struct replay_enc *e, sim_time_t clock, const struct event *ev, enum sensor_type type);
void replay_enc_entry(struct replay_enc *e, sim_time_t clock, const struct replay_entry *en);
void replay_enc_score(struct replay_enc *e, sim_time_t clock, const struct replay_score *sc);
void replay_enc_end(struct replay_enc *e, sim_time_t clock);
/* The chunk's keyframe: first, before any record (it is not counted in
 * records). */
void replay_enc_keyframe(struct replay_enc *e, sim_time_t clock, const struct replay_keyframe *kf);
/* Free the arrays of a keyframe built by hand (the writer's). */
void replay_keyframe_free(struct replay_keyframe *kf);

struct replay_dec {
	uint32_t version;        /* of the file: REPLAY_VERSION unless set */
	const uint8_t *p, *end;  /* the inflated chunk, borrowed */
	sim_time_t clock;
	char **strings;          /* the chunk's table, owned */
	size_t nstrings, strings_cap;
	struct replay_prev prev[EVENT_KIND_COUNT];
	struct replay_keyframe keyframe; /* the last one decoded, its arrays owned */
	size_t kf_cap[5];
};

void replay_dec_init(struct replay_dec *d);
/* Decode the chunk raw[0..len) next (borrowed until the next reset);
 * first is its head's first clock. */
void replay_dec_reset(struct replay_dec *d, const uint8_t *raw, size_t len, sim_time_t first);
void replay_dec_free(struct replay_dec *d);
/* 1 and the next record in rec, 0 at the chunk's end, -1 with a message
 * in err for bytes that are not a record. */
int replay_dec_next(struct replay_dec *d, struct replay_record *rec, char *err, size_t errsize);

/* The first field the replay keeps that differs between a and b, in
 * words ("subject is \"x\", not \"y\""); false if none does. */
bool replay_event_diff(const struct event *a, const struct event *b, char *buf, size_t size);

/* Little helpers shared by the writer and the reader. */
void replay_put_u32(uint8_t *p, uint32_t v);
void replay_put_u64(uint8_t *p, uint64_t v);
uint32_t replay_get_u32(const uint8_t *p);
uint64_t replay_get_u64(const uint8_t *p);
void replay_add_varint(struct strbuf *sb, uint64_t v);
void replay_add_string(struct strbuf *sb, const char *s);
/* Read a varint from *p (before end); false if cut short or too long. */
bool replay_read_varint(const uint8_t **p, const uint8_t *end, uint64_t *v);

#endif
