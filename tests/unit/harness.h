/*
 * harness.h - the tiny unit-test harness shared by tests/unit/test_*.c.
 *
 * Each test program defines its cases with TEST(name), runs them with
 * RUN(name) from main() and returns harness_finish().  Every case prints
 * one line, "ok - name" or "not ok - name", and every failed CHECK prints
 * "#   file:line: expression" below it, so tests/run can count cases across
 * programs.  A failed CHECK does not stop the case: later checks still run
 * and report.
 */
#ifndef HARNESS_H
#define HARNESS_H

#include <stdio.h>
#include <string.h>

static int harness_case_failed;
static int harness_passed;
static int harness_failed;

#define TEST(name) static void name(void)

#define CHECK(cond)                                                     \
	do {                                                                \
		if (!(cond)) {                                                  \
			harness_case_failed = 1;                                    \
			printf("#   %s:%d: CHECK(%s)\n", __FILE__, __LINE__, #cond); \
		}                                                               \
	} while (0)

/* Compare two integers and print both values on failure. */
#define CHECK_INT(got, want)                                            \
	do {                                                                \
		long long harness_g = (long long)(got);                         \
		long long harness_w = (long long)(want);                        \
		if (harness_g != harness_w) {                                   \
			harness_case_failed = 1;                                    \
			printf("#   %s:%d: %s == %lld, expected %lld\n",            \
			       __FILE__, __LINE__, #got, harness_g, harness_w);     \
		}                                                               \
	} while (0)

/* Compare two C strings (NULL allowed) and print both on failure. */
#define CHECK_STR(got, want)                                            \
	do {                                                                \
		const char *harness_g = (got);                                  \
		const char *harness_w = (want);                                 \
		if (harness_g == NULL || harness_w == NULL ?                    \
		    harness_g != harness_w : strcmp(harness_g, harness_w) != 0) { \
			harness_case_failed = 1;                                    \
			printf("#   %s:%d: %s == \"%s\", expected \"%s\"\n",        \
			       __FILE__, __LINE__, #got,                            \
			       harness_g ? harness_g : "(null)",                    \
			       harness_w ? harness_w : "(null)");                   \
		}                                                               \
	} while (0)

/* Check that haystack contains needle. */
#define CHECK_CONTAINS(haystack, needle)                                \
	do {                                                                \
		const char *harness_h = (haystack);                             \
		const char *harness_n = (needle);                               \
		if (harness_h == NULL || strstr(harness_h, harness_n) == NULL) { \
			harness_case_failed = 1;                                    \
			printf("#   %s:%d: \"%s\" does not contain \"%s\"\n",       \
			       __FILE__, __LINE__,                                  \
			       harness_h ? harness_h : "(null)", harness_n);        \
		}                                                               \
	} while (0)

#define RUN(name)                                                       \
	do {                                                                \
		harness_case_failed = 0;                                        \
		name();                                                         \
		if (harness_case_failed) {                                      \
			harness_failed++;                                           \
			printf("not ok - %s\n", #name);                             \
		} else {                                                        \
			harness_passed++;                                           \
			printf("ok - %s\n", #name);                                 \
		}                                                               \
		fflush(stdout);                                                 \
	} while (0)

static inline int harness_finish(void)
{
	printf("# %d passed, %d failed\n", harness_passed, harness_failed);
	return harness_failed == 0 && harness_passed > 0 ? 0 : 1;
}

#endif
