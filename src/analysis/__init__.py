"""District five-year-plan analysis: source-traced indicators, growth gaps, projections, reports.

``import analysis`` is cheap: pandas, statsmodels and matplotlib load only when
a function that needs them is first used.

>>> import analysis
>>> float(analysis.series("万柏林区", "gdp").loc[2022])
620.5
"""
from __future__ import annotations

from importlib import import_module

__version__ = "0.1.0"

# public name -> module that defines it (loaded on first use, PEP 562)
_LAZY = {
    "load_indicators": "data.loading",
    "validate_file": "data.loading",
    "series": "data.loading",
    "normalize_text": "data.normalize",
}

__all__ = sorted(_LAZY) + ["__version__"]


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'analysis' has no attribute '{name}'")


def __dir__():
    return __all__
