/*
 * replay_read.h - open a replay file, read its records back in order,
 * seek, and check it.
 *
 * Opening reads the header and the index at the end, and nothing else:
 * it costs the same for a minute's drill as for a week's.  A file without
 * a whole index (a drill killed, a disk full) or with a corrupt one opens
 * by walking the chunk heads instead, with the chunks that are whole, and
 * replay_damage() says what was missing.  Each chunk's head and CRC-32
 * are checked the first time it is decoded: a damaged chunk makes
 * replay_next fail with a message naming the file, the chunk and the
 * byte, and the chunks after it can still be read; replay_check walks
 * them all and names every damaged one.  A file that is not a replay or
 * of a format version this reader does not read is refused.  Nothing in
 * a file can crash the reader: every length and number is checked
 * against what holds it.
 *
 * Depends on replay_record and zlib.
 */
#ifndef REPLAY_READ_H
#define REPLAY_READ_H

#include <stddef.h>
#include <stdint.h>

#include "replay_record.h"
#include "sha256.h"
#include "simclock.h"

struct replay_header {
	char *version;  /* the irdrill that wrote it */
	char *exercise; /* "" when none */
	char *scenario_path, *network_path;
	uint8_t scenario_sha256[SHA256_DIGEST_SIZE], network_sha256[SHA256_DIGEST_SIZE];
	uint64_t seed;
	int64_t epoch_unix_us; /* Unix microseconds at simulated time 0 */
	sim_time_t duration;
	char *mode;
	char **teams;
	int nteams;
	double background; /* background activities per second at peak */
	uint32_t format_version; /* of the file (docs/replay-format.md) */
};

struct replay_chunk_info {
	uint64_t offset; /* of its head */
	uint32_t zlen, rawlen, records; /* records: not counting its keyframe */
	sim_time_t first, last; /* clock at its first and last record */
};

struct replay_reader;

/* NULL with a message in err when the file cannot be read as a replay. */
struct replay_reader *replay_open(const char *path, char *err, size_t errsize);
/* The same for a replay's bytes in memory (borrowed until replay_close);
 * name stands for the file in messages. */
struct replay_reader *replay_open_mem(const char *name, const void *buf, size_t len, char *err, size_t errsize);
void replay_close(struct replay_reader *r);

const struct replay_header *replay_header(const struct replay_reader *r);
size_t replay_chunks(const struct replay_reader *r);
const struct replay_chunk_info *replay_chunk(const struct replay_reader *r, size_t i);
/* NULL for a finished file; else what is missing ("cut short at byte
 * N…"), naming the file. */
const char *replay_damage(const struct replay_reader *r);

/* Go back to the first record of the first chunk that ends at or after
 * clock t (0: the start): a binary search of the index; the chunk is
 * decoded when its keyframe or first record is asked for. */
void replay_seek(struct replay_reader *r, sim_time_t t);
/*
 * The next record: 1 with it in rec (its strings valid until the next
 * call), 0 after the last one, -1 with a message in err naming the file,
 * the chunk and its byte; the call after a -1 goes on with the next
 * chunk, so a reader can show all that is readable.  Keyframes are not
 * returned as records (replay_keyframe).
 */
int replay_next(struct replay_reader *r, struct replay_record *rec, char *err, size_t errsize);
/*
 * The keyframe of the chunk the next record comes from (after
 * replay_seek: the chunk it went to): the model's state and the teams'
 * points as that chunk begins, at its first clock.  Valid until the
 * reader moves to another chunk.  NULL with a message in err after the
 * last chunk, for a damaged chunk, or for a file of format version 2 or 3
 * (no keyframes).
 */
const struct replay_keyframe *replay_keyframe(struct replay_reader *r, char *err, size_t errsize);

/* Hears each damaged chunk (from 0) with what is wrong with it. */
typedef void (*replay_check_fn)(void *ctx, size_t chunk, const char *message);
/* Decode every chunk (head, CRC-32, inflate, every record); the number
 * of damaged chunks, each handed to fn (if not NULL).  The reading
 * position is left as it was. */
size_t replay_check(struct replay_reader *r, replay_check_fn fn, void *ctx);

#endif
