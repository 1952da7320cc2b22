"""The database engine for scripts and routes outside Reflex's event handlers (seed, API routes)."""

from __future__ import annotations

import functools

import sqlalchemy
from sqlmodel import create_engine

from .settings import get_settings


@functools.cache
def engine() -> sqlalchemy.Engine:
    url = get_settings().db_url
    connect_args = {"check_same_thread": False} if url.startswith("sqlite") else {}
    return create_engine(url, connect_args=connect_args, pool_pre_ping=True)
