/*
 * render.h - what each sensor writes: the formatter of its type, set up
 * for that sensor, and the files it writes into.
 *
 * A sensor of the network model is a product (Suricata, Zeek, a
 * FortiGate…) with a folder of files named as the real product names
 * them (eve.json, conn.log…).  This unit knows, per sensor type, which
 * files those are and which formatter writes which file, and builds each
 * formatter's settings from the network model and the drill (the clock,
 * the seed that identifiers derive from, the sensor's name).  The file
 * sink, the syslog forwarder and the console all render through here, so
 * every output of one record is the same text.
 *
 * Depends on event, sensor, net, simclock, strbuf and the formatters.
 */
#ifndef RENDER_H
#define RENDER_H

#include <stdbool.h>
#include <stdint.h>

#include "event.h"
#include "fmt_syslogfile.h"
#include "net.h"
#include "sensor.h"
#include "simclock.h"
#include "strbuf.h"

#define RENDER_MAX_FILES 8

struct render;

/* Borrowed: net and clock must outlive the renderer, which keeps
 * per-host record numbers for the Windows logs. */
struct render *render_new(const struct net *net, const struct simclock *clock, uint64_t seed);
void render_free(struct render *r);

/* The files a sensor of this type writes, in its folder; 0 for none. */
int render_files(enum sensor_type type, const char *const **names);

/*
 * Append what the sensor ev->sensor (of type) writes for the record to
 * out[i] for each of its files i (render_files()); returns how many files
 * got something.  Records must come in the order the sensor writes them:
 * a Windows log numbers its records, so the renderer counts per sensor
 * and host.
 *
 * times, when not NULL, gets the time of each line in out[0] for the
 * products whose one record is several lines written over a span (a
 * mail's life in mail.log, an sshd session in auth.log: render_spans_time);
 * n is 0 for the others, whose lines are all at ev->time.
 */
int render_event(struct render *r, const struct event *ev, enum sensor_type type,
		 struct strbuf out[RENDER_MAX_FILES], struct fmt_syslogfile_times *times);

/* Whether a sensor of this type logs one record's lines at their own
 * times, so that a file of it is ordered line by line, not by record. */
bool render_spans_time(enum sensor_type type);

/* What a file starts with when opened at t, and ends with when closed
 * (Zeek's header and #close); nothing for most products. */
void render_file_start(const struct render *r, enum sensor_type type, int file, sim_time_t t,
		       struct strbuf *out);
void render_file_end(const struct render *r, enum sensor_type type, int file, sim_time_t t,
		     struct strbuf *out);

#endif
