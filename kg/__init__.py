"""actor-kg: a knowledge graph of actors and of the relationships news texts claim between them.

    import kg
    dataset = kg.build(["seeds/"])          # rdflib.Dataset, one named graph per document
    kg.write_outputs(dataset, Path("output"))
"""
from __future__ import annotations

from .api import build, build_to, export, load, named_queries, query, stats, validate, visualise, write_outputs
from .settings import Settings

__all__ = ["Settings", "build", "build_to", "export", "load", "named_queries", "query", "stats", "validate",
           "visualise", "write_outputs"]
