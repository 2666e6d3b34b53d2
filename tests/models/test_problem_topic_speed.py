"""The problem-topic scorer's shortcuts give what the longer way gave: phrases read as their
words are added (not joined and re-read per span), and scores read from a weight table with the
clause and sentence cues searched once (not from a feature dict per phrase). The earlier forms
are kept here as oracles; the scores must be the same floats, bit for bit."""

from __future__ import annotations

from bench.corpus_text import draft_of
from models.headline import problem_topic as pt
from models.headline import topic
from models.headline.lead import Lead, read_lead
from models.headline.subject import Subject, find_subject
from models.headline.topic import clause_runs, clean_topic, noun_head
from models.text import Document
from models.tokenize import pos_tag
from training.dataset import read_corpus


def _earlier_clean_words(words: list[str], a: int, b: int, body: str) -> bool:
    text = "".join(words[a:b])
    if text.count("“") != text.count("”") or pt._tag(words[b - 1]) in pt._NOT_HEAD:
        return False
    if any(pt._tag(w) == "nr" and len(w) != 2 for w in words[a:b]):
        return False
    if b < len(words) and words[b] in ("了", "着", "过"):
        return False
    unknown = any(not pt._tag(w) and not w.startswith("“") for w in words[a:b])
    return not unknown or body.count(text) >= 2


def _earlier_cuts_place(text: str, place: str) -> bool:
    return any(text.startswith(place[i:]) for i in range(1, len(place)))


def _earlier_spans(lead: Lead, subject: Subject) -> dict[str, pt._Span]:
    found: dict[str, pt._Span] = {}
    longest = pt.MAX_LEN + len(subject.actor) + len(subject.place) + 8
    for index, clause in enumerate(lead.clauses):
        if clause.sentence >= pt.SENTENCES:
            break
        if pt._EXAMPLE.search(clause.text) or pt._ADVICE.match(clause.text):
            continue
        words = clause_runs(lead, index)[0]
        for i, j in pt._runs(words):
            for a in range(i, j):
                single = pt._starts_ok(words, a, a + 1)
                multi = j > a + 1 and pt._starts_ok(words, a, a + 2)
                if not (multi if j > a + 1 else single):
                    continue
                length = 0
                for b in range(a + 1, j + 1):
                    length += len(words[b - 1])
                    if length > longest:
                        break
                    if not noun_head(words[b - 1]) or not (multi if b > a + 1 else single):
                        continue
                    text = clean_topic("".join(words[a:b]), subject)
                    if text in found or not pt.MIN_LEN <= len(text) <= pt.MAX_LEN:
                        continue
                    if pt._DIGIT.search(text) or _earlier_cuts_place(text, subject.place):
                        continue
                    if pt._FRAGMENT.match(text) and not pos_tag(text[:2]):
                        continue
                    if not _earlier_clean_words(words, a, b, lead.text):
                        continue
                    if pt._NOT_TOPIC_START.match(text):
                        continue
                    if subject.place and subject.place in text:
                        continue
                    found[text] = pt._Span(
                        clause.sentence,
                        a,
                        b - a,
                        words[b - 1],
                        "".join(words[b:]),
                        clause.text,
                        lead.sentences[clause.sentence],
                        a == i and b == j,
                    )
    return found


def _leads() -> list[Lead]:
    docs = [Document.from_text(r.get("title", ""), r["body"]) for r in read_corpus()[::3]]
    docs += [Document.from_text("", draft_of(1500, offset=7 * i)) for i in range(30)]
    return [read_lead(d) for d in docs]


def _subjects(lead: Lead) -> list[Subject]:
    """The draft's own subject, and others whose names cut into its phrases."""
    found = find_subject(lead)
    return [found, Subject("", ""), Subject("某川县", "某川县农业农村局"), Subject("县", "县委")]


def test_spans_and_scores_as_their_earlier_forms() -> None:
    spans = scored = 0
    for lead in _leads():
        for subject in _subjects(lead):
            earlier = _earlier_spans(lead, subject)
            now = pt.spans(Lead(lead.text, lead.sentences, lead.clauses, lead.source), subject)
            assert list(now.items()) == list(earlier.items())
            spans += len(now)
            for (text, score), (text2, span) in zip(
                [(t.text, t.score) for t in pt._scores(now, lead.text)],
                earlier.items(),
                strict=True,
            ):
                assert text == text2
                assert score == pt._score(pt.features(text, span, lead.text)), text
                scored += 1
    assert spans > 2000 and scored == spans


def test_a_table_is_read_again_for_new_weights() -> None:
    w = pt.weights()
    assert w, "problem_topics.json is shipped"
    assert pt._table(w) is pt._table(w)
    other = dict(w, count=w["count"] + 1.0)
    assert pt._table(other).count == w["count"] + 1.0
    assert pt._table(w).count == w["count"]


def _earlier_topic_runs(words: list[str]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        if not topic._nominal(words[i]) or words[i] in topic._ACTIVITY:
            i += 1
            continue
        j = i + 1
        while j < len(words) and (topic._nominal(words[j]) or topic._inner_verb(words, j)):
            j += 1
        end = j
        while end > i and not noun_head(words[end - 1]):
            end -= 1
        if end > i and not topic._UNIT.search("".join(words[i:end])):
            runs.append((i, end))
        i = j
    return runs


def test_topic_runs_as_their_earlier_form() -> None:
    runs = 0
    for lead in _leads():
        for clause in lead.clauses:
            words = topic._unit_words(clause.words)
            assert topic._runs(words) == _earlier_topic_runs(words)
            runs += len(words)
    assert runs > 20000
