"""Write the PETRARCH validation cases as a corpus: one document `<id>.txt` per case.

    python eval/petrarch_corpus.py ../shared/eval/petrarch/cases.jsonl /tmp/petrarch
    kg build /tmp/petrarch -o /tmp/petrarch-out
    python ../shared/eval/petrarch/score_petrarch.py /tmp/petrarch-out/graph.ttl ../shared/eval/petrarch/cases.jsonl
"""
from __future__ import annotations

import json
import sys
from pathlib import Path


def main(cases: Path, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for line in cases.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        if case["text"].strip():
            (folder / f"{case['id']}.txt").write_text(case["text"], encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
