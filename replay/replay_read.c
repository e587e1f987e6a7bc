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

/* What the reader knows of a chunk's bytes. */
enum replay_chunk_state { REPLAY_CHUNK_UNCHECKED, REPLAY_CHUNK_SOUND, REPLAY_CHUNK_DAMAGED };

struct replay_reader {
	int fd;            /* -1 when reading from memory */
	const uint8_t *mem;
	char *path;
	uint64_t size;
	uint64_t body_end; /* where the first chunk starts */
	struct replay_header h;
	struct replay_chunk_info *chunks;
	uint8_t *states;   /* enum replay_chunk_state per chunk */
	size_t nchunks, chunks_cap, states_cap;
	char *damage;
	size_t next;       /* chunk to load when the current one is read */
	size_t current;    /* the chunk being decoded, for messages */
	uint32_t decoded;  /* its records so far (its keyframe not counted) */
	uint8_t *zbuf, *raw;
	size_t zbuf_cap, raw_cap;
	struct replay_dec dec;
	bool loaded;       /* dec holds a chunk */
	bool keyframed;    /* dec's keyframe is the current chunk's */
};

/* The CRC-32 of n bytes at p is want.  A fuzzing build takes every
 * one, so that the fuzzer reaches what the checksums guard. */
static bool replay_crc_ok(uint32_t want, const void *p, size_t n)
{
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
	(void)want, (void)p, (void)n;
	return true;
#else
	return want == (uint32_t)crc32(0, p, (uInt)n);
#endif
}

/* Read n bytes at off; false if the file ends first or fails. */
static bool replay_pread(struct replay_reader *r, void *buf, size_t n, uint64_t off)
{
	size_t done = 0;

	if (n == 0)
		return true;
	if (r->mem) {
		if (off > r->size || n > r->size - off)
			return false;
		memcpy(buf, r->mem + off, n);
		return true;
	}
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
static int replay_read_header(struct replay_reader *r, char *err, size_t errsize)
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
	if (!replay_crc_ok(replay_get_u32(crc), body, len)) {
		snprintf(err, errsize, "%s: corrupt header (its CRC-32 does not match)", r->path);
		goto done;
	}
	if (!replay_parse_body(&r->h, body, body + len)) {
		snprintf(err, errsize, "%s: malformed header (its fields do not fill its %u bytes)", r->path,
			 (unsigned)len);
		goto done;
	}
	r->body_end = sizeof(head) + (uint64_t)len + 4;
	status = 0;
done:
	free(body);
	return status;
}

static void replay_add_chunk(struct replay_reader *r, const struct replay_chunk_info *c)
{
	r->chunks = xgrow(r->chunks, &r->chunks_cap, r->nchunks + 1, sizeof(*r->chunks));
	r->states = xgrow(r->states, &r->states_cap, r->nchunks + 1, sizeof(*r->states));
	r->states[r->nchunks] = REPLAY_CHUNK_UNCHECKED;
	r->chunks[r->nchunks++] = *c;
}

/* A chunk head as the writer makes them: its magic and CRC, lengths a
 * reader takes, a time range; false if not. */
static bool replay_parse_head(const uint8_t head[REPLAY_CHUNK_HEAD], uint64_t pos, struct replay_chunk_info *c)
{
	if (memcmp(head, REPLAY_CHUNK_MAGIC, 4) != 0 || !replay_crc_ok(replay_get_u32(head + 36), head, 32))
		return false;
	c->offset = pos;
	c->zlen = replay_get_u32(head + 4);
	c->rawlen = replay_get_u32(head + 8);
	c->records = replay_get_u32(head + 12);
	c->first = (sim_time_t)replay_get_u64(head + 16);
	c->last = (sim_time_t)replay_get_u64(head + 24);
	return c->rawlen <= REPLAY_RAW_MAX && c->first <= c->last && c->records > 0 && c->first >= 0;
}

/*
 * The chunks as the index at the end lists them, if the file ends with a
 * trailer and an index whose CRC holds: 1 with the chunks taken, 0 if
 * there is none (a file cut short), -1 if it is there but does not
 * describe a run of chunks from the header to itself (why in note).
 */
static int replay_read_index(struct replay_reader *r, char *note, size_t notesize)
{
	uint8_t trailer[REPLAY_TRAILER], *buf;
	uint64_t at, len, pos = r->body_end;
	uint32_t count;
	sim_time_t last = 0;
	int status = -1;

	if (r->size < r->body_end + REPLAY_TRAILER + 12 ||
	    !replay_pread(r, trailer, REPLAY_TRAILER, r->size - REPLAY_TRAILER) ||
	    memcmp(trailer + 8, REPLAY_TRAILER_MAGIC, 8) != 0)
		return 0;
	at = replay_get_u64(trailer);
	if (at < r->body_end || at > r->size - REPLAY_TRAILER - 12)
		return 0;
	len = r->size - REPLAY_TRAILER - at;
	buf = xmalloc((size_t)len);
	if (!replay_pread(r, buf, (size_t)len, at) || memcmp(buf, REPLAY_INDEX_MAGIC, 4) != 0 ||
	    (uint64_t)replay_get_u32(buf + 4) * REPLAY_INDEX_ENTRY + 12 != len ||
	    !replay_crc_ok(replay_get_u32(buf + len - 4), buf, (size_t)(len - 4))) {
		free(buf);
		return 0;
	}
	count = replay_get_u32(buf + 4);
	for (uint32_t i = 0; i < count; i++) {
		const uint8_t *e = buf + 8 + (size_t)i * REPLAY_INDEX_ENTRY;
		struct replay_chunk_info c = {
			replay_get_u64(e), replay_get_u32(e + 8), replay_get_u32(e + 12), replay_get_u32(e + 16),
			(sim_time_t)replay_get_u64(e + 20), (sim_time_t)replay_get_u64(e + 28),
		};

		if (c.offset != pos || c.zlen > at - pos || at - pos - c.zlen < REPLAY_CHUNK_HEAD ||
		    c.rawlen > REPLAY_RAW_MAX || c.records == 0 || c.first < last || c.first > c.last) {
			snprintf(note, notesize, "its index is corrupt at chunk %u", (unsigned)i + 1);
			goto done;
		}
		replay_add_chunk(r, &c);
		pos += REPLAY_CHUNK_HEAD + c.zlen;
		last = c.last;
	}
	if (pos != at) {
		snprintf(note, notesize, "its index leaves bytes %llu to %llu out", (unsigned long long)pos,
			 (unsigned long long)at);
		goto done;
	}
	status = 1;
done:
	free(buf);
	if (status < 0)
		r->nchunks = 0;
	return status;
}

/* Walk the chunk heads from the header on, without the index: the heads
 * that are whole and sound.  Where the walk stops is noted in
 * r->damage (why: the reason no index was used). */
static void replay_scan(struct replay_reader *r, const char *why)
{
	char cut[256] = "", note[600];
	uint64_t pos = r->body_end, limit = r->size;

	while (pos < limit) {
		uint8_t head[REPLAY_CHUNK_HEAD];
		struct replay_chunk_info c;

		if (limit - pos < REPLAY_CHUNK_HEAD) {
			snprintf(cut, sizeof(cut), "cut short at byte %llu, inside the head of chunk %zu",
				 (unsigned long long)limit, r->nchunks + 1);
			break;
		}
		if (!replay_pread(r, head, sizeof(head), pos)) {
			snprintf(cut, sizeof(cut), "unreadable at byte %llu: %s", (unsigned long long)pos,
				 strerror(errno ? errno : EIO));
			break;
		}
		if (memcmp(head, REPLAY_INDEX_MAGIC, 4) == 0) {
			snprintf(cut, sizeof(cut), "its index from byte %llu is damaged or cut short at byte %llu",
				 (unsigned long long)pos, (unsigned long long)limit);
			break;
		}
		if (!replay_parse_head(head, pos, &c)) {
			snprintf(cut, sizeof(cut), "chunk %zu at byte %llu: corrupt chunk head, nothing after it is read",
				 r->nchunks + 1, (unsigned long long)pos);
			break;
		}
		if (c.zlen > limit - pos - REPLAY_CHUNK_HEAD) {
			snprintf(cut, sizeof(cut), "cut short at byte %llu, inside chunk %zu", (unsigned long long)limit,
				 r->nchunks + 1);
			break;
		}
		if (r->nchunks > 0 && c.first < r->chunks[r->nchunks - 1].last) {
			snprintf(cut, sizeof(cut), "chunk %zu at byte %llu: its clock goes back, nothing after it is read",
				 r->nchunks + 1, (unsigned long long)pos);
			break;
		}
		replay_add_chunk(r, &c);
		pos += REPLAY_CHUNK_HEAD + c.zlen;
	}
	if (cut[0] == '\0')
		snprintf(cut, sizeof(cut), "cut short at byte %llu, with no index: the drill did not finish "
			 "writing it", (unsigned long long)limit);
	snprintf(note, sizeof(note), "%s: %s%s%s; %zu whole chunk%s read, index rebuilt by scanning", r->path,
		 why ? why : "", why ? ", and " : "", cut, r->nchunks, r->nchunks == 1 ? "" : "s");
	r->damage = xstrdup(note);
}

/* The file ends with a trailer's magic. */
static bool replay_has_trailer(struct replay_reader *r)
{
	uint8_t magic[8];

	return r->size >= r->body_end + REPLAY_TRAILER &&
	       replay_pread(r, magic, sizeof(magic), r->size - sizeof(magic)) &&
	       memcmp(magic, REPLAY_TRAILER_MAGIC, sizeof(magic)) == 0;
}

/* Read the header and find the chunks; 0, or -1 with a message. */
static int replay_start(struct replay_reader *r, char *err, size_t errsize)
{
	char note[160] = "";
	int indexed;

	if (replay_read_header(r, err, errsize) != 0)
		return -1;
	/* Before version 4 the index has no lengths: the heads say them. */
	indexed = r->h.format_version >= 4 ? replay_read_index(r, note, sizeof(note)) : 0;
	if (indexed <= 0)
		replay_scan(r, indexed < 0 ? note : NULL);
	if (r->h.format_version < 4 && r->damage && strstr(r->damage, "its index from byte") != NULL &&
	    replay_has_trailer(r)) {
		/* An older file's index is where the scan stops. */
		free(r->damage);
		r->damage = NULL;
	}
	return 0;
}

struct replay_reader *replay_open(const char *path, char *err, size_t errsize)
{
	struct replay_reader *r = xcalloc(1, sizeof(*r));
	struct stat st;

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
	if (replay_start(r, err, errsize) != 0)
		goto fail;
	return r;
fail:
	replay_close(r);
	return NULL;
}

struct replay_reader *replay_open_mem(const char *name, const void *buf, size_t len, char *err, size_t errsize)
{
	struct replay_reader *r = xcalloc(1, sizeof(*r));

	r->path = xstrdup(name);
	r->fd = -1;
	r->mem = buf ? buf : (const uint8_t *)"";
	r->size = len;
	replay_dec_init(&r->dec);
	if (replay_start(r, err, errsize) != 0) {
		replay_close(r);
		return NULL;
	}
	return r;
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
	free(r->states);
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
	size_t lo = 0, hi = r->nchunks;

	/* The first chunk whose last clock is at or after t: the clocks
	 * never go back, so the chunks are in order of both. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (r->chunks[mid].last < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	r->next = lo;
	r->loaded = false;
}

/* Where a message about chunk i starts. */
static int replay_where(const struct replay_reader *r, size_t i, char *err, size_t errsize)
{
	return snprintf(err, errsize, "%s: chunk %zu at byte %llu: ", r->path, i + 1,
			(unsigned long long)r->chunks[i].offset);
}

/* A message about chunk i; marks it damaged. */
static void replay_fail(struct replay_reader *r, size_t i, char *err, size_t errsize, const char *what)
{
	int n = replay_where(r, i, err, errsize);

	if (n >= 0 && (size_t)n < errsize)
		snprintf(err + n, errsize - (size_t)n, "%s", what);
	r->states[i] = REPLAY_CHUNK_DAMAGED;
}

/*
 * Read chunk i and inflate it into raw (grown in *raw_cap); the first
 * time, its head and CRC-32 are checked against what the index (or the
 * scan) said.  0, or -1 with a message (the chunk marked damaged).
 */
static int replay_inflate(struct replay_reader *r, size_t i, uint8_t **raw, size_t *raw_cap, char *err,
			  size_t errsize)
{
	const struct replay_chunk_info *c = &r->chunks[i];
	uint8_t head[REPLAY_CHUNK_HEAD];
	struct replay_chunk_info h;
	uLongf rawlen = c->rawlen;
	char what[160];

	if (c->zlen > r->zbuf_cap) {
		r->zbuf = xrealloc(r->zbuf, c->zlen);
		r->zbuf_cap = c->zlen;
	}
	if ((size_t)c->rawlen + 1 > *raw_cap) {
		*raw = xrealloc(*raw, (size_t)c->rawlen + 1);
		*raw_cap = (size_t)c->rawlen + 1;
	}
	if (!replay_pread(r, head, sizeof(head), c->offset) ||
	    !replay_pread(r, r->zbuf, c->zlen, c->offset + REPLAY_CHUNK_HEAD)) {
		snprintf(what, sizeof(what), "%s", strerror(errno ? errno : EIO));
		replay_fail(r, i, err, errsize, what);
		return -1;
	}
	if (r->states[i] != REPLAY_CHUNK_SOUND) {
		if (!replay_parse_head(head, c->offset, &h) || h.zlen != c->zlen || h.rawlen != c->rawlen ||
		    h.records != c->records || h.first != c->first || h.last != c->last) {
			snprintf(what, sizeof(what), "corrupt chunk head (%zu whole chunk%s before it)", i, i == 1 ? "" : "s");
			replay_fail(r, i, err, errsize, what);
			return -1;
		}
		if (!replay_crc_ok(replay_get_u32(head + 32), r->zbuf, c->zlen)) {
			snprintf(what, sizeof(what), "CRC-32 mismatch, the file is corrupt (%zu whole chunk%s before it)",
				 i, i == 1 ? "" : "s");
			replay_fail(r, i, err, errsize, what);
			return -1;
		}
		r->states[i] = REPLAY_CHUNK_SOUND;
	}
	if (uncompress(*raw, &rawlen, r->zbuf, c->zlen) != Z_OK || rawlen != c->rawlen) {
		snprintf(what, sizeof(what), "does not inflate to its %u bytes (corrupt)", (unsigned)c->rawlen);
		replay_fail(r, i, err, errsize, what);
		return -1;
	}
	return 0;
}

/* Start decoding an inflated chunk i with dec; for version 4 on, its
 * keyframe comes first.  0, or -1 with a message. */
static int replay_begin(struct replay_reader *r, size_t i, struct replay_dec *dec, const uint8_t *raw, char *err,
			size_t errsize)
{
	const struct replay_chunk_info *c = &r->chunks[i];
	struct replay_record rec;
	char why[160];
	int got;

	replay_dec_reset(dec, raw, c->rawlen, c->first);
	if (r->h.format_version < 4)
		return 0;
	got = replay_dec_next(dec, &rec, why, sizeof(why));
	if (got > 0 && (rec.type != REPLAY_KEYFRAME || rec.clock != c->first)) {
		got = -1;
		snprintf(why, sizeof(why), "it does not begin with its keyframe");
	} else if (got == 0) {
		got = -1;
		snprintf(why, sizeof(why), "it is empty");
	}
	if (got < 0) {
		char what[200];

		snprintf(what, sizeof(what), "keyframe: %s", why);
		replay_fail(r, i, err, errsize, what);
		return -1;
	}
	dec->keyframe.chunk = i;
	return 0;
}

/* Make chunk i the one being read; 0, or -1 with a message. */
static int replay_load(struct replay_reader *r, size_t i, char *err, size_t errsize)
{
	r->loaded = false;
	r->current = i;
	if (replay_inflate(r, i, &r->raw, &r->raw_cap, err, errsize) != 0 ||
	    replay_begin(r, i, &r->dec, r->raw, err, errsize) != 0)
		return -1;
	r->decoded = 0;
	r->loaded = true;
	r->keyframed = r->h.format_version >= 4;
	return 0;
}

/* The next record of the decoder dec on chunk i, decoded records so far
 * in *decoded: 1, 0 at the chunk's end (all its records read), -1 with a
 * message. */
static int replay_step(struct replay_reader *r, size_t i, struct replay_dec *dec, const uint8_t *raw,
		       uint32_t *decoded, struct replay_record *rec, char *err, size_t errsize)
{
	const struct replay_chunk_info *c = &r->chunks[i];
	size_t at = (size_t)(dec->p - raw);
	char why[160], what[260];
	int got = replay_dec_next(dec, rec, why, sizeof(why));

	if (got > 0 && rec->type != REPLAY_KEYFRAME && *decoded < c->records && rec->clock <= c->last) {
		(*decoded)++;
		return 1;
	}
	if (got == 0 && *decoded == c->records && dec->clock == c->last)
		return 0;
	if (got > 0 && rec->type == REPLAY_KEYFRAME)
		snprintf(why, sizeof(why), "a keyframe inside the chunk");
	else if (got >= 0)
		snprintf(why, sizeof(why), "its records do not match its head (%u records up to %lld)",
			 (unsigned)c->records, (long long)c->last);
	snprintf(what, sizeof(what), "record %u (byte %zu inflated): %s", (unsigned)*decoded + 1, at, why);
	replay_fail(r, i, err, errsize, what);
	return -1;
}

int replay_next(struct replay_reader *r, struct replay_record *rec, char *err, size_t errsize)
{
	for (;;) {
		int got;

		if (!r->loaded) {
			if (r->next >= r->nchunks)
				return 0;
			if (replay_load(r, r->next++, err, errsize) != 0)
				return -1;
		}
		got = replay_step(r, r->current, &r->dec, r->raw, &r->decoded, rec, err, errsize);
		if (got != 0) {
			/* A damaged chunk is left: the next call goes on with
			 * the one after it. */
			if (got < 0)
				r->loaded = false;
			return got;
		}
		r->loaded = false;
	}
}

const struct replay_keyframe *replay_keyframe(struct replay_reader *r, char *err, size_t errsize)
{
	if (r->h.format_version < 4) {
		snprintf(err, errsize, "%s: format version %u has no keyframes", r->path, (unsigned)r->h.format_version);
		return NULL;
	}
	if (r->loaded && r->decoded == r->chunks[r->current].records)
		r->loaded = false;
	if (!r->loaded) {
		if (r->next >= r->nchunks) {
			snprintf(err, errsize, "%s: no chunk after the last record read", r->path);
			return NULL;
		}
		if (replay_load(r, r->next++, err, errsize) != 0)
			return NULL;
	}
	return &r->dec.keyframe;
}

size_t replay_check(struct replay_reader *r, replay_check_fn fn, void *ctx)
{
	struct replay_dec dec;
	struct replay_record rec;
	uint8_t *raw = NULL;
	size_t raw_cap = 0, damaged = 0;
	char err[600];

	replay_dec_init(&dec);
	dec.version = r->dec.version;
	for (size_t i = 0; i < r->nchunks; i++) {
		uint32_t decoded = 0;
		int got = -1;

		if (replay_inflate(r, i, &raw, &raw_cap, err, sizeof(err)) == 0 &&
		    replay_begin(r, i, &dec, raw, err, sizeof(err)) == 0)
			while ((got = replay_step(r, i, &dec, raw, &decoded, &rec, err, sizeof(err))) > 0)
				;
		if (got == 0 && r->states[i] != REPLAY_CHUNK_DAMAGED)
			continue;
		damaged++;
		if (fn)
			fn(ctx, i, err);
	}
	replay_dec_free(&dec);
	free(raw);
	return damaged;
}
