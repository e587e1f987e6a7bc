#include "replay_write.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "replay_record.h"
#include "sha256.h"
#include "xmalloc.h"

struct replay_chunk_ref {
	uint64_t offset;
	uint32_t zlen, rawlen, records;
	sim_time_t first, last;
};

struct replay_writer;
static struct replay_points *replay_writer_points(struct replay_writer *w, const char *team);

struct replay_writer {
	FILE *fp;
	char *path;
	const struct drill *d;
	struct replay_enc enc;
	size_t entries_done; /* timeline entries written */
	sim_time_t last;     /* clock of the last record written */
	struct replay_chunk_ref *chunks;
	size_t nchunks, chunks_cap;
	uint64_t offset, events;
	uint8_t *zbuf;       /* compressed bytes of the chunk being written */
	size_t zbuf_cap;
	int error;           /* first errno of a failed write, 0: none */
	bool keyframed;      /* the chunk being gathered has its keyframe */
	struct replay_points *teams; /* each team's points so far */
	size_t nteams, teams_cap;
	replay_tap_fn tap;
	void *tap_ctx;
	/*
	 * Chunks are deflated and written by a second thread while the
	 * drill goes on encoding the next one: the drill hands a full
	 * chunk over (job) and waits only if the previous one is not
	 * written yet.  Under mu: job, job_full, quit, and what the
	 * thread changes (chunks, offset, error, zbuf).  Without the
	 * thread (it could not start, or there is no file) the drill
	 * writes its chunks itself.
	 */
	bool threaded, quit, job_full;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct strbuf job;   /* the raw chunk handed over */
	uint32_t job_records;
	sim_time_t job_first, job_last;
};

static void replay_writer_start(struct replay_writer *w);

/* The SHA-256 of a file's bytes; false with errno set. */
static bool replay_hash_file(const char *path, uint8_t digest[SHA256_DIGEST_SIZE])
{
	FILE *fp = fopen(path, "rb");
	struct sha256 s;
	char buf[65536];
	size_t n;
	bool ok;

	if (fp == NULL)
		return false;
	sha256_init(&s);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		sha256_update(&s, buf, n);
	ok = !ferror(fp);
	fclose(fp);
	if (!ok) {
		errno = EIO;
		return false;
	}
	sha256_final(&s, digest);
	return true;
}

static void replay_write_bytes(struct replay_writer *w, const void *p, size_t n)
{
	if (w->fp == NULL) {
		w->offset += n;
		return;
	}
	if (w->error)
		return;
	if (fwrite(p, 1, n, w->fp) != n)
		w->error = errno ? errno : EIO;
	w->offset += n;
}

/* A file the drill was played from: its absolute path and digest. */
static bool replay_add_file(struct strbuf *body, const char *path, char *err, size_t errsize)
{
	char abs[PATH_MAX];
	uint8_t digest[SHA256_DIGEST_SIZE];

	if (realpath(path, abs) == NULL || !replay_hash_file(abs, digest)) {
		snprintf(err, errsize, "%s: %s", path, strerror(errno));
		return false;
	}
	replay_add_string(body, abs);
	strbuf_add(body, digest, sizeof(digest));
	return true;
}

struct replay_writer *replay_writer_open(const char *path, const struct drill *d, const struct replay_origin *o,
					 char *err, size_t errsize)
{
	struct strbuf body = { 0 };
	struct replay_writer *w = NULL;
	uint8_t head[16], crc[4], rate[8];
	uint64_t bits;

	replay_add_string(&body, IRDRILL_VERSION);
	replay_add_string(&body, o->exercise ? o->exercise : "");
	if (!replay_add_file(&body, o->scenario_path, err, errsize) ||
	    !replay_add_file(&body, o->network_path, err, errsize))
		goto done;
	replay_add_varint(&body, d->seed);
	replay_add_varint(&body, ((uint64_t)d->clock.epoch_unix_us << 1) ^ (uint64_t)(d->clock.epoch_unix_us >> 63));
	replay_add_varint(&body, (uint64_t)d->end);
	replay_add_string(&body, o->mode ? o->mode : "shared");
	replay_add_varint(&body, (uint64_t)o->nteams);
	for (int i = 0; i < o->nteams; i++)
		replay_add_string(&body, o->teams[i]);
	memcpy(&bits, &o->background, sizeof(bits));
	replay_put_u64(rate, bits);
	strbuf_add(&body, rate, sizeof(rate));
	for (int i = 0; i < o->nteams; i++) /* since version 6 */
		replay_add_string(&body, o->zones ? o->zones[i] : "");

	w = xcalloc(1, sizeof(*w));
	w->fp = path ? fopen(path, "wb") : NULL;
	if (path && w->fp == NULL) {
		snprintf(err, errsize, "%s: %s", path, strerror(errno));
		free(w);
		w = NULL;
		goto done;
	}
	w->path = xstrdup(path ? path : "(no file)");
	w->d = d;
	replay_enc_init(&w->enc);
	for (int i = 0; i < o->nteams; i++)
		replay_writer_points(w, o->teams[i]);
	memcpy(head, REPLAY_MAGIC, 8);
	replay_put_u32(head + 8, REPLAY_VERSION);
	replay_put_u32(head + 12, (uint32_t)body.len);
	replay_put_u32(crc, (uint32_t)crc32(0, (const Bytef *)body.buf, (uInt)body.len));
	replay_write_bytes(w, head, sizeof(head));
	replay_write_bytes(w, body.buf, body.len);
	replay_write_bytes(w, crc, sizeof(crc));
	replay_writer_start(w);
done:
	strbuf_free(&body);
	return w;
}

/* Deflate raw (records of clocks first..last) into one chunk and append
 * it; by the writing thread, or the drill's when there is none. */
static void replay_deflate_chunk(struct replay_writer *w, const struct strbuf *raw, uint32_t records,
				 sim_time_t first, sim_time_t last)
{
	uint8_t head[REPLAY_CHUNK_HEAD];
	uLongf zlen;

	zlen = compressBound((uLong)raw->len);
	if (zlen > w->zbuf_cap) {
		w->zbuf = xrealloc(w->zbuf, zlen);
		w->zbuf_cap = zlen;
	}
	if (compress2(w->zbuf, &zlen, (const Bytef *)raw->buf, (uLong)raw->len, Z_DEFAULT_COMPRESSION) != Z_OK) {
		if (w->error == 0)
			w->error = ENOMEM;
		return;
	}
	memcpy(head, REPLAY_CHUNK_MAGIC, 4);
	replay_put_u32(head + 4, (uint32_t)zlen);
	replay_put_u32(head + 8, (uint32_t)raw->len);
	replay_put_u32(head + 12, records);
	replay_put_u64(head + 16, (uint64_t)first);
	replay_put_u64(head + 24, (uint64_t)last);
	replay_put_u32(head + 32, (uint32_t)crc32(0, w->zbuf, (uInt)zlen));
	replay_put_u32(head + 36, (uint32_t)crc32(0, head, 32));
	w->chunks = xgrow(w->chunks, &w->chunks_cap, w->nchunks + 1, sizeof(*w->chunks));
	w->chunks[w->nchunks++] = (struct replay_chunk_ref){ w->offset, (uint32_t)zlen, (uint32_t)raw->len,
							     records, first, last };
	replay_write_bytes(w, head, sizeof(head));
	replay_write_bytes(w, w->zbuf, zlen);
	/* A whole chunk reaches the file at once: a crash cuts between
	 * chunks, or inside the last one, which the reader leaves out. */
	if (w->error == 0 && fflush(w->fp) != 0)
		w->error = errno;
}

static void *replay_writer_thread(void *arg)
{
	struct replay_writer *w = arg;

	pthread_mutex_lock(&w->mu);
	for (;;) {
		while (!w->job_full && !w->quit)
			pthread_cond_wait(&w->cv, &w->mu);
		if (!w->job_full)
			break;
		pthread_mutex_unlock(&w->mu);
		/* Only this thread touches the job, the file and the
		 * index while job_full is set. */
		replay_deflate_chunk(w, &w->job, w->job_records, w->job_first, w->job_last);
		pthread_mutex_lock(&w->mu);
		strbuf_reset(&w->job);
		w->job_full = false;
		pthread_cond_broadcast(&w->cv);
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

/* Wait until the chunk handed over is written (caller holds mu). */
static void replay_writer_wait(struct replay_writer *w)
{
	while (w->job_full)
		pthread_cond_wait(&w->cv, &w->mu);
}

/* Everything handed over is in the file. */
static void replay_writer_drain(struct replay_writer *w)
{
	if (!w->threaded)
		return;
	pthread_mutex_lock(&w->mu);
	replay_writer_wait(w);
	pthread_mutex_unlock(&w->mu);
}

/* Start the writing thread for a file; without it chunks are written
 * inline. */
static void replay_writer_start(struct replay_writer *w)
{
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	w->threaded = w->fp != NULL && pthread_create(&w->thread, NULL, replay_writer_thread, w) == 0;
}

static void replay_writer_stop(struct replay_writer *w)
{
	if (w->threaded) {
		pthread_mutex_lock(&w->mu);
		w->quit = true;
		pthread_cond_broadcast(&w->cv);
		pthread_mutex_unlock(&w->mu);
		pthread_join(w->thread, NULL);
		w->threaded = false;
	}
	pthread_cond_destroy(&w->cv);
	pthread_mutex_destroy(&w->mu);
}

/* Hand what is gathered over as one chunk (or write it, unthreaded). */
static void replay_write_chunk(struct replay_writer *w)
{
	struct replay_enc *e = &w->enc;
	struct strbuf raw;

	if (e->records == 0)
		return;
	w->keyframed = false;
	if (w->fp == NULL) {
		/* Nothing to write: the records went to the tap. */
		w->chunks = xgrow(w->chunks, &w->chunks_cap, w->nchunks + 1, sizeof(*w->chunks));
		w->chunks[w->nchunks++] = (struct replay_chunk_ref){ w->offset, 0, (uint32_t)e->out.len, e->records,
								     e->first, e->clock };
		w->offset += REPLAY_CHUNK_HEAD + e->out.len;
		replay_enc_reset(e);
		return;
	}
	if (!w->threaded) {
		replay_deflate_chunk(w, &e->out, e->records, e->first, e->clock);
		replay_enc_reset(e);
		return;
	}
	pthread_mutex_lock(&w->mu);
	replay_writer_wait(w);
	/* Swap buffers: the encoder keeps the emptied one's memory. */
	raw = w->job;
	w->job = e->out;
	e->out = raw;
	w->job_records = e->records;
	w->job_first = e->first;
	w->job_last = e->clock;
	w->job_full = true;
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);
	replay_enc_reset(e);
}

/* A team's points so far (added at 0 if new). */
static struct replay_points *replay_writer_points(struct replay_writer *w, const char *team)
{
	for (size_t i = 0; i < w->nteams; i++)
		if (strcmp(w->teams[i].team, team) == 0)
			return &w->teams[i];
	w->teams = xgrow(w->teams, &w->teams_cap, w->nteams + 1, sizeof(*w->teams));
	w->teams[w->nteams] = (struct replay_points){ xstrdup(team), 0 };
	return &w->teams[w->nteams++];
}

static unsigned *replay_states_of(const void *items, size_t n, size_t size, size_t state_off)
{
	unsigned *v = xcalloc(n + 1, sizeof(*v));

	for (size_t i = 0; i < n; i++)
		memcpy(&v[i], (const char *)items + i * size + state_off, sizeof(unsigned));
	return v;
}

void replay_writer_keyframe(const struct replay_writer *w, struct replay_keyframe *kf)
{
	const struct drill *d = w->d;
	const struct net *net = d->net;

	memset(kf, 0, sizeof(*kf));
	kf->clock = w->last;
	kf->nhosts = (size_t)net->nhosts;
	kf->hosts = replay_states_of(net->hosts, kf->nhosts, sizeof(*net->hosts), offsetof(struct net_host, state));
	kf->naccounts = (size_t)net->naccounts;
	kf->accounts = replay_states_of(net->accounts, kf->naccounts, sizeof(*net->accounts),
					offsetof(struct net_account, state));
	kf->nsystems = (size_t)net->nsystems;
	kf->systems = replay_states_of(net->systems, kf->nsystems, sizeof(*net->systems),
				       offsetof(struct net_system, state));
	kf->nobjectives = d->nobjectives;
	kf->objectives = xcalloc(d->nobjectives + 1, sizeof(*kf->objectives));
	for (size_t i = 0; i < d->nobjectives; i++)
		kf->objectives[i] = (struct replay_objective){ d->objectives[i].id, d->objectives[i].state,
							       d->objectives[i].time };
	kf->nteams = w->nteams;
	kf->teams = xcalloc(w->nteams + 1, sizeof(*kf->teams));
	memcpy(kf->teams, w->teams, w->nteams * sizeof(*kf->teams));
}

/* The clock a record is written with: t, or the last record's if that
 * is later (the clock never goes back).  A record that begins a chunk
 * is preceded by the chunk's keyframe. */
static sim_time_t replay_write_clock(struct replay_writer *w, sim_time_t t)
{
	if (t > w->last)
		w->last = t;
	if (!w->keyframed && w->fp) {
		struct replay_keyframe kf;

		replay_writer_keyframe(w, &kf);
		replay_enc_keyframe(&w->enc, w->last, &kf);
		replay_keyframe_free(&kf);
	}
	w->keyframed = true;
	return w->last;
}

/* Hand a record to the tap, before it counts (a score change's points
 * are in the keyframes after it). */
static void replay_write_tap(struct replay_writer *w, const struct replay_record *rec)
{
	if (w->tap)
		w->tap(w->tap_ctx, rec);
}

void replay_writer_tap(struct replay_writer *w, replay_tap_fn fn, void *ctx)
{
	w->tap = fn;
	w->tap_ctx = ctx;
}

/* The timeline entries recorded since the last record, each at its own
 * time. */
static void replay_write_entries(struct replay_writer *w)
{
	const struct drill *d = w->d;

	for (; w->entries_done < d->nentries; w->entries_done++) {
		const struct drill_entry *de = &d->entries[w->entries_done];
		struct replay_record rec = { .type = REPLAY_REC_ENTRY };

		rec.entry = (struct replay_entry){ de->time, de->kind, de->ok, de->actor, de->what, de->target, de->detail,
						   de->technique ? de->technique : "" };
		rec.clock = replay_write_clock(w, de->time);
		replay_write_tap(w, &rec);
		replay_enc_entry(&w->enc, rec.clock, &rec.entry);
	}
}

void replay_writer_event(void *writer, const struct event *ev, enum sensor_type type)
{
	struct replay_writer *w = writer;
	struct replay_record rec = { .type = REPLAY_REC_EVENT };

	replay_write_entries(w);
	rec.clock = replay_write_clock(w, w->d->now);
	rec.ev = *ev;
	rec.sensor_type = type;
	replay_write_tap(w, &rec);
	replay_enc_event(&w->enc, rec.clock, ev, type);
	w->events++;
	if (w->enc.out.len >= REPLAY_WRITE_CHUNK)
		replay_write_chunk(w);
}

void replay_writer_score(void *writer, const struct score_row *row)
{
	struct replay_writer *w = writer;
	struct replay_record rec = { .type = REPLAY_SCORE };
	struct replay_score *sc = &rec.score;

	*sc = (struct replay_score){ row->time, row->team, row->component, row->points, row->reason,
				     row->expectation, REPLAY_EXPECT_NONE };
	/* As the exercise store settles it: met for any points. */
	if (row->expectation[0])
		sc->status = row->points > 0 ? REPLAY_EXPECT_MET : REPLAY_EXPECT_MISSED;
	replay_write_entries(w);
	rec.clock = replay_write_clock(w, w->d->now);
	replay_write_tap(w, &rec);
	replay_enc_score(&w->enc, rec.clock, sc);
	replay_writer_points(w, row->team)->points += row->points;
	if (w->enc.out.len >= REPLAY_WRITE_CHUNK)
		replay_write_chunk(w);
}

static int replay_writer_report(const struct replay_writer *w, char *err, size_t errsize)
{
	if (w->error == 0)
		return 0;
	snprintf(err, errsize, "%s: %s", w->path, strerror(w->error));
	return -1;
}

int replay_writer_sync(struct replay_writer *w, char *err, size_t errsize)
{
	replay_write_entries(w);
	replay_write_chunk(w);
	replay_writer_drain(w);
	return replay_writer_report(w, err, errsize);
}

int replay_writer_close(struct replay_writer *w, uint64_t *bytes, char *err, size_t errsize)
{
	struct strbuf index = { 0 };
	struct replay_record end = { .type = REPLAY_REC_END };
	uint8_t b[REPLAY_INDEX_ENTRY];
	uint64_t at;
	int status;

	replay_write_entries(w);
	end.clock = replay_write_clock(w, w->d->now);
	replay_write_tap(w, &end);
	replay_enc_end(&w->enc, end.clock);
	replay_write_chunk(w);
	replay_writer_stop(w);
	at = w->offset;
	strbuf_add(&index, REPLAY_INDEX_MAGIC, 4);
	replay_put_u32(b, (uint32_t)w->nchunks);
	strbuf_add(&index, b, 4);
	for (size_t i = 0; i < w->nchunks; i++) {
		replay_put_u64(b, w->chunks[i].offset);
		replay_put_u32(b + 8, w->chunks[i].zlen);
		replay_put_u32(b + 12, w->chunks[i].rawlen);
		replay_put_u32(b + 16, w->chunks[i].records);
		replay_put_u64(b + 20, (uint64_t)w->chunks[i].first);
		replay_put_u64(b + 28, (uint64_t)w->chunks[i].last);
		strbuf_add(&index, b, REPLAY_INDEX_ENTRY);
	}
	replay_put_u32(b, (uint32_t)crc32(0, (const Bytef *)index.buf, (uInt)index.len));
	strbuf_add(&index, b, 4);
	replay_put_u64(b, at);
	memcpy(b + 8, REPLAY_TRAILER_MAGIC, 8);
	strbuf_add(&index, b, REPLAY_TRAILER);
	replay_write_bytes(w, index.buf, index.len);
	strbuf_free(&index);
	if (w->fp && fclose(w->fp) != 0 && w->error == 0)
		w->error = errno;
	status = replay_writer_report(w, err, errsize);
	if (bytes)
		*bytes = w->offset;
	replay_enc_free(&w->enc);
	strbuf_free(&w->job);
	for (size_t i = 0; i < w->nteams; i++)
		free((char *)w->teams[i].team);
	free(w->teams);
	free(w->chunks);
	free(w->zbuf);
	free(w->path);
	free(w);
	return status;
}

uint64_t replay_writer_events(const struct replay_writer *w)
{
	return w->events;
}

uint64_t replay_writer_bytes(const struct replay_writer *w)
{
	struct replay_writer *m = (struct replay_writer *)w;
	uint64_t n;

	if (!w->threaded)
		return w->offset;
	pthread_mutex_lock(&m->mu);
	n = w->offset;
	pthread_mutex_unlock(&m->mu);
	return n;
}
