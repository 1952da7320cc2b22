"""The words of « Faites une demande de prestation en ligne » and of a demande's screens (the seed's where it has
some: the title, « Choisissez le type d'aide dont vous avez besoin », the reuse of the allocataire's data, the
sentence of Connexion)."""

from __future__ import annotations

from ..domain.demandes import CATALOGUE, NEW, DemandeKind, topics_of

TITLE = "Faites une demande de prestation en ligne"
CHOOSE = "Choisissez le type d'aide dont vous avez besoin :"
INTRO = ("Répondez aux questions, une étape après l'autre : vos réponses sont enregistrées à chaque étape. Vous "
         "pouvez vous arrêter et reprendre plus tard, sur ce téléphone ou sur un ordinateur, pendant 30 jours.")
REUSE = "Pour les allocataires, grâce à votre compte, nous réutilisons vos données déjà saisies."
REUSE_CHECK = "Vérifiez-les : vous pouvez modifier chaque réponse."
PREFILLED = "Réponse reprise de votre dossier : vérifiez-la ou modifiez-la."
LOGIN_NEEDED = "Pour faire une demande de prestation, vous devez vous connecter ou créer un compte."
RESERVED = "Demande réservée aux allocataires : connectez-vous à votre compte."
ONLY_RESPONSIBLE = "Seul le responsable du dossier peut faire cette demande."
NO_DOSSIER = "Cette demande est réservée aux allocataires : vous n'avez pas encore de dossier à la Caf."
REFUSED_WHAT_TO_DO = "Vous pouvez faire une autre demande, ou poser votre question à votre Caf."
CONFIRM = "Je certifie sur l'honneur l'exactitude des informations déclarées."
SENT = "Votre demande a bien été envoyée"
DOSSIER_CREATED = "Votre dossier est créé à la Caf. Votre numéro allocataire : "
DOSSIER_CREATED_KEEP = ("Gardez-le : il figure sur les courriers de la Caf. Vous retrouvez votre dossier dans Mon "
                        "Compte, rubrique Accueil.")
PIECE_TOO_BIG = "Ce fichier dépasse 10 Mo : il n'a pas été ajouté."
PIECES_JOIN = ("Joignez-les maintenant, en photo ou en PDF. Vous pouvez aussi les envoyer plus tard, dans les 30 "
               "jours, depuis « À transmettre ».")
PIECE_WRONG_TYPE = "Ce fichier n'a pas été ajouté : ce n'est ni une photo (JPEG, PNG ou HEIC) ni un PDF."
PIECES_LATER = ("Envoyez ces pièces dans les 30 jours depuis Mes démarches, rubrique « À transmettre » : votre Caf "
                "étudie votre demande dès qu'elle les a reçues.")
DATE_HINT = "Au format JJ/MM/AAAA, par exemple 14/02/1995."


def more(kind: DemandeKind) -> list[str]:
    """« En savoir plus » of a card: the steps, who may ask it, the délai and the pieces (from the catalogue)."""
    demande = CATALOGUE[kind]
    steps = ", ".join(topic.title.lower() for topic in topics_of(kind, {NEW.name: NEW.values[0]}))
    who = ("Vous pouvez la faire même si vous n'êtes pas encore allocataire."
           if demande.non_allocataire else "Cette demande est réservée aux personnes qui ont déjà un dossier à la Caf.")
    return [f"Les questions portent sur : {steps}. Vous vérifiez vos réponses avant l'envoi.", who,
            f"Votre Caf vous répond au plus tard {demande.delai_days} jours après l'envoi, une fois les pièces "
            "justificatives reçues.",
            "Les pièces justificatives demandées dépendent de vos réponses : leur liste vous est donnée avant "
            "l'envoi, et vous pouvez les transmettre ensuite depuis Mes démarches."]
