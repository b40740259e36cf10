"""Copy what a build of the handbook needs into another folder: tests and benchmarks build copies."""
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD_PARTS = ("mkdocs.yml", "mkdocs.en.yml", "main.py", "taxonomy.yml", "hooks", "docs", "overrides")


def copy_project(destination: Path, parts=BUILD_PARTS) -> Path:
    destination.mkdir(parents=True)
    for part in parts:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, destination / part)
    return destination
