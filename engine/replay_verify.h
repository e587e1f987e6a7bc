/*
 * replay_verify.h - `irdrill replay FILE --verify`: play the recorded
 * drill again and check that it makes the same records.
 *
 * The header names what the drill was played from: the scenario and the
 * network model (each refused if missing or if its SHA-256 is not the
 * recorded one), the seed, the mode, the teams and the background rate.
 * The team actions are the ones on the replay's timeline, queued again at
 * their times; the white cell's controls and messages are written on the
 * timeline again at theirs.  The re-simulated drill goes through the
 * replay writer (writing no file) and each record it makes is compared
 * with the file's, in order, field for field (their encodings), and each
 * keyframe of the file with the model as the re-simulated drill holds it
 * at that record.  The first difference is reported with its time, its
 * record kind, and both versions.
 *
 * Depends on drill, score, background, action, render and replay.
 */
#ifndef REPLAY_VERIFY_H
#define REPLAY_VERIFY_H

#include <stdio.h>

struct replay_verify_opts {
	const char *scenario; /* a copy of the scenario; NULL: the recorded path */
	const char *network;  /* a copy of the network model; NULL: the recorded path */
};

/* Verify the replay at path; messages on err, the verdict on out.  The
 * exit status: 0 identical, 1 a difference, a refusal or an error. */
int replay_verify(const char *path, const struct replay_verify_opts *o, FILE *out, FILE *err);

#endif
