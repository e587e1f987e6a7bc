#include "simq.h"

#include <stdlib.h>

#include "xmalloc.h"

static bool simq_before(const struct simq_entry *a, const struct simq_entry *b)
{
	if (a->time != b->time)
		return a->time < b->time;
	return a->seq < b->seq;
}

static void simq_sift_up(struct simq *q, size_t i)
{
	struct simq_entry moving = q->heap[i];

	while (i > 0) {
		size_t parent = (i - 1) / 2;

		if (!simq_before(&moving, &q->heap[parent]))
			break;
		q->heap[i] = q->heap[parent];
		i = parent;
	}
	q->heap[i] = moving;
}

static void simq_sift_down(struct simq *q, size_t i)
{
	struct simq_entry moving = q->heap[i];

	for (;;) {
		size_t child = 2 * i + 1;

		if (child >= q->len)
			break;
		if (child + 1 < q->len &&
		    simq_before(&q->heap[child + 1], &q->heap[child]))
			child++;
		if (!simq_before(&q->heap[child], &moving))
			break;
		q->heap[i] = q->heap[child];
		i = child;
	}
	q->heap[i] = moving;
}

void simq_init(struct simq *q)
{
	q->heap = NULL;
	q->len = 0;
	q->cap = 0;
	q->next_seq = 1;
}

void simq_free(struct simq *q)
{
	free(q->heap);
	simq_init(q);
}

uint64_t simq_push(struct simq *q, sim_time_t time, int kind, uint64_t arg,
		   void *ptr)
{
	struct simq_entry *e;
	uint64_t seq = q->next_seq++;

	q->heap = xgrow(q->heap, &q->cap, q->len + 1, sizeof *q->heap);
	e = &q->heap[q->len];
	e->time = time;
	e->seq = seq;
	e->kind = kind;
	e->arg = arg;
	e->ptr = ptr;
	simq_sift_up(q, q->len++);
	return seq;
}

const struct simq_entry *simq_peek(const struct simq *q)
{
	return q->len > 0 ? &q->heap[0] : NULL;
}

bool simq_pop(struct simq *q, struct simq_entry *out)
{
	if (q->len == 0)
		return false;
	*out = q->heap[0];
	q->heap[0] = q->heap[--q->len];
	if (q->len > 0)
		simq_sift_down(q, 0);
	return true;
}

size_t simq_len(const struct simq *q)
{
	return q->len;
}

bool simq_empty(const struct simq *q)
{
	return q->len == 0;
}
