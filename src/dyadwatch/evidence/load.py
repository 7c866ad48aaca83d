"""Reading the record files: every ``*.yaml`` under the records folder, with where each record sits.

Records are kept together with their file, list index and line so that any later check
(:mod:`dyadwatch.evidence.validate`) can point an author at the exact place to edit.  A
record that fails the schema is *not* returned as a record but as a :class:`Problem`, so
callers never compute on half-valid data.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml
from pydantic import ValidationError

from dyadwatch.evidence.schema import Record

#: Kinds of problem by the field they concern; everything else is a plain schema problem.
_KIND_BY_FIELD = {"date": "dates", "end_date": "dates", "date_precision": "dates", "url": "url", "published": "dates"}

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the records: where it is, what is wrong, and what to do."""

    severity: str  # "error" fails validation; "warning" is shown but passes
    kind: str  # schema | dates | url | cameo | country | dyad | id | link | duplicate | sources | file
    file: str
    message: str
    hint: str
    record_id: str | None = None
    index: int | None = None  # position of the record in its file's list (0-based)
    line: int | None = None
    field: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        rec = f" record #{self.index}" if self.index is not None else ""
        rec += f" ({self.record_id})" if self.record_id else ""
        fld = f" field {self.field}" if self.field else ""
        return f"{where}:{rec}{fld}: {self.severity} [{self.kind}] {self.message}\n  → {self.hint}"


@dataclass(frozen=True)
class Located:
    """A valid record plus where it came from."""

    record: Record
    file: str
    index: int
    line: int
    field_lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    def problem(self, severity: str, kind: str, message: str, hint: str, field: str | None = None) -> Problem:
        """A problem pointing at this record (and at the field's own line when known)."""
        return Problem(
            severity, kind, self.file, message, hint, record_id=self.record.id, index=self.index,
            line=self.field_lines.get((field or "").split(".")[0], self.line), field=field,
        )


@dataclass
class Loaded:
    records: list[Located]
    problems: list[Problem]


def records_dir() -> Path:
    """The records folder: ``$DYADWATCH_EVIDENCE_DIR`` when set (a working copy, a test), else the packaged one."""
    env = os.environ.get("DYADWATCH_EVIDENCE_DIR")
    return Path(env) if env else Path(str(resources.files("dyadwatch.evidence").joinpath("records")))


def record_files(root: Path | None = None) -> list[Path]:
    """Every ``*.yaml`` under ``root`` (recursively), in a stable order."""
    root = Path(root) if root is not None else records_dir()
    return sorted(root.rglob("*.yaml"))


def content_hash(root: Path | None = None) -> str:
    """sha256 over the records folder's file names and bytes: the version of the curated data."""
    root = Path(root) if root is not None else records_dir()
    digest = hashlib.sha256()
    for path in record_files(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _display(path: Path) -> str:
    """The path as an author would type it: relative to the working directory when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _parse(path: Path) -> tuple[list, list[tuple[int, dict[str, int]]]]:
    """The YAML list in ``path`` and, per item, its line and the line of each top-level key."""
    loader = _Loader(path.read_text(encoding="utf-8"))
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else []
    finally:
        loader.dispose()
    lines: list[tuple[int, dict[str, int]]] = []
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            keys = {k.value: k.start_mark.line + 1 for k, _ in item.value} if isinstance(item, yaml.MappingNode) else {}
            lines.append((item.start_mark.line + 1, keys))
    return data, lines


def _schema_problems(exc: ValidationError, file: str, index: int, item: object, lines: tuple[int, dict[str, int]]) -> list[Problem]:
    rid = item.get("id") if isinstance(item, dict) else None
    out = []
    for err in exc.errors():
        loc = ".".join(str(x) for x in err["loc"])
        last = next((str(x) for x in reversed(err["loc"]) if isinstance(x, str)), "")
        out.append(
            Problem(
                "error", _KIND_BY_FIELD.get(last, "schema"), file, err["msg"].removeprefix("Value error, "),
                _schema_hint(err), record_id=rid if isinstance(rid, str) else None, index=index,
                line=lines[1].get(str(err["loc"][0]) if err["loc"] else "", lines[0]), field=loc or None,
            )
        )
    return out


def _schema_hint(err: dict) -> str:
    """What to do about one pydantic error, in the words of docs/evidence.md."""
    kind = err["type"]
    if kind == "missing":
        return "add the field (docs/evidence.md, 'Fields', lists every field)"
    if kind == "extra_forbidden":
        return "remove or rename the field: only the fields in docs/evidence.md are allowed"
    if kind == "enum":
        return f"use one of: {err.get('ctx', {}).get('expected', 'the values in docs/evidence.md')}"
    if kind == "string_pattern_mismatch":
        return f"write it in the form {err.get('ctx', {}).get('pattern', '')} (see docs/evidence.md)"
    return "correct the value as the message says (docs/evidence.md describes each field)"


def load_file(path: Path) -> Loaded:
    """Records of one file; a file that is not a YAML list of mappings is one problem."""
    name = _display(path)
    try:
        data, lines = _parse(path)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return Loaded([], [Problem("error", "file", name, f"not valid YAML: {exc}", "fix the YAML syntax at the line shown",
                                   line=mark.line + 1 if mark else None)])
    if not isinstance(data, list):
        return Loaded([], [Problem("error", "file", name, "the file must be a YAML list of records", "start each record with '- id: ...'")])
    out = Loaded([], [])
    for i, item in enumerate(data):
        try:
            rec = Record.model_validate(item)
        except ValidationError as exc:
            out.problems += _schema_problems(exc, name, i, item, lines[i])
            continue
        out.records.append(Located(rec, name, i, lines[i][0], lines[i][1]))
    return out


def load_files(paths: list[Path]) -> Loaded:
    out = Loaded([], [])
    for path in paths:
        one = load_file(path)
        out.records += one.records
        out.problems += one.problems
    return out


def load(root: Path | None = None) -> Loaded:
    """Every record under ``root`` (default: the packaged records folder) plus schema problems."""
    return load_files(record_files(root))


def records(root: Path | None = None) -> list[Record]:
    """The valid records only; for faces that must not fail because one file is being edited."""
    return [r.record for r in load(root).records]
