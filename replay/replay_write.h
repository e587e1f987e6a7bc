/*
 * replay_write.h - `run --replay FILE`: record a drill as it runs.
 *
 * The writer is a drill listener: it hears every sensor's copy of every
 * record, and every score change (a score listener), and encodes it
 * (replay_record.h) into a buffer of at least
 * REPLAY_WRITE_CHUNK bytes, which it deflates and appends as one chunk
 * once full, never one write per record.  Each chunk begins with a
 * keyframe: the hosts', accounts', systems' and objectives' states as the
 * drill holds them when the chunk's first record is written, and each
 * team's points from the score changes written before it.  The drill's timeline entries
 * (attack steps, team actions, messages, objectives, errors) are read
 * from the drill as they appear, so they land between the records they
 * came between.  Closing writes the end mark, the last chunk, the index
 * and the trailer (docs/replay-format.md); a drill killed before that
 * leaves every chunk written so far readable.
 *
 * Every record's clock follows from the simulation alone (an entry is
 * written at its own time, not when the writer next looks), so the same
 * drill played again writes the same records, however it was paced:
 * that is what `replay --verify` checks.
 *
 * Depends on replay_record, drill, score, sha256 and zlib.
 */
#ifndef REPLAY_WRITE_H
#define REPLAY_WRITE_H

#include <stddef.h>
#include <stdint.h>

#include "drill.h"
#include "event.h"
#include "replay_record.h"
#include "score.h"
#include "sensor.h"

/* Encoded bytes gathered before a chunk is compressed. */
#define REPLAY_WRITE_CHUNK (2 * 1024 * 1024)

/* What the header says of the drill besides what the drill knows. */
struct replay_origin {
	const char *exercise; /* NULL: none */
	const char *scenario_path, *network_path;
	const char *mode;
	const char *const *teams;
	int nteams;
	double background; /* background activities per second at peak */
};

struct replay_writer;

/*
 * Create (truncate) path and write the header for drill d (which must
 * outlive the writer: its clock and timeline are read as records come).
 * The scenario and network files are hashed now.  NULL with a message
 * naming the file in err.  A NULL path writes no file: the records go
 * only to the tap (replay --verify).
 */
struct replay_writer *replay_writer_open(const char *path, const struct drill *d, const struct replay_origin *o,
					 char *err, size_t errsize);
/* A sensor's copy of a record (a drill listener). */
void replay_writer_event(void *writer, const struct event *ev, enum sensor_type type);
/* A score change (a score listener): written with the drill's clock,
 * after the timeline entries recorded before it. */
void replay_writer_score(void *writer, const struct score_row *row);
/* Write out what is gathered as a chunk now (a paced drill calls it about
 * once a second); 0, or -1 with the first write error in err. */
int replay_writer_sync(struct replay_writer *w, char *err, size_t errsize);
/* Record the end, write the index and the trailer, close and free;
 * *bytes (if not NULL) gets the file's size.  0, or -1 with the first
 * error in err. */
int replay_writer_close(struct replay_writer *w, uint64_t *bytes, char *err, size_t errsize);

/* Hears every record as it is written (not the keyframes), before it
 * counts: the strings and arrays only live through the call. */
typedef void (*replay_tap_fn)(void *ctx, const struct replay_record *rec);
void replay_writer_tap(struct replay_writer *w, replay_tap_fn fn, void *ctx);
/* The keyframe a chunk beginning now would get: the model's state and
 * each team's points from the score changes written so far; its arrays
 * are the caller's (replay_keyframe_free), its strings the drill's and
 * the writer's. */
void replay_writer_keyframe(const struct replay_writer *w, struct replay_keyframe *kf);

/* Sensor records written and the file's bytes so far. */
uint64_t replay_writer_events(const struct replay_writer *w);
uint64_t replay_writer_bytes(const struct replay_writer *w);

#endif
