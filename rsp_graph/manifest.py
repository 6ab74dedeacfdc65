"""Corpus manifests: per-document metadata a text does not state (TOML).

```toml
[defaults]                      # applies to every document
region = "Region Jämtland Härjedalen"

[documents."plan-2017.txt"]
period = "2014-2020"            # the programme period the plan's goals belong to
year = 2017
kind = "action_plan"            # only when the content does not tell
```
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path

from .errors import ManifestError
from .ingest._document import DocumentMeta

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_KEYS = {"region", "year", "period", "county", "kind", "title"}
_KINDS = {"action_plan", "follow_up", "project_memo", "programme"}


@dataclass
class Manifest:
    source: str
    defaults: dict = field(default_factory=dict)
    documents: dict[str, dict] = field(default_factory=dict)

    def meta_for(self, file_name: str) -> DocumentMeta:
        entry = {**self.defaults, **self.documents.get(file_name, {})}
        extra = {k: v for k, v in entry.items() if k not in _KEYS}
        return DocumentMeta(region=entry.get("region"), year=entry.get("year"), period=entry.get("period"),
                            county=entry.get("county"), kind=entry.get("kind"), title=entry.get("title"),
                            extra=extra)


def load_manifest(path: Path | Traversable) -> Manifest:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ManifestError(f"{path}: the manifest does not exist") from None
    except tomllib.TOMLDecodeError as exc:
        raise ManifestError(f"{path}: not valid TOML: {exc}") from None
    manifest = Manifest(str(path), dict(data.get("defaults", {})), {})
    for name, entry in dict(data.get("documents", {})).items():
        if not isinstance(entry, dict):
            raise ManifestError(f"{path}: [documents.{name!r}] must be a table of keys")
        manifest.documents[name] = entry
    for where, entry in [("defaults", manifest.defaults), *manifest.documents.items()]:
        _check(path, where, entry)
    return manifest


def _check(path, where: str, entry: dict) -> None:
    period = entry.get("period")
    if period is not None and not re.fullmatch(r"(19|20)\d{2}-(19|20)\d{2}", str(period)):
        raise ManifestError(f"{path}: [{where}] period {period!r} must look like '2014-2020'")
    year = entry.get("year")
    if year is not None and not (isinstance(year, int) and 1950 <= year <= 2100):
        raise ManifestError(f"{path}: [{where}] year {year!r} must be a whole year such as 2017")
    kind = entry.get("kind")
    if kind is not None and kind not in _KINDS:
        raise ManifestError(f"{path}: [{where}] kind {kind!r} must be one of {', '.join(sorted(_KINDS))}")
