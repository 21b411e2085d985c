#!/usr/bin/env python3
"""`make i18n`'s last step: how many strings each language has and how many are unfinished.

Indonesian is the source language (every tr() text is Indonesian), so it is complete by
construction; English is the Qt Linguist file resources/i18n/payung_en.ts. Exits 1 when any
English string is unfinished or missing, so `make i18n` fails loudly until it is translated.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    failed = False
    for ts in sorted((REPO / "resources" / "i18n").glob("payung_*.ts")):
        pairs = [(m, m.find("translation")) for m in ET.parse(ts).getroot().iter("message")]
        live = [(m, t) for m, t in pairs if t.get("type") not in ("vanished", "obsolete")]
        unfinished = [
            m for m, t in live if t.get("type") == "unfinished" or not (t.text or "").strip()
        ]
        if ts.stem == "payung_en":
            print(f"id (source language): {len(live)} strings, 0 unfinished")
        language = ts.stem.removeprefix("payung_")
        print(f"{language}: {len(live)} strings, {len(unfinished)} unfinished")
        for message in unfinished[:20]:
            print(f"  unfinished: {message.find('source').text!r}")
        failed = failed or bool(unfinished)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
