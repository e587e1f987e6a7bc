/*
 * ui_complete.h - Tab completion on the command line: command words, then
 * what each command takes (hosts, accounts, sites, teams, speeds…).
 *
 * The team commands are the action language of action.h; the console's
 * own commands come from its command table with the kind of argument
 * each takes, so completion never lists a word the parser would refuse.
 * Pure logic over the network model, the alerts and the line: no
 * terminal.  Depends on net, alert, action and ui_line.
 */
#ifndef UI_COMPLETE_H
#define UI_COMPLETE_H

#include <stddef.h>

#include "alert.h"
#include "net.h"
#include "ui_line.h"

/* What a console command's first argument is. */
enum ui_complete_arg {
	UI_ARG_NONE,
	UI_ARG_HOST,
	UI_ARG_TEAM,
	UI_ARG_SPEED,
	UI_ARG_FILTER, /* sensor|host|text|clear, then a sensor or a host */
	UI_ARG_PANE,
	UI_ARG_MARK,  /* a team, an expectation, met|missed */
	UI_ARG_EVENT, /* a sensor, then hosts for the two ends */
};

struct ui_complete_word {
	const char *name;
	enum ui_complete_arg arg;
};

struct ui_complete_ctx {
	const struct net *net;
	const struct alerts *alerts; /* raised so far; NULL for none */
	const struct ui_complete_word *commands; /* the console's own */
	int ncommands;
	const char *const *teams; /* for messages */
	int nteams;
	const char *const *panes;
	int npanes;
	const char *const *expects; /* the scenario's expectation ids */
	int nexpects;
	const bool *sensors; /* the seat's sensors (ui_view): only their alerts; NULL: all */
};

#define UI_COMPLETE_LIST 200
/* Expectation ids completed, at most. */
#define UI_COMPLETE_EXPECTS 32

/*
 * Complete the word before the cursor: to the longest prefix the
 * candidates share, and with a space after it when only one fits.
 * Returns how many candidates fit; list gets the first of them,
 * space-separated, for the status line (ending "…" when some are left).
 */
int ui_complete_line(const struct ui_complete_ctx *c, struct ui_line *l, char list[UI_COMPLETE_LIST]);

#endif
