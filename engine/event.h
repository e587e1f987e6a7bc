/*
 * event.h - the structured security event: what a sensor saw, before any
 * product's text.
 *
 * The scenario runtime and the engine build these records; each sensor's
 * formatter (fmt_eve.h, fmt_zeek.h, and later the firewall, Windows, mail
 * and sshd ones) turns a record into the bytes its real product writes;
 * the replay writer stores records, not text, and the console shows them.
 * A record is therefore plain data: a common header, the connection it
 * belongs to, and one payload chosen by kind.
 *
 * Ownership: every pointer in a record is borrowed.  Strings and arrays
 * belong to whoever built the record and must outlive every formatter
 * call on it; a formatter never keeps a pointer after it returns.
 * Building a record needs no allocation: a zeroed struct plus the fields
 * that matter (NULL strings and zero counts mean "not seen").  Strings
 * are UTF-8 where the protocol carries text; the formatters escape what
 * their product escapes.
 *
 * One simulated connection is one struct event_conn, copied into every
 * record about it.  The identifiers each product prints (Suricata's
 * flow_id, Zeek's uid and fuid, the Community ID) are derived from it by
 * pure functions, never stored, so two records of one connection always
 * agree and a replay re-renders them identically.
 *
 * Depends on simclock (sim_time_t) and net (NET_PROTO_*).
 */
#ifndef EVENT_H
#define EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net.h"
#include "simclock.h"

/*
 * What happened.  Kinds are protocol facts, not product record types: a
 * DNS response is one record whether Suricata writes it as event_type
 * "dns" or Zeek as a dns.log row.  A formatter renders the kinds its
 * product knows and reports the rest as EVENT_NOT_RENDERED.
 */
enum event_kind {
	EVENT_NONE,
	EVENT_ALERT,   /* a signature matched (IDS) */
	EVENT_FLOW,    /* a connection ended or timed out: its totals */
	EVENT_DNS,     /* one DNS message, query or response */
	EVENT_HTTP,    /* one HTTP request and its response */
	EVENT_TLS,     /* a TLS handshake */
	EVENT_FILE,    /* a file carried over the connection */
	EVENT_ANOMALY, /* malformed or unexpected traffic */
	EVENT_NOTICE,  /* a network monitor's own conclusion (Zeek notice) */
	/* Host, mail and firewall facts (see the payloads below). */
	EVENT_LOGON,   /* an authentication on a host: Windows, Kerberos, sshd */
	EVENT_PROCESS, /* a process started on a host */
	EVENT_ACCOUNT, /* an account was created on a host or domain */
	EVENT_MAIL,    /* a mail gateway handled one message */
	EVENT_UTM,     /* a firewall security profile acted on a session */
	EVENT_KIND_COUNT
};

/* Which side sent the packet that completed the record. */
enum event_dir {
	EVENT_FROM_ORIG, /* the connection's initiator: client to server */
	EVENT_FROM_RESP, /* the responder: server to client */
};

/*
 * The application protocol a sensor identified on a connection.  Each
 * product spells them its own way (Suricata "tls", Zeek "ssl").
 */
enum event_app {
	EVENT_APP_NONE,   /* not identified (yet): nothing is written */
	EVENT_APP_FAILED, /* detection gave up: Suricata writes "failed" */
	EVENT_APP_DNS,
	EVENT_APP_HTTP,
	EVENT_APP_TLS,
	EVENT_APP_SMB,
	EVENT_APP_SSH,
	EVENT_APP_SMTP,
	EVENT_APP_FTP,
	EVENT_APP_RDP,
	EVENT_APP_KRB5,
	EVENT_APP_DHCP,
	EVENT_APP_NTP,
	EVENT_APP_COUNT
};

/* Traffic one side has sent so far. */
struct event_count {
	uint64_t pkts;
	uint64_t ip_bytes;      /* IP packets including their headers */
	uint64_t payload_bytes; /* transport payload (TCP/UDP data) */
};

/*
 * A connection as the sensors see it, oriented initiator to responder.
 * Addresses are IPv4, host order (ipaddr.h), unless ipv6 is set: then
 * the endpoints are orig_ip6 and resp_ip6, network order, and orig_ip
 * and resp_ip are not read (NET_PROTO_ICMP then means ICMPv6).  For ICMP
 * the ports carry the type (orig_port) and code (resp_port) of the
 * initiator's message, as Zeek logs them.
 */
struct event_conn {
	uint64_t serial;   /* unique per drill, from 1; 0: not part of a flow */
	sim_time_t start;  /* first packet */
	uint32_t orig_ip, resp_ip;
	uint16_t orig_port, resp_port;
	uint8_t proto;     /* NET_PROTO_TCP, NET_PROTO_UDP or NET_PROTO_ICMP */
	enum event_app app;
	/* Totals up to the record's time; final totals on EVENT_FLOW. */
	struct event_count orig, resp;
	bool ipv6;
	uint8_t orig_ip6[16], resp_ip6[16];
};

/* Marks an alert or anomaly tied to a packet rather than a transaction. */
#define EVENT_NO_TX UINT64_MAX

/* One key and value of a rule's metadata ("attack_target", "Server"). */
struct event_meta {
	const char *key, *value;
};

/*
 * One HTTP request and its response.  EVENT_HTTP carries it inline; an
 * alert or a file points at the transaction it came from.
 */
struct event_http {
	uint64_t tx_id;           /* 0 for the first request on the connection */
	sim_time_t duration;      /* request start to the record's time */
	const char *method;       /* "GET" */
	const char *host;         /* Host header without its port */
	uint16_t host_port;       /* port given in the Host header, 0: none */
	const char *uri;          /* request target as sent, "/a?b=c" */
	const char *version;      /* "1.1" */
	const char *user_agent;
	const char *referrer;
	uint16_t status;          /* 0: no response seen */
	const char *status_msg;   /* "OK" */
	const char *content_type; /* response Content-Type, parameters and all */
	const char *location;     /* response Location */
	uint64_t request_body_len, response_body_len;
	/* Files the bodies carried (event_file.serial, 0: none) and the MIME
	 * type a sensor sniffs in them. */
	uint64_t request_file, response_file;
	const char *request_mime, *response_mime;
};

struct event_alert {
	uint32_t gid, sid, rev;
	const char *signature;  /* the rule's msg */
	const char *category;   /* classification text, "" when none */
	uint8_t severity;       /* 1 is the most severe */
	bool blocked;           /* an IPS dropped it */
	uint64_t tx_id;         /* EVENT_NO_TX for a packet match */
	const struct event_meta *metadata;
	size_t n_metadata;      /* repeated keys become one list, in order */
	const struct event_http *http; /* the transaction matched, or NULL */
};

/* How a connection stood when it was logged. */
enum event_flow_state {
	EVENT_FLOW_NO_REPLY,      /* the responder never answered */
	EVENT_FLOW_REJECTED,      /* TCP: the answer was a reset */
	EVENT_FLOW_ESTABLISHED,   /* both sides talked, no close seen */
	EVENT_FLOW_CLOSED,        /* TCP: FIN both ways; UDP/ICMP: answered */
	EVENT_FLOW_RESET_BY_ORIG, /* TCP: established, then reset */
	EVENT_FLOW_RESET_BY_RESP,
};

/*
 * EVENT_FLOW: the record's time is when the sensor logs the flow, at or
 * after its last packet.  A firewall's record of the session adds the
 * policy that decided it; a host sensor's (Sysmon 3, network connection)
 * has ev->host, ev->user and ev->process set to the process that opened
 * it, and its time is the connection's start.
 */
struct event_flow {
	sim_time_t last;          /* last packet; conn.start <= last <= time */
	enum event_flow_state state;
	bool alerted;             /* some alert fired on the flow */
	bool denied;              /* a firewall policy dropped it */
	int policy;               /* that firewall's policy id, 0: implicit deny */
	uint32_t nat_ip;          /* source NAT address at the firewall, 0: none */
	uint16_t nat_port;
};

/* DNS RR types the formatters name; others print as numbers. */
enum {
	EVENT_DNS_A = 1,
	EVENT_DNS_NS = 2,
	EVENT_DNS_CNAME = 5,
	EVENT_DNS_SOA = 6,
	EVENT_DNS_PTR = 12,
	EVENT_DNS_MX = 15,
	EVENT_DNS_TXT = 16,
	EVENT_DNS_AAAA = 28,
	EVENT_DNS_SRV = 33,
	EVENT_DNS_HTTPS = 65,
	EVENT_DNS_ANY = 255,
};

enum {
	EVENT_DNS_NOERROR = 0,
	EVENT_DNS_FORMERR = 1,
	EVENT_DNS_SERVFAIL = 2,
	EVENT_DNS_NXDOMAIN = 3,
	EVENT_DNS_NOTIMP = 4,
	EVENT_DNS_REFUSED = 5,
};

/* A resource record: data is the address for A and AAAA, the name for
 * CNAME, NS, PTR and MX, the text for TXT.  Other types (SOA, SRV) are
 * kept to name, type and TTL; the formatters ignore their data. */
struct event_dns_rr {
	const char *name;
	uint16_t type;
	uint32_t ttl;
	const char *data;
};

/*
 * EVENT_DNS: one message.  The record's dir tells which: EVENT_FROM_ORIG
 * is the query, EVENT_FROM_RESP the response, whose header flags and
 * sections the fields describe.
 */
struct event_dns {
	uint64_t tx_id;           /* transaction number on the flow, from 0 */
	uint16_t id;              /* the on-the-wire transaction id */
	const char *query;        /* question name */
	uint16_t qtype;
	uint8_t opcode, rcode;
	bool aa, tc, rd, ra;
	sim_time_t rtt;           /* response: time since the query */
	const struct event_dns_rr *answers;
	size_t n_answers;
	const struct event_dns_rr *authorities;
	size_t n_authorities;
};

enum event_tls_version {
	EVENT_TLS_UNKNOWN,
	EVENT_SSL_3,
	EVENT_TLS_1_0,
	EVENT_TLS_1_1,
	EVENT_TLS_1_2,
	EVENT_TLS_1_3,
};

/* EVENT_TLS: the handshake, as far as the sensor could see it. */
struct event_tls {
	enum event_tls_version version;
	const char *sni;
	const char *cipher;       /* IANA name, "TLS_AES_128_GCM_SHA256" */
	const char *curve;        /* key exchange group, "x25519"; NULL: none */
	const char *next_protocol;/* ALPN the server chose */
	bool resumed, established;
	/* The server certificate; NULL subject when none was visible
	 * (TLS 1.3 encrypts it, resumption skips it). */
	const char *subject, *issuer;
	const char *serial;       /* "0F:D0:78:…", upper-case hex */
	const char *fingerprint;  /* SHA-1, "7b:b6:98:…", lower-case hex */
	int64_t not_before, not_after; /* Unix seconds */
	bool sni_matches_cert;
	const char *const *cert_chain_fps; /* SHA-256 per certificate */
	size_t n_cert_chain_fps;
	const char *ja3, *ja3_string, *ja3s, *ja3s_string, *ja4;
};

/*
 * EVENT_FILE: a file seen whole on the connection.  The record's dir is
 * the way it travelled: EVENT_FROM_RESP for a download.  With no
 * connection (conn.serial 0) and ev->host set, it is a file a process
 * wrote to the host's disk (Sysmon 11): name is the full path.
 */
struct event_file {
	uint64_t serial;          /* unique per drill, from 1 */
	sim_time_t duration;      /* first to last byte */
	const char *name;         /* as the protocol named it (SMB path,
				   * Content-Disposition); NULL: unnamed */
	const char *mime_type;    /* sniffed from the content */
	uint64_t size;
	const char *md5, *sha1, *sha256; /* lower-case hex, NULL: not computed */
	uint64_t tx_id;
	const struct event_http *http; /* the transaction carrying it, or NULL */
};

enum event_anomaly_type {
	EVENT_ANOMALY_DECODE,   /* a malformed packet */
	EVENT_ANOMALY_STREAM,   /* TCP stream trouble */
	EVENT_ANOMALY_APPLAYER, /* protocol parser or detection trouble */
};

struct event_anomaly {
	enum event_anomaly_type type;
	const char *event;  /* "APPLAYER_DETECT_PROTOCOL_ONLY_ONE_DIRECTION" */
	const char *layer;  /* applayer only: "proto_detect", "proto_parser" */
	uint64_t tx_id;     /* EVENT_NO_TX when not tied to one */
};

/* EVENT_NOTICE.  With a connection, its endpoints are the notice's
 * src, dst and p; without one, src and dst (0: none) stand alone. */
struct event_notice {
	const char *note;         /* "SSL::Invalid_Server_Cert" */
	const char *msg, *sub;
	uint32_t src, dst;        /* used only when conn.serial is 0 */
	uint64_t file;            /* event_file.serial it is about, 0: none */
	const char *file_mime, *file_desc;
	sim_time_t suppress_for;  /* 0: the default, one hour */
};

/*
 * The process an endpoint record is about (host logs; pid 0: none).
 * For EVENT_PROCESS it is the new process; for other host records the
 * process that acted (the one that connected, looked a name up, wrote a
 * file).  DNS records with a pid are a host's own lookups (Sysmon 22).
 */
struct event_process {
	uint32_t pid;
	const char *image;         /* full path, "C:\\Windows\\System32\\cmd.exe" as written */
	const char *command_line;
};

/* What an authentication record says happened. */
enum event_logon_step {
	EVENT_LOGON_SUCCESS,    /* a logon session opened: 4624, sshd Accepted */
	EVENT_LOGON_FAILURE,    /* refused: 4625, sshd Failed/Invalid user */
	EVENT_LOGON_EXPLICIT,   /* a process used other credentials: 4648 */
	EVENT_LOGON_PRIVILEGED, /* admin rights given to a new logon: 4672 */
	EVENT_LOGON_TGT,        /* Kerberos ticket-granting ticket asked: 4768 */
	EVENT_LOGON_NTLM,       /* NTLM credentials validated: 4776 */
	EVENT_LOGON_CLOSED,     /* sshd: the client disconnected */
};

/* Windows logon types that the drill produces. */
enum {
	EVENT_LOGON_INTERACTIVE = 2,
	EVENT_LOGON_NETWORK = 3,
	EVENT_LOGON_SERVICE = 5,
	EVENT_LOGON_REMOTE_INTERACTIVE = 10,
};

/*
 * EVENT_LOGON on ev->host for the account ev->user.  The client, when
 * there is one, is conn.orig_ip/orig_port (conn.serial may be 0: a host
 * log does not need a flow).  ev->process is the process that logged on
 * or asked (4648's caller, lsass for 4624), pid 0 when the log has none.
 */
struct event_logon {
	enum event_logon_step step;
	const char *domain;        /* the account's domain, "BINHDUONG" */
	uint8_t logon_type;        /* EVENT_LOGON_NETWORK, … (Windows) */
	const char *method;        /* Windows: "Kerberos", "NTLM", "Negotiate";
				    * sshd: "password", "publickey" */
	const char *workstation;   /* the client's computer name, NULL: none */
	const char *target_server; /* 4648: the server the credentials were for */
	bool unknown_user;         /* no such account (sshd "invalid user") */
	uint32_t status;           /* failure NTSTATUS, 0xC000006D; 0 on success */
	uint32_t sub_status;       /* 0xC000006A bad password, 0xC0000064 no user */
	uint64_t logon_id;         /* the new session's id, 0: none */
	const char *key;           /* sshd publickey: "ED25519 SHA256:…" */
};

/* EVENT_PROCESS: ev->process started on ev->host as ev->user. */
struct event_process_start {
	uint32_t parent_pid;
	const char *parent_image, *parent_command_line;
	const char *parent_user;      /* NULL: same as ev->user */
	const char *current_directory;
	const char *integrity_level;  /* "Medium", "High", "System" */
	uint64_t logon_id;            /* the session it runs in */
	uint32_t terminal_session;    /* 0 for services, 1+ for desktops */
	/* The image's version resource; NULL: none (a stripped implant). */
	const char *file_version, *description, *product, *company,
		*original_file_name;
	const char *md5, *sha1, *sha256, *imphash; /* lower-case hex */
};

/* EVENT_ACCOUNT: ev->user (on ev->host) created the account name. */
struct event_account {
	const char *name, *domain;
	const char *display_name;  /* NULL: not set */
	uint32_t rid;              /* relative id of the new account's SID */
};

/* How a mail gateway dealt with one message. */
enum event_mail_verdict {
	EVENT_MAIL_DELIVERED,   /* accepted, scanned clean, passed on */
	EVENT_MAIL_TAGGED,      /* scanned as spam but delivered, tagged */
	EVENT_MAIL_DISCARDED,   /* accepted, scanned as spam, not delivered */
	EVENT_MAIL_REJECTED,    /* refused during SMTP (NOQUEUE reject) */
};

/*
 * EVENT_MAIL on the gateway ev->host: one message's whole life, logged
 * at its end (the record's time).  The sending server is conn.orig_ip/
 * orig_port, the gateway conn.resp_ip:25; conn.start is the SMTP connect.
 * A formatter writes every line the real daemons write for it (Postfix's
 * smtpd/cleanup/qmgr/smtp/… and spamd's), times spread between conn.start
 * and the record's time.
 */
struct event_mail {
	enum event_mail_verdict verdict;
	uint64_t serial;           /* unique per drill: queue id, pids */
	const char *client_name;   /* sender's reverse DNS, NULL: "unknown" */
	const char *helo;
	const char *from, *to;     /* envelope addresses, no angle brackets */
	const char *message_id;    /* without angle brackets; NULL: none */
	const char *subject;
	uint64_t size;
	int32_t score;             /* SpamAssassin score in tenths: 1002 */
	int32_t required;          /* threshold in tenths: 50 */
	const char *tests;         /* "HTML_MESSAGE,URIBL_BLACK", NULL: none */
	const char *reject;        /* REJECTED: the SMTP reply, "554 5.7.1 …" */
	const char *relay;         /* next hop, "mail.binhduong.gov.vn[10.1.2.3]:25" */
};

/* The FortiGate security profile that acted. */
enum event_utm_type {
	EVENT_UTM_IPS,
	EVENT_UTM_VIRUS,
	EVENT_UTM_WEBFILTER,
};

/*
 * EVENT_UTM: a firewall's inspection of the session conn (dir as for an
 * alert).  The firewall's traffic record of the same session is the
 * EVENT_FLOW with the same conn.serial, and carries the same sessionid.
 */
struct event_utm {
	enum event_utm_type type;
	bool blocked;
	const char *name;       /* IPS attack, virus name, web category text */
	uint32_t id;            /* attack id, virus id, web category number */
	uint8_t severity;       /* IPS: 1 critical … 5 info */
	const char *hostname;   /* web: the Host requested */
	const char *url;        /* web: path and query */
	const char *file_name;  /* virus: the file carried */
	const char *reference;  /* "http://www.fortinet.com/ids/VID…", NULL: none */
};

struct event {
	sim_time_t time;       /* when the sensor writes it */
	enum event_kind kind;
	int sensor;            /* index into the network's sensors, -1: none */
	enum event_dir dir;
	struct event_conn conn;
	/* Who is involved on an endpoint: for host logs (Windows, sshd,
	 * mail); the network formatters ignore them. */
	int host;              /* index into the network's hosts, -1: none */
	const char *user;
	struct event_process process;
	union {
		struct event_alert alert;
		struct event_flow flow;
		struct event_dns dns;
		struct event_http http;
		struct event_tls tls;
		struct event_file file;
		struct event_anomaly anomaly;
		struct event_notice notice;
		struct event_logon logon;
		struct event_process_start process_start;
		struct event_account account;
		struct event_mail mail;
		struct event_utm utm;
	} u;
};

/* What a formatter did with one record. */
enum event_render {
	EVENT_RENDERED,     /* its line (or lines: one mail, several daemons)
			     * appended */
	EVENT_NOT_RENDERED, /* the product writes nothing for this record */
	EVENT_BAD,          /* the record is inconsistent or its time out of
			     * range; nothing appended */
};

/* "alert", "flow", …, for messages and the console. */
const char *event_kind_name(enum event_kind kind);

/* How a product writes an IPv6 address: RFC 5952 ("2001:db8::1", most
 * products) or all eight groups of four digits (Suricata). */
enum event_addr_style { EVENT_ADDR_COMPRESSED, EVENT_ADDR_EXPANDED };

/* Room for any address text below: a full IPv6 address and its NUL. */
#define EVENT_ADDR_STRLEN 46

/* The text of the connection's initiator (orig) or responder: a dotted
 * quad for IPv4, IPv6 in the style given.  Returns buf. */
char *event_conn_addr(const struct event_conn *c, bool orig, enum event_addr_style style,
		      char buf[EVENT_ADDR_STRLEN]);

/* The sender and receiver of the record's packet, from its dir. */
void event_packet_ends(const struct event *ev, uint32_t *src_ip,
		       uint16_t *src_port, uint32_t *dst_ip,
		       uint16_t *dst_port);

/*
 * A 64-bit identifier for a serial (a connection's, a file's), mixed
 * from a sensor's id seed and a domain tag that keeps different uses of
 * one serial apart.  Formatters build flow_id, uid and fuid from it.
 */
uint64_t event_derive_id(uint64_t seed, uint64_t serial, uint64_t domain);

/* "1:" + 28 base64 characters + NUL. */
#define EVENT_COMMUNITY_ID_SIZE 31

/*
 * Community ID v1 of the connection (github.com/corelight/community-id-
 * spec): SHA-1 over the seed, the two endpoints in a canonical order, the
 * protocol and the ports (ICMP type and code mapped as the spec says),
 * base64, prefixed "1:".  Suricata and Zeek print the same value for the
 * same seed, which is what lets an analyst join their logs.
 */
void event_community_id(const struct event_conn *conn, uint16_t seed,
			char out[EVENT_COMMUNITY_ID_SIZE]);

/* The reply type of an ICMPv4 request/reply pair (echo 8 -> 0, and so
 * on, both ways); false for a message that has no reply. */
bool event_icmp_counterpart(uint16_t type, uint16_t *other);

/*
 * The length of the well-formed UTF-8 character at s (at most n bytes
 * available): 1 for ASCII, 2-4 for a multi-byte character, 0 for a byte
 * that starts no valid character (stray continuation, overlong form,
 * surrogate, beyond U+10FFFF, cut short).
 */
size_t event_utf8_char_len(const char *s, size_t n);

/* Whether rr's data is printed: a text type with data given. */
bool event_dns_rr_has_text(const struct event_dns_rr *rr);

/* DNS names shared by the formatters: "AAAA", "NXDOMAIN"; NULL if the
 * number has no name here. */
const char *event_dns_type_name(uint16_t type);
const char *event_dns_rcode_name(uint8_t rcode);

#endif
