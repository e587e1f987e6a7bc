#include "store.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <sqlite3.h>
#include <uuid/uuid.h>

#include "xmalloc.h"

/* How long a write waits for another program's transaction to finish
 * before the store is reported locked. */
#define STORE_BUSY_MS 3000

struct store_team {
	char *name;
	char id[STORE_ID_SIZE];
};

struct store {
	sqlite3 *db;
	char *path;
	char err[1024];
	/* The current exercise. */
	char exercise[STORE_ID_SIZE];
	struct store_team *teams;
	int nteams;
	int next_seq;
};

/*
 * The migrations, in order: migrations[i] takes a store from version i to
 * i + 1.  A released one is never edited; a change of schema is a new
 * entry, and STORE_SCHEMA_VERSION follows the count.
 */
static const char *const store_migrations[] = {
	/* 0 -> 1: the first schema. */
	"CREATE TABLE exercises ("
	" id TEXT PRIMARY KEY,"
	" scenario_path TEXT NOT NULL, scenario_sha256 TEXT NOT NULL,"
	" network_path TEXT NOT NULL, network_sha256 TEXT NOT NULL,"
	" actions_path TEXT, actions_sha256 TEXT,"
	" seed TEXT NOT NULL,"
	" mode TEXT NOT NULL CHECK (mode IN ('shared', 'parallel')),"
	" background REAL NOT NULL,"
	" speed INTEGER NOT NULL,"
	" status TEXT NOT NULL CHECK (status IN ('running', 'finished')),"
	" created TEXT NOT NULL,"
	" ended TEXT);"
	"CREATE TABLE teams ("
	" id TEXT PRIMARY KEY,"
	" exercise TEXT NOT NULL REFERENCES exercises(id),"
	" position INTEGER NOT NULL,"
	" name TEXT NOT NULL,"
	" UNIQUE (exercise, name));"
	"CREATE TABLE actions ("
	" id TEXT PRIMARY KEY,"
	" exercise TEXT NOT NULL REFERENCES exercises(id),"
	" team TEXT NOT NULL REFERENCES teams(id),"
	" seq INTEGER NOT NULL,"
	" sim_us INTEGER NOT NULL,"
	" wall TEXT NOT NULL,"
	" command TEXT NOT NULL,"
	" result TEXT NOT NULL,"
	" UNIQUE (exercise, seq));"
	"CREATE TABLE scores ("
	" id INTEGER PRIMARY KEY,"
	" exercise TEXT NOT NULL REFERENCES exercises(id),"
	" team TEXT NOT NULL REFERENCES teams(id),"
	" sim_us INTEGER NOT NULL,"
	" component TEXT NOT NULL,"
	" points INTEGER NOT NULL,"
	" reason TEXT NOT NULL,"
	" expectation TEXT);"
	"CREATE INDEX scores_by_exercise ON scores (exercise, team);"
	"CREATE TABLE expectations ("
	" exercise TEXT NOT NULL REFERENCES exercises(id),"
	" team TEXT NOT NULL REFERENCES teams(id),"
	" id TEXT NOT NULL,"
	" status TEXT NOT NULL,"
	" sim_us INTEGER NOT NULL,"
	" PRIMARY KEY (exercise, team, id));",
	/* 1 -> 2: join tokens of served drills, as SHA-256 hashes only. */
	"CREATE TABLE tokens ("
	" exercise TEXT NOT NULL REFERENCES exercises(id),"
	" role TEXT NOT NULL,"
	" sha256 TEXT NOT NULL,"
	" PRIMARY KEY (exercise, role));",
	/* 2 -> 3: the zones each team owns in a shared drill ('' for none). */
	"ALTER TABLE teams ADD COLUMN zones TEXT NOT NULL DEFAULT '';",
};

_Static_assert(sizeof(store_migrations) / sizeof(*store_migrations) == STORE_SCHEMA_VERSION,
	       "one migration per schema version");

static int store_fail(struct store *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int store_fail(struct store *s, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(s->err, sizeof(s->err), "%s: ", s->path);

	va_start(ap, fmt);
	vsnprintf(s->err + n, sizeof(s->err) - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

/* Say what SQLite's last failure means for the user. */
static int store_fail_db(struct store *s, const char *doing)
{
	int code = sqlite3_errcode(s->db) & 0xff;

	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		return store_fail(s, "the store is locked by another program (still busy after %d s) while %s",
				  STORE_BUSY_MS / 1000, doing);
	if (code == SQLITE_NOTADB)
		return store_fail(s, "not an irdrill store (the file is not an SQLite database)");
	if (code == SQLITE_READONLY)
		return store_fail(s, "the store is read-only, cannot record while %s", doing);
	return store_fail(s, "%s while %s", sqlite3_errmsg(s->db), doing);
}

static int store_exec(struct store *s, const char *sql, const char *doing)
{
	return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : store_fail_db(s, doing);
}

static void store_rollback(struct store *s)
{
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

/* A pragma or query giving one integer; -1 on failure with the message
 * set. */
static int store_query_int(struct store *s, const char *sql, long long *out)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail_db(s, "reading the schema");
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail_db(s, "reading the schema");
}

/* Bring the schema to STORE_SCHEMA_VERSION, one transaction per step so
 * a failed migration leaves the store as it was. */
static int store_migrate(struct store *s, bool create)
{
	long long version, app, tables;
	char sql[96];

	if (store_query_int(s, "PRAGMA user_version", &version) != 0 ||
	    store_query_int(s, "PRAGMA application_id", &app) != 0 ||
	    store_query_int(s, "SELECT count(*) FROM sqlite_schema", &tables) != 0)
		return -1;
	if (tables == 0 && version == 0 && app == 0) {
		if (!create)
			return store_fail(s, "not an irdrill store (an empty database)");
		/* WAL cannot be switched on inside a transaction; it stays on in
		 * the file from now on. */
		if (store_exec(s, "PRAGMA journal_mode=WAL", "creating the store") != 0)
			return -1;
	} else if (app != STORE_APPLICATION_ID) {
		return store_fail(s, "not an irdrill store (an SQLite database of another program)");
	}
	if (version > STORE_SCHEMA_VERSION)
		return store_fail(s, "the store has schema version %lld, newer than this irdrill's (%d); "
				  "use a newer irdrill", version, STORE_SCHEMA_VERSION);
	for (; version < STORE_SCHEMA_VERSION; version++) {
		if (store_exec(s, "BEGIN IMMEDIATE", "upgrading the store") != 0)
			return -1;
		snprintf(sql, sizeof(sql), "PRAGMA user_version=%lld; PRAGMA application_id=%d", version + 1,
			 STORE_APPLICATION_ID);
		if (store_exec(s, store_migrations[version], "upgrading the store") != 0 ||
		    store_exec(s, sql, "upgrading the store") != 0 ||
		    store_exec(s, "COMMIT", "upgrading the store") != 0) {
			store_rollback(s);
			return -1;
		}
	}
	return 0;
}

struct store *store_open(const char *path, bool create, char *err, size_t errlen)
{
	struct store *s = xcalloc(1, sizeof(*s));
	struct stat st;
	int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);

	s->path = xstrdup(path);
	if (!create && stat(path, &st) != 0) {
		store_fail(s, "no such store (%s)", strerror(errno));
		goto fail;
	}
	if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
		if (s->db)
			store_fail(s, "cannot open the store: %s", sqlite3_errmsg(s->db));
		else
			store_fail(s, "cannot open the store");
		goto fail;
	}
	sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
	if (store_exec(s, "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL", "opening the store") != 0 ||
	    store_migrate(s, create) != 0)
		goto fail;
	return s;
fail:
	snprintf(err, errlen, "%s", s->err);
	store_close(s);
	return NULL;
}

static void store_teams_clear(struct store *s)
{
	for (int i = 0; i < s->nteams; i++)
		free(s->teams[i].name);
	free(s->teams);
	s->teams = NULL;
	s->nteams = 0;
}

void store_close(struct store *s)
{
	if (s == NULL)
		return;
	sqlite3_close(s->db);
	store_teams_clear(s);
	free(s->path);
	free(s);
}

const char *store_error(const struct store *s)
{
	return s->err;
}

static void store_uuid(char out[STORE_ID_SIZE])
{
	uuid_t u;

	uuid_generate_random(u);
	uuid_unparse_lower(u, out);
}

/* Wall time now, UTC, to the millisecond. */
static void store_now(char out[STORE_TIME_SIZE])
{
	struct timespec ts;
	struct tm tm;
	size_t n;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	n = strftime(out, STORE_TIME_SIZE, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out + n, STORE_TIME_SIZE - n, ".%03dZ", (int)(ts.tv_nsec / 1000000) % 1000);
}

static int store_prepare(struct store *s, const char *sql, sqlite3_stmt **st, const char *doing)
{
	return sqlite3_prepare_v2(s->db, sql, -1, st, NULL) == SQLITE_OK ? 0 : store_fail_db(s, doing);
}

/* Run a statement to its end; 0 or -1 with the message set.  The
 * statement is finalized either way. */
static int store_done(struct store *s, sqlite3_stmt *st, const char *doing)
{
	int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail_db(s, doing);

	sqlite3_finalize(st);
	return rc;
}

static void store_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

static int store_team_add(struct store *s, const char *name, const char *zones, int position)
{
	sqlite3_stmt *st;
	struct store_team *t;

	s->teams = xrealloc(s->teams, (size_t)(s->nteams + 1) * sizeof(*s->teams));
	t = &s->teams[s->nteams++];
	t->name = xstrdup(name);
	store_uuid(t->id);
	if (store_prepare(s, "INSERT INTO teams (id, exercise, position, name, zones) VALUES (?, ?, ?, ?, ?)", &st,
			  "recording a team") != 0)
		return -1;
	sqlite3_bind_text(st, 1, t->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, s->exercise, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, position);
	sqlite3_bind_text(st, 4, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, zones ? zones : "", -1, SQLITE_STATIC);
	return store_done(s, st, "recording a team");
}

int store_exercise_begin(struct store *s, struct store_exercise *ex)
{
	sqlite3_stmt *st;
	char seed[24];

	if (ex->nteams < 1)
		return store_fail(s, "an exercise needs at least one team");
	store_teams_clear(s);
	store_uuid(ex->id);
	store_now(ex->created);
	snprintf(s->exercise, sizeof(s->exercise), "%s", ex->id);
	s->next_seq = 1;
	snprintf(seed, sizeof(seed), "%" PRIu64, ex->seed);
	if (store_exec(s, "BEGIN IMMEDIATE", "recording the exercise") != 0)
		return -1;
	if (store_prepare(s, "INSERT INTO exercises (id, scenario_path, scenario_sha256, network_path,"
			  " network_sha256, actions_path, actions_sha256, seed, mode, background, speed, status,"
			  " created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?)", &st,
			  "recording the exercise") != 0)
		goto fail;
	store_bind_text(st, 1, ex->id);
	store_bind_text(st, 2, ex->scenario_path);
	store_bind_text(st, 3, ex->scenario_sha256);
	store_bind_text(st, 4, ex->network_path);
	store_bind_text(st, 5, ex->network_sha256);
	store_bind_text(st, 6, ex->actions_path);
	store_bind_text(st, 7, ex->actions_sha256);
	store_bind_text(st, 8, seed);
	store_bind_text(st, 9, ex->mode);
	sqlite3_bind_double(st, 10, ex->background);
	sqlite3_bind_int(st, 11, ex->speed);
	store_bind_text(st, 12, ex->created);
	if (store_done(s, st, "recording the exercise") != 0)
		goto fail;
	for (int i = 0; i < ex->nteams; i++)
		if (store_team_add(s, ex->teams[i], ex->zones ? ex->zones[i] : NULL, i) != 0)
			goto fail;
	if (store_exec(s, "COMMIT", "recording the exercise") != 0)
		goto fail;
	return 0;
fail:
	store_rollback(s);
	s->exercise[0] = '\0';
	store_teams_clear(s);
	return -1;
}

static char *store_column_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *v = sqlite3_column_text(st, i);

	return v ? xstrdup((const char *)v) : NULL;
}

static void store_column_copy(sqlite3_stmt *st, int i, char *out, size_t size)
{
	const unsigned char *v = sqlite3_column_text(st, i);

	snprintf(out, size, "%s", v ? (const char *)v : "");
}

static int store_exercise_teams(struct store *s, struct store_exercise *ex)
{
	sqlite3_stmt *st;
	int rc;

	if (store_prepare(s, "SELECT name, zones FROM teams WHERE exercise = ? AND position >= 0 ORDER BY position", &st,
			  "reading the teams") != 0)
		return -1;
	sqlite3_bind_text(st, 1, ex->id, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ex->teams = xrealloc(ex->teams, (size_t)(ex->nteams + 1) * sizeof(*ex->teams));
		ex->zones = xrealloc(ex->zones, (size_t)(ex->nteams + 1) * sizeof(*ex->zones));
		ex->zones[ex->nteams] = store_column_dup(st, 1);
		ex->teams[ex->nteams++] = store_column_dup(st, 0);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_fail_db(s, "reading the teams");
}

/* An exercise id prefix, lower-cased as libuuid writes ids; false if it
 * holds anything a UUID's text does not, so it can go into a LIKE
 * pattern as it is. */
static bool store_id_prefix(const char *id, char out[STORE_ID_SIZE])
{
	size_t n = strlen(id);

	if (n >= STORE_ID_SIZE || strspn(id, "0123456789abcdefABCDEF-") != n)
		return false;
	for (size_t i = 0; i <= n; i++)
		out[i] = (char)tolower((unsigned char)id[i]);
	return true;
}

int store_exercise_find(struct store *s, const char *id, struct store_exercise *ex)
{
	static const char columns[] = "SELECT id, scenario_path, scenario_sha256, network_path, network_sha256,"
				      " actions_path, actions_sha256, seed, mode, background, speed, status,"
				      " created, ended FROM exercises ";
	char sql[512], prefix[STORE_ID_SIZE], pattern[STORE_ID_SIZE + 1], others[2][STORE_ID_SIZE];
	bool latest = id == NULL || *id == '\0';
	sqlite3_stmt *st;
	int rc, found = 0;

	memset(ex, 0, sizeof(*ex));
	if (!latest && !store_id_prefix(id, prefix))
		return store_fail(s, "'%s' is not an exercise id (hexadecimal digits and dashes)", id);
	snprintf(sql, sizeof(sql), "%s%s", columns,
		 latest ? "ORDER BY created DESC, rowid DESC LIMIT 1" : "WHERE id LIKE ? ORDER BY created");
	if (store_prepare(s, sql, &st, "reading the exercises") != 0)
		return -1;
	if (!latest) {
		snprintf(pattern, sizeof(pattern), "%s%%", prefix);
		sqlite3_bind_text(st, 1, pattern, -1, SQLITE_STATIC);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *seed = (const char *)sqlite3_column_text(st, 7);

		if (found < 2)
			store_column_copy(st, 0, others[found], sizeof(others[found]));
		if (found++ > 0)
			continue;
		store_column_copy(st, 0, ex->id, sizeof(ex->id));
		ex->scenario_path = store_column_dup(st, 1);
		ex->scenario_sha256 = store_column_dup(st, 2);
		ex->network_path = store_column_dup(st, 3);
		ex->network_sha256 = store_column_dup(st, 4);
		ex->actions_path = store_column_dup(st, 5);
		ex->actions_sha256 = store_column_dup(st, 6);
		ex->seed = seed ? strtoull(seed, NULL, 10) : 0;
		ex->mode = store_column_dup(st, 8);
		ex->background = sqlite3_column_double(st, 9);
		ex->speed = sqlite3_column_int(st, 10);
		ex->status = store_column_dup(st, 11);
		store_column_copy(st, 12, ex->created, sizeof(ex->created));
		store_column_copy(st, 13, ex->ended, sizeof(ex->ended));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		store_exercise_free(ex);
		return store_fail_db(s, "reading the exercises");
	}
	if (found != 1) {
		store_exercise_free(ex);
		if (found == 0)
			return latest ? store_fail(s, "no exercise in the store yet")
				      : store_fail(s, "no exercise '%s' in the store", id);
		return store_fail(s, "'%s' matches %d exercises (%s, %s%s); give more of the id", id, found,
				  others[0], others[1], found > 2 ? ", …" : "");
	}
	if (store_exercise_teams(s, ex) != 0) {
		store_exercise_free(ex);
		return -1;
	}
	return 0;
}

void store_exercise_free(struct store_exercise *ex)
{
	free(ex->scenario_path), free(ex->scenario_sha256);
	free(ex->network_path), free(ex->network_sha256);
	free(ex->actions_path), free(ex->actions_sha256);
	free(ex->mode), free(ex->status);
	for (int i = 0; i < ex->nteams; i++)
		free(ex->teams[i]), free(ex->zones[i]);
	free(ex->teams);
	free(ex->zones);
	memset(ex, 0, sizeof(*ex));
}

/* Delete the current exercise's rows of one derived table. */
static int store_clear(struct store *s, const char *sql)
{
	sqlite3_stmt *st;

	if (store_prepare(s, sql, &st, "clearing the scores to resume") != 0)
		return -1;
	sqlite3_bind_text(st, 1, s->exercise, -1, SQLITE_STATIC);
	return store_done(s, st, "clearing the scores to resume");
}

int store_exercise_reopen(struct store *s, const struct store_exercise *ex)
{
	sqlite3_stmt *st;
	long long last = 0;
	int rc;

	if (ex->status == NULL || strcmp(ex->status, "running") != 0)
		return store_fail(s, "exercise %s has %s (%s); only a running one can be resumed", ex->id,
				  ex->status ? ex->status : "no status", ex->ended);
	store_teams_clear(s);
	snprintf(s->exercise, sizeof(s->exercise), "%s", ex->id);
	if (store_prepare(s, "SELECT name, id FROM teams WHERE exercise = ? ORDER BY position", &st,
			  "reading the teams") != 0)
		goto fail;
	sqlite3_bind_text(st, 1, s->exercise, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		s->teams = xrealloc(s->teams, (size_t)(s->nteams + 1) * sizeof(*s->teams));
		s->teams[s->nteams].name = store_column_dup(st, 0);
		store_column_copy(st, 1, s->teams[s->nteams++].id, STORE_ID_SIZE);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		store_fail_db(s, "reading the teams");
		goto fail;
	}
	if (store_prepare(s, "SELECT coalesce(max(seq), 0) FROM actions WHERE exercise = ?", &st,
			  "reading the actions") != 0)
		goto fail;
	sqlite3_bind_text(st, 1, s->exercise, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		last = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	s->next_seq = (int)last + 1;
	if (store_exec(s, "BEGIN IMMEDIATE", "clearing the scores to resume") != 0)
		goto fail;
	if (store_clear(s, "DELETE FROM scores WHERE exercise = ?") != 0 ||
	    store_clear(s, "DELETE FROM expectations WHERE exercise = ?") != 0 ||
	    store_exec(s, "COMMIT", "clearing the scores to resume") != 0) {
		store_rollback(s);
		goto fail;
	}
	return 0;
fail:
	s->exercise[0] = '\0';
	store_teams_clear(s);
	return -1;
}

static int store_current(struct store *s)
{
	return s->exercise[0] ? 0 : store_fail(s, "no exercise begun or reopened");
}

int store_exercise_end(struct store *s)
{
	sqlite3_stmt *st;
	char now[STORE_TIME_SIZE];

	if (store_current(s) != 0)
		return -1;
	store_now(now);
	if (store_prepare(s, "UPDATE exercises SET status = 'finished', ended = ? WHERE id = ?", &st,
			  "ending the exercise") != 0)
		return -1;
	sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, s->exercise, -1, SQLITE_STATIC);
	return store_done(s, st, "ending the exercise");
}

/* The id of a team of the current exercise, NULL with the message set. */
static const char *store_team_id(struct store *s, const char *team)
{
	if (store_current(s) != 0)
		return NULL;
	for (int i = 0; i < s->nteams; i++)
		if (strcmp(s->teams[i].name, team) == 0)
			return s->teams[i].id;
	/* The white cell's controls are its actions: its row, at position
	 * -1 (no team of --teams), is made with its first one. */
	if (strcmp(team, STORE_WHITE_CELL) == 0) {
		if (store_team_add(s, team, "", -1) == 0)
			return s->teams[s->nteams - 1].id;
		free(s->teams[--s->nteams].name);
		return NULL;
	}
	store_fail(s, "no team '%s' in exercise %s", team, s->exercise);
	return NULL;
}

int store_action_add(struct store *s, const char *team, sim_time_t time, const char *command,
		     const char *result)
{
	const char *team_id = store_team_id(s, team);
	char id[STORE_ID_SIZE], wall[STORE_TIME_SIZE];
	sqlite3_stmt *st;

	if (team_id == NULL)
		return -1;
	store_uuid(id);
	store_now(wall);
	if (store_prepare(s, "INSERT INTO actions (id, exercise, team, seq, sim_us, wall, command, result)"
			  " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", &st, "recording a team action") != 0)
		return -1;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, s->exercise, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, team_id, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, s->next_seq);
	sqlite3_bind_int64(st, 5, time);
	sqlite3_bind_text(st, 6, wall, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, command, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, result, -1, SQLITE_STATIC);
	if (store_done(s, st, "recording a team action") != 0)
		return -1;
	s->next_seq++;
	return 0;
}

int store_actions_load(struct store *s, const char *exercise, struct store_action **out, int *n)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (store_prepare(s, "SELECT a.seq, t.name, a.sim_us, a.wall, a.command, a.result FROM actions a"
			  " JOIN teams t ON t.id = a.team WHERE a.exercise = ? ORDER BY a.seq", &st,
			  "reading the actions") != 0)
		return -1;
	sqlite3_bind_text(st, 1, exercise, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_action *a;

		*out = xgrow(*out, &cap, (size_t)*n + 1, sizeof(**out));
		a = &(*out)[(*n)++];
		a->seq = sqlite3_column_int(st, 0);
		a->team = store_column_dup(st, 1);
		a->time = sqlite3_column_int64(st, 2);
		store_column_copy(st, 3, a->wall, sizeof(a->wall));
		a->command = store_column_dup(st, 4);
		a->result = store_column_dup(st, 5);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		store_actions_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_fail_db(s, "reading the actions");
	}
	return 0;
}

void store_actions_free(struct store_action *v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i].team), free(v[i].command), free(v[i].result);
	free(v);
}

int store_score_add(struct store *s, const char *team, sim_time_t time, const char *component, int points,
		    const char *reason, const char *expectation)
{
	const char *team_id = store_team_id(s, team);
	sqlite3_stmt *st;

	if (team_id == NULL)
		return -1;
	if (store_prepare(s, "INSERT INTO scores (exercise, team, sim_us, component, points, reason, expectation)"
			  " VALUES (?, ?, ?, ?, ?, ?, ?)", &st, "recording a score") != 0)
		return -1;
	sqlite3_bind_text(st, 1, s->exercise, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, team_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, time);
	sqlite3_bind_text(st, 4, component, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, points);
	sqlite3_bind_text(st, 6, reason, -1, SQLITE_STATIC);
	store_bind_text(st, 7, expectation);
	return store_done(s, st, "recording a score");
}

int store_expectation_set(struct store *s, const char *team, const char *expectation, const char *status,
			  sim_time_t time)
{
	const char *team_id = store_team_id(s, team);
	sqlite3_stmt *st;

	if (team_id == NULL)
		return -1;
	if (store_prepare(s, "INSERT INTO expectations (exercise, team, id, status, sim_us) VALUES (?, ?, ?, ?, ?)"
			  " ON CONFLICT (exercise, team, id) DO UPDATE SET status = excluded.status,"
			  " sim_us = excluded.sim_us", &st, "recording an expectation") != 0)
		return -1;
	sqlite3_bind_text(st, 1, s->exercise, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, team_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, expectation, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, status, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, time);
	return store_done(s, st, "recording an expectation");
}

int store_scores_load(struct store *s, const char *exercise, struct store_score **out, int *n)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (store_prepare(s, "SELECT t.name, c.sim_us, c.component, c.points, c.reason, c.expectation"
			  " FROM scores c JOIN teams t ON t.id = c.team WHERE c.exercise = ?"
			  " ORDER BY t.position, c.sim_us, c.id", &st, "reading the scores") != 0)
		return -1;
	sqlite3_bind_text(st, 1, exercise, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_score *c;

		*out = xgrow(*out, &cap, (size_t)*n + 1, sizeof(**out));
		c = &(*out)[(*n)++];
		c->team = store_column_dup(st, 0);
		c->time = sqlite3_column_int64(st, 1);
		c->component = store_column_dup(st, 2);
		c->points = sqlite3_column_int(st, 3);
		c->reason = store_column_dup(st, 4);
		c->expectation = store_column_dup(st, 5);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		store_scores_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_fail_db(s, "reading the scores");
	}
	return 0;
}

void store_scores_free(struct store_score *v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i].team), free(v[i].component), free(v[i].reason), free(v[i].expectation);
	free(v);
}

int store_token_set(struct store *s, const char *role, const char *sha256_hex)
{
	sqlite3_stmt *st;

	if (store_current(s) != 0 ||
	    store_prepare(s, "INSERT OR REPLACE INTO tokens (exercise, role, sha256) VALUES (?, ?, ?)", &st,
			  "recording a join token") != 0)
		return -1;
	sqlite3_bind_text(st, 1, s->exercise, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, role, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, sha256_hex, -1, SQLITE_STATIC);
	return store_done(s, st, "recording a join token");
}

int store_token_role(struct store *s, const char *sha256_hex, char *role, size_t size)
{
	sqlite3_stmt *st;
	int rc;

	if (store_current(s) != 0 ||
	    store_prepare(s, "SELECT role FROM tokens WHERE exercise = ? AND sha256 = ?", &st,
			  "reading the join tokens") != 0)
		return -1;
	sqlite3_bind_text(st, 1, s->exercise, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, sha256_hex, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(role, size, "%s", (const char *)sqlite3_column_text(st, 0));
		rc = 0;
	} else {
		rc = rc == SQLITE_DONE ? 1 : store_fail_db(s, "reading the join tokens");
	}
	sqlite3_finalize(st);
	return rc;
}
