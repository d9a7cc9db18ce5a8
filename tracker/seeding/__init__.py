"""Loading reference and example data from the YAML files in seed/, and generating synthetic data."""
from __future__ import annotations

from pathlib import Path

from tracker.seeding.loader import SeedError, load_seed, read_seed_file

SEED_DIR = Path(__file__).resolve().parents[2] / "seed"


def default_seed_files() -> list[Path]:
    """Every seed/*.yaml, in name order (01-reference before 02-bodies ...)."""
    return sorted(SEED_DIR.glob("*.yaml"))


__all__ = ["SEED_DIR", "SeedError", "default_seed_files", "load_seed", "read_seed_file"]
