"""Words of the public site's hubs (the seed's « Aides et démarches » page; the rest in plain French)."""

AIDES = ("La Caf vous accompagne pas à pas. Informez-vous ou laissez-vous guider selon votre situation, faites une "
         "simulation des aides proposées ou une demande en ligne.")
MA_SITUATION = ("Nous vous accompagnons tout au long de votre vie. Un mariage, une naissance, un nouveau logement, "
                "un accident de vie : choisissez la situation qui vous concerne, le guide pas à pas est là pour "
                "vous aider.")
DROITS = ("Vous savez à quelle(s) aide(s) vous pouvez accéder ? Retrouvez toutes les informations sur les prestations "
          "de la Caf et les questions/réponses les plus fréquentes, puis faites une demande en ligne.")
MES_DEMARCHES = ("Retrouvez ici l'accès direct à toutes les démarches en ligne que vous pouvez réaliser auprès de la "
                 "Caf. Prime d'activité, RSA, logement, prestation d'accueil du jeune enfant, allocations familiales : "
                 "faites une simulation et déposez une demande de prestation en ligne.")
THEMATIQUES = "Les différentes situations et prestations sont regroupées dans 5 thématiques."
ACTUALITES = ("Toujours du contenu national pour rappeler les informations essentielles, et l'actualité "
              "départementale de votre Caf.")
MAGAZINE = "Le magazine de la Caf pour les familles : des conseils, des témoignages et les aides qui vous concernent."
