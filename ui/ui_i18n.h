/*
 * ui_i18n.h - the console's language: English or Vietnamese, through
 * gettext catalogues.
 *
 * The catalogue (irdrill.mo, compiled from po/ at build time) is found
 * relative to the binary, as the scenarios are: share/locale beside an
 * install, or the locale folder the build writes next to build/irdrill.
 * The language is --lang when given, else the first of LANGUAGE,
 * LC_ALL, LC_MESSAGES and LANG that is set; anything not Vietnamese is
 * English (the messages' own text).  Depends on libc's gettext.
 */
#ifndef UI_I18N_H
#define UI_I18N_H

#include <libintl.h>
#include <stdbool.h>

#define _(s) gettext(s)
/* Marks a string for translation where it is defined; _() at use. */
#define N_(s) s

/* "en" or "vi" from a --lang value; false on anything else. */
bool ui_i18n_parse(const char *s, bool *vi);
/* The language the environment asks for. */
bool ui_i18n_env_vi(void);
/* Set the locale (a UTF-8 one for the terminal) and the catalogue for
 * the language; false if Vietnamese was asked for and no catalogue was
 * found (the console then speaks English). */
bool ui_i18n_init(bool vi);

#endif
