"""report.explorer: growth in real terms, a separate price assumption, presets applied the way they are labelled."""
from conftest import MID  # noqa: E402
import pytest

from analysis import report
from analysis.report import explorer


@pytest.fixture(scope="module")
def gdp():
    ctx = report.setup("万柏林区", "zh", indicator="gdp", page="explorer", n_paths=2000, as_of=MID)
    return ctx, ctx.record


def test_a_real_preset_is_applied_with_the_price_assumption(gdp):
    ctx, record = gdp
    table = explorer.presets_table(ctx, record, 2.0).set_index("情景")
    row = table.loc["整数假设"]
    assert row["增速假设（%/年）"] == "实际增长5.0%，价格上涨2.0%"
    # 620.5 × (1.05 × 1.02)^3 = 620.5 × 1.22848 = 762.3, not 620.5 × 1.05^3 = 718.3 (5 % read as nominal)
    assert row["2025年数值"].text("zh") == "762.3" and row["是否达到目标"] == "✗ 未达到"
    # the real growth the target needs at 2 % prices: 1.1724 / 1.02 − 1 = 14.9 %; it meets the target by construction
    assert table.loc["实现目标所需", "增速假设（%/年）"] == "实际增长14.9%，价格上涨2.0%"
    assert table.loc["实现目标所需", "是否达到目标"] == "✓ 达到"
    assert table.loc["2022年实际增速", "增速假设（%/年）"] == "实际增长2.5%，价格上涨2.0%"
    assert table.loc["2023年计划增速", "增速假设（%/年）"] == "实际增长6.5%，价格上涨2.0%"


def test_readout_gives_value_verdict_and_probability(gdp):
    ctx, record = gdp
    out = explorer.readout(ctx, record, 15.0, 2.0)
    # 620.5 × (1.15 × 1.02)^3 = 1001.5
    assert out.startswith("2025年：约1001.5亿元；目标约1000亿元：✓ 达到；按此增速（波动3.0个百分点），达到1000亿元的概率约")


def test_a_count_has_no_price_assumption(data):
    ctx = report.setup("万柏林区", indicator="gdp", as_of=MID)
    record = dict(ctx.record, price_basis="", unit="家", latest_value=100.0, target_value=120.0, bound=">=",
                  cagr_required=6.27)
    assert explorer.nominal(record, 5.0, 3.0) == 5.0
    assert explorer.growth_label(ctx, record, 5.0, 3.0) == "增长5.0%"


def test_static_explorer_shows_grid_chart_and_presets(gdp):
    ctx, _ = gdp
    fragments = report.render(ctx, "explorer")
    html = "".join(f for f in fragments if isinstance(f, str))
    assert "情景表：2025年地区生产总值" in html and "预设情景" in html and "交互版本" in html
    assert "JupyterLab" not in html and "interactive" not in html      # no notebook words on a reader's page
    assert sum(hasattr(f, "savefig") for f in fragments) == 1


def _controls(box):
    (district, indicator), real, price, reset, shown, _chart = box.children[0].children, *box.children[1:]
    return district, indicator, real, price, reset, shown


def test_interactive_explorer_has_dropdowns_sliders_and_a_readout(data):
    """Drives the widgets in-process as a reader in JupyterLab would: district, indicator, sliders, reset."""
    ctx = report.setup("万柏林区", indicator="gdp", page="explorer", interactive=True, n_paths=2000, as_of=MID)
    district, indicator, real, price, reset, shown = _controls(report.render(ctx, "explorer")[-1])
    # every control speaks the page's language: the indicator is named, not blank
    assert district.value == "万柏林区" and indicator.value == "gdp"
    assert indicator.options == (("地区生产总值", "gdp"),)
    assert (district.description, indicator.description, real.description, price.description, reset.description) == \
        ("区县", "指标", "实际增速%", "价格涨幅%", "恢复初始设置")
    real.value = 15.0
    assert "2025年：约1001.5亿元" in shown.value and "✓ 达到" in shown.value
    # probabilities at the ends are words, never "约>99%"
    real.value = 30.0
    assert "概率超过99%" in shown.value and "约>" not in shown.value
    real.value = -10.0
    assert "概率不足1%" in shown.value and "约<" not in shown.value
    real.value = 15.0
    # a district without anything to explore, and back: the indicator and the sliders are kept
    district.value = "杏花岭区"
    assert indicator.options == () and "没有可比较的数值目标" in shown.value
    district.value = "万柏林区"
    assert indicator.value == "gdp" and real.value == 15.0 and "约1001.5亿元" in shown.value
    # reset: the page's starting point again
    price.value = 3.0
    district.value = "杏花岭区"
    reset.click()
    assert (district.value, indicator.value, real.value, price.value) == ("万柏林区", "gdp", 5.0, 2.0)
    assert "约1001.5亿元" not in shown.value and "2025年：约" in shown.value


def test_interactive_explorer_in_english(data):
    ctx = report.setup("万柏林区", "en", indicator="gdp", page="explorer", interactive=True, n_paths=2000, as_of=MID)
    district, indicator, real, price, reset, shown = _controls(report.render(ctx, "explorer")[-1])
    assert indicator.options == (("GDP", "gdp"),) and reset.description == "Reset"
    real.value = 30.0
    assert "2025: about" in shown.value and "is more than 99%" in shown.value


def test_met_follows_the_records_direction_not_the_numbers():
    """The explorer's verdict uses the gap record's direction (from indicator_names.csv and the bound),
    as the assessment does; a target below the base is not guessed to be lower-is-better."""
    from analysis.report.explorer import _met

    falling = {"target_value": 10.0, "bound": "", "base_value": 12.0}
    assert _met({**falling, "direction": "lower"}, 8.0) and not _met({**falling, "direction": "lower"}, 11.0)
    assert not _met({**falling, "direction": "higher"}, 8.0) and _met({**falling, "direction": "higher"}, 10.5)
    assert _met({"target_value": 1000.0, "bound": "~", "direction": "higher"}, 950.0)      # within 5 %
