/*
 * ui_tree.h - the network as a tree for the console: province → district
 * → commune, data center → zone → host, each node with the state of the
 * hosts beneath it.
 *
 * Built once from the model's shape (which never changes during a
 * drill); only the expanded flags and the selection change, and the
 * state summary is refreshed from the hosts' states when they change.
 * A site's hosts are grouped by zone when it has more than one.  No
 * terminal here.  Depends on net.
 */
#ifndef UI_TREE_H
#define UI_TREE_H

#include <stdbool.h>

#include "net.h"

enum ui_node_kind { UI_NODE_SITE, UI_NODE_ZONE, UI_NODE_HOST };

struct ui_node {
	enum ui_node_kind kind;
	int index;     /* site, zone (net->zones) or host index */
	int site;      /* the site it belongs to */
	int depth;
	int end;       /* one past its last descendant in the node array */
	bool expanded;
	/* The hosts beneath (or the host itself): how many, how many in
	 * each state, and whether any serves a system the SOC monitors. */
	int hosts, compromised, isolated, down, defaced, flooded;
	int exposed; /* compromised, neither isolated nor down */
	bool monitored;
};

struct ui_tree {
	struct ui_node *nodes; /* depth-first, owned */
	int nnodes;
	int *rows;             /* the visible nodes, owned */
	int nrows;
	int selected;          /* row */
	int top;               /* first row on screen */
};

void ui_tree_build(struct ui_tree *t, const struct net *net);
void ui_tree_free(struct ui_tree *t);
/* Recount the states from the hosts. */
void ui_tree_summarise(struct ui_tree *t, const struct net *net);

/* The selected node, or NULL when the tree is empty. */
const struct ui_node *ui_tree_selected(const struct ui_tree *t);
/* Move the selection by n rows (clamped). */
void ui_tree_move(struct ui_tree *t, int n);
/* Open or close the selected node; closing a leaf closes its parent. */
void ui_tree_expand(struct ui_tree *t, bool open);
void ui_tree_toggle(struct ui_tree *t);
/* Select a host, opening the nodes above it; false if there is none. */
bool ui_tree_select_host(struct ui_tree *t, int host);
/* Keep the selection within `height` rows from top. */
void ui_tree_scroll(struct ui_tree *t, int height);

/* A host's state as one symbol (shown with or without colour):
 * '!' compromised and not contained, 'D' defaced, '~' flooded,
 * 'I' isolated, 'x' down, '.' in service. */
char ui_tree_symbol(const struct ui_node *n);

#endif
