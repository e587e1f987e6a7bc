#include "paths.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int paths_has_default_network(const char *dir)
{
	char probe[PATH_MAX];

	if (snprintf(probe, sizeof(probe), "%s/networks/default.lua", dir) >= (int)sizeof(probe))
		return 0;
	return access(probe, R_OK) == 0;
}

const char *paths_scenarios_dir(void)
{
	static char dir[PATH_MAX];
	/* An install first, then a build anywhere up to three levels deep in
	 * a source tree (build/irdrill, build/asan/irdrill). */
	static const char *const beside_binary[] = {
		"../share/irdrill/scenarios", "../scenarios", "../../scenarios", "../../../scenarios",
	};
	char exe[PATH_MAX], candidate[PATH_MAX], *slash;
	const char *env = getenv("IRDRILL_SCENARIOS");
	ssize_t n;

	if (env && *env) {
		snprintf(dir, sizeof(dir), "%s", env);
		return paths_has_default_network(dir) ? dir : NULL;
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (slash == NULL)
		return NULL;
	*slash = '\0';
	for (size_t i = 0; i < sizeof(beside_binary) / sizeof(*beside_binary); i++) {
		if (snprintf(candidate, sizeof(candidate), "%s/%s", exe, beside_binary[i]) >= (int)sizeof(candidate))
			continue;
		if (paths_has_default_network(candidate) && realpath(candidate, dir))
			return dir;
	}
	return NULL;
}

char *paths_scenario_file(const char *rel, char *buf, unsigned long size)
{
	const char *dir = paths_scenarios_dir();

	if (dir == NULL || snprintf(buf, size, "%s/%s", dir, rel) >= (int)size)
		return NULL;
	return buf;
}
