"""Dyad conventions shared by every module: ordering and the third-party comparisons."""

from __future__ import annotations

#: Regional powers a pair is compared against, in order of preference.
THIRD_PARTIES = ("CHN", "USA", "KOR", "RUS", "JPN")


def comparison_pairs(a: str, b: str) -> list[tuple[str, str]]:
    """The pairs a report sets beside (a, b): b and a with the first third party, b with the second.

    For RUS–PRK this gives PRK–CHN, RUS–CHN and PRK–USA: is the DPRK closer to Russia than to
    China, is Russia, and how far is the DPRK from the US.
    """
    t1, t2 = [t for t in THIRD_PARTIES if t not in (a, b)][:2]
    return [(b, t1), (a, t1), (b, t2)]


def undirected(a: str, b: str) -> tuple[str, str]:
    """The stored order of a non-directed pair: alphabetical."""
    return (a, b) if a <= b else (b, a)
