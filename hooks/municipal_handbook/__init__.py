"""Domain of the methods handbook for international municipal exchange (no MkDocs import)."""
from .handbook import Handbook, LoadResult, content_files, load_for_preview, load_handbook
from .model import Case, Instrument, Location, Method, Recommendation, Sector, Taxonomy, Term, Theme
from .problems import Problem

__all__ = ["Case", "Handbook", "Instrument", "LoadResult", "Location", "Method", "Problem",
           "Recommendation", "Sector", "Taxonomy", "Term", "Theme", "content_files", "load_for_preview",
           "load_handbook"]
