"""Dossier and payments: droits, paiements, dettes, relevés and attestations."""
