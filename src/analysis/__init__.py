"""District five-year-plan analysis: source-traced indicators, growth gaps, projections, reports.

``import analysis`` is cheap: pandas, statsmodels and matplotlib load only when
a function that needs them is first used.

>>> import analysis
>>> float(analysis.series("万柏林区", "gdp").loc[2022])
620.5
"""
from __future__ import annotations

import sys
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


def lazy_exports(package: str, table: dict):
    """A PEP 562 ``__getattr__`` for *package*: each name of *table* is loaded from its submodule on first use
    and kept on the package (``analysis`` and ``analysis.report`` use it to stay light to import)."""
    def __getattr__(name: str):
        if name in table:
            value = getattr(import_module(f".{table[name]}", package), name)
            setattr(sys.modules[package], name, value)
            return value
        raise AttributeError(f"module '{package}' has no attribute '{name}'")

    return __getattr__


__getattr__ = lazy_exports(__name__, _LAZY)


def __dir__():
    return __all__
