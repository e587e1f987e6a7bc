/*
 * action.h - team actions: parse a command against the network model and
 * apply it to the model's state.
 *
 * One parser for every source of actions (an actions file now; the
 * console and networked team clients later), so a command means the same
 * thing wherever it is typed.  Parsing validates everything (unknown
 * host, malformed address, unknown site) and changes nothing; applying
 * cannot fail on a parsed action.  Depends on net and simclock.
 */
#ifndef ACTION_H
#define ACTION_H

#include <stddef.h>

#include "diag.h"
#include "net.h"
#include "simclock.h"

enum action_verb {
	ACTION_ISOLATE,
	ACTION_RELEASE,
	ACTION_BLOCK,
	ACTION_UNBLOCK,
	ACTION_DISABLE_ACCOUNT,
	ACTION_ENABLE_ACCOUNT,
	ACTION_RESET_PASSWORD,
	ACTION_PATCH,
	ACTION_SHUTDOWN,
	ACTION_START,
	ACTION_RESTORE,
};

#define ACTION_VALUE_MAX 256
#define ACTION_TEAM_MAX 32

struct action {
	sim_time_t time;
	char team[ACTION_TEAM_MAX];
	enum action_verb verb;
	int host;                      /* isolate, release, patch, shutdown, start, restore */
	int account;                   /* disable, enable, reset */
	enum net_block_kind block_kind;
	char value[ACTION_VALUE_MAX];  /* block value; patch: service name, port or CVE ("" all) */
	int site;                      /* block: firewall site, -1 everywhere */
	int line;                      /* in the actions file, 0 if typed */
};

/* Parse one command ("isolate tdm-pc-01"); 0, or -1 with a plain-words
 * message in err.  time, team and line are left for the caller. */
int action_parse(const struct net *net, const char *command, struct action *out, char *err, size_t errlen);
/* Apply a parsed action to the model. */
void action_apply(struct net *net, const struct action *a);
/* The event name scenarios subscribe to with on(): "isolate", "block", … */
const char *action_event_name(enum action_verb verb);
/* The verb whose command word is name, or -1. */
int action_verb_find(const char *name);
/* "isolate, release, …": every command word, for messages. */
void action_verb_list(char *buf, size_t size);
/* Render the action back as a command line. */
void action_format(const struct net *net, const struct action *a, char *buf, size_t size);

/*
 * An actions file: one action a line, "TIME TEAM COMMAND", TIME as
 * "T+hh:mm[:ss]", "hh:mm[:ss]" or a duration ("90m", "1h30m"), all
 * relative to the drill's start; '#' starts a comment.  Every bad line is
 * reported with file and line.  Returns the actions sorted by time (ties
 * in file order) in *out and their count, or -1.
 */
int action_load_file(const struct net *net, const char *path, struct action **out, struct diag *errs);

#endif
