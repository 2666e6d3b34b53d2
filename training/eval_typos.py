"""错别字与规范用语 (issue 17): recall on injected typos, false flags on clean text.

    python -m training.eval_typos            # figures
    python -m training.eval_typos --show     # also list every false flag and every miss

Injection: every confusion pair of models/rules/data/wording.yml (a term entry's `use` →
`term`) and every pattern rule's error is put into sentences of the clean corpus that carry
the right form (our corpus only, never the real set); pairs the corpus does not carry get
the carrier sentences of training/eval/typo_carriers.txt (written for this project). A case
is caught when a `wording` flag overlaps the injected span.

False flags: every `wording` flag on the clean corpus, the independent set and the real dev
set (`../shared/realtext/dev.jsonl`, measurement only: only ids and flagged strings are
printed), per 10,000 characters.
"""

from __future__ import annotations

import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

from models.rules.engine import default_rules
from models.text import Document
from training.realtext import DEV_SET, read_jsonl

ROOT = Path(__file__).resolve().parent.parent
CORPUS = [
    *sorted((ROOT / "training" / "corpus").glob("*.jsonl")),
    *sorted((ROOT / "training" / "corpus" / "v2").glob("*.jsonl")),
    ROOT / "training/eval/independent.jsonl",
]
CARRIERS = ROOT / "training" / "eval" / "typo_carriers.txt"
PER_PAIR = 6  # injected cases per term pair at most (the corpus is rich in some forms)
PER_PATTERN = 25  # cases per pattern rule
SEED = 17

Case = tuple[str, str, int, int]  # (pair label, sentence with the typo, start, end)


def sentences() -> list[str]:
    """Sentences of the clean corpus (ours), then the carrier sentences."""
    out: list[str] = []
    for path in CORPUS:
        for item in read_jsonl(path):
            out.extend(s for s in re.split(r"(?<=[。！？；])|\n", item["body"]) if 8 <= len(s))
    out.extend(line.strip() for line in CARRIERS.read_text(encoding="utf-8").splitlines())
    return [s for s in out if s and not s.startswith("#")]


def _wording(doc: Document) -> list:
    return [f for f in default_rules().check(doc) if f.kind == "wording"]


def _clean(sentence: str) -> bool:
    return not _wording(Document.from_text("", sentence))


def term_pairs() -> list[tuple[str, str]]:
    pairs = []
    for rule in default_rules().rules:
        if rule.kind == "wording" and rule.type == "terms":
            pairs.extend((t.term, t.use) for t in rule.terms if t.use and t.use != t.term)
    return pairs


def _replace_cases(label: str, sents: list[str], rx: str, repl, limit: int) -> Iterator[Case]:
    """Cases from sentences where `rx` matches: the match replaced by repl(match)."""
    pat = re.compile(rx)
    n = 0
    for s in sents:
        m = pat.search(s)
        if m is None:
            continue
        new = repl(m)
        text = s[: m.start()] + new + s[m.end() :]
        yield label, text, m.start(), m.start() + len(new)
        n += 1
        if n >= limit:
            return


_ADVERBS = "认真|积极|扎实|切实|深入|主动|大力|全力|不断|逐步|迅速|及时|坚决|努力|严格|稳步"
_VERBS = "推进|开展|落实|做好|抓好|推动|加强|组织|实施|整改|排查|化解|完成|解决|参与"

# pattern rules: (label, regex on a clean sentence, replacement)
PATTERN_INJECTIONS: list[tuple[str, str, object]] = [
    ("截至→截止", r"截至(?=[0-9]|目前|当前|年底|年末|上半年)", lambda m: "截止"),
    (
        "必须→必需",
        r"必须(?=要|加强|坚持|严格|切实|认真|落实|做好|把|进一步|确保|依法|强化)",
        lambda m: "必需",
    ),
    ("既→即", r"既(?=[要有是能][^。；]{1,30}又)", lambda m: "即"),
    ("地→的", rf"(?:{_ADVERBS})地?(?={_VERBS})", lambda m: m.group().rstrip("地") + "的"),
    (
        "得→的",
        r"(?:进行|落实|推进|开展|完成|做|抓)得(?=很|非常|十分|更加|比较)",
        lambda m: m.group()[:-1] + "的",
    ),
    ("的→的的", r"[\u4e00-\u9fa5]的(?=[\u4e00-\u9fa5])", lambda m: m.group() + "的"),
    ("了→了了", r"(?<!为|除)了(?=[\u4e00-\u9fa5])", lambda m: "了了"),
    ("词语重复", r"(?<=[，。；])(?:进一步|全面|加快|推动|持续|着力|深入)", lambda m: m.group() * 2),
    ("，→，，", r"(?<=[\u4e00-\u9fa5])，(?=[\u4e00-\u9fa5])", lambda m: "，，"),
    ("，→,", r"(?<=[\u4e00-\u9fa5])，(?=[\u4e00-\u9fa5][^，]*，)", lambda m: ","),
]


def injected_cases() -> list[Case]:
    rng = random.Random(SEED)
    sents = sentences()
    rng.shuffle(sents)
    clean = [s for s in sents if _clean(s)]
    cases: list[Case] = []
    for term, use in term_pairs():
        cases.extend(
            _replace_cases(f"{use}→{term}", clean, re.escape(use), lambda m, t=term: t, PER_PAIR)
        )
    for label, rx, repl in PATTERN_INJECTIONS:
        cases.extend(_replace_cases(label, clean, rx, repl, PER_PATTERN))
    return cases


def recall(cases: list[Case]) -> tuple[dict[str, list[int]], list[Case]]:
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    missed: list[Case] = []
    for label, text, s, e in cases:
        hits = [f for f in _wording(Document.from_text("", text)) if f.start < e and s < f.end]
        per[label][1] += 1
        if hits:
            per[label][0] += 1
        else:
            missed.append((label, text, s, e))
    return per, missed


def false_flags(paths: list[Path]) -> tuple[int, int, list[tuple[str, str, str]]]:
    chars, found = 0, []
    for path in paths:
        for item in read_jsonl(path):
            title, body = item.get("title") or "", item.get("body") or ""
            chars += len(title) + len(body)
            for f in _wording(Document.from_text(title, body)):
                found.append((item["id"], f.rule, f.text))
    return chars, len(found), found


def main(argv: list[str]) -> int:
    show = "--show" in argv
    cases = injected_cases()
    per, missed = recall(cases)
    caught = sum(c for c, _ in per.values())
    total = sum(n for _, n in per.values())
    print(
        f"injected: {total} cases over {len(per)} confusion pairs; "
        f"recall {caught / max(total, 1):.3f} ({caught}/{total})"
    )
    weak = {k: v for k, v in per.items() if v[0] < v[1]}
    for label, (c, n) in sorted(weak.items()):
        print(f"  {label}: {c}/{n}")
    if show:
        for label, text, s, e in missed:
            print(f"  MISS {label}: …{text[max(0, s - 15) : e + 15]}…")
    sets = [("clean corpus + independent", CORPUS)]
    if DEV_SET.exists():
        sets.append(("real dev set", [DEV_SET]))
    for name, paths in sets:
        chars, n, found = false_flags(paths)
        print(f"{name}: {n} flags on {chars} chars = {n * 10000 / max(chars, 1):.2f} per 10,000")
        print("  by rule:", dict(Counter(r for _, r, _ in found).most_common()))
        if show:
            for ident, rule, text in found:
                print(f"  FLAG {ident} {rule} {text!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
