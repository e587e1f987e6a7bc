/*
 * ui_remote.h - a console attached to `irdrill serve` (docs/protocol.md).
 *
 * The console keeps a replica of the served drill: from the snapshot it
 * writes the scenario and network it was sent (their SHA-256 checked),
 * opens the drill with the server's seed and background rate, applies
 * the committed actions at their times and runs to the server's clock;
 * then it follows the ticks and applies every broadcast action after
 * running to its time.  The engine is deterministic, so the replica is
 * the served drill, and the existing console draws it unchanged.  The
 * replica never runs past the server's clock and never acts by itself:
 * actions and controls go to the server, and come back as broadcasts.
 *
 * A cut connection is retried with a growing pause (up to 5 s); the
 * fresh snapshot is applied to the replica when it extends it (the usual
 * case), else a new replica is built (ui_remote_poll says so).
 *
 * Depends on proto, drill, background, score and action.
 */
#ifndef UI_REMOTE_H
#define UI_REMOTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "drill.h"
#include "proto.h"

struct score;
struct ui_remote;

/* What the console hears, besides the replica moving. */
struct ui_remote_hooks {
	void *ctx;
	/* The answer to one of this console's actions or controls. */
	void (*result)(void *ctx, uint32_t id, bool ok, const char *text);
	/* An action committed and applied (any team's). */
	void (*acted)(void *ctx, const struct proto_action *a);
	/* The connection was lost, or is back (informational). */
	void (*status)(void *ctx, const char *text);
};

enum ui_remote_event {
	UI_REMOTE_IDLE,    /* nothing new */
	UI_REMOTE_MOVED,   /* the replica moved or a message came */
	UI_REMOTE_REBUILT, /* a new replica: ui_remote_drill changed */
	UI_REMOTE_ENDED,   /* the drill has ended; the replica is final */
	UI_REMOTE_FAILED,  /* refused for good (bad token…): ui_remote_error */
};

/* Connect (PATH, or HOST:PORT), join as team with token and build the
 * replica; NULL with a message in err if that fails. */
struct ui_remote *ui_remote_open(const char *addr, const char *team, const char *token,
				 const struct ui_remote_hooks *hooks, char *err, size_t errlen);
void ui_remote_close(struct ui_remote *r);
/* Change what the console hears from now on. */
void ui_remote_set_hooks(struct ui_remote *r, const struct ui_remote_hooks *hooks);

/* Wait up to timeout_ms for the server (also for extra_fd to be readable,
 * -1 for none), then take everything it sent. */
enum ui_remote_event ui_remote_poll(struct ui_remote *r, int timeout_ms, int extra_fd);

/* Send a team command or a white-cell control; returns its id (for the
 * result hook), 0 if not connected now (nothing sent). */
uint32_t ui_remote_act(struct ui_remote *r, const char *command);
uint32_t ui_remote_control(struct ui_remote *r, const char *control);

struct drill *ui_remote_drill(const struct ui_remote *r);
struct score *ui_remote_score(const struct ui_remote *r);
const struct proto_clock *ui_remote_clock(const struct ui_remote *r);
const char *ui_remote_team(const struct ui_remote *r);
const char *ui_remote_exercise(const struct ui_remote *r);
bool ui_remote_white_cell(const struct ui_remote *r);
const char *ui_remote_error(const struct ui_remote *r);
/* The committed actions the replica has taken so far, in order. */
const struct proto_action *ui_remote_actions(const struct ui_remote *r, size_t *n);

/* The token without the command line: the file, else $IRDRILL_TOKEN,
 * else a prompt on the terminal (not echoed); false with a message. */
bool ui_remote_token(const char *file, char *buf, size_t size, char *err, size_t errlen);

#endif
