"""Shared, cheap, well-named fixtures (one conftest for the whole suite, as spaCy does)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", REPO.parent / "shared"))
SEEDS = SHARED / "seeds"
EVAL = SHARED / "eval"
EXAMPLES = REPO / "examples"

try:  # hypothesis profiles: a few minutes in CI, many more examples under `make fuzz`
    from hypothesis import HealthCheck, settings as hsettings

    # CI explores a fixed sequence (derandomize) so a run is reproducible; `make fuzz` explores new inputs.
    hsettings.register_profile("ci", max_examples=200, deadline=None, derandomize=True,
                               suppress_health_check=[HealthCheck.too_slow])
    hsettings.register_profile("fuzz", max_examples=20000, deadline=None,
                               suppress_health_check=[HealthCheck.too_slow])
    hsettings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
except ImportError:  # pragma: no cover
    pass


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared is absent")
    return SHARED


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS.exists() or not any(SEEDS.glob("*.txt")):
        pytest.skip("../shared/seeds is absent")
    return SEEDS


@pytest.fixture
def fresh_store():
    from eventwire.store import Store

    store = Store.open(":memory:")
    yield store
    store.close()


@pytest.fixture
def default_settings():
    from eventwire.settings import Settings

    return Settings.from_overrides({"today": "2026-11-23"})
