/*
 * test_simq.c - the event queue: order by time, ties in push order,
 * interleaved use, a large random workload against a sort.
 */
#include "harness.h"
#include "rng.h"
#include "simq.h"

#include <stdlib.h>

#include "xmalloc.h"

struct test_simq_item {
	sim_time_t time;
	uint64_t seq;
};

static int test_simq_cmp(const void *a, const void *b)
{
	const struct test_simq_item *x = a, *y = b;

	if (x->time != y->time)
		return x->time < y->time ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

TEST(empty_queue)
{
	struct simq q;
	struct simq_entry e;

	simq_init(&q);
	CHECK(simq_empty(&q));
	CHECK_INT(simq_len(&q), 0);
	CHECK(simq_peek(&q) == NULL);
	CHECK(!simq_pop(&q, &e));
	simq_free(&q);
	/* Freeing an empty queue (twice) is fine too. */
	simq_free(&q);
}

TEST(orders_by_time)
{
	static const sim_time_t times[] = { 50, 10, 40, 20, 30, -5, 0 };
	static const sim_time_t want[] = { -5, 0, 10, 20, 30, 40, 50 };
	struct simq q;
	struct simq_entry e;
	size_t i;
	int x = 7;

	simq_init(&q);
	for (i = 0; i < sizeof times / sizeof times[0]; i++)
		simq_push(&q, times[i], (int)i, (uint64_t)times[i] * 3, &x);
	CHECK_INT(simq_len(&q), 7);
	CHECK(!simq_empty(&q));
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		const struct simq_entry *top = simq_peek(&q);

		CHECK(top != NULL && top->time == want[i]);
		CHECK(simq_pop(&q, &e));
		CHECK_INT(e.time, want[i]);
		/* The payload travels with its entry. */
		CHECK(e.arg == (uint64_t)want[i] * 3);
		CHECK(e.ptr == &x);
		CHECK(times[e.kind] == e.time);
	}
	CHECK(simq_empty(&q));
	simq_free(&q);
}

TEST(push_returns_increasing_seq)
{
	struct simq q;
	struct simq_entry e;
	uint64_t a, b, c;

	simq_init(&q);
	a = simq_push(&q, 30, 0, 0, NULL);
	b = simq_push(&q, 10, 0, 0, NULL);
	c = simq_push(&q, 20, 0, 0, NULL);
	CHECK(a == 1);
	CHECK(b == 2);
	CHECK(c == 3);
	CHECK(simq_pop(&q, &e) && e.seq == b);
	CHECK(simq_pop(&q, &e) && e.seq == c);
	CHECK(simq_pop(&q, &e) && e.seq == a);
	simq_free(&q);
}

TEST(ties_break_by_push_order)
{
	enum { N = 1000 };
	struct test_simq_item want[N];
	struct simq q;
	struct simq_entry e;
	struct rng r;
	size_t i;
	int ok = 1;

	/* 1000 pushes at 5 distinct times in a shuffled order: the pop order
	 * must equal a stable sort of the push order by time. */
	rng_seed(&r, 1);
	simq_init(&q);
	for (i = 0; i < N; i++) {
		want[i].time = 100 * (sim_time_t)rng_below(&r, 5);
		want[i].seq = simq_push(&q, want[i].time, (int)i, i, NULL);
	}
	qsort(want, N, sizeof want[0], test_simq_cmp);
	for (i = 0; i < N; i++) {
		if (!simq_pop(&q, &e) || e.time != want[i].time ||
		    e.seq != want[i].seq || e.arg != want[i].seq - 1)
			ok = 0;
	}
	CHECK(ok);
	CHECK(simq_empty(&q));
	simq_free(&q);
}

TEST(interleaved_push_pop)
{
	struct simq q;
	struct simq_entry e;

	simq_init(&q);
	simq_push(&q, 10, 1, 0, NULL);
	simq_push(&q, 30, 3, 0, NULL);
	CHECK(simq_pop(&q, &e) && e.kind == 1);
	simq_push(&q, 20, 2, 0, NULL);
	simq_push(&q, 30, 4, 0, NULL);
	simq_push(&q, 5, 0, 0, NULL);
	CHECK(simq_pop(&q, &e) && e.kind == 0);
	CHECK(simq_pop(&q, &e) && e.kind == 2);
	/* Same time: pushed earlier comes first, though it waited longer. */
	CHECK(simq_pop(&q, &e) && e.kind == 3);
	simq_push(&q, 30, 5, 0, NULL);
	CHECK(simq_pop(&q, &e) && e.kind == 4);
	CHECK(simq_pop(&q, &e) && e.kind == 5);
	CHECK(!simq_pop(&q, &e));
	simq_free(&q);
}

TEST(large_random_workload)
{
	/*
	 * 100k pushes mixed with pops, checked against a model that cannot
	 * share the heap's bugs: one FIFO of seqs per possible time (seqs
	 * within a time arrive in increasing order) and a scan for the
	 * lowest non-empty time.
	 */
	enum { N = 100000, TIMES = 50001 };
	uint64_t *head = xcalloc(TIMES, sizeof *head);
	uint64_t *tail = xcalloc(TIMES, sizeof *tail);
	uint64_t *next = xcalloc(N + 1, sizeof *next);
	size_t npushed = 0, npopped = 0, lowest = TIMES;
	struct simq q;
	struct simq_entry e;
	struct rng r;
	int ok = 1;

	rng_seed(&r, 2);
	simq_init(&q);
	while (npushed < N || !simq_empty(&q)) {
		if (npushed < N && (simq_empty(&q) || rng_below(&r, 3) != 0)) {
			size_t t = (size_t)rng_below(&r, TIMES);
			uint64_t seq = simq_push(&q, (sim_time_t)t, 0, 0, NULL);

			if (seq != npushed + 1)
				ok = 0;
			if (tail[t] != 0)
				next[tail[t]] = seq;
			else
				head[t] = seq;
			tail[t] = seq;
			lowest = t < lowest ? t : lowest;
			npushed++;
			continue;
		}
		while (lowest < TIMES && head[lowest] == 0)
			lowest++;
		if (lowest == TIMES) {
			ok = 0;
			break;
		}
		if (!simq_pop(&q, &e) || e.time != (sim_time_t)lowest ||
		    e.seq != head[lowest])
			ok = 0;
		head[lowest] = next[head[lowest]];
		if (head[lowest] == 0)
			tail[lowest] = 0;
		npopped++;
	}
	CHECK(ok);
	CHECK_INT(npopped, N);
	free(head);
	free(tail);
	free(next);
	simq_free(&q);
}

TEST(drain_after_bulk_push_is_sorted)
{
	enum { N = 100000 };
	struct test_simq_item *want = xmalloc(N * sizeof *want);
	struct simq q;
	struct simq_entry e;
	struct rng r;
	size_t i;
	int ok = 1;

	rng_seed(&r, 3);
	simq_init(&q);
	for (i = 0; i < N; i++) {
		/* Few distinct times, so ties are everywhere. */
		want[i].time = rng_range(&r, -1000, 1000) * SIM_SECOND;
		want[i].seq = simq_push(&q, want[i].time, 0, i, NULL);
	}
	CHECK_INT(simq_len(&q), N);
	qsort(want, N, sizeof want[0], test_simq_cmp);
	for (i = 0; i < N; i++)
		if (!simq_pop(&q, &e) || e.time != want[i].time ||
		    e.seq != want[i].seq)
			ok = 0;
	CHECK(ok);
	CHECK(simq_empty(&q));
	free(want);
	simq_free(&q);
}

int main(void)
{
	RUN(empty_queue);
	RUN(orders_by_time);
	RUN(push_returns_increasing_seq);
	RUN(ties_break_by_push_order);
	RUN(interleaved_push_pop);
	RUN(large_random_workload);
	RUN(drain_after_bulk_push_is_sorted);
	return harness_finish();
}
