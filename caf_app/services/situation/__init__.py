"""Declarations and changes: déclarations trimestrielles, changements de situation, profil."""
