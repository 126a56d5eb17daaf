/* Names guessed from a file name take the publisher's spelling when the
 * data holds one. maltrail's apt_stonedrill.txt makes an actor whose only
 * spelling is the file's ("stonedrill", shown "Stonedrill"); when another
 * source spells the same name key with capitals or spaces ("StoneDrill"
 * the malware, "PittyTiger" a galaxy synonym), the actor takes that
 * spelling. Actors with an identity of their own (NODE_F_STRONG_ID) keep
 * their names: their publisher spelt them.
 *
 * The graph is changed in place (node labels only); nothing is allocated
 * that outlives the call. */
#ifndef RESPELL_H
#define RESPELL_H
#include "graph/graph.h"

/* Respells every actor without an identity of its own whose name key some
 * other node or alias claim spells better; the choice does not depend on
 * load order. Returns the count respelt. */
size_t respell_guessed_names(struct graph *g);
#endif
