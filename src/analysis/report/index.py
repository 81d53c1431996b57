"""reports/index.html: the headline gap table and every report with its status, offline like the reports.

One language per page: the index speaks the run's language (the config's
``defaults.lang``, Chinese unless it says otherwise); every word comes from
``locales/suite.yaml``.
"""
from __future__ import annotations

import html
import json
from pathlib import Path

from analysis.data import write as disk
from analysis.i18n import basis_label, check_lang, district_name, indicator_label, t
from analysis.i18n import amount, number as _fmt
from analysis.report.page import responsive_tables, stylesheet
from analysis.report.text import chance_stated, is_assessed

STATUS_COLORS = {"ok": "#27ae60", "failed": "#c0392b"}
REPORT_STATUSES = ("ok", "failed")          # what the runner records; the index shows them as index.status.*
# The gap table, answer first: who, what, the judgement, then the numbers behind it.
GAP_COLUMNS = ("district", "indicator", "target_year", "status", "cagr_required", "probability", "latest_year",
               "latest_value", "target_value", "cagr_observed", "growth_basis", "gap_pp")
# a growth still needed is no figure once the target's years are over (the pages say what it took)
_PAST_NEEDS = ("cagr_required", "gap_pp")
REPORT_COLUMNS = ("name", "status", "started", "duration", "parameters", "error")
HTML_LANG = {"zh": "zh-CN", "en": "en"}


def ordered_reports(reports: dict) -> list[tuple[str, dict]]:
    """Reports in reading order: failures first, then district by district (in the order the
    config first names them), and within a district in config order (overview, brief, …)."""
    items = list(reports.items())
    districts = list(dict.fromkeys((r.get("parameters") or {}).get("district", "") for _, r in items))
    position = {name: i for i, (name, _) in enumerate(items)}
    return sorted(items, key=lambda kv: (kv[1].get("status") != "failed",
                                         districts.index((kv[1].get("parameters") or {}).get("district", "")),
                                         position[kv[0]]))


def failure_banner(reports: dict, out_dir: Path, lang: str = "zh") -> str:
    """The alert over the index: which reports failed, and, only where one exists, that the last good page is kept."""
    failed = [n for n, r in reports.items() if r.get("status") == "failed"]
    if not failed:
        return ""
    kept = [n for n in failed if reports[n].get("last_success") and reports[n].get("html")
            and (Path(out_dir) / reports[n]["html"]).is_file()]
    names = t("sep.list", lang)
    text = t("index.failed", lang, n=len(failed), names=html.escape(names.join(failed)))
    if kept:
        text += t("index.kept", lang, names=html.escape(names.join(kept)))
    if len(kept) < len(failed):
        text += t("index.none_kept", lang)
    return f'<p class="alert">{text}</p>'


_ALWAYS = ("district", "indicator", "target_year", "status")


def _known(r: dict, key: str) -> bool:
    """Whether the gap table shows something other than '–' for *key* in row *r*: no chance where the pages say
    why none is given, no growth still needed for years already over."""
    if key == "probability" and not chance_stated(r):
        return False
    if key in _PAST_NEEDS and r.get("deadline_passed"):
        return False
    if key == "growth_basis":
        return r.get("cagr_observed") is not None or str(r.get("target_type", "")).startswith("growth")
    value = r.get(key)
    return value is not None and value == value


def _gap_cell(r: dict, key: str, lang: str) -> str:
    from analysis.report.html import status_badge      # pandas: only once there is a row to show

    label = t(f"index.gap.{key}", lang)
    if key == "status":
        badge = status_badge(r["status"], lang, bool(r.get("final")), r.get("trend_status"), r.get("latest_year"))
        if any(isinstance(f, dict) and f.get("code") == "latest_estimate" for f in r.get("flags") or []):
            badge += html.escape(t("index.on_estimate", lang))       # a verdict on a preliminary figure says so
        return f'<td class="status-cell" data-label="{label}">{badge}</td>'
    growth_target = str(r.get("target_type", "")).startswith("growth")       # its figures are rates, not levels
    names = {"district": district_name(r.get("district", ""), lang),
             "indicator": indicator_label(r.get("indicator", ""), r.get("indicator_zh", ""), lang)
             + (t("index.growth_of", lang) if growth_target else ""),
             # the basis of the growth figures in the row: the observed average's, or a growth target's own
             "growth_basis": basis_label(r.get("growth_basis") or "", lang) if r.get("cagr_observed") is not None
             else basis_label(r.get("price_basis") or "", lang) if str(r.get("target_type", "")).startswith("growth")
             else "–"}
    # amounts with their unit and the bound the source gives (at least / at most), as on the pages
    amounts = {"latest_value": r.get("latest_bound") or "", "target_value": r.get("bound") or ""}
    if key in amounts and r.get(key) is not None:
        text = amount(r[key], r.get("unit", ""), lang, amounts[key])
        return f'<td class="num" data-label="{label}">{html.escape(text)}</td>'
    value = names[key] if key in names else r.get(key) if _known(r, key) else None    # (_known: why not)
    css = "name" if key in ("district", "indicator") else ("unknown" if value in (None, "–") else "")
    css = f' class="{css}"' if css else ""
    return f'<td{css} data-label="{label}">{html.escape(_fmt(value))}</td>'


def _report_row(name: str, r: dict, lang: str) -> str:
    status = r.get("status", "–")
    color = STATUS_COLORS.get(status, "#7f8c8d")
    label = html.escape(r.get("title") or name)
    link = f'<a href="{html.escape(r["html"])}">{label}</a>' if r.get("last_success") else label
    link += f'<br><code>{html.escape(name)}</code>'
    word = t(f"index.status.{status}", lang) if status in REPORT_STATUSES else status
    error = html.escape(r.get("error") or "")
    error_css = "" if error else ' class="unknown"'          # an empty error cell is no line on a card
    params = html.escape(json.dumps({k: v for k, v in (r.get("parameters") or {}).items() if k != "data_path"},
                                    ensure_ascii=False))
    label = {k: t(f"index.report.{k}", lang) for k in REPORT_COLUMNS}
    return (f'<tr class="{html.escape(status)}"><td class="name" data-label="{label["name"]}">{link}</td>'
            f'<td class="status-cell" data-label="{label["status"]}"><b style="color:{color}">{html.escape(word)}</b></td>'
            f'<td class="run-detail" data-label="{label["started"]}">{html.escape(r.get("started", "–"))}</td>'
            f'<td class="run-detail" data-label="{label["duration"]}">{_fmt(r.get("duration_s"))}</td>'
            f'<td class="run-detail" data-label="{label["parameters"]}"><code>{params}</code></td>'
            f'<td{error_css} data-label="{label["error"]}">{error}</td></tr>')


def _as_of_line(summary: list[dict], lang: str) -> str:
    """The date the gap table was judged on, and how many of the targets have figures to show."""
    dates = sorted({r.get("assessment_date") for r in summary if r.get("assessment_date")})
    if not dates:
        return ""
    shown = sum(is_assessed(r) for r in summary)
    year, month, day = (int(p) for p in dates[-1].split("-"))
    date = t("fmt.date", lang, year=year, month=month, day=day)
    return f'<p class="how-to-read">{html.escape(t("index.as_of", lang, date=date, m=shown, n=len(summary)))}</p>'


def write_index(out_dir: Path, manifest: dict, summary: list[dict], path: Path | None = None,
                lang: str = "zh") -> Path:
    """Write the index page (headline gap table, every report with its status) into *out_dir*, in *lang*."""
    check_lang(lang)
    shown = [r for r in summary if is_assessed(r)]             # as the pages: a figure inside the plan period
    columns = [k for k in GAP_COLUMNS if k in _ALWAYS or any(_known(r, k) for r in shown)]   # no column of dashes
    gap_rows = "".join("<tr>" + "".join(_gap_cell(r, k, lang) for k in columns) + "</tr>" for r in shown)
    reports = manifest["reports"]
    report_rows, district = [], None
    for name, r in ordered_reports(reports):
        here = (r.get("parameters") or {}).get("district", "")
        if r.get("status", "–") != "failed" and here != district:
            district = here
            shown = district_name(here, lang) if here else "–"
            report_rows.append(f'<tr class="district"><th colspan="6">{html.escape(shown)}</th></tr>')
        report_rows.append(_report_row(name, r, lang))
    title = t("index.title", lang)
    gap_head = "".join(f"<th>{t(f'index.gap.{k}', lang)}</th>" for k in columns)
    report_head = "".join(f"<th>{t(f'index.report.{k}', lang)}</th>" for k in REPORT_COLUMNS)
    footer = t("index.footer", lang, generated=html.escape(manifest.get("generated", "")),
               version=html.escape(manifest.get("version", "")),
               git=html.escape(str(manifest.get("git_revision") or "–")))
    page = f"""<!DOCTYPE html>
<html lang="{HTML_LANG[lang]}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
{stylesheet()}
</style></head><body><main>
<h1 id="report-title">{title}</h1>
{_as_of_line(summary, lang)}
{failure_banner(reports, out_dir, lang)}
<h2>{t("index.heading.gaps", lang)}</h2>
<table class="cards"><thead><tr>{gap_head}</tr></thead><tbody>{gap_rows}</tbody></table>
<h2>{t("index.heading.reports", lang, n=len(reports))}</h2>
<table class="cards"><thead><tr>{report_head}</tr></thead>
<tbody>{''.join(report_rows)}</tbody></table>
<footer>{footer}</footer>
</main></body></html>"""
    path = Path(path or Path(out_dir) / "index.html")
    disk.write_atomic(path, responsive_tables(page))
    return path
