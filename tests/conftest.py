from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "ingest"


def load_evaluator():
    """The shared extraction evaluator, if the checkout has ../shared beside it."""
    path = SHARED / "tools" / "eval_extraction.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("eval_extraction", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(params=["memory", "oxigraph"])
def store_url(request, tmp_path) -> str:
    return "memory:" if request.param == "memory" else f"oxigraph:{tmp_path / 'store'}"


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rsp_graph.cli", *args], capture_output=True, text=True,
                          env=env, timeout=600)
