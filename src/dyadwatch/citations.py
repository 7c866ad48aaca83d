"""Citations in BibTeX, APA, Chicago and MLA from one structured reference.

Datasets (``sources/references.toml``) and curated web sources both become a
:class:`Reference`, so every face prints citations the same way.  Hand-written
rather than citeproc: the four styles are needed for a handful of reference kinds, and a
CSL engine plus style files would be a heavy dependency for that.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

STYLES = ("bibtex", "apa", "chicago", "mla")
#: What every face prints unless asked: MLA is rare in the social sciences, so only on request.
DEFAULT_STYLES = ("bibtex", "apa", "chicago")


@dataclass(frozen=True)
class Reference:
    key: str
    kind: str  # article | book | chapter | dataset | software | webpage
    title: str
    authors: tuple[str, ...] = ()
    year: int | None = None
    container: str | None = None
    editors: tuple[str, ...] = ()
    publisher: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    url: str | None = None
    note: str | None = None
    date: str | None = None  # full ISO date for web pages
    accessed: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


@cache
def dataset_references() -> dict[str, Reference]:
    raw = tomllib.loads(resources.files("dyadwatch.sources").joinpath("references.toml").read_text("utf-8"))
    return {
        key: Reference(
            key=key,
            **{k: tuple(v) if isinstance(v, list) else v for k, v in spec.items()},
        )
        for key, spec in raw["references"].items()
    }


def _family(author: str) -> str:
    return author.split(",")[0].strip()


def _given_initials(author: str) -> str:
    if "," not in author:
        return ""
    given = author.split(",", 1)[1].strip()
    return " ".join(f"{p[0]}." for p in re.split(r"[\s.]+", given) if p)


def _apa_authors(authors: tuple[str, ...]) -> str:
    names = [f"{_family(a)}, {_given_initials(a)}".rstrip(", ") if a != "others" else "et al." for a in authors]
    if len(names) <= 1:
        return "".join(names)
    if names[-1] == "et al.":
        return ", ".join(names[:-1]) + ", et al."
    return ", ".join(names[:-1]) + ", & " + names[-1]


def _chicago_authors(authors: tuple[str, ...]) -> str:
    if not authors:
        return ""
    first, rest = authors[0], list(authors[1:])
    out = [first]
    for a in rest:
        if a == "others":
            return ", ".join(out) + ", et al"
        family, _, given = a.partition(",")
        out.append(f"{given.strip()} {family.strip()}".strip())
    return out[0] if len(out) == 1 else ", ".join(out[:-1]) + ", and " + out[-1]


def _locator(ref: Reference) -> str:
    bits = []
    if ref.volume:
        bits.append(ref.volume + (f"({ref.issue})" if ref.issue else ""))
    if ref.pages:
        bits.append(ref.pages)
    return ", ".join(bits)


def _link(ref: Reference) -> str:
    return f"https://doi.org/{ref.doi}" if ref.doi else (ref.url or "")


def apa(ref: Reference) -> str:
    when = ref.date or (str(ref.year) if ref.year else "n.d.")
    parts = [f"{_apa_authors(ref.authors) or ref.publisher or ''} ({when}).", f"{ref.title}."]
    if ref.container:
        loc = _locator(ref)
        parts.append(f"{ref.container}{', ' + loc if loc else ''}.")
    elif ref.publisher and ref.authors:
        parts.append(f"{ref.publisher}.")
    if _link(ref):
        parts.append(_link(ref))
    return " ".join(p for p in parts if p.strip(". "))


def chicago(ref: Reference) -> str:
    who = _chicago_authors(ref.authors) or ref.publisher or ""
    when = str(ref.year) if ref.year else (ref.date[:4] if ref.date else "n.d.")
    title = f"“{ref.title}.”" if ref.container or ref.kind == "webpage" else f"{ref.title}."
    parts = [f"{who}. {when}.", title]
    if ref.container:
        loc = _locator(ref)
        parts.append(f"{ref.container}{' ' + loc if loc else ''}.")
    if ref.kind == "webpage" and ref.publisher:
        parts.append(f"{ref.publisher}{', ' + ref.date if ref.date else ''}.")
    if _link(ref):
        parts.append(_link(ref) + ".")
    return " ".join(parts)


def mla(ref: Reference) -> str:
    who = _chicago_authors(ref.authors[:1] + (("others",) if len(ref.authors) > 2 else ref.authors[1:2]))
    parts = [f"{who}." if who else "", f"“{ref.title}.”"]
    if ref.container:
        parts.append(f"{ref.container},")
    if ref.publisher and ref.kind == "webpage":
        parts.append(f"{ref.publisher},")
    parts.append(f"{ref.date or ref.year or 'n.d.'},")
    if _link(ref):
        parts.append(_link(ref) + ".")
    return " ".join(p for p in parts if p).rstrip(",") + ("" if parts[-1].endswith(".") else ".")


def bibtex(ref: Reference) -> str:
    entry = {"article": "article", "book": "book", "chapter": "incollection", "webpage": "online"}.get(ref.kind, "misc")
    fields = {
        "author": " and ".join(ref.authors) if ref.authors else None,
        "title": f"{{{ref.title}}}",
        "year": str(ref.year) if ref.year else (ref.date[:4] if ref.date else None),
        "date": ref.date,
        "journal" if ref.kind == "article" else "booktitle": ref.container,
        "editor": " and ".join(ref.editors) if ref.editors else None,
        "publisher": ref.publisher,
        "volume": ref.volume,
        "number": ref.issue,
        "pages": ref.pages.replace("-", "--") if ref.pages else None,
        "doi": ref.doi,
        "url": ref.url,
        "urldate": ref.accessed,
        "note": ref.note,
    }
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items() if v)
    return f"@{entry}{{{ref.key},\n{body}\n}}"


FORMATTERS = {"bibtex": bibtex, "apa": apa, "chicago": chicago, "mla": mla}


def format_reference(ref: Reference, style: str) -> str:
    """Render ``ref`` in one of :data:`STYLES`."""
    try:
        return FORMATTERS[style](ref)
    except KeyError:
        from dyadwatch.errors import DyadwatchError

        raise DyadwatchError(f"unknown citation style {style!r}", f"use one of {', '.join(STYLES)}") from None


def cite_datasets(names: list[str], styles: tuple[str, ...] = DEFAULT_STYLES) -> dict[str, dict[str, list[str]]]:
    """For each dataset name: per style, the formatted references to cite (deduplicated)."""
    from dyadwatch.sources import registry

    refs = dataset_references()
    return {
        name: {style: [format_reference(refs[k], style) for k in registry.get(name).references] for style in styles}
        for name in names
    }
