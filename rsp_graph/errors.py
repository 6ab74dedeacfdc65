"""One exception tree for everything rsp-graph raises on purpose.

RSPGraphError
 ├── IngestError        a document could not be read or understood (names file and line)
 ├── ManifestError      a corpus manifest is malformed
 ├── ResolutionError    a name could not be resolved where one was required
 ├── StoreError         a store could not be opened, written or swapped
 │    └── StoreNotBuiltError   the store holds no graph yet
 ├── QueryError         a query is unknown, malformed, or lacks a parameter
 ├── ValidationError    SHACL or OWL consistency checks failed
 └── NotImplementedYet  a command exists but its feature has not landed

Every message says what went wrong and what the user can do about it.
"""

from __future__ import annotations

from pathlib import Path


class RSPGraphError(Exception):
    """Base class of every error rsp-graph raises deliberately."""


class IngestError(RSPGraphError):
    """A document could not be ingested.

    ``source`` is the file (or a label for in-memory text) and ``line`` the 1-based line
    where the problem was noticed, when there is one.
    """

    def __init__(self, message: str, *, source: str | Path | None = None, line: int | None = None):
        self.source = str(source) if source is not None else None
        self.line = line
        self.reason = message
        where = ""
        if self.source:
            where = f"{self.source}:{line}: " if line else f"{self.source}: "
        super().__init__(f"{where}{message}")


class ManifestError(RSPGraphError):
    """A corpus manifest could not be read or has entries that make no sense."""


class ResolutionError(RSPGraphError):
    """A name could not be resolved to a known actor or place."""


class StoreError(RSPGraphError):
    """A store could not be opened, written, swapped or exported."""


class StoreNotBuiltError(StoreError):
    """The store exists but holds no graph; run ``rsp-graph build`` first."""


class QueryError(RSPGraphError):
    """A named query is unknown, its SPARQL is invalid, or a parameter is missing."""


class ValidationError(RSPGraphError):
    """SHACL validation or the OWL consistency check failed."""

    def __init__(self, message: str, report: str | None = None):
        super().__init__(message)
        self.report = report


class NotImplementedYet(RSPGraphError):
    """A subcommand exists but the feature behind it has not landed yet."""
