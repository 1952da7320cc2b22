"""Mon Compte Partenaire (issue 23): the partners' staff's own entry, pages and states (/partenaires)."""
