"""Bank details: IBAN (ISO 7064 mod 97-10), the French RIB key inside a French IBAN, and the BIC.

python-stdnum checks the IBAN and the BIC; the RIB key, which stdnum does not know, and the messages are ours.
Each value is checked to be plain ASCII before stdnum sees it: stdnum would turn look-alike characters
(fullwidth digits, dashes of other scripts) into ASCII ones and accept them.
"""

from __future__ import annotations

import re

from stdnum import bic as stdnum_bic, iban as stdnum_iban
from stdnum.iso7064 import mod_97_10

from .errors import DomainError

_LETTERS = {c: str((i % 9) + 1) for i, c in enumerate("ABCDEFGHI")} | \
           {c: str((i % 9) + 1) for i, c in enumerate("JKLMNOPQR")} | \
           {c: str(i + 2) for i, c in enumerate("STUVWXYZ")}


def normalize_iban(text: str) -> str:
    return re.sub(r"[\s\-]", "", text or "").upper()


def iban_checksum_ok(iban: str) -> bool:
    """ISO 7064 mod 97-10 over the IBAN, its first 4 characters moved to the end."""
    return mod_97_10.is_valid(iban[4:] + iban[:4])


def rib_key(bank: str, branch: str, account: str) -> int:
    """97 - ((89 x bank + 15 x branch + 3 x account) mod 97), letters of the account mapped to digits."""
    account_digits = "".join(_LETTERS.get(c, c) for c in account.upper())
    return 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account_digits)) % 97


def parse_iban(text: str) -> str:
    """A French IBAN (FR + 2 + 23 characters) whose two checks are right; DomainError("iban", ...) else."""
    iban = normalize_iban(text)
    if not iban:
        raise DomainError("iban", "Saisissez votre IBAN.")
    if not re.fullmatch(r"FR\d{2}[0-9A-Z]{23}", iban, re.ASCII):
        raise DomainError("iban", "Un IBAN français commence par FR et compte 27 caractères, par exemple "
                                  "FR76 3000 3012 3400 0920 1001 015.")
    bank, branch, account, key = iban[4:9], iban[9:14], iban[14:25], iban[25:27]
    if not (bank.isdigit() and branch.isdigit() and key.isdigit()) or rib_key(bank, branch, account) != int(key):
        raise DomainError("iban", "La clé RIB de cet IBAN n'est pas bonne : vérifiez les chiffres saisis.")
    if not stdnum_iban.is_valid(iban):
        raise DomainError("iban", "Cet IBAN n'est pas valide : vérifiez les chiffres saisis.")
    return iban


def parse_bic(text: str) -> str:
    """8 or 11 letters and digits; the 5th and 6th letters name a country (ISO 3166), as stdnum checks."""
    bic = re.sub(r"\s", "", text or "").upper()
    if not (bic.isascii() and bic.isalnum() and stdnum_bic.is_valid(bic)):
        raise DomainError("bic", "Le BIC compte 8 ou 11 caractères, par exemple CCBPFRPPXXX.")
    return bic


def make_iban(bank: str, branch: str, account: str) -> str:
    """A valid French IBAN from its RIB parts (tests and demo data)."""
    bban = f"{bank}{branch}{account}{rib_key(bank, branch, account):02d}"
    return f"FR{stdnum_iban.calc_check_digits('FR00' + bban)}{bban}"
