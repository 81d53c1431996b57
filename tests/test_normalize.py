import pytest

from conftest import FIXTURE_DATA
from analysis.exceptions import DataFileError
from analysis.data.normalize import (
    decode_bytes,
    normalize_sources,
    normalize_text,
    strip_pinyin,
    tidy_whitespace,
    to_simplified,
)

FIXTURE_SOURCES = FIXTURE_DATA / "sources"


def test_pinyin_after_characters_is_stripped():
    assert strip_pinyin("太原市萬柏林區(qū)國(guó)民經(jīng)濟(jì)") == "太原市萬柏林區國民經濟"


def test_pinyin_printed_twice_after_a_character_is_stripped_too():
    assert strip_pinyin("黑龙江(jiang)(jiang)省中国(guo)(guo)") == "黑龙江省中国"


def test_parenthesised_numbers_and_chinese_are_kept():
    text = "(一)著力抓好 規劃(2022-2025年) 服务站(点)"
    assert strip_pinyin(text) == text


def test_traditional_script_is_converted():
    assert normalize_text("萬柏林區(qū)地區(qū)生產(chǎn)總值完成620.5億元") == "万柏林区地区生产总值完成620.5亿元\n"


def test_simplified_text_is_left_alone():
    # OpenCC t2s maps 坏 to 坯; a simplified document must not be touched.
    text = "破坏生态环境的行为" * 20
    assert to_simplified(text) == text


def test_layout_spaces_next_to_chinese_are_removed():
    assert tidy_whitespace("从2015 年的347 亿元\r\n\r\n\r\n\r\n下降10.5 %") == "从2015年的347亿元\n\n下降10.5%\n"


def test_garbled_characters_stay_visible():
    # The 2023 plan report's title is mojibake in the seed; it must not be "repaired".
    text = (FIXTURE_SOURCES / "004_2e2771ea7a10172a.txt").read_text(encoding="utf-8")
    assert text.startswith("(山西?。┨腥f柏林区")


def test_normalising_the_fixture_documents_gives_their_normalised_copies(tmp_path):
    raw, normalised = FIXTURE_SOURCES / "raw", FIXTURE_SOURCES
    assert normalize_sources(raw, normalised, check=True) == []
    written = normalize_sources(raw, tmp_path)
    assert sorted(written) == sorted(p.name for p in raw.glob("*.txt"))
    for p in tmp_path.glob("*.txt"):
        assert p.read_bytes() == (normalised / p.name).read_bytes()


def test_gbk_and_bom_are_decoded():
    assert decode_bytes("万柏林区".encode("gbk")) == ("万柏林区", "gb18030")
    assert decode_bytes("\ufeff万柏林区".encode("utf-8")) == ("万柏林区", "utf-8")
    with pytest.raises(DataFileError, match="empty"):
        decode_bytes(b"  \n")
