/*
 * rng.h - the engine's deterministic random number generator.
 *
 * Every random choice in a drill comes from here, so that the same
 * scenario, seed and team actions give the same events on every machine.
 * The generator is xoshiro256** 1.0 (Blackman and Vigna), its state filled
 * from a 64-bit seed with splitmix64 as its authors recommend.  Each
 * consumer (an attacker actor, a background traffic generator) draws from
 * its own sub-stream derived from the drill seed and a stable name, so
 * adding a consumer never shifts the numbers any other consumer gets.
 * Depends on libc only.
 */
#ifndef RNG_H
#define RNG_H

#include <stdint.h>

/* A plain value: it can be copied, stored and restored with its state,
 * and a copy continues with exactly the same numbers. */
struct rng {
	uint64_t s[4];
};

void rng_seed(struct rng *r, uint64_t seed);

/*
 * Derive the generator for the consumer called stream_name: the name is
 * hashed with FNV-1a 64 and mixed with the drill seed through splitmix64.
 * Names are part of the replay contract; renaming a stream changes its
 * numbers.
 */
void rng_stream(struct rng *out, uint64_t drill_seed, const char *stream_name);

uint64_t rng_next_u64(struct rng *r);

/*
 * Uniform in [0, n) without modulo bias.  [0, 0) is empty, so n == 0
 * returns 0 without advancing the generator; callers choosing from a set
 * are expected to have handled the empty set.
 */
uint64_t rng_below(struct rng *r, uint64_t n);

/* Uniform in [lo, hi], both inclusive; reversed bounds are swapped. */
int64_t rng_range(struct rng *r, int64_t lo, int64_t hi);

/* Uniform in [0, 1) with 53 random bits, every value a multiple of 2^-53. */
double rng_double(struct rng *r);

/*
 * An integer uniform in [base - d, base + d] where d = |base| * fraction
 * rounded down; fraction is clamped to [0, 1] (NaN counts as 0) and the
 * result saturates at the int64 limits.  Used for jittered waits in
 * microseconds.
 */
int64_t rng_jitter(struct rng *r, int64_t base, double fraction);

#endif
