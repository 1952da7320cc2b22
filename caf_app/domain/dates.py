"""Dates in French: "05/04/2022", "juillet 2017", "Pour la période de Juillet 2017 à Mars 2019",
"Pour le mois d'Octobre 2026"."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

# The Caf's time zone: its days, deadlines and the times people read are Paris ones. Defined here, in the pure
# domain (which imports nothing outside domain/ and needs it to word times), and read everywhere else through
# caf_app/clock.py, which also tells the current time.
PARIS = ZoneInfo("Europe/Paris")

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


def age_on(birth: date, today: date) -> int:
    """Full years on `today` (someone born on 29 February turns a year older on 1 March)."""
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def format_time(value: datetime) -> str:
    return value.strftime("%Hh%M")


def format_month(value: date, *, capital: bool = False) -> str:
    text = f"{month_name(value.month)} {value.year}"
    return text[0].upper() + text[1:] if capital else text


# Before these, "de" becomes "d'" (months: avril, août, octobre). No "h": most words in h- keep "de".
_ELIDING = frozenset("aeiouyàâäéèêëîïôöùûüœæAEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŒÆ")


def with_de(text: str) -> str:
    """"de Juillet 2017", but "d'Octobre 2026", "d'avril, mai, juin 2026": "de" elided before a vowel."""
    return f"d'{text}" if text[:1] in _ELIDING else f"de {text}"


def format_period(start: date, end: date) -> str:
    """The seed's wording of a payment period ("Pour le mois de Septembre 2026", "Pour le mois d'Août 2026")."""
    if (start.year, start.month) == (end.year, end.month):
        return f"Pour le mois {with_de(format_month(start, capital=True))}"
    return f"Pour la période {with_de(format_month(start, capital=True))} à {format_month(end, capital=True)}"


def format_day_period(start: date, end: date) -> str:
    """"du 01/10/2026 au 31/10/2026"."""
    return f"du {format_date(start)} au {format_date(end)}"


def first_of_month(value: date) -> date:
    return value.replace(day=1)


def add_months(value: date, months: int) -> date:
    """First day of the month `months` after (or before) the month of `value`."""
    index = value.year * 12 + value.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def easter_sunday(year: int) -> date:
    """Easter Sunday of the Gregorian calendar (the anonymous algorithm, « Meeus/Jones/Butcher »)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def public_holidays(year: int) -> set[date]:
    """The eleven jours fériés of the Code du travail, art. L. 3133-1 (metropolitan France)."""
    easter = easter_sunday(year)
    fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]
    return {date(year, month, day) for month, day in fixed} | {
        easter + timedelta(days=1), easter + timedelta(days=39), easter + timedelta(days=50)}


def is_working_day(value: date) -> bool:
    return value.weekday() < 5 and value not in public_holidays(value.year)


def nearest_working_day(value: date) -> date:
    """The day itself when it is worked, else the nearest worked day (the earlier one when two are as near)."""
    for shift in range(0, 8):
        for candidate in (value - timedelta(days=shift), value + timedelta(days=shift)):
            if is_working_day(candidate):
                return candidate
    raise ValueError(value)  # never: no week without a worked day


PAYMENT_DAY = 5


def payment_day(month: date) -> date:
    """The run of a month pays on the 5th of that month, or the nearest working day when the 5th is a Saturday, a
    Sunday or a jour férié (arrêté du 29 juin 1994, art. 1: services/payments/paiements.PAYMENT_DATES_HELP)."""
    return nearest_working_day(month.replace(day=PAYMENT_DAY))
