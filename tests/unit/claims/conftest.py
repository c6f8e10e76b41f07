"""The claims tests' shared helpers (``_claims_helpers.py``), importable by name: the suite runs
with ``--import-mode=importlib``, which puts no test directory on ``sys.path``, and this file
is imported before the test modules beside it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "_claims_helpers", Path(__file__).with_name("_claims_helpers.py")
)
assert _spec and _spec.loader
_helpers = importlib.util.module_from_spec(_spec)
sys.modules["_claims_helpers"] = _helpers
_spec.loader.exec_module(_helpers)
