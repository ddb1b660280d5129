"""Each input format, read from real files written by the tests."""
import json
from datetime import datetime, timezone

import pytest

from pipeline.ingest import (SidecarError, count_articles, decode, doc_hash, read_corpus,
                             read_sidecar, unwrapped)


def articles(tmp_path):
    return list(read_corpus(tmp_path))


def test_plain_text_title_and_dateline(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Techno Time\n\nAmazon Invests Billions In Anthropic Compute\n\n"
        "Monday 15 June 2026 10:40\nAmazon said it will invest up to $4 billion in Anthropic, "
        "the startup behind Claude, in a deal announced on Monday by both companies.\n",
        encoding="utf-8")
    [a] = articles(tmp_path)
    assert a.status == "ok" and a.article_id == "a.txt"
    assert a.title == "Amazon Invests Billions In Anthropic Compute"
    assert a.published_at == datetime(2026, 6, 15, 10, 40, tzinfo=timezone.utc)
    (start, end), = a.skip_spans
    assert a.text[start:end] == "Monday 15 June 2026 10:40"


def test_a_date_in_hard_wrapped_prose_is_no_dateline(tmp_path):
    # wire copy: the short wrapped lines of the first paragraph end a sentence or start lower case
    (tmp_path / "w.txt").write_text(
        "JAPAN CONSUMER PRICES FALL 0.4 PCT IN JANUARY\n\n"
        "TOKYO, Feb 27 - Japan's consumer price index fell 0.4 pct\n"
        "in January, the first drop larger than 1.0 pct since\n"
        "September 1958.\n", encoding="utf-8")
    (tmp_path / "x.txt").write_text(
        "KNUTSON MORTGAGE GOES PUBLIC\n\nKnutson said it went public in\nSeptember 1986.\n",
        encoding="utf-8")
    assert [a.published_at for a in articles(tmp_path)] == [None, None]


def test_markdown_front_matter(tmp_path):
    (tmp_path / "b.md").write_text(
        "---\ntitle: Oracle signs 4.5 GW lease\ndate: 2025-07-02\nurl: https://example.org/o\n"
        "source: Example Wire\n---\nOracle will build 4.5 gigawatts for OpenAI.\n",
        encoding="utf-8")
    [a] = articles(tmp_path)
    assert (a.title, a.url, a.outlet) == ("Oracle signs 4.5 GW lease", "https://example.org/o",
                                          "Example Wire")
    assert a.published_at == datetime(2025, 7, 2, tzinfo=timezone.utc)
    assert a.text == "Oracle will build 4.5 gigawatts for OpenAI.\n"  # metadata is not text


def test_html_main_text_and_metadata(tmp_path):
    (tmp_path / "c.html").write_text(
        "<html><head><title>Nvidia deal</title>"
        "<meta property='article:published_time' content='2025-09-22'>"
        "<meta property='og:site_name' content='Example News'></head><body>"
        "<nav>Home | Markets | Tech | Sign in</nav><article><h1>Nvidia to invest in OpenAI</h1>"
        "<p>Nvidia will invest as much as $100 billion in OpenAI, the companies said on Monday, "
        "as the ChatGPT maker builds at least 10 gigawatts of data centers.</p>"
        "<p>The first gigawatt will come online in the second half of 2026, they said.</p>"
        "</article><footer>Copyright 2025 Example News. All rights reserved.</footer>"
        "</body></html>", encoding="utf-8")
    [a] = articles(tmp_path)
    assert a.status == "ok"
    assert "as much as $100 billion" in a.text
    assert "Sign in" not in a.text and "All rights reserved" not in a.text
    assert a.outlet == "Example News"
    assert a.published_at == datetime(2025, 9, 22, tzinfo=timezone.utc)


def test_jsonl_fields_aliases_and_bad_lines(tmp_path):
    lines = [
        json.dumps({"id": "r1", "text": "Meta will spend $65 billion.", "title": "Meta capex",
                    "published_at": "2025-01-24T10:00:00Z", "outlet": "Wire", "url": "u1"}),
        json.dumps({"body": "xAI raised $6 billion.", "date": "Dec 23, 2024", "source": "Feed"}),
        "{not json",
        json.dumps({"id": "r4", "title": "no text here"}),
        "",
        json.dumps({"content": "Apple bought 1,000 GPUs."}),
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = articles(tmp_path)
    assert [a.article_id for a in got] == ["r1", "feed.jsonl#2", "feed.jsonl#3", "r4",
                                           "feed.jsonl#6"]
    assert [a.status for a in got] == ["ok", "ok", "error", "error", "ok"]
    assert got[0].published_at == datetime(2025, 1, 24, 10, tzinfo=timezone.utc)
    assert (got[1].outlet, got[1].published_at.date().isoformat()) == ("Feed", "2024-12-23")
    assert "invalid JSON" in got[2].reason and "'text'" in got[3].reason


LATIN = ("Rolls-Royce sold a stake for \u00a3500m, its chief executive said on Tuesday, as the "
         "company pressed on with its plans for small reactors.\n")
CURLY = ("\u201cWe sold it for \u00a3500m\u201d, the chief executive said on Tuesday after the "
         "board meeting \u2013 a deal the company had long planned.\n")


@pytest.mark.parametrize("encoding,text", [("latin-1", LATIN), ("cp1252", CURLY),
                                           ("utf-16", CURLY)])
def test_non_utf8_text_is_decoded(tmp_path, encoding, text):
    (tmp_path / "d.txt").write_bytes(text.encode(encoding))
    [a] = articles(tmp_path)
    assert a.status == "ok"
    assert a.text == text


def test_binary_empty_and_unknown_files_get_rows(tmp_path):
    (tmp_path / "img.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (tmp_path / "empty.txt").write_text("   \n\n", encoding="utf-8")
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4 ...")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04 zip")
    got = {a.article_id: a for a in articles(tmp_path)}
    assert got["img.txt"].status == "not_text" and "PNG" in got["img.txt"].reason
    assert got["empty.txt"].status == "empty"
    assert got["report.pdf"].status == "not_text"
    assert got["notes.docx"].status == "not_text"


def test_symlink_outside_corpus_is_not_followed(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("The secret deal is worth $9 billion.", encoding="utf-8")
    (corpus / "link.txt").symlink_to(secret)
    [a] = articles(corpus)
    assert a.status == "unreadable" and "outside" in a.reason and a.text == ""


def test_decode_prefers_utf8_and_hash_ignores_spacing():
    assert decode("caf\u00e9 \u20ac5bn".encode("utf-8")) == "caf\u00e9 \u20ac5bn"
    assert doc_hash("A  b\nc") == doc_hash("a b c")


def test_sidecar_metadata_for_a_text_corpus(tmp_path):
    (tmp_path / "a.txt").write_text("Meta will spend $65 billion, it said on Monday.\n")
    (tmp_path / "feed.jsonl").write_text(json.dumps({"id": "r1", "text": "xAI raised $6bn."}))
    (tmp_path / "metadata.csv").write_text(
        "path,title,outlet,url,published_at\n"
        "a.txt,Meta capex,Example Wire,https://example.org/a,2025-01-24\n"
        "feed.jsonl,,Feed Wire,,\n", encoding="utf-8")
    got = {a.article_id: a for a in articles(tmp_path)}
    assert sorted(got) == ["a.txt", "r1"]  # the sidecar is not an article
    a = got["a.txt"]
    assert (a.title, a.outlet, a.url) == ("Meta capex", "Example Wire", "https://example.org/a")
    assert a.published_at == datetime(2025, 1, 24, tzinfo=timezone.utc)
    assert got["r1"].outlet == "Feed Wire"


@pytest.mark.parametrize("sidecar,problem", [
    ("title\nx\n", "no 'path'"), ("path,colour\na.txt,red\n", "unknown column"),
])
def test_unusable_sidecar(tmp_path, sidecar, problem):
    (tmp_path / "metadata.csv").write_text(sidecar, encoding="utf-8")
    with pytest.raises(SidecarError, match=problem):
        read_sidecar(tmp_path)


def test_one_title_rule_the_text_is_mined_metadata_is_not(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps({"title": "Meta to spend $65bn",
                                                  "text": "The company said so on Monday."}))
    (tmp_path / "b.txt").write_text("Meta to spend $65bn on AI\n\nThe company said so on Monday.")
    got = {a.article_id: a for a in articles(tmp_path)}
    assert got["a.jsonl#1"].title == "Meta to spend $65bn"
    assert got["a.jsonl#1"].text == "The company said so on Monday."
    assert got["b.txt"].title == "Meta to spend $65bn on AI" and got["b.txt"].text.startswith(
        "Meta to spend $65bn on AI\n")  # a .txt has no title field: its title line is text


def test_relative_and_impossible_dates_are_refused_with_a_reason(tmp_path):
    lines = [{"id": i, "text": f"Text {i}.", "published_at": d} for i, d in enumerate(
        ["yesterday", "3 days ago", "15 June", "2024-02-30", "2024-06-15"])]
    (tmp_path / "a.jsonl").write_text("\n".join(map(json.dumps, lines)))
    got = articles(tmp_path)
    assert [a.published_at for a in got[:4]] == [None] * 4
    assert all("not an absolute date" in a.reason for a in got[:4])
    assert got[4].published_at == datetime(2024, 6, 15, tzinfo=timezone.utc) and not got[4].reason


def test_a_jsonl_id_used_twice_keeps_the_line_id(tmp_path):
    for name in ("a.jsonl", "b.jsonl"):
        (tmp_path / name).write_text(json.dumps({"id": "r1", "text": f"From {name}."}))
    first, second = articles(tmp_path)
    assert (first.article_id, second.article_id) == ("r1", "b.jsonl#1")
    assert "taken by an earlier article" in second.reason


def test_utf16_jsonl_and_the_article_count(tmp_path):
    lines = "".join(json.dumps({"id": f"r{i}", "text": f"Text {i}."}) + "\r\n" for i in range(3))
    (tmp_path / "a.jsonl").write_bytes(lines.encode("utf-16"))
    (tmp_path / "empty.jsonl").write_text("\n\n")
    (tmp_path / "b.txt").write_text("A text.")
    got = articles(tmp_path)
    assert [(a.article_id, a.status) for a in got] == [
        ("r0", "ok"), ("r1", "ok"), ("r2", "ok"), ("b.txt", "ok"), ("empty.jsonl", "empty")]
    assert count_articles(tmp_path) == len(got)


WRAPPED = ("NORDFIELD TO TAKE STAKE IN BALTIC AIR\n\n"
           "OSLO, March 3 - Nordfield Holdings said it agreed to take a 15\n"
           "pct stake in Baltic Air Ltd, a unit of a shipping group, in a\n"
           "transaction worth around two mln crowns, the companies said.\n"
           "   A Nordfield spokesman said the two airlines already work\n"
           "together on routes to Oslo and want to add more flights soon.\n")


def test_a_hard_wrapped_text_is_read_as_its_sentences():
    text = unwrapped(WRAPPED)
    assert len(text) == len(WRAPPED)  # one character for one: offsets stay
    assert "said it agreed to take a 15 pct stake in Baltic Air Ltd, a unit" in text
    # the title, the paragraph's last line and an indented paragraph start keep their newline;
    # the dateline is blanked
    assert text.startswith("NORDFIELD TO TAKE STAKE IN BALTIC AIR\n\n" + " " * 16 + "Nordfield")
    assert "the companies said.\n   A Nordfield" in text


@pytest.mark.parametrize("text,read", [
    ("SAN FRANCISCO, Sept 18 (Reuters) - Nvidia will invest", "Nvidia will invest"),
    ("NEW YORK (AP) — Oracle shares jumped", "Oracle shares jumped"),
    ("Title\n\nCHARLOTTE, N.C., March 9 - The Federal Home Mortgage Corp",
     "Title\n\nThe Federal Home Mortgage Corp"),
    # a dash after capitals with neither date nor agency is no dateline
    ("US - China talks resumed", "US - China talks resumed"),
])
def test_a_dateline_is_blanked(text, read):
    blanked = unwrapped(text)
    assert len(blanked) == len(text) and blanked.split() == read.split()


@pytest.mark.parametrize("text", [
    # a line longer than a wrap, or short lines (a table, a list): not hard-wrapped
    WRAPPED.replace("Nordfield Holdings", "Nordfield Holdings " + "x" * 80),
    "Revenue 12.1 mln vs 10.2 mln\nNet 1.1 mln vs 0.9 mln\nShr 10 cts vs 8 cts\nAvg shrs 11 mln\n",
])
def test_other_texts_are_read_as_written(text):
    assert unwrapped(text).split("\n") == [line if "OSLO" not in line else unwrapped(line)
                                           for line in text.split("\n")]
