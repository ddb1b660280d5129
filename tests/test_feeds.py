"""RSS and Atom feeds (ingest/feeds.py), from small feed files written here."""
from datetime import datetime, timezone

from pipeline.ingest import read_corpus

BODY = ("<p>Nvidia will invest as much as $100 billion in OpenAI, the companies said on Monday, "
        "as the ChatGPT maker builds at least 10 gigawatts of data centers.</p>"
        "<p>The first gigawatt will come online in the second half of 2026, they said.</p>")

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example Wire</title><link>https://wire.example.org/</link>
<item><title>Nvidia to invest in OpenAI</title><link>https://wire.example.org/nvidia-openai</link>
<pubDate>Mon, 22 Sep 2025 14:30:00 +0000</pubDate><description>Nvidia and OpenAI.</description>
<content:encoded><![CDATA[{BODY}]]></content:encoded></item>
<item><title>Oracle lease</title><link>https://wire.example.org/oracle-lease</link>
<pubDate>Tue, 23 Sep 2025 09:00:00 +0000</pubDate>
<description>Oracle signs a 4.5 GW lease with OpenAI, sources say.</description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Tech Monitor</title>
<id>urn:example:feed</id><updated>2025-10-01T08:00:00Z</updated>
<entry><title>OpenAI chips</title><id>urn:example:1</id>
<link href="https://monitor.example.com/openai-chips"/>
<updated>2025-10-01T08:00:00Z</updated>
<content type="html">{BODY.replace("<", "&lt;").replace(">", "&gt;")}</content></entry>
</feed>"""


def test_rss_and_atom_entries_are_articles(tmp_path):
    (tmp_path / "wire.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "monitor.atom").write_text(ATOM, encoding="utf-8")
    (tmp_path / "sitemap.xml").write_text("<urlset><url><loc>https://example.org/</loc></url>"
                                          "</urlset>", encoding="utf-8")
    got = {a.article_id: a for a in read_corpus(tmp_path)}
    assert list(got) == ["monitor.atom#1", "sitemap.xml", "wire.rss#1", "wire.rss#2"]
    atom, rss, summary = got["monitor.atom#1"], got["wire.rss#1"], got["wire.rss#2"]
    assert atom.status == rss.status == "ok"
    assert "as much as $100 billion" in atom.text and "as much as $100 billion" in rss.text
    assert (rss.title, rss.url, rss.outlet) == ("Nvidia to invest in OpenAI",
                                                "https://wire.example.org/nvidia-openai",
                                                "Example Wire")
    assert rss.published_at == datetime(2025, 9, 22, 14, 30, tzinfo=timezone.utc)
    assert (atom.url, atom.outlet) == ("https://monitor.example.com/openai-chips", "Tech Monitor")
    assert atom.published_at == datetime(2025, 10, 1, 8, tzinfo=timezone.utc)
    # a short description without full content is the feed's summary, not the article
    assert summary.status == "not_article" and "summary" in summary.reason
    assert got["sitemap.xml"].status == "not_text"
