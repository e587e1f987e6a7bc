/*
 * timeline.h - print what happened in a drill: the attack timeline (sim
 * time, local time, actor, step, target, result), team actions, messages,
 * scenario errors and each objective's outcome.
 *
 * The output is a pure function of the drill's record, so the same
 * scenario, network, seed and actions print the same bytes; tests and
 * `irdrill check` rely on that.  Depends on drill.
 */
#ifndef TIMELINE_H
#define TIMELINE_H

#include <stdio.h>

#include "drill.h"

void timeline_print(const struct drill *d, FILE *out);

#endif
