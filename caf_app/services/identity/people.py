"""Persons: names as the seed shows them ("JONAS DUCHAIS")."""

from __future__ import annotations

from sqlmodel import Session

from ... import models as m


def full_name(person) -> str:
    """A person, or a row with their first_names, usage_name and birth_name."""
    last = person.usage_name or person.birth_name
    return f"{person.first_names} {last}"


def display_name(*, session: Session, person_id: int) -> str:
    person = session.get(m.Person, person_id)
    return full_name(person) if person else ""
