"""Pure domain rules: no reflex, no sqlmodel, no I/O."""
