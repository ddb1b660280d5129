"""`make report`: outputs/report.html (one self-contained page: no network, works from file://)
and outputs/figures/*.png, from the Parquet outputs of a run."""
from __future__ import annotations

import html
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no screen
# Labels are organisation names from the input: "Acme$\frac$" is a name, not TeX to typeset.
matplotlib.rcParams["text.parse_math"] = False
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from spacy import displacy  # noqa: E402

from ..core import read_articles, read_claims, read_deals, read_facts  # noqa: E402
from .parquet import write_atomic  # noqa: E402
from .report_facts import FACT_HEAD, deal_views, fact_rows, span  # noqa: E402
from .report_facts import charts as facts_charts  # noqa: E402

REPORT_FILE = "report.html"
FIGURES_DIR = "figures"
METRIC_COLOURS = {"money": "#9be7a0", "power": "#ffd37a", "energy": "#ffb38a", "chips": "#9cc8ff",
                  "count": "#d8c4ff", "stake": "#ff9fb6", "percent": "#c9e3e3"}
UNIT_SCALES = [(1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k")]
PHYSICAL_PREFIXES = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]


def human(value: float, unit: str) -> str:
    """5e9, 'W' -> '5 GW'; 4e9, 'USD' -> '4 bn USD'; 12, 'agreements' -> '12 agreements'."""
    if unit in ("W", "Wh"):
        scale, prefix = next(((s, p) for s, p in PHYSICAL_PREFIXES if value >= s), (1, ""))
        return f"{value / scale:,.4g} {prefix}{unit}"
    if unit == "percent":
        return f"{value:,.4g}%"
    scale, word = next(((s, w) for s, w in UNIT_SCALES if value >= s), (1, ""))
    return f"{value / scale:,.4g}{' ' + word if word else ''} {unit or ''}".strip()


def highlighted_sentence(row) -> str:
    """The claim's sentence with its figure marked."""
    sentence, surface = row.sentence, row.surface
    at = sentence.find(surface)
    if at < 0:
        return html.escape(sentence)
    return (html.escape(sentence[:at]) + f"<mark>{html.escape(surface)}</mark>"
            + html.escape(sentence[at + len(surface):]))


def article_view(article, claims: pd.DataFrame) -> str:
    """The article text with every claim highlighted (spaCy's displacy, entity style)."""
    ents = [{"start": int(c.char_start), "end": int(c.char_end), "label": c.metric.upper()}
            for c in claims.sort_values("char_start").itertuples()]
    colours = {m.upper(): c for m, c in METRIC_COLOURS.items()}
    return displacy.render({"text": article.text, "ents": ents, "title": None}, style="ent",
                           manual=True, page=False, options={"colors": colours})


def plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Missing values as None, so that cells read as plain Python values."""
    return frame.astype(object).where(frame.notna(), None)


def build_html(claims: pd.DataFrame, articles: pd.DataFrame, facts: pd.DataFrame,
               deals: pd.DataFrame) -> str:
    claims, articles, facts, deals = plain(claims), plain(articles), plain(facts), plain(deals)
    status_of = dict(zip(facts.fact_id, facts.status)) if len(facts) else {}
    anchors = {a: f"article-{i}" for i, a in enumerate(articles.article_id)}
    rows = []
    for c in claims.itertuples():
        org = " / ".join(x for x in (c.subject, c.counterparty) if isinstance(x, str))
        fact = status_of.get(c.fact_id, "")
        cells = [
            f'<a href="#{anchors[c.article_id]}">{html.escape(c.article_id)}</a>',
            html.escape(c.metric), html.escape(span(c.value, c.value_high, c.unit)),
            html.escape(c.qualifier), html.escape(org), html.escape(str(c.when or "")),
            "yes" if c.hedged else "no",
            f'<a href="#fact-{html.escape(c.fact_id)}">{html.escape(fact)}</a>' if fact else "",
            highlighted_sentence(c),
        ]
        data = {"metric": c.metric, "org": org.lower(), "hedged": "yes" if c.hedged else "no",
                "fact": fact or "none", "value": float(c.value)}
        attrs = " ".join(f'data-{k}="{html.escape(str(v))}"' for k, v in data.items())
        rows.append(f"<tr {attrs}>" + "".join(f"<td>{x}</td>" for x in cells) + "</tr>")
    by_article = {a: g for a, g in claims.groupby("article_id")}
    views = []
    for a in articles.itertuples():
        if a.article_id in by_article:
            title = html.escape(a.title or a.article_id)
            meta = " · ".join(html.escape(str(x)) for x in (a.article_id, a.outlet, a.published_at)
                              if x is not None)
            views.append(f'<section class="article" id="{anchors[a.article_id]}"><h3>{title}</h3>'
                         f'<p class="meta">{meta} · <a href="#top">back to the table</a></p>'
                         f"{article_view(a, by_article[a.article_id])}</section>")
    quiet = articles[(articles.status != "ok") | (articles.n_claims == 0)]
    skipped = "".join(
        f"<tr><td>{html.escape(a.article_id)}</td><td>{html.escape(a.status)}</td>"
        f"<td>{html.escape(a.reason or 'no figure found')}</td></tr>" for a in quiet.itertuples())
    metrics = sorted(claims.metric.unique())
    options = "".join(f'<option value="{m}">{m}</option>' for m in metrics)
    summary = (f"{len(articles)} inputs, {int((articles.status == 'ok').sum())} read, "
               f"{len(claims)} claims, {len(facts)} facts, {len(deals)} deals")
    return PAGE.format(summary=html.escape(summary), options=options, rows="".join(rows),
                       views="".join(views), skipped=skipped, n_quiet=len(quiet),
                       deals=deal_views(deals, facts, anchors), fact_head=FACT_HEAD,
                       facts=fact_rows(facts, anchors))


def charts(facts: pd.DataFrame, deals: pd.DataFrame, folder: Path) -> list[Path]:
    """The first charts a researcher wants, as PNG files: of facts and deals, never of raw
    mentions (report_facts.charts)."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []

    def save(fig, name):
        path = folder / name
        fig.tight_layout()
        fig.savefig(path, dpi=110)
        plt.close(fig)
        made.append(path)

    facts_charts(facts, deals, save)
    return made


def write_report(out: Path) -> tuple[Path, list[Path]]:
    claims, articles = read_claims(out), read_articles(out)
    facts, deals = read_facts(out), read_deals(out)
    page = out / REPORT_FILE
    write_atomic(page, build_html(claims, articles, facts, deals))
    return page, charts(facts, deals, out / FIGURES_DIR)


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Claims report</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1.5em; color: #222; }}
table {{ border-collapse: collapse; width: 100%; font-size: 0.88em; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 4px 6px; text-align: left; vertical-align: top; }}
th {{ background: #f3f3f3; cursor: pointer; position: sticky; top: 0; }}
mark {{ background: #ffe58a; padding: 0 2px; }}
.filters {{ margin: 1em 0; display: flex; gap: 1em; flex-wrap: wrap; }}
.article {{ border-top: 2px solid #ccc; margin-top: 2em; }}
.meta {{ color: #666; font-size: 0.85em; }}
details.deal {{ margin: 0.3em 0; }}
details.deal summary {{ cursor: pointer; }}
svg.timeline {{ vertical-align: middle; }}
</style></head>
<body id="top">
<h1>Claims report</h1>
<p id="summary">{summary}. <a href="#quiet">Inputs without claims: {n_quiet}</a>.</p>
<div class="filters">
 <label>metric <select id="f-metric"><option value="">any</option>{options}</select></label>
 <label>organisation <input id="f-org" type="search" placeholder="e.g. Amazon"></label>
 <label>hedged <select id="f-hedged"><option value="">any</option><option>yes</option>
  <option>no</option></select></label>
 <label>fact <select id="f-fact"><option value="">any</option><option>corroborated</option>
  <option>single_source</option><option>conflicting</option><option>none</option></select></label>
 <span id="shown"></span>
 <button id="csv" type="button">Download the rows shown (CSV)</button>
</div>
<table id="claims"><thead><tr><th>article</th><th>metric</th><th data-sort="value">value</th>
<th>qualifier</th><th>subject / counterparty</th><th>when</th><th>hedged</th><th>fact</th>
<th>sentence</th></tr></thead><tbody>{rows}</tbody></table>
<h2 id="deals">Deals</h2>
<p class="meta">Each deal: its parties, headline figures (ranges with both ends), dates, status
and state now; open one for its facts, their history (dots: hollow while hedged, filled once
confirmed) and their sources.</p>
{deals}
<h2 id="facts">Facts</h2>
<table id="facts-table"><thead>{fact_head}</thead><tbody>{facts}</tbody></table>
<h2>Articles</h2>{views}
<h2 id="quiet">Inputs without claims</h2>
<table><thead><tr><th>input</th><th>status</th><th>reason</th></tr></thead>
<tbody>{skipped}</tbody></table>
<script>
"use strict";
const rows = Array.from(document.querySelectorAll("#claims tbody tr"));
const get = id => document.getElementById(id);
function applyFilters() {{
  const metric = get("f-metric").value, org = get("f-org").value.trim().toLowerCase();
  const hedged = get("f-hedged").value, fact = get("f-fact").value;
  let shown = 0;
  for (const r of rows) {{
    const ok = (!metric || r.dataset.metric === metric) && (!org || r.dataset.org.includes(org))
      && (!hedged || r.dataset.hedged === hedged) && (!fact || r.dataset.fact === fact);
    r.hidden = !ok; if (ok) shown += 1;
  }}
  get("shown").textContent = shown + " of " + rows.length + " claims shown";
}}
for (const id of ["f-metric", "f-org", "f-hedged", "f-fact"]) {{
  for (const event of ["input", "change"]) get(id).addEventListener(event, applyFilters);
}}
document.querySelectorAll("#claims th").forEach((th, col) => th.addEventListener("click", () => {{
  const asc = th.dataset.dir !== "asc"; th.dataset.dir = asc ? "asc" : "desc";
  const key = r => th.dataset.sort === "value" ? Number(r.dataset.value)
    : r.children[col].textContent.toLowerCase();
  rows.sort((a, b) => (key(a) > key(b) ? 1 : key(a) < key(b) ? -1 : 0) * (asc ? 1 : -1));
  const body = document.querySelector("#claims tbody");
  for (const r of rows) body.appendChild(r);
}}));
// Cells a spreadsheet would run as a formula are prefixed with a quote.
const csvCell = s => '"' + (/^[-=+@\\t\\r]/.test(s) ? "'" + s : s).replace(/"/g, '""') + '"';
get("csv").addEventListener("click", () => {{
  const lines = [Array.from(document.querySelectorAll("#claims th"), th => csvCell(th.textContent))];
  for (const r of rows) if (!r.hidden) lines.push(Array.from(r.children, td => csvCell(td.textContent)));
  const blob = new Blob([lines.map(l => l.join(",")).join("\\r\\n") + "\\r\\n"], {{type: "text/csv"}});
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = "claims-filtered.csv";
  link.click();
}});
applyFilters();
</script>
</body></html>
"""
