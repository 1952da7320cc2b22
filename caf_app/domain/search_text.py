"""French words for the site search and the assistant: a text as the index keeps it, a query as it is asked.

Accents and case never matter (« activite » finds « activité »), nor the ending of a word (« versement » finds
« versée »: Snowball's French stemmer, the algorithm PostgreSQL's French text search uses), nor a small typo
(« alocation » finds « allocation »: a word the site never uses is replaced by the closest one it does). The small
words of a question (« quand ma … est-elle »: le, la, est, ma…) are not searched.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Collection, Iterable

import snowballstemmer

MAX_QUERY = 200  # characters of a query read; the rest is ignored
MAX_TERMS = 8
_STEMMER = snowballstemmer.stemmer("french")
_WORD = re.compile(r"[a-z0-9]+")
STOPWORDS = frozenset("""
a au aux avec ce ces cet cette c d de des du elle elles en est et eux il ils j je l la le les leur leurs lui m ma
mais me mes moi mon n ne nos notre nous on ou par pas pour qu que qui s sa se ses si son sur t ta te tes toi ton tu
un une vos votre vous y etre avoir ai as avez ont suis es sommes etes sont fait faire fais peux peut puis pouvez
comment quoi quel quelle quels quelles est-ce dois doit devez ca cela ceci mon ma mes se sont lors dans plus tres
bien aussi
""".split())


def plain(text: str) -> str:
    """Lower case, without accents or ligatures: « Œuvre sociale, Été » -> « oeuvre sociale, ete »."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def words(text: str) -> list[str]:
    """The words that mean something, without accents, in order."""
    return [word for word in _WORD.findall(plain(text)) if word not in STOPWORDS and len(word) > 1]


def stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def stems(text: str) -> str:
    """The text as the SQLite index keeps it: each meaningful word's stem, separated by spaces."""
    return " ".join(stem(word) for word in words(text))


def query_words(query: str, vocabulary: Collection[str]) -> tuple[list[str], list[str]]:
    """(the words searched, the corrections made as "typed → used"): a word the site never uses is replaced by
    the closest one it does (at least 80 % alike, same first letter, length within 2), or dropped when none is
    close."""
    searched, corrected = [], []
    for word in dict.fromkeys(words(query[:MAX_QUERY])):
        if word in vocabulary or word.isdigit():
            searched.append(word)
            continue
        alike = [known for known in vocabulary if known[0] == word[0] and abs(len(known) - len(word)) <= 2]
        close = difflib.get_close_matches(word, alike, n=1, cutoff=0.8)
        if close:
            searched.append(close[0])
            corrected.append(f"{word} → {close[0]}")
    return searched[:MAX_TERMS], corrected


def vocabulary_of(texts: Iterable[str]) -> frozenset[str]:
    return frozenset(word for text in texts for word in words(text))
