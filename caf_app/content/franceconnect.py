"""FranceConnect+ wording: the button, the explanation, and what each way a login can end says."""

BUTTON = "S'identifier avec FranceConnect+"
WHAT = "Qu'est-ce que FranceConnect+ ?"
EXPLANATION = (
    "FranceConnect+ est la solution proposée par l'État pour sécuriser et simplifier la connexion à vos services en "
    "ligne. Vous vous identifiez avec une identité numérique d'un niveau de sécurité renforcé (par exemple "
    "L'Identité Numérique La Poste ou France Identité) : vous n'avez pas besoin de votre mot de passe Caf, ni d'un "
    "code sur un nouvel appareil.")
UNAVAILABLE_HERE = "La connexion avec FranceConnect+ n'est pas configurée sur ce serveur."
SIGNUP_PREFILLED = ("Les informations connues de votre identité numérique sont pré-remplies et ne peuvent pas être "
                    "modifiées ici.")

# /connexion?franceconnect=<reason>: (message, is it an error)
OUTCOMES = {
    "lier": ("Première connexion avec FranceConnect+ : connectez-vous une fois avec votre numéro de sécurité sociale "
             "et votre mot de passe. Votre compte sera ensuite lié à FranceConnect+.", False),
    "annule": ("Vous avez annulé la connexion avec FranceConnect+. Vous pouvez réessayer, ou vous connecter avec votre "
               "numéro de sécurité sociale et votre mot de passe.", True),
    "etat": ("La connexion avec FranceConnect+ n'a pas pu être vérifiée : le lien a expiré, a déjà servi ou a été "
             "modifié. Recommencez avec le bouton « S'identifier avec FranceConnect+ ».", True),
    "code": ("La connexion avec FranceConnect+ a expiré ou a déjà été utilisée. Recommencez avec le bouton "
             "« S'identifier avec FranceConnect+ ».", True),
    "niveau": ("Votre identité numérique n'offre pas un niveau de sécurité suffisant pour Mon Compte (FranceConnect+ "
               "demande le niveau « substantiel » ou « élevé »). Choisissez une autre identité numérique, ou "
               "connectez-vous avec votre numéro de sécurité sociale et votre mot de passe.", True),
    "indisponible": ("FranceConnect+ ne répond pas pour le moment. Réessayez plus tard, ou connectez-vous avec votre "
                     "numéro de sécurité sociale et votre mot de passe.", True),
    "erreur": ("La connexion avec FranceConnect+ a échoué. Réessayez, ou connectez-vous avec votre numéro de sécurité "
               "sociale et votre mot de passe.", True),
}
