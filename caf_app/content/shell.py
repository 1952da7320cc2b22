"""Words of the shell, shared by every page."""

from .. import routes

DEMO_NOTICE = (
    "Service de démonstration indépendant : ce site n'est pas le service officiel de la Caf. "
    "N'y saisissez pas vos vraies informations."
)
SKIP_LINK = "Aller au contenu"
CONTRAST = "Contraste"
APP_NAME = "Mon Compte allocataire (démonstration)"

# caf.fr's second header row: the public site's sections (Ma Caf: the Caf chosen on this device).
HEADER_NAV = (
    ("Accueil", routes.HOME.path),
    ("Actualités", routes.ACTUALITES.path),
    ("Aides et démarches", routes.AIDES_ET_DEMARCHES.path),
    ("Ma Caf", routes.MA_CAF.path),
    ("Le magazine Vies de famille", routes.MAGAZINE.path),
)

# What a person reads when the server cannot finish what they asked (nothing of theirs is lost: every
# draft is saved as it is typed, and a failed step writes nothing).
UNAVAILABLE = ("Le service est momentanément indisponible. Ce que vous avez saisi est conservé : "
               "réessayez dans quelques instants.")
STATE_LOST = ("Cette page est restée ouverte longtemps et doit être rechargée. Ce que vous avez saisi est "
              "conservé : elle se recharge.")
UNEXPECTED = ("Une erreur est survenue et votre demande n'a pas été prise en compte. Ce que vous avez saisi est "
              "conservé : réessayez. Si l'erreur continue, contactez votre Caf.")

# The footer's links to the public site's pages and to the partners' sites the seed names.
FOOTER_CONTENT = (("Nous connaître", routes.content_address("pages", "nous-connaitre")),
                  ("Découvrir l'appli mobile Caf – Mon Compte", routes.content_address("pages", "appli-mobile")))
FOOTER_PARTNERS = (("monenfant.fr", "https://monenfant.fr"),
                   ("pension-alimentaire.caf.fr (Agence des pensions alimentaires)",
                    "https://www.pension-alimentaire.caf.fr"))
