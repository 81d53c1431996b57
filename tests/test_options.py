"""One frozen options object: the numbers a run assumes are written once and reach the pages as placeholders."""
import dataclasses
import re

import pytest

from analysis import i18n
from analysis.options import OPTIONS, Options
from analysis.report import text


def test_options_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        OPTIONS.seed = 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_catalogues_take_tolerances_as_placeholders(lang):
    words = i18n.catalog()[lang]
    assert "{band}" in words["how_to_read"]
    assert "{tolerance}" in words["caveat.tolerance"] and "{tolerance_pp}" in words["caveat.tolerance"]
    assert "{tolerance}" in words["target_band"]
    assert not [k for k, v in words.items() if re.search(r"(?<![\d.])(0\.5|5)\s*(个百分点|%以内|percentage points|points? behind)", v)]


def test_the_reading_note_follows_the_option(monkeypatch):
    from analysis import report

    ctx = report.setup("万柏林区", "zh", page="overview", n_paths=1000)
    monkeypatch.setattr(text, "OPTIONS", Options(schedule_band_pp=7.5))
    assert "7.5个百分点" in text.how_to_read(ctx, "overview")
