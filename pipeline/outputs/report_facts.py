"""The report's facts and deals: a deals view and a facts view (sources, conflicting partner,
history as a small timeline, links down to the articles), and the charts, made from facts and
deals, never from raw mentions (one 10 GW fact is counted once, however often reported)."""
from __future__ import annotations

import html
from typing import Callable

import matplotlib.pyplot as plt
import pandas as pd

TIMELINE_WIDTH = 120  # pixels
TOP = 15  # bars per chart


def _human(value: float, unit: str) -> str:
    from .report import human  # the report's own format (report.py imports this module)

    return human(value, unit)


def span(value, high, unit: str) -> str:
    """A value, or a range with both ends: '20 bn USD' / '20 bn USD – 25 bn USD'."""
    if value is None or pd.isna(value):
        return ""
    shown = _human(value, unit or "")
    return shown if high is None or pd.isna(high) or high <= value else \
        f"{shown} – {_human(high, unit or '')}"


def timeline(history) -> str:
    """The reports of a fact as dots on a line from its first to its last dated report:
    hollow while hedged, filled once confirmed; each dot's title says who said what when."""
    dated = [h for h in history if h["date"] is not None and not pd.isna(h["date"])]
    if not dated:
        return '<span class="meta">undated</span>'
    first, last = min(h["date"] for h in dated), max(h["date"] for h in dated)
    seconds = (last - first).total_seconds() or 1.0
    dots = []
    for h in dated:
        x = 6 + (TIMELINE_WIDTH - 12) * (h["date"] - first).total_seconds() / seconds
        said = (f"{h['date']:%Y-%m-%d} {h['outlet'] or h['article_id']}: {h['qualifier']} "
                f"{_human(h['value'], h['unit'] or '')}{' (hedged)' if h['hedged'] else ''}")
        dots.append(f'<circle cx="{x:.1f}" cy="7" r="4" stroke="#2a6fb0" '
                    f'fill="{"white" if h["hedged"] else "#2a6fb0"}">'
                    f"<title>{html.escape(said)}</title></circle>")
    dates = f"{first:%Y-%m-%d}" + (f" → {last:%Y-%m-%d}" if last > first else "")
    return (f'<svg class="timeline" width="{TIMELINE_WIDTH}" height="14" role="img">'
            f'<line x1="6" y1="7" x2="{TIMELINE_WIDTH - 6}" y2="7" stroke="#bbb"/>'
            f'{"".join(dots)}</svg> <span class="meta">{dates}</span>')


def _parties(row) -> str:
    return " → ".join(html.escape(p) for p in (row.subject, row.counterparty)
                      if isinstance(p, str)) or "<i>no party named</i>"


def _links(ids, anchors: dict[str, str]) -> str:
    return ", ".join(f'<a href="#{anchors[a]}">{html.escape(a)}</a>' if a in anchors
                     else html.escape(a) for a in ids)


def _state(row, anchors: dict[str, str]) -> str:
    now = html.escape(row.status_now)
    return now if row.status_now_article is None else \
        f"{now} ({_links([row.status_now_article], anchors)})"


def fact_rows(facts: pd.DataFrame, anchors: dict[str, str], anchored: bool = True) -> str:
    """Table rows of facts; the facts table's rows are the anchors that links go to."""
    rows = []
    for f in facts.itertuples():
        rivals = ", ".join(f'<a href="#fact-{html.escape(r)}">{html.escape(r)}</a>'
                           for r in f.conflicts_with)
        cells = [_parties(f), html.escape(f.metric),
                 html.escape(span(f.value_min, f.value_max, f.unit)),
                 html.escape(f.when or ""),
                 html.escape(f.status) + (f" with {rivals}" if rivals else ""),
                 _state(f, anchors), f"{f.n_articles} / {f.n_independent}",
                 timeline(f.history), _links(f.article_ids, anchors)]
        anchor = f' id="fact-{html.escape(f.fact_id)}"' if anchored else ""
        rows.append(f"<tr{anchor}>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return "".join(rows)


def deal_views(deals: pd.DataFrame, facts: pd.DataFrame, anchors: dict[str, str]) -> str:
    """One block per deal: its headline and state, then its facts."""
    by_id = facts.set_index("fact_id", drop=False)
    views = []
    for d in deals.itertuples():
        headline = " · ".join(x for x in (
            span(d.money, d.money_high, d.money_unit), span(d.power, d.power_high, "W"),
            span(d.chips, d.chips_high, "chips")) if x)
        dates = " → ".join(dict.fromkeys(f"{t:%Y-%m-%d}" for t in (d.first_seen, d.last_seen)
                                         if t is not None and not pd.isna(t)))
        summary = " · ".join(x for x in (
            _parties(d), html.escape(d.relation or ""), html.escape(headline),
            html.escape(dates), html.escape(d.status), _state(d, anchors),
            f"{d.n_articles} articles") if x)
        views.append(f'<details class="deal"><summary>{summary}</summary><table>'
                     f"<thead>{FACT_HEAD}</thead><tbody>"
                     f"{fact_rows(by_id.loc[list(d.fact_ids)], anchors, anchored=False)}"
                     "</tbody></table></details>")
    return "".join(views)


FACT_HEAD = ("<tr><th>parties</th><th>metric</th><th>value (lowest – highest reported)</th>"
             "<th>when</th><th>status</th><th>now</th><th>articles / independent</th>"
             "<th>history</th><th>sources</th></tr>")


def charts(facts: pd.DataFrame, deals: pd.DataFrame, save: Callable) -> None:
    """Deals by headline money and power (a range's high end as a lighter bar), and facts by
    month first reported."""
    for column, scale, label, name in (("money", 1e9, "USD bn", "money_by_deal.png"),
                                       ("power", 1e9, "GW", "power_by_deal.png")):
        fig, ax = plt.subplots(figsize=(7, 4))
        chosen = _in_usd(deals) if column == "money" else deals
        chosen = chosen.dropna(subset=[column]).nlargest(TOP, column).iloc[::-1]
        if len(chosen):
            names = [f"{d.subject} → {d.counterparty}" for d in chosen.itertuples()]
            low = chosen[column] / scale
            high = chosen[f"{column}_high"].fillna(chosen[column]) / scale
            ax.barh(names, low, color="#2a6fb0", label="headline value")
            ax.barh(names, high - low, left=low, color="#9cc3e6", label="range, high end")
            ax.set_xlabel(f"{label}, one bar per deal")
            ax.legend(loc="lower right", fontsize="small")
        else:
            ax.text(0.5, 0.5, f"no deals with {column}", ha="center", va="center")
        ax.set_title(f"Largest deals by {column}")
        save(fig, name)
    fig, ax = plt.subplots(figsize=(7, 4))
    dated = facts.dropna(subset=["first_seen"]) if len(facts) else facts
    if len(dated):
        month = dated.first_seen.dt.tz_convert(None).dt.to_period("M").astype(str)
        dated.assign(month=month).pivot_table(index="month", columns="status", values="fact_id",
                                              aggfunc="count", fill_value=0).plot.bar(
            stacked=True, ax=ax)
        ax.set_ylabel("facts first reported")
    else:
        ax.text(0.5, 0.5, "no publication dates known", ha="center", va="center")
    ax.set_title("Facts by month first reported")
    save(fig, "facts_over_time.png")


def _in_usd(deals: pd.DataFrame) -> pd.DataFrame:
    """Deals with their headline money in US dollars (value_usd, else money stated in USD)."""
    usd = deals.money_usd.where(deals.money_usd.notna(),
                                deals.money.where(deals.money_unit == "USD"))
    ratio = (usd / deals.money).where(deals.money.notna())
    return deals.assign(money=usd, money_high=deals.money_high * ratio)
