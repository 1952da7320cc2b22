"""Démarches and documents: the follow-up of démarches, documents sent to the Caf."""
