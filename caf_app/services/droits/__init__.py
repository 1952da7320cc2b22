"""Droits computed from the rules: the dossier's household for a month (household.py), the OpenFisca request of a
batch of households with its amounts, motifs and causes (compute.py), and the recomputation that writes the
droits, the changes with their causes, the rappels and the indus (recompute.py)."""
