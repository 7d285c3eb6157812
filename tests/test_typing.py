"""Gradual typing is enforced: mypy (check_untyped_defs, strict_equality; see pyproject.toml) passes on the package."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(shutil.which("mypy") is None and not (Path(sys.executable).parent / "mypy").exists(),
                    reason="mypy is not installed (it comes with the [test] extra)")
def test_mypy_passes_on_the_package():
    exe = Path(sys.executable).parent / "mypy"
    cmd = [str(exe) if exe.exists() else "mypy", "--no-error-summary", "src/eventwire"]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
