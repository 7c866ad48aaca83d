"""``cite(df)``: the citations of every dataset whose columns a dyad-year frame carries.

Like peacesciencer's ``ps_cite()``, but read off the frame itself: each verb declares
which columns come from which registry datasets (:data:`COLUMN_DATASETS`), and the curated
evidence is cited record by record for the rows that actually use it.
"""

from __future__ import annotations

import pandas as pd

from dyadwatch.citations import DEFAULT_STYLES, cite_datasets
from dyadwatch.dyadyears import alliances, disputes, sanctions
from dyadwatch.sources import registry

#: Column → the registry datasets behind it.  State-system keys come from isard's panel.
COLUMN_DATASETS: dict[str, tuple[str, ...]] = {
    "year": ("isard_cw_gw_panel",),
    **{c: ("cow_trade_dyadic_v4",) for c in ("flow1", "flow2", "smoothflow1", "smoothflow2", "trade")},
    **{c: ("cow_trade_national_v4",) for c in ("trade_total_a", "trade_total_b", "trade_share_a", "trade_share_b")},
    **{c: ("atop_5_1_directed_dyad_year",) for c in [*alliances.ATOP, *alliances.COMBINED]},
    "unga_n_both": ("unga_votes", "unga_roll_calls"), "unga_agreement": ("unga_votes", "unga_roll_calls"),
    "unga_kappa": ("unga_votes", "unga_roll_calls"), "unga_idealpoint_distance": ("unga_ideal_points",),
    **{c: ("gsdb_v2_cases", "gsdb_v3_cases_subset") for c in sanctions.COLUMNS if "sanctions" in c},
    **{c: ("unsc_vetoes",) for c in sanctions.COLUMNS if c.startswith("veto")},
    **{c: ("unsc_meetings",) for c in sanctions.COLUMNS if c.startswith("unsc_res")},
    **{c: ("cow_mid_5_dyad_year",) for c in disputes.COLUMNS if c.startswith("cowmid")},
    **{c: ("gml_mid_2_2_1_dyad_year",) for c in disputes.COLUMNS if c.startswith("gmlmid")},
    "dyadigos": ("cow_igo_3_joint_membership",), "conttype": ("cow_direct_contiguity_3_2",),
    "capdist_km": ("cow_capitals",), **{c: ("cow_nmc_7_0",) for c in ("cinc_a", "cinc_b", "milex_a", "milex_b")},
    "td_rivalry": ("thompson_dreyer_rivalries",), "tss_rivalry": ("tss_rivalries",),
}
#: Columns that hold evidence record ids ("; "-separated) of the curated rows.
RECORD_COLUMNS = ("trade_record", "treaty_record", "veto_record")


def datasets_of(df: pd.DataFrame) -> list[str]:
    """Registry datasets whose columns ``df`` carries, in registry order."""
    used = {d for col in df.columns for d in COLUMN_DATASETS.get(col, ())}
    return [name for name in registry.datasets() if name in used]


def records_of(df: pd.DataFrame) -> list[str]:
    """Evidence record ids that rows of ``df`` rely on (trade figures, treaties, vetoes)."""
    ids: dict[str, None] = {}
    for col in RECORD_COLUMNS:
        if col in df.columns:
            for cell in df[col].dropna():
                ids.update(dict.fromkeys(str(cell).split("; ")))
    return list(ids)


def cite(df: pd.DataFrame, styles: tuple[str, ...] = DEFAULT_STYLES) -> dict[str, dict]:
    """Citations for a frame: ``{"datasets": {name: {...}}, "curated": {record id: {...}}}``.

    Each dataset entry has ``citation`` (the registry's plain text, which names the version,
    e.g. "Correlates of War Project Trade Data Set Codebook, Version 4.0") and one list of
    formatted references per style; each curated entry has the record's title and its
    sources formatted per style.
    """
    from dyadwatch.evidence.cite import cite_sources
    from dyadwatch.sources.curated import evidence_record

    names = datasets_of(df)
    formatted = cite_datasets(names, styles)
    out_datasets = {n: {"citation": registry.get(n).citation, **formatted[n]} for n in names}
    curated = {}
    for rid in records_of(df):
        rec = evidence_record(rid)
        sources = [s.model_dump() for s in rec.sources]
        curated[rid] = {"title": rec.title, "date": rec.date.isoformat(), **{s: cite_sources(rid, sources, s) for s in styles}}
    return {"datasets": out_datasets, "curated": curated}

