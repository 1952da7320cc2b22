"""rx.State subclasses, thin: a handler opens a database session, calls one service, stores the result."""
