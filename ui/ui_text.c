#include "ui_text.h"

#include <ctype.h>
#include <string.h>
#include <wchar.h>

size_t ui_text_decode(const char *s, size_t n, long *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len;
	long v, min;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if ((u[0] & 0xe0) == 0xc0)
		len = 2, v = u[0] & 0x1f, min = 0x80;
	else if ((u[0] & 0xf0) == 0xe0)
		len = 3, v = u[0] & 0x0f, min = 0x800;
	else if ((u[0] & 0xf8) == 0xf0)
		len = 4, v = u[0] & 0x07, min = 0x10000;
	else {
		*cp = -1;
		return 1;
	}
	if (len > n) {
		*cp = -1;
		return 1;
	}
	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80) {
			*cp = -1;
			return 1;
		}
		v = (v << 6) | (u[i] & 0x3f);
	}
	/* Overlong forms and surrogates would let one text look like another. */
	*cp = v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff) ? -1 : v;
	return len;
}

int ui_text_cp_width(long cp)
{
	int w;

	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return 1;
	w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

/* Is the code point shown as itself, or replaced? */
static bool ui_text_printable(long cp)
{
	return cp >= 0x20 && !(cp >= 0x7f && cp < 0xa0) && wcwidth((wchar_t)cp) >= 0;
}

int ui_text_width(const char *s)
{
	size_t n = strlen(s);
	int w = 0;

	for (size_t i = 0; i < n;) {
		long cp;

		i += ui_text_decode(s + i, n - i, &cp);
		w += ui_text_cp_width(cp);
	}
	return w;
}

/* Does the rest of the text take no cells (only combining marks)? */
static bool ui_text_rest_fits(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		long cp;

		i += ui_text_decode(s + i, n - i, &cp);
		if (ui_text_cp_width(cp) > 0)
			return false;
	}
	return true;
}

int ui_text_fit(const char *s, int cols, bool pad, char *out, size_t size)
{
	static const char ellipsis[] = "\xe2\x80\xa6"; /* "…", one cell */
	size_t n = strlen(s), o = 0;
	int w = 0;
	bool cut = false;

	if (size == 0)
		return 0;
	if (cols < 0)
		cols = 0;
	for (size_t i = 0; i < n;) {
		long cp;
		size_t len = ui_text_decode(s + i, n - i, &cp);
		int cw = ui_text_cp_width(cp);
		const char *bytes = s + i;
		size_t nbytes = len;

		if (!ui_text_printable(cp)) {
			bytes = cp >= 0 && cp < 0x20 ? " " : "?";
			nbytes = 1;
		}
		/* A letter that fits only if nothing follows it: keep a cell
		 * for the ellipsis unless this is the end of the text. */
		if (cw > 0 && (w + cw > cols || (w + cw == cols && !ui_text_rest_fits(s + i + len, n - i - len)))) {
			cut = true;
			break;
		}
		if (o + nbytes + sizeof(ellipsis) >= size) {
			cut = true;
			break;
		}
		memcpy(out + o, bytes, nbytes);
		o += nbytes;
		w += cw;
		i += len;
	}
	if (cut && w < cols && o + sizeof(ellipsis) < size) {
		memcpy(out + o, ellipsis, sizeof(ellipsis) - 1);
		o += sizeof(ellipsis) - 1;
		w++;
	}
	while (pad && w < cols && o + 1 < size) {
		out[o++] = ' ';
		w++;
	}
	out[o] = '\0';
	return w;
}

const char *ui_text_skip(const char *s, int cols)
{
	size_t n = strlen(s), i = 0;
	int w = 0;

	while (i < n && w < cols) {
		long cp;

		i += ui_text_decode(s + i, n - i, &cp);
		w += ui_text_cp_width(cp);
	}
	/* Combining marks belong to the letter skipped before them. */
	while (i < n) {
		long cp;
		size_t len = ui_text_decode(s + i, n - i, &cp);

		if (cp < 0 || ui_text_cp_width(cp) != 0)
			break;
		i += len;
	}
	return s + i;
}

bool ui_text_contains(const char *haystack, const char *needle)
{
	size_t nl = strlen(needle);

	for (const char *p = haystack; nl == 0 || *p; p++) {
		size_t i = 0;

		while (i < nl && p[i] && tolower((unsigned char)p[i]) == tolower((unsigned char)needle[i]))
			i++;
		if (i == nl)
			return true;
	}
	return false;
}
