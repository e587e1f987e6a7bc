#include "ui_line.h"

#include <stdlib.h>
#include <string.h>

#include "ui_text.h"
#include "xmalloc.h"

void ui_line_init(struct ui_line *l)
{
	memset(l, 0, sizeof(*l));
}

void ui_line_free(struct ui_line *l)
{
	for (int i = 0; i < l->nhistory; i++)
		free(l->history[i]);
	memset(l, 0, sizeof(*l));
}

/* The end of the letter starting at i: its code point and the combining
 * marks after it. */
static size_t ui_line_next(const struct ui_line *l, size_t i)
{
	long cp;

	if (i >= l->len)
		return l->len;
	i += ui_text_decode(l->buf + i, l->len - i, &cp);
	while (i < l->len) {
		size_t n = ui_text_decode(l->buf + i, l->len - i, &cp);

		if (cp < 0 || ui_text_cp_width(cp) != 0)
			break;
		i += n;
	}
	return i;
}

/* The start of the letter before i. */
static size_t ui_line_prev(const struct ui_line *l, size_t i)
{
	size_t p = 0, start = 0;

	/* Walking forward from the start is the one way to get letter
	 * boundaries right with combining marks; lines are short. */
	while (p < i) {
		start = p;
		p = ui_line_next(l, p);
	}
	return start;
}

static void ui_line_cut(struct ui_line *l, size_t from, size_t to)
{
	memmove(l->buf + from, l->buf + to, l->len - to + 1);
	l->len -= to - from;
	l->cur = from;
}

bool ui_line_insert(struct ui_line *l, const char *text)
{
	size_t n = strlen(text);

	if (l->len + n + 1 > sizeof(l->buf))
		return false;
	memmove(l->buf + l->cur + n, l->buf + l->cur, l->len - l->cur + 1);
	memcpy(l->buf + l->cur, text, n);
	l->len += n;
	l->cur += n;
	return true;
}

void ui_line_set(struct ui_line *l, const char *text)
{
	ui_line_clear(l);
	if (!ui_line_insert(l, text))
		ui_line_clear(l);
}

void ui_line_clear(struct ui_line *l)
{
	l->buf[0] = '\0';
	l->len = l->cur = 0;
}

void ui_line_left(struct ui_line *l)
{
	l->cur = ui_line_prev(l, l->cur);
}

void ui_line_right(struct ui_line *l)
{
	l->cur = ui_line_next(l, l->cur);
}

void ui_line_home(struct ui_line *l)
{
	l->cur = 0;
}

void ui_line_end(struct ui_line *l)
{
	l->cur = l->len;
}

void ui_line_backspace(struct ui_line *l)
{
	if (l->cur > 0)
		ui_line_cut(l, ui_line_prev(l, l->cur), l->cur);
}

void ui_line_delete(struct ui_line *l)
{
	if (l->cur < l->len)
		ui_line_cut(l, l->cur, ui_line_next(l, l->cur));
}

void ui_line_kill_start(struct ui_line *l)
{
	ui_line_cut(l, 0, l->cur);
}

void ui_line_kill_word(struct ui_line *l)
{
	size_t from = l->cur;

	while (from > 0 && l->buf[from - 1] == ' ')
		from--;
	while (from > 0 && l->buf[from - 1] != ' ')
		from--;
	ui_line_cut(l, from, l->cur);
}

void ui_line_commit(struct ui_line *l)
{
	bool repeat = l->nhistory > 0 && strcmp(l->history[l->nhistory - 1], l->buf) == 0;

	if (l->len > 0 && !repeat) {
		if (l->nhistory == UI_LINE_HISTORY) {
			free(l->history[0]);
			memmove(l->history, l->history + 1, (UI_LINE_HISTORY - 1) * sizeof(*l->history));
			l->nhistory--;
		}
		l->history[l->nhistory++] = xstrdup(l->buf);
	}
	l->browse = l->nhistory;
	ui_line_clear(l);
}

void ui_line_history_prev(struct ui_line *l)
{
	if (l->browse > l->nhistory)
		l->browse = l->nhistory;
	if (l->browse == 0)
		return;
	if (l->browse == l->nhistory)
		memcpy(l->draft, l->buf, l->len + 1);
	l->browse--;
	ui_line_set(l, l->history[l->browse]);
}

void ui_line_history_next(struct ui_line *l)
{
	if (l->browse >= l->nhistory)
		return;
	l->browse++;
	ui_line_set(l, l->browse == l->nhistory ? l->draft : l->history[l->browse]);
}

int ui_line_cursor_col(const struct ui_line *l)
{
	char head[UI_LINE_MAX];

	memcpy(head, l->buf, l->cur);
	head[l->cur] = '\0';
	return ui_text_width(head);
}
