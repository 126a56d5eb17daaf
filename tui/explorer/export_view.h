/* `e` and `:export [FORMAT] [FILE]`: the view on screen as a Graphviz
 * diagram, through the same subgraph selection and renderer as
 * `agx export` (graph/subgraph.h, graph/export_gv.h), written atomically.
 * What is exported follows what is shown: the focused node's ego view on
 * the node tabs and the Graph tab (at its depth), the pair (its evidence)
 * on Overlaps and why, the cluster on Clusters. */
#ifndef EXPORT_VIEW_H
#define EXPORT_VIEW_H
struct app;

/* Runs the export; the outcome goes to the message line. Returns flags. */
unsigned export_view_command(struct app *a, const char *arg);
#endif
