"""How an indicator's actual value and its values by category agree, as plain functions (no
database).

- Each breakdown splits the same total: the values by sex add up to the total, and so do the
  values by age group (breakdowns are not crossed: no "women aged 18-59").
- A breakdown with a value for every category adds up to the total; when an entered total and
  that sum disagree, the person is told both figures and what to do.
- A breakdown with some categories left empty (not known) adds up to no more than the total.
- With the total left empty, it is computed from a breakdown with every category given; two
  such breakdowns that add up differently are refused, and so are values by category with no
  total and no complete breakdown to compute it from.
- Shares and rates (an indicator whose parts do not add up: the enrolment rate of girls and
  that of boys) are not checked: the total is what was entered.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

# Categories that the standard breakdowns start with: (English, Turkish, HXL attributes).
STANDARD_CATEGORIES: dict[str, list[tuple[str, str, str]]] = {
    "sex": [("Female", "Kadın", "+f"), ("Male", "Erkek", "+m")],
    "age": [
        ("0-17 years", "0-17 yaş", "+age0_17"),
        ("18-59 years", "18-59 yaş", "+age18_59"),
        ("60 years and over", "60 yaş ve üstü", "+age60plus"),
    ],
    "migration_status": [
        ("International protection", "Uluslararası koruma", "+refugees"),
        ("Temporary protection", "Geçici koruma", "+temporary_protection"),
        ("Residence permit", "İkamet izni", "+migrants+regular"),
        ("Irregular situation", "Düzensiz durumda", "+migrants+irregular"),
    ],
    "disability": [
        ("With a disability", "Engelli", "+disabled"),
        ("Without a disability", "Engelli olmayan", "+not_disabled"),
    ],
}


@dataclass(frozen=True)
class Split:
    """One breakdown's values for one actual: None where a category is not known."""

    name: str
    values: Sequence[Decimal | None]

    @property
    def given(self) -> list[Decimal]:
        return [v for v in self.values if v is not None]

    @property
    def complete(self) -> bool:
        return bool(self.values) and len(self.given) == len(self.values)

    @property
    def sum(self) -> Decimal:
        return sum(self.given, Decimal(0))


def _n(value: Decimal) -> str:
    return number_format(value.normalize() if value == value.to_integral() else value)


def reconcile(
    total: Decimal | None, splits: Sequence[Split], *, adds_up: bool = True
) -> tuple[Decimal | None, list[str]]:
    """The total to record (entered, or computed from a complete breakdown) and what is wrong."""
    if not adds_up:
        return total, []
    problems = []
    complete = [s for s in splits if s.complete]
    if total is None and complete:
        total = complete[0].sum
        for other in complete[1:]:
            if other.sum != total:
                problems.append(
                    _(
                        "The values by “%(first)s” add up to %(a)s and those by “%(second)s” "
                        "to %(b)s: correct them, or enter the total."
                    )
                    % {
                        "first": complete[0].name,
                        "a": _n(total),
                        "second": other.name,
                        "b": _n(other.sum),
                    }
                )
        return (None if problems else total), problems
    if total is None:
        if any(s.given for s in splits):
            problems.append(
                _(
                    "Give the total, or a value for every category of one breakdown so that "
                    "the total can be computed."
                )
            )
        return None, problems
    for split in splits:
        if split.complete and split.sum != total:
            problems.append(
                _(
                    "The values by “%(breakdown)s” add up to %(sum)s, not to the total of "
                    "%(total)s: correct one of them, or leave the total empty to have it "
                    "computed."
                )
                % {"breakdown": split.name, "sum": _n(split.sum), "total": _n(total)}
            )
        elif not split.complete and split.sum > total:
            problems.append(
                _(
                    "The values given by “%(breakdown)s” add up to %(sum)s, more than the "
                    "total of %(total)s."
                )
                % {"breakdown": split.name, "sum": _n(split.sum), "total": _n(total)}
            )
    return total, problems


def hxl_attributes(attributes: str) -> str:
    """`+F +age0_17` or `f, age0_17` as HXL attributes (`+f+age0_17`): lower case, no spaces."""
    words = [w for w in attributes.replace(",", " ").replace("+", " ").split() if w]
    return "".join(f"+{w.lower()}" for w in words)
