"""Words of the shell, shared by every page."""

from .. import routes

DEMO_NOTICE = (
    "Service de démonstration indépendant : ce site n'est pas le service officiel de la Caf. "
    "N'y saisissez pas vos vraies informations."
)
SKIP_LINK = "Aller au contenu"
CONTRAST = "Contraste"
APP_NAME = "Mon Compte allocataire (démonstration)"

# caf.fr's second header row, pointing to the blocks of the Allocataires home page.
HEADER_NAV = (
    ("Accueil", routes.HOME.path),
    ("Actualités", routes.HOME.at("a-la-une")),
    ("Aides et démarches", routes.HOME.at("thematiques")),
    ("Ma Caf", routes.HOME.at("nous-contacter")),
    ("Le magazine Vies de famille", routes.HOME.at("magazine")),
)

# What a person reads when the server cannot finish what they asked (nothing of theirs is lost: every
# draft is saved as it is typed, and a failed step writes nothing).
UNAVAILABLE = ("Le service est momentanément indisponible. Ce que vous avez saisi est conservé : "
               "réessayez dans quelques instants.")
STATE_LOST = ("Cette page est restée ouverte longtemps et doit être rechargée. Ce que vous avez saisi est "
              "conservé : elle se recharge.")
UNEXPECTED = ("Une erreur est survenue et votre demande n'a pas été prise en compte. Ce que vous avez saisi est "
              "conservé : réessayez. Si l'erreur continue, contactez votre Caf.")
