#include "replay_read.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "xmalloc.h"

/* A header body larger than this is not one irdrill wrote. */
#define REPLAY_HEADER_MAX (1024 * 1024)

struct replay_reader {
	int fd;
	char *path;
	uint64_t size;
	struct replay_header h;
	struct replay_chunk_info *chunks;
	size_t nchunks, chunks_cap;
	char *damage;
	size_t next;       /* chunk to load when the current one is read */
	size_t current;    /* the chunk being decoded, for messages */
	uint32_t decoded;  /* its records so far */
	uint8_t *zbuf, *raw;
	size_t zbuf_cap, raw_cap;
	struct replay_dec dec;
	bool loaded;       /* dec holds a chunk */
};

/* Read n bytes at off; false if the file ends first or fails. */
static bool replay_pread(struct replay_reader *r, void *buf, size_t n, uint64_t off)
{
	size_t done = 0;

	while (done < n) {
		ssize_t got = pread(r->fd, (char *)buf + done, n - done, (off_t)(off + done));

		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return false;
		done += (size_t)got;
	}
	return true;
}

static bool replay_body_string(const uint8_t **p, const uint8_t *end, char **out)
{
	uint64_t n;

	if (!replay_read_varint(p, end, &n) || n > (uint64_t)(end - *p) || memchr(*p, '\0', (size_t)n))
		return false;
	*out = xstrndup((const char *)*p, (size_t)n);
	*p += n;
	return true;
}

static bool replay_body_digest(const uint8_t **p, const uint8_t *end, uint8_t out[SHA256_DIGEST_SIZE])
{
	if (end - *p < SHA256_DIGEST_SIZE)
		return false;
	memcpy(out, *p, SHA256_DIGEST_SIZE);
	*p += SHA256_DIGEST_SIZE;
	return true;
}

static bool replay_parse_body(struct replay_header *h, const uint8_t *p, const uint8_t *end)
{
	uint64_t v, n;

	if (!replay_body_string(&p, end, &h->version) || !replay_body_string(&p, end, &h->exercise) ||
	    !replay_body_string(&p, end, &h->scenario_path) || !replay_body_digest(&p, end, h->scenario_sha256) ||
	    !replay_body_string(&p, end, &h->network_path) || !replay_body_digest(&p, end, h->network_sha256) ||
	    !replay_read_varint(&p, end, &h->seed) || !replay_read_varint(&p, end, &v))
		return false;
	h->epoch_unix_us = (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
	if (!replay_read_varint(&p, end, &v) || v > (uint64_t)SIM_TIME_MAX)
		return false;
	h->duration = (sim_time_t)v;
	if (!replay_body_string(&p, end, &h->mode) || !replay_read_varint(&p, end, &n) ||
	    n > (uint64_t)(end - p))
		return false;
	h->teams = xcalloc((size_t)n + 1, sizeof(*h->teams));
	for (; (uint64_t)h->nteams < n; h->nteams++)
		if (!replay_body_string(&p, end, &h->teams[h->nteams]))
			return false;
	if (end - p != 8)
		return false;
	v = replay_get_u64(p);
	memcpy(&h->background, &v, sizeof(v));
	return h->background >= 0 && h->background <= 1e6;
}

/* The header; 0, or -1 with a message. */
static int replay_read_header(struct replay_reader *r, uint64_t *body_end, char *err, size_t errsize)
{
	uint8_t head[16], crc[4], *body = NULL;
	uint32_t version, len;
	int status = -1;

	if (r->size < 8 || !replay_pread(r, head, 8, 0) || memcmp(head, REPLAY_MAGIC, 8) != 0) {
		snprintf(err, errsize, "%s: not an irdrill replay (no %s magic at its start)", r->path, REPLAY_MAGIC);
		return -1;
	}
	if (r->size < sizeof(head) || !replay_pread(r, head, sizeof(head), 0)) {
		snprintf(err, errsize, "%s: cut short inside its header (%llu bytes)", r->path,
			 (unsigned long long)r->size);
		return -1;
	}
	version = replay_get_u32(head + 8);
	len = replay_get_u32(head + 12);
	if (version < REPLAY_VERSION_OLDEST || version > REPLAY_VERSION) {
		snprintf(err, errsize, "%s: replay format version %u; this irdrill reads versions %d to %d%s", r->path,
			 (unsigned)version, REPLAY_VERSION_OLDEST, REPLAY_VERSION,
			 version < REPLAY_VERSION ? " (record the drill again with this irdrill)" : "");
		return -1;
	}
	r->dec.version = r->h.format_version = version;
	if (len > REPLAY_HEADER_MAX) {
		snprintf(err, errsize, "%s: corrupt header (a body of %u bytes)", r->path, (unsigned)len);
		return -1;
	}
	if (r->size < sizeof(head) + (uint64_t)len + 4) {
		snprintf(err, errsize, "%s: cut short inside its header (%llu bytes)", r->path,
			 (unsigned long long)r->size);
		return -1;
	}
	body = xmalloc((size_t)len + 1);
	if (!replay_pread(r, body, len, sizeof(head)) || !replay_pread(r, crc, 4, sizeof(head) + len)) {
		snprintf(err, errsize, "%s: %s", r->path, strerror(errno ? errno : EIO));
		goto done;
	}
	if (replay_get_u32(crc) != (uint32_t)crc32(0, body, len)) {
		snprintf(err, errsize, "%s: corrupt header (its CRC-32 does not match)", r->path);
		goto done;
	}
	if (!replay_parse_body(&r->h, body, body + len)) {
		snprintf(err, errsize, "%s: malformed header (its fields do not fill its %u bytes)", r->path,
			 (unsigned)len);
		goto done;
	}
	*body_end = sizeof(head) + (uint64_t)len + 4;
	status = 0;
done:
	free(body);
	return status;
}

/* The index the trailer points to, if the file ends with one that is
 * whole: its chunk entries and where it starts. */
static bool replay_read_index(struct replay_reader *r, uint64_t body_end, uint8_t **entries, uint32_t *count,
			      uint64_t *at)
{
	uint8_t trailer[REPLAY_TRAILER], *buf;
	uint64_t len;

	*entries = NULL;
	if (r->size < body_end + REPLAY_TRAILER + 12 ||
	    !replay_pread(r, trailer, REPLAY_TRAILER, r->size - REPLAY_TRAILER) ||
	    memcmp(trailer + 8, REPLAY_TRAILER_MAGIC, 8) != 0)
		return false;
	*at = replay_get_u64(trailer);
	if (*at < body_end || *at > r->size - REPLAY_TRAILER - 12)
		return false;
	len = r->size - REPLAY_TRAILER - *at;
	buf = xmalloc((size_t)len);
	if (!replay_pread(r, buf, (size_t)len, *at) || memcmp(buf, REPLAY_INDEX_MAGIC, 4) != 0 ||
	    (uint64_t)replay_get_u32(buf + 4) * REPLAY_INDEX_ENTRY + 12 != len ||
	    replay_get_u32(buf + len - 4) != (uint32_t)crc32(0, buf, (uInt)(len - 4))) {
		free(buf);
		return false;
	}
	*count = replay_get_u32(buf + 4);
	*entries = buf;
	return true;
}

static bool replay_index_agrees(const struct replay_reader *r, const uint8_t *idx, uint32_t count)
{
	if (count != r->nchunks)
		return false;
	for (uint32_t i = 0; i < count; i++) {
		const uint8_t *e = idx + 8 + (size_t)i * REPLAY_INDEX_ENTRY;
		const struct replay_chunk_info *c = &r->chunks[i];

		if (replay_get_u64(e) != c->offset || (sim_time_t)replay_get_u64(e + 8) != c->first ||
		    (sim_time_t)replay_get_u64(e + 16) != c->last || replay_get_u32(e + 24) != c->records)
			return false;
	}
	return true;
}

/* Walk the chunks from start to limit, checking heads and CRCs; 0 (a cut
 * noted in r->damage), or -1 with a message for a corrupt file. */
static int replay_scan(struct replay_reader *r, uint64_t pos, uint64_t limit, bool indexed, char *err,
		       size_t errsize)
{
	char cut[256] = "";

	while (pos < limit) {
		uint8_t head[REPLAY_CHUNK_HEAD];
		struct replay_chunk_info c;

		if (limit - pos < REPLAY_CHUNK_HEAD) {
			snprintf(cut, sizeof(cut), "cut short at byte %llu, inside the head of chunk %zu",
				 (unsigned long long)limit, r->nchunks + 1);
			break;
		}
		if (!replay_pread(r, head, sizeof(head), pos)) {
			snprintf(err, errsize, "%s: %s", r->path, strerror(errno ? errno : EIO));
			return -1;
		}
		if (!indexed && memcmp(head, REPLAY_INDEX_MAGIC, 4) == 0) {
			snprintf(cut, sizeof(cut), "its index from byte %llu is damaged or cut short at byte %llu",
				 (unsigned long long)pos, (unsigned long long)limit);
			break;
		}
		if (memcmp(head, REPLAY_CHUNK_MAGIC, 4) != 0 || replay_get_u32(head + 36) != (uint32_t)crc32(0, head, 32)) {
			snprintf(err, errsize, "%s: chunk %zu at byte %llu: corrupt chunk head (%zu whole chunk%s before it)",
				 r->path, r->nchunks + 1, (unsigned long long)pos, r->nchunks, r->nchunks == 1 ? "" : "s");
			return -1;
		}
		c.offset = pos;
		c.zlen = replay_get_u32(head + 4);
		c.rawlen = replay_get_u32(head + 8);
		c.records = replay_get_u32(head + 12);
		c.first = (sim_time_t)replay_get_u64(head + 16);
		c.last = (sim_time_t)replay_get_u64(head + 24);
		if (c.rawlen > REPLAY_RAW_MAX || c.first > c.last || c.records == 0) {
			snprintf(err, errsize, "%s: chunk %zu at byte %llu: its head is not one irdrill writes",
				 r->path, r->nchunks + 1, (unsigned long long)pos);
			return -1;
		}
		if (c.zlen > limit - pos - REPLAY_CHUNK_HEAD) {
			snprintf(cut, sizeof(cut), "cut short at byte %llu, inside chunk %zu", (unsigned long long)limit,
				 r->nchunks + 1);
			break;
		}
		if (c.zlen > r->zbuf_cap) {
			r->zbuf = xrealloc(r->zbuf, c.zlen);
			r->zbuf_cap = c.zlen;
		}
		if (!replay_pread(r, r->zbuf, c.zlen, pos + REPLAY_CHUNK_HEAD)) {
			snprintf(err, errsize, "%s: %s", r->path, strerror(errno ? errno : EIO));
			return -1;
		}
		if (replay_get_u32(head + 32) != (uint32_t)crc32(0, r->zbuf, c.zlen)) {
			snprintf(err, errsize, "%s: chunk %zu at byte %llu: CRC-32 mismatch, the file is corrupt "
				 "(%zu whole chunk%s before it)", r->path, r->nchunks + 1, (unsigned long long)pos,
				 r->nchunks, r->nchunks == 1 ? "" : "s");
			return -1;
		}
		r->chunks = xgrow(r->chunks, &r->chunks_cap, r->nchunks + 1, sizeof(*r->chunks));
		r->chunks[r->nchunks++] = c;
		pos += REPLAY_CHUNK_HEAD + c.zlen;
	}
	if (indexed && cut[0]) {
		snprintf(err, errsize, "%s: its index points past its chunks (%s)", r->path, cut);
		return -1;
	}
	if (!indexed) {
		char note[512];

		if (cut[0] == '\0')
			snprintf(cut, sizeof(cut), "cut short at byte %llu, with no index: the drill did not finish "
				 "writing it", (unsigned long long)limit);
		snprintf(note, sizeof(note), "%s: %s; %zu whole chunk%s read, index rebuilt by scanning", r->path, cut,
			 r->nchunks, r->nchunks == 1 ? "" : "s");
		r->damage = xstrdup(note);
	}
	return 0;
}

struct replay_reader *replay_open(const char *path, char *err, size_t errsize)
{
	struct replay_reader *r = xcalloc(1, sizeof(*r));
	struct stat st;
	uint64_t body_end, at = 0;
	uint8_t *idx = NULL;
	uint32_t count = 0;
	bool indexed;

	r->path = xstrdup(path);
	replay_dec_init(&r->dec);
	r->fd = open(path, O_RDONLY);
	if (r->fd < 0 || fstat(r->fd, &st) != 0) {
		snprintf(err, errsize, "%s: %s", path, strerror(errno));
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errsize, "%s: not a regular file", path);
		goto fail;
	}
	r->size = (uint64_t)st.st_size;
	if (replay_read_header(r, &body_end, err, errsize) != 0)
		goto fail;
	indexed = replay_read_index(r, body_end, &idx, &count, &at);
	if (replay_scan(r, body_end, indexed ? at : r->size, indexed, err, errsize) != 0)
		goto fail;
	if (indexed && !replay_index_agrees(r, idx, count)) {
		snprintf(err, errsize, "%s: corrupt index (it does not match the file's %zu chunks)", path, r->nchunks);
		goto fail;
	}
	free(idx);
	return r;
fail:
	free(idx);
	replay_close(r);
	return NULL;
}

void replay_close(struct replay_reader *r)
{
	if (r == NULL)
		return;
	if (r->fd >= 0)
		close(r->fd);
	free(r->h.version), free(r->h.exercise), free(r->h.scenario_path), free(r->h.network_path);
	free(r->h.mode);
	for (int i = 0; i < r->h.nteams; i++)
		free(r->h.teams[i]);
	free(r->h.teams);
	free(r->chunks);
	free(r->damage);
	free(r->zbuf);
	free(r->raw);
	replay_dec_free(&r->dec);
	free(r->path);
	free(r);
}

const struct replay_header *replay_header(const struct replay_reader *r)
{
	return &r->h;
}

size_t replay_chunks(const struct replay_reader *r)
{
	return r->nchunks;
}

const struct replay_chunk_info *replay_chunk(const struct replay_reader *r, size_t i)
{
	return &r->chunks[i];
}

const char *replay_damage(const struct replay_reader *r)
{
	return r->damage;
}

void replay_seek(struct replay_reader *r, sim_time_t t)
{
	size_t i = 0;

	while (i < r->nchunks && r->chunks[i].last < t)
		i++;
	r->next = i;
	r->loaded = false;
}

/* Inflate chunk i into the decoder; 0, or -1 with a message. */
static int replay_load(struct replay_reader *r, size_t i, char *err, size_t errsize)
{
	const struct replay_chunk_info *c = &r->chunks[i];
	uLongf rawlen = c->rawlen;

	if (c->zlen > r->zbuf_cap) {
		r->zbuf = xrealloc(r->zbuf, c->zlen);
		r->zbuf_cap = c->zlen;
	}
	if ((size_t)c->rawlen + 1 > r->raw_cap) {
		r->raw = xrealloc(r->raw, (size_t)c->rawlen + 1);
		r->raw_cap = (size_t)c->rawlen + 1;
	}
	if (!replay_pread(r, r->zbuf, c->zlen, c->offset + REPLAY_CHUNK_HEAD)) {
		snprintf(err, errsize, "%s: chunk %zu: %s", r->path, i + 1, strerror(errno ? errno : EIO));
		return -1;
	}
	if (uncompress(r->raw, &rawlen, r->zbuf, c->zlen) != Z_OK || rawlen != c->rawlen) {
		snprintf(err, errsize, "%s: chunk %zu at byte %llu: does not inflate to its %u bytes (corrupt)", r->path,
			 i + 1, (unsigned long long)c->offset, (unsigned)c->rawlen);
		return -1;
	}
	replay_dec_reset(&r->dec, r->raw, c->rawlen, c->first);
	r->current = i;
	r->decoded = 0;
	r->loaded = true;
	return 0;
}

int replay_next(struct replay_reader *r, struct replay_record *rec, char *err, size_t errsize)
{
	char why[160];

	for (;;) {
		const struct replay_chunk_info *c;
		size_t at;
		int got;

		if (!r->loaded) {
			if (r->next >= r->nchunks)
				return 0;
			if (replay_load(r, r->next++, err, errsize) != 0)
				return -1;
		}
		c = &r->chunks[r->current];
		at = (size_t)(r->dec.p - r->raw);
		got = replay_dec_next(&r->dec, rec, why, sizeof(why));
		if (got > 0 && r->decoded < c->records && rec->clock <= c->last) {
			r->decoded++;
			return 1;
		}
		if (got == 0 && r->decoded == c->records && r->dec.clock == c->last) {
			r->loaded = false;
			continue;
		}
		if (got >= 0)
			snprintf(why, sizeof(why), "its records do not match its head (%u records up to %lld)",
				 (unsigned)c->records, (long long)c->last);
		snprintf(err, errsize, "%s: chunk %zu at byte %llu, record %u (byte %zu inflated): %s", r->path,
			 r->current + 1, (unsigned long long)c->offset, (unsigned)r->decoded + 1, at, why);
		return -1;
	}
}
