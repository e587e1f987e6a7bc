/*
 * ui_serve.h - the curses console on a served drill (`irdrill console
 * --connect`): the live console's model, drawing and keys, fed by the
 * replica that ui_remote keeps in step with the server.
 *
 * The model never runs the drill itself here: each turn waits for the
 * server (or a key), lets the replica follow the server's clock, then
 * brings the model up to date.  A typed team command or a white-cell
 * control goes to the server, and its answer comes back on the message
 * line; view commands (filter, search, show, view, help, quit) stay
 * local.  A team's console shows its own timeline and points, and no
 * ground truth; the white cell's sees every team's actions as they come.
 * Depends on ui_model, ui_remote and ui_i18n.
 */
#ifndef UI_SERVE_H
#define UI_SERVE_H

#include <stdbool.h>
#include <stdint.h>

#include "ui_model.h"
#include "ui_remote.h"

/* Set the model up for the replica r (after ui_model_init on its drill). */
void ui_serve_attach(struct ui_model *m, struct ui_remote *r);

/* Wait up to ms for the server or a key on stdin, take what came and
 * bring the model up to date.  wall is the monotonic clock. */
void ui_serve_step(struct ui_model *m, struct ui_remote *r, int ms, int64_t (*wall)(void));

#endif
