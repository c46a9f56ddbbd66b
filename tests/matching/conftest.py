"""Fixtures of the matching tests."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest


@pytest.fixture(scope="session")
def bench_match() -> ModuleType:
    """``bench/match.py`` as a module: its generator makes needs and offers like the benchmark's."""
    spec = importlib.util.spec_from_file_location("bench_match", Path(__file__).parents[2] / "bench" / "match.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
