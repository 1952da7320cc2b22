"""Bank details: IBAN (ISO 7064 mod 97-10), the French RIB key inside a French IBAN, and the BIC."""

from __future__ import annotations

import re

from .errors import DomainError

_LETTERS = {c: str((i % 9) + 1) for i, c in enumerate("ABCDEFGHI")} | \
           {c: str((i % 9) + 1) for i, c in enumerate("JKLMNOPQR")} | \
           {c: str(i + 2) for i, c in enumerate("STUVWXYZ")}


def normalize_iban(text: str) -> str:
    return re.sub(r"[\s\-]", "", text or "").upper()


def iban_checksum_ok(iban: str) -> bool:
    rearranged = iban[4:] + iban[:4]
    digits = "".join(str(int(c, 36)) for c in rearranged)
    return int(digits) % 97 == 1


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
    if not iban_checksum_ok(iban):
        raise DomainError("iban", "Cet IBAN n'est pas valide : vérifiez les chiffres saisis.")
    return iban


def parse_bic(text: str) -> str:
    bic = re.sub(r"\s", "", text or "").upper()
    if not re.fullmatch(r"[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?", bic, re.ASCII):
        raise DomainError("bic", "Le BIC compte 8 ou 11 caractères, par exemple CCBPFRPPXXX.")
    return bic


def make_iban(bank: str, branch: str, account: str) -> str:
    """A valid French IBAN from its RIB parts (tests and demo data)."""
    bban = f"{bank}{branch}{account}{rib_key(bank, branch, account):02d}"
    digits = "".join(str(int(c, 36)) for c in bban + "FR00")
    return f"FR{98 - int(digits) % 97:02d}{bban}"
