"""Words of the shell, shared by every page."""

DEMO_NOTICE = (
    "Service de démonstration indépendant : ce site n'est pas le service officiel de la Caf. "
    "N'y saisissez pas vos vraies informations."
)
SKIP_LINK = "Aller au contenu"
CONTRAST = "Contraste"
APP_NAME = "Mon Compte allocataire (démonstration)"

# The bottom navigation of the app, in the seed's order: key, label, route, lucide icon.
BOTTOM_NAV = (
    ("accueil", "Accueil", "/mon-compte", "house"),
    ("allocations", "Allocations", "/allocations", "euro"),
    ("demarches", "Démarches", "/demarches", "folder-open"),
    ("profil", "Profil", "/profil", "user"),
    ("menu", "Menu", "/menu", "menu"),
)

# caf.fr's second header row, pointing to the blocks of the Allocataires home page.
HEADER_NAV = (
    ("Accueil", "/"),
    ("Actualités", "/#a-la-une"),
    ("Aides et démarches", "/#thematiques"),
    ("Ma Caf", "/#nous-contacter"),
    ("Le magazine Vies de famille", "/#magazine"),
)

# What a person reads when the server cannot finish what they asked (nothing of theirs is lost: every
# draft is saved as it is typed, and a failed step writes nothing).
UNAVAILABLE = ("Le service est momentanément indisponible. Ce que vous avez saisi est conservé : "
               "réessayez dans quelques instants.")
UNEXPECTED = ("Une erreur est survenue et votre demande n'a pas été prise en compte. Ce que vous avez saisi est "
              "conservé : réessayez. Si l'erreur continue, contactez votre Caf.")
