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
           "not_achieved": "✗", "insufficient_data": "○", "pending": "◇", "exceeded": "✓", "completed": "✓",
           "basically_completed": "◐", "not_completed": "✗", "within_bound": "✓", "not_entered": "□", "not_assessed": "–"}
UNKNOWN = "–"


def esc(value) -> str:
    return html.escape(str(value))


def status_badge(key: str, lang: str, final: bool = True, trend: str | None = None,
                 data_year: int | None = None) -> str:
    """``<span class="status status-behind">▼ behind schedule</span>`` (the label in the page's language;
    a figure not yet entered with the reading of the latest data beside it)."""
    label = i18n.status_text(key, lang, final, trend, data_year)
    return f'<span class="status status-{esc(key)}">{SYMBOLS.get(key, "")} {esc(label)}</span>'


def _is_unknown(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def cell(value, lang: str) -> tuple[str, str]:
    """(inner HTML, css class) of one table cell."""
    if isinstance(value, Status):
        return status_badge(value.key, lang, value.final, value.trend, value.data_year), "status-cell"
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
    return esc(value), "prose" if isinstance(value, str) and len(value) > PROSE_CHARS else ""


PROSE_CHARS = 24      # a cell of more text than this is a sentence (a remark, the documents needed): given room to read


def answer_first(frame: pd.DataFrame, lead: tuple[str, ...] = (), names: int = 1) -> pd.DataFrame:
    """The judgement beside the name: after the first *names* columns the status column, then the
    *lead* columns (the one number that matters), then the rest in their order."""
    status = [c for c in frame.columns if frame[c].map(lambda v: isinstance(v, Status)).any()][:1]
    first = list(frame.columns[:names])
    front = first + [c for c in status + [c for c in lead if c in frame.columns] if c not in first]
    return frame[list(dict.fromkeys(front + list(frame.columns)))]


CARD_MIN_COLUMNS = 4      # from four columns a row no longer fits a phone's width: cards


def table(frame: pd.DataFrame, lang: str, css_class: str = "report-table", layout: str | None = None,
          lead: tuple[str, ...] = (), names: int = 1) -> str:
    """A table with its answer first: the name, its status, the *lead* columns, then the details.

    *layout* ``"cards"`` (the default for a table with a status or of four columns or more) shows each
    row as a card on a phone: every cell carries its header in ``data-label`` and the stylesheet puts
    the name and the status on the card's first line. ``"grid"`` (a scenario grid, read across and
    down) keeps the table, which scrolls in its own box on a narrow screen.
    """
    if frame is None or frame.empty:
        return ""
    frame = answer_first(frame, lead, names)
    has_status = any(isinstance(v, Status) for col in frame.columns for v in frame[col])
    if layout is None:
        layout = "cards" if has_status or len(frame.columns) >= CARD_MIN_COLUMNS else "plain"
    classes = f"{css_class} {layout}"
    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in frame.columns)
    labels = [esc(c) for c in frame.columns]
    body = []
    for row in frame.itertuples(index=False):
        cells = []
        for i, value in enumerate(row):
            inner, css = cell(value, lang)
            css = " ".join(filter(None, ["name" if i == 0 else "", css]))
            cls = f' class="{css}"' if css else ""
            cells.append(f'<td{cls} data-label="{labels[i]}">{inner}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    # the inline overflow keeps a wide table inside its own box even where the stylesheet lacks .table-scroll
    return (f'<div class="table-scroll" style="overflow-x:auto;max-width:100%"><table class="{esc(classes)}">'
            f'<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>')


def missing_groups(groups: list[tuple[str, list[str]]]) -> str:
    """One line per missing document ("26 targets lack …: needed …"), its targets listed behind it."""
    out = []
    for summary, items in groups:
        listed = "".join(f"<li>{esc(i)}</li>" for i in items)
        out.append(f'<details class="missing-group"><summary>{esc(summary)}</summary><ul>{listed}</ul></details>')
    return "".join(out)


def chart(svg: bytes, alt: str, sizes: dict) -> str:
    """A chart as an SVG image (crisp at any size; its text drawn as paths, so no font is fetched), its
    title as alternative text, its size and text sizes in points as data attributes (for the browser test)."""
    import base64

    width, height = sizes["width_pt"] * 4 / 3, sizes["height_pt"] * 4 / 3       # CSS px
    data = " ".join(f'data-{k.replace("_", "-")}="{v}"' for k, v in sizes.items() if v is not None)
    return (f'<figure class="chart"><img src="data:image/svg+xml;base64,{base64.b64encode(svg).decode("ascii")}" '
            f'alt="{esc(alt)}" width="{width:.0f}" height="{height:.0f}" {data}></figure>')


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


def messages(items: list[tuple[str, list[str]]], note_prefix: str, separator: str, end: str = "") -> str:
    """Findings, each with the caveats that qualify it directly beneath (not at the page foot), the caveats joined
    by *separator* into one sentence closed by *end*."""
    if not items:
        return ""
    out = []
    for message, notes in items:
        body = separator.join(notes).rstrip(end + separator.strip() + " ") if end else separator.join(notes)
        note = f'<p class="caveat-inline">{esc(note_prefix + body + end)}</p>' if notes else ""
        out.append(f"<li>{esc(message)}{note}</li>")
    return '<ul class="messages">' + "".join(out) + "</ul>"


def status_counts(lead: str, counts: list[tuple[str, bool, str]], lang: str) -> str:
    """'27 targets for 2025: ▼ behind schedule 1 · ○ insufficient data 26': (key, final, count text) each."""
    items = "".join(f'<span class="count">{status_badge(key, lang, final)} {esc(n)}</span>' for key, final, n in counts)
    return f'<p class="status-counts">{esc(lead)} {items}</p>'


def header(title: str, subtitle: str, how_to_read: str, counts: str = "") -> str:
    """Title block; the h1 gives the page its title, the date line says how current the data are, and
    *counts* (from :func:`status_counts`) how many targets stand where, before the reading note."""
    return (f'<header class="report-header"><h1 id="report-title">{esc(title)}</h1>'
            f'<p class="as-of">{esc(subtitle)}</p>{counts}'
            f'<p class="how-to-read">{esc(how_to_read)}</p></header>')
