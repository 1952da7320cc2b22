"""The Caf's side: the agents' pages and states under /gestion (their services are in services/gestion)."""
