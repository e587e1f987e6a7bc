/* The console's logic without a terminal: widths of Vietnamese text,
 * the command line's editing and history, Tab completion, the feed's
 * ring and filters, the network tree, and commands on a real drill. */
#include "harness.h"

#include <locale.h>
#include <stdlib.h>

#include "drill.h"
#include "netload.h"
#include "ui_cmd.h"
#include "ui_complete.h"
#include "ui_feed.h"
#include "ui_line.h"
#include "ui_model.h"
#include "ui_score.h"
#include "ui_wc.h"
#include "render.h"
#include "score.h"
#include "strbuf.h"
#include "teams.h"
#include "ui_text.h"
#include "ui_tree.h"

/* "Thủ Dầu Một" written with precomposed letters, and "Một" with a base
 * letter and combining marks (o + dot below + circumflex). */
#define PRECOMPOSED "Th\xe1\xbb\xa7 D\xe1\xba\xa7u M\xe1\xbb\x99t"
#define DECOMPOSED_MOT "Mo\xcc\xa3\xcc\x82t"

TEST(text_width_counts_cells_not_bytes)
{
	CHECK_INT(ui_text_width(PRECOMPOSED), 11);
	CHECK_INT(ui_text_width(DECOMPOSED_MOT), 3);
	CHECK_INT(ui_text_width("\xe4\xb8\xad"), 2); /* a wide CJK letter */
	CHECK_INT(ui_text_width(""), 0);
}

TEST(text_fit_cuts_with_an_ellipsis_at_a_letter)
{
	char out[64];

	CHECK_INT(ui_text_fit(PRECOMPOSED, 6, false, out, sizeof(out)), 6);
	CHECK_STR(out, "Th\xe1\xbb\xa7 D\xe2\x80\xa6");
	/* The whole text when it fits exactly: no ellipsis. */
	CHECK_INT(ui_text_fit(PRECOMPOSED, 11, false, out, sizeof(out)), 11);
	CHECK_STR(out, PRECOMPOSED);
	/* Combining marks stay with their letter. */
	CHECK_INT(ui_text_fit(DECOMPOSED_MOT "x", 3, false, out, sizeof(out)), 3);
	CHECK_STR(out, "Mo\xcc\xa3\xcc\x82\xe2\x80\xa6");
	/* A wide letter that does not fit is not split. */
	CHECK_INT(ui_text_fit("a\xe4\xb8\xad\xe4\xb8\xad", 4, false, out, sizeof(out)), 4);
	CHECK_STR(out, "a\xe4\xb8\xad\xe2\x80\xa6");
	CHECK_INT(ui_text_fit("a\xe4\xb8\xad\xe4\xb8\xad", 3, false, out, sizeof(out)), 2);
	CHECK_STR(out, "a\xe2\x80\xa6");
	CHECK_INT(ui_text_fit("abc", 0, false, out, sizeof(out)), 0);
	CHECK_STR(out, "");
}

TEST(text_fit_pads_and_cleans)
{
	char out[64];

	CHECK_INT(ui_text_fit(DECOMPOSED_MOT, 6, true, out, sizeof(out)), 6);
	CHECK_STR(out, DECOMPOSED_MOT "   ");
	CHECK_INT(ui_text_width(out), 6);
	CHECK_INT(ui_text_fit("a\tb\x01\xff", 10, false, out, sizeof(out)), 5);
	CHECK_STR(out, "a b ?");
	/* Scrolling sideways skips whole letters, marks and all. */
	CHECK_STR(ui_text_skip(DECOMPOSED_MOT "x", 2), "tx");
	CHECK_STR(ui_text_skip(PRECOMPOSED, 4), "D\xe1\xba\xa7u M\xe1\xbb\x99t");
	CHECK_STR(ui_text_skip("ab", 5), "");
	CHECK(ui_text_contains("Alert ET MALWARE", "malware"));
	CHECK(!ui_text_contains("abc", "abd"));
	CHECK(ui_text_contains("abc", ""));
}

TEST(line_edits_by_letter)
{
	struct ui_line l;

	ui_line_init(&l);
	CHECK(ui_line_insert(&l, "isolat"));
	CHECK(ui_line_insert(&l, "e x"));
	CHECK_STR(l.buf, "isolate x");
	ui_line_backspace(&l);
	CHECK(ui_line_insert(&l, DECOMPOSED_MOT));
	CHECK_INT(ui_line_cursor_col(&l), 11);
	ui_line_left(&l);
	ui_line_left(&l); /* over "ộ" and its two marks at once */
	CHECK_INT(ui_line_cursor_col(&l), 9);
	ui_line_backspace(&l);
	CHECK_STR(l.buf, "isolate o\xcc\xa3\xcc\x82t");
	ui_line_delete(&l);
	CHECK_STR(l.buf, "isolate t");
	ui_line_end(&l);
	ui_line_kill_word(&l);
	CHECK_STR(l.buf, "isolate ");
	ui_line_home(&l);
	ui_line_right(&l);
	ui_line_kill_start(&l);
	CHECK_STR(l.buf, "solate ");
	CHECK_INT((long long)l.cur, 0);
	ui_line_free(&l);
}

TEST(line_history_walks_back_and_restores_the_draft)
{
	struct ui_line l;

	ui_line_init(&l);
	ui_line_set(&l, "pause");
	ui_line_commit(&l);
	ui_line_set(&l, "speed 10");
	ui_line_commit(&l);
	ui_line_set(&l, "speed 10");
	ui_line_commit(&l); /* a repeat is kept once */
	CHECK_INT(l.nhistory, 2);
	CHECK_STR(l.buf, "");
	ui_line_insert(&l, "iso");
	ui_line_history_prev(&l);
	CHECK_STR(l.buf, "speed 10");
	ui_line_history_prev(&l);
	CHECK_STR(l.buf, "pause");
	ui_line_history_prev(&l);
	CHECK_STR(l.buf, "pause");
	ui_line_history_next(&l);
	CHECK_STR(l.buf, "speed 10");
	ui_line_history_next(&l);
	CHECK_STR(l.buf, "iso");
	ui_line_free(&l);
}

static struct net *small_net(void)
{
	struct diag errs;
	struct net *net;

	diag_init(&errs);
	net = net_load("tests/data/net-small.lua", &errs);
	diag_print(&errs, stdout);
	diag_free(&errs);
	CHECK(net != NULL);
	return net;
}

/* Type text, press Tab; returns the candidates counted. */
static int complete(const struct net *net, const char *typed, struct ui_line *l, char list[UI_COMPLETE_LIST])
{
	static const char *const teams[] = { "soc", "all" };
	static const char *const panes[] = { "feed", "network", "timeline" };
	static const char *const expects[] = { "see-exploit", "hold-portal", "keep-portal" };
	struct ui_complete_word words[UI_CMD_MAX];
	struct ui_complete_ctx c = { net, NULL, words, ui_cmd_words(words), teams, 2, panes, 3, expects, 3, NULL };

	ui_line_set(l, typed);
	return ui_complete_line(&c, l, list);
}

TEST(complete_commands_hosts_accounts_and_sites)
{
	struct net *net = small_net();
	struct ui_line l;
	char list[UI_COMPLETE_LIST];

	ui_line_init(&l);
	CHECK_INT(complete(net, "iso", &l, list), 1);
	CHECK_STR(l.buf, "isolate ");
	CHECK_INT(complete(net, "sp", &l, list), 1);
	CHECK_STR(l.buf, "speed ");
	/* Two hosts start with d: the line keeps their common part, the
	 * list names both. */
	CHECK_INT(complete(net, "isolate d", &l, list), 2);
	CHECK_STR(l.buf, "isolate d");
	CHECK_CONTAINS(list, "db");
	CHECK_CONTAINS(list, "d1-pc-01");
	CHECK_INT(complete(net, "isolate c", &l, list), 1);
	CHECK_STR(l.buf, "isolate c1-pc-01 ");
	CHECK_INT(complete(net, "disable ", &l, list), 1);
	CHECK_STR(l.buf, "disable account ");
	CHECK_INT(complete(net, "reset password d1", &l, list), 1);
	CHECK_STR(l.buf, "reset password d1.an ");
	CHECK_INT(complete(net, "patch portal ht", &l, list), 2);
	CHECK_STR(l.buf, "patch portal http");
	CHECK_INT(complete(net, "block ip 198.51.100.9 at ev", &l, list), 1);
	CHECK_STR(l.buf, "block ip 198.51.100.9 at everywhere ");
	CHECK_INT(complete(net, "speed 6", &l, list), 1);
	CHECK_STR(l.buf, "speed 60 ");
	CHECK_INT(complete(net, "inject s", &l, list), 1);
	CHECK_STR(l.buf, "inject soc ");
	CHECK_INT(complete(net, "filter sensor ids", &l, list), 1);
	CHECK_STR(l.buf, "filter sensor ids-dc ");
	/* The white cell's controls and their arguments. */
	CHECK_INT(complete(net, "mar", &l, list), 1);
	CHECK_STR(l.buf, "mark ");
	CHECK_INT(complete(net, "mark s", &l, list), 1);
	CHECK_STR(l.buf, "mark soc ");
	CHECK_INT(complete(net, "mark soc k", &l, list), 1);
	CHECK_STR(l.buf, "mark soc keep-portal ");
	CHECK_INT(complete(net, "mark soc keep-portal mi", &l, list), 1);
	CHECK_STR(l.buf, "mark soc keep-portal missed ");
	CHECK_INT(complete(net, "event a", &l, list), 1);
	CHECK_STR(l.buf, "event apt-d1 ");
	CHECK_INT(complete(net, "event apt-d1 c", &l, list), 1);
	CHECK_STR(l.buf, "event apt-d1 c1-pc-01 ");
	CHECK_INT(complete(net, "hint s", &l, list), 1);
	CHECK_STR(l.buf, "hint soc ");
	/* "hint" is both the team's word and the white cell's: listed once. */
	CHECK_INT(complete(net, "hin", &l, list), 1);
	CHECK_INT(complete(net, "frobnicate x", &l, list), 0);
	CHECK_STR(l.buf, "frobnicate x");
	ui_line_free(&l);
	net_free(net);
}

static void feed_add(struct ui_feed *f, int sensor, int host, const char *text)
{
	int hosts[2] = { host, -1 };

	ui_feed_add(f, 0, sensor, sensor == 0 ? SENSOR_SURICATA : SENSOR_FORTIGATE, hosts, text);
}

TEST(feed_keeps_the_newest_lines_in_a_bounded_ring)
{
	struct net *net = small_net();
	struct ui_feed *f = calloc(1, sizeof(*f));
	const struct ui_feed_line *v[8];
	char text[64];

	ui_feed_init(f, net, NULL);
	for (int i = 1; i <= UI_FEED_LINES + 5; i++) {
		snprintf(text, sizeof(text), "line %d\nsecond line dropped", i);
		feed_add(f, 0, -1, text);
	}
	CHECK_INT(ui_feed_view(f, 0, v, 3), 3);
	CHECK_STR(v[2]->text, "line 4101");
	CHECK_STR(v[0]->text, "line 4099");
	/* Scrolling back stops at the oldest line kept. */
	CHECK_INT(ui_feed_view(f, UI_FEED_LINES - 2, v, 8), 2);
	CHECK_STR(v[0]->text, "line 6");
	ui_feed_free(f);
	free(f);
	net_free(net);
}

TEST(feed_filters_by_sensor_host_and_text_and_pauses)
{
	struct net *net = small_net();
	struct ui_feed *f = calloc(1, sizeof(*f));
	const struct ui_feed_line *v[8];
	int fw = net_sensor_find(net, "fw-c1"), pc = net_host_find(net, "c1-pc-01");

	ui_feed_init(f, net, NULL);
	feed_add(f, 0, -1, "{\"event_type\":\"alert\",\"src_ip\":\"10.10.1.10\"}");
	feed_add(f, fw, pc, "date=2023-11-08 action=\"deny\"");
	feed_add(f, 0, -1, "{\"event_type\":\"dns\"}");
	snprintf(f->filter.sensor, sizeof(f->filter.sensor), "fortigate");
	CHECK_INT(ui_feed_view(f, 0, v, 8), 1);
	CHECK_CONTAINS(v[0]->text, "deny");
	snprintf(f->filter.sensor, sizeof(f->filter.sensor), "ids");
	CHECK_INT(ui_feed_view(f, 0, v, 8), 2);
	f->filter.sensor[0] = '\0';
	/* A host by its name, or by what the line says (its address). */
	snprintf(f->filter.host, sizeof(f->filter.host), "c1-pc");
	CHECK_INT(ui_feed_view(f, 0, v, 8), 1);
	snprintf(f->filter.host, sizeof(f->filter.host), "10.10.1.10");
	CHECK_INT(ui_feed_view(f, 0, v, 8), 1);
	f->filter.host[0] = '\0';
	snprintf(f->filter.text, sizeof(f->filter.text), "DNS");
	CHECK_INT(ui_feed_view(f, 0, v, 8), 1);
	f->filter.text[0] = '\0';
	ui_feed_pause(f, true);
	feed_add(f, 0, -1, "after the pause");
	CHECK_INT(ui_feed_view(f, 0, v, 8), 3);
	CHECK_CONTAINS(v[2]->text, "dns");
	ui_feed_pause(f, false);
	CHECK_INT(ui_feed_view(f, 0, v, 8), 4);
	CHECK_STR(v[3]->text, "after the pause");
	ui_feed_free(f);
	free(f);
	net_free(net);
}

static int tree_row_of(const struct ui_tree *t, enum ui_node_kind kind, int index)
{
	for (int r = 0; r < t->nrows; r++)
		if (t->nodes[t->rows[r]].kind == kind && t->nodes[t->rows[r]].index == index)
			return r;
	return -1;
}

TEST(tree_groups_sites_zones_and_hosts)
{
	struct net *net = small_net();
	struct ui_tree t;
	int dc = net_site_find(net, "dc"), d1c1 = net_site_find(net, "d1-c1");
	int pc = net_host_find(net, "c1-pc-01"), portal = net_host_find(net, "portal");
	const struct ui_node *n;

	ui_tree_build(&t, net);
	/* The province and the data center start open; the data center's
	 * hosts sit under their zones. */
	CHECK(tree_row_of(&t, UI_NODE_SITE, dc) >= 0);
	CHECK(tree_row_of(&t, UI_NODE_ZONE, net->segments[net_segment_find(net, "dc-dmz")].zone_id) >= 0);
	CHECK_INT(tree_row_of(&t, UI_NODE_SITE, d1c1), -1);
	CHECK_INT(t.nodes[0].hosts, 4);
	CHECK(t.nodes[0].monitored);
	CHECK(ui_tree_select_host(&t, pc));
	n = ui_tree_selected(&t);
	CHECK(n->kind == UI_NODE_HOST && n->index == pc);
	CHECK(tree_row_of(&t, UI_NODE_SITE, d1c1) >= 0);
	CHECK(ui_tree_symbol(n) == '.');
	/* Closing a host's row closes its site and selects it. */
	ui_tree_expand(&t, false);
	n = ui_tree_selected(&t);
	CHECK(n->kind == UI_NODE_SITE && n->index == d1c1);
	CHECK(!n->expanded);

	net_host_set(net, portal, NET_HOST_COMPROMISED, true);
	ui_tree_summarise(&t, net);
	CHECK(ui_tree_symbol(&t.nodes[0]) == '!');
	CHECK_INT(t.nodes[0].exposed, 1);
	net_host_set(net, portal, NET_HOST_ISOLATED, true);
	ui_tree_summarise(&t, net);
	CHECK(ui_tree_symbol(&t.nodes[0]) == 'I');
	CHECK_INT(t.nodes[0].compromised, 1);
	CHECK_INT(t.nodes[0].exposed, 0);
	ui_tree_free(&t);
	net_free(net);
}

static int64_t fake_wall_now;

static int64_t fake_wall(void)
{
	return fake_wall_now;
}

static struct drill *small_drill(void)
{
	struct drill_options o = { "tests/data/scenarios/small.lua", "tests/data/net-small.lua", 0, false };
	struct diag errs;
	struct drill *d;

	diag_init(&errs);
	d = drill_open(&o, &errs);
	diag_print(&errs, stdout);
	diag_free(&errs);
	CHECK(d != NULL);
	return d;
}

static const struct drill_entry *find_entry(const struct drill *d, enum drill_entry_kind kind, const char *what)
{
	for (size_t i = 0; i < d->nentries; i++)
		if (d->entries[i].kind == kind && strcmp(d->entries[i].what, what) == 0)
			return &d->entries[i];
	return NULL;
}

static const struct drill_entry *last_entry(const struct drill *d)
{
	return d->nentries ? &d->entries[d->nentries - 1] : NULL;
}

TEST(commands_take_the_action_path_and_errors_change_nothing)
{
	struct drill *d = small_drill();
	struct ui_model *m = calloc(1, sizeof(*m));
	int pc = net_host_find(d->net, "d1-pc-01");
	const struct drill_entry *e;
	size_t before;

	ui_model_init(m, d, "soc", false, 1, 0);
	CHECK_INT(ui_cmd_run(m, "isolate d1-pc-01"), 0);
	CHECK(d->net->hosts[pc].state & NET_HOST_ISOLATED);
	CHECK(!m->status_error);
	CHECK_CONTAINS(m->status, "isolate d1-pc-01");
	e = find_entry(d, DRILL_ACTION, "isolate d1-pc-01");
	CHECK(e != NULL && e->ok && strcmp(e->actor, "soc") == 0);
	/* The scenario heard it, as it hears a scripted action. */
	CHECK(find_entry(d, DRILL_MESSAGE, "message") != NULL);
	CHECK(m->tree.nodes[0].isolated == 1);

	before = d->nentries;
	CHECK_INT(ui_cmd_run(m, "frobnicate d1-pc-01"), -1);
	CHECK(m->status_error);
	CHECK_CONTAINS(m->status, "Unknown command 'frobnicate'");
	CHECK_INT(ui_cmd_run(m, "isolate no-such-host"), -1);
	CHECK_CONTAINS(m->status, "no host 'no-such-host'");
	CHECK_INT(ui_cmd_run(m, "speed 7"), -1);
	CHECK_CONTAINS(m->status, "'7' is not a speed");
	CHECK_INT(ui_cmd_run(m, "inject red hello"), -1);
	CHECK_INT((long long)d->nentries, (long long)before);
	/* What only the running drill can refuse is refused by the drill, on
	 * the timeline, as a scripted action would be. */
	CHECK_INT(ui_cmd_run(m, "ack A-0042"), -1);
	CHECK(m->status_error);
	CHECK_CONTAINS(m->status, "no alert A-0042");
	e = find_entry(d, DRILL_ACTION, "ack A-0042");
	CHECK(e != NULL && !e->ok);
	ui_model_free(m);
	free(m);
	drill_free(d);
}

TEST(white_cell_controls_are_recorded)
{
	struct drill *d = small_drill();
	struct ui_model *m = calloc(1, sizeof(*m));

	ui_model_init(m, d, "soc", false, 1, 0);
	CHECK_INT(ui_cmd_run(m, "pause"), 0);
	CHECK(m->pace.paused);
	CHECK_STR(last_entry(d)->actor, UI_WHITE_CELL);
	CHECK_STR(last_entry(d)->what, "pause");
	CHECK_INT(ui_cmd_run(m, "speed x10"), 0);
	CHECK_INT(m->pace.speed, 10);
	CHECK_STR(last_entry(d)->what, "speed x10");
	CHECK_INT(ui_cmd_run(m, "resume"), 0);
	CHECK(!m->pace.paused);
	CHECK_INT(ui_cmd_run(m, "inject soc  Check the portal now"), 0);
	CHECK(last_entry(d)->kind == DRILL_MESSAGE);
	CHECK_STR(last_entry(d)->target, "soc");
	CHECK_STR(last_entry(d)->detail, "Check the portal now");
	/* Ending asks first; "no" changes nothing. */
	CHECK_INT(ui_cmd_run(m, "end"), 0);
	CHECK(m->mode == UI_MODE_CONFIRM);
	ui_model_answer(m, false);
	CHECK(!m->ended);
	CHECK_INT(ui_cmd_run(m, "end"), 0);
	ui_model_answer(m, true);
	CHECK(m->ended);
	CHECK_STR(last_entry(d)->what, "end");
	CHECK_INT(ui_cmd_run(m, "isolate db"), -1);
	CHECK_CONTAINS(m->status, "ended");
	CHECK(!(d->net->hosts[net_host_find(d->net, "db")].state & NET_HOST_ISOLATED));
	ui_model_free(m);
	free(m);
	drill_free(d);
}

TEST(advance_follows_the_pace_and_stops_when_paused)
{
	struct drill *d = small_drill();
	struct ui_model *m = calloc(1, sizeof(*m));

	ui_model_init(m, d, "soc", false, 60, 0);
	fake_wall_now = 0;
	ui_model_advance(m, 1000000, 1000000000, fake_wall);
	CHECK_INT(d->now, 60 * SIM_SECOND);
	CHECK(m->dirty & UI_DIRTY_CLOCK);
	/* Twenty wall seconds at x60: the attack's first step is due. */
	ui_model_advance(m, 20000000, 1000000000, fake_wall);
	CHECK_INT(d->now, 20 * SIM_MINUTE);
	CHECK(d->nentries > 0);
	CHECK(m->dirty & UI_DIRTY_TIMELINE);
	m->wall = 20000000;
	ui_cmd_run(m, "pause");
	ui_model_advance(m, 40000000, 1000000000, fake_wall);
	CHECK_INT(d->now, 20 * SIM_MINUTE);
	/* Out of wall time after one slice (to the next event): the rest
	 * waits for the next turn. */
	m->wall = 40000000;
	ui_cmd_run(m, "resume");
	fake_wall_now = 130000001;
	ui_model_advance(m, 130000000, 0, fake_wall);
	CHECK(d->now > 20 * SIM_MINUTE && d->now < 110 * SIM_MINUTE);
	CHECK(!m->ended);
	/* Past the scenario's duration the drill is over. */
	ui_model_advance(m, 200000000, 1000000000, fake_wall);
	CHECK(m->ended);
	CHECK_INT(d->now, d->end);
	ui_model_free(m);
	free(m);
	drill_free(d);
}

TEST(event_build_writes_on_each_network_sensor)
{
	struct drill *d = small_drill();
	static const char *const sensors[] = { "ids-dc", "apt-d1", "fw-c1" };
	struct event ev;
	char err[300];
	int sensor;

	if (d == NULL)
		return;
	for (size_t i = 0; i < sizeof(sensors) / sizeof(*sensors); i++) {
		struct render *r = render_new(d->net, &d->clock, d->seed);
		struct strbuf out[RENDER_MAX_FILES];
		enum sensor_type type;

		for (int f = 0; f < RENDER_MAX_FILES; f++)
			strbuf_init(&out[f]);
		err[0] = '\0';
		CHECK_INT(ui_wc_event_build(d->net, sensors[i], "203.0.113.9", "d1-pc-01:8443", "ET DRILL decoy \"x\"",
					    SIM_MINUTE, 7, &ev, &sensor, err, sizeof(err)), 0);
		CHECK_STR(err, "");
		CHECK_INT(sensor, net_sensor_find(d->net, sensors[i]));
		CHECK_INT(ev.conn.resp_port, 8443);
		CHECK_INT(ev.conn.resp_ip, d->net->hosts[net_host_find(d->net, "d1-pc-01")].ip);
		CHECK(sensor_type_parse(d->net->sensors[sensor].type, &type));
		CHECK(sensor_type_logs(type, &ev));
		CHECK_INT(render_event(r, &ev, type, out, NULL), 1);
		CHECK_CONTAINS(strbuf_str(&out[0]), "ET DRILL decoy");
		for (int f = 0; f < RENDER_MAX_FILES; f++)
			strbuf_free(&out[f]);
		render_free(r);
	}
	/* No port: the default. */
	CHECK_INT(ui_wc_event_build(d->net, "ids-dc", "d1-pc-01", "198.51.100.1", "x", 0, 1, &ev, &sensor, err,
				    sizeof(err)), 0);
	CHECK_INT(ev.conn.resp_port, UI_WC_EVENT_PORT);
	CHECK_INT(ui_wc_event_build(d->net, "nosuch", "1.2.3.4", "5.6.7.8", "x", 0, 1, &ev, &sensor, err, sizeof(err)),
		  -1);
	CHECK_STR(err, "There is no sensor 'nosuch' in the network (Tab lists them).");
	CHECK_INT(ui_wc_event_build(d->net, "win-soc", "1.2.3.4", "5.6.7.8", "x", 0, 1, &ev, &sensor, err, sizeof(err)),
		  -1);
	CHECK_CONTAINS(err, "win-soc reads host logs (windows)");
	CHECK_INT(ui_wc_event_build(d->net, "ids-dc", "1.2.3.4", "5.6.7.8:0", "x", 0, 1, &ev, &sensor, err, sizeof(err)),
		  -1);
	CHECK_STR(err, "'0' is not a port (1 to 65535).");
	CHECK_INT(ui_wc_event_build(d->net, "ids-dc", "1.2.3.4", "5.6.7.8:80x", "x", 0, 1, &ev, &sensor, err,
				    sizeof(err)), -1);
	CHECK_INT(ui_wc_event_build(d->net, "ids-dc", "nowhere", "5.6.7.8", "x", 0, 1, &ev, &sensor, err, sizeof(err)),
		  -1);
	CHECK_STR(err, "'nowhere' is neither a host of the network nor an IPv4 address.");
	CHECK_INT(ui_wc_event_build(d->net, "ids-dc", "1.2.3.4", "5.6.7.8", "", 0, 1, &ev, &sensor, err, sizeof(err)),
		  -1);
	drill_free(d);
}

static struct drill *score_drill(void)
{
	struct drill_options o = { "tests/data/scenarios/score.lua", "tests/data/net-small.lua", 0, false };
	struct diag errs;
	struct drill *d;

	diag_init(&errs);
	d = drill_open(&o, &errs);
	diag_print(&errs, stdout);
	diag_free(&errs);
	CHECK(d != NULL);
	return d;
}

/* Whether some line of the score pane holds text. */
static bool pane_has(const struct ui_model *m, const char *text)
{
	struct ui_score_line lines[64];
	int n = ui_score_lines(m, lines, 64, 0, 200);

	for (int i = 0; i < n; i++)
		if (strstr(lines[i].text, text))
			return true;
	return false;
}

TEST(white_cell_hint_mark_event_and_the_score_pane)
{
	struct drill *d = score_drill();
	struct score *s;
	struct ui_model *m = calloc(1, sizeof(*m));
	size_t before;
	int alerts;

	if (d == NULL)
		return;
	s = score_new(d);
	score_add_team(s, "soc");
	score_add_team(s, "red");
	ui_model_init(m, d, "soc", false, 1, 0);
	m->score = s;
	CHECK(pane_has(m, "see-exploit"));
	CHECK(pane_has(m, "red: pending"));
	CHECK(pane_has(m, "No points yet"));
	CHECK(pane_has(m, "Attack so far"));
	/* A hint to red: its action, scored with the text, and a message. */
	CHECK_INT(ui_cmd_run(m, "hint red  look at the portal"), 0);
	CHECK_INT(score_total(s, "red"), -5);
	CHECK_INT(score_total(s, "soc"), 0);
	CHECK(find_entry(d, DRILL_ACTION, "hint look at the portal") != NULL);
	CHECK_STR(last_entry(d)->detail, "look at the portal");
	CHECK_STR(last_entry(d)->target, "red");
	CHECK(pane_has(m, "hint from the white cell: look at the portal"));
	/* Marks, and errors that change nothing. */
	CHECK_INT(ui_cmd_run(m, "mark soc keep-portal met it held"), 0);
	CHECK_INT(score_total(s, "soc"), 10);
	CHECK(pane_has(m, "soc: met red: pending"));
	CHECK_STR(last_entry(d)->what, "mark soc keep-portal met");
	before = d->nentries;
	CHECK_INT(ui_cmd_run(m, "mark blue keep-portal met"), -1);
	CHECK_CONTAINS(m->status, "There is no team 'blue' in this drill (teams: soc, red).");
	CHECK_INT(ui_cmd_run(m, "mark soc keep-it met"), -1);
	CHECK_CONTAINS(m->status, "no expectation 'keep-it'");
	CHECK_INT(ui_cmd_run(m, "mark soc keep-portal perhaps"), -1);
	CHECK_INT(ui_cmd_run(m, "mark soc keep-portal met"), -1);
	CHECK_CONTAINS(m->status, "already marked met");
	/* That one was the white cell's action, refused when it fell due:
	 * on the timeline with the reason, as a team's refused action is. */
	CHECK_INT((long long)d->nentries, (long long)before + 1);
	CHECK(!last_entry(d)->ok);
	CHECK_STR(last_entry(d)->what, "mark soc keep-portal met");
	CHECK_STR(last_entry(d)->detail, "keep-portal is already marked met for soc");
	before = d->nentries;
	CHECK_INT(ui_cmd_run(m, "hint blue x"), -1);
	CHECK_INT(ui_cmd_run(m, "hint soc"), -1);
	CHECK_CONTAINS(m->status, "usage: hint TEAM TEXT");
	CHECK_INT(ui_cmd_run(m, "event ids-dc 1.2.3.4 nowhere x"), -1);
	CHECK_INT(ui_cmd_run(m, "msg blue hi"), -1);
	CHECK_INT((long long)d->nentries, (long long)before);
	CHECK_INT(score_total(s, "soc"), 10);
	/* A hand-written event: an alert no step made, the feed, the timeline. */
	alerts = alerts_count(d->alerts);
	CHECK_INT(ui_cmd_run(m, "event ids-dc 203.0.113.9 portal:443 ET DRILL decoy"), 0);
	CHECK_INT(alerts_count(d->alerts), alerts + 1);
	CHECK(alerts_get(d->alerts, alerts)->cause < 0);
	CHECK(strstr(m->feed.lines[(m->feed.seq - 1) % UI_FEED_LINES].text, "ET DRILL decoy") != NULL);
	CHECK_STR(last_entry(d)->what, "event ids-dc 203.0.113.9 portal:443");
	CHECK_STR(last_entry(d)->target, "ids-dc");
	/* A team's seat: refused, and it sees its own part only. */
	m->white_cell = false;
	before = d->nentries;
	CHECK_INT(ui_cmd_run(m, "pause"), -1);
	CHECK_CONTAINS(m->status, "Only the white cell can do that: this console is team soc's seat.");
	CHECK(!m->pace.paused);
	CHECK_INT(ui_cmd_run(m, "speed 60"), -1);
	CHECK_INT(ui_cmd_run(m, "mark soc see-exploit met"), -1);
	CHECK_INT(ui_cmd_run(m, "event ids-dc 1.2.3.4 portal x"), -1);
	CHECK_INT(ui_cmd_run(m, "inject all hi"), -1);
	CHECK_INT((long long)d->nentries, (long long)before);
	CHECK(pane_has(m, "Your points:  team soc +10"));
	CHECK(!pane_has(m, "team red"));
	CHECK(!pane_has(m, "look at the portal"));
	CHECK(!pane_has(m, "Attack so far"));
	CHECK(!ui_model_sees(m, find_entry(d, DRILL_ACTION, "hint look at the portal")));
	CHECK(ui_model_sees(m, find_entry(d, DRILL_ACTION, "mark soc keep-portal met")));
	CHECK(!ui_model_sees(m, find_entry(d, DRILL_ACTION, "event ids-dc 203.0.113.9 portal:443")));
	/* The team asks for a hint itself. */
	CHECK_INT(ui_cmd_run(m, "hint"), 0);
	CHECK_INT(score_total(s, "soc"), 5);
	CHECK(pane_has(m, "asked the white cell for a hint"));
	ui_model_free(m);
	free(m);
	score_free(s);
	drill_free(d);
}

/* How many shown feed lines hold text. */
static int feed_lines_with(const struct ui_model *m, const char *text)
{
	const struct ui_feed_line *lines[UI_FEED_LINES];
	int n = ui_feed_view(&m->feed, 0, lines, UI_FEED_LINES), k = 0;

	for (int i = 0; i < n; i++)
		k += strstr(lines[i]->text, text) != NULL;
	return k;
}

TEST(a_team_seat_sees_its_own_sensors)
{
	struct drill *d = small_drill();
	struct ui_model *m = calloc(1, sizeof(*m));
	struct teams t = { .mode = TEAMS_SHARED };
	char why[256] = "";
	int all;

	if (d == NULL)
		return;
	CHECK_INT(teams_parse("soc,d1=d1", &t, why, sizeof(why)), 0);
	CHECK_INT(teams_resolve(&t, d->net, why, sizeof(why)), 0);
	ui_model_init(m, d, "soc", false, 1, 0);
	/* The white cell writes an alert on the data center's IDS and one on
	 * the district's APT sensor. */
	CHECK_INT(ui_cmd_run(m, "event ids-dc 203.0.113.9 portal:443 ET DRILL dc decoy"), 0);
	CHECK_INT(ui_cmd_run(m, "event apt-d1 d1-pc-01 198.51.100.9 ET DRILL district decoy"), 0);
	all = ui_view_alerts(&m->view);
	CHECK_INT(all, 2);
	CHECK_INT(feed_lines_with(m, "dc decoy"), 1);
	/* The district team's seat: its APT sensor's alert and line only. */
	ui_model_seat(m, &t, teams_find(&t, "d1"));
	CHECK(!ui_view_sees_sensor(&m->view, net_sensor_find(d->net, "ids-dc")));
	CHECK(ui_view_sees_sensor(&m->view, net_sensor_find(d->net, "apt-d1")));
	CHECK_INT(ui_view_alerts(&m->view), 1);
	CHECK_STR(d->net->sensors[ui_view_alert(&m->view, 0)->sensor].id, "apt-d1");
	CHECK_INT(ui_view_new_alerts(&m->view), 1);
	CHECK_INT(feed_lines_with(m, "dc decoy"), 0);
	CHECK_INT(feed_lines_with(m, "district decoy"), 1);
	/* New alerts are sorted as they come: another on the IDS stays
	 * hidden, another on the APT sensor shows. */
	m->white_cell = true;
	CHECK_INT(ui_cmd_run(m, "event ids-dc 203.0.113.9 portal:443 ET DRILL dc again"), 0);
	CHECK_INT(ui_cmd_run(m, "event apt-d1 d1-pc-01 198.51.100.9 ET DRILL district again"), 0);
	CHECK_INT(ui_view_alerts(&m->view), 2);
	CHECK_CONTAINS(ui_view_alert(&m->view, 1)->desc, "district again");
	/* The provincial SOC's seat sees the IDS and, as the SOC, the APT
	 * sensor; the white cell every sensor. */
	ui_model_seat(m, &t, teams_find(&t, "soc"));
	CHECK_INT(ui_view_alerts(&m->view), 4);
	ui_model_seat(m, &t, -1);
	CHECK_INT(ui_view_alerts(&m->view), 4);
	CHECK_INT(feed_lines_with(m, "decoy"), 2);
	/* In a parallel drill each team has its whole province. */
	t.mode = TEAMS_PARALLEL;
	ui_model_seat(m, &t, teams_find(&t, "d1"));
	CHECK_INT(ui_view_alerts(&m->view), 4);
	ui_model_free(m);
	free(m);
	drill_free(d);
}

int main(void)
{
	setlocale(LC_CTYPE, "C.UTF-8");
	RUN(text_width_counts_cells_not_bytes);
	RUN(text_fit_cuts_with_an_ellipsis_at_a_letter);
	RUN(text_fit_pads_and_cleans);
	RUN(line_edits_by_letter);
	RUN(line_history_walks_back_and_restores_the_draft);
	RUN(complete_commands_hosts_accounts_and_sites);
	RUN(feed_keeps_the_newest_lines_in_a_bounded_ring);
	RUN(feed_filters_by_sensor_host_and_text_and_pauses);
	RUN(tree_groups_sites_zones_and_hosts);
	RUN(commands_take_the_action_path_and_errors_change_nothing);
	RUN(white_cell_controls_are_recorded);
	RUN(advance_follows_the_pace_and_stops_when_paused);
	RUN(event_build_writes_on_each_network_sensor);
	RUN(white_cell_hint_mark_event_and_the_score_pane);
	RUN(a_team_seat_sees_its_own_sensors);
	return harness_finish();
}
