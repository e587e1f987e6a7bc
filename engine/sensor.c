#include "sensor.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

static const char *const sensor_type_names[SENSOR_TYPE_COUNT] = {
	[SENSOR_SURICATA] = "suricata",
	[SENSOR_ZEEK] = "zeek",
	[SENSOR_APT] = "apt",
	[SENSOR_FORTIGATE] = "fortigate",
	[SENSOR_CEF] = "cef",
	[SENSOR_WINDOWS] = "windows",
	[SENSOR_SYSMON] = "sysmon",
	[SENSOR_POSTFIX] = "postfix",
	[SENSOR_SPAMASSASSIN] = "spamassassin",
	[SENSOR_SSHD] = "sshd",
};

bool sensor_type_parse(const char *name, enum sensor_type *type)
{
	for (int t = 0; t < SENSOR_TYPE_COUNT; t++) {
		if (strcmp(name, sensor_type_names[t]) == 0) {
			*type = (enum sensor_type)t;
			return true;
		}
	}
	return false;
}

const char *sensor_type_name(enum sensor_type type)
{
	return (unsigned)type < SENSOR_TYPE_COUNT ? sensor_type_names[type] : "unknown";
}

static bool sensor_type_on_wire(enum sensor_type type)
{
	return type == SENSOR_SURICATA || type == SENSOR_ZEEK || type == SENSOR_APT ||
	       type == SENSOR_FORTIGATE || type == SENSOR_CEF;
}

bool sensor_record_on_host(const struct event *ev)
{
	switch (ev->kind) {
	case EVENT_LOGON:
	case EVENT_PROCESS:
	case EVENT_ACCOUNT:
	case EVENT_MAIL:
		return true;
	case EVENT_FILE:
		return ev->conn.serial == 0 && ev->host >= 0;
	case EVENT_FLOW:
	case EVENT_DNS:
		return ev->process.pid != 0 && ev->host >= 0;
	default:
		return false;
	}
}

bool sensor_type_logs(enum sensor_type type, const struct event *ev)
{
	enum event_kind k = ev->kind;
	bool on_host = sensor_record_on_host(ev);

	switch (type) {
	case SENSOR_SURICATA:
		return !on_host && (k == EVENT_ALERT || k == EVENT_FLOW || k == EVENT_DNS || k == EVENT_HTTP ||
				    k == EVENT_TLS || k == EVENT_FILE || k == EVENT_ANOMALY);
	case SENSOR_ZEEK:
		return !on_host && (k == EVENT_FLOW || k == EVENT_DNS || k == EVENT_HTTP || k == EVENT_TLS ||
				    k == EVENT_FILE || k == EVENT_NOTICE);
	case SENSOR_APT:
		return k == EVENT_ALERT;
	case SENSOR_FORTIGATE:
	case SENSOR_CEF:
		return !on_host && (k == EVENT_FLOW || k == EVENT_UTM);
	case SENSOR_WINDOWS:
		return k == EVENT_LOGON || k == EVENT_PROCESS || k == EVENT_ACCOUNT;
	case SENSOR_SYSMON:
		return k == EVENT_PROCESS || (on_host && (k == EVENT_FLOW || k == EVENT_DNS || k == EVENT_FILE));
	case SENSOR_POSTFIX:
	case SENSOR_SPAMASSASSIN:
		return k == EVENT_MAIL;
	case SENSOR_SSHD:
		return k == EVENT_LOGON;
	case SENSOR_TYPE_COUNT:
		break;
	}
	return false;
}

void sensors_init(struct sensors *ss, const struct net *net)
{
	memset(ss, 0, sizeof(*ss));
	ss->net = net;
	ss->type = xcalloc((size_t)net->nsensors + 1, sizeof(*ss->type));
	ss->wire = xcalloc((size_t)net->nsensors + 1, sizeof(*ss->wire));
	ss->host = xcalloc((size_t)net->nsensors + 1, sizeof(*ss->host));
	for (int s = 0; s < net->nsensors; s++) {
		if (!sensor_type_parse(net->sensors[s].type, &ss->type[s]))
			abort(); /* netload accepts only the types named above */
		if (sensor_type_on_wire(ss->type[s]))
			ss->wire[ss->nwire++] = s;
		else
			ss->host[ss->nhost++] = s;
	}
}

void sensors_free(struct sensors *ss)
{
	free(ss->type);
	free(ss->wire);
	free(ss->host);
	memset(ss, 0, sizeof(*ss));
}

/* What a sensor on the path of a dropped connection records: the firewall
 * that dropped it a deny under its policy, everyone an unanswered try. */
static void sensor_view_flow(const struct net *net, int sensor, const struct net_flow *flow, struct event *view)
{
	const struct net_sensor *s = &net->sensors[sensor];
	bool dropped = flow->stopped_at >= 0;

	view->u.flow.policy = flow->rule + 1;
	view->u.flow.denied = dropped && s->firewall >= 0 && flow->firewalls[flow->stopped_at] == s->firewall;
	if (dropped && view->u.flow.denied && flow->rule < 0)
		view->u.flow.policy = 0;
}

int sensors_route(const struct sensors *ss, const struct event *ev, const struct net_flow *flow,
		  sensor_deliver_fn deliver, void *ctx)
{
	const struct net *net = ss->net;
	bool on_host = sensor_record_on_host(ev);
	const int *list = on_host ? ss->host : ss->wire;
	int n = on_host ? ss->nhost : ss->nwire, got = 0;
	/* Whether each type of sensor logs the record, decided once per
	 * type: -1 not yet. */
	signed char logs[SENSOR_TYPE_COUNT];
	struct event view;

	if (!on_host && flow == NULL)
		return 0;
	memset(logs, -1, sizeof(logs));
	for (int i = 0; i < n; i++) {
		int s = list[i];
		enum sensor_type t = ss->type[s];

		if (logs[t] < 0)
			logs[t] = sensor_type_logs(t, ev);
		if (!logs[t])
			continue;
		if (on_host ? !net_sensor_sees_host(net, s, ev->host) : !net_sensor_sees_flow(net, s, flow))
			continue;
		/* The sensor's copy, made only for a record someone logs. */
		if (got == 0)
			view = *ev;
		view.sensor = s;
		if (ev->kind == EVENT_FLOW && !on_host)
			sensor_view_flow(net, s, flow, &view);
		deliver(ctx, &view, ss->type[s]);
		got++;
	}
	return got;
}
