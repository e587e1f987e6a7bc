/*
 * cmd_replay.c - `irdrill replay FILE --verify` (replay_verify.h) and
 * `irdrill export`: the sensor files of a recorded drill, rendered again
 * from its replay.
 *
 * The replay holds every sensor's structured record with the drill's
 * clock at the moment it was handed over; replaying them in order through
 * the same renderer and file sink, on the same network model, clock and
 * seed, writes the bytes the live `run --out` wrote.  The network file is
 * the one the header names (or --network), refused if its SHA-256 is not
 * the recorded one.  Records left out by --sensor, --from or --to still
 * pass through the renderer, which numbers each host's Windows records.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "net.h"
#include "netload.h"
#include "render.h"
#include "replay_read.h"
#include "replay_verify.h"
#include "sensor.h"
#include "sha256.h"
#include "sink_files.h"
#include "xmalloc.h"

struct export_opts {
	const char *out, *network;
	const char **sensors;
	int nsensors;
	sim_time_t from, to;
};

static int export_options(const struct cli_cmd *cmd, int argc, char **argv, struct export_opts *o)
{
	static const struct option opts[] = {
		{ "out", required_argument, NULL, 'o' },
		{ "sensor", required_argument, NULL, 's' },
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "network", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			o->out = optarg;
			break;
		case 'n':
			o->network = optarg;
			break;
		case 's':
			o->sensors = xrealloc(o->sensors, (size_t)(o->nsensors + 1) * sizeof(*o->sensors));
			o->sensors[o->nsensors++] = optarg;
			break;
		case 'f':
		case 't':
			if (!simclock_parse_duration(optarg, c == 'f' ? &o->from : &o->to))
				return cli_bad_usage(cmd, "--%s '%s' is not a time since the start such as 90s, 15m "
						     "or 1h30m", c == 'f' ? "from" : "to", optarg);
			break;
		default: /* ':' or '?' */
			return cli_bad_option(cmd, c, argv[optind - 1]);
		}
	}
	if (argc - optind != 1)
		return cli_bad_usage(cmd, "name one replay file");
	if (o->out == NULL)
		return cli_bad_usage(cmd, "--out DIR is required");
	if (o->from > o->to)
		return cli_bad_usage(cmd, "--from is after --to");
	return 0;
}

/* The network the drill ran on, as it was then; NULL with a message. */
static struct net *export_network(const char *replay, const struct replay_header *h, const char *path)
{
	char hex[SHA256_HEX_SIZE], want[SHA256_HEX_SIZE];
	struct diag errs;
	struct net *net;

	sha256_hex(h->network_sha256, want);
	if (sha256_file_hex(path, hex) != 0) {
		fprintf(stderr, "irdrill: %s: %s (the network model %s was recorded with; --network names "
			"another copy)\n", path, strerror(errno), replay);
		return NULL;
	}
	if (strcmp(hex, want) != 0) {
		fprintf(stderr, "irdrill: %s: not the network model %s was recorded with (its SHA-256 is %s, "
			"the replay's %s)\n", path, replay, hex, want);
		return NULL;
	}
	diag_init(&errs);
	net = net_load(path, &errs);
	if (net == NULL)
		diag_print(&errs, stderr);
	diag_free(&errs);
	return net;
}

static void export_damaged(void *ctx, size_t chunk, const char *message)
{
	(void)ctx, (void)chunk;
	fprintf(stderr, "irdrill: %s\n", message);
}

/* The record fits the network: a sensor of its type. */
static bool export_fits(const struct net *net, const struct replay_record *rec)
{
	enum sensor_type type;
	int s = rec->ev.sensor;

	return s >= 0 && s < net->nsensors && sensor_type_parse(net->sensors[s].type, &type) &&
	       type == rec->sensor_type && rec->ev.host >= -1 && rec->ev.host < net->nhosts;
}

/* Render every record in order, writing the selected ones; the exit
 * status. */
static int export_records(struct replay_reader *r, const char *path, const struct export_opts *o,
			  struct net *net, const bool *chosen)
{
	const struct replay_header *h = replay_header(r);
	struct strbuf scratch[RENDER_MAX_FILES] = { { 0 } };
	struct replay_record rec;
	struct simclock clock;
	struct render *render;
	struct sink_files *sink;
	sim_time_t now = 0, end = -1;
	uint64_t seen = 0, written = 0;
	char err[1200];
	int got, rc = CLI_OK;

	simclock_init(&clock, h->epoch_unix_us);
	render = render_new(net, &clock, h->seed);
	sink = sink_files_open(o->out, net, render, &now, err, sizeof(err));
	if (sink == NULL) {
		fprintf(stderr, "irdrill: --out %s\n", err);
		render_free(render);
		return CLI_ERROR;
	}
	while ((got = replay_next(r, &rec, err, sizeof(err))) > 0) {
		now = rec.clock;
		if (rec.type == REPLAY_REC_END)
			end = rec.clock;
		if (rec.type != REPLAY_REC_EVENT)
			continue;
		seen++;
		if (!export_fits(net, &rec)) {
			fprintf(stderr, "irdrill: %s: sensor record %llu does not fit the network model %s "
				"(sensor %d)\n", path, (unsigned long long)seen, net->path, rec.ev.sensor);
			rc = CLI_ERROR;
			break;
		}
		if (chosen[rec.ev.sensor] && rec.ev.time >= o->from && rec.ev.time <= o->to) {
			sink_files_event(sink, &rec.ev, rec.sensor_type);
			written++;
			continue;
		}
		for (int i = 0; i < RENDER_MAX_FILES; i++)
			strbuf_reset(&scratch[i]);
		render_event(render, &rec.ev, rec.sensor_type, scratch, NULL);
	}
	if (got < 0) {
		fprintf(stderr, "irdrill: %s\n", err);
		rc = CLI_ERROR;
	}
	/* A drill cut short ends its files at its last record. */
	if (sink_files_close(sink, end >= 0 ? end : now, err, sizeof(err)) != 0) {
		fprintf(stderr, "irdrill: --out %s\n", err);
		rc = CLI_ERROR;
	}
	if (rc == CLI_OK)
		printf("exported %llu of %llu sensor records from %s to %s\n", (unsigned long long)written,
		       (unsigned long long)seen, path, o->out);
	for (int i = 0; i < RENDER_MAX_FILES; i++)
		strbuf_free(&scratch[i]);
	render_free(render);
	return rc;
}

int cmd_export(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct export_opts o = { .to = SIM_TIME_MAX };
	struct replay_reader *r = NULL;
	struct net *net = NULL;
	bool *chosen = NULL;
	const char *path;
	char err[1200];
	int rc = export_options(cmd, argc, argv, &o);

	if (rc)
		goto done;
	rc = CLI_ERROR;
	path = argv[optind];
	r = replay_open(path, err, sizeof(err));
	if (r == NULL) {
		fprintf(stderr, "irdrill: %s\n", err);
		goto done;
	}
	if (replay_damage(r))
		fprintf(stderr, "irdrill: warning: %s\n", replay_damage(r));
	/* Every chunk sound before a file is written. */
	if (replay_check(r, export_damaged, NULL) > 0)
		goto done;
	net = export_network(path, replay_header(r), o.network ? o.network : replay_header(r)->network_path);
	if (net == NULL)
		goto done;
	chosen = xcalloc((size_t)net->nsensors + 1, sizeof(*chosen));
	for (int i = 0; i < net->nsensors; i++)
		chosen[i] = o.nsensors == 0;
	for (int i = 0; i < o.nsensors; i++) {
		int s = net_sensor_find(net, o.sensors[i]);

		if (s < 0) {
			fprintf(stderr, "irdrill: --sensor %s: no such sensor in %s\n", o.sensors[i], net->path);
			goto done;
		}
		chosen[s] = true;
	}
	rc = export_records(r, path, &o, net, chosen);
done:
	free(chosen);
	net_free(net);
	replay_close(r);
	free(o.sensors);
	return rc;
}

struct check_state {
	const struct replay_reader *r;
	bool *damaged;
};

static void check_damaged(void *ctx, size_t chunk, const char *message)
{
	struct check_state *st = ctx;

	st->damaged[chunk] = true;
	printf("damaged: %s\n", message);
}

/* `replay FILE --check`: every chunk decoded; what is damaged, and what
 * is readable.  The exit status: 0 sound, 1 damaged or cut short. */
static int check_replay(const char *path)
{
	struct replay_reader *r;
	struct check_state st;
	char err[1200], from[40], to[40];
	size_t n, damaged, run = 0, readable = 0;
	uint64_t records = 0;
	int rc;

	r = replay_open(path, err, sizeof(err));
	if (r == NULL) {
		fprintf(stderr, "irdrill: %s\n", err);
		printf("readable: nothing\n");
		return CLI_ERROR;
	}
	n = replay_chunks(r);
	printf("%s: replay format version %u, %zu chunk%s\n", path, (unsigned)replay_header(r)->format_version, n,
	       n == 1 ? "" : "s");
	if (replay_damage(r))
		printf("damaged: %s\n", replay_damage(r));
	st.r = r;
	st.damaged = xcalloc(n + 1, sizeof(*st.damaged));
	damaged = replay_check(r, check_damaged, &st);
	printf("readable:");
	for (size_t i = 0; i <= n; i++) {
		if (i < n && !st.damaged[i]) {
			run++;
			readable++;
			records += replay_chunk(r, i)->records;
			continue;
		}
		if (run == 0)
			continue;
		simclock_format_elapsed(replay_chunk(r, i - run)->first, from, sizeof(from));
		simclock_format_elapsed(replay_chunk(r, i - 1)->last, to, sizeof(to));
		if (run == 1)
			printf(" chunk %zu (%s to %s),", i, from, to);
		else
			printf(" chunks %zu-%zu (%s to %s),", i - run + 1, i, from, to);
		run = 0;
	}
	printf(readable ? " %llu records in %zu of %zu chunks\n" : " nothing\n", (unsigned long long)records, readable,
	       n);
	rc = damaged == 0 && replay_damage(r) == NULL ? CLI_OK : CLI_ERROR;
	free(st.damaged);
	replay_close(r);
	return rc;
}

/* `irdrill replay FILE`: --check, --verify, or else the viewer. */
int cmd_replay(const struct cli_cmd *cmd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "verify", no_argument, NULL, 'v' },
		{ "check", no_argument, NULL, 'c' },
		{ "scenario", required_argument, NULL, 's' },
		{ "network", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	struct replay_verify_opts o = { NULL, NULL };
	bool verify = false, check = false;
	int c;

	/* Without --check or --verify it is the viewer's, with its own
	 * options (cmd_view.c). */
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		verify = verify || strcmp(argv[i], "--verify") == 0 || strcmp(argv[i], "--check") == 0;
	if (!verify)
		return cmd_view(cmd, argc, argv);
	verify = false;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (c) {
		case 'v':
			verify = true;
			break;
		case 'c':
			check = true;
			break;
		case 's':
			o.scenario = optarg;
			break;
		case 'n':
			o.network = optarg;
			break;
		default: /* ':' or '?' */
			return cli_bad_option(cmd, c, argv[optind - 1]);
		}
	}
	if (argc - optind != 1)
		return cli_bad_usage(cmd, "name one replay file");
	if (check && verify)
		return cli_bad_usage(cmd, "--check or --verify, not both");
	if (check)
		return check_replay(argv[optind]);
	return replay_verify(argv[optind], &o, stdout, stderr);
}
