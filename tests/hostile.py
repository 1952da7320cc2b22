"""Hostile inputs sent through every field by the unit, integration and end-to-end tests."""

HOSTILE = [
    "",
    "   ",
    "A" * 5000,
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "'; DROP TABLE person; --",
    "1' OR '1'='1",
    "１８５０３７５１１２０４２",  # fullwidth digits that look like a NIR
    "1850375112О42",  # a Cyrillic О among digits
    "ЈОNAS DUCHAIS",  # Cyrillic J and O
    "\u202e2402115730581",  # right-to-left override
    "null",
    "../../etc/passwd",
    "%00",
    "🙂" * 20,
]
