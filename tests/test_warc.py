"""WARC input (ingest/warc.py), on WARC files written here by fastwarc's own writer."""
from __future__ import annotations

import gzip
import os
from datetime import datetime, timezone

import pandas as pd
import pytest
from fastwarc.stream_io import GzipWriter
from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from pipeline import config
from pipeline.core import read_articles, read_claims, read_facts, run
from pipeline.ingest import read_corpus
from pipeline.ingest.warc import WarcRun, read_part

STORY = ("<p>Nvidia will invest as much as $100 billion in OpenAI, the companies said on Monday, "
         "as the ChatGPT maker builds at least 10 gigawatts of data centers.</p>"
         "<p>The first gigawatt will come online in the second half of 2026, they said.</p>")
GERMAN = ("<p>Nvidia will bis zu 100 Milliarden Dollar in OpenAI investieren, teilten die beiden "
          "Unternehmen am Montag mit. Der erste Teil der Rechenzentren soll in der zweiten "
          "Jahreshälfte 2026 in Betrieb gehen, hieß es weiter aus den Unternehmen.</p>")


def page(body: str, date: str | None = "2025-09-22", site: str | None = "Example News") -> bytes:
    head = "<title>Nvidia and OpenAI</title>"
    if date:
        head += f"<meta property='article:published_time' content='{date}'>"
    if site:
        head += f"<meta property='og:site_name' content='{site}'>"
    return (f"<html><head>{head}</head><body><nav>Home | Markets | Tech</nav>"
            f"<article><h1>Nvidia to invest in OpenAI</h1>{body}</article></body></html>").encode()


def response(url: str, body: bytes, content_type: str = "text/html; charset=utf-8",
             status: str = "200 OK") -> WarcRecord:
    record = WarcRecord()
    record.init_headers(record_type=WarcRecordType.response)
    record.headers["WARC-Target-URI"] = url
    record.headers["WARC-Date"] = "2025-10-01T08:00:00Z"
    record.headers["Content-Type"] = "application/http; msgtype=response"
    record.set_bytes_content(f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n\r\n".encode()
                             + body)
    return record


def other(kind: WarcRecordType, url: str) -> WarcRecord:
    record = WarcRecord()
    record.init_headers(record_type=kind)
    record.headers["WARC-Target-URI"] = url
    record.headers["WARC-Date"] = "2025-10-01T08:00:00Z"
    record.set_bytes_content(b"GET / HTTP/1.1\r\nHost: example.org\r\n\r\n")
    return record


def write_warc(path, records, gz: bool = True) -> list[int]:
    """Writes the records, one gzip member each when `gz` (as CC-NEWS does); their offsets."""
    offsets = []
    with open(path, "wb") as f:
        for record in records:
            offsets.append(f.tell())
            if gz:
                member = GzipWriter(f)
                record.write(member)
                member.close()
            else:
                record.write(f)
    return offsets


def news_records() -> list[WarcRecord]:
    return [other(WarcRecordType.warcinfo, "urn:crawl"),
            response("https://www.example.org/tech/nvidia-openai-100bn", page(STORY)),
            other(WarcRecordType.request, "https://www.example.org/tech/nvidia-openai-100bn"),
            response("https://www.example.org/files/report.pdf", b"%PDF-1.4 binary",
                     "application/pdf"),
            response("https://news.example.com/openai-chips-deal",
                     page(STORY.replace("Monday", "Tuesday"), date=None, site=None)),
            other(WarcRecordType.revisit, "https://www.example.org/tech/nvidia-openai-100bn"),
            response("https://www.example.org/old-page", b"moved", status="301 Moved")]


@pytest.mark.parametrize("gz", [True, False])
def test_html_responses_are_articles_at_their_offsets(tmp_path, gz):
    name = "crawl.warc.gz" if gz else "crawl.warc"
    offsets = write_warc(tmp_path / name, news_records(), gz)
    how = WarcRun()
    got = list(read_corpus(tmp_path, how))
    assert [a.article_id for a in got] == [f"{name}#{offsets[1]}", f"{name}#{offsets[4]}"]
    first, second = got
    assert first.status == second.status == "ok"
    assert "as much as $100 billion" in first.text and "Home | Markets" not in first.text
    assert (first.url, first.outlet) == ("https://www.example.org/tech/nvidia-openai-100bn",
                                         "Example News")
    assert first.published_at == datetime(2025, 9, 22, tzinfo=timezone.utc)  # the page's date
    # no date or site name on the page: the crawl's date and the site's host
    assert second.published_at == datetime(2025, 10, 1, 8, tzinfo=timezone.utc)
    assert second.outlet == "news.example.com"
    assert how.skipped == {"warcinfo": 1, "request": 1, "revisit": 1, "response, not HTML": 1,
                       "response, HTTP status not 200": 1}
    # the id's offset is where the record starts: reading there gives the same page
    with open(tmp_path / name, "rb") as f:
        f.seek(offsets[4])
        record = next(iter(ArchiveIterator(f)))
        assert record.headers["WARC-Target-URI"] == second.url


@pytest.mark.parametrize("gz", [True, False])
def test_a_truncated_file_keeps_the_records_before(tmp_path, gz):
    records = [response(f"https://example.org/a/story-{i}", page(STORY.replace("100", str(i))))
               for i in range(1, 5)]
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    offsets = write_warc(path, records, gz)
    data = path.read_bytes()
    for cut in (offsets[2] + 12, offsets[2] + (offsets[3] - offsets[2]) // 2):
        path.write_bytes(data[:cut])
        got = list(read_corpus(tmp_path))
        assert [a.status for a in got] == ["ok", "ok", "error"]
        assert [a.article_id for a in got] == [f"{path.name}#{o}" for o in offsets[:3]]
        assert "truncated or corrupt" in got[2].reason


def test_a_corrupt_member_is_an_error_and_reading_goes_on(tmp_path):
    records = [response(f"https://example.org/b/story-{i}", page(STORY.replace("100", str(i))))
               for i in range(1, 5)]
    path = tmp_path / "bad.warc.gz"
    offsets = write_warc(path, records)
    data = bytearray(path.read_bytes())
    middle = (offsets[1] + offsets[2]) // 2
    data[middle:middle + 16] = b"\xff" * 16
    path.write_bytes(bytes(data))
    got = list(read_corpus(tmp_path))
    assert [(a.article_id, a.status) for a in got] == [
        (f"bad.warc.gz#{offsets[0]}", "ok"), (f"bad.warc.gz#{offsets[1]}", "error"),
        (f"bad.warc.gz#{offsets[2]}", "ok"), (f"bad.warc.gz#{offsets[3]}", "ok")]
    assert "4" in got[3].text  # the page of the fourth record, at its own offset


def test_parts_read_the_same_records_as_the_whole_file(tmp_path, monkeypatch):
    for gz in (True, False):
        path = tmp_path / ("many.warc.gz" if gz else "many.warc")
        write_warc(path, [response(f"https://example.org/c/story-{i}",
                                   page(STORY.replace("100", str(i)))) for i in range(1, 9)], gz)
        size = path.stat().st_size
        whole = read_part(path, path.name, 0, size)
        for part_bytes in (97, size // 3, size // 2 + 1):
            monkeypatch.setattr(config, "WARC_PART_BYTES", part_bytes)
            got = list(read_corpus(tmp_path))
            assert [(a.article_id, a.text) for a in got] == \
                [(a.article_id, a.text) for a in whole.articles]
        assert len(whole.articles) == 8 and all(a.status == "ok" for a in whole.articles)
        path.unlink()


def test_warc_run_duplicates_and_other_languages(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    write_warc(corpus / "day.warc.gz", [
        response("https://www.example.org/tech/nvidia-openai-100bn", page(STORY)),
        response("https://mirror.example.net/nvidia-openai-100bn", page(STORY)),
        response("https://www.example.de/technik/nvidia-openai", page(GERMAN))])
    summary = run(corpus, out, quiet=True)
    articles = read_articles(out)
    assert list(articles.status) == ["ok", "duplicate", "not_english"]
    assert "same text as day.warc.gz#0" in articles.reason[1]
    assert "'de'" in articles.reason[2]
    claims = read_claims(out)
    assert set(claims.article_id) == {"day.warc.gz#0"}
    assert "as much as $100 billion" in set(claims.surface)
    assert summary.inputs == 3


def test_listing_pages_and_paywall_stubs_are_not_articles(tmp_path):
    stub = ("<p>Nvidia and OpenAI agree on a data center deal worth many billions of dollars, "
            "people familiar with the matter said.</p><p>Subscribe to continue reading this "
            "article and get unlimited access to our journalism.</p>")
    write_warc(tmp_path / "pages.warc.gz", [
        response("https://www.example.org/", page(STORY)),
        response("https://www.example.org/tag/nvidia", page(STORY)),
        response("https://www.example.org/tech/nvidia-openai-talks", page(stub)),
        response("https://www.example.org/tech/nvidia-openai-100bn", page(STORY))])
    got = list(read_corpus(tmp_path))
    assert [a.status for a in got] == ["not_article"] * 3 + ["ok"]
    assert "'/'" in got[0].reason and "'/tag/nvidia'" in got[1].reason
    assert "paywall" in got[2].reason


def test_a_file_compressed_as_one_stream_says_so(tmp_path):
    plain = tmp_path / "plain.warc"
    write_warc(plain, [response(f"https://example.org/d/story-{i}", page(STORY))
                       for i in range(3)], gz=False)
    (tmp_path / "one.warc.gz").write_bytes(gzip.compress(plain.read_bytes()))
    plain.unlink()
    got = list(read_corpus(tmp_path))
    assert [(a.article_id, a.status) for a in got][0] == ("one.warc.gz#0", "ok")
    assert got[-1].status == "error" and "compressed as one stream" in got[-1].reason


def test_dask_local_and_parallel_runs_of_warc_files_are_identical(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for day in (1, 2):
        write_warc(corpus / f"day{day}.warc.gz", [
            other(WarcRecordType.request, "https://www.example.org/a"),
            *(response(f"https://www.example.org/tech/story-{day}-{i}",
                       page(STORY.replace("100", str(10 * day + i)))) for i in range(4))])
    monkeypatch.setattr(config, "WARC_PART_BYTES", 1500)  # several parts a file
    runs = {"local": {}, "local2": {"workers": 2}, "dask": {"engine": "dask", "workers": 2}}
    summaries = {name: run(corpus, tmp_path / name, quiet=True, **kw) for name, kw in runs.items()}
    assert summaries["local"].records == summaries["dask"].records == {"request": 2}
    assert len(read_articles(tmp_path / "local")) == 8
    for read in (read_articles, read_claims, read_facts):
        for name in ("local2", "dask"):
            pd.testing.assert_frame_equal(read(tmp_path / "local"), read(tmp_path / name))


def test_a_rerun_reads_only_the_new_and_changed_warc_files(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    for day in (1, 2):
        write_warc(corpus / f"day{day}.warc.gz", [
            other(WarcRecordType.request, "https://www.example.org/a"),
            response(f"https://www.example.org/tech/story-{day}",
                     page(STORY.replace("100", str(day))))])
    run(corpus, out, quiet=True)
    before = read_articles(out)
    # day1 keeps its size and time but cannot be read any more: only a run that reads it fails
    day1 = corpus / "day1.warc.gz"
    stat = day1.stat()
    day1.write_bytes(b"\0" * stat.st_size)
    os.utime(day1, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    write_warc(corpus / "day2.warc.gz", [response("https://www.example.org/tech/story-2b",
                                                  page(STORY.replace("100", "22")))])
    write_warc(corpus / "day3.warc.gz", [response("https://www.example.org/tech/story-3",
                                                  page(STORY.replace("100", "3")))])
    again = run(corpus, out, quiet=True)
    after = read_articles(out)
    assert after.source_path.tolist() == ["day1.warc.gz", "day2.warc.gz", "day3.warc.gz"]
    pd.testing.assert_frame_equal(after[:1], before[:1])
    assert after.status.tolist() == ["ok"] * 3 and "22" in after.text[1]
    assert again.reused == 1 and again.records == {}  # day1 was not read: no request counted
    assert set(read_claims(out).article_id) == set(after.article_id)


def test_the_bench_warc_holds_the_corpus_as_html_pages(tmp_path):
    from pipeline.bench import warc_of, warc_rates

    corpus, into = tmp_path / "corpus", tmp_path / "warc"
    corpus.mkdir()
    into.mkdir()
    for day in (1, 2):
        (corpus / f"a{day}.txt").write_text(f"Deal day {day}\n\nNvidia will invest up to ${day}0 "
                                            "billion in OpenAI, the companies said on Monday.\n",
                                            encoding="utf-8")
    path = warc_of(corpus, into)
    got = list(read_corpus(into))
    assert [a.url for a in got] == ["https://news.example.org/a1.txt",
                                    "https://news.example.org/a2.txt"]
    assert [a.status for a in got] == ["ok", "ok"] and "up to $20 billion" in got[1].text
    reader, pages = warc_rates(path)
    assert reader > 0 and pages > 0
