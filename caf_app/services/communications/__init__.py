"""Communications: courriers, agenda, contacting the Caf."""
