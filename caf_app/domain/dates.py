"""Dates in French: "05/04/2022", "juillet 2017", "Pour la période de Juillet 2017 à Mars 2019"."""

from __future__ import annotations

from datetime import date, datetime

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)


def month_name(month: int) -> str:
    return MONTHS[month - 1]


def format_date(value: date) -> str:
    """05/04/2022, as the seed shows dates."""
    return value.strftime("%d/%m/%Y")


def format_long_date(value: date) -> str:
    """"5 avril 2022" (1er for the first day), for FALC and sentences."""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {month_name(value.month)} {value.year}"


def format_time(value: datetime) -> str:
    return value.strftime("%Hh%M")


def format_month(value: date, *, capital: bool = False) -> str:
    text = f"{month_name(value.month)} {value.year}"
    return text[0].upper() + text[1:] if capital else text


def format_period(start: date, end: date) -> str:
    """The seed's wording of a payment period."""
    if (start.year, start.month) == (end.year, end.month):
        return f"Pour le mois de {format_month(start, capital=True)}"
    return f"Pour la période de {format_month(start, capital=True)} à {format_month(end, capital=True)}"


def first_of_month(value: date) -> date:
    return value.replace(day=1)


def add_months(value: date, months: int) -> date:
    """First day of the month `months` after (or before) the month of `value`."""
    index = value.year * 12 + value.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)
