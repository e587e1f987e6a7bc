/*
 * test_sha1.c - SHA-1 against the FIPS 180-4 / RFC 3174 test vectors,
 * and Community ID v1, its one user, against the baseline tables of
 * corelight/community-id-spec (baseline/baseline_deflt.json and
 * baseline_seed1.json).
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "ipaddr.h"
#include "sha1.h"

static void hex(const uint8_t digest[SHA1_DIGEST_SIZE], char out[41])
{
	int i;

	for (i = 0; i < SHA1_DIGEST_SIZE; i++)
		snprintf(out + 2 * i, 3, "%02x", digest[i]);
}

static void check_sha1(const char *msg, size_t len, const char *want)
{
	uint8_t digest[SHA1_DIGEST_SIZE];
	char text[41];

	sha1_digest(msg, len, digest);
	hex(digest, text);
	CHECK_STR(text, want);
}

TEST(sha1_known_answers)
{
	check_sha1("", 0, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
	check_sha1("abc", 3, "a9993e364706816aba3e25717850c26c9cd0d89d");
	check_sha1("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
		   "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
	check_sha1("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
		   "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
		   112, "a49b2446a02c645bf419f995b67091253a04a259");
	check_sha1("The quick brown fox jumps over the lazy dog", 43,
		   "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12");
}

/* A million 'a's fed in uneven pieces: exercises every block boundary
 * case of the streaming interface. */
TEST(sha1_million_a_streamed)
{
	static char chunk[997];
	struct sha1 s;
	uint8_t digest[SHA1_DIGEST_SIZE];
	char text[41];
	size_t left = 1000000, piece = 1;

	memset(chunk, 'a', sizeof chunk);
	sha1_init(&s);
	while (left > 0) {
		size_t n = piece < left ? piece : left;

		sha1_update(&s, chunk, n);
		left -= n;
		piece = piece % sizeof chunk + 63;
		if (piece > sizeof chunk)
			piece = 1;
	}
	sha1_final(&s, digest);
	hex(digest, text);
	CHECK_STR(text, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

/* Padding edges: 55 bytes fit one block with the length, 56 need two. */
TEST(sha1_padding_edges)
{
	static const char a64[] =
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

	check_sha1(a64, 55, "c1c8bbdc22796e28c0e15163d20899b65621d65a");
	check_sha1(a64, 56, "c2db330f6083854c99d4b5bfb6e8f29f201be699");
	check_sha1(a64, 64, "0098ba824b5c16427bd7a1122a5a442a25ec644d");
}

static void check_cid(uint8_t proto, const char *src, uint16_t sp,
		      const char *dst, uint16_t dp, uint16_t seed,
		      const char *want)
{
	struct event_conn c = { .serial = 1, .proto = proto };
	char id[EVENT_COMMUNITY_ID_SIZE];

	if (!ipaddr_parse(src, &c.orig_ip) || !ipaddr_parse(dst, &c.resp_ip))
		abort();
	c.orig_port = sp;
	c.resp_port = dp;
	event_community_id(&c, seed, id);
	CHECK_STR(id, want);
}

/* Both directions of a flow give one ID, seed 0 and seed 1. */
TEST(community_id_tcp_udp)
{
	check_cid(6, "128.232.110.120", 34855, "66.35.250.204", 80, 0,
		  "1:LQU9qZlK+B5F3KDmev6m5PMibrg=");
	check_cid(6, "66.35.250.204", 80, "128.232.110.120", 34855, 0,
		  "1:LQU9qZlK+B5F3KDmev6m5PMibrg=");
	check_cid(17, "192.168.1.52", 54585, "8.8.8.8", 53, 0,
		  "1:d/FP5EW3wiY1vCndhwleRRKHowQ=");
	check_cid(17, "8.8.8.8", 53, "192.168.1.52", 54585, 0,
		  "1:d/FP5EW3wiY1vCndhwleRRKHowQ=");
	check_cid(6, "128.232.110.120", 34855, "66.35.250.204", 80, 1,
		  "1:3V71V58M3Ksw/yuFALMcW0LAHvc=");
	check_cid(17, "8.8.8.8", 53, "192.168.1.52", 54585, 1,
		  "1:Q9We8WO3piVF8yEQBNJF4uiSVrI=");
}

/* ICMP: an echo request and its reply share an ID; time exceeded is
 * one-way and hashed as seen.  Ports carry type and code. */
TEST(community_id_icmp)
{
	check_cid(1, "192.168.0.89", 8, "192.168.0.1", 0, 0,
		  "1:X0snYXpgwiv9TZtqg64sgzUn6Dk=");
	check_cid(1, "192.168.0.1", 0, "192.168.0.89", 0, 0,
		  "1:X0snYXpgwiv9TZtqg64sgzUn6Dk=");
	check_cid(1, "10.0.0.1", 11, "10.0.0.2", 0, 0,
		  "1:YHxtAirCG//0OzkcVAukqKQN9xM=");
	check_cid(1, "192.168.0.89", 8, "192.168.0.1", 0, 1,
		  "1:03g6IloqVBdcZlPyX8r0hgoE7kA=");
	check_cid(1, "10.0.0.1", 11, "10.0.0.2", 0, 1,
		  "1:XjUibYHaafLQ3pxQeiMI8g25q20=");
}

/* A protocol without ports (RSVP, 46) hashes the addresses only. */
TEST(community_id_portless)
{
	check_cid(46, "10.1.12.1", 0, "10.1.12.2", 0, 0,
		  "1:KHlLkgoJW7ifUTyTSgyVfkFHzKw=");
	check_cid(46, "10.1.12.2", 0, "10.1.12.1", 0, 1,
		  "1:rYir8gphR31noO9iDRQmF/BteEI=");
}

int main(void)
{
	RUN(sha1_known_answers);
	RUN(sha1_million_a_streamed);
	RUN(sha1_padding_edges);
	RUN(community_id_tcp_udp);
	RUN(community_id_icmp);
	RUN(community_id_portless);
	return harness_finish();
}
