/*
 * trace.h - the traces each attack step leaves on the sensors.
 *
 * A scenario step asks the model whether it can succeed (scenario.c);
 * this unit turns the step and its outcome into what a real attack of
 * that kind leaves behind: the phishing mail in the gateway's log, the
 * exploit request and the IDS alert, the process chain on the victim, the
 * logon (or the failed logon after a password reset) on the target of a
 * lateral move, the DNS lookup and TLS session of a beacon, the firewall
 * deny when an address is blocked, every mail of a spam storm on the
 * gateway that judged it.  Failed steps leave traces too: that is often
 * how defenders see a blocked attacker retry.
 *
 * Everything goes through telemetry, so the sensors that can see a trace
 * are the only ones that log it.  Depends on telemetry and net.
 */
#ifndef TRACE_H
#define TRACE_H

#include <stdbool.h>
#include <stdint.h>

#include "telemetry.h"

struct trace_mail {
	int gateway;            /* the gateway it reached, -1: none */
	uint32_t source;        /* the sending server */
	int victim, account;    /* host and account of the recipient */
	const char *from, *subject, *attachment, *hash;
	bool rejected;          /* refused at the gateway (blocked sender or hash) */
	bool opened;            /* delivered and opened: the victim runs it */
};
void trace_phish(struct tele *t, const struct trace_mail *m);

/* An exploit from address from against host:port. */
void trace_exploit(struct tele *t, uint32_t from, int host, uint16_t port, const char *cve, bool ok);

/* A command run on a host the attacker holds; account: who it runs as. */
void trace_execute(struct tele *t, int host, int account, const char *command);
void trace_persist(struct tele *t, int host, int account, const char *method);
void trace_dump_credentials(struct tele *t, int host);

/* A lateral move from one host to another with an account over port.
 * logon_refused: the target refused the credentials (disabled, reset). */
void trace_move(struct tele *t, int from, int to, int account, uint16_t port, bool logon_refused, bool ok);

/* A beacon or exfiltration from host to c2 (named domain, may be NULL). */
void trace_outbound(struct tele *t, int host, uint32_t c2, const char *domain, uint16_t port,
		    uint64_t bytes, bool exfiltration);

void trace_encrypt(struct tele *t, int host);

/* Why a host refused a logon, as Windows' SubStatus: the values trace_logon
 * takes in refused. */
#define TRACE_LOGON_BAD_PASSWORD 0xC000006Au  /* the password was reset */
#define TRACE_LOGON_DISABLED 0xC0000072u      /* the account is disabled */
#define TRACE_LOGON_NOT_GRANTED 0xC000015Bu   /* not allowed to log on there */

/*
 * A logon with a valid account from outside or from a held host (the
 * logon step): the session through the VPN gateway (gateway >= 0) or
 * straight to the host's port, decided against the model (a blocked
 * source leaves the firewall's deny), then the logon the host logs
 * (Windows 4624/4672 or 4625, sshd Accepted or Failed).
 */
struct trace_logon {
	uint32_t from;
	int from_host;        /* the held host it comes from, -1: outside */
	int gateway;          /* the VPN gateway, -1: none */
	int host, account;
	uint16_t port;        /* the service logged on to: 3389, 22, 445… */
	uint32_t refused;     /* TRACE_LOGON_*, 0: accepted */
	bool landed;          /* the session got to the host's logon at all */
};
void trace_logon(struct tele *t, const struct trace_logon *l);

/* A page written on a web server the attacker holds: on Windows the web
 * server's worker starts a shell that writes it; from (0: unknown) is
 * where the attacker drives its web shell from, a request on the wire. */
void trace_deface(struct tele *t, int host, uint32_t from, const char *page);

/* One sample session of a flood from source to host:port, decided against
 * the model: a flood sends millions, the sensors get a sample (see
 * scenario.c), and a block shows as the firewall's deny. */
void trace_flood_sample(struct tele *t, uint32_t source, int host, uint8_t proto, uint16_t port);

/*
 * One mail of a spam or phishing storm, as the gateway logs it.  A storm
 * sends millions, so a mail has no connection records of its own: the
 * network sensors and firewalls see the storm through trace_storm_session,
 * a sample of its SMTP sessions.
 */
struct trace_storm_mail {
	int gateway;
	uint32_t source;          /* the sending bot */
	sim_time_t after;         /* its SMTP session opens at now + after */
	const char *from, *to, *subject;
	enum event_mail_verdict verdict;
	const char *reject;       /* REJECTED: the SMTP reply */
	int32_t score;            /* SpamAssassin score in tenths */
	const char *tests;
};
void trace_storm_mail(struct tele *t, const struct trace_storm_mail *m);
/* One SMTP session from source to a gateway, decided against the model:
 * a firewall that blocks the source logs the deny. */
void trace_storm_session(struct tele *t, uint32_t source, int gateway);

#endif
