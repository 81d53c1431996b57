"""Propose indicator rows from an official document, for a person to review.

Plans, plan-execution reports, government work reports, statistical
bulletins and partial-year notices all state figures the same few ways; this
module reads them without knowing the place or the document in advance.
Each figure becomes a row in the ``indicators.csv`` schema plus ``confidence``
and ``status``, with its verbatim quote. It never writes the curated table;
``merge`` does, after review.

- names come from the registry (``indicator_names.csv`` beside the table) and
  the table's own ``indicator_zh`` (:mod:`analysis.extract.vocab`);
- when a figure is from comes from the words before it, its section and the
  document's year (:mod:`analysis.extract.context`); a figure whose year
  cannot be read is not proposed (:attr:`Extraction.undated` counts them);
- what a figure is (level, growth, target, flow, total …) comes from the words
  next to it (:mod:`analysis.extract.facts`, :mod:`analysis.extract.tables`);
- partial-year figures (1—11月, 前三季度 …) are proposed with status
  ``needs_review`` and the period in ``note``, never as annual values;
- a figure under a name no registered indicator has is proposed as indicator
  ``unknown`` (its Chinese name in ``indicator_zh``) with status ``needs_review``;
  ``merge`` refuses it until it is mapped or registered;
- lines a PDF broke inside a sentence are joined first (quotes keep the break).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from analysis.data.normalize import LAYOUT_SPACE
from analysis.extract.context import Context, document
from analysis.extract.headings import heading
from analysis.extract.cues import Cue, paragraph_cues
from analysis.extract.facts import paragraph_facts
from analysis.extract.lines import join_broken_lines, verbatim
from analysis.extract.rows import UNKNOWN, fact_row, reading, table_rows
from analysis.extract.scope import sibling_paragraphs
from analysis.extract.unread import unread_rows
from analysis.extract.vocab import build_vocabulary
from analysis.extract.years import CONTINUING, fact_context

__all__ = ["Extraction", "detect_district", "extract_document", "extract_file", "extract_text", "join_broken_lines"]


@dataclass
class Extraction:
    rows: list[dict]
    undated: int                      # figures found whose year could not be read (not proposed)
    document_year: int | None         # the year the document was issued, as read or given
    notes: list[str] = field(default_factory=list)
    unread: list[dict] = field(default_factory=list)   # numbers printed as amounts that no row carries (extract.unread)


_TITLE = re.compile(r"政府工作报告|统计公报|计划执行情况")
_YEARS, _FIGURE = re.compile(r"(?:19|20)\d\d年"), re.compile(r"\d|[。，,；;:：]")      # a title: no figure, no sentence
_SPACED_PERCENT = re.compile(rf"(?<=\d){LAYOUT_SPACE}+(?=%)")
_SPACED_DECIMAL = re.compile(rf"(?<=\d)(?:{LAYOUT_SPACE}+\.{LAYOUT_SPACE}*|\.{LAYOUT_SPACE}+)(?=\d)")   # 6 . 5, 2 .7


def extract_document(text: str, district: str, source: str = "", year: int | None = None,
                     vocabulary: dict | None = None, registry=None) -> Extraction:
    """Proposed rows from normalised *text*.

    *year* is the year the document was issued (今年 = year, 去年 = year − 1); without it the
    year comes from a date line or the document's structure. Figures whose year cannot be read
    are counted in ``undated`` and not proposed. *registry* is the name files of the table the rows
    are for (``load_registry(path of that table)``): its names, aliases and plans are the vocabulary.
    """
    if registry is None:
        raise TypeError("extract_document: pass registry=analysis.data.registry.load_registry(TABLE), "
                        "the name files of the table the proposed rows are for")
    vocab = build_vocabulary(registry, vocabulary, district)
    printed = text
    text = _SPACED_DECIMAL.sub(".", text)       # 增长6 . 5%: layout spaces around a decimal point, nothing else joined
    text = _SPACED_PERCENT.sub("", text)        # 增长6.0 %: a layout space before the percent sign
    doc = document(text, year, registry.plans)
    section = (Context("target", doc.plan.last, doc.plan) if doc.plan else
               Context("actual", doc.data_year) if doc.data_year else Context())
    rows, weak, undated, carried, last_cue, reviewing, origin = [], set(), 0, None, None, False, {}
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    first_line = lines[0] if lines else ""
    paragraphs = join_broken_lines(lines)
    siblings = sibling_paragraphs(paragraphs, vocab.places)       # 2022年,凉州区立足… on a page on 古浪县 and its neighbours
    for number, para in enumerate(paragraphs):
        new = heading(para, doc, section)
        carried, reviewing = (None, False) if new is not section else (carried, reviewing)
        section = new
        cues = paragraph_cues(para, doc)
        if CONTINUING.match(para) and last_cue is not None and not (cues and cues[0].pos < 4):
            cues.insert(0, Cue(-1, 0, last_cue.context))         # 同时,… continues the paragraph before
        last_cue = cues[-1] if cues else (last_cue if CONTINUING.match(para) else None)
        for fact in paragraph_facts(para, vocab) if number not in siblings else ():   # another place's: listed unread
            ctx, unsure = fact_context(fact, para, cues, section, doc, carried, reviewing)
            if ctx is None or ctx.year is None:
                frame = Context("actual", 0, ctx.plan, ctx.period) if ctx is not None else Context("actual", 0)
                undated += not fact.unnamed and reading(fact, frame, vocab, doc) is not None   # asked for, not dropped
                continue
            row = fact_row(fact, ctx, para, vocab, doc, district, source, unsure)
            if row is not None:
                rows.append(row)
                origin[id(row)] = number
                if "year_from_document" in unsure or number == 0:      # a year from the date line only, or a headline
                    weak.add(id(row))
        section = next((c.context for c in reversed(cues) if c.carries), section)
        if _TITLE.search(para) and len(para) <= 80 and (number == 0 or not _FIGURE.search(_YEARS.sub("", para))):
            continue             # 2019年松溪县人民政府工作报告: the title's year is the document's, not its figures'
            #                      (also a title printed again after a date line: ——2021年1月7日在…会议上 / 2021年…报告)
        # a title the lines after it were joined to (…政府工作报告解读…来源:…一年来,…) dates no paragraph either
        title_end = len(first_line) if number == 0 and _TITLE.search(first_line) and len(first_line) <= 80 else 0
        carried = next((c.context for c in reversed(cues) if c.context.explicit and c.context.mode == "actual"
                        and not c.sentence and c.pos >= title_end), carried)
        if cues:         # 过去一年,… / 一年以来,… / 去年,…: the paragraphs after it review that year too
            reviewing = bool(doc.year) and cues[-1].context.mode == "actual" and cues[-1].context.year == doc.year - 1
    tables = table_rows(paragraphs, vocab, doc, district, source)
    kept = _dedupe(rows + tables, weak)
    read: dict[int, set] = {}             # a value _dedupe set aside for another of the same key is listed unread
    for row in kept:
        read.setdefault(origin.get(id(row)), set()).add(row["value"])
    unread = unread_rows(paragraphs, read, [r for r in kept if id(r) not in origin], vocab, district, source)
    for row in kept + unread:       # quotes as the document prints them (line breaks, layout spaces, cells)
        row["quote"] = verbatim(row["quote"], printed)
    return Extraction(kept, undated, doc.year, unread=unread)


def _preference(row: dict) -> tuple:
    """Which of two readings of one key a review file keeps: the more confident, then the place's own budget revenue
    over one that includes the parts passed up (一般公共预算地方收入10.34亿元 beside 一般公共预算收入15.73亿元), then an
    exact figure over a round mark passed (经济总量突破百亿元 beside 完成地区生产总值100.76亿元); else the first printed."""
    local = row["indicator"] == "budget_revenue" and bool(_LOCAL.search(row["quote"]))
    return row["confidence"], local, row["bound"] not in (">=", "<=")


_LOCAL = re.compile(r"地方(?:级)?一般公共预算|一般公共预算(?:地方|本级)")      # not 地方财政收入 (an older, looser name)


def _dedupe(rows: list[dict], weak: set) -> list[dict]:
    """One row per key, the most confident. A weak reading (a headline, or a year from the date line only)
    yields to any other reading of the same figure, since headlines repeat the body."""
    def figure(r):
        return r["indicator"], r["value"]

    strong = {figure(r) for r in rows if id(r) not in weak}
    # the preferred reading of each figure among its rivals: a target first, then the latest (one pass: linear)
    chosen: dict[tuple, tuple] = {}
    for order, x in enumerate(rows):
        rank = (x["kind"].startswith("target"), order)
        if figure(x) not in chosen or rank > chosen[figure(x)][0]:
            chosen[figure(x)] = (rank, id(x))
    kept = []
    for r in rows:
        if id(r) in weak:
            if figure(r) in strong or chosen[figure(r)][1] != id(r):
                continue
        kept.append(r)
    best: dict[tuple, dict] = {}
    for r in kept:
        period = r["note"] if r["status"] == "needs_review" else ""        # 一季度 and 上半年 are different figures
        named = r["indicator_zh"] if r["indicator"] == UNKNOWN else ""       # unregistered names stay apart
        key = (r["indicator"], named, r["year"], r["kind"], r["unit"], r["price_basis"], r["period_start"], r["status"],
               period)                                       # 189195元 in a table and 18.9万元 in the text: both kept
        if key not in best or _preference(best[key]) < _preference(r):
            best[key] = r
    return sorted(best.values(), key=lambda r: (r["indicator"], r["year"], r["kind"], r["status"]))


def extract_text(text: str, district: str, source: str = "", year: int | None = None,
                 vocabulary: dict | None = None, registry=None) -> list[dict]:
    """Proposed rows from normalised *text* (see :func:`extract_document`).

    >>> from analysis.data.registry import load_registry
    >>> rows = extract_text("2024年主要预期目标\\n地区生产总值增长6%左右。", "某区", registry=load_registry())
    >>> [(r["indicator"], r["year"], r["kind"], r["value"], r["bound"]) for r in rows]
    [('gdp', 2024, 'target_growth', 6.0, '~')]
    """
    return extract_document(text, district, source, year, vocabulary, registry).rows


_PLACE = re.compile(r"([\u4e00-\u9fff]{2,6}?(?:自治区|省|市|区|县|旗))(?=人民政府|人民代表大会|第[一二三四五六七八九十]+届|"
                    r"(?:19|20)\d{2}年|国民经济|统计局|发展和改革|发改|区长|县长|市长|政府|经济|实现|召开|[,，。、:：(（])")
_NOT_IN_NAMES = set("我在于将了为的是和与及对向由经据全各该本其前季度现进促制定关印发共中日年月第届次代表")
_GENERIC = re.compile(r"^(?:地区|园区|景区|城区|社区|新区|开发区|高新区|自治区)$")


def detect_district(text: str, known=()) -> str:
    """The place a document is about: a known one it names first, else the first place name of its opening.

    >>> detect_district("关于杭州市余杭区2022年国民经济和社会发展计划执行情况的报告")
    '余杭区'
    """
    positions = [(text.find(d), d) for d in known if d and d in text]
    if positions:
        return min(positions)[1]
    for found in _PLACE.finditer(text[:400]):
        for part in re.findall(r"[\u4e00-\u9fff]+?(?:自治区|省|市|区|县|旗)", found.group(1))[::-1]:
            for cut in range(len(part) - 1):
                name = part[cut:]
                stem = name[:-1]
                if not _NOT_IN_NAMES & set(stem) and not _GENERIC.match(name) and len(stem) >= 1:
                    return name
    return ""


def extract_file(path, district: str | None = None, year: int | None = None,
                 vocabulary: dict | None = None, known_districts=(), registry=None) -> tuple[list[dict], str, str]:
    """Read, decode (UTF-8 or GB18030), normalise and extract; returns (rows, encoding, normalised text)."""

    from analysis.data.normalize import normalize_file

    normalized, encoding = normalize_file(path)
    if district is None:
        district = detect_district(normalized, known_districts)
    rows = extract_document(normalized, district, Path(path).name, year, vocabulary, registry).rows
    return rows, encoding, normalized
