"""The numbers every run assumes, in one frozen object: the engine, the report layer, the catalogues
(as placeholders) and the notebook generator read them from :data:`OPTIONS`, never a literal copy.

>>> from analysis.options import OPTIONS
>>> OPTIONS.seed, OPTIONS.n_paths, OPTIONS.deflator
(20210101, 100000, 2.0)
>>> OPTIONS.tolerance_text(), OPTIONS.tolerance_pp_text(), OPTIONS.schedule_band_text()
('5', '0.5', '5')
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Options:
    seed: int = 20210101
    """Random seed of every Monte Carlo draw: a page shows the same probability on every run."""
    n_paths: int = 100_000
    """Monte Carlo paths of the projection page and the gap table's probabilities."""
    explorer_paths: int = 20_000
    """Paths behind the explorer's live probability readout (fewer: it reruns on every slider move)."""
    deflator: float = 2.0
    """Expected annual price change (%) that turns a real (comparable-price) plan rate into a nominal one."""
    alpha: float = 0.05
    """1 − coverage of the projection page's prediction intervals."""
    price_change: tuple = (0.0, 1.0, 2.0, 3.0)
    """Price changes (%/yr) the scenario grid crosses with real growth."""
    approx_tolerance: float = 0.05
    """A '~' (about) level target counts as met within this share of the target (5 %)."""
    approx_tolerance_pp: float = 0.5
    """A '~' growth target counts as met within this many percentage points."""
    schedule_band_pp: float = 5.0
    """Task progress more than this many points behind time elapsed reads 'behind schedule'."""

    def tolerance_text(self) -> str:
        """The level tolerance in percent for a catalogue placeholder: '5'."""
        return f"{self.approx_tolerance * 100:g}"

    def tolerance_pp_text(self) -> str:
        return f"{self.approx_tolerance_pp:g}"

    def schedule_band_text(self) -> str:
        return f"{self.schedule_band_pp:g}"


OPTIONS = Options()
