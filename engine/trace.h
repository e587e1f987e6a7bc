/*
 * trace.h - the traces each attack step leaves on the sensors.
 *
 * A scenario step asks the model whether it can succeed (scenario.c);
 * this unit turns the step and its outcome into what a real attack of
 * that kind leaves behind: the phishing mail in the gateway's log, the
 * exploit request and the IDS alert, the process chain on the victim, the
 * logon (or the failed logon after a password reset) on the target of a
 * lateral move, the DNS lookup and TLS session of a beacon, the firewall
 * deny when an address is blocked.  Failed steps leave traces too: that
 * is often how defenders see a blocked attacker retry.
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

#endif
