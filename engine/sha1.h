/*
 * sha1.h - SHA-1 (FIPS 180-4), for the Community ID flow hash.
 *
 * Community ID v1 is defined over SHA-1, so the sensors need it to print
 * the same flow identifier that real Suricata and Zeek print.  It is not
 * used for anything that needs collision resistance.  Streaming
 * interface plus a one-shot helper.  Depends on libc only.
 */
#ifndef SHA1_H
#define SHA1_H

#include <stddef.h>
#include <stdint.h>

#define SHA1_DIGEST_SIZE 20
#define SHA1_BLOCK_SIZE 64

struct sha1 {
	uint32_t h[5];
	uint64_t total;                   /* bytes hashed so far */
	uint8_t block[SHA1_BLOCK_SIZE];   /* the partial block */
	size_t used;                      /* bytes of it in use */
};

void sha1_init(struct sha1 *s);
void sha1_update(struct sha1 *s, const void *data, size_t n);
/* Writes the digest; s must be initialised again before reuse. */
void sha1_final(struct sha1 *s, uint8_t digest[SHA1_DIGEST_SIZE]);
void sha1_digest(const void *data, size_t n, uint8_t digest[SHA1_DIGEST_SIZE]);

#endif
