"""`make bench`: throughput of `eventwire extract` against bare spaCy NER on the same documents.

Builds a corpus of N news-length French and English documents (bench/corpus.py) in a temp folder, then runs,
each as a fresh process: (1) `eventwire extract DIR --format jsonl -o FILE`, (2) the reference — bare spaCy
`nlp.pipe` with the same models on the same documents, only tok2vec + ner enabled — and (3) a cold start:
`eventwire extract` on one example article, timed from process start to the first event line on stdout.
Reports docs/s, chars/s, peak RSS (the child's ru_maxrss) and the eventwire/spaCy time ratio, and writes
bench/RESULTS.md with the date and machine description.

    python bench/run.py [--n 300] [--out bench/RESULTS.md] [--keep]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Optional

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from corpus import build_corpus  # noqa: E402


def run_child(cmd: list[str], env: Optional[dict[str, str]] = None) -> dict[str, Any]:
    """Run a command; wall seconds, peak RSS (MiB) of that child, exit code, and time to its first stdout line."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True, bufsize=1)
    first: Optional[float] = None
    lines = 0
    last = ""
    assert proc.stdout is not None and proc.stderr is not None
    for line in proc.stdout:
        if line.strip():
            if first is None:
                first = time.perf_counter() - started
            lines += 1
            last = line.strip()
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {"seconds": wall, "peak_rss_mib": usage.ru_maxrss / 1024, "rc": proc.returncode,
            "first_line_seconds": first, "stdout_lines": lines, "last_line": last[:2000], "stderr": stderr[-2000:]}


REFERENCE = r"""
import json, sys, time
from pathlib import Path
t0 = time.perf_counter()
from eventwire.nlp import get_nlp
from eventwire.settings import Settings
settings = Settings.from_overrides({})
files = sorted(Path(sys.argv[1]).glob("*.txt"))
by_lang = {}
for f in files:
    by_lang.setdefault(f.stem.rsplit("_", 1)[-1], []).append(f.read_text(encoding="utf-8"))
models = {lang: get_nlp(lang, settings) for lang in by_lang}
loaded = time.perf_counter()
ents = 0
for lang, texts in sorted(by_lang.items()):
    nlp = models[lang]
    keep = [n for n in nlp.pipe_names if n in ("tok2vec", "ner")]
    with nlp.select_pipes(enable=keep):
        for doc in nlp.pipe(texts, batch_size=int(settings.batch_size)):
            ents += len(doc.ents)
done = time.perf_counter()
print(json.dumps({"entities": ents, "docs": len(files), "pipe_seconds": done - loaded, "total_seconds": done - t0}))
"""


def bench(n: int, keep: bool, out: Path) -> dict[str, Any]:
    from eventwire.evaluate_report import machine_description, shared_dir

    bin_dir = Path(sys.executable).parent
    eventwire = str(bin_dir / "eventwire") if (bin_dir / "eventwire").exists() else shutil.which("eventwire") or "eventwire"
    shared = shared_dir()
    tmp = Path(tempfile.mkdtemp(prefix="eventwire-bench-"))
    corpus_dir = tmp / "corpus"
    stats = build_corpus(corpus_dir, n, ROOT / "examples", shared / "eval" if shared else None)
    chars = sum(stats["chars"].values())
    print(f"bench: corpus of {n} docs, {chars:,} chars in {corpus_dir}", file=sys.stderr)

    env = dict(os.environ)
    events_file = tmp / "events.jsonl"
    extract = run_child([eventwire, "extract", str(corpus_dir), "--format", "jsonl", "-o", str(events_file)], env=env)
    if extract["rc"] != 0:
        print(extract["stderr"], file=sys.stderr)
    n_events = sum(1 for _ in events_file.open(encoding="utf-8")) if events_file.exists() else 0
    print(f"bench: extract {extract['seconds']:.1f}s rc={extract['rc']} events={n_events}", file=sys.stderr)

    script = tmp / "reference.py"
    script.write_text(REFERENCE, encoding="utf-8")
    ref = run_child([sys.executable, str(script), str(corpus_dir)], env=env)
    ref_info: dict[str, Any] = json.loads(ref["last_line"]) if ref["rc"] == 0 and ref["last_line"] else {}
    print(f"bench: spaCy NER reference {ref['seconds']:.1f}s rc={ref['rc']}", file=sys.stderr)

    cold_doc = _cold_start_document(corpus_dir)
    cold = run_child([eventwire, "extract", str(cold_doc), "--format", "jsonl"], env=env)
    print(f"bench: cold start to first event {cold['first_line_seconds']}", file=sys.stderr)

    result = {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine_description(),
        "n_docs": n, "chars": chars, "corpus": stats, "events": n_events,
        "extract": {k: v for k, v in extract.items() if k not in ("stderr", "last_line")},
        "reference": {**{k: v for k, v in ref.items() if k not in ("stderr", "last_line")}, **ref_info},
        "cold_start": {"document": cold_doc.name, **{k: v for k, v in cold.items() if k not in ("stderr", "last_line")}},
        "extract_stderr_tail": extract["stderr"].strip().splitlines()[-3:],
    }
    if not keep:
        shutil.rmtree(tmp, ignore_errors=True)
    else:
        result["corpus_dir"] = str(corpus_dir)
    return result


def _cold_start_document(corpus_dir: Path) -> Path:
    """An example article with an event in its first sentences, else the first English corpus document."""
    for name in ("en_rockets_ain_al_asad.txt", "fr_drones_base_harir.txt"):
        path = ROOT / "examples" / name
        if path.exists():
            return path
    examples = sorted((ROOT / "examples").glob("*.txt"))
    return examples[0] if examples else sorted(corpus_dir.glob("*_en.txt"))[0]


def render(r: dict[str, Any]) -> str:
    """bench/RESULTS.md from the numbers of one run."""
    from eventwire.evaluate_report import machine_line

    ex, ref, cold = r["extract"], r["reference"], r["cold_start"]
    n, chars = r["n_docs"], r["chars"]

    def rate(seconds: Optional[float], amount: float) -> str:
        return f"{amount / seconds:,.1f}" if seconds else "–"

    ratio = ex["seconds"] / ref["seconds"] if ref.get("seconds") else None
    pipe_ratio = ex["seconds"] / ref["pipe_seconds"] if ref.get("pipe_seconds") else None
    ratio_text = f"**{ratio:.1f}×** the time of bare spaCy NER (whole processes)" if ratio else "–"
    if pipe_ratio:
        ratio_text += f"; {pipe_ratio:.1f}× the NER pipe alone (models already loaded)"
    if cold.get("first_line_seconds") is not None:
        cold_text = (f"**{cold['first_line_seconds']:.1f} s** from process start to the first JSONL line of "
                     f"`eventwire extract {cold['document']} --format jsonl` (whole process {cold['seconds']:.1f} s, "
                     f"peak RSS {cold['peak_rss_mib']:.0f} MiB)")
    else:
        cold_text = f"no event line was printed for {cold['document']} (exit {cold['rc']})"
    lines = [
        "# eventwire throughput benchmark",
        "",
        "Generated by `make bench` (`python bench/run.py`); do not edit by hand.",
        "",
        f"- Date: {r['date']}",
        f"- Machine: {machine_line(r['machine'])}",
        f"- Corpus: {n} documents ({r['corpus']['docs']['fr']} French, {r['corpus']['docs']['en']} English), "
        f"{chars:,} characters ({chars / n:,.0f} per document); paragraphs from examples/ and ../shared/eval "
        "texts assembled at bench time (bench/corpus.py), never committed",
        "",
        "| run | wall s | docs/s | chars/s | peak RSS MiB | notes |",
        "|---|---:|---:|---:|---:|---|",
        f"| `eventwire extract DIR --format jsonl -o FILE` | {ex['seconds']:.1f} | {rate(ex['seconds'], n)} | "
        f"{rate(ex['seconds'], chars)} | {ex['peak_rss_mib']:.0f} | {r['events']} events, exit {ex['rc']}; "
        "includes process start, model and gazetteer loading |",
        f"| bare spaCy NER (`nlp.pipe`, tok2vec+ner only, same models and documents) | {ref.get('seconds', 0):.1f} | "
        f"{rate(ref.get('seconds'), n)} | {rate(ref.get('seconds'), chars)} | {ref.get('peak_rss_mib', 0):.0f} | "
        f"{ref.get('entities', '–')} entities; the pipe alone {ref.get('pipe_seconds', 0):.1f} s "
        f"({rate(ref.get('pipe_seconds'), n)} docs/s) |",
        "",
        f"- eventwire takes {ratio_text}.",
        f"- Cold start to the first event: {cold_text}.",
        "- Each run is a fresh process on a warm file cache, one worker (settings.workers = 1).",
    ]
    if r.get("extract_stderr_tail"):
        lines.append("- eventwire's own summary: `" + " ".join(r["extract_stderr_tail"])[:400].replace("`", "'") + "`")
    return "\n".join(lines) + "\n"


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="eventwire throughput benchmark")
    parser.add_argument("--n", type=int, default=300, help="documents in the corpus (default 300)")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--json", type=Path, default=None, help="also write the raw numbers as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the generated corpus and outputs")
    args = parser.parse_args(argv)
    result = bench(args.n, args.keep, args.out)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(result), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    return 0 if result["extract"]["rc"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
