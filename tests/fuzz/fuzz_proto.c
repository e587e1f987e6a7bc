/*
 * fuzz_proto.c - libFuzzer harness for the console protocol's decoder
 * (engine/proto.c), the bytes a server reads from any console.
 *
 * The input is a stream: frames are taken from it as the server takes
 * them (proto_frame, then proto_decode), so the length prefix, every
 * field and the cut between frames are all fuzzed.  A decoded message is
 * encoded again and must decode to the same bytes.  Built and run by
 * `make fuzz`; the seed corpus is tests/fuzz/corpus/proto.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512];
	size_t body;

	while (proto_frame(data, size, &body, err, sizeof(err)) == 1) {
		struct proto_msg m, again;
		struct strbuf wire = { 0 };

		if (proto_decode(data + PROTO_HEAD, body, &m, err, sizeof(err)) == 0) {
			size_t body2;

			proto_encode(&m, &wire);
			if (proto_frame(wire.buf, wire.len, &body2, err, sizeof(err)) != 1 ||
			    proto_decode(wire.buf + PROTO_HEAD, body2, &again, err, sizeof(err)) != 0)
				abort();
			strbuf_reset(&wire);
			proto_encode(&again, &wire);
			/* Fields are canonical: the same message, the same bytes. */
			if (wire.len != body + PROTO_HEAD || memcmp(wire.buf + PROTO_HEAD, data + PROTO_HEAD, body) != 0)
				abort();
			proto_msg_free(&again);
			proto_msg_free(&m);
		}
		strbuf_free(&wire);
		data += PROTO_HEAD + body;
		size -= PROTO_HEAD + body;
	}
	return 0;
}
