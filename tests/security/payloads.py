"""The hostile values of ../shared/data: the OWASP filter-evasion cheat sheet, the payloadbox XSS
list and the Big List of Naughty Strings.

The suite samples them with a fixed seed (a failure can be replayed); `make security` sets
PADDOCK_SECURITY_FULL=1 and takes every one. Where ../shared is not beside the checkout, the
sweep still runs, on our own short list of the classic ways out of each context.
"""

import json
import os
import random
from pathlib import Path

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
SAMPLE_PER_LIST = 8
SEED = 20261206


def full_run() -> bool:
    return os.environ.get("PADDOCK_SECURITY_FULL") == "1"


def selected_parts(parts: int) -> list[int]:
    """The parts of a full sweep this run takes: all of them, or those PADDOCK_SECURITY_PARTS
    names ("1-4", "5,6"), so a sweep longer than a working session can be run in halves."""
    wanted = os.environ.get("PADDOCK_SECURITY_PARTS", "").strip()
    if not wanted:
        return list(range(parts))
    chosen = set()
    for piece in wanted.split(","):
        first, _, last = piece.strip().partition("-")
        chosen.update(range(int(first), int(last or first) + 1))
    if not chosen or not chosen <= set(range(1, parts + 1)):
        raise ValueError(f"PADDOCK_SECURITY_PARTS={wanted!r}: parts are numbered 1 to {parts}")
    return [number - 1 for number in sorted(chosen)]


def available() -> bool:
    return (DATA / "xss-payload-list.txt").exists()


def payload_lists() -> dict[str, list[str]]:
    owasp = json.loads((DATA / "owasp-xss-filter-evasion.json").read_text(encoding="utf-8"))
    text = (DATA / "xss-payload-list.txt").read_text(encoding="utf-8", errors="replace")
    return {
        "owasp": [entry["payload"] for entry in owasp["payloads"]],
        "payloadbox": [line for line in text.splitlines() if line.strip()],
        "blns": json.loads((DATA / "blns.json").read_text(encoding="utf-8")),
    }


# Out of text, attributes, <title>, <textarea>, <script> (JSON-LD), comments, CDATA and XML;
# handlers that need no click; addresses that run; markup the sanitiser must rebuild.
OWN = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    '{"x": "</script><script>alert(1)</script>"}',
    "<!--<img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "]]><script>alert(1)</script>",
    '<x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(1)</x:script>',
    '<a href="javascript:alert(1)">lien</a>',
    '<a href="jav&#x09;ascript:alert(1)">lien</a>',
    '<a href=" &#14; javascript:alert(1)">lien</a>',
    "<iframe src=javascript:alert(1)></iframe>",
    "<object data=javascript:alert(1)></object>",
    '<div style="background:url(javascript:alert(1))">fond</div>',
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<base href=javascript:alert(1)//>",
    "<body onload=print()>",
    "<form><button formaction=javascript:alert(1)>Envoyer</button></form>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "\u2028\u2029</script><script>alert(1)</script>",
    "{{ 7*7 }} {% debug %} ${alert(1)}",
    "Pilote « Loeb » & Cie <b>gras</b> 日本 Ünïcödé 🏁",
]


def xss_payloads() -> tuple[str, list[str]]:
    """(where they come from, the distinct values to try): every one in a full run."""
    if not available():
        return "our own list", list(OWN)
    lists = payload_lists()
    total = sum(len(values) for values in lists.values())
    if not full_run():
        rng = random.Random(SEED)
        lists = {name: rng.sample(values, SAMPLE_PER_LIST) for name, values in lists.items()}
    distinct = dict.fromkeys(OWN + [value for values in lists.values() for value in values])
    return f"{total:,} in the shared lists and {len(OWN)} of our own", list(distinct)
