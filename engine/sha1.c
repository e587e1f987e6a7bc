#include "sha1.h"

#include <string.h>

static uint32_t sha1_rotl(uint32_t x, int k)
{
	return (x << k) | (x >> (32 - k));
}

static void sha1_compress(uint32_t h[5], const uint8_t *p)
{
	uint32_t w[80], a, b, c, d, e, f, k, t;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	for (i = 16; i < 80; i++)
		w[i] = sha1_rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);

	a = h[0];
	b = h[1];
	c = h[2];
	d = h[3];
	e = h[4];
	for (i = 0; i < 80; i++) {
		if (i < 20) {
			f = (b & c) | (~b & d);
			k = UINT32_C(0x5a827999);
		} else if (i < 40) {
			f = b ^ c ^ d;
			k = UINT32_C(0x6ed9eba1);
		} else if (i < 60) {
			f = (b & c) | (b & d) | (c & d);
			k = UINT32_C(0x8f1bbcdc);
		} else {
			f = b ^ c ^ d;
			k = UINT32_C(0xca62c1d6);
		}
		t = sha1_rotl(a, 5) + f + e + k + w[i];
		e = d;
		d = c;
		c = sha1_rotl(b, 30);
		b = a;
		a = t;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
}

void sha1_init(struct sha1 *s)
{
	s->h[0] = UINT32_C(0x67452301);
	s->h[1] = UINT32_C(0xefcdab89);
	s->h[2] = UINT32_C(0x98badcfe);
	s->h[3] = UINT32_C(0x10325476);
	s->h[4] = UINT32_C(0xc3d2e1f0);
	s->total = 0;
	s->used = 0;
}

void sha1_update(struct sha1 *s, const void *data, size_t n)
{
	const uint8_t *p = data;

	s->total += n;
	while (n > 0) {
		size_t take = SHA1_BLOCK_SIZE - s->used;

		if (take > n)
			take = n;
		memcpy(s->block + s->used, p, take);
		s->used += take;
		p += take;
		n -= take;
		if (s->used == SHA1_BLOCK_SIZE) {
			sha1_compress(s->h, s->block);
			s->used = 0;
		}
	}
}

void sha1_final(struct sha1 *s, uint8_t digest[SHA1_DIGEST_SIZE])
{
	uint64_t bits = s->total * 8;
	int i;

	/* 0x80, zeros up to 56 mod 64, then the bit length big-endian. */
	s->block[s->used++] = 0x80;
	if (s->used > SHA1_BLOCK_SIZE - 8) {
		memset(s->block + s->used, 0, SHA1_BLOCK_SIZE - s->used);
		sha1_compress(s->h, s->block);
		s->used = 0;
	}
	memset(s->block + s->used, 0, SHA1_BLOCK_SIZE - 8 - s->used);
	for (i = 0; i < 8; i++)
		s->block[SHA1_BLOCK_SIZE - 1 - i] = (uint8_t)(bits >> (8 * i));
	sha1_compress(s->h, s->block);

	for (i = 0; i < 5; i++) {
		digest[4 * i] = (uint8_t)(s->h[i] >> 24);
		digest[4 * i + 1] = (uint8_t)(s->h[i] >> 16);
		digest[4 * i + 2] = (uint8_t)(s->h[i] >> 8);
		digest[4 * i + 3] = (uint8_t)s->h[i];
	}
}

void sha1_digest(const void *data, size_t n, uint8_t digest[SHA1_DIGEST_SIZE])
{
	struct sha1 s;

	sha1_init(&s);
	sha1_update(&s, data, n);
	sha1_final(&s, digest);
}
