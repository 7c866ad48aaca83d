"""Counts over the records, and the coverage targets of the evidence base checked against them.

Computed from the record files (not the store) so an author sees the effect of an edit at
once, and on the records that pass the schema only (``validate`` reports the others).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dyadwatch.evidence.load import load

FLAGSHIP = "RUS-PRK"
FLAGSHIP_DECADES = tuple(range(1940, 2030, 10))
RECENT_FROM = dt.date(2022, 1, 1)

#: Coverage targets (issue 3, point 2): name → minimum.
TARGETS = {
    f"{FLAGSHIP} records": 300,
    f"{FLAGSHIP} records from {RECENT_FROM:%Y} on": 120,
    f"{FLAGSHIP} records in the thinnest decade (1940s-2020s)": 8,
    "context records (other dyads)": 150,
    "records without a source": 0,
}


@dataclass
class Stats:
    """Each ``by_*`` frame has one row per value with ``records``; ``targets`` says what is met."""

    total: int
    by_dyad: pd.DataFrame
    by_decade: pd.DataFrame  # dyad × decade
    by_category: pd.DataFrame
    by_source_type: pd.DataFrame  # records citing the type at least once, and sources of the type
    by_confidence: pd.DataFrame
    targets: pd.DataFrame  # target, required, actual, met

    def frames(self) -> dict[str, pd.DataFrame]:
        return {"by dyad": self.by_dyad, "by decade": self.by_decade, "by category": self.by_category,
                "by source type": self.by_source_type, "by confidence": self.by_confidence, "targets": self.targets}


def _frame(root: Path | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    recs = [r.record for r in load(root).records]
    df = pd.DataFrame({
        "id": [r.id for r in recs], "dyad": [r.dyad for r in recs], "date": [r.date for r in recs],
        "category": [r.category.value for r in recs], "confidence": [r.confidence.value for r in recs],
        "num_sources": [len(r.sources) for r in recs],
    })
    df["decade"] = [f"{d.year // 10 * 10}s" for d in df["date"]]
    sources = pd.DataFrame([(r.id, s.source_type.value) for r in recs for s in r.sources], columns=["id", "source_type"])
    return df, sources


def _count(df: pd.DataFrame, by: str | list[str]) -> pd.DataFrame:
    return df.groupby(by).size().rename("records").reset_index().sort_values(by).reset_index(drop=True)


def _targets(df: pd.DataFrame) -> pd.DataFrame:
    flag = df[df["dyad"] == FLAGSHIP]
    decades = flag["decade"].value_counts().reindex([f"{d}s" for d in FLAGSHIP_DECADES], fill_value=0)
    actual = [len(flag), int((flag["date"] >= RECENT_FROM).sum()), int(decades.min()),
              int((df["dyad"] != FLAGSHIP).sum()), int((df["num_sources"] < 1).sum())]
    out = pd.DataFrame({"target": list(TARGETS), "required": list(TARGETS.values()), "actual": actual})
    out["met"] = [a == 0 if req == 0 else a >= req for a, req in zip(out["actual"], out["required"])]
    return out


def stats(root: Path | None = None) -> Stats:
    """Counts by dyad, decade, category, source type and confidence, plus the coverage targets."""
    df, sources = _frame(root)
    by_type = sources.groupby("source_type").agg(records=("id", "nunique"), sources=("id", "size")).reset_index()
    return Stats(
        total=len(df),
        by_dyad=_count(df, "dyad"),
        by_decade=df.pivot_table(index="decade", columns="dyad", values="id", aggfunc="count", fill_value=0).reset_index(),
        by_category=_count(df, "category"),
        by_source_type=by_type.sort_values("records", ascending=False).reset_index(drop=True),
        by_confidence=_count(df, "confidence"),
        targets=_targets(df),
    )
