"""Passwords, server-side sessions and login tickets."""
