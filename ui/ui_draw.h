/*
 * ui_draw.h - the console's screen: the one place that draws.
 *
 * Called once per loop; redraws the parts of the screen whose model
 * flags are dirty (everything after a resize or a change of pane) and
 * clears the flags.  It reads the engine only through ui_view and the
 * console state of ui_model, and changes neither the drill nor the
 * model's meaning (it only keeps scroll positions in range).
 *
 * Layout, from the top: the top bar (scenario, clock, speed, team), the
 * pane tabs, the pane (at 160 columns and wider the timeline, or the
 * feed, shares the screen as a side pane), the message line and the
 * command line.  Panes are a table of draw functions, so a new pane
 * (the scoreboard) is one entry and one enum value.
 * State shows by a symbol as well as by colour, so a monochrome terminal
 * loses nothing.  Depends on ncursesw, ui_model, ui_view, ui_text and
 * ui_cmd.
 */
#ifndef UI_DRAW_H
#define UI_DRAW_H

#include <stdbool.h>

#include "ui_model.h"

/* Colour pairs, when the terminal has colour and NO_COLOR is unset. */
void ui_draw_init(bool colour);
void ui_draw(struct ui_model *m);

/* For a front end's own top bar and help (ui_model's draw_top and
 * draw_help): text in exactly w cells at (y, x), returning the cells
 * used, and the attributes the console's bar, pause and overlay use. */
enum ui_draw_style { UI_STYLE_BAR, UI_STYLE_PAUSED, UI_STYLE_OVERLAY };
int ui_draw_text(int y, int x, int w, const char *text, unsigned attr, bool pad);
unsigned ui_draw_attr(enum ui_draw_style style);

#endif
