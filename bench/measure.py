"""One measurement, in a process of its own (so that its peak RSS is its own), printed as JSON.

    python -m bench.measure raw CORPUS              the stock pipeline's nlp.pipe alone
    python -m bench.measure build CORPUS OUTPUT --workers N
    python -m bench.measure rerun CORPUS OUTPUT     kg build again on an unchanged corpus
    python -m bench.measure touch CORPUS OUTPUT     kg build again after one document changed

Times start after the model is loaded (and has parsed one short text, so that lazy set-up is
not counted either); `build` counts everything `kg build` does and writes. Each measurement
gives its wall time (`seconds`) and its CPU time (`cpu_seconds`: this process, its threads and
its worker processes), which other work on the machine disturbs much less.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

from bench.corpus import texts

WARM_UP = "The envoy met the minister in Geneva on Monday."


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def cpu_seconds() -> float:
    usages = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return sum(usage.ru_utime + usage.ru_stime for usage in usages)


def raw(corpus: Path) -> dict[str, object]:
    import spacy

    from kg.settings import Settings

    settings = Settings()
    nlp = spacy.load(settings.model)
    nlp(WARM_UP)
    started, cpu = time.perf_counter(), cpu_seconds()
    documents = tokens = 0
    for doc in nlp.pipe((path.read_text(encoding="utf-8") for path in texts(corpus)), batch_size=settings.batch_size):
        documents += 1
        tokens += len(doc)
    return {"seconds": time.perf_counter() - started, "cpu_seconds": cpu_seconds() - cpu,
            "documents": documents, "tokens": tokens,
            "model": settings.model, "batch_size": settings.batch_size, "peak_rss_mb": peak_rss_mb()}


def build(corpus: Path, output: Path, workers: int) -> dict[str, object]:
    from kg import api
    from kg.nlp.parallel import preload
    from kg.settings import Settings

    settings = Settings(workers=workers)
    preload(settings)(WARM_UP)
    started, cpu = time.perf_counter(), cpu_seconds()
    report = api.build_to(output, [corpus], settings)
    return {"seconds": time.perf_counter() - started, "cpu_seconds": cpu_seconds() - cpu,
            "documents": report.documents, "tokens": report.tokens,
            "claims": sum(report.claims.values()), "reused": report.reused, "workers": workers,
            "peak_rss_mb": peak_rss_mb(), "peak_rss_workers_mb": peak_rss_mb(resource.RUSAGE_CHILDREN)}


def rerun(corpus: Path, output: Path) -> dict[str, object]:
    from kg import api
    from kg.settings import Settings

    started, cpu = time.perf_counter(), cpu_seconds()
    report = api.build_to(output, [corpus], Settings(workers=1))
    return {"seconds": time.perf_counter() - started, "cpu_seconds": cpu_seconds() - cpu,
            "documents": report.documents, "reused": report.reused,
            "spacy_loaded": "spacy" in sys.modules, "peak_rss_mb": peak_rss_mb()}


def touch(corpus: Path, output: Path) -> dict[str, object]:
    """Change one document (a sentence more), then build again: the time includes loading spaCy."""
    from kg import api
    from kg.settings import Settings

    changed = texts(corpus)[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nRussia supports the Syrian government.\n",
                       encoding="utf-8")
    started = time.perf_counter()
    report = api.build_to(output, [corpus], Settings(workers=1))
    return {"seconds": time.perf_counter() - started, "documents": report.documents, "reused": report.reused,
            "peak_rss_mb": peak_rss_mb()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("raw", "build", "rerun", "touch"))
    parser.add_argument("corpus", type=Path)
    parser.add_argument("output", type=Path, nargs="?")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    if args.what == "raw":
        result = raw(args.corpus)
    elif args.what == "build":
        result = build(args.corpus, args.output, args.workers)
    elif args.what == "rerun":
        result = rerun(args.corpus, args.output)
    else:
        result = touch(args.corpus, args.output)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
