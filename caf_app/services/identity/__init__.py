"""Identity and access: login, sessions, devices, FranceConnect+, passkeys, recovery, signup, délégation."""

# Wherever sessions, accounts or members change (the app, its API routes, a script), the hook that voids the
# instances' memory of checked sessions is registered (session_cache.py).
from . import session_cache  # noqa: E402, F401
