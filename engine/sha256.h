/*
 * sha256.h - SHA-256 (FIPS 180-4), to fingerprint the files a drill was
 * run from.
 *
 * The exercise store and the replay header keep the SHA-256 of the
 * scenario and network files, so a resumed or re-verified drill can
 * refuse files that changed since.  Streaming interface, a one-shot
 * helper and a file helper.  Depends on libc only.
 */
#ifndef SHA256_H
#define SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST_SIZE 32
#define SHA256_BLOCK_SIZE 64
#define SHA256_HEX_SIZE (2 * SHA256_DIGEST_SIZE + 1)

struct sha256 {
	uint32_t h[8];
	uint64_t total;                   /* bytes hashed so far */
	uint8_t block[SHA256_BLOCK_SIZE]; /* the partial block */
	size_t used;                      /* bytes of it in use */
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t n);
/* Writes the digest; s must be initialised again before reuse. */
void sha256_final(struct sha256 *s, uint8_t digest[SHA256_DIGEST_SIZE]);
void sha256_digest(const void *data, size_t n, uint8_t digest[SHA256_DIGEST_SIZE]);
/* Lower-case hex of a digest, NUL-terminated. */
void sha256_hex(const uint8_t digest[SHA256_DIGEST_SIZE], char out[SHA256_HEX_SIZE]);
/* The hex digest of a file's bytes; 0, or -1 with errno set. */
int sha256_file_hex(const char *path, char out[SHA256_HEX_SIZE]);

#endif
