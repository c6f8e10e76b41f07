"""Write examples/archive.warc.gz: two short news pages (ja in Shift_JIS, en) written for the demo.

Run: python scripts/make_example_warc.py. The output is deterministic (fixed dates and record
ids), so re-running it does not change the file. A warcinfo and a request record show that only
response records are documents.
"""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

OUT = Path(__file__).resolve().parents[1] / "examples" / "archive.warc.gz"

PAGE_JA = """<!DOCTYPE html>
<html lang="ja"><head><meta charset="Shift_JIS">
<title>北朝鮮兵、ロシアに派遣か　韓国情報機関が発表</title>
<meta name="date" content="2024-10-18T10:30:00+09:00"></head>
<body><nav><a href="/">トップ</a> | <a href="/world">国際</a></nav>
<article><h1>北朝鮮兵、ロシアに派遣か　韓国情報機関が発表</h1>
<p class="date">2024年10月18日 10時30分</p>
<p>【ソウル】韓国の国家情報院は18日、北朝鮮がロシアを支援するため特殊部隊の兵士を派遣し始めたと発表した。最終的な規模は約1万2000人に達する可能性があるという。</p>
<p>情報院によると、兵士らはロシア海軍の艦船で極東のウラジオストク周辺に運ばれ、現地で訓練を受けているとみられる。</p>
<p>ロシア政府と北朝鮮はこれまで、兵士派遣の報道を否定してきた。</p></article>
<footer>デモ用に作成した記事です</footer></body></html>
"""

PAGE_EN = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Eleven countries launch team to monitor North Korea sanctions</title>
<meta property="article:published_time" content="2024-10-16T14:00:00+09:00"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Eleven countries launch team to monitor North Korea sanctions</h1>
<p>SEOUL — Eleven countries including South Korea, the United States and Japan on Wednesday set up
a Multilateral Sanctions Monitoring Team to keep tracking how UN sanctions on North Korea are
applied.</p>
<p>The group fills the gap left by the UN Panel of Experts, whose mandate ended in April after
Russia vetoed its renewal in the Security Council. Officials said the team would publish reports
on violations such as arms transfers between Pyongyang and Moscow.</p></article>
<footer>Written for the watchfloor demo.</footer></body></html>
"""

PAGES = (
    (
        "https://news.example/ja/2024/10/18/troops",
        PAGE_JA,
        "shift_jis",
        "Shift_JIS",
        "2024-10-18T01:45:00Z",
        1,
    ),
    (
        "https://news.example/en/2024/10/16/msmt",
        PAGE_EN,
        "utf-8",
        "utf-8",
        "2024-10-16T06:10:00Z",
        2,
    ),
)


def record_id(n: int) -> str:
    return f"<urn:uuid:00000000-0000-4000-8000-{n:012d}>"


def build() -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    info = writer.create_warcinfo_record(
        OUT.name,
        {"software": "watchfloor scripts/make_example_warc.py", "description": "demo pages"},
    )
    info.rec_headers.replace_header("WARC-Date", "2024-10-18T02:00:00Z")
    info.rec_headers.replace_header("WARC-Record-ID", record_id(100))
    writer.write_record(info)
    for url, page, codec, label, date, n in PAGES:
        request = writer.create_warc_record(
            url,
            "request",
            payload=io.BytesIO(b""),
            http_headers=StatusAndHeaders(
                "GET " + url.split("news.example", 1)[1] + " HTTP/1.1",
                [("Host", "news.example"), ("User-Agent", "watchfloor-demo")],
                is_http_request=True,
            ),
            warc_headers_dict={"WARC-Date": date, "WARC-Record-ID": record_id(10 + n)},
        )
        writer.write_record(request)
        body = page.encode(codec)
        headers = StatusAndHeaders(
            "200 OK",
            [("Content-Type", f"text/html; charset={label}"), ("Content-Length", str(len(body)))],
            protocol="HTTP/1.1",
        )
        response = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": date, "WARC-Record-ID": record_id(n)},
        )
        writer.write_record(response)
    return buffer.getvalue()


def main() -> None:
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
