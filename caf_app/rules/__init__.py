"""The State's rules as code: the only client of the OpenFisca-France service (client.py), the household and its
test case (situation.py), what is computed (catalogue.py), simulations (simulate.py) and the why of an amount
(explain.py). OpenFisca itself runs in its own process and virtualenv (server.py): it is AGPL-3.0 and pins its
own numpy and pytest, so it is reached over HTTP only, never imported here."""
