#include "ui_term.h"

#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_draw.h"

static volatile sig_atomic_t ui_term_stop;
static SCREEN *ui_term_screen; /* NULL: the terminal is ours no more */
static bool ui_term_at_exit;

static void ui_term_on_stop(int sig)
{
	(void)sig;
	ui_term_stop = 1;
}

/* endwin() is not async-signal-safe, but the process is ending anyway
 * and the terminal is worth the risk; the default action then runs. */
static void ui_term_on_fatal(int sig)
{
	if (ui_term_screen)
		endwin();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void ui_term_signals(void)
{
	static const int fatal[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = ui_term_on_stop;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = ui_term_on_fatal;
	sa.sa_flags = SA_RESETHAND;
	for (size_t i = 0; i < sizeof(fatal) / sizeof(*fatal); i++)
		sigaction(fatal[i], &sa, NULL);
}

bool ui_term_open(const char *hint)
{
	const char *no_colour = getenv("NO_COLOR");

	ui_term_screen = newterm(NULL, stdout, stdin);
	if (ui_term_screen == NULL) {
		fprintf(stderr, "irdrill: cannot use the terminal '%s'%s\n", getenv("TERM") ? getenv("TERM") : "",
			hint);
		return false;
	}
	ui_term_stop = 0;
	if (!ui_term_at_exit)
		atexit(ui_term_close);
	ui_term_at_exit = true;
	ui_term_signals();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	ui_draw_init(has_colors() && !(no_colour && *no_colour));
	return true;
}

bool ui_term_stop_asked(void)
{
	return ui_term_stop != 0;
}

void ui_term_close(void)
{
	if (ui_term_screen) {
		endwin();
		delscreen(ui_term_screen);
		ui_term_screen = NULL;
	}
}
