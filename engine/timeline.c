#include "timeline.h"

#include <string.h>

#include "scenario.h"

static const char *timeline_local(const struct drill *d, sim_time_t t, char *buf, size_t size)
{
	char iso[SIMCLOCK_ISO_SIZE];

	/* "2023-11-08T09:15:02.000000+07:00" -> "2023-11-08 09:15:02" */
	if (!simclock_format_local_colon(&d->clock, t, iso, sizeof(iso)) || size < 20)
		return "?";
	memcpy(buf, iso, 19);
	buf[10] = ' ';
	buf[19] = '\0';
	return buf;
}

static const char *timeline_result(const struct drill_entry *e)
{
	switch (e->kind) {
	case DRILL_STEP:
		return e->ok ? "ok" : "failed";
	case DRILL_ACTION:
		return e->ok ? "action" : "refused";
	case DRILL_MESSAGE:
		return "message";
	case DRILL_OBJECTIVE:
		return e->ok ? "ACHIEVED" : "PREVENTED";
	case DRILL_ERROR:
		return "ERROR";
	}
	return "?";
}

static const char *timeline_state(enum drill_objective_state s)
{
	return s == OBJECTIVE_ACHIEVED ? "achieved" : s == OBJECTIVE_PREVENTED ? "prevented" : "not achieved";
}

void timeline_print(const struct drill *d, FILE *out)
{
	const struct scenario_info *in = scenario_info(d->scenario);
	char elapsed[SIMCLOCK_ELAPSED_SIZE], local[24];

	fprintf(out, "scenario: %s - %s | %s\n", in->id, in->title_vi, in->title_en);
	fprintf(out, "network:  %s  seed: %llu  start: %s\n\n", d->net->id,
		(unsigned long long)d->seed, timeline_local(d, 0, local, sizeof(local)));
	fprintf(out, "timeline\n");
	for (size_t i = 0; i < d->nentries; i++) {
		const struct drill_entry *e = &d->entries[i];

		simclock_format_elapsed(e->time, elapsed, sizeof(elapsed));
		fprintf(out, "%s  %s  %-16s %-18s %-34s %s", elapsed, timeline_local(d, e->time, local, sizeof(local)),
			e->actor, e->what, e->target ? e->target : "-", timeline_result(e));
		if (e->detail && !(e->kind == DRILL_OBJECTIVE && e->ok))
			fprintf(out, ": %s", e->detail);
		fputc('\n', out);
	}
	fprintf(out, "\nobjectives\n");
	for (size_t i = 0; i < d->nobjectives; i++) {
		const struct drill_objective *o = &d->objectives[i];

		fprintf(out, "  %-24s %-13s", o->id, timeline_state(o->state));
		if (o->state != OBJECTIVE_PENDING) {
			simclock_format_elapsed(o->time, elapsed, sizeof(elapsed));
			fprintf(out, " %s", elapsed);
		}
		fprintf(out, "  %s | %s\n", o->title_vi, o->title_en);
	}
	simclock_format_elapsed(d->now, elapsed, sizeof(elapsed));
	fprintf(out, "\nended at %s, %zu events, %d scenario errors\n", elapsed, d->nentries, d->errors);
}
