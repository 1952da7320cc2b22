"""Créer Mon Compte wording for a person the Caf already knows: how they prove who they are."""

PROOF_TITLE = "Vérifier votre identité"
PROOF_INTRO = (
    "Vous êtes déjà connu(e) de la Caf. Pour sécuriser la création de votre compte, nous vérifions qu'il s'agit bien "
    "de vous avec les coordonnées enregistrées dans votre dossier : elles ne peuvent pas être modifiées ici.")
PROOF_LEGEND = "Je choisis comment recevoir mon code de vérification"
PROOF_CHOICES = {
    "email": "Par courriel, à l'adresse enregistrée dans mon dossier",
    "sms": "Par SMS, au numéro de téléphone portable enregistré dans mon dossier",
    "courrier": "Par courrier, à l'adresse postale de mon dossier (le code est valable 15 jours)",
}
PROOF_LABELS = {  # completes "Saisissez le code de vérification que nous venons de vous envoyer …"
    "email": "par courriel, à l'adresse enregistrée dans votre dossier",
    "sms": "par SMS, au numéro de téléphone portable enregistré dans votre dossier",
}
PROOF_CHANGED = ("Ces coordonnées ne sont plus les vôtres ? Choisissez le courrier, ou contactez votre Caf pour les "
                 "mettre à jour.")
PROOF_NONE = ("Aucune coordonnée de votre dossier ne permet de vous envoyer un code. Contactez votre Caf, ou "
              "identifiez-vous avec FranceConnect+.")
PROOF_FRANCECONNECT = "Avec FranceConnect+, votre identité est vérifiée sans code."
CHOOSE_PROOF = "Choisissez comment recevoir votre code de vérification."
LETTER_RECEIVED = "J'ai reçu un code par courrier"

LETTER_SENT_TITLE = "Un courrier va vous être envoyé"
LETTER_SENT = ("Un courrier contenant votre code de vérification va être envoyé à l'adresse postale de votre dossier. "
               "Il arrive en général en 2 à 5 jours. Le code est valable jusqu'au ")
LETTER_COME_BACK = ("Quand vous l'aurez reçu, revenez sur Créer Mon Compte, renseignez votre état civil, puis "
                    "choisissez « J'ai reçu un code par courrier ».")
LETTER_CODE_TITLE = "Code reçu par courrier"
LETTER_CODE_INTRO = "Saisissez le code de vérification imprimé sur le courrier que nous vous avons envoyé."
LETTER_CODE_LABEL = "Code figurant sur le courrier"
LETTER_CODE_HINT = "8 lettres et chiffres, par exemple ACDE-3467"

LETTER_SUBJECT = "Votre code pour créer votre compte Mon Compte"
LETTER_BODY = (
    "Vous avez demandé à créer votre compte Mon Compte sur le site de la Caf.\n\n"
    "Votre code de vérification : {code}\n"
    "Il est valable jusqu'au {until} et ne peut servir qu'une fois.\n\n"
    "Pour l'utiliser, rendez-vous sur Créer Mon Compte, renseignez votre état civil, puis choisissez « J'ai reçu un "
    "code par courrier ».\n\n"
    "Si vous n'avez rien demandé, ne communiquez ce code à personne et contactez votre Caf.")
CODE_MESSAGE = ("Pour créer votre compte Mon Compte, saisissez le code {code}. Il est valable 10 minutes. Si vous "
                "n'avez rien demandé, ignorez ce message et contactez votre Caf.")
CREATED_SUBJECT = "Votre compte Mon Compte a été créé"
CREATED_MESSAGE = ("Votre compte Mon Compte vient d'être créé. Si ce n'est pas vous qui l'avez créé, contactez "
                   "votre Caf sans attendre.")
KEPT_CONTACTS = "Celles de votre dossier, inchangées"

# A first-time applicant creates their account inside a demande de prestation (the seed's rule).
FIRST_DEMANDE = ("Tout primo demandeur doit obligatoirement faire une demande de prestation pour pouvoir créer son "
                 "compte.")
FIRST_DEMANDE_LINK = "Faire une demande de prestation"
MEMBERS_ONLY = ("Vous faites partie du dossier d'un allocataire (conjoint, enfant de plus de 15 ans, personne à "
                "charge) ? Vous pouvez créer votre compte directement.")
FOR_DEMANDE = ("Vous créez votre compte pour faire votre demande de prestation. Une fois votre compte créé, vous "
               "continuez votre demande.")
CONTINUE_DEMANDE = "Continuer ma demande"
