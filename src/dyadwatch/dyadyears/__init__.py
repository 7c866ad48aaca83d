"""Dyad-year data in the manner of peacesciencer: make a frame, then add datasets to it.

    >>> from dyadwatch import dyad_years, cite
    >>> df = dyad_years([("RUS", "PRK")]).add_trade().add_alliances()
    >>> cite(df)["datasets"].keys()

Every verb is also a function taking any frame made by :func:`dyad_years` (``df.pipe(add_trade)``).
Each module's docstring documents its source and version, coverage, what NA means and how
directed and non-directed frames are handled; ``docs/dyad-years.md`` explains the choices.
"""

from dyadwatch.dyadyears.alliances import add_alliances
from dyadwatch.dyadyears.cite import cite
from dyadwatch.dyadyears.context import add_capabilities, add_capital_distance, add_contiguity, add_igos, add_rivalries
from dyadwatch.dyadyears.disputes import add_disputes
from dyadwatch.dyadyears.events import add_events
from dyadwatch.dyadyears.frame import DyadYears, dyad_years
from dyadwatch.dyadyears.sanctions import add_sanctions
from dyadwatch.dyadyears.trade import add_trade
from dyadwatch.dyadyears.unga import add_unga

#: Verbs by the names the CLI's ``--add`` accepts, in the order they are applied.
VERBS = {
    "trade": add_trade, "alliances": add_alliances, "unga": add_unga, "sanctions": add_sanctions,
    "disputes": add_disputes, "igos": add_igos, "contiguity": add_contiguity, "distance": add_capital_distance,
    "capabilities": add_capabilities, "rivalries": add_rivalries, "events": add_events,
}

__all__ = [
    "DyadYears", "dyad_years", "cite", "VERBS", "add_trade", "add_alliances", "add_unga", "add_sanctions",
    "add_disputes", "add_igos", "add_contiguity", "add_capital_distance", "add_capabilities", "add_rivalries", "add_events",
]
