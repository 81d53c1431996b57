import pytest

from analysis.engine.progress import target_met


def test_bounds():
    assert target_met(4.0, 4.0, "<=") and not target_met(4.1, 4.0, "<=")        # unemployment ceiling
    assert target_met(227, 227, ">=") and not target_met(226, 227, ">=")
    assert target_met(950, 1000, "~") and not target_met(949, 1000, "~")         # 5 % tolerance
    assert target_met(6.0, 6.5, "~", points=True) and not target_met(5.9, 6.5, "~", points=True)
    assert target_met(8, 10, "", base_value=12)                                   # a falling exact target
