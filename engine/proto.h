/*
 * proto.h - the messages between `irdrill serve` and its consoles
 * (docs/protocol.md): a small, versioned, length-prefixed codec.
 *
 * A frame is a 4-byte big-endian length, then that many bytes: a type
 * byte and the message's fields.  Integers are big-endian; a string or a
 * blob is a 4-byte length and its bytes.  Every length is checked against
 * what is left of the frame and against its own cap, so a decoder fed any
 * bytes either fills a message or says what is wrong, and never reads
 * past the frame.  The server owns the drill: consoles keep a replica
 * that the snapshot and the broadcast actions and ticks keep in step.
 *
 * Encoding cannot fail (strbuf grows through xmalloc); a message larger
 * than PROTO_MAX_MESSAGE is the caller's bug, checked by proto_encode.
 * Depends on strbuf, simclock and xmalloc.
 */
#ifndef PROTO_H
#define PROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "simclock.h"
#include "strbuf.h"

#define PROTO_VERSION 1
/* Largest frame body: a snapshot holds the scenario, the network model
 * (56 KiB for the default province) and every committed action. */
#define PROTO_MAX_MESSAGE (4u << 20)
/* Caps of single fields. */
#define PROTO_MAX_NAME 64       /* a team, an exercise id, a file's base name */
#define PROTO_MAX_TEXT 2048     /* a command, a result, an error */
#define PROTO_MAX_FILE (1u << 20) /* the scenario or the network model */
#define PROTO_MAX_TEAMS 16
#define PROTO_MAX_ACTIONS 20000
#define PROTO_HEAD 4            /* the length prefix */

enum proto_type {
	PROTO_HELLO = 1, /* console: version, team (or the white cell), token */
	PROTO_SNAPSHOT,  /* server: everything a console needs to build its replica */
	PROTO_TICK,      /* server: the drill's clock, speed, pause */
	PROTO_ACTION,    /* console: a team command */
	PROTO_CONTROL,   /* console (white cell): pause, resume, speed N, end */
	PROTO_RESULT,    /* server: the answer to one ACTION or CONTROL */
	PROTO_ACTED,     /* server: an action committed and applied, to everyone */
	PROTO_ERROR,     /* server: why it closes this connection */
	PROTO_BYE,       /* either side: leaving, with a reason */
	PROTO_TYPE_END
};

/* A committed action as the store holds it. */
struct proto_action {
	uint32_t seq; /* 1, 2, … in the order taken */
	sim_time_t time;
	char *team, *command, *result;
};

struct proto_clock {
	sim_time_t now;
	uint32_t speed; /* 0: as fast as the engine goes */
	bool paused, ended;
};

struct proto_snapshot {
	char *exercise, *team; /* team: the console's (or the white cell) */
	char *scenario_name, *network_name; /* base names */
	char *scenario, *network;           /* the files' bytes */
	size_t scenario_len, network_len;
	char *scenario_sha256, *network_sha256; /* hex */
	uint64_t seed;
	char *background; /* activities per second, as printed with %.17g */
	struct proto_clock clock;
	char **teams;
	uint32_t nteams;
	struct proto_action *actions;
	uint32_t nactions;
};

/* One decoded message; only the fields of its type are set.  Strings are
 * NUL-terminated copies owned by the message (proto_msg_free). */
struct proto_msg {
	enum proto_type type;
	uint32_t version; /* hello */
	uint32_t id;      /* action, control, result: the console's number */
	bool ok;          /* result */
	char *team;       /* hello, action */
	char *token;      /* hello */
	char *text;       /* action, control: the command; result, error, bye: the words */
	struct proto_clock clock;    /* tick */
	struct proto_action action;  /* acted */
	struct proto_snapshot snap;  /* snapshot */
};

/* Append m as one frame to out. */
void proto_encode(const struct proto_msg *m, struct strbuf *out);

/*
 * Look at the start of a stream: 0 if a whole frame is not there yet, 1
 * with *body_len set (the frame is PROTO_HEAD + *body_len bytes), -1 with
 * a message if the length prefix is zero or above PROTO_MAX_MESSAGE.
 */
int proto_frame(const void *buf, size_t avail, size_t *body_len, char *err, size_t errlen);

/* Decode one frame's body; 0, or -1 with a message (and nothing to free). */
int proto_decode(const void *body, size_t len, struct proto_msg *out, char *err, size_t errlen);
void proto_msg_free(struct proto_msg *m);

/* "hello", "snapshot", …; "unknown" for anything else. */
const char *proto_type_name(unsigned type);

#endif
