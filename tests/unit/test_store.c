/* The exercise store: schema and its checks, exercises found by id
 * prefix, actions committed once each and in order, scores and
 * expectations, resuming, and refusals that change nothing. */
#include "harness.h"

#include <ctype.h>
#include <stdlib.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store.h"

static char dir[64];

static const char *tmp_path(const char *name)
{
	static char path[128];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return path;
}

/* Remove a store and the WAL files beside it. */
static void remove_store(const char *path)
{
	char p[160];

	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
}

/* One integer from a query on a separate connection: what another
 * program (the sqlite3 tool) would read. */
static long long peek_int(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long v = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return v;
}

static void exec_sql(const char *path, const char *sql)
{
	sqlite3 *db;

	CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
	CHECK_INT(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static char *team_names[] = { "soc", "team-tdm" };

static struct store_exercise sample(void)
{
	struct store_exercise ex = { 0 };

	ex.scenario_path = "/s/apt.lua";
	ex.scenario_sha256 = "aa";
	ex.network_path = "/s/networks/default.lua";
	ex.network_sha256 = "bb";
	ex.seed = UINT64_MAX;
	ex.mode = "shared";
	ex.background = 2.5;
	ex.speed = 60;
	ex.teams = team_names;
	ex.nteams = 2;
	return ex;
}

static struct store *open_store(const char *path, bool create)
{
	char err[256] = "";
	struct store *s = store_open(path, create, err, sizeof(err));

	CHECK_STR(err, "");
	CHECK(s != NULL);
	return s;
}

TEST(new_store_has_schema_wal_and_id)
{
	const char *path = tmp_path("new.db");
	struct store *s = open_store(path, true);

	store_close(s);
	CHECK_INT(peek_int(path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	CHECK_INT(peek_int(path, "PRAGMA application_id"), STORE_APPLICATION_ID);
	CHECK_INT(peek_int(path, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
			   "('exercises', 'teams', 'actions', 'scores', 'expectations')"), 5);
	CHECK_INT(peek_int(path, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1);
	/* Opening again neither migrates nor loses anything. */
	s = open_store(path, false);
	store_close(s);
	CHECK_INT(peek_int(path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	remove_store(path);
}

TEST(exercise_round_trip_and_actions_in_order)
{
	const char *path = tmp_path("ex.db");
	struct store *s = open_store(path, true);
	struct store_exercise ex = sample(), got;
	struct store_action *acts;
	int n;

	if (s == NULL)
		return;
	CHECK_INT(store_exercise_begin(s, &ex), 0);
	CHECK_INT((int)strlen(ex.id), 36);
	CHECK_INT(ex.created[10], 'T');
	CHECK_INT(store_action_add(s, "soc", 60 * SIM_SECOND, "block ip 198.51.100.77 at bd", "ok"), 0);
	/* Committed when the call returns: another program sees it. */
	CHECK_INT(peek_int(path, "SELECT count(*) FROM actions"), 1);
	CHECK_INT(store_action_add(s, "team-tdm", 50 * SIM_SECOND, "isolate tdm-pc-02", "ok"), 0);
	CHECK_INT(store_action_add(s, "nobody", 70 * SIM_SECOND, "isolate tdm-pc-02", "ok"), -1);
	CHECK_CONTAINS(store_error(s), "no team 'nobody' in exercise");
	store_close(s);

	s = open_store(path, false);
	CHECK_INT(store_exercise_find(s, NULL, &got), 0);
	CHECK_STR(got.id, ex.id);
	CHECK_STR(got.scenario_path, "/s/apt.lua");
	CHECK_STR(got.network_sha256, "bb");
	CHECK(got.actions_path == NULL);
	CHECK(got.seed == UINT64_MAX);
	CHECK_STR(got.mode, "shared");
	CHECK(got.background == 2.5);
	CHECK_INT(got.speed, 60);
	CHECK_STR(got.status, "running");
	CHECK_STR(got.ended, "");
	CHECK_INT(got.nteams, 2);
	CHECK_STR(got.nteams == 2 ? got.teams[1] : NULL, "team-tdm");
	store_exercise_free(&got);
	CHECK_INT(store_actions_load(s, ex.id, &acts, &n), 0);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_INT(acts[0].seq, 1);
		CHECK_STR(acts[0].team, "soc");
		CHECK_INT(acts[0].time, 60 * SIM_SECOND);
		CHECK_STR(acts[0].command, "block ip 198.51.100.77 at bd");
		CHECK_INT(acts[1].seq, 2);
		CHECK_STR(acts[1].team, "team-tdm");
		CHECK_STR(acts[1].result, "ok");
		CHECK_INT(acts[1].wall[4], '-');
	}
	store_actions_free(acts, n);
	store_close(s);
	remove_store(path);
}

TEST(find_by_prefix_latest_and_ambiguous)
{
	const char *path = tmp_path("find.db");
	struct store *s = open_store(path, true);
	struct store_exercise ex = sample(), got;
	char ids[17][STORE_ID_SIZE], shared[2] = "";
	int made = 0;

	if (s == NULL)
		return;
	CHECK_INT(store_exercise_find(s, NULL, &got), -1);
	CHECK_CONTAINS(store_error(s), "no exercise in the store yet");
	/* Seventeen ids: two must start with the same hex digit. */
	for (; made < 17 && shared[0] == '\0'; made++) {
		CHECK_INT(store_exercise_begin(s, &ex), 0);
		memcpy(ids[made], ex.id, STORE_ID_SIZE);
		for (int j = 0; j < made; j++)
			if (ids[j][0] == ex.id[0])
				shared[0] = ex.id[0];
	}
	CHECK(shared[0] != '\0');
	CHECK_INT(store_exercise_find(s, shared, &got), -1);
	CHECK_CONTAINS(store_error(s), "exercises (");
	CHECK_CONTAINS(store_error(s), "give more of the id");
	CHECK_INT(store_exercise_find(s, NULL, &got), 0);
	CHECK_STR(got.id, ids[made - 1]);
	store_exercise_free(&got);
	{
		char prefix[9];

		memcpy(prefix, ids[0], 8);
		prefix[8] = '\0';
		prefix[0] = (char)toupper((unsigned char)prefix[0]);
		CHECK_INT(store_exercise_find(s, prefix, &got), 0);
		CHECK_STR(got.id, ids[0]);
		store_exercise_free(&got);
	}
	CHECK_INT(store_exercise_find(s, "0000000-0000", &got), -1);
	CHECK_CONTAINS(store_error(s), "no exercise '0000000-0000' in the store");
	CHECK_INT(store_exercise_find(s, "x%", &got), -1);
	CHECK_CONTAINS(store_error(s), "'x%' is not an exercise id");
	store_close(s);
	remove_store(path);
}

TEST(scores_expectations_and_reopen)
{
	const char *path = tmp_path("scores.db");
	struct store *s = open_store(path, true);
	struct store_exercise ex = sample(), got;
	struct store_score *sc;
	int n;

	if (s == NULL)
		return;
	CHECK_INT(store_exercise_begin(s, &ex), 0);
	CHECK_INT(store_action_add(s, "soc", SIM_MINUTE, "isolate pc-ta-03", "ok"), 0);
	CHECK_INT(store_score_add(s, "team-tdm", 14 * SIM_MINUTE, "containment", 40,
				  "isolated pc-ta-03 14 min after the backdoor started", "contain-foothold"), 0);
	CHECK_INT(store_score_add(s, "soc", 20 * SIM_MINUTE, "false-positive", -10, "isolated clean host pc-01",
				  NULL), 0);
	CHECK_INT(store_score_add(s, "ghost", 20 * SIM_MINUTE, "x", 1, "y", NULL), -1);
	CHECK_INT(store_expectation_set(s, "soc", "detect-phish", "pending", 0), 0);
	CHECK_INT(store_expectation_set(s, "soc", "detect-phish", "met", 9 * SIM_MINUTE), 0);
	CHECK_INT(peek_int(path, "SELECT count(*) FROM expectations WHERE status = 'met' AND sim_us = 540000000"), 1);
	CHECK_INT(store_scores_load(s, ex.id, &sc, &n), 0);
	/* By team order (soc first), then as recorded. */
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(sc[0].team, "soc");
		CHECK_INT(sc[0].points, -10);
		CHECK(sc[0].expectation == NULL);
		CHECK_STR(sc[1].team, "team-tdm");
		CHECK_STR(sc[1].component, "containment");
		CHECK_STR(sc[1].expectation, "contain-foothold");
		CHECK_INT(sc[1].time, 14 * SIM_MINUTE);
	}
	store_scores_free(sc, n);
	store_close(s);

	/* Reopened to resume: the actions stay, derived rows go, numbering
	 * goes on after the last action. */
	s = open_store(path, false);
	CHECK_INT(store_exercise_find(s, ex.id, &got), 0);
	CHECK_INT(store_exercise_reopen(s, &got), 0);
	CHECK_INT(peek_int(path, "SELECT count(*) FROM scores"), 0);
	CHECK_INT(peek_int(path, "SELECT count(*) FROM expectations"), 0);
	CHECK_INT(store_action_add(s, "soc", 2 * SIM_MINUTE, "release pc-ta-03", "ok"), 0);
	CHECK_INT(peek_int(path, "SELECT max(seq) FROM actions"), 2);
	CHECK_INT(peek_int(path, "SELECT count(DISTINCT seq) FROM actions"), 2);
	CHECK_INT(store_exercise_end(s), 0);
	store_exercise_free(&got);
	CHECK_INT(store_exercise_find(s, ex.id, &got), 0);
	CHECK_STR(got.status, "finished");
	CHECK(got.ended[0] != '\0');
	CHECK_INT(store_exercise_reopen(s, &got), -1);
	CHECK_CONTAINS(store_error(s), "has finished");
	store_exercise_free(&got);
	store_close(s);
	remove_store(path);
}

TEST(refuses_what_is_not_a_store)
{
	char err[256];
	FILE *f;

	f = fopen(tmp_path("text.db"), "w");
	if (f) {
		fputs("not a database, just some text that is long enough to hold a header\n", f);
		fclose(f);
	}
	CHECK(store_open(tmp_path("text.db"), true, err, sizeof(err)) == NULL);
	CHECK_CONTAINS(err, "text.db: not an irdrill store (the file is not an SQLite database)");
	unlink(tmp_path("text.db"));

	exec_sql(tmp_path("other.db"), "CREATE TABLE t (x)");
	CHECK(store_open(tmp_path("other.db"), true, err, sizeof(err)) == NULL);
	CHECK_CONTAINS(err, "other.db: not an irdrill store (an SQLite database of another program)");
	CHECK_INT(peek_int(tmp_path("other.db"), "SELECT count(*) FROM sqlite_schema"), 1);
	remove_store(tmp_path("other.db"));

	CHECK(store_open(tmp_path("missing.db"), false, err, sizeof(err)) == NULL);
	CHECK_CONTAINS(err, "missing.db: no such store");
	CHECK(access(tmp_path("missing.db"), F_OK) != 0);

	f = fopen(tmp_path("empty.db"), "w");
	if (f)
		fclose(f);
	CHECK(store_open(tmp_path("empty.db"), false, err, sizeof(err)) == NULL);
	CHECK_CONTAINS(err, "empty.db: not an irdrill store (an empty database)");
	remove_store(tmp_path("empty.db"));
}

TEST(refuses_newer_schema)
{
	const char *path = tmp_path("newer.db");
	struct store *s = open_store(path, true);
	char err[256], want[128];

	store_close(s);
	exec_sql(path, "PRAGMA user_version = 99");
	CHECK(store_open(path, true, err, sizeof(err)) == NULL);
	snprintf(want, sizeof(want), "schema version 99, newer than this irdrill's (%d)", STORE_SCHEMA_VERSION);
	CHECK_CONTAINS(err, want);
	CHECK_INT(peek_int(path, "PRAGMA user_version"), 99);
	remove_store(path);
}

TEST(locked_store_says_so_and_records_nothing)
{
	const char *path = tmp_path("locked.db");
	struct store *s = open_store(path, true);
	struct store_exercise ex = sample();
	sqlite3 *other;

	if (s == NULL)
		return;
	CHECK_INT(sqlite3_open(path, &other), SQLITE_OK);
	CHECK_INT(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	CHECK_INT(store_exercise_begin(s, &ex), -1);
	CHECK_CONTAINS(store_error(s), "locked.db: the store is locked by another program");
	sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(other);
	CHECK_INT(peek_int(path, "SELECT count(*) FROM exercises"), 0);
	CHECK_INT(peek_int(path, "SELECT count(*) FROM teams"), 0);
	/* And it works once the other program is done. */
	CHECK_INT(store_exercise_begin(s, &ex), 0);
	CHECK_INT(store_action_add(s, "soc", 0, "isolate x", "ok"), 0);
	store_close(s);
	remove_store(path);
}

/* Schema 3 keeps each team's zones; a version 2 store (no zones)
 * migrates forward with its teams owning none. */
TEST(zones_round_trip_and_version_2_migrates)
{
	const char *path = tmp_path("zones.db");
	struct store *s = open_store(path, true);
	struct store_exercise ex = sample(), got;
	char *zones[] = { "dc", "d1+d1-c1" };

	if (s == NULL)
		return;
	ex.zones = zones;
	CHECK_INT(store_exercise_begin(s, &ex), 0);
	CHECK_INT(store_exercise_find(s, ex.id, &got), 0);
	CHECK_STR(got.nteams == 2 ? got.zones[0] : NULL, "dc");
	CHECK_STR(got.nteams == 2 ? got.zones[1] : NULL, "d1+d1-c1");
	store_exercise_free(&got);
	store_close(s);
	exec_sql(path, "ALTER TABLE teams DROP COLUMN zones; PRAGMA user_version = 2");
	s = open_store(path, false);
	CHECK_INT(peek_int(path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	CHECK_INT(store_exercise_find(s, ex.id, &got), 0);
	CHECK_INT(got.nteams, 2);
	CHECK_STR(got.nteams == 2 ? got.teams[1] : NULL, "team-tdm");
	CHECK_STR(got.nteams == 2 ? got.zones[1] : NULL, "");
	store_exercise_free(&got);
	store_close(s);
	remove_store(path);
}

int main(void)
{
	snprintf(dir, sizeof(dir), "/tmp/irdrill-store.XXXXXX");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	RUN(new_store_has_schema_wal_and_id);
	RUN(exercise_round_trip_and_actions_in_order);
	RUN(find_by_prefix_latest_and_ambiguous);
	RUN(scores_expectations_and_reopen);
	RUN(refuses_what_is_not_a_store);
	RUN(refuses_newer_schema);
	RUN(locked_store_says_so_and_records_nothing);
	RUN(zones_round_trip_and_version_2_migrates);
	rmdir(dir);
	return harness_finish();
}
