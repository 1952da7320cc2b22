"""`python -m caf_app.payments --month 2026-12`: le versement mensuel (see __main__.py, and caf_app/jobs)."""
