"""Use cases: keyword-only functions, session passed in, policy checked first, small dataclasses out."""
