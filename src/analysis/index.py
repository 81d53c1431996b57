"""reports/index.html: the headline gap table and every report with its status, offline like the reports."""
from __future__ import annotations

import html
import json
from pathlib import Path

from analysis.i18n import number as _fmt
from analysis.render import responsive_tables, stylesheet, write_atomic

STATUS_COLORS = {"ok": "#27ae60", "failed": "#c0392b"}


def ordered_reports(reports: dict) -> list[tuple[str, dict]]:
    """Reports in reading order: failures first, then district by district (in the order the
    config first names them), and within a district in config order (overview, brief, …)."""
    items = list(reports.items())
    districts = list(dict.fromkeys((r.get("parameters") or {}).get("district", "") for _, r in items))
    position = {name: i for i, (name, _) in enumerate(items)}
    return sorted(items, key=lambda kv: (kv[1].get("status") != "failed",
                                         districts.index((kv[1].get("parameters") or {}).get("district", "")),
                                         position[kv[0]]))


def failure_banner(reports: dict, out_dir: Path) -> str:
    """The alert over the index: which reports failed, and, only where one exists, that the last good page is kept."""
    failed = [n for n, r in reports.items() if r.get("status") == "failed"]
    if not failed:
        return ""
    kept = [n for n in failed if reports[n].get("last_success") and reports[n].get("html")
            and (Path(out_dir) / reports[n]["html"]).is_file()]
    text = f"{len(failed)} 份报告生成失败 / report(s) failed: {html.escape(', '.join(failed))}。"
    if kept:
        text += (f"上次成功生成的版本仍保留 / the last good version is kept: {html.escape(', '.join(kept))}。")
    if len(kept) < len(failed):
        text += "其余报告尚无成功生成的版本 / the others have no earlier good version."
    return f'<p class="alert">{text}</p>'


# The gap table, answer first: who, what, the judgement, then the numbers behind it.
GAP_COLUMNS = [("district", "区"), ("indicator_zh", "指标"), ("status", "判断"), ("cagr_required", "所需增速%"),
               ("probability", "达成概率%"), ("latest_year", "最新年"), ("latest_value", "最新值"),
               ("target_value", "目标"), ("cagr_observed", "实际增速%"), ("gap_pp", "差距pp")]


def _gap_cell(record: dict, key: str, label: str) -> str:
    from analysis.report.html import status_badge

    if key == "status":
        return f'<td class="status-cell" data-label="{label}">{status_badge(record["status"], "zh", bool(record.get("final")))}</td>'
    css = "name" if key in ("district", "indicator_zh") else ("unknown" if record.get(key) is None else "")
    css = f' class="{css}"' if css else ""
    return f'<td{css} data-label="{label}">{html.escape(_fmt(record.get(key)))}</td>'


def write_index(out_dir: Path, manifest: dict, summary: list[dict], path: Path | None = None) -> Path:
    """Write the index page (headline gap table, every report with its status) into *out_dir*."""
    rows = [r for r in summary if r.get("latest_year") is not None]
    gap_rows = "".join("<tr>" + "".join(_gap_cell(r, k, label) for k, label in GAP_COLUMNS) + "</tr>" for r in rows)
    gap_head = "".join(f"<th>{label}</th>" for _, label in GAP_COLUMNS)
    reports = manifest["reports"]
    report_rows, district = [], None
    for name, r in ordered_reports(reports):
        status = r.get("status", "–")
        here = (r.get("parameters") or {}).get("district", "")
        if status != "failed" and here != district:
            district = here
            report_rows.append(f'<tr class="district"><th colspan="6">{html.escape(here or "–")}</th></tr>')
        color = STATUS_COLORS.get(status, "#7f8c8d")
        label = html.escape(r.get("title") or name)
        link = f'<a href="{html.escape(r["html"])}">{label}</a>' if r.get("last_success") else label
        link += f'<br><code>{html.escape(name)}</code>'
        error = html.escape(r.get("error") or "")
        params = html.escape(json.dumps({k: v for k, v in (r.get("parameters") or {}).items() if k != "data_path"},
                                        ensure_ascii=False))
        report_rows.append(
            f'<tr class="{html.escape(status)}"><td class="name" data-label="名称 name">{link}</td>'
            f'<td class="status-cell" data-label="状态 status"><b style="color:{color}">{html.escape(status)}</b></td>'
            f'<td data-label="开始 started (UTC)">{html.escape(r.get("started", "–"))}</td>'
            f'<td data-label="秒 s">{_fmt(r.get("duration_s"))}</td>'
            f'<td data-label="参数 parameters"><code>{params}</code></td><td data-label="错误 error">{error}</td></tr>')
    alert = failure_banner(reports, out_dir)
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>规划目标进度报告 · Plan progress reports</title>
<style>
{stylesheet()}
</style></head><body><main>
<h1 id="report-title">规划目标进度报告 · Plan progress reports</h1>
{alert}
<h2>目标差距 · Gaps to targets</h2>
<table class="cards"><thead><tr>{gap_head}</tr></thead><tbody>{gap_rows}</tbody></table>
<h2>报告 · Reports ({len(reports)})</h2>
<table class="cards"><thead><tr><th>名称 name</th><th>状态 status</th><th>开始 started (UTC)</th><th>秒 s</th><th>参数 parameters</th><th>错误 error</th></tr></thead>
<tbody>{''.join(report_rows)}</tbody></table>
<footer>生成 generated {html.escape(manifest.get('generated', ''))} · analysis {html.escape(manifest.get('version', ''))}
· git {html.escape(str(manifest.get('git_revision') or '–'))} · manifest.json · summary.json</footer>
</main></body></html>"""
    path = Path(path or Path(out_dir) / "index.html")
    write_atomic(path, responsive_tables(page))
    return path
