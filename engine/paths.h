/*
 * paths.h - where irdrill finds its stock scenarios and network models.
 *
 * The tool must run from a source checkout, from an install under any
 * PREFIX and from a copy on a USB stick, so the data folder is found
 * relative to the binary itself, not at a path fixed when it was built.
 * Depends on libc only.
 */
#ifndef PATHS_H
#define PATHS_H

/*
 * The scenarios folder: $IRDRILL_SCENARIOS if set, else
 * ../share/irdrill/scenarios next to the binary (an install), else the
 * scenarios folder of the source tree the binary was built in (up to
 * three levels up).  NULL if none has a networks/default.lua.  Returns a
 * static buffer.
 */
const char *paths_scenarios_dir(void);

/* Writes "<scenarios>/<rel>" into buf; returns buf, or NULL when the
 * scenarios folder cannot be found or the path does not fit. */
char *paths_scenario_file(const char *rel, char *buf, unsigned long size);

#endif
