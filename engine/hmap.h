/*
 * hmap.h - small open-addressing hash maps from keys to array indices.
 *
 * The network model keeps its objects in arrays and looks them up by name
 * or by IPv4 address through these maps; values are non-negative indices
 * and lookups return -1 when absent.  Keys are borrowed, not copied: the
 * caller keeps them alive for the map's lifetime.  Depends on xmalloc.
 */
#ifndef HMAP_H
#define HMAP_H

#include <stddef.h>
#include <stdint.h>

struct strmap {
	const char **keys;
	int *vals;
	size_t cap, len;
};

struct u32map {
	uint32_t *keys;
	int *vals; /* -1 marks an empty slot */
	size_t cap, len;
};

void strmap_init(struct strmap *m);
void strmap_free(struct strmap *m);
/* Insert key -> val; returns the existing value if the key was present
 * (and leaves it unchanged), else -1. */
int strmap_put(struct strmap *m, const char *key, int val);
int strmap_get(const struct strmap *m, const char *key);

void u32map_init(struct u32map *m);
void u32map_free(struct u32map *m);
int u32map_put(struct u32map *m, uint32_t key, int val);
int u32map_get(const struct u32map *m, uint32_t key);

#endif
