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
from bisect import bisect_left
from pathlib import Path

from analysis.extract.context import (
    ESTIMATE_RE,
    Cue,
    TARGET_WORDS,
    Context,
    Document,
    back_to,
    document,
    heading,
    paragraph_cues,
    partial_at,
    still_ahead,
)
from analysis.extract.facts import SENTENCE_END, Fact, paragraph_facts
from analysis.extract.tables import table_cells
from analysis.extract.vocab import Vocabulary, build_vocabulary


@dataclass
class Extraction:
    rows: list[dict]
    undated: int                      # figures found whose year could not be read (not proposed)
    document_year: int | None         # the year the document was issued, as read or given
    notes: list[str] = field(default_factory=list)


def _row(district, source, indicator, zh, year, kind, value, unit, basis, bound, period_start, quote, note,
         confidence, status="proposed"):
    return {"district": district, "indicator": indicator, "indicator_zh": zh, "year": year, "kind": kind,
            "value": value, "unit": unit, "price_basis": basis, "bound": bound,
            "period_start": "" if period_start is None else period_start, "source": source, "quote": quote,
            "note": note, "confidence": round(min(max(confidence, 0.05), 1.0), 2), "status": status}


_CONTINUING = re.compile(r"\s*(?:其中|同时|此外|另外|另外,|并且)[,，:：]?")


def _last_cue(cues, fact: Fact, sentence_start: int) -> list:
    """``[the last cue before *fact* that places it]`` or ``[]``; *cues* are sorted by position, so this
    looks back from the fact instead of through every cue of the paragraph (linear documents stay linear)."""

    for i in range(bisect_left(cues, fact.pos, key=lambda c: c.pos) - 1, -1, -1):
        c = cues[i]
        if (c.pos >= sentence_start or not c.sentence) and not (
                fact.average and not fact.span and c.context.plan is None):
            return [c]
    return []


def _context(fact: Fact, para: str, cues, section: Context, doc: Document,
             carried: Context | None = None) -> tuple[Context | None, bool]:
    """When *fact* is from, and whether that came only from the document's year.

    *carried* is the year earlier paragraphs were about (经初步核算,2023年,…), used before the document's
    own year when neither a cue nor a heading places the figure.
    """
    sentence_start = back_to(para, fact.pos, SENTENCE_END)
    for _ in range(3):          # 其中,… / 同时,… continue the sentence before them (its 到“十四五”末 holds)
        if sentence_start > 0 and _CONTINUING.match(para, sentence_start):
            sentence_start = back_to(para, sentence_start - 1, SENTENCE_END)
    before = _last_cue(cues, fact, sentence_start)
    base = before[-1].context if before else (section if section.year or not carried else carried)
    if fact.year is not None:
        mode = "target" if fact.target or (base.mode == "target" and base.year == fact.year) else "actual"
        return _ahead(Context(mode, fact.year, base.plan, base.period, explicit=True), fact, para, sentence_start,
                      doc), False
    if fact.role:
        if base.plan and base.mode in ("review", "target"):
            year = base.plan.base if fact.role != "to" else base.plan.last
            mode = "target" if fact.role == "to" and base.mode == "target" else "actual"
            return Context(mode, year, base.plan), False
        if fact.role == "now" and base.year:
            return Context("actual", base.year - 5), False
        return (Context("target", base.year), False) if fact.role == "to" and base.mode == "target" else (None, False)
    if base.year is None:
        if not doc.year:
            return None, False
        wanted = fact.target or TARGET_WORDS.search(para[sentence_start:fact.pos])
        return _ahead(Context("target" if wanted else "actual", doc.year), fact, para, sentence_start, doc), True
    mode = base.mode or "actual"
    past = mode == "review" or (doc.year is not None and base.year < doc.year)
    start = before[-1].end if before else sentence_start
    if fact.target or (mode == "actual" and not past and TARGET_WORDS.search(para[start:fact.pos])):
        mode = "target"
    return _ahead(Context(mode, base.year, base.plan, base.period, base.partial, base.explicit), fact, para,
                  sentence_start, doc), False


def _ahead(ctx: Context, fact: Fact, para: str, sentence_start: int, doc: Document) -> Context:
    """An actual of a year not yet over where the document was written is a target (“2026年,地区生产总值增长5%左右。”
    in news of a January congress), unless the sentence says it is an estimate (预计) or the figure is partial-year."""
    if ctx.mode != "actual" or not still_ahead(ctx.year, doc) or ESTIMATE_RE.search(para, sentence_start, fact.pos):
        return ctx
    if partial_at(para, fact.pos, doc, para[back_to(para, fact.pos, "，,；;。"):fact.pos]):
        return ctx
    return Context("target", ctx.year, ctx.plan, ctx.period, ctx.partial, ctx.explicit)


def _kind(fact: Fact, ctx: Context, vocab: Vocabulary, doc: Document):
    """(indicator Name, kind, unit, price basis, period_start) of a fact, or None when it is not a row."""
    name = vocab.name(fact.name)
    target = ctx.mode == "target"
    if fact.vs_year is not None and fact.vs_year != ctx.year - 1:
        return None                  # 同比2015年增长67.86%: growth over several years, not a rate a year
    if fact.kind == "growth":
        if not name.basis or re.search(r"累计(?:增长|提高|增加)了?$", fact.lead):
            return None              # 累计增长61.2%: growth over several years (累计同比 is a year to date's)
        start = (fact.period_start or (ctx.year - fact.span if fact.span else None) or
                 (ctx.plan.base if ctx.plan else None)) if fact.average else None
        if fact.average and start is None:
            return None
        return name, "target_growth" if target else "growth", "%", fact.basis or name.basis, start
    if fact.kind == "rate":
        if name.unit != "%":
            return None
        # a ceiling or floor stated for the plan period (“十四五”期间…控制在4.0%以内) holds in every year from its first
        every_year = target and fact.bound in ("<=", ">=") and ctx.plan is not None and ctx.period
        return name, "target_level" if target else "share", "%", "", ctx.plan.first if every_year else None
    if name.unit == "%" or not vocab.compatible(fact.unit, name.unit) or (fact.hold and not target):
        return None
    indicator = name
    if fact.flow and not name.flow:
        indicator = vocab.flow_of(fact.name)
        if indicator is None:
            if not fact.cumulative:
                return None          # an addition to something the vocabulary does not count
            indicator = name
    nbn_flow = fact.before_name and (target or bool(re.search(r"新增|新创|新建|新培育|累计", fact.lead)))
    counted = target and ctx.period and vocab.counts(fact.unit)
    is_flow = not fact.stock and (indicator.flow or fact.flow or fact.cumulative or nbn_flow or counted)
    if fact.stock:
        indicator = vocab.stock_of(fact.name) if name.flow else name
        if indicator is None:
            return None
    unit = vocab.canonical_unit(fact.unit, indicator.unit)
    basis = "current" if vocab.unit_bases.get(unit) == "元" else ""
    if target:
        start = (ctx.plan.first if ctx.plan and (ctx.period or doc.plan or fact.cumulative) else ctx.year) if is_flow else None
        return indicator, "target_level", unit, basis, start
    review_stock = ctx.mode == "review" and fact.before_name and not (indicator.flow or fact.flow or fact.cumulative)
    if _period_total(fact, ctx, indicator, unit, vocab):
        fact.confidence = min(fact.confidence, 0.6)
        return indicator, "cumulative", unit, basis, ctx.plan.first
    if is_flow and not review_stock:
        period = ctx.plan and (ctx.period or fact.cumulative or ctx.mode == "review")
        return indicator, "cumulative", unit, basis, ctx.plan.first if period else ctx.year
    return indicator, "level", unit, basis, None


# flows a year that a review of a plan period sums (固定资产投资完成853亿元 in 五年来…): spending and sales, not
# output, income or revenue, whose figure in a review is the last year's level
_SUMMED = re.compile(r"投资|零售|销售|进出口|出口|进口")


def _period_total(fact: Fact, ctx: Context, name, unit: str, vocab: Vocabulary) -> bool:
    """True for 完成 + an amount in 元 of a summed flow inside a review of a plan period (五年来, “十四五”时期):
    the total over the period, ``cumulative`` from its first year."""
    return bool(ctx.mode == "review" and ctx.plan and ctx.period and vocab.unit_bases.get(unit) == "元"
                and re.search(r"完成(?:了)?$", fact.lead) and _SUMMED.search(name.zh) and "人均" not in name.zh)


def _quote(para: str, start: int, end: int) -> str:
    cut = back_to(para, start, "。；;！？，,")
    return para[cut:end].strip()


from analysis.data.merge import UNKNOWN_INDICATOR as UNKNOWN   # a name not registered; merge refuses it until mapped


def _unnamed_row(fact: Fact, ctx: Context, para: str, doc: Document, place: str, source: str) -> dict:
    """A figure under a name the registry does not list: proposed for review, never as a value to merge."""
    target = ctx.mode == "target"
    kind = {"growth": "target_growth" if target else "growth", "rate": "target_level" if target else "share",
            "amount": "target_level" if target else "level"}[fact.kind]
    clause = para[back_to(para, fact.pos, "，,；;。"):fact.pos]
    partial = "" if target else partial_at(para, fact.pos, doc, clause)
    unit = "%" if fact.kind != "amount" else fact.unit.replace("余", "")
    note = f"unregistered name: {fact.unnamed}" + (f"; partial year: {partial} — not an annual value" if partial else "")
    return _row(place, source, UNKNOWN, fact.unnamed, ctx.year, kind, fact.value, unit, "", fact.bound, None,
                _quote(para, *fact.quote), note, fact.confidence, "needs_review")


def _fact_row(fact: Fact, ctx: Context, para: str, vocab: Vocabulary, doc: Document, place: str, source: str,
              from_default: bool) -> dict | None:
    if fact.unnamed:
        return _unnamed_row(fact, ctx, para, doc, place, source)
    reading = _kind(fact, ctx, vocab, doc)
    if reading is None:
        return None
    indicator, kind, unit, basis, start = reading
    clause = para[back_to(para, fact.pos, "，,；;。"):fact.pos]
    partial = "" if kind.startswith("target") else partial_at(para, fact.pos, doc, clause)
    sentence = para[back_to(para, fact.pos, SENTENCE_END):fact.pos]
    notes = (["预计 (estimate)"] if ESTIMATE_RE.search(sentence) else []) + (
        [f"partial year: {partial} — not an annual value"] if partial else [])
    if kind in ("growth", "target_growth") and not fact.basis:
        notes.append(f"basis not stated: {basis} is the indicator's usual basis; "
                     "record unstated if the document does not settle it")
    bound = fact.bound or (">=" if "余" in fact.unit else "")
    confidence = fact.confidence - (0.1 if from_default else 0) - (0.3 if partial else 0)
    return _row(place, source, indicator.indicator, indicator.zh, ctx.year, kind, fact.value, unit, basis, bound, start,
                _quote(para, *fact.quote), "; ".join(notes), confidence, "needs_review" if partial else "proposed")


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
    vocab = build_vocabulary(registry, vocabulary)
    doc = document(text, year, registry.plans)
    section = (Context("target", doc.plan.last, doc.plan) if doc.plan else
               Context("actual", doc.data_year) if doc.data_year else Context())
    rows, weak, undated, carried, last_cue = [], set(), 0, None, None
    paragraphs, broken = join_broken_lines([line.strip() for line in text.split("\n") if line.strip()])
    for number, para in enumerate(paragraphs):
        new = heading(para, doc, section)
        carried = None if new is not section else carried
        section = new
        cues = paragraph_cues(para, doc)
        if _CONTINUING.match(para) and last_cue is not None and not (cues and cues[0].pos < 4):
            cues.insert(0, Cue(-1, 0, last_cue.context))         # 同时,… continues the paragraph before
        last_cue = cues[-1] if cues else (last_cue if _CONTINUING.match(para) else None)
        for fact in paragraph_facts(para, vocab):
            ctx, from_default = _context(fact, para, cues, section, doc, carried)
            if ctx is None or ctx.year is None:
                undated += not fact.unnamed and _kind(fact, Context("actual", 0), vocab, doc) is not None
                continue
            row = _fact_row(fact, ctx, para, vocab, doc, district, source, from_default)
            if row is not None and para in broken:
                row["quote"] = _verbatim(row["quote"], broken[para])
            if row is not None:
                rows.append(row)
                if from_default or number == 0:      # a year from the date line only, or a headline
                    weak.add(id(row))
        section = next((c.context for c in reversed(cues) if c.carries), section)
        carried = next((c.context for c in reversed(cues) if c.context.explicit and c.context.mode == "actual"
                        and not c.sentence), carried)
    rows += _table_rows(paragraphs, vocab, doc, district, source)
    return Extraction(_dedupe(rows, weak), undated, doc.year)


_BREAK_END = re.compile(r"[\u4e00-\u9fff\d%,，、]$")
_NEW_ITEM = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d)|第.{1,3}[章节篇部分]|[|\t])")


def join_broken_lines(lines: list[str]) -> tuple[list[str], dict[str, str]]:
    """Lines a PDF broke inside a sentence (…实现地区生产总值158.6亿 / 元,增长6%) joined again: a long line that
    ends without a sentence's end, followed by one that starts no new item. Headings and table rows stay apart.
    Returns the lines and, for each joined one, the text as printed (with its line breaks) for quotes."""
    groups: list[list[str]] = []
    for line in lines:
        prev = groups[-1][-1] if groups else ""
        split_figure = bool(re.search(r"[\d.亿万]$", prev) and re.match(r"[亿万元%人家个户吨亩]", line)) or bool(
            re.search(r"(?:增长|下降|达到|达)$", prev) and re.match(r"-?\d+(?:\.\d+)?(?:%|亿|万|元)", line))
        if ((len(prev) >= 30 and _BREAK_END.search(prev) or split_figure) and prev.count("|") < 2
                and "\t" not in prev and not _NEW_ITEM.match(line) and line.count("|") < 2):
            groups[-1].append(line)
        else:
            groups.append([line])
    out = ["".join(group) for group in groups]
    return out, {joined: "\n".join(group) for joined, group in zip(out, groups) if len(group) > 1}


def _verbatim(quote: str, text: str) -> str:
    """A quote from joined lines as *text* (the lines as printed) has it, with its line breaks."""
    if quote in text or not quote:
        return quote
    found = re.search("\n?".join(map(re.escape, quote)), text)
    return found.group(0) if found else quote


def _table_rows(paragraphs, vocab, doc, district, source) -> list[dict]:
    rows = []
    for cell in table_cells(paragraphs, vocab, doc.plan.last if doc.plan else None, doc.data_year, doc.plan_span):
        name = vocab.name(cell.name)
        target = cell.target or bool(doc.plan and cell.year > doc.plan.base)
        start = None
        if cell.kind == "growth" or cell.kind.startswith("average"):
            if not name.basis or name.unit == "%":
                continue
            kind, unit, basis = "growth", "%", name.basis
            start = int(cell.kind.split(":")[1]) if cell.kind.startswith("average") else None
        elif cell.unit == "%" and name.unit not in ("%", ""):
            continue                   # 累计全社会固定资产投资(%): a rate of an amount the row does not say
        elif cell.unit == "%" or name.unit == "%":
            kind, unit, basis = ("target_level" if target else "share"), "%", ""
        else:
            unit = vocab.canonical_unit(cell.unit or name.unit, name.unit)
            kind, basis = ("target_level" if target else "level"), ("current" if vocab.unit_bases.get(unit) == "元" else "")
        note = "table row" + ("; 预计 (estimate)" if cell.estimate else "")
        rows.append(_row(district, source, name.indicator, name.zh, cell.year, kind, cell.value, unit, basis, cell.bound,
                         start, cell.quote, note, 0.85))
    return rows


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
        key = (r["indicator"], named, r["year"], r["kind"], r["price_basis"], r["period_start"], r["status"], period)
        if key not in best or best[key]["confidence"] < r["confidence"]:
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
