/*
 * ui_term.h - the terminal of a curses front end (the live console, the
 * replay viewer): set up in the console's modes (cbreak, no echo, keypad,
 * colour unless the terminal has none or NO_COLOR is set) and given back
 * when the front end leaves, at exit, and on a fatal signal, so a crash
 * never leaves the trainer's terminal raw.  Ctrl-C, TERM and HUP ask the
 * front end to stop rather than kill it, so it can leave cleanly.
 */
#ifndef UI_TERM_H
#define UI_TERM_H

#include <stdbool.h>

/* Take the terminal; false, with a message ending in hint (as "; use
 * irdrill run --headless", or ""), if it cannot be used. */
bool ui_term_open(const char *hint);
/* Whether Ctrl-C, TERM or HUP has asked the front end to stop. */
bool ui_term_stop_asked(void);
/* Give the terminal back; once it is back, a no-op. */
void ui_term_close(void);

#endif
