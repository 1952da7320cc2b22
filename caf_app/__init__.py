"""caf_app: an independent demonstration of the Caf "Mon Compte" services, written with Reflex."""
