"""The schema of a curated evidence record.

Records are the project's own knowledge: facts in our own words, each tied to public
sources a reader can open.  They live as YAML lists under ``evidence/records/<DYAD>/``
(one file per dyad and decade) so that a review is a readable diff.  This module only
says what a *single* record must look like; cross-record checks (ids unique, links
resolve, near duplicates, CAMEO codes known) live in :mod:`dyadwatch.evidence.validate`.

Run ``python -m dyadwatch.evidence.schema FILE...`` to check files while writing them.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import urllib.parse
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

#: Actor codes allowed besides ISO3 country codes: organisations that act as one party.
ORGANISATION_CODES = {"UNSC", "UNGA", "UN", "EU", "IAEA", "NATO", "ASEAN", "G7", "UNHRC"}

ISO3 = Annotated[str, Field(pattern=r"^[A-Z]{3,5}$")]


def _not_future(value: dt.date | None, what: str, hint: str = "") -> dt.date | None:
    """Records describe what has happened: no field may be dated after today."""
    if value is not None and value > dt.date.today():
        raise ValueError(f"{what} {value} is in the future{hint}")
    return value


class Precision(StrEnum):
    day = "day"
    month = "month"
    year = "year"


class Category(StrEnum):
    diplomatic = "diplomatic"
    summit_visit = "summit/visit"
    treaty_agreement = "treaty/agreement"
    military_cooperation = "military cooperation"
    arms_transfer = "arms transfer"
    troops = "troops"
    economic_trade = "economic/trade"
    energy = "energy"
    transport_infrastructure = "transport/infrastructure"
    science_technology_space = "science/technology/space"
    culture_education_health = "culture/education/health"
    sanctions_un = "sanctions/UN"
    nuclear_missile = "nuclear/missile"
    statement_threat = "statement/threat"
    denial = "denial"
    conflict = "conflict"


class SourceType(StrEnum):
    dprk_state_media = "DPRK state media"
    russian_government = "Russian government"
    rok_government = "ROK government"
    other_government = "US or other government"
    un = "UN/intergovernmental"
    wire = "wire service"
    newspaper = "newspaper"
    specialist = "specialist outlet"
    think_tank = "think tank"
    academic = "academic"
    reference = "reference work"


class Confidence(StrEnum):
    high = "high"
    medium = "medium"
    low = "low"


class Source(BaseModel):
    """One public page a reviewer read; publisher and date are as the page states them."""

    model_config = ConfigDict(extra="forbid")
    url: Annotated[str, Field(pattern=r"^https?://[^\s/$.?#][^\s]*$")]
    publisher: Annotated[str, Field(min_length=2)]
    title: Annotated[str, Field(min_length=3)]
    published: dt.date | None = Field(
        None, description="Publication date of the page; null only when the page shows none."
    )
    source_type: SourceType

    @field_validator("url")
    @classmethod
    def _url_form(cls, v: str) -> str:
        # The pattern only rules out the grossest slips; a reader must be able to open the page.
        parts = urllib.parse.urlsplit(v)
        host = (parts.hostname or "").rstrip(".")  # a trailing dot is a legal absolute name (warned about)
        if "." not in host or host.startswith(".") or ".." in host:
            raise ValueError(f"url {v!r} has no valid host name; paste the full address from the browser bar")
        if any(c in v for c in "<>\"{}|\\^`"):
            raise ValueError(f"url {v!r} contains characters that must be percent-encoded")
        return v

    @field_validator("published")
    @classmethod
    def _published_not_future(cls, v: dt.date | None) -> dt.date | None:
        return _not_future(v, "published", "; copy the date the page shows")


class Link(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["denies", "disputes", "follows", "confirms", "same_event"]
    id: str


class Figure(BaseModel):
    """A dated number that no dataset covers (trade after 2014, troops, munitions...)."""

    model_config = ConfigDict(extra="forbid")
    measure: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: Annotated[str, Field(min_length=1)]
    as_of: dt.date
    estimator: Annotated[str, Field(min_length=2)]

    @model_validator(mode="after")
    def _has_number(self) -> "Figure":
        if self.value is None and self.low is None and self.high is None:
            raise ValueError("a figure needs value, or low/high")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"figure low {self.low} is above high {self.high}")
        return self


class Record(BaseModel):
    """One dated fact about a pair of actors, coded and sourced.

    Consistency rules are *field* validators (not one model validator) so that an error
    names the field to fix; pydantic validates fields in declaration order, which is why
    each rule sits on the later of the fields it compares.
    """

    model_config = ConfigDict(extra="forbid")
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{5,120}$")]
    date: dt.date
    date_precision: Precision
    end_date: dt.date | None = None
    dyad: Annotated[str, Field(pattern=r"^[A-Z]{2,5}-[A-Z]{2,5}$")]
    direction: Annotated[str, Field(pattern=r"^([A-Z]{2,5}->[A-Z]{2,5}|mutual)$")]
    countries: list[ISO3] = Field(min_length=1)
    persons: list[str] = []
    organisations: list[str] = []
    category: Category
    event_code: Annotated[str, Field(pattern=r"^\d{2,4}$")]
    title: Annotated[str, Field(min_length=8, max_length=200)]
    summary: Annotated[str, Field(min_length=20)]
    sources: list[Source] = Field(min_length=1)
    confidence: Confidence
    confidence_reason: str | None = Field(None, validate_default=True)
    links: list[Link] = []
    figure: Figure | None = None

    @field_validator("date", "end_date", mode="before")
    @classmethod
    def _iso_date(cls, v: object) -> object:
        # YAML turns 2024-06-19 into a date already; strings must be full ISO dates.
        if isinstance(v, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
            raise ValueError(f"date {v!r} must be YYYY-MM-DD (use date_precision for month/year)")
        return v

    @field_validator("date")
    @classmethod
    def _date_not_future(cls, v: dt.date) -> dt.date | None:
        return _not_future(v, "date")

    @field_validator("date_precision")
    @classmethod
    def _precision_matches_date(cls, v: Precision, info: ValidationInfo) -> Precision:
        date = info.data.get("date")
        if date is not None and v is Precision.month and date.day != 1:
            raise ValueError(f"month precision: write the date as the 1st of the month ({date:%Y-%m}-01)")
        if date is not None and v is Precision.year and (date.month, date.day) != (1, 1):
            raise ValueError(f"year precision: write the date as 1 January ({date.year}-01-01)")
        return v

    @field_validator("end_date")
    @classmethod
    def _end_after_start(cls, v: dt.date | None, info: ValidationInfo) -> dt.date | None:
        date = info.data.get("date")
        if v is not None and date is not None and v < date:
            raise ValueError(f"end_date {v} is before date {date}")
        return _not_future(v, "end_date", "; leave it out while the spell is ongoing")

    @field_validator("direction")
    @classmethod
    def _direction_in_dyad(cls, v: str, info: ValidationInfo) -> str:
        dyad = info.data.get("dyad")
        if dyad and v != "mutual" and set(v.split("->")) != set(dyad.split("-")):
            raise ValueError(f"direction {v} does not match dyad {dyad}")
        return v

    @field_validator("confidence_reason")
    @classmethod
    def _reason_below_high(cls, v: str | None, info: ValidationInfo) -> str | None:
        confidence = info.data.get("confidence")
        if confidence is not None and confidence is not Confidence.high and not v:
            raise ValueError(f"confidence {confidence.value} needs a confidence_reason saying why it is not high")
        return v

    @property
    def source_actor(self) -> str:
        """The acting side; for mutual records the dyad's first member by convention."""
        return self.dyad.split("-")[0] if self.direction == "mutual" else self.direction.split("->")[0]

    @property
    def target_actor(self) -> str:
        return self.dyad.split("-")[1] if self.direction == "mutual" else self.direction.split("->")[1]


def _main(paths: list[str]) -> int:
    """Check the given record files (schema and cross-record checks within them)."""
    from dyadwatch.evidence.validate import validate_files

    problems = validate_files([Path(p) for p in paths])
    for problem in problems:
        print(problem)
    print(f"{len(paths)} file(s): {sum(p.is_error for p in problems)} error(s), {sum(not p.is_error for p in problems)} warning(s)")
    return 1 if any(p.is_error for p in problems) else 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
