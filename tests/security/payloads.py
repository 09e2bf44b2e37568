"""The hostile values of ../shared/data: the OWASP filter-evasion cheat sheet, the payloadbox XSS
list and the Big List of Naughty Strings.

The suite samples them with a fixed seed (a failure can be replayed); `make security` sets
PADDOCK_SECURITY_FULL=1 and takes every one.
"""

import json
import os
import random
from pathlib import Path

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
SAMPLE_PER_LIST = 12
SEED = 20261206


def full_run() -> bool:
    return os.environ.get("PADDOCK_SECURITY_FULL") == "1"


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


def xss_payloads() -> tuple[int, list[str]]:
    """(how many the lists hold, the distinct values to try): all of them in a full run."""
    lists = payload_lists()
    total = sum(len(values) for values in lists.values())
    if not full_run():
        rng = random.Random(SEED)
        lists = {name: rng.sample(values, SAMPLE_PER_LIST) for name, values in lists.items()}
    distinct = dict.fromkeys(value for values in lists.values() for value in values)
    return total, list(distinct)
