"""Catalogues and the formatting of numbers, amounts and units for a page."""
import re
import string

import pytest
import yaml

from analysis import i18n


def _fields(template: str) -> set:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("path", sorted(i18n.LOCALES_DIR.glob("*.yaml")), ids=lambda p: p.name)
def test_every_catalogue_key_exists_in_both_languages_with_the_same_placeholders(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert set(data) == {"zh", "en"}
    assert set(data["zh"]) == set(data["en"])
    different = [k for k in data["zh"] if _fields(str(data["zh"][k] or "")) != _fields(str(data["en"][k] or ""))]
    assert different == []


def test_catalogues_keep_to_their_language():
    cjk = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")
    for key, text in i18n.catalog()["en"].items():
        # attribute.预期性 is a key made of the data's own value; the English text itself has no CJK
        assert not cjk.search(text), f"en {key}: {text}"
    english_words = re.compile(r"[A-Za-z]{3,}(?: [A-Za-z]{3,}){2,}")
    for key, text in i18n.catalog()["zh"].items():
        assert not english_words.search(text), f"zh {key}: {text}"


def test_no_key_is_defined_in_two_catalogues():
    keys = [set(yaml.safe_load(p.read_text(encoding="utf-8"))["zh"]) for p in i18n.LOCALES_DIR.glob("*.yaml")]
    assert sum(len(k) for k in keys) == len(set().union(*keys))


@pytest.mark.parametrize("args,expected", [
    ((620.5, "亿元", "zh"), "620.5亿元"),
    ((620.5, "亿元", "en"), "62.05 bn yuan"),          # 1 亿 = 0.1 bn: 620.5 × 0.1
    ((20.26, "亿元", "en"), "2.026 bn yuan"),          # one more decimal once scaled, nothing rounded away
    ((1000.0, "亿元", "zh", "~"), "约1000亿元"),
    ((1000.0, "亿元", "en", "~"), "~100 bn yuan"),
    ((227.0, "家", "en", ">="), "≥227 firms"),
    ((4.0, "%", "zh", "<="), "≤4%"),
    ((18830.0, "人", "en"), "18,830 people"),          # a count: an integer, separators in English only
    ((18830.0, "人", "zh"), "18830人"),
    ((2.0, "个", "en"), "2"),                          # a classifier with no English noun: the number alone
])
def test_amounts(args, expected):
    assert i18n.amount(*args) == expected


def test_value_text_is_unknown_dash_never_nan():
    assert i18n.value_text(None, "亿元", "zh") == "–"
    assert i18n.value_text(float("nan"), "亿元", "en") == "–"
    assert i18n.value_text(166.0, "家", "zh") == "166"          # counts never show 166.0
    assert i18n.value_text(895.158, "亿元", "zh", digits=1) == "895.2"
    assert i18n.value_text(895.158, "亿元", "en", digits=1) == "89.52"


def test_units_and_bounds():
    assert i18n.unit_label("个", "en") == "number" and i18n.unit_label("家", "zh") == "家"
    assert i18n.display_unit("亿元", "en") == ("bn yuan", 0.1) and i18n.display_unit("亿元", "zh") == ("亿元", 1.0)
    assert [i18n.bound_label(b, "zh") for b in (">=", "<=", "~", "")] == ["≥", "≤", "约", ""]
    assert i18n.bound_label("~", "en") == "~"


def test_statuses_flags_and_basis_come_from_keys():
    assert i18n.status_label("behind", "zh") == "滞后于预期" and i18n.status_label("behind", "en") == "behind schedule"
    assert i18n.status_label("achieved", "zh", final=False) == "提前实现"
    assert i18n.basis_label("current", "zh") == "现价（名义）" and i18n.basis_label("", "en") == ""
    flag = {"code": "base_year_substitute", "params": {"base_year": 2019, "wanted": 2020}}
    assert i18n.flag_text(flag, "zh") == "以2019年为基期（缺少2020年数据）"


def test_a_missing_key_is_an_error_naming_the_key_not_the_key_on_a_page():
    from analysis.exceptions import CatalogueKeyError

    with pytest.raises(CatalogueKeyError) as caught:
        i18n.t("msg.no_such_message", "en")
    assert (caught.value.key, caught.value.lang) == ("msg.no_such_message", "en")
