/*
 * test_strbuf.c - strbuf_addf writes what snprintf writes: the
 * conversions it formats itself (%s %c and the integers, with l, ll, z, a
 * '0' flag and a width) at their limits, and those it hands to vsnprintf
 * (precision, '-', '+', floating point); appends to a non-empty buffer,
 * growth past the first allocation, and strbuf_addc.
 */
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "harness.h"
#include "strbuf.h"

/* Append with strbuf_addf and with snprintf; they must agree. */
#define SAME(...)                                                       \
	do {                                                                \
		struct strbuf sb_ = { 0 };                                      \
		char want_[512];                                                \
		strbuf_adds(&sb_, "<");                                         \
		snprintf(want_, sizeof(want_), "<" __VA_ARGS__);               \
		strbuf_addf(&sb_, __VA_ARGS__);                                 \
		CHECK_STR(strbuf_str(&sb_), want_);                             \
		CHECK_INT(sb_.len, strlen(want_));                              \
		strbuf_free(&sb_);                                              \
	} while (0)

TEST(addf_integers)
{
	int ints[] = { 0, 1, -1, 9, 10, -10, 12345, INT_MAX, INT_MIN };
	long longs[] = { 0, -7, LONG_MAX, LONG_MIN };
	long long lls[] = { 0, 42, -42, LLONG_MAX, LLONG_MIN };
	unsigned long long ulls[] = { 0, 0xabcdefULL, ULLONG_MAX };

	for (size_t i = 0; i < sizeof(ints) / sizeof(*ints); i++) {
		SAME("%d|%i|%u|%x|%X", ints[i], ints[i], (unsigned)ints[i], (unsigned)ints[i], (unsigned)ints[i]);
		SAME("%5d|%05d|%02d|%2d|%012d", ints[i], ints[i], ints[i], ints[i], ints[i]);
		SAME("%04x|%02X|%08X|%3u", (unsigned)ints[i], (unsigned)ints[i], (unsigned)ints[i], (unsigned)ints[i]);
	}
	for (size_t i = 0; i < sizeof(longs) / sizeof(*longs); i++)
		SAME("%ld %2ld %05lX %lX %lu", longs[i], longs[i], (unsigned long)longs[i], (unsigned long)longs[i],
		     (unsigned long)longs[i]);
	for (size_t i = 0; i < sizeof(lls) / sizeof(*lls); i++)
		SAME("%lld.%lld %06lld %llx", lls[i], lls[i] / 10, lls[i], (unsigned long long)lls[i]);
	for (size_t i = 0; i < sizeof(ulls) / sizeof(*ulls); i++)
		SAME("%llu %06llu %llX %020llu", ulls[i], ulls[i], ulls[i], ulls[i]);
	SAME("%zu %zd %5zu", (size_t)123456, (ssize_t)-5, (size_t)7);
}

TEST(addf_strings_and_chars)
{
	SAME("%s", "");
	SAME("%s[%s]: %s", "host", "1.2.3.4", "Thông báo hoàn thuế");
	SAME("%8s|%2s|%c|%3c|%%|%c", "ab", "abcdef", 'x', 'y', '%');
	SAME("no conversion at all");
	SAME("100%% sure %d%%", 5);
}

/* What the fast path leaves to vsnprintf comes out the same too. */
TEST(addf_fallback)
{
	SAME("%.8s|%-5d|%+d|% d|%.3f|%g", "abcdefghijk", 42, 42, 42, 3.14159, 0.5);
	SAME("%03o|%#x|%*d|%ls", 8u, 255u, 6, 7, L"w");
}

TEST(addf_appends_and_grows)
{
	struct strbuf sb = { 0 };
	char want[8192];
	size_t n = 0;

	for (int i = 0; i < 600; i++) {
		strbuf_addf(&sb, "%d:%s;", i, i % 2 ? "odd" : "even");
		n += (size_t)snprintf(want + n, sizeof(want) - n, "%d:%s;", i, i % 2 ? "odd" : "even");
	}
	CHECK_STR(strbuf_str(&sb), want);
	CHECK_INT(sb.len, n);
	/* A long fallback conversion past the room there is. */
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%.300s|%-400s|", want, "x");
	CHECK_INT(sb.len, 300 + 1 + 400 + 1);
	CHECK(memcmp(sb.buf, want, 300) == 0);
	CHECK(sb.buf[sb.len] == '\0');
	strbuf_free(&sb);
}

TEST(addc_grows)
{
	struct strbuf sb = { 0 };

	for (int i = 0; i < 1000; i++)
		strbuf_addc(&sb, (char)('a' + i % 26));
	CHECK_INT(sb.len, 1000);
	CHECK(sb.buf[999] == 'a' + 999 % 26);
	CHECK(sb.buf[1000] == '\0');
	strbuf_free(&sb);
}

int main(void)
{
	RUN(addf_integers);
	RUN(addf_strings_and_chars);
	RUN(addf_fallback);
	RUN(addf_appends_and_grows);
	RUN(addc_grows);
	return harness_finish();
}
