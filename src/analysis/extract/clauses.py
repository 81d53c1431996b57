"""Where indicator names are in a paragraph, which text each owns, and the numbers in it.

In: a normalised paragraph and the :class:`~analysis.extract.vocab.Vocabulary`. Out: the mentions of
registered names (:func:`find_mentions`: start, end, vocabulary key, blocked), mentions joined by 、/和/与/及
into one group (:func:`group_mentions`), the end of the text a group owns (:func:`owned_text`: its sentence,
clause by clause while each next clause continues it — starts with 同比, 增长, 居, 总量, a number …),
and the pattern of a number with its unit (:func:`value_pattern`, :func:`readable`).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from analysis.extract.context import SENTENCE_END, YEAR, back_to
from analysis.extract.scope import (SHARE_OF, another_place, named_other_place, prefecture_glued, within_part,
                                    zone_subject)
from analysis.extract.vocab import CN_DIGITS, CN_NUMBER, N, SUB_AGGREGATE, Vocabulary, number

_CLAUSE = re.compile(r"[,，、:：]")
_CONTINUES = re.compile(
    r"^(?:同比|比|较|与上年|增长|增(?=[-\d])|(?:继续)?控制在|下降|减少|上涨|下跌|回落|涨幅|增幅|增速|按|可比|现价|当年价|同口径|剔除|扣除|完成|实现|达到|达|为|"
    r"占|居|位居|位列|排名|排|总量|总数|总计|共计|共|累计|预计|年均|分别|提高|提升|突破|超过|超|首次|历史|再创|创|连续|高于|低于|并|"
    r"约|近|从|由|冲刺|力争|争取|确保|迈上|跨越|站上|两年|三年|平均|与|增加值|自然|[-－−]?\d|均(?=比上年|同比|增长|下降|提高)|"
    r"(?:实际|名义)(?=比上年|同比|增长|下降)|"                # …132.56亿元,实际比上年增长5.8%: in real terms
    r"(?:全年|当年)(?:实现|完成)?增加值|"                    # 第一产业稳中有进,全年实现增加值4.1亿元: its value
    r"(?:全年|年末|年底)预计(?:完成|实现|达到|达|为|同比)?|"   # …,1—9月完成A,全年预计完成B: the year's estimate
    r"(?:当年|全年|本年|其中)?(?:新认定|新登记|净增)(?=[\d一二三四五六七八九十两])|(?:年末|年底)实有|前[两二三四五2-5]年|(?:近|过去(?:的)?)?五年(?:跨越|迈上|连续|累计|年均)|"                     # …企业52家,当年新认定12家: its flow
    r"[“\"]?十[一二三四五六七八九]五[”\"]?(?:时期|期间|以来)[,，\u3000]*(?:年均|平均)|"    # ,“十三五”期间年均增长7%
    rf"(?:是|为|相当于)(?:[^,，。；;\d]{{0,8}}?{YEAR}年(?:末|底)?(?:[(（][^()（）]{{0,16}}[)）]|[\d.]+[万亿]?元)?|[“\"]?十[一二三四五六七八九]五[”\"]?(?:末|时期|期间)?|过去[5五]年|上年)"
    r"的[\d.]+(?:[和、与][\d.]+)*万?倍|"  # ,是2020年的1.4倍 / 是“十一五”末的2倍 / 是1978年(0.18亿)的278倍 / 是改革开放前1978年1.3亿元的143倍
    rf"(?:力争|争取|确保)?到(?:{YEAR}年|[“\"]?十[一二三四五六七八九]五[”\"]?[末初])(?:底|末)?(?:力争|争取|确保)?(?:突破|达到|达|超过|实现|冲刺))")  # ,到2027年(力争)突破…
CLAUSE_END = "，,；;。"
_REMARK = re.compile(r"(?:是|成为|总量|稳居|位居|居|经过|历经)")      # …,经过长期发展,2005年突破50亿元: an aside
# ;与2020年相比,两年平均… / ;按可比价格计算,比上年增长8.8%: a ;-clause with no subject of its own goes on with the one before
_GOES_ON = re.compile(rf"与{YEAR}年(?:同期)?相比|两年平均|三年平均|按(?:可比|不变)价(?:格)?计算|比上年(?:增长|下降)")


def mask_brackets(text: str) -> str:
    """Blank out bracketed asides without figures (主要是…, GDP, 人民币,下同) keeping every position;
    brackets holding a figure (GDP增长5.9%) stay, and a share's own name in brackets replaces the share
    phrase before it (占总人口比重(常住人口城镇化率)为45.71% → 常住人口城镇化率为45.71%)."""
    text = _SHARE_NAMED.sub(lambda m: "\u3000" * (len(m.group(1)) + 1) + m.group(2) + "\u3000", text)
    text = _URBAN_SHARE.sub(lambda m: m.group(1) + "城镇化率".ljust(len(m.group(3)), "\u3000"), text)
    text = _PRICE_BASIS.sub(lambda m: "\u3000" + m.group(1) + "\u3000", text)    # (现价) / (可比价): kept as words
    text = _REGISTERED_NAMED.sub("\u3000\u3000户籍总人口", text)        # 总人口(户籍)16.12万人: the registered population
    text = _FOREIGN_AMOUNT.sub(lambda m: "\u3000" * len(m.group(0)), text)   # (人民币,下同,809.18亿新元): an aside
    return re.sub(r"[(（][^()（）\d]*[)）]", lambda m: "\u3000" * len(m.group(0)), text)


# an amount restated in another currency inside brackets after an amount in 元
_FOREIGN_AMOUNT = re.compile(r"(?<=元)[(（][^()（）%]*?\d[^()（）%]*?(?:美元|新元|欧元|港元|日元|英镑)[^()（）%]*[)）]")
_PRICE_BASIS = re.compile(r"[(（](现价|可比价|不变价)[)）]")
_REGISTERED_NAMED = re.compile(r"总人口[(（]户籍[)）]")
# 占总人口比重(常住人口城镇化率)为45.71%: the bracket names the share, which is the figure's name
_SHARE_NAMED = re.compile(r"(占[^，,。；;()（）\d]{0,12}?(?:比重|比例))[(（]([^()（）\d]{2,12})[)）]")
# 城镇常住人口391844人,占常住人口比重为67.8%: the urban residents' share of the residents is the urbanisation rate
# (城镇常住人口6.32万人,占总人口比重为46.5%: of all residents too, once 常住 is printed)
_URBAN_SHARE = re.compile(r"(城镇(常住)?人口[^，,。；;]{0,12}?[，,]\s*)(占(?:常住|(?(2)总|常住))人口(?:的)?比重)")



# 全省, 实现, 预计, 力争, 其中 … before a name; 当年价生产总值: a price basis
_JOINS = set("省市区县州旗年月度现成计争保动中及和与的为达全我本该增进升至到是将使让算划价晋")


_PER_REGISTERED = re.compile(r"按户籍(?:总)?人口(?:数)?(?:计算|测算|计)")
_ITS = re.compile(r"[,，]其(?![中他它余次])[^,，。；;\d]{0,6}$")       # ,其第一、二、三产业…: the names after 其 (its) at a clause's start


def find_mentions(text: str, vocab: Vocabulary):
    """(start, end, name, blocked) of each indicator name; blocked ones only end the previous mention's text.

    A short alias glued to a word before it is a different thing (海洋生产总值, 万元GDP能耗): it counts only
    after punctuation, a number or a joining word (全省生产总值, 实现GDP, 其中出口 …), or after 城乡 / 城、乡,
    which make it the urban and the rural figure (城乡居民收入A元、B元), or after the document's place (武宣经济增长).
    A name before 密度 is a density (常住人口密度为每平方公里6595人), not the figure; 出口交货值 is what industrial firms
    delivered for export, not the place's exports; 固定资产投资价格 is a price index, not the investment.
    """
    out = []
    # 全市 is another place's only in a paragraph that names the document's own (全县, 我区, 武宣…)
    own_named = bool(vocab.scope) and (bool(re.search(f"[全我本]{vocab.scope}", text)) or any(p in text for p in vocab.places))
    for m in _longest_mentions(text, vocab.pattern):
        before = text[max(0, m.start() - 6):m.start()]
        key = vocab.key(m.group(0))
        glued = bool(before) and "\u4e00" <= before[-1] <= "\u9fff" and before[-1] not in _JOINS and \
            not re.search(r"城、?乡(?:常住)?$", before) and \
            not before.endswith(vocab.places)       # 城乡居民收入: the pair of names (Vocabulary.expand); 武宣经济增长
        short_alias = len(key) <= 4 and key != vocab.name(key).zh
        # 永城市GDP / 晋城市地区生产总值: the place's own name ending in 城市 is not a modifier (城市居民…)
        modified = bool(SUB_AGGREGATE.search(before)) and not (vocab.places and before.endswith(vocab.places))
        blocked = bool(SHARE_OF.search(before)) or modified or (short_alias and glued) or \
            text.startswith(("密度", "交货值", "价格"), m.end()) or \
            within_part(text, m.start(), vocab.scope) or another_place(before, vocab.scope, own_named) or \
            named_other_place(text, m.start(), vocab.places) or \
            prefecture_glued(text, m.start(), m.group(0), vocab.places) or \
            zone_subject(text, m.start(), vocab.places)
        if not blocked and "人均" in vocab.name(key).zh and "按常住人口" in text and _PER_REGISTERED.search(
                text, back_to(text, m.start(), SENTENCE_END), m.start()):
            blocked = True      # 按户籍人口计算,人均…103007元 beside 按常住人口计算,…: the resident one is the figure
        if not blocked and _ITS.search(text, max(0, m.start() - 8), m.start()) and out and out[-1][3] and \
                not re.search(f"[{SENTENCE_END}]", text[out[-1][1]:m.start()]):
            blocked = True      # …大兴安岭地区生产总值为151.80亿元,其第一、二、三产业…: 其 is the blocked subject's
        out.append((m.start(), m.end(), key, blocked))
    listed = _listed_in_one_word(text, vocab)
    out = [x for x in out if not any(y[0] <= x[0] < y[1] for y in listed)]     # 一般公共预算收入、支出: the pair
    return sorted(out + _bare_value_added(text, out, vocab) + _bare_per_head(text, out, vocab) + _bare_total(text, out, vocab) +
                  _firms_counted(text, out, vocab) +
                  _registered_population(text, vocab) + listed)


# one word for several indicators before 分别, in the order their values follow: 三次产业(增加值)分别完成A、B、C /
# 分别增长X%、Y%、Z%; 一般公共预算收支分别增长X%、Y% (or 收入、支出分别…); 规上工业总产值和增加值分别增长…
_LISTED = ((re.compile(r"三次产业(?:增加值)?(?=分别|依次)"), ("第一产业增加值", "第二产业增加值", "第三产业增加值")),
           (re.compile(r"(?:地方)?一般公共预算(?:收支|收入[、和与]支出)(?=分别)"), ("一般公共预算收入", "一般公共预算支出")),
           # 规模以上工业总产值和增加值同比分别增长16.1%、28.1%: two names sharing 规模以上工业
           (re.compile(r"(?:规模以上|规上)工业总产值[和及与、]增加值(?=(?:同比|比上年)?分别)"), ("规模以上工业总产值", "规模以上工业增加值")))


def _listed_in_one_word(text: str, vocab: Vocabulary) -> list:
    return [(m.start() + i, m.end(), vocab.key(name), False) for pattern, names in _LISTED
            if all(name in vocab.names for name in names)
            for m in pattern.finditer(text) for i, name in enumerate(names)]


def _longest_mentions(text: str, pattern: re.Pattern):
    """The names in *text*, left to right; where a name starting inside one found runs past its end, that one
    (年末常住人口城镇化率 is 常住人口城镇化率 after 年末, not 年末常住人口 and a glued 城镇化率)."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        longer = (pattern.match(text, k) for k in range(m.start() + 1, m.end()))
        m = max((x for x in longer if x is not None and x.end() > m.end()), key=lambda x: x.end(), default=m)
        yield m
        pos = m.end()


# 户籍总户数19.13万户,总人口54.41万人 / 户籍户数为42.99万户,人口140.36万人: 户籍 qualifies the population after it too
_REGISTERED_HEAD = re.compile(r"户籍(?:总)?户数[^。；;，,]{0,12}?[\d.]+万?户[,，]\s*(?:总)?(人口(?:数)?)(?=为?[\d.])")


def _registered_population(text: str, vocab: Vocabulary) -> list:
    key = next((k for k in ("户籍总人口", "户籍人口") if k in vocab.names), None)
    return [(m.start(1), m.end(1), key, False) for m in _REGISTERED_HEAD.finditer(text)] if key else []


# a clause naming only what is measured (…,增加值增长13.5% / …面积77.27万亩,总产量达… / …企业实现总产值…): the
# sentence's subject before it measured that way
# (…规模以上工业企业实现工业总产值…: 工业 repeated after 实现 / 完成 only; after a comma 工业增加值 is all industry's)
_BARE_MEASURE = re.compile(r"(?:(?<=[，,；;、])|(?<=实现)|(?<=完成)|(?<=实现工业)|(?<=完成工业))(增加值|总产值|总产量|产量|总产(?!值)|产值)")
_SUBJECT_TAIL = re.compile(r"(?:总产值|增加值|企业|(?:收获|播种|种植)面积?|面积)$")     # 完成粮食播种11万亩,总产量…


def _bare_value_added(text: str, mentions, vocab: Vocabulary) -> list:
    """规上工业总产值…,增加值增长13.5%: a bare 增加值 clause in the sentence of an output value is that industry's
    value added; 粮食播种面积…,总产量达… the grain output; 规模以上工业企业实现总产值… the industry's output (the
    subject's name with its tail replaced by the measure, when that name is registered)."""
    out, named = [], sorted((x[1], x) for x in mentions if not x[3])
    ends = [end for end, _ in named]
    for m in _BARE_MEASURE.finditer(text):
        i = bisect_right(ends, m.start()) - 1          # the last mention ending before it (one search, not a scan)
        prior = named[i][1] if i >= 0 else None
        # 粮食种植面积27.3万亩,同比下降3.4%;总产量9.29万吨: a crop's output may follow its area after a ；
        stops = "。！？!?" if m.group(1) in ("总产量", "产量", "总产") else SENTENCE_END
        if prior is None or m.start() - prior[1] > 40 or back_to(text, m.start(), stops) > prior[0]:
            continue
        measure = {"总产": "总产量", "产值": "总产值"}.get(m.group(1), m.group(1))    # 企业实现产值: their output value
        counterpart = _SUBJECT_TAIL.sub(measure, prior[2])
        if counterpart != prior[2] and vocab.pattern.fullmatch(counterpart):
            out.append((m.start(), m.end(), vocab.key(counterpart), False))
    return out


# 地区生产总值达147.38亿元,人均3.84万元 / …,人均达到5.62万元: 人均 alone after a GDP figure is GDP per head; so is
# 2018年人均达到54562元 after 人均GDP figures of earlier years in its sentence
_BARE_PER_HEAD = re.compile(r"(?:(?<=[，,；;])|(?<=年))\s*人均(?=(?:达到|达|为|上升到|提高到|增加到)?\s*\d)")


def _bare_per_head(text: str, mentions, vocab: Vocabulary) -> list:
    found = list(_BARE_PER_HEAD.finditer(text))
    per_head = next((n for n, name in vocab.names.items() if name.indicator == "per_capita_gdp"), None) if found else None
    out = []
    for m in found if per_head else ():
        prior = max((x for x in mentions if not x[3] and x[1] <= m.start()), key=lambda x: x[1], default=None)
        of = vocab.name(prior[2]).indicator if prior else ""
        if (of == "gdp" and m.start() - prior[1] <= 40 and back_to(text, m.start(), SENTENCE_END) <= prior[0]) or (
                of == "per_capita_gdp" and m.start() - prior[1] <= 80 and back_to(text, m.start(), "。！？") <= prior[0]):
            out.append((m.end() - 2, m.end(), vocab.key(per_head), False))
    return out


# 规上工业11户 / 其中规模以上工业32户 / 规上企业总数达到200户: a count right after the words for the firms above scale
_FIRMS_COUNTED = re.compile(r"(?:规模以上|规上)(?:工业)?(?:企业)?(?=(?:总数|数量)?(?:达到|达|为|共|有|突破)?\s*\d+\s*[户家](?![\u4e00-\u9fff]*增加值))")


def _firms_counted(text: str, mentions, vocab: Vocabulary) -> list:
    key = next((k for k in ("规上工业企业", "规模以上工业企业") if k in vocab.names), None)
    taken = {x[0] for x in mentions}
    return [(m.start(), m.end(), key, False) for m in _FIRMS_COUNTED.finditer(text)
            if key and m.start() not in taken and m.end() > m.start() + 2] if key else []


# 全区GDP同比增长8.5%…;总量跃升到5202.01亿元: 总量 opening a clause after a GDP figure in its sentence is the GDP
_BARE_TOTAL = re.compile(r"(?<=[，,；;])\s*(?:经济)?总量(?=跃升|达到|达|为|突破|增加|增至|提高|升至|实现|迈上|站上)")


def _bare_total(text: str, mentions, vocab: Vocabulary) -> list:
    out = []
    for m in _BARE_TOTAL.finditer(text):
        prior = max((x for x in mentions if not x[3] and x[1] <= m.start()), key=lambda x: x[1], default=None)
        if prior and vocab.name(prior[2]).indicator == "gdp" and m.start() - prior[1] <= 80 and back_to(text, m.start(), "。！？") <= prior[0]:
            out.append((m.end() - 2, m.end(), prior[2], False))
    return out


def group_mentions(text: str, mentions):
    """Mentions joined only by 、/和/与/及 form one group that shares the text after the last one."""
    groups, current = [], []
    for mention in mentions:
        if current and re.fullmatch(r"[、和与及\s]*", text[current[-1][1]:mention[0]]) and not current[-1][3] and not mention[3]:
            current.append(mention)
        else:
            if current:
                groups.append(current)
            current = [mention]
    if current:
        groups.append(current)
    return groups


def owned_text(text: str, start: int, stop: int) -> int:
    """End of the text a mention owns: its sentence, clauses after the first only while they continue it."""
    cut = next((i for i in range(start, stop) if text[i] in SENTENCE_END), stop)
    while cut < stop and text[cut] in "；;" and _GOES_ON.match(text, cut + 1):     # ;与2020年相比,两年平均增长2.5%
        cut = next((i for i in range(cut + 1, stop) if text[i] in SENTENCE_END), stop)
    end, remark = start, False
    for k, piece in enumerate(_CLAUSE.split(text[start:cut])):
        clause = piece.strip("\u3000 ")
        # a remark without a figure on the figure before (,是全省首个突破千亿的县, / ,总量稳居全市第一、全省前列,)
        # is passed over: the clauses after it still continue the subject (,按可比价格计算,比上年增长8%)
        aside = k > 0 and bool(clause) and not re.search(r"\d", clause) and (
            bool(_REMARK.match(clause)) or (remark and text[end - 1] == "、"))
        if k > 0 and clause and not _CONTINUES.match(clause) and not aside:
            break
        remark = aside
        end += len(piece) + 1
    return min(end, cut)



@lru_cache(maxsize=4)
def value_pattern(unit_re: str) -> re.Pattern:
    """A number with its unit (Arabic, or Chinese numerals before a unit) and a bound printed after it; in a list
    whose unit is printed once, after its last number (分别达到29698、15892元), each number takes that unit. A footnote
    mark between a number and its unit (4.20*万人) is passed over, and 余 there (7600余户: at least) is group ``about``."""
    return re.compile(rf"(?:(?P<num>{N})\*?(?P<about>余(?=[\u4e00-\u9fff]))?(?:(?P<unit>%|{unit_re})|(?=(?:、{N})+(?P<shared>%|{unit_re})(?![、\d])))"
                      rf"|(?<![{CN_DIGITS}第])(?P<cn>{CN_NUMBER})"
                      rf"(?P<cnunit>{unit_re}))(?P<post>左右|以上|以内|以下|多)?")


def readable(m: re.Match) -> bool:
    value = number(m)
    return value == value                                    # NaN: Chinese numerals that are not a number
