"""`python -m caf_app.gestion create-agent --login agent.13 --name "…" --caf 13 [--role superviseur]`: a Caf's agent
(no self-signup); the password is asked (or read from CAF_AGENT_PASSWORD), the authenticator's key printed once.
`python -m caf_app.gestion code LOGIN`: the current code of a DEMO agent (refused outside the demo)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

import pyotp
from sqlmodel import Session

from ..db import engine
from ..domain.errors import DomainError
from ..seed import demo_totp_secret
from ..services.gestion import agents
from ..settings import get_settings


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m caf_app.gestion")
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create-agent", help="créer un agent ou un superviseur d'une Caf")
    create.add_argument("--login", required=True)
    create.add_argument("--name", required=True)
    create.add_argument("--caf", required=True, help="le département de la Caf (13, 92, 2A…)")
    create.add_argument("--role", choices=("agent", "superviseur"), default="agent")
    code = commands.add_parser("code", help="le code du moment d'un agent de démonstration")
    code.add_argument("login")
    args = parser.parse_args(argv)
    if args.command == "code":
        if not get_settings().outbox_page:
            print("Réservé à la démonstration (CAF_DEMO_OUTBOX).", file=sys.stderr)
            return 2
        print(pyotp.TOTP(demo_totp_secret(args.login)).now())
        return 0
    password = os.environ.get("CAF_AGENT_PASSWORD") or getpass.getpass("Mot de passe de l'agent : ")
    try:
        with Session(engine()) as session:
            made = agents.create_agent(session=session, login=args.login, name=args.name, departement=args.caf,
                                       role=args.role, password=password, key=get_settings().secret_key)
    except DomainError as error:
        print(error.message, file=sys.stderr)
        return 1
    print(f"{made.role} {made.login} créé pour la {made.caf}.")
    print(f"Clé de l'application d'authentification (à saisir une fois) : {made.totp_secret}")
    print(f"Ou ce lien (QR code) : {made.totp_uri}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
