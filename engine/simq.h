/*
 * simq.h - the simulation event queue.
 *
 * A binary min-heap of pending events ordered by (time, seq).  seq is
 * taken from a counter that grows with every push, so events due at the
 * same simulated time come out in the order they were pushed, and the
 * order never depends on the heap's internal layout: the run is
 * deterministic.  Depends on simclock (sim_time_t) and xmalloc.
 */
#ifndef SIMQ_H
#define SIMQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "simclock.h"

/*
 * The payload is a number and a pointer, not a union, so that an event
 * can name both a plain identifier (an actor or host index, which a
 * replay can record) and an in-memory object.  The queue never reads,
 * frees or owns ptr; whoever pushed it keeps it alive until it is popped
 * or the queue is freed.
 */
struct simq_entry {
	sim_time_t time;
	uint64_t seq;
	int kind;      /* what the event is; the queue does not interpret it */
	uint64_t arg;
	void *ptr;     /* borrowed */
};

struct simq {
	struct simq_entry *heap;
	size_t len, cap;
	uint64_t next_seq;
};

/* An empty queue; it allocates on the first push. */
void simq_init(struct simq *q);
/* Release the storage and leave a freshly initialised queue; payloads
 * are not touched. */
void simq_free(struct simq *q);
/* Queue an event; returns its seq, which starts at 1 so 0 can mean none. */
uint64_t simq_push(struct simq *q, sim_time_t time, int kind, uint64_t arg,
		   void *ptr);
/* The next event, or NULL when empty; valid until the next push or pop. */
const struct simq_entry *simq_peek(const struct simq *q);
/* Remove the next event into *out; false when the queue is empty. */
bool simq_pop(struct simq *q, struct simq_entry *out);
size_t simq_len(const struct simq *q);
bool simq_empty(const struct simq *q);

#endif
