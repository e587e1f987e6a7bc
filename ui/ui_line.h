/*
 * ui_line.h - the command line's editor: a UTF-8 line, a cursor, and the
 * history that up and down walk through.
 *
 * The cursor moves by letter (a code point with the combining marks that
 * follow it), so a Vietnamese letter written in decomposed form is
 * crossed and deleted as one.  No terminal here: the console feeds keys
 * in and draws the buffer.  Depends on ui_text.
 */
#ifndef UI_LINE_H
#define UI_LINE_H

#include <stdbool.h>
#include <stddef.h>

#define UI_LINE_MAX 512
#define UI_LINE_HISTORY 100

struct ui_line {
	char buf[UI_LINE_MAX];
	size_t len, cur;             /* bytes; cur is always on a letter boundary */
	char *history[UI_LINE_HISTORY]; /* oldest first, owned */
	int nhistory;
	int browse;                  /* index being shown, nhistory: the draft */
	char draft[UI_LINE_MAX];     /* what was typed before browsing */
};

void ui_line_init(struct ui_line *l);
void ui_line_free(struct ui_line *l);

/* Insert text at the cursor; false, changing nothing, if it would not fit. */
bool ui_line_insert(struct ui_line *l, const char *text);
/* Replace the whole line, cursor at the end. */
void ui_line_set(struct ui_line *l, const char *text);
void ui_line_clear(struct ui_line *l);

void ui_line_left(struct ui_line *l);
void ui_line_right(struct ui_line *l);
void ui_line_home(struct ui_line *l);
void ui_line_end(struct ui_line *l);
/* Delete the letter before the cursor (Backspace) or under it (Delete). */
void ui_line_backspace(struct ui_line *l);
void ui_line_delete(struct ui_line *l);
/* Delete from the start of the line (Ctrl-U) or the word (Ctrl-W) to the cursor. */
void ui_line_kill_start(struct ui_line *l);
void ui_line_kill_word(struct ui_line *l);

/* Remember the line (not empty, not a repeat of the last one) and clear it. */
void ui_line_commit(struct ui_line *l);
/* Up: the previous line in history; down: the next, then the draft back. */
void ui_line_history_prev(struct ui_line *l);
void ui_line_history_next(struct ui_line *l);

/* Cells from the start of the line to the cursor. */
int ui_line_cursor_col(const struct ui_line *l);

#endif
