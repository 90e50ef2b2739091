"""Time each pipeline component on the seeds replicated N times: how much our components
(gazetteer ruler, actor resolution, relation extraction) add to spaCy's own components.

    .venv/bin/python bench/components.py [N]
"""
from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

from kg.nlp.pipeline import OUR_COMPONENTS, make_nlp
from kg.settings import Settings


def main(copies: int) -> None:
    nlp = make_nlp(Settings())
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path("seeds").glob("*.txt"))] * copies
    seconds: dict[str, float] = defaultdict(float)
    for text in texts:
        doc = nlp.make_doc(text)
        for name, component in nlp.pipeline:
            started = time.perf_counter()
            doc = component(doc)
            seconds[name] += time.perf_counter() - started
    stock = sum(v for k, v in seconds.items() if k not in OUR_COMPONENTS)
    ours = sum(v for k, v in seconds.items() if k in OUR_COMPONENTS)
    for name, value in seconds.items():
        print(f"{name:18} {value:8.2f} s")
    print(f"spaCy {stock:.2f} s; ours {ours:.2f} s = {ours / stock:.1%} of spaCy "
          f"(relation extraction alone {seconds['akg_relations'] / stock:.1%})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
