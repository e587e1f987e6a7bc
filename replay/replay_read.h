/*
 * replay_read.h - open a replay file and read its records back in order.
 *
 * Opening reads the header, then walks every chunk checking its head and
 * the CRC-32 of its bytes, and checks the index at the end against what
 * it found.  A file cut short (a drill killed, a disk full) opens with
 * the chunks that are whole, and replay_damage() says what was missing;
 * a file that is not a replay, of another format version, or with bytes
 * that fail a checksum is refused with a message that names the file, the
 * chunk and the byte.  Nothing in a file can crash the reader: every
 * length and number is checked against what holds it.
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
	uint32_t zlen, rawlen, records;
	sim_time_t first, last; /* clock at its first and last record */
};

struct replay_reader;

/* NULL with a message in err when the file cannot be read as a replay. */
struct replay_reader *replay_open(const char *path, char *err, size_t errsize);
void replay_close(struct replay_reader *r);

const struct replay_header *replay_header(const struct replay_reader *r);
size_t replay_chunks(const struct replay_reader *r);
const struct replay_chunk_info *replay_chunk(const struct replay_reader *r, size_t i);
/* NULL for a finished file; else what is missing ("cut short at byte
 * N…"), naming the file. */
const char *replay_damage(const struct replay_reader *r);

/* Go back to the first record of the first chunk that ends at or after
 * clock t (0: the start). */
void replay_seek(struct replay_reader *r, sim_time_t t);
/*
 * The next record: 1 with it in rec (its strings valid until the next
 * call), 0 after the last one, -1 with a message in err naming the file,
 * the chunk and its byte.
 */
int replay_next(struct replay_reader *r, struct replay_record *rec, char *err, size_t errsize);

#endif
