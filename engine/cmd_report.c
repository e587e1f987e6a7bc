/*
 * cmd_report.c - `irdrill report FILE --html OUT | --md [OUT] | --json [OUT]
 * [--lang en|vi]`: the after-action report of a recorded drill.
 *
 * Markdown on stdout unless a form says otherwise; "-" as OUT is stdout
 * too.  --md and --json take the next word as OUT when it is not an
 * option and the replay is named elsewhere, so both `report F --md out.md`
 * and `report --md out.md F` work.  A replay cut short or corrupt
 * part-way gives a report of what is readable, with a warning on stderr
 * naming what is missing; exit status 0 then, as the report was made.
 */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "replay_record.h"
#include "report.h"
#include "ui_i18n.h"
#include "xmalloc.h"

enum report_form { FORM_MD, FORM_JSON, FORM_HTML };

struct report_opts {
	const char **files, *out;
	int nfiles;
	enum report_form form;
	bool form_given, lang_given, vi;
};

/* Is argv[i] a word that is not an option? */
static bool report_word(int argc, char **argv, int i)
{
	return i < argc && argv[i][0] != '\0' && (argv[i][0] != '-' || argv[i][1] == '\0');
}

/* Words after i that are neither options nor their values. */
static int report_words_after(int argc, char **argv, int i)
{
	int n = 0;

	for (int j = i + 1; j < argc; j++) {
		if (strcmp(argv[j], "--html") == 0 || strcmp(argv[j], "--lang") == 0)
			j++;
		else if (report_word(argc, argv, j))
			n++;
	}
	return n;
}

static int report_options(const struct cli_cmd *cmd, int argc, char **argv, struct report_opts *o)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *eq = strchr(a, '=');
		size_t name = eq ? (size_t)(eq - a) : strlen(a);
		enum report_form form;

		if (report_word(argc, argv, i)) {
			o->files = xrealloc(o->files, (size_t)(o->nfiles + 1) * sizeof(*o->files));
			o->files[o->nfiles++] = a;
			continue;
		}
		if (strncmp(a, "--lang", name) == 0 && name == 6) {
			const char *v = eq ? eq + 1 : i + 1 < argc ? argv[++i] : NULL;

			if (v == NULL)
				return cli_bad_usage(cmd, "--lang needs en or vi");
			if (!ui_i18n_parse(v, &o->vi))
				return cli_bad_usage(cmd, "--lang '%s' is not en or vi", v);
			o->lang_given = true;
			continue;
		}
		if (name == 6 && strncmp(a, "--html", 6) == 0)
			form = FORM_HTML;
		else if (name == 4 && strncmp(a, "--md", 4) == 0)
			form = FORM_MD;
		else if (name == 6 && strncmp(a, "--json", 6) == 0)
			form = FORM_JSON;
		else
			return cli_bad_usage(cmd, "unknown option '%.*s'", (int)name, a);
		if (o->form_given)
			return cli_bad_usage(cmd, "one of --html, --md and --json at a time");
		o->form = form;
		o->form_given = true;
		if (eq)
			o->out = eq + 1;
		else if (form == FORM_HTML) {
			if (i + 1 >= argc)
				return cli_bad_usage(cmd, "--html needs the file to write");
			o->out = argv[++i];
		} else if (report_word(argc, argv, i + 1) &&
			   (o->nfiles > 0 || report_words_after(argc, argv, i + 1) > 0))
			o->out = argv[++i];
		if (o->out && o->out[0] == '\0')
			return cli_bad_usage(cmd, "an empty file name to write");
	}
	if (o->nfiles == 0)
		return cli_bad_usage(cmd, "name the replay file");
	return 0;
}

/* Is path a replay (its first bytes the magic)? */
static bool report_is_replay(const char *path)
{
	char magic[sizeof(REPLAY_MAGIC) - 1];
	FILE *f = fopen(path, "rb");
	bool is;

	if (f == NULL)
		return false;
	is = fread(magic, 1, sizeof(magic), f) == sizeof(magic) && memcmp(magic, REPLAY_MAGIC, sizeof(magic)) == 0;
	fclose(f);
	return is;
}

/* Read every replay; false with the reason on stderr. */
static bool report_read_all(const struct report_opts *o, struct report **rs)
{
	char err[1400];

	for (int i = 0; i < o->nfiles; i++) {
		rs[i] = report_read(o->files[i], err, sizeof(err));
		if (rs[i] == NULL) {
			fprintf(stderr, "irdrill: %s\n", err);
			return false;
		}
		if (rs[i]->damage)
			fprintf(stderr, "irdrill: warning: %s\n", rs[i]->damage);
		for (int t = 0; t < rs[i]->nteams; t++)
			for (int j = 0; j < i; j++)
				if (report_team_find(rs[j], rs[i]->teams[t].name) >= 0) {
					fprintf(stderr, "irdrill: team %s is in both %s and %s; name the replays of "
						"one drill, each once\n", rs[i]->teams[t].name, o->files[j], o->files[i]);
					return false;
				}
	}
	return true;
}

int cmd_report(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct report_opts o = { 0 };
	struct report **rs = NULL;
	const struct report *const *all;
	FILE *out = stdout;
	bool to_stdout, vi;
	int rc = report_options(cmd, argc, argv, &o), wrote;

	if (rc)
		goto done;
	rc = CLI_ERROR;
	vi = o.lang_given ? o.vi : ui_i18n_env_vi();
	if (!ui_i18n_init(vi))
		fprintf(stderr, "irdrill: no Vietnamese catalogue found; the report is in English\n");
	/* Coordinates and numbers are written the C way whatever the locale. */
	setlocale(LC_NUMERIC, "C");
	to_stdout = o.out == NULL || strcmp(o.out, "-") == 0;
	if (!to_stdout && report_is_replay(o.out)) {
		fprintf(stderr, "irdrill: %s is a replay: not overwriting it with the report (--md=FILE or "
			"--json=FILE names the output when in doubt)\n", o.out);
		rc = CLI_USAGE;
		goto done;
	}
	rs = xcalloc((size_t)o.nfiles, sizeof(*rs));
	if (!report_read_all(&o, rs))
		goto done;
	if (!to_stdout && (out = fopen(o.out, "w")) == NULL) {
		fprintf(stderr, "irdrill: %s: %s\n", o.out, strerror(errno));
		goto done;
	}
	all = (const struct report *const *)rs;
	wrote = o.form == FORM_HTML ? report_html(all, o.nfiles, out, vi) :
		o.form == FORM_JSON ? report_json(all, o.nfiles, out) : report_md(all, o.nfiles, out);
	if (!to_stdout && fclose(out) != 0)
		wrote = -1;
	if (wrote != 0)
		fprintf(stderr, "irdrill: %s: %s\n", to_stdout ? "standard output" : o.out, strerror(errno ? errno : EIO));
	else
		rc = CLI_OK;
done:
	for (int i = 0; rs && i < o.nfiles; i++)
		report_free(rs[i]);
	free(rs);
	free(o.files);
	return rc;
}
