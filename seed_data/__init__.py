"""The curated seed, installed as ``app.seed_data`` (pyproject.toml maps this folder into the package)."""
