"""Packaging: every code folder is a regular package, so a non-editable install ships it."""

from __future__ import annotations

from pathlib import Path

import dyadwatch

DATA_DIRS = {"records", "templates", "__pycache__"}


def test_every_code_folder_has_an_init() -> None:
    root = Path(dyadwatch.__file__).parent
    folders = [
        d for d in root.rglob("*")
        if d.is_dir() and not DATA_DIRS & set(d.relative_to(root).parts) and any(d.glob("*.py"))
    ]
    assert folders, "no sub-packages found"
    assert [str(d.relative_to(root)) for d in folders if not (d / "__init__.py").exists()] == []
