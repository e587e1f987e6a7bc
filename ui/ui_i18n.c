#include "ui_i18n.h"

#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define UI_I18N_DOMAIN "irdrill"

bool ui_i18n_parse(const char *s, bool *vi)
{
	if (strcmp(s, "en") == 0 || strcmp(s, "vi") == 0) {
		*vi = strcmp(s, "vi") == 0;
		return true;
	}
	return false;
}

bool ui_i18n_env_vi(void)
{
	static const char *const vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };

	for (size_t i = 0; i < sizeof(vars) / sizeof(*vars); i++) {
		const char *v = getenv(vars[i]);

		if (v && *v)
			return strncmp(v, "vi", 2) == 0;
	}
	return false;
}

/* The folder holding vi/LC_MESSAGES/irdrill.mo, beside the binary. */
static bool ui_i18n_dir(char *dir, size_t size)
{
	static const char *const beside_binary[] = { "../share/locale", "locale" };
	char exe[PATH_MAX], probe[PATH_MAX + 64], *slash;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n <= 0)
		return false;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (slash == NULL)
		return false;
	*slash = '\0';
	for (size_t i = 0; i < sizeof(beside_binary) / sizeof(*beside_binary); i++) {
		snprintf(probe, sizeof(probe), "%s/%s/vi/LC_MESSAGES/" UI_I18N_DOMAIN ".mo", exe, beside_binary[i]);
		if (access(probe, R_OK) == 0) {
			snprintf(dir, size, "%s/%s", exe, beside_binary[i]);
			return true;
		}
	}
	return false;
}

bool ui_i18n_init(bool vi)
{
	char dir[PATH_MAX + 32];
	const char *messages;
	bool found;

	setlocale(LC_ALL, "");
	/* Widths and Vietnamese letters need a UTF-8 character type; C.UTF-8
	 * is there on every glibc system. */
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	/* gettext ignores LANGUAGE under the plain C locale. */
	messages = setlocale(LC_MESSAGES, NULL);
	if (messages == NULL || strcmp(messages, "C") == 0 || strcmp(messages, "POSIX") == 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
	setenv("LANGUAGE", vi ? "vi" : "en", 1);
	found = ui_i18n_dir(dir, sizeof(dir));
	if (found)
		bindtextdomain(UI_I18N_DOMAIN, dir);
	bind_textdomain_codeset(UI_I18N_DOMAIN, "UTF-8");
	textdomain(UI_I18N_DOMAIN);
	return found || !vi;
}
