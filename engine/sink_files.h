/*
 * sink_files.h - `--out DIR`: one folder per sensor, named after the
 * sensor in the network model, holding the files its real product
 * writes (eve.json, conn.log, …).
 *
 * Lines are collected per file and written in large appends, whole lines
 * only, so a log shipper tailing the files never reads half a record.
 * The syslog files of the host products (mail.log, auth.log) are ordered
 * line by line (render_spans_time): each line waits for its own time.
 * A file is created (truncated) when its first record arrives; a sensor
 * that saw nothing leaves no folder.  Files are not held open between
 * writes: the default province has over a hundred sensors.
 *
 * Depends on render, sensor, event, simclock and strbuf.
 */
#ifndef SINK_FILES_H
#define SINK_FILES_H

#include <stddef.h>
#include <stdint.h>

#include "event.h"
#include "render.h"
#include "sensor.h"
#include "simclock.h"

struct sink_files;

/*
 * Creates dir if missing.  NULL with a message in err (naming the path)
 * when it cannot be created or is not a writable folder.  now is the
 * drill's clock, read at each record and flush: a mail.log or auth.log
 * line is written once the clock has reached its time, so those files are
 * in time order line by line even when one message's or session's lines
 * span other records.  That relies on what the drill guarantees: no
 * record handed over at time now has a line before now.
 */
struct sink_files *sink_files_open(const char *dir, const struct net *net, struct render *r,
				   const sim_time_t *now, char *err, size_t errsize);
/* A sensor's copy of a record (a drill listener). */
void sink_files_event(void *sink, const struct event *ev, enum sensor_type type);
/* Write out everything collected; 0, or -1 with the first error in err. */
int sink_files_flush(struct sink_files *s, char *err, size_t errsize);
/* Flush, end every file as its product ends it at time end, free.
 * 0, or -1 with the first error in err. */
int sink_files_close(struct sink_files *s, sim_time_t end, char *err, size_t errsize);

/* Bytes written and records rendered so far (after the last flush). */
uint64_t sink_files_bytes(const struct sink_files *s);
uint64_t sink_files_records(const struct sink_files *s);

#endif
