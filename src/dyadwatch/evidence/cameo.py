"""The CAMEO codes curated records may use, and what each code implies (label, Goldstein, quad class).

Records carry only the CAMEO code; everything derived from it comes from the GDELT lookup
files in the mirror (registry datasets ``cameo_eventcodes_gdelt`` and
``cameo_goldstein_gdelt``, parsed by :mod:`dyadwatch.sources.cameo`), so no score is ever
typed by hand.  Only codes in the GDELT lookup count as known: ICEWS-only codes (1213)
have no GDELT Goldstein score.  The 2013 copy keeps 106 and 1056 apart, so the merge quirk
does not apply.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from dyadwatch.sources import cameo as cameo_source

#: Registry datasets the code table is parsed from.
DATASETS = cameo_source.TABLE_DATASETS["cameo_event_codes"]


@dataclass(frozen=True)
class Code:
    code: str
    label: str
    goldstein: float
    quad_class: int

    @property
    def root(self) -> str:
        """Two-digit root ("0312" → "03")."""
        return self.code[:2]

    @property
    def base(self) -> str:
        """Three-digit base code ("0312" → "031"; a root stays itself)."""
        return self.code[:3]


@cache
def codes() -> dict[str, Code]:
    """Every CAMEO event code in the GDELT lookup, by code (leading zeros kept)."""
    df = cameo_source.event_codes_frame().dropna(subset=["label_gdelt", "goldstein_gdelt"])
    return {
        c: Code(c, label, float(g), int(q))
        for c, label, g, q in zip(df["code"], df["label_gdelt"], df["goldstein_gdelt"], df["quad_class"])
    }
