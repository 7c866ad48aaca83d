"""The self-contained HTML report: sections rendered from structured results.

A section is a function ``(ReportContext) -> Section``; :data:`SECTIONS` lists them in page
order.  Each section names the datasets (and curated records) it used, so the citation list
at the bottom is built from what the page actually shows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources

import jinja2

from dyadwatch import citations, countries
from dyadwatch.dyads import comparison_pairs
from dyadwatch.report.charts import plotly_js
from dyadwatch.store import Store


@dataclass
class ReportContext:
    a: str
    b: str
    store: Store
    comparisons: list[tuple[str, str]]

    @property
    def pairs(self) -> list[tuple[str, str]]:
        return [(self.a, self.b), *self.comparisons]


@dataclass
class Section:
    id: str
    title: str
    html: str
    datasets: list[str] = field(default_factory=list)
    coverage: str = ""


SectionFn = Callable[[ReportContext], Section]


def sections() -> list[SectionFn]:
    """Report sections in page order."""
    from dyadwatch.report import events_section, structure_section, timeline_section, unga_section

    return [unga_section.build, structure_section.build, timeline_section.build, events_section.build]


def build_html(a: str, b: str, store: Store, progress: Callable[[str], None] | None = None) -> str:
    """The whole report for the pair (a, b) as one HTML string with everything inlined."""
    ia, ib = countries.iso3(a), countries.iso3(b)
    ctx = ReportContext(ia, ib, store, comparison_pairs(ia, ib))
    built = []
    for fn in sections():
        if progress:
            progress(fn.__module__.rsplit(".", 1)[-1])
        built.append(fn(ctx))
    used = sorted({d for s in built for d in s.datasets})
    cites = citations.cite_datasets(used, ("apa", "bibtex"))
    env = jinja2.Environment(autoescape=jinja2.select_autoescape(["html"]))
    template = env.from_string(resources.files("dyadwatch.report").joinpath("templates/report.html").read_text("utf-8"))
    return template.render(
        a=ia, b=ib,
        name_a=countries.display_name(ia), name_b=countries.display_name(ib),
        comparisons=ctx.comparisons, sections=built, citations=cites,
        generated=dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        plotly_js=plotly_js(),
    )
