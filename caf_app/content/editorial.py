"""The public site's editorial content: Markdown files with front matter in the repository's `content/` folder.

A file reads:

    ---
    title: Prime d'activité
    theme: vie-professionnelle
    summary: Un complément de revenus pour les personnes qui travaillent.
    ---
    ## Qu'est-ce que c'est ?
    ...

The front matter is one `key: value` per line (a value may be quoted); each section says which keys it needs and
which it allows, and a file that breaks the rules is refused with the file and the reason (ContentError), so a
build never publishes half a page. The body becomes HTML here, at compile time: the pages are prerendered and read
without any script. Pure Python (markdown-it-py), no Reflex: caf_app/routes.py builds one page per file from it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parents[2] / "content"

THEMES = {
    "vie-personnelle": "Vie personnelle",
    "vie-professionnelle": "Vie professionnelle",
    "logement": "Logement",
    "handicap": "Handicap",
    "accidents-de-vie": "Accidents de vie",
}
CAFS = {
    "national": "Actualité nationale",
    "92": "Caf des Hauts-de-Seine",
    "13": "Caf des Bouches-du-Rhône",
    "06": "Caf des Alpes-Maritimes",
}
SIMULATEURS = ("logement", "paje", "famille", "rsa", "prime-activite", "aah")  # rules/catalogue.py Theme values
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")


@dataclass(frozen=True)
class Section:
    folder: str  # under content/
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()


SECTIONS = {
    "actualites": Section("actualites", ("title", "date", "caf", "summary"), ("theme",)),
    "prestations": Section("aides/droits-et-prestations", ("title", "theme", "summary"),
                           ("simulateur", "demande", "order")),
    "situations": Section("aides/ma-situation", ("title", "theme", "summary"), ("order",)),
    "thematiques": Section("aides/thematiques", ("title", "summary", "order")),
    "magazine": Section("magazine", ("title", "date", "theme", "summary")),
    "pages": Section("pages", ("title", "summary")),
    # The Professionnels space (issue 23): its rubriques, its guides and its services' pages.
    "professionnels": Section("professionnels", ("title", "summary", "order")),
}


class ContentError(ValueError):
    """A content file the site refuses to publish; the message names the file and what is wrong."""


@dataclass(frozen=True)
class Entry:
    section: str
    slug: str
    meta: dict[str, str]
    html: str  # the body, rendered
    headings: tuple[tuple[str, str], ...] = field(default=())  # (id, text) of its h2, for "Sur cette page"

    @property
    def key(self) -> str:
        return f"{self.section}/{self.slug}"

    @property
    def title(self) -> str:
        return self.meta["title"]

    @property
    def summary(self) -> str:
        return self.meta["summary"]

    @property
    def date(self) -> date | None:
        return date.fromisoformat(self.meta["date"]) if "date" in self.meta else None

    @property
    def date_text(self) -> str:
        """"20 juin 2024"."""
        d = self.date
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}" if d else ""

    @property
    def theme(self) -> str:
        return self.meta.get("theme", "")

    @property
    def theme_label(self) -> str:
        return THEMES.get(self.theme, "")

    @property
    def category(self) -> str:
        """"Actualité nationale" or "Actualité départementale – Caf des Hauts-de-Seine"."""
        caf = self.meta.get("caf", "")
        if not caf:
            return ""
        return CAFS[caf] if caf == "national" else f"Actualité départementale – {CAFS[caf]}"

    @property
    def order(self) -> int:
        return int(self.meta.get("order", "99"))


def slugify(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def split_front_matter(text: str, *, source: str) -> tuple[dict[str, str], str]:
    """(front matter, body) of a file; ContentError when the block is missing or a line is not `key: value`."""
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or lines[0].strip() != "---":
        raise ContentError(f"{source} : le fichier doit commencer par un bloc d'en-tête entre deux lignes « --- ».")
    try:
        end = next(i for i, line in enumerate(lines[1:], start=1) if line.strip() == "---")
    except StopIteration:
        raise ContentError(f"{source} : le bloc d'en-tête n'est pas fermé par une ligne « --- ».") from None
    meta: dict[str, str] = {}
    for number, line in enumerate(lines[1:end], start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, colon, value = line.partition(":")
        key, value = key.strip(), value.strip()
        if not colon or not re.fullmatch(r"[a-z_]+", key):
            raise ContentError(f"{source}, ligne {number} : « {line.strip()} » n'est pas de la forme « clé: valeur ».")
        if key in meta:
            raise ContentError(f"{source}, ligne {number} : la clé « {key} » est donnée deux fois.")
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        meta[key] = value
    return meta, "\n".join(lines[end + 1:]) + "\n"


def check_meta(meta: dict[str, str], section: Section, *, source: str) -> None:
    """The section's keys, and values the site knows (a date, a theme, a Caf, a simulator)."""
    missing = [k for k in section.required if not meta.get(k)]
    if missing:
        raise ContentError(f"{source} : il manque {', '.join(missing)} dans l'en-tête.")
    unknown = sorted(set(meta) - set(section.required) - set(section.optional))
    if unknown:
        raise ContentError(f"{source} : clé(s) inconnue(s) dans l'en-tête : {', '.join(unknown)}.")
    if "date" in meta:
        try:
            date.fromisoformat(meta["date"])
        except ValueError:
            raise ContentError(f"{source} : la date « {meta['date']} » doit s'écrire AAAA-MM-JJ.") from None
    checks = (("theme", THEMES), ("caf", CAFS), ("simulateur", SIMULATEURS))
    for key, known in checks:
        if key in meta and meta[key] not in known:
            raise ContentError(f"{source} : {key} « {meta[key]} » inconnu (attendu : {', '.join(known)}).")
    if "order" in meta and not meta["order"].isdigit():
        raise ContentError(f"{source} : order doit être un nombre.")


def _markdown() -> MarkdownIt:
    """CommonMark without raw HTML (a file cannot inject markup), tables on; every h2 gets an id for its anchor."""
    md = MarkdownIt("commonmark", {"html": False}).enable("table")

    def heading_open(renderer, tokens, idx, options, env):
        token = tokens[idx]
        if token.tag == "h2":
            token.attrSet("id", slugify(tokens[idx + 1].content))
        return renderer.renderToken(tokens, idx, options, env)

    md.add_render_rule("heading_open", heading_open)
    return md


MARKDOWN = _markdown()


def render(body: str, *, source: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """(HTML, h2 anchors) of a body; the page's h1 is its title, so the body starts at h2."""
    tokens = MARKDOWN.parse(body)
    if any(t.type == "heading_open" and t.tag == "h1" for t in tokens):
        raise ContentError(f"{source} : le texte ne doit pas contenir de titre de niveau 1 (« # ») : "
                           "le titre de la page vient de l'en-tête.")
    if not body.strip():
        raise ContentError(f"{source} : le texte est vide.")
    headings = tuple((slugify(tokens[i + 1].content), tokens[i + 1].content) for i, t in enumerate(tokens)
                     if t.type == "heading_open" and t.tag == "h2")
    return MARKDOWN.renderer.render(tokens, MARKDOWN.options, {}), headings


def parse(text: str, *, section: str, slug: str, source: str = "") -> Entry:
    """One file's entry; ContentError names `source` (its path) when it is refused."""
    source = source or f"{section}/{slug}"
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        raise ContentError(f"{source} : le nom du fichier doit être en minuscules, chiffres et tirets.")
    meta, body = split_front_matter(text, source=source)
    check_meta(meta, SECTIONS[section], source=source)
    html, headings = render(body, source=source)
    return Entry(section, slug, meta, html, headings)


@functools.cache
def entries(section: str, root: Path = ROOT) -> tuple[Entry, ...]:
    """The section's entries: dated ones newest first, the others by `order`, then title."""
    folder = root / SECTIONS[section].folder
    found = [parse(path.read_text(encoding="utf-8"), section=section, slug=path.stem, source=str(path))
             for path in sorted(folder.glob("*.md"))]
    return tuple(sorted(found, key=lambda e: (-(e.date.toordinal() if e.date else 0), e.order, e.title)))


def body_of(e: Entry, root: Path = ROOT) -> str:
    """The Markdown body of an entry's file (a guide's PDF is made from it)."""
    path = root / SECTIONS[e.section].folder / f"{e.slug}.md"
    return split_front_matter(path.read_text(encoding="utf-8"), source=str(path))[1]


def entry(section: str, slug: str) -> Entry:
    for found in entries(section):
        if found.slug == slug:
            return found
    raise KeyError(f"{section}/{slug}")


def everything(root: Path = ROOT) -> tuple[Entry, ...]:
    return tuple(e for section in SECTIONS for e in entries(section, root))
