"""Mot de passe oublié wording: one sentence for everyone, whether an account exists or not."""

CHANNEL_LEGEND = "Vous avez perdu votre mot de passe ? Nous allons vous envoyer un code de vérification par :"
GENERIC = ("Si les informations saisies correspondent à un compte Mon Compte, le code est envoyé à l'adresse "
           "électronique ou au numéro de téléphone portable enregistrés dans votre dossier. Si ces coordonnées ont "
           "changé, contactez votre Caf pour les mettre à jour : le code ne peut pas être envoyé ailleurs.")
CODE_SENT = "Saisissez le code de vérification que nous venons de vous envoyer "
CODE_SENT_END = ", aux coordonnées enregistrées dans votre dossier."
NOTHING_RECEIVED = ("Vérifiez que ce moyen est bien enregistré dans votre dossier, ou choisissez l'autre.")

# The courrier: a code printed on a letter to the postal address of the dossier (security/letter_codes.py).
LETTER_CHANNEL = "Par courrier, à l'adresse postale de votre dossier (le code est valable 15 jours)"
LETTER_SENT_TITLE = "Un courrier va vous être envoyé"
LETTER_SENT = ("Si les informations saisies correspondent à un compte Mon Compte, un courrier contenant un code de "
               "vérification est envoyé à l'adresse postale enregistrée dans votre dossier. Il arrive en général en "
               "2 à 5 jours et le code est valable 15 jours. Un seul courrier est envoyé à la fois : si vous en avez "
               "déjà demandé un, utilisez le code qu'il contient.")
LETTER_COME_BACK = ("Quand vous l'aurez reçu, revenez sur cette page, renseignez les mêmes informations, puis "
                    "choisissez « J'ai reçu un code par courrier ».")
LETTER_RECEIVED = "J'ai reçu un code par courrier"
LETTER_CODE_TITLE = "Saisir le code reçu par courrier"
LETTER_CODE_LABEL = "Code figurant sur le courrier"
LETTER_CODE_HINT = "8 lettres et chiffres, par exemple ACDE-3467"
# The same refusal for every wrong code, whoever the identity typed is: a precise one would say an account exists.
LETTER_CODE_REFUSED = ("Ce code n'est pas valable. Vérifiez votre saisie : le code est imprimé sur le courrier, il est "
                       "valable 15 jours et 5 essais. Sinon, demandez un nouveau courrier.")
LETTER_SUBJECT = "Votre code pour retrouver votre identifiant ou votre mot de passe Mon Compte"
LETTER_BODY = (
    "Vous avez demandé à retrouver votre identifiant ou votre mot de passe Mon Compte sur le site de la Caf.\n\n"
    "Votre code de vérification : {code}\n"
    "Il est valable jusqu'au {until} et ne peut servir qu'une fois.\n\n"
    "Pour l'utiliser, revenez sur « {page} », renseignez les mêmes informations, puis choisissez « J'ai reçu un "
    "code par courrier ».\n\n"
    "Si vous n'avez rien demandé, ne communiquez ce code à personne et contactez votre Caf au 3230.")
# What « Mes courriers et courriels » keeps of that letter: never the code (other members of the dossier read it).
LETTER_RECORD_SUBJECT = "Code de vérification envoyé par courrier"
LETTER_RECORD_BODY = (
    "Nous avons envoyé par courrier à {name} un code de vérification pour retrouver son identifiant ou son mot de "
    "passe Mon Compte. Il est valable jusqu'au {until}. Si personne n'a fait cette demande, contactez votre Caf au "
    "3230.")

# The seed: "Si les coordonnées de contact ont changé : demander par mail (non-allocataire) ou par téléphone à la
# Caf de mettre à jour les nouvelles coordonnées de contact pour recevoir un code de sécurité".
CONTACTS_CHANGED = "Vos coordonnées ont changé ?"
CONTACTS_CHANGED_LINES = (
    "Le code ne peut être envoyé qu'aux coordonnées enregistrées dans votre dossier, jamais à d'autres.",
    "Si votre adresse postale est toujours la bonne, choisissez le courrier.",
    "Sinon, demandez à votre Caf de mettre à jour vos coordonnées : par téléphone au 3230 (service gratuit et prix "
    "d'un appel) si vous êtes allocataire, ou par courriel depuis le site caf.fr si vous ne l'êtes pas encore.",
    "Une fois vos coordonnées mises à jour, recommencez cette démarche pour recevoir votre code.",
)

# Identifiant provisoire oublié ?
IDENTIFIER_TITLE = "Identifiant provisoire oublié"
IDENTIFIER_INTRO = ("Vous avez créé votre compte sans numéro de Sécurité sociale et vous avez oublié votre "
                    "identifiant provisoire (la lettre P suivie de 8 chiffres) ? Renseignez votre état civil : nous "
                    "vous envoyons un code de vérification, puis nous vous affichons votre identifiant.")
IDENTIFIER_FOUND_TITLE = "Votre identifiant provisoire"
IDENTIFIER_KEEP = ("Conservez-le bien : il vous permet de vous connecter à Mon Compte, avec le bouton « J'ai un "
                   "identifiant provisoire », jusqu'à l'attribution de votre numéro de Sécurité sociale.")
IDENTIFIER_NEW_PASSWORD = "Vous avez aussi oublié votre mot de passe ?"
PROVISIONAL_TOGGLE = "J'ai un identifiant provisoire"
FORGOT_IDENTIFIER = "Identifiant provisoire oublié ?"

# Point 3: once a NIR is assigned, which identifier to use.
NIR_NOW = ("Un numéro de Sécurité sociale vous a été attribué : connectez-vous désormais avec lui et votre mot de "
           "passe habituel. Votre identifiant provisoire {provisional} reste accepté jusqu'au {until}, puis il ne le "
           "sera plus.")
NIR_ONLY = ("Votre identifiant provisoire n'est plus accepté depuis le {until} : un numéro de Sécurité sociale vous a "
            "été attribué. Connectez-vous avec ce numéro (bouton « Retour ») et votre mot de passe habituel. S'il ne "
            "fonctionne pas, utilisez « Mot de passe oublié ? ».")
PROVISIONAL_ONLY = ("Connectez-vous avec votre identifiant provisoire (bouton « J'ai un identifiant provisoire ») "
                    "jusqu'à l'attribution de votre numéro de Sécurité sociale.")
CONNEXION_TRANSITION = ("Vous avez reçu votre numéro de Sécurité sociale ? Connectez-vous avec lui (bouton « Retour ») "
                        "et votre mot de passe habituel : votre identifiant provisoire reste accepté pendant 6 mois "
                        "après l'attribution du numéro, puis il ne l'est plus.")
NIR_ASSIGNED_SUBJECT = "Votre numéro de Sécurité sociale remplace votre identifiant provisoire"
NIR_ASSIGNED_BODY = (
    "Votre numéro de Sécurité sociale est désormais enregistré dans votre dossier. Connectez-vous à Mon Compte avec "
    "ce numéro (les 13 premiers caractères, sans la clé) et votre mot de passe habituel : vous le trouverez sur "
    "votre carte Vitale, sur votre attestation de droits à l'Assurance maladie et dans « Mon profil ».\n\n"
    "Votre identifiant provisoire {provisional} reste accepté jusqu'au {until}, puis il ne le sera plus.")
NIR_ASSIGNED_MAIL = ("Votre numéro de Sécurité sociale est désormais enregistré dans votre dossier Caf : "
                     "connectez-vous à Mon Compte avec lui. Votre identifiant provisoire reste accepté jusqu'au "
                     "{until}. Le détail est dans « Mes courriers et courriels ».")
