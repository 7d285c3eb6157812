"""Build the benchmark corpus: N news-length .txt documents, half French and half English, in a temp folder.

Paragraph pools come from the repository's examples/ (French and English articles) and from third-party texts
in ../shared/eval (English: ACLED notes, re3d sentences, toponyms_gold news articles; French: HIPE-2020
newspaper articles). Each document stacks paragraphs drawn with a fixed seed until it reaches a length drawn
between 1,500 and 4,500 characters, so runs are reproducible. The corpus is generated at bench time and never
committed (several of those licences forbid redistribution).
"""
from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Optional

MIN_CHARS, MAX_CHARS = 1500, 4500


def _paragraphs(text: str, min_len: int = 40) -> list[str]:
    parts = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", text)]
    return [p for p in parts if len(p) >= min_len]


def _examples(examples: Path) -> dict[str, list[str]]:
    pools: dict[str, list[str]] = {"fr": [], "en": []}
    if not examples.is_dir():
        return pools
    for path in sorted(examples.glob("*.txt")):
        lang = path.name[:2]
        if lang in pools:
            pools[lang] += _paragraphs(path.read_text(encoding="utf-8", errors="replace"))
    return pools


def _hipe_fr(path: Path, max_docs: int = 200) -> list[str]:
    """French newspaper paragraphs rebuilt from the HIPE token-per-line TSV (NoSpaceAfter, EndOfSentence)."""
    out: list[str] = []
    tokens: list[str] = []
    sentences: list[str] = []

    def flush_doc() -> None:
        if tokens:
            sentences.append("".join(tokens).strip())
            tokens.clear()
        for i in range(0, len(sentences), 5):
            para = " ".join(s for s in sentences[i:i + 5] if s)
            if len(para) >= 80:
                out.append(para)
        sentences.clear()

    docs = 0
    with path.open(encoding="utf-8") as fp:
        for line in fp:
            if line.startswith("# hipe2022:document_id"):
                flush_doc()
                docs += 1
                if docs > max_docs:
                    break
                continue
            if line.startswith("#") or line.startswith("TOKEN\t") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            misc = cols[-1] if len(cols) > 1 else ""
            tokens.append(cols[0] + ("" if "NoSpaceAfter" in misc else " "))
            if "EndOfSentence" in misc:
                sentences.append("".join(tokens).strip())
                tokens.clear()
    flush_doc()
    return out


def _re3d(path: Path) -> list[str]:
    sents: list[str] = []
    words: list[str] = []
    with path.open(encoding="utf-8", errors="replace") as fp:
        for line in fp:
            if not line.strip():
                if words:
                    sents.append(re.sub(r" ([,.;:!?%)])", r"\1", " ".join(words)))
                    words = []
                continue
            words.append(line.split()[0])
    return [s for s in sents if len(s) >= 40]


def paragraph_pools(examples: Path, shared_eval: Optional[Path]) -> dict[str, list[str]]:
    """Paragraphs per language ("fr", "en") from examples/ and, when present, ../shared/eval."""
    pools = _examples(examples)
    if shared_eval is not None and shared_eval.is_dir():
        dev = shared_eval / "conflict_events_dev.jsonl"
        if dev.exists():
            for line in dev.open(encoding="utf-8"):
                row = json.loads(line)
                if row.get("text_kind") == "acled_notes" and row.get("text"):
                    pools["en"].append(" ".join(row["text"].split()))
        re3d = shared_eval / "re3d" / "re3d-train.conll"
        if re3d.exists():
            pools["en"] += _re3d(re3d)
        topo = shared_eval / "geoparsing" / "toponyms_gold.jsonl"
        if topo.exists():
            for line in topo.open(encoding="utf-8"):
                row = json.loads(line)
                if row.get("lang") == "en":
                    pools["en"] += _paragraphs(row.get("text") or "", 80)
        for name in ("HIPE-2022-v2.1-hipe2020-dev-fr.tsv", "HIPE-2022-v2.1-hipe2020-test-fr.tsv"):
            hipe = shared_eval / "hipe2020_fr" / name
            if hipe.exists():
                pools["fr"] += _hipe_fr(hipe)
    return pools


def build_corpus(out_dir: Path, n: int, examples: Path, shared_eval: Optional[Path], seed: int = 13) -> dict:
    """Write `n` documents (alternating fr/en) into `out_dir`; returns counts of docs and chars per language."""
    pools = paragraph_pools(examples, shared_eval)
    for lang, pool in pools.items():
        if not pool:
            raise SystemExit(f"bench: no {lang} text found in {examples} or {shared_eval}")
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    stats = {"docs": {"fr": 0, "en": 0}, "chars": {"fr": 0, "en": 0}, "pool_paragraphs": {k: len(v) for k, v in pools.items()}}
    for i in range(n):
        lang = "fr" if i % 2 == 0 else "en"
        target = rng.randint(MIN_CHARS, MAX_CHARS)
        paras: list[str] = []
        size = 0
        while size < target:
            p = rng.choice(pools[lang])
            paras.append(p)
            size += len(p) + 2
        text = "\n\n".join(paras) + "\n"
        (out_dir / f"bench_{i:05d}_{lang}.txt").write_text(text, encoding="utf-8")
        stats["docs"][lang] += 1
        stats["chars"][lang] += len(text)
    return stats
