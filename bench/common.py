"""What the benchmarks share: Django set up on the bench's database, and text that reads like
text (sentences of a migration report, picked at random)."""

import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup_django(default_database: str, *, settings_module: str = "config.settings") -> None:
    """Django on BENCH_DATABASE_URL (or `default_database`), DEBUG off as in production (no
    query log kept between measurements)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    os.environ.setdefault("DEBUG", "1")
    os.environ["ALLOWED_HOSTS"] = os.environ.get("BENCH_ALLOWED_HOSTS", "testserver")
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or default_database
    os.environ.setdefault("MEDIA_ROOT", str(ROOT / "bench" / "media"))
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False


VOCABULARY = (
    "migration governance coordination national institutions data protection returns labour "
    "integration capacity reporting municipalities civil society partners border management "
    "documentation regular pathways remittances diaspora trafficking smuggling registration "
    "services health education vulnerable women children workers cooperation framework plan "
    "monitoring evaluation indicators survey ministry directorate provincial office strategy "
    "legislation training standard procedures referral mechanisms consular assistance"
)
WORDS = VOCABULARY.split()


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(9, 22))]
    return " ".join(words).capitalize() + "."


def text_of(rng: random.Random, length: int) -> str:
    sentences, size = [], 0
    while size < length:
        sentences.append(sentence(rng))
        size += len(sentences[-1]) + 1
    return " ".join(sentences)[:length].rstrip() + "."


def html_of(rng: random.Random, paragraphs: int) -> str:
    return "".join(f"<p>{text_of(rng, rng.randint(400, 900))}</p>" for _ in range(paragraphs))


class Prose:
    """`text_of` for many rows at once: slices of one long random text, cut at a sentence
    start, so that a million characters cost one text's making, not a million choices."""

    def __init__(self, rng: random.Random, size: int = 400_000):
        self.rng = rng
        self.text = text_of(rng, size)
        self.starts = [0] + [i + 2 for i in range(len(self.text) - 2) if self.text[i] == "."]

    def __call__(self, length: int) -> str:
        limit = len(self.text) - length - 1
        start = self.rng.choice(self.starts)
        while start > limit:
            start = self.rng.choice(self.starts)
        return self.text[start : start + length].rstrip() + "."

    def html(self, paragraphs: int) -> str:
        return "".join(f"<p>{self(self.rng.randint(400, 900))}</p>" for _ in range(paragraphs))
