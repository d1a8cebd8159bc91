// Ranking module. See ../../../shared/DESIGN.md for its place in the flow.
