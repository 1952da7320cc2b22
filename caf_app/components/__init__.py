"""Functions returning rx.Component. `ui/` holds our accessible primitives."""
