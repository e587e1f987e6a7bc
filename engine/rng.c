#include "rng.h"

#include <stddef.h>

static uint64_t rng_splitmix64(uint64_t *state)
{
	uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static uint64_t rng_fnv1a64(const char *s)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

static uint64_t rng_rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

/* Two's-complement reinterpretation without implementation-defined casts. */
static int64_t rng_u64_to_i64(uint64_t u)
{
	if (u <= (uint64_t)INT64_MAX)
		return (int64_t)u;
	return -(int64_t)(UINT64_MAX - u) - 1;
}

void rng_seed(struct rng *r, uint64_t seed)
{
	uint64_t state = seed;
	size_t i;

	/* splitmix64 never yields four zero words, the one state xoshiro
	 * cannot leave. */
	for (i = 0; i < 4; i++)
		r->s[i] = rng_splitmix64(&state);
}

void rng_stream(struct rng *out, uint64_t drill_seed, const char *stream_name)
{
	/* Mixing the seed before the xor stops simple relations between
	 * seeds (1, 2, 3 ...) from cancelling against relations between name
	 * hashes; mixing after spreads the result over every bit. */
	uint64_t state = drill_seed;
	uint64_t mixed = rng_splitmix64(&state) ^ rng_fnv1a64(stream_name);

	rng_seed(out, rng_splitmix64(&mixed));
}

uint64_t rng_next_u64(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rng_rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rng_rotl(s[3], 45);
	return result;
}

uint64_t rng_below(struct rng *r, uint64_t n)
{
	uint64_t threshold, x;

	if (n == 0)
		return 0;
	/* 2^64 mod n: rejecting draws below it leaves a multiple of n values,
	 * so the remainder is exactly uniform.  At most half the draws are
	 * rejected, usually almost none. */
	threshold = (0 - n) % n;
	do {
		x = rng_next_u64(r);
	} while (x < threshold);
	return x % n;
}

int64_t rng_range(struct rng *r, int64_t lo, int64_t hi)
{
	uint64_t span;

	if (hi < lo) {
		int64_t t = lo;

		lo = hi;
		hi = t;
	}
	/* Unsigned arithmetic: hi - lo may not fit an int64. */
	span = (uint64_t)hi - (uint64_t)lo + 1;
	if (span == 0)
		return rng_u64_to_i64(rng_next_u64(r));
	return rng_u64_to_i64((uint64_t)lo + rng_below(r, span));
}

double rng_double(struct rng *r)
{
	return (double)(rng_next_u64(r) >> 11) * 0x1.0p-53;
}

int64_t rng_jitter(struct rng *r, int64_t base, double fraction)
{
	uint64_t magnitude, spread_u;
	double spread_d;
	int64_t spread, lo, hi;

	if (!(fraction > 0))
		fraction = 0;
	else if (fraction > 1)
		fraction = 1;
	magnitude = base < 0 ? 0 - (uint64_t)base : (uint64_t)base;
	spread_d = (double)magnitude * fraction;
	/* Rounding to double can overshoot |base|, and converting a double at
	 * or above 2^64 to an integer is undefined. */
	spread_u = spread_d >= 0x1.0p64 ? magnitude : (uint64_t)spread_d;
	if (spread_u > magnitude)
		spread_u = magnitude;
	spread = spread_u > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)spread_u;
	lo = base < INT64_MIN + spread ? INT64_MIN : base - spread;
	hi = base > INT64_MAX - spread ? INT64_MAX : base + spread;
	return rng_range(r, lo, hi);
}
