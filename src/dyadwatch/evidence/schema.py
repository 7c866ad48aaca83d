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
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

#: Actor codes allowed besides ISO3 country codes: organisations that act as one party.
ORGANISATION_CODES = {"UNSC", "UNGA", "UN", "EU", "IAEA", "NATO", "ASEAN", "G7", "UNHRC"}

ISO3 = Annotated[str, Field(pattern=r"^[A-Z]{3,5}$")]


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
    """One dated fact about a pair of actors, coded and sourced."""

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
    confidence_reason: str | None = None
    links: list[Link] = []
    figure: Figure | None = None

    @field_validator("date", "end_date", mode="before")
    @classmethod
    def _iso_date(cls, v: object) -> object:
        # YAML turns 2024-06-19 into a date already; strings must be full ISO dates.
        if isinstance(v, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
            raise ValueError(f"date {v!r} must be YYYY-MM-DD (use date_precision for month/year)")
        return v

    @model_validator(mode="after")
    def _consistent(self) -> "Record":
        a, b = self.dyad.split("-")
        if self.direction != "mutual" and set(self.direction.split("->")) != {a, b}:
            raise ValueError(f"direction {self.direction} does not match dyad {self.dyad}")
        if self.date_precision is Precision.month and self.date.day != 1:
            raise ValueError("month precision: write the date as the 1st of the month")
        if self.date_precision is Precision.year and (self.date.month, self.date.day) != (1, 1):
            raise ValueError("year precision: write the date as 1 January")
        if self.end_date is not None and self.end_date < self.date:
            raise ValueError(f"end_date {self.end_date} is before date {self.date}")
        if self.confidence is not Confidence.high and not self.confidence_reason:
            raise ValueError("confidence below high needs confidence_reason")
        if self.date > dt.date.today():
            raise ValueError(f"date {self.date} is in the future")
        return self

    @property
    def source_actor(self) -> str:
        """The acting side; for mutual records the dyad's first member by convention."""
        return self.dyad.split("-")[0] if self.direction == "mutual" else self.direction.split("->")[0]

    @property
    def target_actor(self) -> str:
        return self.dyad.split("-")[1] if self.direction == "mutual" else self.direction.split("->")[1]


def _main(paths: list[str]) -> int:
    """Check record files one by one; print each problem with file, record index and field."""
    import yaml

    problems = 0
    for name in paths:
        items = yaml.safe_load(Path(name).read_text(encoding="utf-8")) or []
        for i, item in enumerate(items):
            try:
                Record.model_validate(item)
            except Exception as exc:  # pydantic.ValidationError; printed for the author
                problems += 1
                rid = item.get("id", "?") if isinstance(item, dict) else "?"
                print(f"{name}: record #{i} ({rid}): {exc}")
        print(f"{name}: {len(items)} records checked")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
