"""Bytes in, bytes out: images made or processed with Pillow."""
