"""PeaceKB: a provenance-first knowledge base of the 2025 Ukraine–Russia peace talks."""

__version__ = "0.1.0"
