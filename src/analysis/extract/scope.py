"""Whose figure a mention of an indicator is: the document's place's, or another place's, or a part's of it.

In: a paragraph, a mention's position (and the words before it) and the document's place (its level word, 县 / 区 /
市 …, and its names as printed). Out: True when the figure after the mention is not the place's own: the country's,
the province's or (where the paragraph names the place's own too) its city's; another named place's; a part of the
economy's (民营经济…) or a customs district's; a zone's inside the place (…开发区主要经济指标…).
"""
from __future__ import annotations

import re

from analysis.extract.context import SENTENCE_END, YEAR, back_to


# 全国 / 全省 before a name in a county's, a district's or a city's document: the country's, the province's figure;
# 全市 in a county's, a banner's or a district's: its city's; 全州 / 全盟 in a county's or a county-level city's: its
# prefecture's, where the paragraph names the place's own too (全县…,全市…); elsewhere, in a city's document or one
# of a place whose name does not say its level, 全市 is left alone (a place detected, not given, may be wrong)
_WHOLE_OF = re.compile(r"全([国省市州盟])$")
# 占 before a name (占全市规上工业总产值的比重): the whole a share is of, not a figure of its own
SHARE_OF = re.compile(r"占(?:全[国省市县区])?$")


# ,A县地区生产总值… in a document of another place: that county's figure (a city's page listing its counties, a county's
# naming its city); not a part of the place (城区, 开发区, 高新区 …), nor 全县 / 我区 / 本市 / 各县
_PLACE_SUBJECT = re.compile(r"(?:^|[，,；;。、：:\s])([\u4e00-\u9fff]{2,6}?(?:自治县|县|市|区|旗))$")
_NOT_ANOTHER = re.compile(r"(?:城区|园区|开发区|高新区|新区|景区|社区|辖区|市区|片区|矿区|港区|山区|老区|牧区|林区|库区|地区|"
                          r"城市|县市区|县区|[全我本该各][县市区旗])$")


# 乐都、民和、互助三县区GDP…: several places counted before the name, not the document's place
_SEVERAL_PLACES = re.compile(r"[、和][\u4e00-\u9fff]{2,6}[两二三四五六七八九十](?:个)?(?:县市区|县区|区县|县市|县|区|市|旗)$")


def named_other_place(text: str, start: int, places: tuple) -> bool:
    found = _PLACE_SUBJECT.search(text, max(0, start - 10), start)
    if found and places and _SEVERAL_PLACES.search(text, max(0, start - 16), start):
        return True
    if not found or not places or _NOT_ANOTHER.search(found.group(1)):
        return False
    token = re.sub(r"^(?:全年|今年|去年|当年|年末|年底|其中|同期)", "", found.group(1))     # 全年阿左旗…
    return len(token) >= 2 and not _NOT_ANOTHER.search(token) and \
        not any(p in token or _abbreviates(token, p) for p in places)


# A page on several places (a prefecture's news on its counties): each paragraph opens with its place's name, after a year
# or not (2022年,凉州区立足… / 民勤县积极融入… / 古浪县围绕…); a word that only ends like one (根据县, 是县) is no place
_OPENER = re.compile(rf"\s*(?:{YEAR}年[,，]?)?([\u4e00-\u9fff]县|[\u4e00-\u9fff]{{2,4}}?(?:自治县|县|区|旗|市))(?![政人委统党])"
                     r"(?=[\u4e00-\u9fff]{2})")          # one character and 县 is a name (礼县); and 区 is 城区, 关区 …
_NOT_OPENER = re.compile(r"^[根经是在对据全我本该各从由近今去当年]|[委府局从成表者和与及]")     # 记者从县…, 完成市…


def sibling_paragraphs(paragraphs: list[str], places: tuple) -> set[int]:
    """Indexes of the paragraphs about other places on a page where the document's place opens a paragraph of its own
    and another place opens another: their figures are not the place's (its own paragraph is)."""
    if not places:
        return set()
    openers = {}
    for i, para in enumerate(paragraphs):
        found = _OPENER.match(para)
        if found and not _NOT_OPENER.search(found.group(1)) and not _NOT_ANOTHER.search(found.group(1)):
            openers[i] = found.group(1)
    own = {i for i, token in openers.items() if any(p in token or _abbreviates(token, p) for p in places)}
    others = {i for i in openers if i not in own and not any(p in paragraphs[i] for p in places)}
    return others if own and others else set()


# 2023年大兴安岭地区生产总值…: a prefecture named 地区 glued to the name 地区生产总值 (its 地区 read twice)
_PREFECTURE_BEFORE = re.compile(r"(?:^|[，,；;。、：:\s]|\d年)([\u4e00-\u9fff]{2,6})$")
_NOT_A_PLACE = re.compile(r"实现|完成|全年|今年|去年|当年|全[县市区旗州盟省国]|[我本该各][县市区旗]|其中|同期|预计|初步|核算|"
                          r"推动|带动|促进|拉动|确保|力争|争取|使|让|属$")


def prefecture_glued(text: str, start: int, name: str, places: tuple) -> bool:
    """True for 大兴安岭地区生产总值 in another place's document: the name 地区生产总值 right after a place's own name."""
    if not name.startswith("地区"):
        return False
    found = _PREFECTURE_BEFORE.search(text, max(0, start - 10), start)
    return bool(found) and bool(places) and not _NOT_A_PLACE.search(found.group(1)) and \
        not any(p in found.group(1) or found.group(1) in p or _abbreviates(found.group(1), p) for p in places)


def _abbreviates(token: str, place: str) -> bool:
    """阿左旗 for 阿拉善左旗: the characters of *token* in *place*, in order, from its first."""
    rest = iter(place)
    return token[0] == place[0] and all(ch in rest for ch in token)


def another_place(before: str, scope: str, own_named: bool) -> bool:
    whole = _WHOLE_OF.search(before)
    if not whole:
        return False
    word = whole.group(1)
    return word == "国" or (word == "省" and bool(scope) and scope != "省") or own_named and (
        (word == "市" and scope in ("县", "区", "旗")) or (word in "州盟" and scope not in "州盟省"))


# A sentence about a part of the economy (民营经济实现增加值…, 其中第一产业…): its 三次产业 figures are the part's;
# one about a customs district (关区外贸进出口总额…。其中,进口…): its trade is the district's, not the place's.
_PART_OF_ECONOMY = re.compile(r"(?:民营|非公有制|非公|县域|数字|海洋|文化|旅游)经济|关区")


def within_part(text: str, pos: int, scope: str = "") -> bool:
    start = back_to(text, pos, SENTENCE_END)
    if text.startswith("其中", start) or text.startswith("其中", start + 1):
        start = back_to(text, max(start - 1, 0), SENTENCE_END)
    part = _PART_OF_ECONOMY.search(text, start, pos)
    return bool(part) and not (part.group(0) == "县域经济" and scope in ("县", "旗"))   # a county's 县域经济 is its own


# 其中,2021年洋浦经济开发区主要经济指标…: a sentence whose subject is a zone inside the place (not the place itself)
_ZONE_SUBJECT = re.compile(rf"(?:其中[,，]?)?(?:{YEAR}年[,，]?)?(?P<name>[\u4e00-\u9fff]{{0,8}}?)"
                           r"(?:开发区|高新区|经开区|工业园区|产业园区?|工业集中区|保税区|自贸区|自由贸易试验区)")
_WHOLE_PLACE = re.compile(r"全[县市区旗州盟]")
_ZONE_VERB = re.compile(r"依托|围绕|推动|加快|建设|通过|依靠|支持|打造|推进|提升|发展|做强|做大|壮大|[以在把对为与和及、]")
_ZONE_PLACE = re.compile(r"开发区|高新区|经开区|园区|新区|保税区|自贸区")


def zone_subject(text: str, pos: int, places: tuple) -> bool:
    if any(_ZONE_PLACE.search(p) for p in places):
        return False                                         # the document is the zone's own
    start = back_to(text, pos, SENTENCE_END)
    start += len(text[start:pos]) - len(text[start:pos].lstrip(" \u3000\n"))
    zone = _ZONE_SUBJECT.match(text, start)
    # 依托经济开发区,全县地区生产总值…: the whole place named after the zone is the subject
    return bool(zone) and zone.end() <= pos and not _ZONE_VERB.search(zone["name"]) and \
        not _WHOLE_PLACE.search(text, zone.end(), pos) and \
        not any(p in text[zone.end():pos] for p in places)
