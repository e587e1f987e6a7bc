/*
 * netload.h - load a network model from its Lua data file.
 *
 * The file runs in a sandbox (sandbox.h) where its declarations (site,
 * segment, host, …; docs/network-model.md) are collected, then checked
 * all together.  Every problem found is reported with the file and line of
 * the declaration at fault, not just the first.  Depends on net, sandbox
 * and diag.
 */
#ifndef NETLOAD_H
#define NETLOAD_H

#include "diag.h"
#include "net.h"

/* Returns the model (owned by the caller, free with net_free), or NULL
 * with at least one message in errs. */
struct net *net_load(const char *path, struct diag *errs);

#endif
