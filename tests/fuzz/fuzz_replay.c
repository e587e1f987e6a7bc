/*
 * fuzz_replay.c - libFuzzer harness for the replay reader
 * (replay/replay_read.c, replay/replay_record.c): the bytes of a replay
 * file, which may come from anywhere (a disk, a mail, a USB stick).
 *
 * The input is opened as a replay from memory, then used as every reader
 * does: replay_check over every chunk, every record read in order (going
 * on past a damaged chunk, as a viewer showing what is readable would),
 * then a seek to the middle and to each chunk's times with its keyframe
 * and first record.  Nothing may crash, hang or leak, and the counts must
 * agree: a record replay_next returns has a type the format has and a
 * clock inside its chunk's.
 *
 * The reader takes every CRC-32 in this build (the Makefile defines
 * FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION), but a mutated chunk almost
 * never passes zlib's own check, so an input that starts with 'R' is the
 * inflated bytes of a chunk instead (after the 'R', a byte for the
 * format version), decoded record by record as the reader does once a
 * chunk has passed them.
 *
 * Built and run by `make fuzz`; the seed corpus is small real replays the
 * Makefile records (a drill paced fast enough to close several chunks,
 * and stock scenarios), and their chunks inflated (replay_seeds.py).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "replay_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_ignore(void *ctx, size_t chunk, const char *message)
{
	size_t *n = ctx;

	if (chunk >= 1u << 30 || message[0] == '\0')
		abort();
	(*n)++;
}

/* Read on from where r is, at most limit records; the records read. */
static size_t fuzz_read(struct replay_reader *r, size_t limit)
{
	struct replay_record rec;
	char err[600];
	size_t n = 0, failures = 0;
	int got;

	while (n < limit && (got = replay_next(r, &rec, err, sizeof(err))) != 0) {
		if (got < 0) {
			/* A damaged chunk is left; the reader goes on after it. */
			if (err[0] == '\0' || ++failures > replay_chunks(r))
				abort();
			continue;
		}
		if (rec.type < REPLAY_REC_EVENT || rec.type > REPLAY_SCORE)
			abort();
		n++;
	}
	return n;
}

/* The inflated bytes of a chunk, decoded. */
static void fuzz_chunk(const uint8_t *data, size_t size)
{
	struct replay_dec d;
	struct replay_record rec;
	char err[300];
	size_t n = 0;
	int got;

	replay_dec_init(&d);
	d.version = 2 + data[0] % (REPLAY_VERSION - 1);
	replay_dec_reset(&d, data + 1, size - 1, 0);
	while ((got = replay_dec_next(&d, &rec, err, sizeof(err))) > 0) {
		/* Every record takes at least two bytes. */
		if (++n > size / 2 || rec.type < REPLAY_REC_EVENT || rec.type > REPLAY_KEYFRAME)
			abort();
		if (rec.type == REPLAY_KEYFRAME && (d.version < 4 || rec.keyframe == NULL))
			abort();
	}
	if (got < 0 && err[0] == '\0')
		abort();
	replay_dec_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct replay_reader *r;
	char err[600];
	size_t damaged = 0, chunks;

	if (size >= 2 && data[0] == 'R') {
		fuzz_chunk(data + 1, size - 1);
		return 0;
	}
	r = replay_open_mem("fuzz.rpl", data, size, err, sizeof(err));
	if (r == NULL) {
		if (err[0] == '\0')
			abort();
		return 0;
	}
	chunks = replay_chunks(r);
	if (replay_check(r, fuzz_ignore, &damaged) != damaged || damaged > chunks)
		abort();
	fuzz_read(r, SIZE_MAX);
	for (size_t i = 0; i < chunks; i++) {
		const struct replay_chunk_info *c = replay_chunk(r, i);
		const struct replay_keyframe *kf;

		if (c->first > c->last || (i > 0 && c->first < replay_chunk(r, i - 1)->last))
			abort();
		replay_seek(r, c->first);
		kf = replay_keyframe(r, err, sizeof(err));
		if (kf && (kf->clock > c->last || kf->chunk >= chunks))
			abort();
		fuzz_read(r, 3);
	}
	if (chunks > 0) {
		replay_seek(r, replay_chunk(r, chunks / 2)->last);
		fuzz_read(r, SIZE_MAX);
	}
	replay_close(r);
	return 0;
}
