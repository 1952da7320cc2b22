"""Mon Compte Partenaire: organisations habilitated by a Caf (habilitations.py) and what their staff may read of an
allocataire's dossier (cdap.py), each consultation recorded and shown to the allocataire."""
