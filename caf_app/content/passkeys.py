"""Passkeys wording: the login "par empreinte ou reconnaissance faciale" of the seed."""

ACTIVATE = "Activer la connexion par empreinte ou reconnaissance faciale"
LOGIN = "Se connecter avec une clé d'accès"
WHAT = ("Si votre téléphone ou votre ordinateur possède un lecteur d'empreinte digitale ou de reconnaissance faciale, "
        "vous pouvez vous connecter encore plus simplement : votre appareil garde une clé d'accès, protégée par "
        "votre empreinte, votre visage ou son code de verrouillage. Votre mot de passe reste valable.")
UNSUPPORTED = "Votre appareil ne propose pas de clé d'accès."
LOGIN_CANCELLED = "La connexion par clé d'accès a été annulée."
NOT_CREATED = "La clé d'accès n'a pas été créée (demande annulée ou refusée)."
ACTIVATED = ("La connexion par empreinte ou reconnaissance faciale est activée sur cet appareil : choisissez "
             "« Se connecter avec une clé d'accès » sur la page Connexion.")
REMOVED = ("Clé d'accès retirée. Votre mot de passe permet toujours de vous connecter. Vos autres sessions ouvertes "
           "sont fermées.")
CONFIRM = "Votre mot de passe, pour confirmer"
NOT_YOURS = "Cette clé d'accès n'est pas dans votre liste."
