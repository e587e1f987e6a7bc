#include "replay_verify.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "background.h"
#include "cli.h"
#include "diag.h"
#include "drill.h"
#include "render.h"
#include "replay_read.h"
#include "replay_write.h"
#include "score.h"
#include "sha256.h"
#include "strbuf.h"
#include "teams.h"
#include "xmalloc.h"

/* Who the white cell is on the timeline (the console's name for it). */
#define VERIFY_WHITE_CELL "white-cell"
/* Both encoders start afresh past this many bytes. */
#define VERIFY_ENC_LIMIT (1024 * 1024)
/* How much of a rendered record a difference shows. */
#define VERIFY_SHOW 600

/* A white-cell entry to write on the timeline again at its time. */
struct verify_control {
	sim_time_t time;
	enum drill_entry_kind kind;
	bool ok;
	char *what, *target, *detail;
};

struct verify {
	const char *path;
	FILE *err;
	struct replay_reader *r;
	struct replay_writer *w;
	struct drill *d;
	struct render *render;
	/* Each side encoded in step: while the records agree, the encoders
	 * hold the same context, so the bytes of the next record agree
	 * exactly when the records do. */
	struct replay_enc want, got;
	uint64_t n;               /* records compared */
	uint64_t counts[REPLAY_KEYFRAME + 1];
	uint64_t kf_uncompared;   /* keyframes taken at a paced run's sync */
	size_t chunk;             /* the file's chunk of the last record read */
	size_t chunk_next;        /* the next chunk to begin */
	uint64_t start_next;      /* the number of its first record */
	bool stopped;             /* a difference or an error was reported */
};

/* A file the drill was played from is the one recorded: 0, or -1 with a
 * message. */
static int verify_file(const struct verify *v, const char *what, const char *path, const uint8_t want[32],
		       const char *option)
{
	char hex[SHA256_HEX_SIZE], recorded[SHA256_HEX_SIZE];

	sha256_hex(want, recorded);
	if (sha256_file_hex(path, hex) != 0) {
		fprintf(v->err, "irdrill: %s: %s (the %s %s was recorded with; %s names a copy of it): cannot "
			"verify\n", path, strerror(errno), what, v->path, option);
		return -1;
	}
	if (strcmp(hex, recorded) != 0) {
		fprintf(v->err, "irdrill: %s: not the %s %s was recorded with (its SHA-256 is %s, the replay's %s): "
			"cannot verify\n", path, what, v->path, hex, recorded);
		return -1;
	}
	return 0;
}

static const char *verify_entry_kind(enum drill_entry_kind k)
{
	static const char *const names[] = { "attack step", "team action", "scenario message", "objective",
					     "scenario error" };

	return (unsigned)k < sizeof(names) / sizeof(names[0]) ? names[k] : "entry";
}

/* The kind of a record, in words. */
static void verify_kind(const struct replay_record *rec, char *buf, size_t size)
{
	switch (rec->type) {
	case REPLAY_REC_EVENT:
		snprintf(buf, size, "sensor record (%s, %s)", event_kind_name(rec->ev.kind),
			 sensor_type_name(rec->sensor_type));
		break;
	case REPLAY_REC_ENTRY:
		snprintf(buf, size, "timeline entry (%s)", verify_entry_kind(rec->entry.kind));
		break;
	case REPLAY_SCORE:
		snprintf(buf, size, "score change");
		break;
	case REPLAY_REC_END:
		snprintf(buf, size, "end of the drill");
		break;
	default:
		snprintf(buf, size, "record of type %d", (int)rec->type);
		break;
	}
}

static const char *verify_s(const char *s)
{
	return s ? s : "-";
}

/* A record in one line: its clock, kind, and content (a sensor record
 * as its sensor writes it). */
static void verify_show(struct verify *v, const struct replay_record *rec, struct strbuf *sb)
{
	char when[40], kind[120];

	simclock_format_elapsed(rec->clock, when, sizeof(when));
	verify_kind(rec, kind, sizeof(kind));
	strbuf_addf(sb, "%s %s: ", when, kind);
	switch (rec->type) {
	case REPLAY_REC_EVENT: {
		struct strbuf out[RENDER_MAX_FILES] = { { 0 } };
		const struct net *net = v->d->net;
		int s = rec->ev.sensor;

		strbuf_addf(sb, "sensor %s, ", s >= 0 && s < net->nsensors ? net->sensors[s].id : "?");
		if (s >= 0 && s < net->nsensors && rec->ev.host >= -1 && rec->ev.host < net->nhosts)
			render_event(v->render, &rec->ev, rec->sensor_type, out, NULL);
		/* The first line it writes. */
		for (int f = 0; f < RENDER_MAX_FILES; f++) {
			size_t len = strcspn(strbuf_str(&out[f]), "\n");

			if (len && sb->len < VERIFY_SHOW)
				strbuf_addf(sb, "%.*s%s", (int)(len < VERIFY_SHOW ? len : VERIFY_SHOW), strbuf_str(&out[f]),
					    len < out[f].len - 1 ? " …" : "");
			strbuf_free(&out[f]);
		}
		break;
	}
	case REPLAY_REC_ENTRY: {
		const struct replay_entry *e = &rec->entry;
		char at[40];

		simclock_format_elapsed(e->time, at, sizeof(at));
		strbuf_addf(sb, "at %s %s %s %s, %s", at, verify_s(e->actor), verify_s(e->what), verify_s(e->target),
			      e->ok ? "ok" : "failed");
		if (e->detail)
			strbuf_addf(sb, ": %s", e->detail);
		if (e->technique && e->technique[0])
			strbuf_addf(sb, " [%s]", e->technique);
		break;
	}
	case REPLAY_SCORE: {
		const struct replay_score *sc = &rec->score;

		strbuf_addf(sb, "%s %s %+d: %s", sc->team, sc->component, sc->points, sc->reason);
		if (sc->expectation[0])
			strbuf_addf(sb, " (expectation %s, %s)", sc->expectation,
				      sc->status == REPLAY_EXPECT_MET ? "met" : "missed");
		break;
	}
	default:
		break;
	}
}

/* Report the first difference and stop the drill. */
static void verify_differ(struct verify *v, const struct replay_record *want, const struct replay_record *got,
			  const char *what)
{
	struct strbuf a = { 0 }, b = { 0 };
	const struct replay_record *at = want ? want : got;
	char when[40], kind[120];

	simclock_format_elapsed(at->clock, when, sizeof(when));
	verify_kind(at, kind, sizeof(kind));
	if (want)
		verify_show(v, want, &a);
	if (got)
		verify_show(v, got, &b);
	fprintf(v->err, "irdrill: %s: differs from the drill played again at %s, record %llu (chunk %zu), a %s: %s\n"
		"  expected (the replay):  %s\n  got (played again):     %s\n",
		v->path, when, (unsigned long long)v->n + 1, v->chunk + 1, kind, what,
		want ? strbuf_str(&a) : "(no more records)", got ? strbuf_str(&b) : "(no more records)");
	strbuf_free(&a);
	strbuf_free(&b);
	v->stopped = true;
	v->d->halted = true;
}

/* Where two keyframes differ, in words; false if they do not. */
static bool verify_keyframe_differs(const struct drill *d, const struct replay_keyframe *a,
				    const struct replay_keyframe *b, char *why, size_t size)
{
	const struct net *net = d->net;

	if (a->nhosts != b->nhosts || a->naccounts != b->naccounts || a->nsystems != b->nsystems) {
		snprintf(why, size, "its keyframe is for another network model");
		return true;
	}
	for (size_t i = 0; i < a->nhosts; i++)
		if (a->hosts[i] != b->hosts[i]) {
			snprintf(why, size, "its keyframe has host %s in state %#x, the drill %#x", net->hosts[i].name,
				 a->hosts[i], b->hosts[i]);
			return true;
		}
	for (size_t i = 0; i < a->naccounts; i++)
		if (a->accounts[i] != b->accounts[i]) {
			snprintf(why, size, "its keyframe has account %s in state %#x, the drill %#x",
				 net->accounts[i].name, a->accounts[i], b->accounts[i]);
			return true;
		}
	for (size_t i = 0; i < a->nsystems; i++)
		if (a->systems[i] != b->systems[i]) {
			snprintf(why, size, "its keyframe has system %s in state %#x, the drill %#x", net->systems[i].id,
				 a->systems[i], b->systems[i]);
			return true;
		}
	if (a->nobjectives != b->nobjectives) {
		snprintf(why, size, "its keyframe has %zu objectives, the drill %zu", a->nobjectives, b->nobjectives);
		return true;
	}
	for (size_t i = 0; i < a->nobjectives; i++)
		if (strcmp(a->objectives[i].id, b->objectives[i].id) != 0 ||
		    a->objectives[i].state != b->objectives[i].state || a->objectives[i].time != b->objectives[i].time) {
			snprintf(why, size, "its keyframe has objective %s in state %d since %lld, the drill %s in %d "
				 "since %lld", a->objectives[i].id, (int)a->objectives[i].state,
				 (long long)a->objectives[i].time, b->objectives[i].id, (int)b->objectives[i].state,
				 (long long)b->objectives[i].time);
			return true;
		}
	if (a->nteams != b->nteams) {
		snprintf(why, size, "its keyframe has points for %zu teams, the drill %zu", a->nteams, b->nteams);
		return true;
	}
	for (size_t i = 0; i < a->nteams; i++)
		if (strcmp(a->teams[i].team, b->teams[i].team) != 0 || a->teams[i].points != b->teams[i].points) {
			snprintf(why, size, "its keyframe gives %s %lld points, the drill %s %lld", a->teams[i].team,
				 (long long)a->teams[i].points, b->teams[i].team, (long long)b->teams[i].points);
			return true;
		}
	if (a->clock != b->clock) {
		snprintf(why, size, "its keyframe is at %lld, the chunk's first record at %lld", (long long)a->clock,
			 (long long)b->clock);
		return true;
	}
	return false;
}

/* Record n begins one of the file's chunks: its keyframe is the state
 * the drill holds now.  False if not (reported). */
static bool verify_keyframe(struct verify *v, const struct replay_record *got)
{
	const struct replay_keyframe *kf;
	struct replay_keyframe now;
	char err[800], why[400];
	bool same;

	if (v->chunk_next >= replay_chunks(v->r) || v->n != v->start_next)
		return true;
	v->chunk = v->chunk_next++;
	v->start_next += replay_chunk(v->r, v->chunk)->records;
	if (replay_header(v->r)->format_version < 4)
		return true;
	kf = replay_keyframe(v->r, err, sizeof(err));
	if (kf == NULL) {
		fprintf(v->err, "irdrill: %s\n", err);
		v->stopped = true;
		v->d->halted = true;
		return false;
	}
	replay_writer_keyframe(v->w, &now);
	same = !verify_keyframe_differs(v->d, kf, &now, why, sizeof(why));
	replay_keyframe_free(&now);
	/* A paced run closes a chunk every wall second: timeline entries
	 * waiting then begin the next chunk with the state of that moment,
	 * which no re-simulation can place. */
	if (!same && got->type == REPLAY_REC_ENTRY) {
		v->kf_uncompared++;
		return true;
	}
	if (!same) {
		verify_differ(v, NULL, got, why);
		return false;
	}
	v->counts[REPLAY_KEYFRAME]++;
	return true;
}

static bool verify_str_differs(const char *name, const char *a, const char *b, char *why, size_t size)
{
	if (a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0)
		return false;
	snprintf(why, size, "the replay's %s is %s%s%s, not %s%s%s", name, a ? "\"" : "", a ? a : "(none)", a ? "\"" : "",
		 b ? "\"" : "", b ? b : "(none)", b ? "\"" : "");
	return true;
}

/* What differs between two timeline entries or score changes, in words;
 * false if nothing the format keeps does. */
static bool verify_fields_differ(const struct replay_record *a, const struct replay_record *b, char *why,
				 size_t size)
{
	if (a->type == REPLAY_REC_ENTRY) {
		const struct replay_entry *x = &a->entry, *y = &b->entry;

		if (x->kind != y->kind || x->ok != y->ok || x->time != y->time) {
			snprintf(why, size, "the replay's entry is a %s at %lld (%s), not a %s at %lld (%s)",
				 verify_entry_kind(x->kind), (long long)x->time, x->ok ? "ok" : "failed",
				 verify_entry_kind(y->kind), (long long)y->time, y->ok ? "ok" : "failed");
			return true;
		}
		return verify_str_differs("actor", x->actor, y->actor, why, size) ||
		       verify_str_differs("command or step", x->what, y->what, why, size) ||
		       verify_str_differs("target", x->target, y->target, why, size) ||
		       verify_str_differs("detail", x->detail, y->detail, why, size) ||
		       verify_str_differs("technique", x->technique, y->technique, why, size);
	}
	if (a->type == REPLAY_SCORE) {
		const struct replay_score *x = &a->score, *y = &b->score;

		if (x->points != y->points || x->time != y->time || x->status != y->status) {
			snprintf(why, size, "the replay's change is %+d at %lld (status %d), not %+d at %lld (status %d)",
				 x->points, (long long)x->time, (int)x->status, y->points, (long long)y->time,
				 (int)y->status);
			return true;
		}
		return verify_str_differs("team", x->team, y->team, why, size) ||
		       verify_str_differs("component", x->component, y->component, why, size) ||
		       verify_str_differs("reason", x->reason, y->reason, why, size) ||
		       verify_str_differs("expectation", x->expectation, y->expectation, why, size);
	}
	return false;
}

/* Encode a record in e; the bytes it took start at *at. */
static void verify_encode(struct replay_enc *e, const struct replay_record *rec, size_t *at)
{
	*at = e->out.len;
	switch (rec->type) {
	case REPLAY_REC_EVENT:
		replay_enc_event(e, rec->clock, &rec->ev, rec->sensor_type);
		break;
	case REPLAY_REC_ENTRY:
		replay_enc_entry(e, rec->clock, &rec->entry);
		break;
	case REPLAY_SCORE:
		replay_enc_score(e, rec->clock, &rec->score);
		break;
	default:
		replay_enc_end(e, rec->clock);
		break;
	}
}

/* The writer's tap: each record the drill played again makes, against
 * the file's next one. */
static void verify_tap(void *ctx, const struct replay_record *got)
{
	struct verify *v = ctx;
	struct replay_record want;
	char err[800];
	size_t a, b;
	int rc;

	if (v->stopped || !verify_keyframe(v, got))
		return;
	rc = replay_next(v->r, &want, err, sizeof(err));
	if (rc < 0) {
		fprintf(v->err, "irdrill: %s: cannot verify past it\n", err);
		v->stopped = true;
		v->d->halted = true;
		return;
	}
	if (rc == 0) {
		verify_differ(v, NULL, got, replay_damage(v->r) ? "the replay ends here, cut short" :
				"the replay ends here, the drill goes on");
		return;
	}
	if (want.type != got->type) {
		verify_differ(v, &want, got, "another kind of record");
		return;
	}
	if (want.clock != got->clock) {
		verify_differ(v, &want, got, "at another time");
		return;
	}
	if (v->want.out.len > VERIFY_ENC_LIMIT) {
		replay_enc_reset(&v->want);
		replay_enc_reset(&v->got);
	}
	verify_encode(&v->want, &want, &a);
	verify_encode(&v->got, got, &b);
	if (v->want.out.len - a != v->got.out.len - b || memcmp(v->want.out.buf + a, v->got.out.buf + b,
								 v->want.out.len - a) != 0) {
		char why[500] = "its fields differ", diff[460];

		if (want.type == REPLAY_REC_EVENT && replay_event_diff(&want.ev, &got->ev, diff, sizeof(diff)))
			snprintf(why, sizeof(why), "the replay's %s", diff);
		else if (verify_fields_differ(&want, got, diff, sizeof(diff)))
			snprintf(why, sizeof(why), "%s", diff);
		else if (want.type == REPLAY_REC_EVENT && want.sensor_type != got->sensor_type)
			snprintf(why, sizeof(why), "for another sensor type");
		verify_differ(v, &want, got, why);
		return;
	}
	v->counts[want.type]++;
	v->n++;
}

/* The white cell's control, written again at its time. */
static void verify_control(void *ctx, struct drill *d)
{
	struct verify_control *c = ctx;

	drill_record(d, c->kind, VERIFY_WHITE_CELL, c->what, c->target, c->ok, c->detail);
	/* The white cell ended the drill there. */
	if (c->kind == DRILL_ACTION && strcmp(c->what, "end") == 0)
		d->halted = true;
}

/* The team actions on the replay's timeline, and the white cell's
 * entries (scheduled on d); 0, or -1 with a message. */
static int verify_actions(struct verify *v, struct action **out, int *n, struct verify_control **controls,
			  size_t *ncontrols)
{
	struct replay_record rec;
	char err[800];
	size_t cap = 0, ccap = 0;
	int got;

	*out = NULL;
	*n = 0;
	*controls = NULL;
	*ncontrols = 0;
	while ((got = replay_next(v->r, &rec, err, sizeof(err))) > 0) {
		const struct replay_entry *e = &rec.entry;
		struct action a;
		char why[256];

		if (rec.type != REPLAY_REC_ENTRY)
			continue;
		if (e->actor && strcmp(e->actor, VERIFY_WHITE_CELL) == 0) {
			*controls = xgrow(*controls, &ccap, *ncontrols + 1, sizeof(**controls));
			(*controls)[(*ncontrols)++] = (struct verify_control){
				e->time, e->kind, e->ok, xstrdup(verify_s(e->what)), e->target ? xstrdup(e->target) : NULL,
				e->detail ? xstrdup(e->detail) : NULL,
			};
			continue;
		}
		if (e->kind != DRILL_ACTION)
			continue;
		if (e->actor == NULL || e->what == NULL || strlen(e->actor) >= sizeof(a.team) ||
		    action_parse(v->d->net, e->what, &a, why, sizeof(why)) != 0) {
			char when[40];

			simclock_format_elapsed(e->time, when, sizeof(when));
			fprintf(v->err, "irdrill: %s: the team action at %s ('%s') does not parse: %s\n", v->path, when,
				verify_s(e->what), e->actor ? why : "it names no team");
			return -1;
		}
		a.time = e->time;
		snprintf(a.team, sizeof(a.team), "%s", e->actor);
		*out = xgrow(*out, &cap, (size_t)*n + 1, sizeof(**out));
		(*out)[(*n)++] = a;
	}
	if (got < 0) {
		fprintf(v->err, "irdrill: %s: cannot verify a damaged replay\n", err);
		return -1;
	}
	return 0;
}

/* Open the drill the header names; NULL with a message. */
/* The zones' and alerts' checks on the drill's action path, as run sets
 * them up. */
static int verify_check_zones(void *ctx, const struct drill *d, const struct action *a, char *err, size_t errlen)
{
	int i = a->verb == ACTION_ACK || a->verb == ACTION_CLASSIFY ? alerts_find(d->alerts, a->alert) : -1;

	if (teams_check(ctx, a, err, errlen) != 0)
		return -1;
	return teams_check_alert(ctx, a, i >= 0 ? alerts_get(d->alerts, i) : NULL, err, errlen);
}

/* The header's mode and each team's zones, checked on d's action path as
 * the recorded run checked them; 0, or -1 with a message. */
static int verify_teams(struct verify *v, struct teams *t)
{
	const struct replay_header *h = replay_header(v->r);
	char why[512];

	if (!teams_mode_parse(h->mode, &t->mode)) {
		fprintf(v->err, "irdrill: %s: mode '%s' is not one this irdrill plays\n", v->path, h->mode);
		return -1;
	}
	for (int i = 0; i < h->nteams; i++)
		if (teams_add(t, h->teams[i], h->zones[i], why, sizeof(why)) != 0) {
			fprintf(v->err, "irdrill: %s: team '%s': %s\n", v->path, h->teams[i], why);
			return -1;
		}
	if (teams_resolve(t, v->d->net, why, sizeof(why)) != 0) {
		fprintf(v->err, "irdrill: %s: %s\n", v->path, why);
		return -1;
	}
	drill_on_check(v->d, verify_check_zones, t);
	return 0;
}

static struct drill *verify_open(struct verify *v, const char *scenario, const char *network)
{
	const struct replay_header *h = replay_header(v->r);
	struct drill_options opts = { scenario, network, h->seed, true };
	struct diag errs;
	struct drill *d;

	diag_init(&errs);
	d = drill_open(&opts, &errs);
	if (d == NULL)
		diag_print(&errs, v->err);
	diag_free(&errs);
	if (d && (d->clock.epoch_unix_us != h->epoch_unix_us || d->end != h->duration)) {
		fprintf(v->err, "irdrill: %s: the scenario starts or lasts otherwise than the replay says: cannot "
			"verify\n", v->path);
		drill_free(d);
		d = NULL;
	}
	return d;
}

int replay_verify(const char *path, const struct replay_verify_opts *o, FILE *out, FILE *err)
{
	struct verify v = { .path = path, .err = err };
	struct teams teams = { 0 };
	const struct replay_header *h;
	struct replay_origin origin;
	struct verify_control *controls = NULL;
	struct action *actions = NULL;
	struct background *bg = NULL;
	struct score *score = NULL;
	size_t ncontrols = 0;
	const char *scenario, *network;
	char msg[1200], sha[SHA256_HEX_SIZE];
	int nactions = 0, rc = CLI_ERROR;
	uint64_t bytes;

	replay_enc_init(&v.want);
	replay_enc_init(&v.got);
	v.r = replay_open(path, msg, sizeof(msg));
	if (v.r == NULL) {
		fprintf(err, "irdrill: %s\n", msg);
		goto done;
	}
	h = replay_header(v.r);
	if (replay_damage(v.r))
		fprintf(err, "irdrill: warning: %s\n", replay_damage(v.r));
	scenario = o->scenario ? o->scenario : h->scenario_path;
	network = o->network ? o->network : h->network_path;
	if (verify_file(&v, "scenario", scenario, h->scenario_sha256, "--scenario") != 0 ||
	    verify_file(&v, "network model", network, h->network_sha256, "--network") != 0)
		goto done;
	v.d = verify_open(&v, scenario, network);
	if (v.d == NULL || verify_teams(&v, &teams) != 0 ||
	    verify_actions(&v, &actions, &nactions, &controls, &ncontrols) != 0)
		goto done;
	replay_seek(v.r, 0);

	/* As run sets the drill up: the actions queued, the teams scored
	 * (the header's, then those acting), the replay's listeners, then
	 * the background traffic. */
	drill_add_actions(v.d, actions, nactions);
	for (size_t i = 0; i < ncontrols; i++)
		drill_call_at(v.d, controls[i].time, verify_control, &controls[i]);
	score = score_new(v.d);
	for (int i = 0; i < h->nteams; i++)
		score_add_team(score, h->teams[i]);
	for (int i = 0; i < nactions; i++)
		score_add_team(score, actions[i].team);
	origin = (struct replay_origin){ h->exercise, scenario, network, h->mode, (const char *const *)h->teams,
					 h->nteams, h->background, (const char *const *)h->zones };
	v.w = replay_writer_open(NULL, v.d, &origin, msg, sizeof(msg));
	if (v.w == NULL) {
		fprintf(err, "irdrill: %s\n", msg);
		goto done;
	}
	v.render = render_new(v.d->net, &v.d->clock, v.d->seed);
	replay_writer_tap(v.w, verify_tap, &v);
	drill_listen(v.d, replay_writer_event, v.w);
	score_listen(score, replay_writer_score, v.w);
	if (h->background > 0)
		bg = background_start(v.d, h->background);

	drill_run_until(v.d, SIM_TIME_MAX);
	score_finish(score);
	replay_writer_close(v.w, &bytes, msg, sizeof(msg));
	if (!v.stopped) {
		struct replay_record extra;
		int got = replay_next(v.r, &extra, msg, sizeof(msg));

		if (got > 0) {
			verify_differ(&v, &extra, NULL, "the replay holds more records than the drill makes");
		} else if (got < 0) {
			fprintf(err, "irdrill: %s\n", msg);
		} else {
			sha256_hex(h->scenario_sha256, sha);
			fprintf(out, "%s: verified: the drill played again from %s (SHA-256 %.16s…), seed %llu, makes "
				"the same %llu records: %llu sensor records, %llu timeline entries (%d team actions), %llu "
				"score changes, the end; %llu keyframes match",
				path, scenario, sha, (unsigned long long)h->seed, (unsigned long long)v.n,
				(unsigned long long)v.counts[REPLAY_REC_EVENT],
				(unsigned long long)v.counts[REPLAY_REC_ENTRY], nactions,
				(unsigned long long)v.counts[REPLAY_SCORE], (unsigned long long)v.counts[REPLAY_KEYFRAME]);
			if (v.kf_uncompared)
				fprintf(out, " (%llu, taken as a paced drill wrote timeline entries on its wall clock, "
					"not compared)", (unsigned long long)v.kf_uncompared);
			fputc('\n', out);
			rc = CLI_OK;
		}
	}
done:
	background_free(bg);
	score_free(score);
	render_free(v.render);
	for (size_t i = 0; i < ncontrols; i++)
		free(controls[i].what), free(controls[i].target), free(controls[i].detail);
	free(controls);
	free(actions);
	drill_free(v.d);
	replay_close(v.r);
	replay_enc_free(&v.want);
	replay_enc_free(&v.got);
	return rc;
}
