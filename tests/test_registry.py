"""The registry resolves every dataset to verified bytes and refuses anything else."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dyadwatch.errors import DataUnavailable, IntegrityError
from dyadwatch.sources import registry
from dyadwatch.store import Store
from dyadwatch.store.catalog import load


def test_every_declared_dataset_verifies_in_the_mirror(mirror: Path) -> None:
    results = registry.verify()
    assert len(results) == 53
    assert {n: e for n, e in results.items() if e} == {}


def test_percent_encoded_name_is_decoded(mirror: Path) -> None:
    ds = registry.get("unga_ideal_points_codebook")
    assert "%20" in ds.url
    assert registry.path(ds.name).name == "Codebook United Nations General Assembly Ideal Points.docx"


def _damaged_mirror(mirror: Path, tmp_path: Path, name: str) -> Path:
    """A copy of the mirror in which one byte of ``name``'s file is changed."""
    copy = tmp_path / "mirror"
    shutil.copytree(mirror, copy)
    target = copy / registry.get(name).mirror_relpath
    target.chmod(0o644)
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01
    target.write_bytes(bytes(data))
    return copy


def test_one_changed_byte_fails_verify_and_load_and_leaves_store_intact(
    mirror: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        load(s, ["countries", "unga_roll_calls"])
        before = s.con.execute("SELECT count(*), sum(rcid) FROM unga_roll_calls").fetchall()
        versions_before = s.versions()

    monkeypatch.setenv("DYADWATCH_MIRROR", str(_damaged_mirror(mirror, tmp_path, "unga_roll_calls")))
    problems = registry.verify(["unga_roll_calls", "unga_votes"])
    assert problems["unga_votes"] is None
    message = problems["unga_roll_calls"]
    assert registry.get("unga_roll_calls").sha256 in message and "got sha256" in message
    with Store(db) as s, pytest.raises(IntegrityError, match="does not match the registry"):
        load(s, ["unga_roll_calls"])
    with Store(db) as s:
        assert s.con.execute("SELECT count(*), sum(rcid) FROM unga_roll_calls").fetchall() == before
        assert s.versions() == versions_before


def test_missing_mirror_file_names_dataset_url_and_remedy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DYADWATCH_MIRROR", str(tmp_path))
    with pytest.raises(DataUnavailable) as info:
        registry.path("unga_votes")
    text = str(info.value)
    assert "unga_votes" in text and registry.get("unga_votes").url in text and "DYADWATCH_MIRROR" in text


def test_no_network_and_no_mirror_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DYADWATCH_MIRROR", raising=False)

    def offline(*args: object, **kwargs: object) -> None:
        raise ConnectionError("network is unreachable")

    monkeypatch.setattr(registry.pooch, "retrieve", offline)
    with pytest.raises(DataUnavailable) as info:
        registry.path("unga_votes")
    text = str(info.value)
    assert registry.get("unga_votes").sha256 in text and "DYADWATCH_MIRROR" in text


def test_download_path_verifies_hash(mirror: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a mirror the file comes through pooch with the declared hash, then is size-checked."""
    monkeypatch.delenv("DYADWATCH_MIRROR", raising=False)
    calls = {}

    def fake_retrieve(url: str, known_hash: str, path: Path, fname: str, progressbar: bool) -> str:
        calls.update(url=url, known_hash=known_hash)
        return str(mirror / registry.get("unga_roll_call_issues").mirror_relpath)

    monkeypatch.setattr(registry.pooch, "retrieve", fake_retrieve)
    registry.path("unga_roll_call_issues")
    assert calls["known_hash"] == "sha256:" + registry.get("unga_roll_call_issues").sha256


def test_unknown_dataset_suggests_names() -> None:
    from dyadwatch.errors import DyadwatchError

    with pytest.raises(DyadwatchError, match="unga_votes"):
        registry.get("unga_vote")
