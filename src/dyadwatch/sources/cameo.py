"""CAMEO code tables: event codes with both GDELT's and ICEWS's labels and Goldstein values,
CAMEO country codes and actor types — all read from the mirrored upstream lookups.

Both Goldstein columns are kept side by side because the two projects disagree on four
codes (016, 022, 164, 165); merging them would silently change one dataset's scores.  The
labels of 101–108 differ too and are kept as two columns for the same reason.
"""

from __future__ import annotations

import io
import re
from functools import cache

import pandas as pd
import pyarrow as pa

from dyadwatch.citations import cite_datasets
from dyadwatch.errors import InvalidInput
from dyadwatch.sources import registry

DATASETS = (
    "cameo_eventcodes_gdelt",
    "cameo_goldstein_gdelt",
    "icews_cameo_codes",
    "cameo_country_codes",
    "cameo_actor_type_codes",
)

#: A label that swallowed the next line, as in later copies of GDELT's lookup:
#: ``1056<TAB>Demand de-escalation of military engagement106:[-5.0] Demand withdrawal``.
_JOINED = re.compile(r"^(?P<label>.*?\D)(?P<code>\d{2,4}):\[(?P<goldstein>-?\d+(?:\.\d+)?)\]\s*(?P<label2>.*)$")


def _read_tab(name: str) -> pd.DataFrame:
    return pd.read_csv(registry.path(name), sep="\t", dtype=str, keep_default_na=False, quoting=3)


def split_joined_labels(codes: pd.DataFrame) -> pd.DataFrame:
    """Undo the 106/1056 quirk: a row whose label contains ``<code>:[<goldstein>]`` is two rows.

    ``codes`` has columns ``code`` and ``label``; the result lists every code once, in order.
    """
    rows = []
    for code, label in zip(codes["code"], codes["label"]):
        m = _JOINED.match(label)
        if m is None:
            rows.append((code, label))
        else:
            rows += [(code, m["label"].strip()), (m["code"], m["label2"].strip())]
    return pd.DataFrame(rows, columns=["code", "label"])


def quad_class(code: str) -> int:
    """CAMEO quad class of a code from its two-digit root (01–05, 06–09, 10–14, 15–20)."""
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


@cache
def event_codes_frame() -> pd.DataFrame:
    """code, root, quad_class, label_gdelt, label_icews, goldstein_gdelt, goldstein_icews."""
    gdelt = split_joined_labels(_read_tab("cameo_eventcodes_gdelt").set_axis(["code", "label"], axis=1))
    gold = _read_tab("cameo_goldstein_gdelt").set_axis(["code", "goldstein_gdelt"], axis=1)
    raw = registry.path("icews_cameo_codes").read_bytes().decode("cp1252", errors="replace")
    icews = pd.read_csv(io.StringIO(raw), dtype=str, keep_default_na=False)[["code", "name", "goldstein"]]
    icews = icews.rename(columns={"name": "label_icews", "goldstein": "goldstein_icews"})
    out = (
        gdelt.rename(columns={"label": "label_gdelt"})
        .merge(gold, on="code", how="outer")
        .merge(icews, on="code", how="outer")
    )
    bad = out[~out["code"].str.fullmatch(r"\d{2,4}")]
    if len(bad):
        raise InvalidInput(f"CAMEO lookups: malformed code(s) {bad['code'].tolist()}", "check the mirrored lookup files")
    for col in ("goldstein_gdelt", "goldstein_icews"):
        out[col] = pd.to_numeric(out[col].replace("", None), errors="coerce")
    out["root"] = out["code"].str[:2]
    out["quad_class"] = out["code"].map(quad_class).astype("int8")
    return out.sort_values("code").reset_index(drop=True)[
        ["code", "root", "quad_class", "label_gdelt", "label_icews", "goldstein_gdelt", "goldstein_icews"]
    ]


@cache
def known_codes() -> pa.Array:
    """Every CAMEO event code in either lookup (to restore lost leading zeros)."""
    return pa.array(event_codes_frame()["code"].tolist(), pa.string())


def event_codes() -> pa.Table:
    return pa.Table.from_pandas(event_codes_frame(), preserve_index=False)


def country_codes() -> pa.Table:
    """CAMEO country/region codes with labels (states are ISO3; regions like AFR are not)."""
    df = _read_tab("cameo_country_codes").set_axis(["code", "label"], axis=1)
    return pa.Table.from_pandas(df, preserve_index=False)


def actor_types() -> pa.Table:
    """CAMEO actor type codes (GOV, MIL, REB, ...) with labels."""
    df = _read_tab("cameo_actor_type_codes").set_axis(["code", "label"], axis=1)
    return pa.Table.from_pandas(df, preserve_index=False)


TABLES = {"cameo_event_codes": event_codes, "cameo_countries": country_codes, "cameo_actor_types": actor_types}
TABLE_DATASETS = {
    "cameo_event_codes": ("cameo_eventcodes_gdelt", "cameo_goldstein_gdelt", "icews_cameo_codes"),
    "cameo_countries": ("cameo_country_codes",),
    "cameo_actor_types": ("cameo_actor_type_codes",),
}


def cite() -> dict[str, dict[str, list[str]]]:
    return cite_datasets(list(DATASETS))
