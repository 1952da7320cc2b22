"""The départements, for the Caf a first-time applicant belongs to: one Caf per département (its name is
"Caf" + the département's name with its article: "Caf des Hauts-de-Seine")."""

from __future__ import annotations

from .errors import DomainError

# INSEE code -> the département's name preceded by "de", as the Caf's own name writes it.
NAMES = {
    "01": "de l'Ain", "02": "de l'Aisne", "03": "de l'Allier", "04": "des Alpes-de-Haute-Provence",
    "05": "des Hautes-Alpes", "06": "des Alpes-Maritimes", "07": "de l'Ardèche", "08": "des Ardennes",
    "09": "de l'Ariège", "10": "de l'Aube", "11": "de l'Aude", "12": "de l'Aveyron", "13": "des Bouches-du-Rhône",
    "14": "du Calvados", "15": "du Cantal", "16": "de la Charente", "17": "de la Charente-Maritime",
    "18": "du Cher", "19": "de la Corrèze", "2A": "de la Corse-du-Sud", "2B": "de la Haute-Corse",
    "21": "de la Côte-d'Or", "22": "des Côtes-d'Armor", "23": "de la Creuse", "24": "de la Dordogne",
    "25": "du Doubs", "26": "de la Drôme", "27": "de l'Eure", "28": "d'Eure-et-Loir", "29": "du Finistère",
    "30": "du Gard", "31": "de la Haute-Garonne", "32": "du Gers", "33": "de la Gironde", "34": "de l'Hérault",
    "35": "d'Ille-et-Vilaine", "36": "de l'Indre", "37": "d'Indre-et-Loire", "38": "de l'Isère", "39": "du Jura",
    "40": "des Landes", "41": "de Loir-et-Cher", "42": "de la Loire", "43": "de la Haute-Loire",
    "44": "de la Loire-Atlantique", "45": "du Loiret", "46": "du Lot", "47": "de Lot-et-Garonne",
    "48": "de la Lozère", "49": "de Maine-et-Loire", "50": "de la Manche", "51": "de la Marne",
    "52": "de la Haute-Marne", "53": "de la Mayenne", "54": "de Meurthe-et-Moselle", "55": "de la Meuse",
    "56": "du Morbihan", "57": "de la Moselle", "58": "de la Nièvre", "59": "du Nord", "60": "de l'Oise",
    "61": "de l'Orne", "62": "du Pas-de-Calais", "63": "du Puy-de-Dôme", "64": "des Pyrénées-Atlantiques",
    "65": "des Hautes-Pyrénées", "66": "des Pyrénées-Orientales", "67": "du Bas-Rhin", "68": "du Haut-Rhin",
    "69": "du Rhône", "70": "de la Haute-Saône", "71": "de Saône-et-Loire", "72": "de la Sarthe",
    "73": "de la Savoie", "74": "de la Haute-Savoie", "75": "de Paris", "76": "de la Seine-Maritime",
    "77": "de Seine-et-Marne", "78": "des Yvelines", "79": "des Deux-Sèvres", "80": "de la Somme",
    "81": "du Tarn", "82": "de Tarn-et-Garonne", "83": "du Var", "84": "du Vaucluse", "85": "de la Vendée",
    "86": "de la Vienne", "87": "de la Haute-Vienne", "88": "des Vosges", "89": "de l'Yonne",
    "90": "du Territoire de Belfort", "91": "de l'Essonne", "92": "des Hauts-de-Seine",
    "93": "de la Seine-Saint-Denis", "94": "du Val-de-Marne", "95": "du Val-d'Oise", "971": "de la Guadeloupe",
    "972": "de la Martinique", "973": "de la Guyane", "974": "de La Réunion", "976": "de Mayotte",
}


def departement_of(postal_code: str) -> str:
    """The département of a postal code: its first 2 digits, 3 overseas (97x), 2A or 2B in Corsica (20000 to
    20199 are in Corse-du-Sud, 20200 to 20299 in Haute-Corse). DomainError for a code of no département."""
    code = (postal_code or "").strip()
    if code.startswith("20"):
        departement = "2A" if code < "20200" else "2B"
    elif code.startswith("97"):
        departement = code[:3]
    else:
        departement = code[:2]
    if departement not in NAMES:
        raise DomainError("code_postal", "Ce code postal ne correspond à aucun département où une Caf vous accueille.")
    return departement


def caf_name(departement: str) -> str:
    """ "Caf des Hauts-de-Seine", "Caf de l'Ain", "Caf d'Ille-et-Vilaine"."""
    return f"Caf {NAMES[departement]}"
