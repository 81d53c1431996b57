"""HTML fragments: escaped text, tables in their own scroll box, statuses as symbol + label.

Every fragment is a string; nothing here computes or chooses words (those
come in already written, from ``text`` and ``tables``).
"""
from __future__ import annotations

import html
import math

import pandas as pd

from analysis import i18n
from analysis.report.tables import Quantity, Status

# A text symbol beside each status label: it survives printing in black and white.
SYMBOLS = {"achieved": "✓", "ahead": "▲", "on_track": "●", "behind": "▼", "off_track": "✗", "breached": "✗",
           "not_achieved": "✗", "insufficient_data": "○", "pending": "◇"}
UNKNOWN = "–"


def esc(value) -> str:
    return html.escape(str(value))


def status_badge(key: str, lang: str, final: bool = True) -> str:
    """``<span class="status status-behind">▼ behind schedule</span>`` (the label in the page's language)."""
    label = i18n.status_label(key, lang, final)
    return f'<span class="status status-{esc(key)}">{SYMBOLS.get(key, "")} {esc(label)}</span>'


def _is_unknown(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def cell(value, lang: str) -> tuple[str, str]:
    """(inner HTML, css class) of one table cell."""
    if isinstance(value, Status):
        return status_badge(value.key, lang, value.final), "status-cell"
    if isinstance(value, Quantity):
        body = esc(value.text(lang))
        if value.mark == "met":
            return f'<span class="scenario-met">{SYMBOLS["achieved"]} {body}</span>', "num met"
        return body, "num"
    if _is_unknown(value):
        return UNKNOWN, "unknown"
    if isinstance(value, bool):
        return esc(value), ""
    if isinstance(value, int):
        return esc(value), "num"
    if isinstance(value, float):
        return esc(i18n.number(value, 1)), "num"
    return esc(value), ""


def table(frame: pd.DataFrame, lang: str, css_class: str = "report-table") -> str:
    """A table in a box that scrolls sideways on a narrow screen; every cell escaped."""
    if frame is None or frame.empty:
        return ""
    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in frame.columns)
    body = []
    for row in frame.itertuples(index=False):
        cells = []
        for value in row:
            inner, css = cell(value, lang)
            cells.append(f'<td class="{css}">{inner}</td>' if css else f"<td>{inner}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    # the inline overflow keeps a wide table inside its own box even where the stylesheet lacks .table-scroll
    return (f'<div class="table-scroll" style="overflow-x:auto;max-width:100%"><table class="{esc(css_class)}"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div>')


def heading(text: str, level: int = 2) -> str:
    return f"<h{level}>{esc(text)}</h{level}>"


def paragraph(text: str, css_class: str = "") -> str:
    if not text:
        return ""
    return f'<p class="{esc(css_class)}">{esc(text)}</p>' if css_class else f"<p>{esc(text)}</p>"


def bullet_list(items: list[str], css_class: str = "caveats") -> str:
    items = [i for i in items if i]
    if not items:
        return ""
    return f'<ul class="{esc(css_class)}">' + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>"


def messages(items: list[tuple[str, list[str]]], note_prefix: str, separator: str) -> str:
    """Findings, each with the caveats that qualify it directly beneath (not at the page foot)."""
    if not items:
        return ""
    out = []
    for message, notes in items:
        note = f'<p class="caveat-inline">{esc(note_prefix + separator.join(notes))}</p>' if notes else ""
        out.append(f"<li>{esc(message)}{note}</li>")
    return '<ul class="messages">' + "".join(out) + "</ul>"


def header(title: str, subtitle: str, how_to_read: str) -> str:
    """Title block; the h1 gives the page its title, the date line says how current the data are."""
    return (f'<header class="report-header"><h1 id="report-title">{esc(title)}</h1>'
            f'<p class="as-of">{esc(subtitle)}</p>'
            f'<p class="how-to-read">{esc(how_to_read)}</p></header>')
