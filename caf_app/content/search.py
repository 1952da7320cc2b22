"""Words of the site search (/recherche) and of the assistant (« Une question ? »)."""

TITLE = "Rechercher"
LABEL = "Que cherchez-vous ?"
HINT = "Par exemple : prime d'activité, attestation, déménagement."
EMPTY = "Saisissez ce que vous cherchez, par exemple « prime d'activité »."
TOO_LONG = "Votre recherche est limitée à 200 caractères : seul le début a été cherché."
NOTHING = "Aucun résultat. Vérifiez l'orthographe ou essayez un autre mot, plus simple."
CORRECTED = "Recherche faite avec : "

ASSISTANT_TITLE = "Une question ?"
ASSISTANT_INTRO = ("Posez votre question en quelques mots. Les réponses viennent des questions fréquentes et des "
                   "fiches de ce site, avec leur source. Votre question n'est pas conservée.")
ASSISTANT_LABEL = "Votre question"
ASSISTANT_EMPTY = "Écrivez votre question, par exemple « Quand ma prestation est-elle versée ? »."
DONT_KNOW = "Je ne sais pas répondre à cette question."
DONT_KNOW_NEXT = ("Vous pouvez chercher sur le site, ou contacter votre Caf : par téléphone au 3230 (service gratuit "
                  "+ prix d'un appel, du lundi au vendredi de 9h à 16h30), ou par écrit.")
SOURCE = "Source : "

# The kinds of result, in the order the results page shows them.
KINDS = ("Droits et prestations", "Ma situation", "Questions fréquentes", "Services en ligne", "Thématiques",
         "Actualités", "Magazine", "La Caf")
# Section of content/ -> kind.
KIND_OF_SECTION = {"prestations": "Droits et prestations", "situations": "Ma situation",
                   "thematiques": "Thématiques", "actualites": "Actualités", "magazine": "Magazine", "pages": "La Caf",
                   "professionnels": "Professionnels"}
# The online services a person may be looking for by name (route attribute -> what it is for).
SERVICES = {
    "SIMULER": "Estimez vos droits à la prime d'activité, au Rsa, à l'aide au logement, à la Paje, aux allocations "
               "familiales ou à l'AAH, avec les règles de l'État.",
    "DEMANDES": "Faites une demande de prestation en ligne : aide au logement, prime d'activité, Rsa, AAH, Paje, "
                "complément mode de garde, allocation de soutien familial et autres.",
    "NOUS_CONTACTER": "Écrire à votre Caf sans être allocataire, et les numéros de téléphone : 3230, pension "
                      "alimentaire, étudiants.",
    "MA_CAF": "Choisissez votre Caf par votre code postal : ses actualités, ses aides locales, ses délais de "
              "traitement, ses points d'accueil et ses contacts.",
    "VERIFIER_UNE_ATTESTATION": "Vérifiez qu'une attestation de paiement ou de quotient familial est authentique, "
                                "avec sa référence.",
    "CREER_MON_COMPTE": "Créez votre compte Caf pour suivre vos paiements, déclarer vos ressources et télécharger vos "
                        "attestations.",
    "MOT_DE_PASSE_OUBLIE": "Mot de passe oublié : recevez un code par courriel ou par SMS pour en choisir un nouveau.",
}
