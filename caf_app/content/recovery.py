"""Mot de passe oublié wording: one sentence for everyone, whether an account exists or not."""

CHANNEL_LEGEND = "Vous avez perdu votre mot de passe ? Nous allons vous envoyer un code de vérification par :"
GENERIC = ("Si les informations saisies correspondent à un compte Mon Compte, le code est envoyé à l'adresse "
           "électronique ou au numéro de téléphone portable enregistrés dans votre dossier. Si ces coordonnées ont "
           "changé, contactez votre Caf pour les mettre à jour : le code ne peut pas être envoyé ailleurs.")
CODE_SENT = "Saisissez le code de vérification que nous venons de vous envoyer "
CODE_SENT_END = ", aux coordonnées enregistrées dans votre dossier."
NOTHING_RECEIVED = ("Vérifiez que ce moyen est bien enregistré dans votre dossier, ou choisissez l'autre.")
