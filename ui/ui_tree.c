#include "ui_tree.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

struct ui_tree_builder {
	const struct net *net;
	struct ui_tree *t;
	size_t cap;
};

static int ui_tree_add(struct ui_tree_builder *b, enum ui_node_kind kind, int index, int site, int depth)
{
	struct ui_tree *t = b->t;
	struct ui_node *n;

	t->nodes = xgrow(t->nodes, &b->cap, (size_t)t->nnodes + 1, sizeof(*t->nodes));
	n = &t->nodes[t->nnodes];
	memset(n, 0, sizeof(*n));
	n->kind = kind;
	n->index = index;
	n->site = site;
	n->depth = depth;
	/* The province and the data center open: the first screen shows
	 * where the province's servers are. */
	n->expanded = kind == UI_NODE_SITE && depth == 0;
	return t->nnodes++;
}

static int ui_tree_zone_of(const struct net *net, int host)
{
	return net->segments[net->hosts[host].segment].zone_id;
}

static void ui_tree_site(struct ui_tree_builder *b, int site, int depth)
{
	const struct net *net = b->net;
	int me = ui_tree_add(b, UI_NODE_SITE, site, site, depth), first_zone = -1;
	bool zoned = false;

	for (int s = 0; s < net->nsites; s++)
		if (net->sites[s].parent == site)
			ui_tree_site(b, s, depth + 1);
	for (int h = 0; h < net->nhosts; h++) {
		if (net->hosts[h].site != site)
			continue;
		if (first_zone < 0)
			first_zone = ui_tree_zone_of(net, h);
		else if (ui_tree_zone_of(net, h) != first_zone)
			zoned = true;
	}
	if (zoned) {
		for (int z = 0; z < net->nzones; z++) {
			int zn = -1;

			for (int h = 0; h < net->nhosts; h++) {
				if (net->hosts[h].site != site || ui_tree_zone_of(net, h) != z)
					continue;
				if (zn < 0)
					zn = ui_tree_add(b, UI_NODE_ZONE, z, site, depth + 1);
				ui_tree_add(b, UI_NODE_HOST, h, site, depth + 2);
			}
			if (zn >= 0)
				b->t->nodes[zn].end = b->t->nnodes;
		}
	} else {
		for (int h = 0; h < net->nhosts; h++)
			if (net->hosts[h].site == site)
				ui_tree_add(b, UI_NODE_HOST, h, site, depth + 1);
	}
	b->t->nodes[me].end = b->t->nnodes;
	if (net->sites[site].kind == NET_SITE_DATACENTER)
		b->t->nodes[me].expanded = true;
}

/* Recompute the visible rows after opening or closing. */
static void ui_tree_rows(struct ui_tree *t)
{
	int selected_node = t->nrows > 0 ? t->rows[t->selected] : 0;

	t->nrows = 0;
	for (int i = 0; i < t->nnodes;) {
		t->rows[t->nrows++] = i;
		i = t->nodes[i].expanded || t->nodes[i].kind == UI_NODE_HOST ? i + 1 : t->nodes[i].end;
	}
	t->selected = 0;
	for (int r = 0; r < t->nrows; r++)
		if (t->rows[r] <= selected_node)
			t->selected = r;
}

void ui_tree_build(struct ui_tree *t, const struct net *net)
{
	struct ui_tree_builder b = { net, t, 0 };

	memset(t, 0, sizeof(*t));
	for (int s = 0; s < net->nsites; s++)
		if (net->sites[s].parent < 0)
			ui_tree_site(&b, s, 0);
	t->rows = xcalloc((size_t)t->nnodes + 1, sizeof(*t->rows));
	ui_tree_rows(t);
	ui_tree_summarise(t, net);
}

void ui_tree_free(struct ui_tree *t)
{
	free(t->nodes);
	free(t->rows);
	memset(t, 0, sizeof(*t));
}

static bool ui_tree_host_monitored(const struct net *net, int host)
{
	const struct net_host *h = &net->hosts[host];

	for (int i = 0; i < h->nsystems; i++)
		if (net->systems[h->systems[i]].monitored)
			return true;
	return false;
}

void ui_tree_summarise(struct ui_tree *t, const struct net *net)
{
	/* Children follow their parent, so a backward pass adds each node
	 * into its parent once its own sums are complete. */
	int *parent = xcalloc((size_t)t->nnodes + 1, sizeof(*parent));
	int *stack = xcalloc((size_t)t->nnodes + 1, sizeof(*stack));
	int depth = 0;

	for (int i = 0; i < t->nnodes; i++) {
		while (depth > 0 && t->nodes[stack[depth - 1]].end <= i)
			depth--;
		parent[i] = depth > 0 ? stack[depth - 1] : -1;
		stack[depth++] = i;
		if (t->nodes[i].kind != UI_NODE_HOST) {
			struct ui_node *n = &t->nodes[i];

			n->hosts = n->compromised = n->isolated = n->down = n->defaced = n->flooded = n->exposed = 0;
			n->monitored = false;
		}
	}
	for (int i = t->nnodes - 1; i >= 0; i--) {
		struct ui_node *n = &t->nodes[i];

		if (n->kind == UI_NODE_HOST) {
			unsigned st = net->hosts[n->index].state;

			n->hosts = 1;
			n->compromised = (st & NET_HOST_COMPROMISED) != 0;
			n->isolated = (st & NET_HOST_ISOLATED) != 0;
			n->down = (st & NET_HOST_DOWN) != 0;
			n->defaced = (st & NET_HOST_DEFACED) != 0;
			n->flooded = (st & NET_HOST_FLOODED) != 0;
			n->exposed = n->compromised && !n->isolated && !n->down;
			n->monitored = ui_tree_host_monitored(net, n->index);
		}
		if (parent[i] >= 0) {
			struct ui_node *p = &t->nodes[parent[i]];

			p->hosts += n->hosts;
			p->compromised += n->compromised;
			p->isolated += n->isolated;
			p->down += n->down;
			p->defaced += n->defaced;
			p->flooded += n->flooded;
			p->exposed += n->exposed;
			p->monitored |= n->monitored;
		}
	}
	free(parent);
	free(stack);
}

const struct ui_node *ui_tree_selected(const struct ui_tree *t)
{
	return t->nrows > 0 ? &t->nodes[t->rows[t->selected]] : NULL;
}

void ui_tree_move(struct ui_tree *t, int n)
{
	int s = t->selected + n;

	if (s >= t->nrows)
		s = t->nrows - 1;
	if (s < 0)
		s = 0;
	t->selected = s;
}

static int ui_tree_parent_row(const struct ui_tree *t, int row)
{
	int node = t->rows[row];

	for (int r = row - 1; r >= 0; r--)
		if (t->nodes[t->rows[r]].end > node && t->nodes[t->rows[r]].depth < t->nodes[node].depth)
			return r;
	return row;
}

void ui_tree_expand(struct ui_tree *t, bool open)
{
	struct ui_node *n;

	if (t->nrows == 0)
		return;
	n = &t->nodes[t->rows[t->selected]];
	if (!open && (n->kind == UI_NODE_HOST || !n->expanded)) {
		t->selected = ui_tree_parent_row(t, t->selected);
		n = &t->nodes[t->rows[t->selected]];
	}
	if (n->kind != UI_NODE_HOST)
		n->expanded = open;
	ui_tree_rows(t);
}

void ui_tree_toggle(struct ui_tree *t)
{
	const struct ui_node *n = ui_tree_selected(t);

	if (n && n->kind != UI_NODE_HOST)
		ui_tree_expand(t, !n->expanded);
}

bool ui_tree_select_host(struct ui_tree *t, int host)
{
	int node = -1;

	for (int i = 0; i < t->nnodes && node < 0; i++)
		if (t->nodes[i].kind == UI_NODE_HOST && t->nodes[i].index == host)
			node = i;
	if (node < 0)
		return false;
	for (int i = 0; i < node; i++)
		if (t->nodes[i].end > node)
			t->nodes[i].expanded = true;
	ui_tree_rows(t);
	for (int r = 0; r < t->nrows; r++)
		if (t->rows[r] == node)
			t->selected = r;
	return true;
}

void ui_tree_scroll(struct ui_tree *t, int height)
{
	if (height < 1)
		height = 1;
	if (t->selected < t->top)
		t->top = t->selected;
	if (t->selected >= t->top + height)
		t->top = t->selected - height + 1;
	if (t->top > t->nrows - height)
		t->top = t->nrows - height > 0 ? t->nrows - height : 0;
}

char ui_tree_symbol(const struct ui_node *n)
{
	if (n->exposed)
		return '!';
	if (n->defaced)
		return 'D';
	if (n->flooded)
		return '~';
	if (n->isolated)
		return 'I';
	if (n->down)
		return 'x';
	return '.';
}
