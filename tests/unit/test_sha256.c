/*
 * test_sha256.c - SHA-256 against the FIPS 180-4 examples, the padding
 * edges around one block (digests from coreutils' sha256sum), streaming
 * in uneven pieces, and the file helper.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sha256.h"

static void check_digest(const char *msg, size_t len, const char *want)
{
	uint8_t digest[SHA256_DIGEST_SIZE];
	char text[SHA256_HEX_SIZE];

	sha256_digest(msg, len, digest);
	sha256_hex(digest, text);
	CHECK_STR(text, want);
}

TEST(sha256_known_answers)
{
	check_digest("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	check_digest("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	check_digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
		     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(sha256_padding_edges)
{
	static const struct {
		size_t len;
		const char *want;
	} cases[] = {
		{ 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318" },
		{ 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a" },
		{ 63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34" },
		{ 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb" },
		{ 65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0" },
		{ 119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb" },
		{ 120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c" },
	};
	char a[128];

	memset(a, 'a', sizeof(a));
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		check_digest(a, cases[i].len, cases[i].want);
}

/* A million 'a' fed in pieces of 1, 2, … 97 bytes: every split of a block. */
TEST(sha256_million_a_streamed)
{
	uint8_t digest[SHA256_DIGEST_SIZE];
	char text[SHA256_HEX_SIZE], *a = malloc(1000000);
	struct sha256 s;
	size_t done = 0, piece = 1;

	memset(a, 'a', 1000000);
	sha256_init(&s);
	while (done < 1000000) {
		size_t n = piece < 1000000 - done ? piece : 1000000 - done;

		sha256_update(&s, a + done, n);
		done += n;
		piece = piece % 97 + 1;
	}
	sha256_final(&s, digest);
	sha256_hex(digest, text);
	CHECK_STR(text, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(a);
}

TEST(sha256_file)
{
	char path[] = "/tmp/irdrill-sha256-XXXXXX", text[SHA256_HEX_SIZE];
	int fd = mkstemp(path);

	CHECK(fd >= 0);
	CHECK_INT(write(fd, "abc", 3), 3);
	close(fd);
	CHECK_INT(sha256_file_hex(path, text), 0);
	CHECK_STR(text, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	unlink(path);
	CHECK_INT(sha256_file_hex(path, text), -1);
}

int main(void)
{
	RUN(sha256_known_answers);
	RUN(sha256_padding_edges);
	RUN(sha256_million_a_streamed);
	RUN(sha256_file);
	return harness_finish();
}
