from __future__ import annotations

import importlib.util
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "ingest"


GOLD = ROOT / "tests" / "gold"


def load_evaluator():
    """The shared extraction evaluator: ../shared's copy when present, else the one kept in tests/.

    tests/gold and tests/eval_extraction.py are copies of the hand-labelled gold and the
    evaluator, so that a clean checkout scores itself the same way.
    """
    path = SHARED / "tools" / "eval_extraction.py"
    if not path.exists():
        path = ROOT / "tests" / "eval_extraction.py"
    spec = importlib.util.spec_from_file_location("eval_extraction", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(params=["memory", "oxigraph"])
def store_url(request, tmp_path) -> str:
    return "memory:" if request.param == "memory" else f"oxigraph:{tmp_path / 'store'}"


# The CLI runs from a neutral directory so that it imports the installed package, as a
# user's shell would, and not the source folder beside the tests.
CLI = [sys.executable, "-m", "rsp_graph.cli"]
NEUTRAL_CWD = tempfile.gettempdir()


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env=env, timeout=600,
                          cwd=NEUTRAL_CWD)
