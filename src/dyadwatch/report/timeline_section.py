"""Report section: the pair's sourced timeline, filterable and searchable in the page itself.

Everything is server-rendered HTML (each record with its sources linked and its citations
in APA, Chicago and BibTeX) plus a few lines of inline JavaScript that only hide and show
list items, so the page works offline and a reader without JavaScript still sees every
record.  Records of the context dyads (those sharing a member with the pair) follow in a
collapsed second list, filtered by the same controls.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable
from typing import Any

import pandas as pd

from dyadwatch import countries
from dyadwatch.evidence.cameo import DATASETS as CAMEO_DATASETS
from dyadwatch.evidence.cite import cite_sources
from dyadwatch.evidence.schema import Category, SourceType
from dyadwatch.evidence.timeline import evidence_table
from dyadwatch.report import ReportContext, Section

CITE_STYLES = (("APA", "apa"), ("Chicago", "chicago"), ("BibTeX", "bibtex"))

CSS = """
.tl-filters { display:flex; flex-wrap:wrap; gap:.4em 1em; align-items:end; background:#f4f6f8; padding:.6em .8em; border-radius:4px; font-size:.9em; }
.tl-filters label { display:flex; flex-direction:column; gap:.15em; }
.tl-count { margin-left:auto; font-weight:600; }
ol.tl-list { list-style:none; padding:0 .4em 0 0; margin:.6em 0; max-height:80vh; overflow-y:auto; border-bottom:1px solid #e3e3e3; }
li.tl-rec { border-left:3px solid #c0392b; padding:.3em .8em; margin:.7em 0; }
li.tl-rec[hidden] { display:none; }
.tl-context li.tl-rec { border-left-color:#2c7fb8; }
.tl-head { font-size:.85em; color:#555; display:flex; flex-wrap:wrap; gap:.2em .8em; }
.tl-rec h4 { margin:.15em 0; font-size:1em; }
.tl-rec p { margin:.25em 0; }
.tl-sources { font-size:.85em; margin:.2em 0 .2em 1.2em; padding:0; }
.tl-badge { background:#eef; border-radius:3px; padding:0 .35em; }
.tl-conf-medium { background:#fff3cd; } .tl-conf-low { background:#f8d7da; }
.tl-cite summary, .tl-context > summary { cursor:pointer; color:#1f5f8b; }
.tl-cite pre { white-space:pre-wrap; font-size:.8em; background:#f4f4f4; padding:.4em; }
"""

JS = """
(function () {
  var root = document.getElementById('timeline-evidence');
  var get = function (f) { return root.querySelector('[data-f="' + f + '"]').value.trim(); };
  function apply() {
    var cat = get('category'), st = get('stype'), dec = get('decade'), from = get('from'), to = get('to');
    var words = get('q').toLowerCase().split(/\\s+/).filter(Boolean);
    root.querySelectorAll('ol.tl-list').forEach(function (list) {
      var shown = 0, items = list.querySelectorAll('li.tl-rec');
      items.forEach(function (li) {
        var d = li.dataset, text = d.text;
        var ok = (!cat || d.category === cat) && (!st || d.stypes.indexOf('|' + st + '|') >= 0) &&
          (!dec || d.decade === dec) && (!from || (d.end || d.date) >= from) && (!to || d.date <= to) &&
          words.every(function (w) { return text.indexOf(w) >= 0; });
        li.hidden = !ok; if (ok) shown++;
      });
      root.querySelector('[data-count="' + list.dataset.list + '"]').textContent = shown + ' of ' + items.length;
    });
  }
  root.querySelectorAll('[data-f]').forEach(function (el) { el.addEventListener('input', apply); el.addEventListener('change', apply); });
  root.querySelector('[data-reset]').addEventListener('click', function () {
    root.querySelectorAll('[data-f]').forEach(function (el) { el.value = ''; }); apply();
  });
  apply();
})();
"""

#: A row of ``DataFrame.itertuples()``: attribute access by column name.
Row = Any

_MONTH_FMT = {"day": "%-d %b %Y", "month": "%b %Y", "year": "%Y"}


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _when(row: Row) -> str:
    start = row.date.strftime(_MONTH_FMT[row.date_precision])
    end = row.end_date
    return start + (f" – {end:%-d %b %Y}" if pd.notna(end) and end != row.date else "")


def _sources_html(sources: Iterable[dict]) -> str:
    items = [
        f"<li><a href='{_e(s['url'])}' rel='noopener noreferrer' target='_blank'>{_e(s['title'])}</a> — {_e(s['publisher'])}"
        f"{', ' + _e(s['published']) if s.get('published') else ''} <span class='tl-badge'>{_e(s['source_type'])}</span></li>"
        for s in sources
    ]
    return "<ul class='tl-sources'>" + "".join(items) + "</ul>"


def _cite_html(row: Row) -> str:
    parts = []
    for label, style in CITE_STYLES:
        refs = cite_sources(row.event_id, row.sources, style)
        body = f"<pre>{_e(chr(10).join(refs))}</pre>" if style == "bibtex" else "<ul>" + "".join(f"<li>{_e(r)}</li>" for r in refs) + "</ul>"
        parts.append(f"<div data-style='{style}'><b>{label}</b>{body}</div>")
    return "<details class='tl-cite'><summary>cite</summary>" + "".join(parts) + "</details>"


def _links_html(links: Iterable[dict], known: set[str]) -> str:
    bits = [
        f"{_e(link['type'])} <a href='#ev-{_e(link['id'])}'>{_e(link['id'])}</a>" if link["id"] in known
        else f"{_e(link['type'])} {_e(link['id'])}"
        for link in links
    ]
    return f"<p class='tl-head'>{'; '.join(bits)}</p>" if bits else ""


def _search_text(row: Row) -> str:
    pubs = " ".join(s["publisher"] + " " + s["title"] for s in row.sources)
    return " ".join([row.title, row.summary, *row.persons, *row.organisations, pubs]).lower()


def _record(row: Row, known: set[str]) -> str:
    d = row.date
    stypes = "|" + "|".join(row.source_types) + "|"
    reason = f"<p class='tl-head'>Confidence {row.confidence}: {_e(row.confidence_reason)}</p>" if pd.notna(row.confidence_reason) else ""
    return (
        f"<li class='tl-rec' id='ev-{_e(row.event_id)}' data-category='{_e(row.category)}' data-stypes='{_e(stypes)}' "
        f"data-decade='{_decade(d)}' data-date='{d.isoformat()}' "
        f"data-end='{row.end_date.isoformat() if pd.notna(row.end_date) else ''}' data-text='{_e(_search_text(row))}'>"
        f"<div class='tl-head'><span>{_e(_when(row))}</span><span class='tl-badge'>{_e(row.category)}</span>"
        f"<span>{_e(row.direction.replace('->', '→'))}</span>"
        f"<span title='{_e(row.cameo_label)}'>CAMEO {_e(row.cameo_code)} · Goldstein {row.goldstein:+.1f}</span>"
        f"<span class='tl-badge tl-conf-{_e(row.confidence)}'>{_e(row.confidence)}</span></div>"
        f"<h4>{_e(row.title)}</h4><p>{_e(row.summary)}</p>{reason}"
        f"{_sources_html(row.sources)}{_links_html(row.links, known)}{_cite_html(row)}</li>"
    )


def _decade(d: dt.date) -> str:
    """The decade label shared by a record's ``data-decade`` and the decade filter's options."""
    return f"{d.year // 10 * 10}s"


def _options(values: Iterable[str]) -> str:
    return "<option value=''>all</option>" + "".join(f"<option value='{_e(v)}'>{_e(v)}</option>" for v in values)


def _filters(df: pd.DataFrame) -> str:
    decades = sorted({_decade(d) for d in df["date"]})
    used_cats = set(df["category"])
    used_types = {t for ts in df["source_types"] for t in ts}
    return (
        "<div class='tl-filters'>"
        f"<label>Category<select data-f='category'>{_options(c.value for c in Category if c.value in used_cats)}</select></label>"
        f"<label>Source type<select data-f='stype'>{_options(t.value for t in SourceType if t.value in used_types)}</select></label>"
        f"<label>Decade<select data-f='decade'>{_options(decades)}</select></label>"
        "<label>From<input type='date' data-f='from'></label><label>To<input type='date' data-f='to'></label>"
        "<label>Search<input type='search' data-f='q' placeholder='words in title, summary, names'></label>"
        "<button type='button' data-reset>Reset</button>"
        "<span class='tl-count'>Shown: <span data-count='main'></span></span></div>"
    )


def _frames(ctx: ReportContext) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The pair's records and those of context dyads (sharing one member with the pair)."""
    df = evidence_table(ctx.store).to_pandas()
    df["date"], df["end_date"] = df["date"].dt.date, df["end_date"].dt.date
    members = df["dyad"].str.split("-")
    pair = members.map(lambda m: set(m) == {ctx.a, ctx.b})
    context = ~pair & members.map(lambda m: bool(set(m) & {ctx.a, ctx.b}))
    order = ["date", "event_id"]
    return df[pair].sort_values(order), df[context].sort_values(order)


def _coverage(main: pd.DataFrame, ctx: ReportContext) -> str:
    if main.empty:
        return f"No curated records for {ctx.a}–{ctx.b} yet."
    single = int((main["num_sources"] == 1).sum())
    conf = main["confidence"].value_counts()
    return (
        f"{len(main)} curated records, {main['date'].min():%-d %B %Y} to {main['date'].max():%-d %B %Y}: "
        f"{conf.get('high', 0)} high, {conf.get('medium', 0)} medium and {conf.get('low', 0)} low confidence; "
        f"{single} rest on a single source. Records are this project's own summaries of the pages listed under each; "
        "a record is only as complete as the search behind it, so a quiet year is not proof of a quiet relationship. "
        "Goldstein scores come from the CAMEO code (GDELT table), not from the record."
    )


def build(ctx: ReportContext) -> Section:
    main, context = _frames(ctx)
    known = set(main["event_id"]) | set(context["event_id"])
    both = pd.concat([main, context])
    body = (
        f"<style>{CSS}</style><div id='timeline-evidence'>"
        + _filters(both)
        + "<ol class='tl-list' data-list='main'>" + "".join(_record(r, known) for r in main.itertuples(index=False)) + "</ol>"
    )
    if len(context):
        dyads = ", ".join(sorted({d.replace("-", "–") for d in context["dyad"]}))
        body += (
            f"<details class='tl-context'><summary>Context: {len(context)} records of related pairs ({_e(dyads)}) — "
            "shown: <span data-count='context'></span></summary>"
            "<ol class='tl-list' data-list='context'>" + "".join(_record(r, known) for r in context.itertuples(index=False)) + "</ol></details>"
        )
    body += f"</div><script>{JS}</script>"
    name_a, name_b = countries.display_name(ctx.a), countries.display_name(ctx.b)
    return Section(
        id="timeline", title=f"Timeline of {name_a} and {name_b}: sourced records", html=body,
        datasets=list(CAMEO_DATASETS), coverage=_coverage(main, ctx),
    )
