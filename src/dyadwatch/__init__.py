"""dyadwatch: how the relationship between two countries evolved, with evidence.

The Python face re-exports the functions most users need; see the README for the CLI.
"""

from dyadwatch.api import unga_alignment, unga_alignment_all
from dyadwatch.countries import lookup as country
from dyadwatch.dyadyears import cite, dyad_years
from dyadwatch.events.api import event_index, event_index_all
from dyadwatch.evidence.timeline import timeline

__all__ = ["unga_alignment", "unga_alignment_all", "country", "timeline", "dyad_years", "cite", "event_index", "event_index_all"]
__version__ = "0.1.0"
