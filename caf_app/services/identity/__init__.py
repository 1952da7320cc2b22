"""Identity and access: login, sessions, devices, FranceConnect+, passkeys, recovery, signup, délégation."""
