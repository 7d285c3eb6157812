"""eventwire: raw news reports (fr, en, ar) -> a structured, geocoded, dated, source-attributed conflict-event database."""
__version__ = "0.1.0"
