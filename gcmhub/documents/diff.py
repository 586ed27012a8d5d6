"""Compare two versions of a document section by section, word by word (no database)."""

from html import escape

from gcmhub.core.text import word_diff
from gcmhub.reporting.narrative import to_text

SKIP = {"key", "number", "kind", "html", "labels", "chart"}


def _flatten(value) -> list[str]:
    """The text of a data section's values, one line per leaf."""
    if isinstance(value, dict):
        return [line for key, item in value.items() if key not in SKIP for line in _flatten(item)]
    if isinstance(value, list | tuple):
        if value and all(not isinstance(v, dict | list | tuple) for v in value):
            return [" · ".join("" if v is None else str(v) for v in value)]
        return [line for item in value for line in _flatten(item)]
    if value in (None, "") or isinstance(value, bool):
        return []  # nothing to read, or a flag of the data (a reader sees its effect)
    return [str(value)]


def section_text(section: dict) -> str:
    lines = [to_text(section.get("html", ""))]
    lines += _flatten(section)
    return "\n".join(line for line in lines if line)


def compare(old: dict, new: dict) -> list[dict]:
    """One entry a section (in the newer order, then sections removed): its status and diff."""
    old_sections = {s["key"]: s for s in old["sections"]}
    result = []
    for section in new["sections"]:
        before = old_sections.pop(section["key"], None)
        after_text = section_text(section)
        if before is None:
            result.append(
                {
                    "key": section["key"],
                    "title": section["title"],
                    "status": "added",
                    "diff": word_diff("", after_text),
                }
            )
            continue
        before_text = section_text(before)
        changed = before_text != after_text or before["title"] != section["title"]
        result.append(
            {
                "key": section["key"],
                "title": section["title"],
                "status": "changed" if changed else "same",
                "diff": word_diff(before_text, after_text)
                if changed
                else escape(after_text).replace("\n", "<br>"),
            }
        )
    for section in old_sections.values():
        result.append(
            {
                "key": section["key"],
                "title": section["title"],
                "status": "removed",
                "diff": word_diff(section_text(section), ""),
            }
        )
    return result


def compare_editions(old: dict, new: dict) -> list[tuple[str, list[dict]]]:
    """Each edition of the newer version compared with the same edition of the older one
    (with the older's own edition when it has none in that language: a version issued before
    documents had two editions): [(language, compare(...))], the newer's own first."""
    from gcmhub.documents.content import editions_of

    old_editions = editions_of(old)
    result = []
    for language, edition in editions_of(new).items():
        before = old_editions.get(language) or old_editions[old["language"]]
        result.append((language, compare(before, edition)))
    return result
