"""Targets with nothing to assess, grouped by the document that would fill them.

One line per missing document ("26 targets lack figures for 2021-2022; needed: …")
instead of one blank table row per target; each group lists its targets and what
each lacks. The progress workbook (``export``) keeps every target as a row.
"""
from __future__ import annotations

from analysis.report import text


def groups(ctx, records: list[dict]) -> list[tuple[str, list[str]]]:
    """[(the group's line, [one line per target])], one group per document span, earliest first."""
    by_span: dict[tuple[int, int], list[dict]] = {}
    for r in records:
        if not text.is_assessed(r) and not text.is_forecast(r):
            by_span.setdefault(text.missing_years(ctx, r), []).append(r)
    out = []
    for (first, last), chosen in sorted(by_span.items()):
        line = ctx.t("missing.group_one" if len(chosen) == 1 else "missing.group", n=len(chosen),
                     years=text.years(ctx, first, last), document=text.document(ctx, first, last))
        items = [ctx.t("missing.item", name=text.record_name(ctx, r), target_year=r["target_year"],
                       target=text.amount(ctx, r["target_value"], r["unit"], r["bound"] or ""),
                       missing=text.missing(ctx, r)) for r in chosen]
        out.append((line, items))
    return out
