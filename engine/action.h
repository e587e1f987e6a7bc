/*
 * action.h - team actions: parse a command against the network model and
 * apply it to the model's state.
 *
 * One parser for every source of actions (an actions file, the console
 * and networked team clients), so a command means the same thing
 * wherever it is typed.  Parsing validates everything the network model
 * can tell (unknown or ambiguous host, malformed address, unknown site,
 * malformed alert id, report field) and changes nothing; what only the
 * running drill knows (does alert A-0007 exist yet) the drill checks
 * before applying (drill_take_action).  Applying cannot fail on a parsed
 * and checked action.  English command words, with Vietnamese aliases
 * (docs/actions.md).  Depends on net and simclock.
 */
#ifndef ACTION_H
#define ACTION_H

#include <stddef.h>
#include <stdint.h>

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
	ACTION_ACK,
	ACTION_CLASSIFY,
	ACTION_NOTE,
	ACTION_KILL,
	ACTION_REIMAGE,
	ACTION_REPORT,
	ACTION_ESCALATE,
	ACTION_HINT,
	ACTION_VERB_COUNT,
	/* A control of the white cell's (whitecell.h): no team command word;
	 * its value is the control as written back. */
	ACTION_WHITE
};

/* Who a report or an escalation goes to. */
enum action_recipient {
	ACTION_TO_SOC,               /* the provincial SOC */
	ACTION_TO_COORDINATOR,       /* the national coordinator */
	ACTION_TO_STEERING,          /* the provincial steering committee */
	ACTION_TO_POLICE,
	ACTION_TO_MILITARY,          /* the military region */
	ACTION_RECIPIENT_COUNT
};

#define ACTION_VALUE_MAX 512
#define ACTION_TEAM_MAX 32

struct action {
	sim_time_t time;
	char team[ACTION_TEAM_MAX];
	enum action_verb verb;
	int host;                      /* isolate, release, patch, shutdown, start, restore, reimage, kill */
	int system;                    /* shutdown, start, restore … from backup */
	int account;                   /* disable, enable, reset */
	int alert;                     /* ack, classify: 7 for A-0007 */
	bool true_positive;            /* classify */
	enum action_recipient to;      /* report, escalate */
	uint32_t pid;                  /* kill process */
	enum net_block_kind block_kind;
	/* block: the value; patch: service name, port or CVE ("" all); note:
	 * the text; report: its fields as "key=value …" in a fixed order. */
	char value[ACTION_VALUE_MAX];
	int site;                      /* block: firewall site, -1 everywhere */
	int line;                      /* in the actions file, 0 if typed */
};

/* Parse one command of team (a team's, or the white cell's when team is
 * WHITECELL_TEAM or "white": whitecell_parse); the same contract as
 * action_parse.  in_file: from an actions file. */
int action_parse_for(const struct net *net, const char *team, const char *command, bool in_file, struct action *out,
		     char *err, size_t errlen);
/* Parse one command ("isolate tdm-pc-01"); 0, or -1 with a plain-words
 * message in err and *out unspecified.  time, team and line are left for
 * the caller. */
int action_parse(const struct net *net, const char *command, struct action *out, char *err, size_t errlen);
/* Apply a parsed action to the model (triage, notes, reports and
 * escalations leave the model as it is). */
void action_apply(struct net *net, const struct action *a);
/* The event name scenarios subscribe to with on(): "isolate", "block", … */
const char *action_event_name(enum action_verb verb);
/* The verb whose English command word (its event name) is name, or -1. */
int action_verb_find(const char *name);
/* The verb a command word names, English or an alias ("cachly"), or -1. */
int action_command_word(const char *word);
/* "isolate, release, …": every command word, for messages. */
void action_verb_list(char *buf, size_t size);
/* Render the action back as a command line, in English. */
void action_format(const struct net *net, const struct action *a, char *buf, size_t size);
/* What the action is about, for the timeline and on(): a host, account,
 * system, blocked value, alert id or recipient; "" for a note. */
void action_target(const struct net *net, const struct action *a, char *buf, size_t size);
/* "A-0007". */
void action_alert_id(int alert, char *buf, size_t size);
const char *action_recipient_name(enum action_recipient to);

/*
 * A report's field (systems, level, vector, techniques, indicators) as
 * typed, lists comma-separated; NULL when the report does not give it.
 * The value is copied into buf.
 */
const char *action_report_field(const struct action *a, const char *key, char *buf, size_t size);

/*
 * An actions file: one action a line, "TIME TEAM COMMAND", TIME as
 * "T+hh:mm[:ss]", "hh:mm[:ss]" or a duration ("90m", "1h30m"), all
 * relative to the drill's start; '#' starts a comment, so a note in a
 * file cannot hold one.  Every bad line is reported
 * with file and line.  Returns the actions sorted by time (ties in file
 * order) in *out and their count, or -1.
 */
int action_load_file(const struct net *net, const char *path, struct action **out, struct diag *errs);

#endif
