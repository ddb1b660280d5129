"""The report page (in a real headless browser), the charts, the notebook (in a real Jupyter
kernel) and the README's column reference."""
import csv
import os
import re
import shutil
import subprocess
import sys
import time

import pytest

import pipeline
from pipeline.outputs.report import charts, human, write_report
from pipeline.outputs.report_facts import span
from pipeline.outputs.schema import (ARTICLE_FIELDS, CLAIM_FIELDS, DEAL_FIELDS, FACT_FIELDS,
                                     markdown_reference)

from conftest import PROJECT

CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")


@pytest.fixture(scope="module")
def report(sample_run):
    out, _ = sample_run
    page, figures = write_report(out)
    return out, page, figures


def test_report_is_one_self_contained_page(report):
    _, page, _ = report
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", text)  # nothing fetched
    assert "<mark>up to $4 billion</mark>" in text
    assert 'id="article-4"' in text and "Inputs without claims: 1" in text
    assert "001_98517132112ef4a2.txt" in text  # the article with no claims is listed


def test_report_shows_deals_and_facts_linked_to_their_sources(report):
    out, page, _ = report
    text = page.read_text(encoding="utf-8")
    facts = pipeline.read_facts(out)
    deals = pipeline.read_deals(out)
    assert text.count('<details class="deal">') == len(deals)
    assert text.count('<tr id="fact-') == len(facts)
    anthropic = deals[(deals.subject == "Amazon") & (deals.counterparty == "Anthropic")].iloc[0]
    assert "Amazon → Anthropic" in text and f'href="#fact-{anthropic.fact_ids[0]}"' in text
    assert '<svg class="timeline"' in text or "undated" in text
    assert 'href="#article-4">004_fe4425cdedf7fed9.txt</a>' in text


def test_ranges_show_both_ends():
    assert span(2e10, 2.5e10, "USD") == "20 bn USD – 25 bn USD"
    assert span(2e10, 2e10, "USD") == "20 bn USD" and span(None, None, "W") == ""


def test_charts_are_png(report):
    _, _, figures = report
    assert sorted(p.name for p in figures) == [
        "facts_over_time.png", "money_by_deal.png", "power_by_deal.png"]
    for path in figures:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 5000


@pytest.mark.parametrize("value,unit,shown", [
    (5e9, "W", "5 GW"), (3e8, "W", "300 MW"), (4e9, "USD", "4 bn USD"),
    (1.25e9, "USD", "1.25 bn USD"), (12, "agreements", "12 agreements"), (9.5, "percent", "9.5%"),
])
def test_human_values(value, unit, shown):
    assert human(value, unit) == shown


@pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER),
                    reason="needs Debian's chromium and chromium-driver: "
                           "apt-get install chromium chromium-driver (.ci/run does it)")
def test_report_in_a_headless_browser(report, tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    _, page, _ = report
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
                 "--window-size=1400,1000"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.get(page.as_uri())
        rows = driver.find_elements(By.CSS_SELECTOR, "#claims tbody tr")
        assert len(rows) == 24
        Select(driver.find_element(By.ID, "f-metric")).select_by_value("power")
        visible = [r for r in rows if r.is_displayed()]
        assert len(visible) == 4
        assert {r.find_elements(By.TAG_NAME, "td")[1].text for r in visible} == {"power"}
        assert driver.find_element(By.ID, "shown").text == "4 of 24 claims shown"
        downloads = tmp_path / "downloads"  # the CSV download holds the rows shown, no others
        driver.execute_cdp_cmd("Page.setDownloadBehavior",
                               {"behavior": "allow", "downloadPath": str(downloads)})
        driver.find_element(By.ID, "csv").click()
        saved = downloads / "claims-filtered.csv"
        for _ in range(100):  # Chromium writes a .crdownload first, then renames it
            if saved.exists() and saved.stat().st_size and not list(downloads.glob("*.crdownload")):
                break
            time.sleep(0.1)
        header, *lines = list(csv.reader(saved.read_text(encoding="utf-8").splitlines()))
        assert len(lines) == 4 and {line[header.index("metric")] for line in lines} == {"power"}
        driver.find_element(By.ID, "f-org").send_keys("google")
        assert sum(r.is_displayed() for r in rows) == 0
        shot = tmp_path / "report.png"
        assert driver.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert errors == []
    finally:
        driver.quit()


def test_notebook_runs_end_to_end_in_a_kernel(sample_run, monkeypatch):
    import nbclient
    import nbformat

    monkeypatch.setenv("CLAIMS_OUT", str(sample_run[0]))
    path = PROJECT / "notebooks" / "explore.ipynb"
    notebook = nbformat.read(path, as_version=4)
    nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}}).execute()
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert "24 claims" in outputs[0]["text"]


def test_readme_column_reference_matches_the_schema():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    for name, fields in (("claims", CLAIM_FIELDS), ("articles", ARTICLE_FIELDS),
                         ("facts", FACT_FIELDS), ("deals", DEAL_FIELDS)):
        block = re.search(rf"<!-- columns:{name} -->\n(.*?)\n<!-- /columns:{name} -->", readme,
                          re.DOTALL)
        assert block, f"README lacks the {name} column reference"
        assert block.group(1) == markdown_reference(fields), \
            f"README {name} columns differ: python -m pipeline columns {name}"


def test_organisation_names_are_not_typeset(sample_run, tmp_path):
    out, _ = sample_run
    odd = "Acme$\\frac$"  # mathtext that cannot be typeset
    deals = pipeline.read_deals(out).assign(subject=odd, counterparty=odd)
    made = charts(pipeline.read_facts(out), deals, tmp_path / "figures")
    assert len(made) == 3


@pytest.mark.skipif(os.geteuid() == 0 and not shutil.which("setpriv"),
                    reason="root writes into read-only folders unless setpriv drops the right")
def test_report_on_a_read_only_folder_is_a_clear_failure(sample_run, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(sample_run[0], out)
    os.chmod(out, 0o555)
    prefix = (["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search"]
              if os.geteuid() == 0 else [])
    try:
        done = subprocess.run([*prefix, sys.executable, "-m", "pipeline", "report", "--out",
                               str(out)], cwd=PROJECT, capture_output=True, text=True, timeout=300)
    finally:
        os.chmod(out, 0o755)
    assert done.returncode == 1 and "report not written" in done.stderr
    assert "Traceback" not in done.stderr and not list(out.glob(".*.tmp"))
