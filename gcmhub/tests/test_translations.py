"""The Turkish catalogue is complete: no entry untranslated or fuzzy, no string missing."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "tr" / "LC_MESSAGES" / "django.po"


def statistics(po: Path) -> str:
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stderr


def test_turkish_catalogue_has_no_untranslated_or_fuzzy_entry():
    stats = statistics(CATALOGUE)
    assert "untranslated" not in stats, stats
    assert "fuzzy" not in stats, stats


def test_every_translatable_string_of_the_code_is_in_the_catalogue(tmp_path):
    """Extract the strings again from a copy of the code: nothing may come out untranslated."""
    for name in ["config", "gcmhub", "templates", "locale"]:
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "manage.py", tmp_path / "manage.py")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "tr", "--no-obsolete", "-v0"],
        cwd=tmp_path,
        check=True,
        env={"DEBUG": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(tmp_path)},
    )
    stats = statistics(tmp_path / "locale" / "tr" / "LC_MESSAGES" / "django.po")
    assert "untranslated" not in stats, f"strings missing from the catalogue: {stats}"
    assert "fuzzy" not in stats, f"strings changed without their translation: {stats}"
