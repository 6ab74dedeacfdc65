"""rsp-graph: Swedish regional service programme documents as a knowledge graph.

The public API is what this module exports; everything else is private by convention.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .build import build
from .errors import (
    IngestError,
    ManifestError,
    NotImplementedYet,
    QueryError,
    ResolutionError,
    RSPGraphError,
    StoreError,
    StoreNotBuiltError,
    ValidationError,
)
from .ingest import detect_kind, extract_file, extract_text
from .model import Extraction
from .query import run_query
from .repair import repair_text
from .store import Store, open_store

__all__ = [
    "Extraction",
    "IngestError",
    "ManifestError",
    "NotImplementedYet",
    "QueryError",
    "RSPGraphError",
    "ResolutionError",
    "Store",
    "StoreError",
    "StoreNotBuiltError",
    "ValidationError",
    "__version__",
    "build",
    "detect_kind",
    "extract_file",
    "extract_text",
    "open_store",
    "repair_text",
    "run_query",
]
