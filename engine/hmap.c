#include "hmap.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

/* FNV-1a: short keys, no adversary, and it is the same on every machine. */
static uint64_t hmap_hash_str(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

static uint64_t hmap_hash_u32(uint32_t k)
{
	uint64_t h = k * 0x9e3779b97f4a7c15ULL;

	return h ^ (h >> 29);
}

void strmap_init(struct strmap *m)
{
	memset(m, 0, sizeof(*m));
}

void strmap_free(struct strmap *m)
{
	free(m->keys);
	free(m->vals);
	strmap_init(m);
}

static void strmap_grow(struct strmap *m)
{
	struct strmap old = *m;

	m->cap = old.cap ? old.cap * 2 : 64;
	m->keys = xcalloc(m->cap, sizeof(*m->keys));
	m->vals = xcalloc(m->cap, sizeof(*m->vals));
	m->len = 0;
	for (size_t i = 0; i < old.cap; i++)
		if (old.keys[i])
			strmap_put(m, old.keys[i], old.vals[i]);
	free(old.keys);
	free(old.vals);
}

int strmap_put(struct strmap *m, const char *key, int val)
{
	size_t i;

	if ((m->len + 1) * 4 > m->cap * 3)
		strmap_grow(m);
	for (i = hmap_hash_str(key) & (m->cap - 1); m->keys[i]; i = (i + 1) & (m->cap - 1))
		if (strcmp(m->keys[i], key) == 0)
			return m->vals[i];
	m->keys[i] = key;
	m->vals[i] = val;
	m->len++;
	return -1;
}

int strmap_get(const struct strmap *m, const char *key)
{
	if (m->cap == 0)
		return -1;
	for (size_t i = hmap_hash_str(key) & (m->cap - 1); m->keys[i]; i = (i + 1) & (m->cap - 1))
		if (strcmp(m->keys[i], key) == 0)
			return m->vals[i];
	return -1;
}

void u32map_init(struct u32map *m)
{
	memset(m, 0, sizeof(*m));
}

void u32map_free(struct u32map *m)
{
	free(m->keys);
	free(m->vals);
	u32map_init(m);
}

static void u32map_grow(struct u32map *m)
{
	struct u32map old = *m;

	m->cap = old.cap ? old.cap * 2 : 64;
	m->keys = xcalloc(m->cap, sizeof(*m->keys));
	m->vals = xmalloc(m->cap * sizeof(*m->vals));
	memset(m->vals, 0xff, m->cap * sizeof(*m->vals));
	m->len = 0;
	for (size_t i = 0; i < old.cap; i++)
		if (old.vals[i] >= 0)
			u32map_put(m, old.keys[i], old.vals[i]);
	free(old.keys);
	free(old.vals);
}

int u32map_put(struct u32map *m, uint32_t key, int val)
{
	size_t i;

	if ((m->len + 1) * 4 > m->cap * 3)
		u32map_grow(m);
	for (i = hmap_hash_u32(key) & (m->cap - 1); m->vals[i] >= 0; i = (i + 1) & (m->cap - 1))
		if (m->keys[i] == key)
			return m->vals[i];
	m->keys[i] = key;
	m->vals[i] = val;
	m->len++;
	return -1;
}

int u32map_get(const struct u32map *m, uint32_t key)
{
	if (m->cap == 0)
		return -1;
	for (size_t i = hmap_hash_u32(key) & (m->cap - 1); m->vals[i] >= 0; i = (i + 1) & (m->cap - 1))
		if (m->keys[i] == key)
			return m->vals[i];
	return -1;
}
