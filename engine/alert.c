#include "alert.h"

#include <stdio.h>
#include <stdlib.h>

#include "ipaddr.h"
#include "xmalloc.h"

struct alerts {
	struct alert *v;
	size_t n, cap;
};

struct alerts *alerts_new(void)
{
	return xcalloc(1, sizeof(struct alerts));
}

void alerts_free(struct alerts *al)
{
	if (al == NULL)
		return;
	free(al->v);
	free(al);
}

/* What the record says, in one line; false when it carries no alert. */
static bool alerts_describe(const struct event *ev, char *what, size_t size, int *severity)
{
	switch (ev->kind) {
	case EVENT_ALERT:
		snprintf(what, size, "%s", ev->u.alert.signature ? ev->u.alert.signature : "signature match");
		*severity = ev->u.alert.severity >= 1 && ev->u.alert.severity <= 3 ? ev->u.alert.severity : 3;
		return true;
	case EVENT_UTM:
		switch (ev->u.utm.type) {
		case EVENT_UTM_IPS:
			snprintf(what, size, "IPS %s", ev->u.utm.name ? ev->u.utm.name : "attack");
			/* FortiGate: 1 critical, 2 high, 3 medium, 4 low, 5 info. */
			*severity = ev->u.utm.severity <= 2 ? 1 : ev->u.utm.severity == 3 ? 2 : 3;
			return true;
		case EVENT_UTM_VIRUS:
			snprintf(what, size, "virus %s in %s", ev->u.utm.name ? ev->u.utm.name : "?",
				 ev->u.utm.file_name ? ev->u.utm.file_name : "a file");
			*severity = 1;
			return true;
		case EVENT_UTM_WEBFILTER:
			snprintf(what, size, "web filter %s %s (%s)", ev->u.utm.blocked ? "blocked" : "passed",
				 ev->u.utm.hostname ? ev->u.utm.hostname : "?", ev->u.utm.name ? ev->u.utm.name : "?");
			*severity = 2;
			return true;
		}
		return false;
	case EVENT_NOTICE:
		snprintf(what, size, "%s: %s", ev->u.notice.note ? ev->u.notice.note : "notice",
			 ev->u.notice.msg ? ev->u.notice.msg : "");
		*severity = 3;
		return true;
	default:
		return false;
	}
}

void alerts_record(struct alerts *al, const struct event *ev, long cause)
{
	struct alert *a;
	char what[ALERT_DESC_MAX], src[IPADDR_STRLEN], dst[IPADDR_STRLEN];
	uint32_t sip, dip;
	uint16_t sport, dport;
	int severity;

	if (!alerts_describe(ev, what, sizeof(what), &severity))
		return;
	al->v = xgrow(al->v, &al->cap, al->n + 1, sizeof(*al->v));
	a = &al->v[al->n++];
	a->number = (int)al->n;
	a->time = ev->time;
	a->severity = severity;
	a->sensor = ev->sensor;
	a->cause = cause;
	a->state = ALERT_NEW;
	a->true_positive = false;
	if (ev->conn.serial || ev->conn.orig_ip) {
		event_packet_ends(ev, &sip, &sport, &dip, &dport);
		snprintf(a->desc, sizeof(a->desc), "%.100s %s -> %s", what, ipaddr_format(sip, src),
			 ipaddr_format(dip, dst));
	} else {
		snprintf(a->desc, sizeof(a->desc), "%s", what);
	}
}

int alerts_count(const struct alerts *al)
{
	return (int)al->n;
}

const struct alert *alerts_get(const struct alerts *al, int i)
{
	return i >= 0 && (size_t)i < al->n ? &al->v[i] : NULL;
}

int alerts_find(const struct alerts *al, int number)
{
	/* Numbers are positions from 1. */
	return number >= 1 && (size_t)number <= al->n ? number - 1 : -1;
}

const char *alert_state_name(enum alert_state state)
{
	return state == ALERT_NEW ? "new" : state == ALERT_ACKED ? "acked" : "classified";
}

void alerts_ack(struct alerts *al, int i)
{
	if (al->v[i].state == ALERT_NEW)
		al->v[i].state = ALERT_ACKED;
}

void alerts_classify(struct alerts *al, int i, bool true_positive)
{
	al->v[i].state = ALERT_CLASSIFIED;
	al->v[i].true_positive = true_positive;
}
