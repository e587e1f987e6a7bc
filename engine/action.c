#include "action.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libintl.h>

#include "ipaddr.h"
#include "whitecell.h"
#include "xmalloc.h"

/* Messages in the language the console set up (ui_i18n.h); a front end
 * that set none (headless, the server) keeps them in English. */
#define A_(s) gettext(s)

#define ACTION_MAX_WORDS 16
#define ACTION_LINE_MAX 1024

/* Each verb's command word (also the event scenarios subscribe to), the
 * usage shown when its arguments are wrong, and its Vietnamese aliases
 * (without and with diacritics). */
static const struct {
	const char *name, *usage, *aliases[3];
} action_verbs[] = {
	[ACTION_ISOLATE] = { "isolate", "isolate HOST", { "cachly", "cách-ly" } },
	[ACTION_RELEASE] = { "release", "release HOST", { "bocachly", "bỏ-cách-ly" } },
	[ACTION_BLOCK] = { "block", "block ip|domain|hash VALUE [at SITE|everywhere]", { "chan", "chặn" } },
	[ACTION_UNBLOCK] = { "unblock", "unblock ip|domain|hash VALUE [at SITE|everywhere]", { "bochan", "bỏ-chặn" } },
	[ACTION_DISABLE_ACCOUNT] = { "disable", "disable account USER", { "khoa", "khóa" } },
	[ACTION_ENABLE_ACCOUNT] = { "enable", "enable account USER", { "mokhoa", "mở-khóa" } },
	[ACTION_RESET_PASSWORD] = { "reset", "reset password USER", { "doimatkhau", "đổi-mật-khẩu" } },
	[ACTION_PATCH] = { "patch", "patch HOST [SERVICE|PORT|CVE]", { "va", "vá" } },
	[ACTION_SHUTDOWN] = { "shutdown", "shutdown [host|system] HOST|SYSTEM", { "tat", "tắt" } },
	[ACTION_START] = { "start", "start [host|system] HOST|SYSTEM", { "bat", "bật" } },
	[ACTION_RESTORE] = { "restore", "restore HOST, or restore SYSTEM from backup", { "khoiphuc", "khôi-phục" } },
	[ACTION_ACK] = { "ack", "ack ALERT", { "xacnhan", "xác-nhận" } },
	[ACTION_CLASSIFY] = { "classify", "classify ALERT true-positive|false-positive", { "phanloai", "phân-loại" } },
	[ACTION_NOTE] = { "note", "note TEXT", { "ghichu", "ghi-chú" } },
	[ACTION_KILL] = { "kill", "kill process HOST PID", { "diet", "diệt" } },
	[ACTION_REIMAGE] = { "reimage", "reimage HOST", { "caidatlai", "cài-đặt-lại" } },
	[ACTION_REPORT] = { "report", "report to soc|coordinator [systems=A,B] [level=1-5] [vector=WORD] "
				      "[techniques=T1566.001,…] [indicators=IP,DOMAIN,HASH,…]",
			    { "baocao", "báo-cáo" } },
	[ACTION_ESCALATE] = { "escalate", "escalate steering-committee|coordinator|police|military-region",
			      { "baocaovuot", "chuyển-cấp" } },
	[ACTION_HINT] = { "hint", "hint [TEXT]", { "goiy", "gợi-ý" } },
};

static const struct {
	const char *name, *aliases[3];
} action_recipients[] = {
	[ACTION_TO_SOC] = { "soc", { "provincial-soc" } },
	[ACTION_TO_COORDINATOR] = { "coordinator", { "vncert", "dieu-phoi", "điều-phối" } },
	[ACTION_TO_STEERING] = { "steering-committee", { "ban-chi-dao", "ban-chỉ-đạo" } },
	[ACTION_TO_POLICE] = { "police", { "cong-an", "công-an" } },
	[ACTION_TO_MILITARY] = { "military-region", { "quan-khu", "quân-khu" } },
};

/* Attack vectors a report may name. */
static const char *const action_vectors[] = {
	"phishing", "exploit", "valid-account", "vpn", "rdp", "web", "ddos", "supply-chain", "removable-media",
	"unknown",
};

/* A report's fields, in the order they are stored. */
static const char *const action_report_keys[] = { "systems", "level", "vector", "techniques", "indicators" };

#define ACTION_COUNT(v) ((int)(sizeof(v) / sizeof(*(v))))

const char *action_event_name(enum action_verb verb)
{
	return action_verbs[verb].name;
}

const char *action_recipient_name(enum action_recipient to)
{
	return action_recipients[to].name;
}

int action_verb_find(const char *name)
{
	for (int v = 0; v < ACTION_VERB_COUNT; v++)
		if (strcmp(name, action_verbs[v].name) == 0)
			return v;
	return -1;
}

/* A command word: the English one or an alias. */
static int action_verb_word(const char *word)
{
	int v = action_verb_find(word);

	for (int i = 0; v < 0 && i < ACTION_VERB_COUNT; i++)
		for (int k = 0; k < 3 && action_verbs[i].aliases[k]; k++)
			if (strcmp(word, action_verbs[i].aliases[k]) == 0)
				v = i;
	return v;
}

void action_verb_list(char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int v = 0; v < ACTION_VERB_COUNT && used < size; v++)
		used += (size_t)snprintf(buf + used, size - used, "%s%s", v ? ", " : "", action_verbs[v].name);
}

void action_alert_id(int alert, char *buf, size_t size)
{
	snprintf(buf, size, "A-%04d", alert);
}

static int action_fail(char *err, size_t errlen, const char *fmt, const char *arg)
{
	snprintf(err, errlen, fmt, arg);
	return -1;
}

static int action_usage(enum action_verb verb, char *err, size_t errlen)
{
	return action_fail(err, errlen, A_("usage: %s"), action_verbs[verb].usage);
}

/* Split into at most ACTION_MAX_WORDS words in buf; returns the count or
 * -1 when there are more. */
static int action_words(char *buf, char **words)
{
	int n = 0;

	for (char *p = strtok(buf, " \t\r\n"); p; p = strtok(NULL, " \t\r\n")) {
		if (n == ACTION_MAX_WORDS)
			return -1;
		words[n++] = p;
	}
	return n;
}

/* The one index among n names that starts with prefix; -1 with the
 * candidates named when there are several or none. */
static int action_unique_prefix(const char *what, const char *prefix, const char *(*name)(const struct net *, int),
				const struct net *net, int n, char *err, size_t errlen)
{
	size_t len = strlen(prefix), used;
	int found = -1, count = 0;

	for (int i = 0; i < n; i++)
		if (strncmp(name(net, i), prefix, len) == 0)
			found = i, count++;
	if (count == 1)
		return found;
	if (count == 0) {
		snprintf(err, errlen, A_("no %s '%s' in the network"), what, prefix);
		return -1;
	}
	used = (size_t)snprintf(err, errlen, A_("ambiguous %s '%s': %d match ("), what, prefix, count);
	for (int i = 0, shown = 0; i < n && used < errlen; i++) {
		if (strncmp(name(net, i), prefix, len) != 0)
			continue;
		if (shown == 3) {
			used += (size_t)snprintf(err + used, errlen - used, ", …");
			break;
		}
		used += (size_t)snprintf(err + used, errlen - used, "%s%s", shown++ ? ", " : "", name(net, i));
	}
	if (used < errlen)
		snprintf(err + used, errlen - used, ")");
	return -1;
}

static const char *action_host_name(const struct net *net, int i) { return net->hosts[i].name; }
static const char *action_account_name(const struct net *net, int i) { return net->accounts[i].name; }

/* A host by its name, its address, or the start of its name when only
 * one host's name starts so. */
static int action_host(const struct net *net, const char *name, struct action *a, char *err, size_t errlen)
{
	uint32_t ip;

	a->host = net_host_find(net, name);
	if (a->host < 0 && ipaddr_parse(name, &ip)) {
		a->host = net_host_by_ip(net, ip);
		if (a->host < 0)
			return action_fail(err, errlen, A_("no host has the address %s"), name);
	}
	if (a->host < 0)
		a->host = action_unique_prefix(A_("host"), name, action_host_name, net, net->nhosts, err, errlen);
	return a->host < 0 ? -1 : 0;
}

static int action_account(const struct net *net, const char *name, struct action *a, char *err, size_t errlen)
{
	a->account = net_account_find(net, name);
	if (a->account < 0)
		a->account = action_unique_prefix(A_("account"), name, action_account_name, net, net->naccounts, err,
						  errlen);
	return a->account < 0 ? -1 : 0;
}

/* HOST, SYSTEM, "host HOST" or "system SYSTEM" in w[0..n-1]. */
static int action_host_or_system(const struct net *net, char **w, int n, struct action *a, char *err, size_t errlen)
{
	if (n == 2 && strcmp(w[0], "host") == 0)
		return action_host(net, w[1], a, err, errlen);
	if (n == 2 && strcmp(w[0], "system") == 0) {
		a->system = net_system_find(net, w[1]);
		return a->system < 0 ? action_fail(err, errlen, A_("no system '%s' in the network"), w[1]) : 0;
	}
	if (n != 1)
		return action_usage(a->verb, err, errlen);
	/* A host of the same name as a system wins: "system NAME" says the
	 * other. */
	if (net_host_find(net, w[0]) < 0)
		a->system = net_system_find(net, w[0]);
	return a->system >= 0 ? 0 : action_host(net, w[0], a, err, errlen);
}

static bool action_is_hex(const char *s)
{
	for (; *s; s++)
		if (!isxdigit((unsigned char)*s))
			return false;
	return true;
}

/* A domain name: dot-separated labels of letters, digits and hyphens. */
static bool action_is_domain(const char *s)
{
	size_t label = 0;
	bool dot = false;

	for (; *s; s++) {
		if (*s == '.') {
			if (label == 0)
				return false;
			label = 0, dot = true;
		} else if (isalnum((unsigned char)*s) || (*s == '-' && label > 0)) {
			label++;
		} else {
			return false;
		}
	}
	return dot && label > 0;
}

static bool action_is_hash(const char *s)
{
	size_t len = strlen(s);

	return (len == 32 || len == 40 || len == 64) && action_is_hex(s);
}

/* Digits and dots only: meant as an IPv4 address or prefix. */
static bool action_looks_ip(const char *s)
{
	return strspn(s, "0123456789./") == strlen(s) && strchr(s, '.') != NULL;
}

static int action_block_value(enum net_block_kind kind, const char *v, char *err, size_t errlen)
{
	uint32_t addr;
	int prefix;

	if (kind == NET_BLOCK_IP && !ipaddr_parse_prefix(v, &addr, &prefix))
		return action_fail(err, errlen, A_("'%s' is not an IPv4 address or prefix"), v);
	if (kind == NET_BLOCK_DOMAIN && (action_looks_ip(v) || !action_is_domain(v)))
		return action_fail(err, errlen, A_("'%s' is not a domain name"), v);
	if (kind == NET_BLOCK_HASH && !action_is_hash(v))
		return action_fail(err, errlen, A_("'%s' is not an MD5, SHA-1 or SHA-256 hash in hex"), v);
	if (strlen(v) >= ACTION_VALUE_MAX)
		return action_fail(err, errlen, "%s", A_("value too long"));
	return 0;
}

static int action_block(const struct net *net, char **w, int n, struct action *a, char *err, size_t errlen)
{
	if (n != 3 && n != 5)
		return action_usage(a->verb, err, errlen);
	if (strcmp(w[1], "ip") == 0)
		a->block_kind = NET_BLOCK_IP;
	else if (strcmp(w[1], "domain") == 0)
		a->block_kind = NET_BLOCK_DOMAIN;
	else if (strcmp(w[1], "hash") == 0)
		a->block_kind = NET_BLOCK_HASH;
	else
		return action_fail(err, errlen, A_("'%s' is not ip, domain or hash"), w[1]);
	if (action_block_value(a->block_kind, w[2], err, errlen) != 0)
		return -1;
	snprintf(a->value, sizeof(a->value), "%s", w[2]);
	if (a->block_kind == NET_BLOCK_HASH)
		for (char *p = a->value; *p; p++)
			*p = (char)tolower((unsigned char)*p);
	a->site = -1;
	if (n == 5) {
		if (strcmp(w[3], "at") != 0)
			return action_fail(err, errlen, A_("expected 'at SITE' or 'at everywhere' after the value, not '%s'"),
					   w[3]);
		if (strcmp(w[4], "everywhere") != 0) {
			a->site = net_site_find(net, w[4]);
			if (a->site < 0)
				return action_fail(err, errlen, A_("no site '%s' in the network"), w[4]);
			if (!net->sites[a->site].firewall)
				return action_fail(err, errlen, A_("site '%s' has no firewall to block at"), w[4]);
		}
	}
	return 0;
}

/* "A-0007", "a-7" or "7". */
static int action_alert(const char *s, struct action *a, char *err, size_t errlen)
{
	const char *digits = (s[0] == 'A' || s[0] == 'a') && s[1] == '-' ? s + 2 : s;
	char *end;
	long v;

	if (!isdigit((unsigned char)*digits))
		return action_fail(err, errlen, A_("'%s' is not an alert id (A-0001, …)"), s);
	v = strtol(digits, &end, 10);
	if (*end != '\0' || v < 1 || v > 999999)
		return action_fail(err, errlen, A_("'%s' is not an alert id (A-0001, …)"), s);
	a->alert = (int)v;
	return 0;
}

static int action_recipient(const char *s, enum action_verb verb, struct action *a, char *err, size_t errlen)
{
	for (int r = 0; r < ACTION_RECIPIENT_COUNT; r++) {
		bool match = strcmp(s, action_recipients[r].name) == 0;

		for (int i = 0; i < 3 && action_recipients[r].aliases[i] && !match; i++)
			match = strcmp(s, action_recipients[r].aliases[i]) == 0;
		if (!match)
			continue;
		if (verb == ACTION_REPORT && r != ACTION_TO_SOC && r != ACTION_TO_COORDINATOR)
			return action_fail(err, errlen, A_("a report goes to soc or coordinator, not '%s'"), s);
		if (verb == ACTION_ESCALATE && r == ACTION_TO_SOC)
			return action_fail(err, errlen, "%s", A_("escalate to steering-committee, coordinator, police or "
					   "military-region; the SOC gets a report"));
		a->to = (enum action_recipient)r;
		return 0;
	}
	return action_fail(err, errlen, verb == ACTION_REPORT ? A_("a report goes to soc or coordinator, not '%s'") :
			   A_("'%s' is not steering-committee, coordinator, police or military-region"), s);
}

/* An ATT&CK technique id: T1234 or T1234.001. */
static bool action_is_technique(const char *s)
{
	size_t len = strlen(s);

	if ((len != 5 && len != 9) || s[0] != 'T' || strspn(s + 1, "0123456789") != 4)
		return false;
	return len == 5 || (s[5] == '.' && strspn(s + 6, "0123456789") == 3);
}

/* Check every comma-separated item of a report field. */
static int action_report_list(const struct net *net, const char *key, const char *list, char *err, size_t errlen)
{
	char buf[ACTION_VALUE_MAX], *save = NULL;

	snprintf(buf, sizeof(buf), "%s", list);
	if (buf[0] == '\0' || buf[strlen(buf) - 1] == ',' || buf[0] == ',' || strstr(buf, ",,"))
		return action_fail(err, errlen, A_("report field %s: an empty item in the list"), key);
	for (char *item = strtok_r(buf, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		if (strcmp(key, "systems") == 0 && net_system_find(net, item) < 0 && net_host_find(net, item) < 0)
			return action_fail(err, errlen, A_("report field systems: no system or host '%s' in the network"),
					   item);
		if (strcmp(key, "techniques") == 0 && !action_is_technique(item))
			return action_fail(err, errlen, A_("report field techniques: '%s' is not an ATT&CK id (T1566.001)"),
					   item);
		if (strcmp(key, "indicators") == 0) {
			uint32_t addr;
			int prefix;

			if (action_looks_ip(item) ? !ipaddr_parse_prefix(item, &addr, &prefix) :
			    !action_is_hash(item) && !action_is_domain(item))
				return action_fail(err, errlen, A_("report field indicators: '%s' is not an IPv4 address, "
						   "a domain or a hash"), item);
		}
	}
	return 0;
}

/* report [to] soc|coordinator key=value …: fields stored in a fixed
 * order, each at most once. */
static int action_report(const struct net *net, char **w, int n, struct action *a, char *err, size_t errlen)
{
	const char *given[ACTION_COUNT(action_report_keys)] = { 0 };
	size_t used = 0;
	int i = 1;

	if (i < n && strcmp(w[i], "to") == 0)
		i++;
	if (i >= n)
		return action_usage(a->verb, err, errlen);
	if (action_recipient(w[i++], a->verb, a, err, errlen) != 0)
		return -1;
	for (; i < n; i++) {
		char *eq = strchr(w[i], '=');
		int k;

		if (eq == NULL)
			return action_fail(err, errlen, A_("report field '%s' is not key=value"), w[i]);
		*eq = '\0';
		for (k = 0; k < ACTION_COUNT(action_report_keys); k++)
			if (strcmp(w[i], action_report_keys[k]) == 0)
				break;
		if (k == ACTION_COUNT(action_report_keys))
			return action_fail(err, errlen, A_("unknown report field '%s' (systems, level, vector, "
					   "techniques, indicators)"), w[i]);
		if (given[k])
			return action_fail(err, errlen, A_("report field %s given twice"), w[i]);
		given[k] = eq + 1;
	}
	if (given[1] && (strlen(given[1]) != 1 || given[1][0] < '1' || given[1][0] > '5'))
		return action_fail(err, errlen, A_("report field level: '%s' is not a security level 1 to 5"), given[1]);
	if (given[2]) {
		int v;

		for (v = 0; v < ACTION_COUNT(action_vectors); v++)
			if (strcmp(given[2], action_vectors[v]) == 0)
				break;
		if (v == ACTION_COUNT(action_vectors))
			return action_fail(err, errlen, A_("report field vector: '%s' is not phishing, exploit, "
					   "valid-account, vpn, rdp, web, ddos, supply-chain, removable-media or unknown"),
					   given[2]);
	}
	for (int k = 0; k < ACTION_COUNT(action_report_keys); k++) {
		if (given[k] == NULL)
			continue;
		if (k != 1 && k != 2 && action_report_list(net, action_report_keys[k], given[k], err, errlen) != 0)
			return -1;
		used += (size_t)snprintf(a->value + used, used < sizeof(a->value) ? sizeof(a->value) - used : 0,
					 "%s%s=%s", used ? " " : "", action_report_keys[k], given[k]);
	}
	if (used >= sizeof(a->value))
		return action_fail(err, errlen, "%s", A_("report too long"));
	return 0;
}

const char *action_report_field(const struct action *a, const char *key, char *buf, size_t size)
{
	size_t klen = strlen(key);

	for (const char *p = a->value; *p;) {
		const char *end = strchr(p, ' ');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len > klen && strncmp(p, key, klen) == 0 && p[klen] == '=') {
			snprintf(buf, size, "%.*s", (int)(len - klen - 1), p + klen + 1);
			return buf;
		}
		p += len + (end != NULL);
	}
	return NULL;
}

/* The command's first word and the text after it (for a note). */
static const char *action_rest(const char *command)
{
	const char *p = command + strspn(command, " \t");

	p += strcspn(p, " \t");
	p += strspn(p, " \t");
	return p;
}

static int action_note(const char *command, struct action *a, char *err, size_t errlen)
{
	const char *text = action_rest(command);
	size_t len = strcspn(text, "\r\n");

	while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t'))
		len--;
	if (len == 0)
		return action_usage(a->verb, err, errlen);
	if (len >= sizeof(a->value))
		return action_fail(err, errlen, "%s", A_("note too long"));
	snprintf(a->value, sizeof(a->value), "%.*s", (int)len, text);
	return 0;
}

static int action_kill(const struct net *net, char **w, int n, struct action *a, char *err, size_t errlen)
{
	char *end;
	unsigned long pid;

	if (n != 4 || strcmp(w[1], "process") != 0)
		return action_usage(a->verb, err, errlen);
	if (action_host(net, w[2], a, err, errlen) != 0)
		return -1;
	pid = strtoul(w[3], &end, 10);
	if (!isdigit((unsigned char)w[3][0]) || *end != '\0' || pid == 0 || pid > 4194304)
		return action_fail(err, errlen, A_("'%s' is not a process id"), w[3]);
	a->pid = (uint32_t)pid;
	return 0;
}

static int action_restore(const struct net *net, char **w, int n, struct action *a, char *err, size_t errlen)
{
	if (n == 4 && strcmp(w[2], "from") == 0 && strcmp(w[3], "backup") == 0) {
		a->system = net_system_find(net, w[1]);
		return a->system < 0 ? action_fail(err, errlen, A_("no system '%s' in the network"), w[1]) : 0;
	}
	if (n == 3 && strcmp(w[1], "host") == 0)
		return action_host(net, w[2], a, err, errlen);
	if (n != 2)
		return action_usage(a->verb, err, errlen);
	if (net_host_find(net, w[1]) < 0 && net_system_find(net, w[1]) >= 0) {
		snprintf(err, errlen, A_("'%s' is a system: restore %s from backup"), w[1], w[1]);
		return -1;
	}
	return action_host(net, w[1], a, err, errlen);
}

static int action_args(const struct net *net, const char *command, char **w, int n, struct action *a, char *err,
		       size_t errlen)
{
	switch (a->verb) {
	case ACTION_ISOLATE:
	case ACTION_RELEASE:
	case ACTION_REIMAGE:
		return n == 2 ? action_host(net, w[1], a, err, errlen) : action_usage(a->verb, err, errlen);
	case ACTION_SHUTDOWN:
	case ACTION_START:
		return action_host_or_system(net, w + 1, n - 1, a, err, errlen);
	case ACTION_RESTORE:
		return action_restore(net, w, n, a, err, errlen);
	case ACTION_BLOCK:
	case ACTION_UNBLOCK:
		return action_block(net, w, n, a, err, errlen);
	case ACTION_DISABLE_ACCOUNT:
	case ACTION_ENABLE_ACCOUNT:
		if (n != 3 || strcmp(w[1], "account") != 0)
			return action_usage(a->verb, err, errlen);
		return action_account(net, w[2], a, err, errlen);
	case ACTION_RESET_PASSWORD:
		if (n != 3 || strcmp(w[1], "password") != 0)
			return action_usage(a->verb, err, errlen);
		return action_account(net, w[2], a, err, errlen);
	case ACTION_PATCH:
		if (n != 2 && n != 3)
			return action_usage(a->verb, err, errlen);
		if (n == 3)
			snprintf(a->value, sizeof(a->value), "%s", w[2]);
		return action_host(net, w[1], a, err, errlen);
	case ACTION_ACK:
		return n == 2 ? action_alert(w[1], a, err, errlen) : action_usage(a->verb, err, errlen);
	case ACTION_CLASSIFY:
		if (n != 3)
			return action_usage(a->verb, err, errlen);
		if (strcmp(w[2], "true-positive") == 0 || strcmp(w[2], "tp") == 0)
			a->true_positive = true;
		else if (strcmp(w[2], "false-positive") != 0 && strcmp(w[2], "fp") != 0)
			return action_fail(err, errlen, A_("'%s' is not true-positive or false-positive"), w[2]);
		return action_alert(w[1], a, err, errlen);
	case ACTION_NOTE:
		return action_note(command, a, err, errlen);
	case ACTION_KILL:
		return action_kill(net, w, n, a, err, errlen);
	case ACTION_REPORT:
		return action_report(net, w, n, a, err, errlen);
	case ACTION_ESCALATE:
		if (n == 3 && strcmp(w[1], "to") == 0)
			return action_recipient(w[2], a->verb, a, err, errlen);
		return n == 2 ? action_recipient(w[1], a->verb, a, err, errlen) : action_usage(a->verb, err, errlen);
	case ACTION_HINT:
		/* A hint may carry what the white cell told the team. */
		return n == 1 ? 0 : action_note(command, a, err, errlen);
	case ACTION_VERB_COUNT:
	case ACTION_WHITE:
		break;
	}
	return action_fail(err, errlen, "%s", A_("unknown command"));
}

int action_parse_for(const struct net *net, const char *team, const char *command, bool in_file, struct action *out,
		     char *err, size_t errlen)
{
	if (whitecell_is_team(team))
		return whitecell_parse(net, command, in_file, out, err, errlen);
	return action_parse(net, command, out, err, errlen);
}

int action_parse(const struct net *net, const char *command, struct action *out, char *err, size_t errlen)
{
	char buf[ACTION_LINE_MAX], *w[ACTION_MAX_WORDS];
	struct action a;
	int n, verb;

	memset(&a, 0, sizeof(a));
	a.host = a.account = a.site = a.system = -1;
	if (strlen(command) >= sizeof(buf))
		return action_fail(err, errlen, "%s", A_("command too long"));
	n = action_words(strcpy(buf, command), w);
	if (n == 0)
		return action_fail(err, errlen, "%s", A_("empty command"));
	verb = action_verb_word(w[0]);
	if (verb == ACTION_NOTE) {
		a.verb = ACTION_NOTE;
		n = 1;
	} else if (verb == ACTION_HINT && n < 0) {
		n = 2; /* free text, however many words */
	} else if (n < 0) {
		return action_fail(err, errlen, "%s", A_("too many words in the command"));
	} else if (verb < 0) {
		char verbs[256];

		action_verb_list(verbs, sizeof(verbs));
		snprintf(err, errlen, A_("unknown command '%s' (%s)"), w[0], verbs);
		return -1;
	}
	a.verb = (enum action_verb)verb;
	if (action_args(net, command, w, n, &a, err, errlen) != 0)
		return -1;
	*out = a;
	return 0;
}

/* patch HOST [what]: every service, or those matching a name or port; a
 * CVE patches every service, since the model does not map CVEs to
 * products. */
static void action_patch(struct net *net, const struct action *a)
{
	struct net_host *h = &net->hosts[a->host];
	bool all = a->value[0] == '\0' || strncmp(a->value, "CVE-", 4) == 0;

	for (int i = 0; i < h->nservices; i++) {
		struct net_service *s = &h->services[i];
		char port[8];

		snprintf(port, sizeof(port), "%u", s->port);
		if (all || strcmp(a->value, port) == 0 || (s->name && strcmp(a->value, s->name) == 0))
			s->patched = true;
	}
}

/* Rebuilt from a clean image and put back in service: the attacker's
 * foothold, its web pages and its encryption are gone.  The hole it came
 * in by is not: that takes a patch. */
static void action_rebuild(struct net *net, int host)
{
	net_host_set(net, host, NET_HOST_COMPROMISED | NET_HOST_DEFACED | NET_HOST_DOWN, false);
}

void action_apply(struct net *net, const struct action *a)
{
	switch (a->verb) {
	case ACTION_ISOLATE:
		net_host_set(net, a->host, NET_HOST_ISOLATED, true);
		break;
	case ACTION_RELEASE:
		net_host_set(net, a->host, NET_HOST_ISOLATED, false);
		break;
	case ACTION_SHUTDOWN:
	case ACTION_START:
		if (a->system >= 0)
			net_system_set(net, a->system, NET_SYSTEM_DOWN, a->verb == ACTION_SHUTDOWN);
		else
			net_host_set(net, a->host, NET_HOST_DOWN, a->verb == ACTION_SHUTDOWN);
		break;
	case ACTION_RESTORE:
	case ACTION_REIMAGE:
		if (a->system < 0) {
			action_rebuild(net, a->host);
			break;
		}
		/* From backup: every host of the system rebuilt with its data,
		 * and the system back in service. */
		for (int i = 0; i < net->systems[a->system].nhosts; i++)
			action_rebuild(net, net->systems[a->system].hosts[i]);
		net_system_set(net, a->system, NET_SYSTEM_DOWN, false);
		break;
	case ACTION_BLOCK:
		net_block_add(net, a->block_kind, a->value, a->site);
		break;
	case ACTION_UNBLOCK:
		net_block_remove(net, a->block_kind, a->value, a->site);
		break;
	case ACTION_DISABLE_ACCOUNT:
		net_account_set(net, a->account, NET_ACCOUNT_DISABLED, true);
		break;
	case ACTION_ENABLE_ACCOUNT:
		net_account_set(net, a->account, NET_ACCOUNT_DISABLED, false);
		break;
	case ACTION_RESET_PASSWORD:
		/* The stolen credential stops working; the account stays usable
		 * for its owner. */
		net_account_set(net, a->account, NET_ACCOUNT_PASSWORD_RESET, true);
		net_account_set(net, a->account, NET_ACCOUNT_COMPROMISED, false);
		break;
	case ACTION_PATCH:
		action_patch(net, a);
		break;
	case ACTION_ACK:
	case ACTION_CLASSIFY:
	case ACTION_NOTE:
	case ACTION_KILL:
	case ACTION_REPORT:
	case ACTION_ESCALATE:
	case ACTION_HINT:
	case ACTION_VERB_COUNT:
	case ACTION_WHITE:
		/* The model has no processes: a killed implant is the
		 * scenario's to react to (on "kill"); the rest is paperwork
		 * the drill and the scoring keep. */
		break;
	}
}

void action_format(const struct net *net, const struct action *a, char *buf, size_t size)
{
	static const char *const kinds[] = { "ip", "domain", "hash" };
	const char *site, *name;
	char id[16];

	if (a->verb == ACTION_WHITE) {
		snprintf(buf, size, "%s", a->value);
		return;
	}
	site = a->site >= 0 ? net->sites[a->site].id : "everywhere";
	name = action_verbs[a->verb].name;
	switch (a->verb) {
	case ACTION_BLOCK:
	case ACTION_UNBLOCK:
		snprintf(buf, size, "%s %s %s at %s", name, kinds[a->block_kind], a->value, site);
		break;
	case ACTION_DISABLE_ACCOUNT:
	case ACTION_ENABLE_ACCOUNT:
		snprintf(buf, size, "%s account %s", name, net->accounts[a->account].name);
		break;
	case ACTION_RESET_PASSWORD:
		snprintf(buf, size, "reset password %s", net->accounts[a->account].name);
		break;
	case ACTION_PATCH:
		snprintf(buf, size, "patch %s%s%s", net->hosts[a->host].name, a->value[0] ? " " : "", a->value);
		break;
	case ACTION_SHUTDOWN:
	case ACTION_START:
		if (a->system >= 0)
			snprintf(buf, size, "%s system %s", name, net->systems[a->system].id);
		else
			snprintf(buf, size, "%s %s", name, net->hosts[a->host].name);
		break;
	case ACTION_RESTORE:
		if (a->system >= 0)
			snprintf(buf, size, "restore %s from backup", net->systems[a->system].id);
		else
			snprintf(buf, size, "restore %s", net->hosts[a->host].name);
		break;
	case ACTION_ACK:
		action_alert_id(a->alert, id, sizeof(id));
		snprintf(buf, size, "ack %s", id);
		break;
	case ACTION_CLASSIFY:
		action_alert_id(a->alert, id, sizeof(id));
		snprintf(buf, size, "classify %s %s", id, a->true_positive ? "true-positive" : "false-positive");
		break;
	case ACTION_NOTE:
		snprintf(buf, size, "note %s", a->value);
		break;
	case ACTION_KILL:
		snprintf(buf, size, "kill process %s %u", net->hosts[a->host].name, a->pid);
		break;
	case ACTION_REPORT:
		snprintf(buf, size, "report to %s%s%s", action_recipients[a->to].name, a->value[0] ? " " : "",
			 a->value);
		break;
	case ACTION_ESCALATE:
		snprintf(buf, size, "escalate %s", action_recipients[a->to].name);
		break;
	case ACTION_HINT:
		snprintf(buf, size, "hint%s%s", a->value[0] ? " " : "", a->value);
		break;
	default:
		snprintf(buf, size, "%s %s", name, net->hosts[a->host].name);
		break;
	}
}

void action_target(const struct net *net, const struct action *a, char *buf, size_t size)
{
	switch (a->verb) {
	case ACTION_ACK:
	case ACTION_CLASSIFY:
		action_alert_id(a->alert, buf, size);
		return;
	case ACTION_REPORT:
	case ACTION_ESCALATE:
		snprintf(buf, size, "%s", action_recipients[a->to].name);
		return;
	case ACTION_NOTE:
	case ACTION_HINT:
		snprintf(buf, size, "%s", "");
		return;
	case ACTION_WHITE: {
		/* The team a mark or message is for, the sensor of an event. */
		char w1[ACTION_VALUE_MAX];

		if (sscanf(a->value, "%*s %511s", w1) == 1)
			snprintf(buf, size, "%s", w1);
		else
			snprintf(buf, size, "%s", "");
		return;
	}
	default:
		break;
	}
	if (a->system >= 0)
		snprintf(buf, size, "%s", net->systems[a->system].id);
	else if (a->host >= 0)
		snprintf(buf, size, "%s", net->hosts[a->host].name);
	else if (a->account >= 0)
		snprintf(buf, size, "%s", net->accounts[a->account].name);
	else
		snprintf(buf, size, "%s", a->value);
}

/* "T+01:30", "01:30:15", "90m", "1h30m" relative to the start. */
static bool action_time(const char *s, sim_time_t *t)
{
	unsigned h, m, sec = 0;
	int used = 0;

	if (strncmp(s, "T+", 2) == 0)
		s += 2;
	if ((sscanf(s, "%u:%2u:%2u%n", &h, &m, &sec, &used) == 3 ||
	     sscanf(s, "%u:%2u%n", &h, &m, &used) == 2) && s[used] == '\0' && m < 60 && sec < 60) {
		*t = (sim_time_t)h * SIM_HOUR + (sim_time_t)m * SIM_MINUTE + (sim_time_t)sec * SIM_SECOND;
		return true;
	}
	return simclock_parse_duration(s, t);
}

static int action_cmp(const void *x, const void *y)
{
	const struct action *a = x, *b = y;

	if (a->time != b->time)
		return a->time < b->time ? -1 : 1;
	return a->line - b->line;
}

int action_load_file(const struct net *net, const char *path, struct action **out, struct diag *errs)
{
	FILE *f = fopen(path, "r");
	char line[ACTION_LINE_MAX + 64], err[512];
	struct action *v = NULL;
	size_t cap = 0, n = 0, errors_before = diag_count(errs);
	int lineno = 0;

	*out = NULL;
	if (f == NULL) {
		diag_add(errs, path, 0, "cannot open the actions file");
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		char *p = line, *time_s, *team, *hash = strchr(line, '#');
		struct action a;
		sim_time_t t;

		lineno++;
		if (hash)
			*hash = '\0';
		while (isspace((unsigned char)*p))
			p++;
		if (*p == '\0')
			continue;
		time_s = strtok(p, " \t");
		team = strtok(NULL, " \t");
		p = strtok(NULL, "\n");
		if (!action_time(time_s, &t)) {
			diag_add(errs, path, lineno, "'%s' is not a time (T+hh:mm[:ss], hh:mm[:ss] or 1h30m)", time_s);
			continue;
		}
		if (team == NULL || p == NULL) {
			diag_add(errs, path, lineno, "expected TIME TEAM COMMAND");
			continue;
		}
		if (strlen(team) >= ACTION_TEAM_MAX) {
			diag_add(errs, path, lineno, "team name '%s' is too long", team);
			continue;
		}
		if (action_parse_for(net, team, p, true, &a, err, sizeof(err)) != 0) {
			diag_add(errs, path, lineno, "%s", err);
			continue;
		}
		a.time = t;
		a.line = lineno;
		if (!whitecell_is(&a))
			snprintf(a.team, sizeof(a.team), "%s", team);
		v = xgrow(v, &cap, n + 1, sizeof(*v));
		v[n++] = a;
	}
	fclose(f);
	if (diag_count(errs) > errors_before) {
		free(v);
		return -1;
	}
	qsort(v, n, sizeof(*v), action_cmp);
	*out = v;
	return (int)n;
}

int action_command_word(const char *word)
{
	return action_verb_word(word);
}
