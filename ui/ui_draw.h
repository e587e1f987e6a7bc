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

#include <curses.h>
#include <stdbool.h>

#include "ui_model.h"

/* The feed is drawn at most this many times a second, however fast
 * its lines come; the other panes when they change. */
#define UI_DRAW_FEED_FPS 20

/* Colour pairs, when the terminal has colour and NO_COLOR is unset. */
void ui_draw_init(bool colour);
void ui_draw(struct ui_model *m);

/* For the panes drawn in their own files (ui_score.c): text at (y, x)
 * in exactly w cells (padded when pad), returning the cells used; and
 * the look of good (tone > 0) or bad news, a colour or in monochrome
 * an attribute. */
int ui_draw_put(int y, int x, int w, const char *text, attr_t attr, bool pad);
attr_t ui_draw_tone(int tone);

/* The attributes the console's bar, pause and overlay use, for front ends
 * that draw their own (ui_model's draw_top and draw_help). */
enum ui_draw_style { UI_STYLE_BAR, UI_STYLE_PAUSED, UI_STYLE_OVERLAY };
attr_t ui_draw_attr(enum ui_draw_style style);

#endif
