"""How `dyadwatch evidence validate` scales with the number of records.

The records will grow from hundreds to thousands; validation runs in every test run and on
every record edit, so it must stay close to the cost of merely parsing the YAML.  Records
are synthetic, from a seeded generator (real codes, countries and dates, invented text),
written into a temporary folder; the baseline is ``yaml.safe_load`` of the same files.

    DYADWATCH_MIRROR=../shared/data/mirror python bench_evidence_validate.py --records 2000 20000
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import tempfile
from pathlib import Path

import yaml

from common import machine, timed
from dyadwatch.evidence import cameo
from dyadwatch.evidence.validate import validate

DYADS = ("RUS-PRK", "PRK-CHN", "PRK-KOR", "PRK-USA", "RUS-KOR", "RUS-CHN")
WORDS = "treaty visit talks delegation railway shells troops sanctions veto summit bridge coal oil envoy minister".split()


def synthetic(n: int, seed: int = 1) -> dict[str, list[dict]]:
    """``n`` schema-valid records spread over the dyads and 1945–2025, by dyad."""
    rng = random.Random(seed)
    codes = sorted(cameo.codes())
    out: dict[str, list[dict]] = {d: [] for d in DYADS}
    for i in range(n):
        dyad = rng.choice(DYADS)
        day = dt.date(1945, 1, 1) + dt.timedelta(days=rng.randrange(80 * 365))
        out[dyad].append({
            "id": f"{dyad.lower()}-{day}-synthetic-{i}", "date": day, "date_precision": "day", "dyad": dyad,
            "direction": "mutual", "countries": dyad.split("-"), "category": "diplomatic",
            "event_code": rng.choice(codes), "title": " ".join(rng.sample(WORDS, 6)).capitalize(),
            "summary": " ".join(rng.choices(WORDS, k=40)),
            "sources": [{"url": f"https://example.org/{i}/{j}", "publisher": "Example", "title": "Page title",
                         "published": day, "source_type": "newspaper"} for j in range(rng.randint(1, 3))],
            "confidence": "high",
        })
    return out


def write(folder: Path, records: dict[str, list[dict]]) -> None:
    for dyad, recs in records.items():
        (folder / dyad).mkdir(parents=True, exist_ok=True)
        (folder / dyad / "synthetic.yaml").write_text(yaml.safe_dump(recs, sort_keys=False), encoding="utf-8")


def parse_only(folder: Path) -> int:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return sum(len(yaml.load(p.read_text(encoding="utf-8"), Loader=loader)) for p in sorted(folder.rglob("*.yaml")))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, nargs="+", default=[2000, 20000])
    args = ap.parse_args()
    print(machine())
    validate(Path(tempfile.mkdtemp()))  # warm the CAMEO and country tables once
    for n in args.records:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            write(folder, synthetic(n))
            t_parse, count = timed(lambda: parse_only(folder), repeat=3)
            t_validate, problems = timed(lambda: validate(folder), repeat=3)
            errors = sum(p.is_error for p in problems)
            print(f"{n:>6} records ({count} parsed): validate {t_validate:.2f} s, yaml parse baseline {t_parse:.2f} s, "
                  f"ratio {t_validate / t_parse:.1f}x; {errors} errors, {len(problems) - errors} warnings")


if __name__ == "__main__":
    main()
