/*
 * serve.h - `irdrill serve`: one drill, many consoles (docs/protocol.md).
 *
 * The server owns the drill and its pace.  It listens on a Unix socket
 * (mode 0660) and optionally on TCP, checks each console's join token
 * against the hashes in the exercise store, and keeps every console's
 * replica in step: a snapshot on joining (the drill's files, seed and
 * every committed action), then the clock's ticks and each action as it
 * is committed.  A console's action goes through the one action path
 * (action_parse, the drill's checks, the store's commit) as its own team
 * and nobody else's; the white cell's controls (pause, speed, end) are
 * refused from teams.  One poll() loop, no threads: a console that is
 * slow gets a bounded queue and then a fresh snapshot, a console that
 * sends anything malformed, oversized or out of order is closed with
 * the reason logged; neither slows the drill or the other consoles.
 *
 * Depends on drill, proto, store, pace, action and sha256.
 */
#ifndef SERVE_H
#define SERVE_H

#include <stdbool.h>
#include <stdio.h>

#include "cmd_drill.h"

/* Bytes a console may have queued beyond the frame being written before
 * it is sent a fresh snapshot instead. */
#define SERVE_QUEUE_MAX (1u << 20)
/* Largest message a console may send. */
#define SERVE_CLIENT_MESSAGE_MAX (PROTO_MAX_TEXT + 256)
#define SERVE_MAX_CLIENTS 256
/* Random bytes in a join token (printed as hex). */
#define SERVE_TOKEN_BYTES 16

/*
 * Play the drill f holds for its consoles until it ends (its time is
 * up, or the white cell ends it, or SIGINT/SIGTERM): make and print the
 * join tokens on out, listen, serve.  Log lines go to log.  False if it
 * could not start (the message said) or the drill halted.
 */
bool serve_drill(const struct drill_front *f, FILE *out, FILE *log);

#endif
