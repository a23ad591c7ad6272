"""FAQ matcher: speed and memory at 10,000 phrasings, accuracy against difflib and BM25.

    .venv/bin/python benchmarks/bench_faq.py [--phrasings 10000] [--queries 2000]

Accuracy is measured on the labelled set tests/data/faq_eval.yaml with the real knowledge.
Side by side, every matcher is scored the same way: its best entry is right (top-1, "ranked").
For ours the figure users see is printed too: top-1 counting only answers given (band not
"none"), with the out-of-scope rejection rate. Speed and memory are measured on the real
knowledge grown synthetically (perturbed copies of real phrasings under new entry ids).
Last line: ``faq: top1=<A> bm25=<B> difflib=<C> p99_ms=<N> phrasings=<N>``
"""

from __future__ import annotations

import argparse
import difflib
import gc
import random
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import yaml
from rank_bm25 import BM25Okapi

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.core.faq.evaluate import evaluate  # noqa: E402
from bot.core.faq.knowledge import FaqEntry, Knowledge, load_knowledge  # noqa: E402
from bot.core.faq.matcher import FaqMatcher, Thresholds  # noqa: E402

SYNONYMS = ROOT / "knowledge" / "synonyms.yaml"


def grow(knowledge: Knowledge, target: int, rng: random.Random) -> Knowledge:
    """The real entries plus perturbed copies (shuffled, dropped and swapped words)."""
    entries = dict(knowledge.entries)
    originals = [(e, lang, q) for e in knowledge.entries.values()
                 for lang, qs in e.questions.items() for q in qs]
    words = sorted({w for _, _, q in originals for w in q.split()})
    count = len(originals)
    n = 0
    while count < target * 1.01:  # a few perturbed copies normalise to nothing
        base, lang, _ = originals[n % len(originals)]
        questions = []
        for q in base.questions.get(lang, [])[:8]:
            ws = q.split()
            rng.shuffle(ws)
            if len(ws) > 2:
                ws.pop(rng.randrange(len(ws)))
            ws.insert(rng.randrange(len(ws) + 1), rng.choice(words))
            questions.append(" ".join(ws))
        eid = f"synthetic-{n}"
        entries[eid] = FaqEntry(eid, "synthetic", base.title, {lang: questions}, base.answer)
        count += len(questions)
        n += 1
    return Knowledge(entries)


def pct(values: list[float], p: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def bench_ours(knowledge: Knowledge, queries: list[str], rounds: int) -> dict:
    gc.collect()
    tracemalloc.start()
    t0 = time.perf_counter()
    matcher = FaqMatcher.build(knowledge, SYNONYMS)
    build_s = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    th = Thresholds()
    times = []
    for i in range(rounds):
        q = queries[i % len(queries)]
        t = time.perf_counter()
        matcher.match(q, th)
        times.append((time.perf_counter() - t) * 1000)
    return {"phrasings": matcher.size, "build_s": build_s, "peak_mb": peak / 2**20,
            "p50": pct(times, 50), "p99": pct(times, 99), "qps": 1000 / statistics.mean(times)}


def baseline_accuracy(knowledge: Knowledge, items: list[dict]) -> dict[str, tuple[float, float]]:
    phr = [(e.id, q.lower()) for e in knowledge.entries.values()
           for qs in e.questions.values() for q in qs]
    texts = [q for _, q in phr]
    bm25 = BM25Okapi([t.split() for t in texts])
    in_scope = [it for it in items if it.get("expect")]
    out = {}
    for name in ("bm25", "difflib"):
        hits = 0
        t0 = time.perf_counter()
        for it in in_scope:
            q = str(it["q"]).lower()
            if name == "bm25":
                scores = bm25.get_scores(q.split())
                best = max(range(len(texts)), key=scores.__getitem__)
            else:
                sm = difflib.SequenceMatcher(autojunk=False)
                sm.set_seq2(q)
                best, best_r = 0, -1.0
                for i, t in enumerate(texts):
                    sm.set_seq1(t)
                    if sm.real_quick_ratio() > best_r and sm.quick_ratio() > best_r:
                        r = sm.ratio()
                        if r > best_r:
                            best, best_r = i, r
            hits += phr[best][0] == it["expect"]
        ms = (time.perf_counter() - t0) * 1000 / max(len(in_scope), 1)
        out[name] = (hits / max(len(in_scope), 1), ms)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--phrasings", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--data", default=str(ROOT / "tests" / "data" / "faq_eval.yaml"))
    args = parser.parse_args()
    knowledge = load_knowledge(ROOT / "knowledge" / "faq")
    items = yaml.safe_load(Path(args.data).read_text(encoding="utf-8"))
    queries = [str(it["q"]) for it in items]

    matcher = FaqMatcher.build(knowledge, SYNONYMS)
    t0 = time.perf_counter()
    report = evaluate(matcher, items, Thresholds())
    ours_ms = (time.perf_counter() - t0) * 1000 / len(items)
    in_scope = [it for it in items if it.get("expect")]
    t0 = time.perf_counter()
    ranked = sum(max(matcher.scores(str(it["q"])).items(), key=lambda kv: kv[1],
                     default=("", 0.0))[0] == it["expect"] for it in in_scope) / len(in_scope)
    ranked_ms = (time.perf_counter() - t0) * 1000 / len(in_scope)
    base = baseline_accuracy(knowledge, items)
    print(f"labelled set: {report.in_scope} in scope, {report.out_of_scope} out of scope, "
          f"{matcher.size} phrasings")
    print(f"  ours     top1={ranked:.3f} {ranked_ms:.2f} ms/query (ranked)")
    for name, (acc, ms) in base.items():
        print(f"  {name:8s} top1={acc:.3f} {ms:.2f} ms/query")

    grown = grow(knowledge, args.phrasings, random.Random(7))
    speed = bench_ours(grown, queries, args.queries)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"grown index: {speed['phrasings']} phrasings, build {speed['build_s']:.2f}s, "
          f"build peak {speed['peak_mb']:.1f} MiB (tracemalloc), process max RSS {rss:.0f} MiB")
    print(f"  per query p50={speed['p50']:.2f}ms p99={speed['p99']:.2f}ms "
          f"qps={speed['qps']:.0f} (one core)")
    print(f"  ours as answered: top1={report.top1_rate:.3f} top3={report.top3_rate:.3f} "
          f"oos_rejected={report.rejection_rate:.3f} {ours_ms:.2f} ms/query")
    print(f"faq: top1={ranked:.3f} bm25={base['bm25'][0]:.3f} "
          f"difflib={base['difflib'][0]:.3f} p99_ms={speed['p99']:.2f} "
          f"phrasings={speed['phrasings']}")


if __name__ == "__main__":
    main()
