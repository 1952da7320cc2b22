"""Accessible primitives: links, fields, buttons."""
