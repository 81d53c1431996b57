"""The rules of the indicator table, as problems: one line per broken rule.

Each line names file, row (the file's line number; the header is row 1),
column, the value, and what would be accepted. Checked in three passes:
cells one by one (pandera, vectorised), rules across rows, and quotes
against their value and their source document. A pass runs only when the
one before found nothing, so a typo does not cascade into many lines.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pandas as pd

from analysis.data.schema import (
    AMOUNT_KINDS,
    BOUNDS,
    COLUMNS,
    FREE_TEXT,
    GROWTH_KINDS,
    INDICATOR_ID,
    KEY,
    KEY_TEXT,
    KINDS,
    MAX_INDICATOR_CHARS,
    NUMBER,
    NUMBER_FORMS,
    PERCENT_KINDS,
    PRICE_BASES,
    QUALIFIERS,
    REQUIRED_TEXT,
    YEAR_RANGE,
    accepted,
    lookalike_problem,
    looks_like_formula,
    parse_number,
    parse_year,
    place_name_problem,
)
from analysis.data.quotes import value_in_quote
from analysis.data.tableio import invisible_characters, visible
from analysis.exceptions import DataFileError


def normalize_keys(frame: pd.DataFrame) -> pd.DataFrame:
    """*frame* with the key text columns in Unicode NFC (composed) form."""
    frame = frame.copy()
    for column in KEY_TEXT:
        if column in frame:
            values = frame[column]
            changes = {v: unicodedata.normalize("NFC", v) for v in pd.unique(values)
                       if not unicodedata.is_normalized("NFC", v)}
            if changes:
                frame[column] = values.replace(changes)
    return frame


def name_problems(frame: pd.DataFrame, name: str) -> list[str]:
    """Names as written (before NFC): no look-alike characters in key text, district names usable in
    file names, indicator ids of at most :data:`MAX_INDICATOR_CHARS` characters."""
    problems = []
    for column in KEY_TEXT:
        if column not in frame:
            continue
        for value in pd.unique(frame[column]):
            if invisible_characters(value) or looks_like_formula(value):
                continue                # text_problems says what is wrong with these
            why = place_name_problem(value) if column == "district" and value else lookalike_problem(value)
            if column == "indicator" and not why and len(value) > MAX_INDICATOR_CHARS:
                why = f"is longer than {MAX_INDICATOR_CHARS} characters (report file names hold it); shorten it"
            if why:
                line = int(frame.index[frame[column] == value][0])
                problems.append(f"{name} row {line}, column '{column}': '{visible(value)}' {why}")
    return problems


def _each(test):
    """A vectorised pandera check function from a per-value *test*, evaluated once per distinct value."""
    def check(values: pd.Series) -> pd.Series:
        return values.map({v: bool(test(v)) for v in pd.unique(values)})
    return check


def _cell_schema():
    """pandera column checks on the raw strings, vectorised; each error text says what is accepted."""
    import pandera.pandas as pa

    year_text = f"is not a year between {YEAR_RANGE[0]} and {YEAR_RANGE[1]}"
    columns = {name: pa.Column(str, nullable=False) for name in COLUMNS}
    for name in REQUIRED_TEXT:
        columns[name] = pa.Column(str, pa.Check(lambda s: s != "", error=f"is empty; a {name} is required"))
    columns["indicator"] = pa.Column(str, [
        pa.Check(lambda s: s != "", error="is empty; an indicator id is required"),
        pa.Check(_each(lambda v: v == "" or INDICATOR_ID.fullmatch(v)),
                 error="is not a snake_case id; accepted: lower-case letters, digits and _, starting with a letter"),
    ])
    columns["year"] = pa.Column(str, pa.Check(_each(lambda v: parse_year(v) is not None), error=year_text))
    columns["period_start"] = pa.Column(str, pa.Check(_each(lambda v: v == "" or parse_year(v) is not None),
                                                      error=year_text + " (or empty)"))
    columns["value"] = pa.Column(str, pa.Check(_each(NUMBER.fullmatch),
                                               error="is not a number in an accepted form; " + NUMBER_FORMS))
    for name, vocabulary, what in (("kind", KINDS, "a kind"), ("price_basis", PRICE_BASES, "a price basis"),
                                   ("bound", BOUNDS, "a bound"), ("qualifier", QUALIFIERS, "a qualifier")):
        columns[name] = pa.Column(str, pa.Check.isin(list(vocabulary), error=f"is not {what}; accepted: "
                                                                              f"{accepted(vocabulary)}"))
    return pa.DataFrameSchema(columns, strict=True, ordered=False)


def cell_problems(frame: pd.DataFrame, name: str) -> list[str]:
    """Cell checks (pandera); *frame* is indexed by line number and has exactly :data:`COLUMNS`."""
    import pandera.errors

    try:
        _cell_schema().validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as errors:
        return [f"{name} row {int(case.index)}, column '{case.column}': '{visible(str(case.failure_case))}' "
                f"{case.check}"
                for case in errors.failure_cases.itertuples()
                if case.index is not None and not pd.isna(case.index)]
    return []


def text_problems(frame: pd.DataFrame, name: str) -> list[str]:
    """Invisible characters in key text cells; spreadsheet formulas in free text cells."""
    problems = []
    for column in KEY_TEXT:
        bad = {v: invisible_characters(v) for v in pd.unique(frame[column])}
        bad = {v: chars for v, chars in bad.items() if chars}
        for line, value in frame.loc[frame[column].isin(list(bad)), column].items():
            problems.append(f"{name} row {line}, column '{column}': '{visible(value)}' contains an invisible or "
                            f"control character ({', '.join(bad[value])}); delete it (retype the cell)")
    lines = frame.index.tolist()
    for column in FREE_TEXT:
        for line, value in zip(lines, frame[column].tolist()):
            if value[:1] in "=+-@" and looks_like_formula(value):
                problems.append(f"{name} row {line}, column '{column}': '{visible(value)}' starts with "
                                f"'{value[0]}', which a spreadsheet runs as a formula; reword it so that it "
                                "starts with a letter or digit")
    return problems


def row_problems(frame: pd.DataFrame, name: str) -> list[str]:
    """Rules across cells and rows; only run on rows whose cells are individually valid."""
    problems = []
    rows = frame.assign(row_no=frame.index, num=frame["value"].map(parse_number))
    bad = rows[rows["kind"].isin(AMOUNT_KINDS) & (rows["num"] < 0)]
    problems += [f"{name} row {r.row_no}, column 'value': '{r.value}' is negative; "
                 f"a {r.kind} is an amount or count and must be 0 or more" for r in bad.itertuples()]
    bad = rows[~rows["kind"].str.startswith("target_") & (rows["qualifier"] != "")]
    problems += [f"{name} row {r.row_no}, column 'qualifier': '{r.qualifier}' is set on a {r.kind} row; a qualifier "
                 "says how a target is meant: leave it empty here, or set it on a target_level/target_growth row"
                 for r in bad.itertuples()]
    bad = rows[rows["kind"].isin(PERCENT_KINDS) & (rows["unit"] != "%")]
    problems += [f"{name} row {r.row_no}, column 'unit': '{r.unit}' is not a unit for a {r.kind}; accepted: %"
                 for r in bad.itertuples()]
    # a period: period_start is the first year a figure covers, for every kind (an average over
    # period_start..year, measured from period_start − 1; a total; a bound held each year); an average
    # covers at least two years (period_start < year), a total or bound at least one; a level or share has none
    start = rows["period_start"].map(lambda v: int(v) if v else None)
    has_start = start.notna()
    bad = rows[has_start & rows["kind"].isin(["level", "share"])]
    problems += [f"{name} row {r.row_no}, column 'period_start': '{r.period_start}' is set for a {r.kind}, which is a "
                 "value at the end of one year; leave it empty (a total over years is a cumulative row)"
                 for r in bad.itertuples()]
    year = rows["year"].astype(int)
    late = has_start & ~rows["kind"].isin(["level", "share"]) & (
        (rows["kind"].isin(GROWTH_KINDS) & (start.fillna(0) >= year)) | (start.fillna(0) > year))
    problems += [f"{name} row {r.row_no}, column 'period_start': '{r.period_start}' is not before year {r.year}; "
                 + ("an average growth covers period_start..year (2021–2025: period_start 2021); a one-year "
                    "growth has no period_start" if r.kind in GROWTH_KINDS else "a period cannot start after its year")
                 for r in rows[late].itertuples()]
    bad = rows[rows["kind"].isin(GROWTH_KINDS) & (rows["price_basis"] == "")]
    problems += [f"{name} row {r.row_no}, column 'price_basis': '' is empty for a {r.kind}; "
                 "accepted: current (nominal) or comparable (real)" for r in bad.itertuples()]

    def differing(subset: pd.DataFrame, column: str) -> pd.DataFrame:
        first = subset.groupby("indicator", sort=False)[[column, "row_no"]].transform("first")
        return subset.assign(first=first[column], first_row=first["row_no"])[subset[column] != first[column]]

    for r in differing(rows[rows["kind"].isin(AMOUNT_KINDS)], "unit").itertuples():
        problems.append(f"{name} row {r.row_no}, column 'unit': '{r.unit}' differs from '{r.first}' "
                        f"in row {r.first_row} for indicator '{r.indicator}'; one indicator uses one unit")
    for r in differing(rows, "indicator_zh").itertuples():
        problems.append(f"{name} row {r.row_no}, column 'indicator_zh': '{r.indicator_zh}' differs from "
                        f"'{r.first}' in row {r.first_row} for indicator '{r.indicator}'; "
                        "use one Chinese name per indicator (put wording variants in note)")
    repeated = rows[rows.duplicated(KEY, keep=False)]
    if not repeated.empty:
        first = repeated.groupby(KEY, sort=False)[["num", "value", "row_no"]].transform("first")
        later = repeated.assign(first_num=first["num"], first_value=first["value"], first_row=first["row_no"])
        for r in later[later["row_no"] != later["first_row"]].itertuples():
            if r.num != r.first_num:
                key = ", ".join(str(getattr(r, k)) for k in KEY[:5])
                problems.append(f"{name} row {r.row_no}, column 'value': '{r.value}' conflicts with "
                                f"'{r.first_value}' in row {r.first_row} for the same ({key}); keep one of the two rows")
            else:
                problems.append(f"{name} row {r.row_no}: repeats row {r.first_row}; delete one of the two")
    return problems


def period_start_problems(frame: pd.DataFrame, plans, name: str) -> list[str]:
    """Averages written with the base year as period_start (the reading before issue 20): period_start is
    the first year an average covers, so a growth or target_growth whose period_start is the base year of
    the plan (``plans.csv``) its year falls in would silently count one year too many. One line each, with
    the year to write."""
    rows = frame[frame["kind"].isin(GROWTH_KINDS) & frame["period_start"].ne("")]
    problems = []
    for line, kind, start, year in zip(rows.index, rows["kind"], rows["period_start"], rows["year"]):
        start, year = int(start), int(year)
        plan = next((p for p in plans if p.base_year == start and p.first_year <= year <= p.last_year), None)
        if plan is not None:
            problems.append(f"{name} row {line}, column 'period_start': '{start}' is the base year of the "
                            f"{plan.name_en} (plans.csv), but period_start is the first year a {kind} average "
                            f"covers: write {plan.first_year} for an average over {plan.first_year}–{year} "
                            f"(measured from {start})")
    return problems


def quote_problems(frame: pd.DataFrame, name: str, skip=frozenset()) -> list[str]:
    """Each value must be shown by its quote (:func:`analysis.data.quotes.value_in_quote`); rows in *skip* are not checked."""
    problems = []
    columns = (frame.index, frame["value"], frame["unit"], frame["kind"], frame["quote"])
    for line, value, unit, kind, quote in zip(*(c.tolist() for c in columns)):
        if line in skip:
            continue
        reason = value_in_quote(float(value), unit, kind, quote)
        if reason == "absent":
            problems.append(f"{name} row {line}, column 'value': '{value}' is not in its quote '{visible(quote)}'; "
                            "the quote must show the figure as printed (620.5), with thousands separators "
                            "(18,830), after 下降 for a negative value, scaled to the unit by 万/亿 (6 万人: 6万人) "
                            "or as a Chinese numeral (1000 亿元: 千亿元); correct the value or the quote")
        elif reason == "unit":
            problems.append(f"{name} row {line}, column 'value': '{value}' appears in its quote '{visible(quote)}' "
                            f"only as another quantity (a percentage, or beside a unit other than '{unit}'); "
                            "the quote must print the figure with its unit: correct the value, unit or quote")
        elif reason == "sign":
            problems.append(f"{name} row {line}, column 'value': '{value}' is positive but its quote "
                            f"'{visible(quote)}' prints it as a decline; a decline is negative: write -{value}")
    return problems


def source_problems(frame: pd.DataFrame, name: str, sources_dir: Path) -> list[str]:
    """Quotes must be verbatim in their normalised source (checked when the sources are present)."""
    problems, texts, verbatim = [], {}, {}
    for line, source, quote in zip(frame.index.tolist(), frame["source"].tolist(), frame["quote"].tolist()):
        if source not in texts:
            path = sources_dir / source
            plain = source == Path(source).name and not source.startswith(".")    # a name, never a path
            texts[source] = _source_text(path) if plain and path.is_file() else None
        text = texts[source]
        if text is None:
            problems.append(f"{name} row {line}, column 'source': '{visible(source)}' is not a file in {sources_dir}; "
                            "accepted: a normalised document name (see `python -m analysis normalize`)")
            continue
        if (source, quote) not in verbatim:
            verbatim[source, quote] = quote in text
        if not verbatim[source, quote]:
            problems.append(f"{name} row {line}, column 'quote': '{visible(quote[:30])}…' is not verbatim in {source}; "
                            "copy the sentence from the normalised source")
    return problems


def _source_text(path: Path) -> str | None:
    from analysis.data.files import MAX_DOCUMENT_BYTES, read_limited

    try:
        return read_limited(path, 4 * MAX_DOCUMENT_BYTES, "normalised document").decode("utf-8", errors="replace")
    except DataFileError:
        return None


def table_problems(frame: pd.DataFrame, name: str, sources_dir: Path | None) -> list[str]:
    """Every problem of an indicator table with exactly :data:`COLUMNS` (cells, rows, quotes, sources)."""
    problems = cell_problems(frame, name) + text_problems(frame, name)
    if problems:
        return problems
    problems = row_problems(frame, name)
    # one line per cell: a value row_problems refuses (a negative amount, a second row of a key) is not checked again
    negative = frame["kind"].isin(AMOUNT_KINDS) & (frame["value"].map(parse_number) < 0)
    amounts = frame[frame["kind"].isin(AMOUNT_KINDS)]
    first_unit = amounts.groupby("indicator", sort=False)["unit"].transform("first")
    other_unit = frame.index.isin(amounts.index[amounts["unit"] != first_unit])     # refused for its unit already
    reported = set(frame.index[negative | frame.duplicated(KEY, keep="first") | other_unit])
    problems += quote_problems(frame, name, skip=reported)
    if sources_dir is not None and Path(sources_dir).is_dir():
        from analysis.data.files import irregular_entries

        # every document there is read by the runner (its validation key): none may be a pipe or a device
        problems += irregular_entries(sources_dir) + source_problems(frame, name, Path(sources_dir))
    return problems
