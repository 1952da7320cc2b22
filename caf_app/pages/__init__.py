"""One module per route; each composes components."""
