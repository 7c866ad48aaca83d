"""UN General Assembly alignment between two states, or between all pairs at once.

Pure Ibis expressions over the store tables ``unga_votes``, ``unga_roll_calls``,
``unga_issues`` and ``unga_ideal_points``; no I/O, so the same code runs on DuckDB or Spark.

Methodological choices (docs/methods.md explains them at length):

* A roll call counts for a pair only when *both* cast yes, no or abstain (``n_both``);
  absences are not in the vote file, so an absence never counts as disagreement.
* ``agreement = n_same / n_both``; Cohen's κ on the 3×3 yes/abstain/no table corrects it
  for the agreement two states would reach by voting independently with their own
  marginal frequencies (two states that vote "yes" 90% of the time agree a lot by chance).
* Ideal-point distance is ``|a − b|`` of the Bailey–Strezhnev–Voeten scores, final-passage
  votes (``idealpointfp``, to 2024) and all votes (``idealpointall``, to 2023).
* Pairs are non-directed (alignment is symmetric); the all-pairs table keeps ``a < b``.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

VOTE_CODES = ("yes", "abstain", "no")
BY = {"year": ["year"], "session": ["session"]}


def _votes_with_period(votes: ir.Table, roll_calls: ir.Table, issues: ir.Table | None, issue: str | None) -> ir.Table:
    rc = roll_calls.select("rcid", "year", "session")
    if issue is not None:
        rc = rc.semi_join(issues.filter(issues.issue == issue), "rcid")
    return votes.select("rcid", "iso3", "vote").join(rc, "rcid")


def _pair_counts(joined: ir.Table, keys: list[str]) -> ir.Table:
    """n_both, n_same and the 3+3 marginals per group of a joined vote table (va, vb)."""
    aggs = {
        "n_both": joined.count(),
        "n_same": (joined.va == joined.vb).sum(),
    }
    for code in VOTE_CODES:
        aggs[f"a_{code}"] = (joined.va == code).sum()
        aggs[f"b_{code}"] = (joined.vb == code).sum()
    return joined.group_by(keys).aggregate(**aggs)


def _with_shares(t: ir.Table) -> ir.Table:
    n = t.n_both.cast("float64")
    p_o = t.n_same / n
    p_e = sum((t[f"a_{c}"] / n) * (t[f"b_{c}"] / n) for c in VOTE_CODES)
    kappa = ibis.ifelse(p_e < 1.0, (p_o - p_e) / (1.0 - p_e), ibis.null())
    return t.mutate(agreement=p_o, kappa=kappa)


def alignment_expr(
    votes: ir.Table,
    roll_calls: ir.Table,
    ideal: ir.Table,
    a: str | None,
    b: str | None,
    by: str = "year",
    issues: ir.Table | None = None,
    issue: str | None = None,
) -> ir.Table:
    """Alignment per period for one pair (a, b) or, with a = b = None, for every pair a < b."""
    keys = BY[by]
    v = _votes_with_period(votes, roll_calls, issues, issue)
    left = v.rename(a="iso3", va="vote")
    right = v.select(rcid="rcid", b="iso3", vb="vote")
    if a is not None:
        left = left.filter(left.a == a)
        right = right.filter(right.b == b)
        joined = left.join(right, "rcid")
    else:
        joined = left.join(right, [left.rcid == right.rcid, left.a < right.b])
    counts = _with_shares(_pair_counts(joined, [*keys, "a", "b"]))
    cols = [*keys, "a", "b", "n_both", "n_same", "agreement", "kappa", *[f"{s}_{c}" for s in "ab" for c in VOTE_CODES]]
    counts = counts.select(cols)
    if by != "year":
        return counts
    ip = ideal.select("iso3", "year", "idealpointfp", "idealpointall")
    ipa = ip.rename(a="iso3", ip_a="idealpointfp", ipall_a="idealpointall")
    ipb = ip.rename(b="iso3", year_b="year", ip_b="idealpointfp", ipall_b="idealpointall")
    if a is not None:
        # One pair: include years with ideal points but no roll calls (2020–2024).
        frame = ipa.filter(ipa.a == a).join(ipb.filter(ipb.b == b), ipa.year == ipb.year_b)
        frame = frame.select("year", "a", "b", "ip_a", "ipall_a", "ip_b", "ipall_b")
        out = counts.outer_join(frame, ["year", "a", "b"])
        out = out.mutate(
            year=ibis.coalesce(out.year, out.year_right),
            a=ibis.coalesce(out.a, out.a_right),
            b=ibis.coalesce(out.b, out.b_right),
        ).drop("year_right", "a_right", "b_right")
    else:
        out = counts.left_join(ipa, ["year", "a"]).drop("a_right", "year_right")
        out = out.left_join(ipb, [out.year == ipb.year_b, out.b == ipb.b]).drop("b_right", "year_b")
    return out.mutate(
        idealpoint_distance=(out.ip_a - out.ip_b).abs(),
        idealpoint_distance_all=(out.ipall_a - out.ipall_b).abs(),
    ).order_by([*keys, "a", "b"])
