/* The console protocol's codec: every message type round-trips; a frame
 * cut at any byte is incomplete, never misread; oversized frames, fields
 * over their caps, NUL bytes in text, bad flags, unknown types and bytes
 * left over are refused with a message that names what is wrong; random
 * bytes never decode past the frame. */
#include "harness.h"

#include <stdlib.h>

#include "proto.h"

/* Encode m, check the frame, decode it into out; 0 on success. */
static int round_trip(const struct proto_msg *m, struct proto_msg *out, struct strbuf *wire)
{
	char err[256];
	size_t body;

	strbuf_reset(wire);
	proto_encode(m, wire);
	if (proto_frame(wire->buf, wire->len, &body, err, sizeof(err)) != 1 || body + PROTO_HEAD != wire->len)
		return -1;
	return proto_decode(wire->buf + PROTO_HEAD, body, out, err, sizeof(err));
}

TEST(small_messages_round_trip)
{
	struct strbuf wire = { 0 };
	struct proto_msg m = { 0 }, out;

	m.type = PROTO_HELLO, m.version = PROTO_VERSION, m.team = "đội-1", m.token = "abc";
	CHECK_INT(round_trip(&m, &out, &wire), 0);
	CHECK_INT(out.type, PROTO_HELLO);
	CHECK_INT(out.version, PROTO_VERSION);
	CHECK_STR(out.team, "đội-1");
	CHECK_STR(out.token, "abc");
	proto_msg_free(&out);

	memset(&m, 0, sizeof(m));
	m.type = PROTO_ACTION, m.id = 77, m.team = "blue", m.text = "isolate tdm-pc-02";
	CHECK_INT(round_trip(&m, &out, &wire), 0);
	CHECK_INT(out.id, 77);
	CHECK_STR(out.team, "blue");
	CHECK_STR(out.text, "isolate tdm-pc-02");
	proto_msg_free(&out);

	memset(&m, 0, sizeof(m));
	m.type = PROTO_RESULT, m.id = 4000000000u, m.ok = true, m.text = "";
	CHECK_INT(round_trip(&m, &out, &wire), 0);
	CHECK_INT(out.id, 4000000000u);
	CHECK(out.ok);
	CHECK_STR(out.text, "");
	proto_msg_free(&out);

	memset(&m, 0, sizeof(m));
	m.type = PROTO_TICK, m.clock = (struct proto_clock){ 3 * SIM_HOUR + 5, 60, true, false };
	CHECK_INT(round_trip(&m, &out, &wire), 0);
	CHECK_INT(out.clock.now, 3 * SIM_HOUR + 5);
	CHECK_INT(out.clock.speed, 60);
	CHECK(out.clock.paused && !out.clock.ended);
	proto_msg_free(&out);

	memset(&m, 0, sizeof(m));
	m.type = PROTO_ACTED, m.action = (struct proto_action){ 9, SIM_MINUTE, "red", "ack A-0001", "ok" };
	CHECK_INT(round_trip(&m, &out, &wire), 0);
	CHECK_INT(out.action.seq, 9);
	CHECK_INT(out.action.time, SIM_MINUTE);
	CHECK_STR(out.action.command, "ack A-0001");
	proto_msg_free(&out);

	memset(&m, 0, sizeof(m));
	m.type = PROTO_BYE, m.text = "the drill has ended";
	CHECK_INT(round_trip(&m, &out, &wire), 0);
	CHECK_STR(out.text, "the drill has ended");
	proto_msg_free(&out);
	strbuf_free(&wire);
}

static void fill_snapshot(struct proto_msg *m, struct proto_action *acts, char **teams)
{
	static char scenario[] = "scenario { name = 'x' }\n\0binary";

	memset(m, 0, sizeof(*m));
	m->type = PROTO_SNAPSHOT;
	m->snap.exercise = "0f3c";
	m->snap.team = "white-cell";
	m->snap.scenario_name = "annual.lua";
	m->snap.scenario = scenario;
	m->snap.scenario_len = sizeof(scenario);
	m->snap.scenario_sha256 = "aa";
	m->snap.network_name = "default.lua";
	m->snap.network = "net";
	m->snap.network_len = 3;
	m->snap.network_sha256 = "bb";
	m->snap.seed = UINT64_MAX - 1;
	m->snap.background = "0.29999999999999999";
	m->snap.clock = (struct proto_clock){ SIM_HOUR, 1, false, true };
	teams[0] = "a", teams[1] = "b";
	m->snap.teams = teams;
	m->snap.nteams = 2;
	acts[0] = (struct proto_action){ 1, 10, "a", "isolate x", "ok" };
	acts[1] = (struct proto_action){ 2, 20, "b", "ack A-0009", "no alert A-0009: 0 raised so far" };
	m->snap.actions = acts;
	m->snap.nactions = 2;
}

TEST(snapshot_round_trips_with_binary_files)
{
	struct strbuf wire = { 0 };
	struct proto_msg m, out;
	struct proto_action acts[2];
	char *teams[2];

	fill_snapshot(&m, acts, teams);
	CHECK_INT(round_trip(&m, &out, &wire), 0);
	CHECK_INT(out.snap.scenario_len, m.snap.scenario_len);
	CHECK(memcmp(out.snap.scenario, m.snap.scenario, m.snap.scenario_len) == 0);
	CHECK_STR(out.snap.network, "net");
	CHECK_INT(out.snap.seed, UINT64_MAX - 1);
	CHECK_STR(out.snap.background, "0.29999999999999999");
	CHECK(out.snap.clock.ended);
	CHECK_INT(out.snap.nteams, 2);
	CHECK_STR(out.snap.teams[1], "b");
	CHECK_INT(out.snap.nactions, 2);
	CHECK_STR(out.snap.actions[1].result, "no alert A-0009: 0 raised so far");
	CHECK_INT(out.snap.actions[1].time, 20);
	proto_msg_free(&out);
	strbuf_free(&wire);
}

/* Every cut of a frame waits for more bytes; every cut of a body
 * (decoded as if whole) is refused as ending early. */
TEST(cut_frames_are_incomplete_and_cut_bodies_refused)
{
	struct strbuf wire = { 0 };
	struct proto_msg m, out;
	struct proto_action acts[2];
	char *teams[2], err[256];
	size_t body;
	int bad = 0, early = 0;

	fill_snapshot(&m, acts, teams);
	proto_encode(&m, &wire);
	for (size_t cut = 0; cut < wire.len; cut++)
		bad += proto_frame(wire.buf, cut, &body, err, sizeof(err)) != 0;
	CHECK_INT(bad, 0);
	for (size_t cut = 0; cut + PROTO_HEAD < wire.len; cut++) {
		if (proto_decode(wire.buf + PROTO_HEAD, cut, &out, err, sizeof(err)) == 0) {
			bad++;
			proto_msg_free(&out);
		} else {
			early += strstr(err, "ends early") != NULL || strstr(err, "longer than the rest") != NULL ||
				 strstr(err, "more than the message holds") != NULL;
		}
	}
	CHECK_INT(bad, 0);
	CHECK_INT(early, (long long)(wire.len - PROTO_HEAD));
	strbuf_free(&wire);
}

TEST(bad_frames_and_fields_are_named)
{
	char err[256];
	size_t body;
	struct proto_msg out;
	static const unsigned char huge[] = { 0x7f, 0xff, 0xff, 0xff, 1 }, zero[] = { 0, 0, 0, 0 };
	static const unsigned char unknown[] = { 42 }, flag[] = { PROTO_TICK, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 2, 0 };
	static const unsigned char nul[] = { PROTO_BYE, 0, 0, 0, 3, 'a', 0, 'b' };
	static const unsigned char extra[] = { PROTO_BYE, 0, 0, 0, 1, 'a', 'z' };
	static const unsigned char team[] = { PROTO_HELLO, 0, 0, 0, 1, 0, 0, 0, 200 };

	CHECK_INT(proto_frame(huge, sizeof(huge), &body, err, sizeof(err)), -1);
	CHECK_CONTAINS(err, "2147483647 bytes");
	CHECK_INT(proto_frame(zero, sizeof(zero), &body, err, sizeof(err)), -1);
	CHECK_INT(proto_decode(unknown, sizeof(unknown), &out, err, sizeof(err)), -1);
	CHECK_STR(err, "malformed unknown message: message type: unknown");
	CHECK_INT(proto_decode(flag, sizeof(flag), &out, err, sizeof(err)), -1);
	CHECK_STR(err, "malformed tick message: paused: a flag that is neither 0 nor 1");
	CHECK_INT(proto_decode(nul, sizeof(nul), &out, err, sizeof(err)), -1);
	CHECK_STR(err, "malformed bye message: reason: holds a NUL byte");
	CHECK_INT(proto_decode(extra, sizeof(extra), &out, err, sizeof(err)), -1);
	CHECK_STR(err, "malformed bye message: bye: bytes left over after the message");
	CHECK_INT(proto_decode(team, sizeof(team), &out, err, sizeof(err)), -1);
	CHECK_STR(err, "malformed hello message: team: longer than allowed");
}

/* Flipped bytes in a valid snapshot: the decoder either decodes or
 * refuses, and what it decodes is freed cleanly (valgrind sees it). */
TEST(flipped_bytes_never_crash)
{
	struct strbuf wire = { 0 };
	struct proto_msg m, out;
	struct proto_action acts[2];
	char *teams[2], err[256];
	int decided = 0;
	unsigned seed = 12345;

	fill_snapshot(&m, acts, teams);
	proto_encode(&m, &wire);
	for (int round = 0; round < 3000; round++) {
		unsigned char *copy = malloc(wire.len);

		memcpy(copy, wire.buf, wire.len);
		for (int k = 0; k < 3; k++) {
			seed = seed * 1103515245u + 12345u;
			copy[PROTO_HEAD + (seed >> 8) % (wire.len - PROTO_HEAD)] ^= (unsigned char)(1u << (seed >> 28) % 8);
		}
		if (proto_decode(copy + PROTO_HEAD, wire.len - PROTO_HEAD, &out, err, sizeof(err)) == 0)
			proto_msg_free(&out);
		else
			CHECK(strncmp(err, "malformed ", 10) == 0);
		decided++;
		free(copy);
	}
	CHECK_INT(decided, 3000);
	strbuf_free(&wire);
}

int main(void)
{
	RUN(small_messages_round_trip);
	RUN(snapshot_round_trips_with_binary_files);
	RUN(cut_frames_are_incomplete_and_cut_bodies_refused);
	RUN(bad_frames_and_fields_are_named);
	RUN(flipped_bytes_never_crash);
	return harness_finish();
}
