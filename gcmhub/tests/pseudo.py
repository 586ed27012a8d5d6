"""The untranslated-text check: pages rendered in Turkish with a pseudo catalogue.

Every translation the Turkish interface can use (the project's catalogue, compiled afresh from
locale/tr/LC_MESSAGES/django.po, and Django's and the packages' own) is wrapped in markers,
"⟦…⟧". A page rendered with it shows every translated string marked; what is left once the
marked parts are taken out must be user data (values held in the database), numbers,
punctuation or a proper name of the allowlist. Anything else is interface text that does not go
through the catalogue: a miss. ISO dates and timestamps in visible text are misses too.

    with pseudo_turkish(tmp_path):
        page_misses(html, known) -> [Miss(kind, text)]

`crawl` asks every page a persona reaches by following the links of the pages it has seen (GET
only, same host), from the landing pages.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import lxml.html
from django.apps import apps
from django.db import models
from django.test.utils import override_settings
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import trans_real

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "tr" / "LC_MESSAGES" / "django.po"
OPEN, CLOSE = "⟦", "⟧"

# Proper names, acronyms and formats that read the same in both languages.
ALLOWED = {
    "gcmhub",
    "GCM",
    "SDG",
    "SDGs",
    "IMRF",
    "IOM",
    "UN",
    "UNHCR",
    "CCA",
    "SOP",
    "ToR",
    "DOCX",
    "PDF",
    "XLSX",
    "CSV",
    "ICS",
    "API",
    "SHA-256",
    "English",
    "Türkçe",
    "UNSDCF",
    "HTML",
    "USD",
    "EUR",
    "TRY",
    "Word",
    "SVG",
    "PNG",
    "REST",
}

# Text that is never shown: scripts, styles, and the rich-text editor's template.
HIDDEN_TAGS = {"script", "style", "template", "noscript", "metadata"}
SHOWN_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
ISO = re.compile(
    r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:[+-]\d{2}:?\d{2}|Z)?)?\b"
)
# What is stripped from the ends of a word before it is compared.
ENDS = " \t\n·•|/–—:;,.-'\"“”‘’!?()[]«»…*#→←−+%"
NOT_WORDS = re.compile(r"^[\W\d_]*$")
HEX = re.compile(r"^[0-9a-f]{7,64}$")
CODE = re.compile(r"^[\w.()-]*\d[\w.()-]*$")
FRAGMENT = re.compile(r"^\s*[\W\d]*[a-zçğıöşü]+[\W\d]*\s*$")
URLS = re.compile(r"(?:https?://|mailto:)\S+")
URL = re.compile(r"^(?:https?://|mailto:)\S+$")
INNERMOST = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")


def normal(text: str) -> str:
    return " ".join(text.split())


# The pseudo catalogue -------------------------------------------------------------------------


def _compile(target: Path) -> Path:
    """The project's catalogue compiled now (not the .mo of the last `compilemessages`)."""
    folder = target / "tr" / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(CATALOGUE, folder / "django.po")
    subprocess.run(
        ["msgfmt", "-o", str(folder / "django.mo"), str(folder / "django.po")], check=True
    )
    return target


def _mark(catalog) -> None:
    """Wrap every translation of a loaded Turkish catalogue in the markers, in place."""
    for part in catalog._catalogs:
        for key, value in part.items():
            if key == "" or not isinstance(value, str):
                continue  # the header
            part[key] = f"{OPEN}{value}{CLOSE}"


@contextlib.contextmanager
def pseudo_turkish(tmp_path: Path) -> Iterator[None]:
    """Turkish with every translation marked, for the duration of the block."""
    locale = _compile(tmp_path / "locale")
    with override_settings(LOCALE_PATHS=[locale]):  # resets the loaded translations
        catalogue = trans_real.translation("tr")
        _mark(catalogue._catalog)
        try:
            with translation.override("tr"):
                yield
        finally:
            trans_real._translations = {}
    trans_real._translations = {}


def unmarked(text: str) -> list[str]:
    """The pieces of `text` outside marked parts (nested marks included)."""
    previous = None
    while previous != text:
        previous, text = text, INNERMOST.sub("\x00", text)
    # A translation cut short (truncated text) loses its end mark.
    text = re.sub(f"{OPEN}[^{CLOSE}]*$", "\x00", text)
    text = re.sub(f"^[^{OPEN}]*{CLOSE}", "\x00", text)
    return [piece for piece in text.split("\x00") if piece.strip()]


# User data ------------------------------------------------------------------------------------


def _core(token: str) -> str:
    return token.strip(ENDS)


@dataclass
class Known:
    """The texts held in the database (whole values, their lines, the text nodes of rich-text
    values), indexed by their first word: a piece of a page is user data when it reads as a
    run of such values (and numbers, punctuation, proper names between them), the last one
    possibly cut short (an excerpt)."""

    index: dict[str, list[tuple[str, ...]]]
    # The English names of records that have a Turkish one (objectives, organisations,
    # criteria…): shown in Turkish, they are a miss even though they are data.
    english: frozenset[tuple[str, ...]] = frozenset()

    @classmethod
    def of(cls, values: Iterable[str], english: Iterable[str] = ()) -> Known:
        index: dict[str, set[tuple[str, ...]]] = {}
        english = list(english)
        for value in [*values, *english]:
            cores = _cores(value)
            if cores:
                index.setdefault(cores[0], set()).add(cores)
        return cls(
            {k: sorted(v, key=len, reverse=True) for k, v in index.items()},
            frozenset(_cores(e) for e in english if _cores(e)),
        )

    def covers(self, piece: str) -> bool:
        return self.read(piece)[0]

    def read(self, piece: str) -> tuple[bool, list[str]]:
        """Whether `piece` is all data (and plain words), and the English names in it."""
        cores = list(_cores(piece))
        i, english = 0, []
        while i < len(cores):
            value = self._value_at(cores, i)
            if not value and not _plain(cores[i]):
                return False, english
            if value in self.english:
                english.append(" ".join(value))
            i += len(value) or 1
        return True, english

    def _value_at(self, cores: list[str], i: int) -> tuple[str, ...]:
        """The value the words from `i` on are (the longest), or the end of one cut short (an
        excerpt of three words or more at the end of the piece, its last word maybe cut);
        () when none."""
        values = self.index.get(cores[i], ())
        for value in values:
            if tuple(cores[i : i + len(value)]) == value:
                return value
        rest = tuple(cores[i:])
        if len(rest) >= 3:
            for value in values:
                if (
                    len(value) >= len(rest)
                    and value[: len(rest) - 1] == rest[:-1]
                    and value[len(rest) - 1].startswith(rest[-1])
                ):
                    return rest
        return ()


def _cores(text: str) -> tuple[str, ...]:
    return tuple(c for c in (_core(t) for t in text.split()) if c)


def _plain(core: str) -> bool:
    """Numbers, punctuation, codes (1.3.1-i1, a hash) and the proper names of the allowlist."""
    return bool(
        NOT_WORDS.match(core)
        or HEX.match(core)
        or CODE.match(core)
        or URL.match(core)
        or ISO.fullmatch(core)  # reported as an ISO date
        or core in ALLOWED
    )


def _strings(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)


TEXT_FIELDS = models.CharField | models.TextField | models.JSONField | models.FileField


# Django's and the packages' own tables hold no text a page shows as data (model names,
# permissions, task paths would let English words pass as data).
NOT_DATA_APPS = {
    *("admin", "auth", "axes", "contenttypes", "django_tasks_database", "knox", "sessions"),
}
# A version's frozen content holds its labels too ("Date", "Type"): its texts count from four
# words on.
FROZEN = {"documents.Version", "documents.HistoricalVersion"}
# Columns that copy a name from a record with a Turkish one (not free text a person typed):
# what they show must be the name in the reader's language.
COPIES = {"imrf.CarriedOver.label", "imrf.HistoricalCarriedOver.label"}


def _turkish_edition(content) -> dict:
    """The Turkish edition of a version's frozen content, if it has one."""
    if not isinstance(content, dict):
        return {}
    if content.get("language") == "tr":
        return content
    return (content.get("editions") or {}).get("tr") or {}


def known_texts() -> Known:
    """Every text value of the domain's tables."""
    values: set[str] = set()

    def add(raw: str) -> None:
        values.add(normal(raw))
        values.add(normal(Path(raw).name))
        if "<" in raw:
            with contextlib.suppress(Exception):
                tree = lxml.html.fragment_fromstring(raw, create_parent="div")
                for node in tree.itertext():
                    # A fragment of a sentence between two tags ("to") says nothing.
                    if node.strip() and not FRAGMENT.match(node):
                        values.add(normal(node))
                values.add(normal(tree.text_content()))
        for line in raw.splitlines():  # a multi-line text shown as paragraphs
            if line.strip():
                values.add(normal(line))
        for part in URLS.split(raw):  # a text with links in it, shown `|urlize`d
            if part.strip():
                values.add(normal(part))

    free: set[str] = set()  # values of texts with no Turkish column beside them
    for model in apps.get_models():
        if model._meta.app_label in NOT_DATA_APPS:
            continue
        fields = [f for f in model._meta.concrete_fields if isinstance(f, TEXT_FIELDS)]
        if not fields:
            continue
        names = [f.attname for f in fields]
        paired = _paired_columns({f.attname for f in model._meta.concrete_fields})
        for row in model._default_manager.values_list(*names).iterator():
            for field, value in zip(fields, row, strict=True):
                column = f"{model._meta.label}.{field.attname}"
                if isinstance(value, str) and field.attname not in paired and column not in COPIES:
                    free.add(normal(value))
                if isinstance(field, models.JSONField):
                    frozen = model._meta.label in FROZEN
                    for raw in _strings(value):
                        if raw.strip() and (not frozen or len(raw.split()) > 3):
                            add(raw)
                    if frozen:
                        # Its Turkish edition was frozen in real Turkish, labels included.
                        for raw in _strings(_turkish_edition(value)):
                            if raw.strip():
                                add(raw)
                elif value and str(value).strip():
                    add(str(value))
    for user in apps.get_model("core", "User")._default_manager.all():
        values.add(normal(user.get_full_name()))
    return Known.of(values, english_names() - free)


def _paired_columns(names: set[str]) -> set[str]:
    """The columns of a model that hold one text in two languages (name, name_en, name_tr)."""
    paired = set()
    for field in names:
        if field.endswith("_tr"):
            paired |= {field, field[:-3], f"{field[:-3]}_en"}
    return paired


def english_names() -> set[str]:
    """The English column of every record whose Turkish column (`<name>_tr`) says otherwise:
    `title_en` or `title` beside `title_tr`, `name` beside `name_tr`."""
    english, turkish = set(), set()
    for model in apps.get_models():
        if model._meta.app_label in NOT_DATA_APPS or model._meta.label.split(".")[1].startswith(
            "Historical"
        ):
            continue
        names = {f.attname for f in model._meta.concrete_fields}
        for field in sorted(n for n in names if n.endswith("_tr")):
            base = field[:-3]
            source = f"{base}_en" if f"{base}_en" in names else base
            if source not in names:
                continue
            for en, tr in model._default_manager.values_list(source, field).iterator():
                if en and tr and normal(en) != normal(tr):
                    english.add(normal(en))
                if tr:
                    turkish.add(normal(tr))
    return english - turkish


# Pages ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Miss:
    kind: str  # "untranslated" or "ISO date"
    text: str


DATA = "data"


def _hidden(element) -> bool:
    """Inside a script, a style, or an SVG's metadata (matplotlib's credits)."""
    return any(parent.tag in HIDDEN_TAGS for parent in element.iterancestors())


def _language(element) -> str:
    """The language the page declares for an element (`lang` on it or its nearest ancestor)."""
    for node in (element, *element.iterancestors()):
        if node.get("lang"):
            return node.get("lang")
    return ""


def visible_texts(html: str) -> Iterator[tuple[str, str]]:
    """The text a reader sees (or hears) on a page, with the language declared for it: text
    nodes outside scripts and styles, the title, aria-label, placeholder and alt attributes,
    and the labels of input buttons."""
    tree = lxml.html.document_fromstring(html)
    for element in tree.iter():
        if not isinstance(element.tag, str) or _hidden(element):
            continue
        language = _language(element)
        if element.text and element.tag not in HIDDEN_TAGS:
            # A text area holds a text being edited: data, looked at for ISO dates only.
            yield element.text, DATA if element.tag == "textarea" else language
        if element.tail:
            parent = element.getparent()
            yield element.tail, _language(parent) if parent is not None else language
        for attribute in SHOWN_ATTRIBUTES:
            if element.get(attribute):
                yield element.get(attribute), language
        if element.tag == "input" and element.get("type") in {"submit", "button"}:
            yield element.get("value") or "", language


def text_misses(text: str, known: Known, *, language: str = "tr", names: bool = True) -> list[Miss]:
    """ISO dates anywhere; untranslated text where the page says the text is Turkish (a text
    marked `lang="en"`, a document's English edition or an input written in English, is
    another language's on purpose)."""
    misses = []
    plain = normal(text.replace(OPEN, "").replace(CLOSE, ""))
    if ISO.search(plain):
        misses.append(Miss("ISO date", plain))
    if language.split("-")[0] not in ("tr", ""):
        return misses  # another language's text, or data (DATA)
    for piece in unmarked(text):
        data, english = known.read(piece)
        if not data:
            misses.append(Miss("untranslated", normal(piece).strip(ENDS)))
        for name in english if names else ():
            misses.append(Miss("English name where a Turkish one exists", name))
    return misses


def page_misses(html: str, known: Known, *, names: bool = True) -> list[Miss]:
    """The misses of a page; `names=False`: English names are no miss (a history page shows
    what each column held, the English one too)."""
    misses: list[Miss] = []
    for text, language in visible_texts(html):
        for miss in text_misses(text, known, language=language, names=names):
            if miss not in misses:
                misses.append(miss)
    return misses


# The crawl ------------------------------------------------------------------------------------

FILES = re.compile(r"\.(docx|pdf|xlsx|csv|ics|zip|json)$|/download/$")
FILE_FORMATS = {"docx", "pdf", "xlsx", "csv", "ics", "zip", "json"}
SKIPPED_PREFIXES = ("/admin/", "/api/", "/static/", "/media/", "/accounts/logout/", "/favicon")


# Pages of one route are alike for objects of one kind; the objects that pages hang from
# (a cycle, a document, a meeting) make pages that differ, each visited.
CONTAINERS = ("network_slug", "cycle_pk", "document_pk", "meeting_pk", "token")


def route_of(path: str, containers: tuple[str, ...] = CONTAINERS) -> tuple[str, ...] | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return (match.route, *(str(match.kwargs.get(k, "")) for k in containers))


def links(html: str) -> Iterable[str]:
    tree = lxml.html.document_fromstring(html)
    for element in tree.iter("a"):
        href = element.get("href")
        if href:
            yield href


def page_key(url: str) -> tuple[str, str] | None:
    parts = urlsplit(url)
    if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
        return None
    if not parts.path.startswith("/") or parts.path.startswith(SKIPPED_PREFIXES):
        return None
    if FILES.search(parts.path) or dict(parse_qsl(parts.query)).get("format") in FILE_FORMATS:
        return None  # a file (its dates are checked by the tests of its maker), not a page
    query = urlencode(sorted(parse_qsl(parts.query)))
    return parts.path, query


@dataclass
class Page:
    url: str
    html: str


def crawl(
    client, starts: Iterable[str], *, per_route: int = 2, containers: tuple[str, ...] = CONTAINERS
) -> Iterator[Page]:
    """Every HTML page reachable from `starts` by links, GET only, at most `per_route` pages of
    one URL pattern with the same query parameters (objects of one kind render alike) and the
    same `containers` (the objects pages hang from; () for one page per pattern)."""
    queue = list(starts)
    seen: set[tuple[str, str]] = set()
    per: dict[tuple, int] = {}
    while queue:
        url = queue.pop(0)
        key = page_key(url)
        if key is None or key in seen:
            continue
        seen.add(key)
        route = route_of(key[0], containers)
        if route is None:
            continue
        names = (route, tuple(sorted(k for k, _ in parse_qsl(key[1]))))
        if per.get(names, 0) >= per_route:
            continue
        per[names] = per.get(names, 0) + 1
        target = key[0] + (f"?{key[1]}" if key[1] else "")
        response = client.get(target)
        if response.status_code in (301, 302, 303):
            queue.insert(0, response["Location"])
            per[names] -= 1
            continue
        if response.status_code != 200:
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        html = response.content.decode()
        yield Page(target, html)
        for href in links(html):
            absolute = href if href.startswith(("/", "http", "?")) else None
            if absolute is None:
                continue
            if href.startswith("?"):
                absolute = key[0] + href
            queue.append(absolute.split("#")[0])
