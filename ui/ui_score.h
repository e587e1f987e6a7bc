/*
 * ui_score.h - the score pane (key 5): points with their reasons, the
 * scenario's expectations with their status, and for the white cell the
 * ground truth of the attack.
 *
 * The white cell sees every team's points and expectations and the
 * attack steps as they happen; a team's seat sees its own points and
 * expectations only.  Rows come from score.h as they are made (so the
 * end-of-drill rows show once the drill is scored); an expectation is
 * pending until a row settles it (the white cell's mark, or the end),
 * then met or missed, as the exercise store keeps it.  The lines are
 * built as text (ui_score_lines, pure, for the unit tests) and drawn by
 * ui_score_draw.  Depends on score, drill, ui_model, ui_view and
 * ui_draw.
 */
#ifndef UI_SCORE_H
#define UI_SCORE_H

#include <stddef.h>

#include "ui_model.h"

/* What a line of the pane is, for its look. */
enum ui_score_kind {
	UI_SCORE_HEAD,    /* a section title */
	UI_SCORE_TOTAL,   /* the teams' totals */
	UI_SCORE_EXPECT,  /* an expectation and its status */
	UI_SCORE_ROW,     /* a score row */
	UI_SCORE_STEP,    /* an attack step (white cell) */
	UI_SCORE_NOTE,    /* nothing yet */
};

#define UI_SCORE_TEXT 640

struct ui_score_line {
	enum ui_score_kind kind;
	int tone; /* -1 bad (missed, minus points), 0 neutral (pending), 1 good */
	char text[UI_SCORE_TEXT];
};

/* "detect beacon within 30 min" for an expectation, in the console's language. */
void ui_score_expect_text(const struct drill_expect *x, char *buf, size_t size);

/*
 * The pane's lines for the seat, at most max, in sections: totals,
 * expectations (at most half the room), points (the newest last, back
 * rows scrolled off the end), and for the white cell the last attack
 * steps; the expectations' descriptions fit in cols cells beside their
 * statuses.  Returns the count.
 */
int ui_score_lines(const struct ui_model *m, struct ui_score_line *out, int max, int back, int cols);

/* Draw the pane at (y, x), h rows by w cells. */
void ui_score_draw(struct ui_model *m, int y, int x, int h, int w);

#endif
