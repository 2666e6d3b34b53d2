"""The well-formedness gate: every candidate passes it or is dropped.

A candidate must start with a subject or a topic noun phrase (not a function character or a
verb fragment), repeat no word (农村农村), leave no enumerator dangling (一是、（二）), copy
every number with its unit from the text, keep to 8–30 characters, claim results (见成效,
取得新进展) only when the text reports some, and not be what our own title rules flag
(meeting-style titles, inner punctuation).
"""

from __future__ import annotations

import re

from models.tokenize import pos_tag

MIN_CHARS, MAX_CHARS = 8, 30
_FUNCTION_START = set("的了在对和与及或而并也就都是为把被从向自将于以等之其此该我你他她它这那")
_VERB_START = re.compile(
    r"^(加强|推进|推动|开展|完成|实现|坚持|提升|做好|抓好|落实|进一步|全面|持续|切实)"
)
_NOT_NOUN = {"v", "vd", "vi", "d", "p", "c", "u", "uj", "r", "m", "q", "f", "ad", "t", "y", "e"}
_REPEAT = re.compile(r"([\u4e00-\u9fa5]{2,6})\1")
_ENUMERATOR = re.compile(
    r"([一二三四五六七八九十]是|[一二三四五六七八九十]、|[（(][一二三四五六七八九十0-9][）)]|其一|首先|第[一二三四五六七八九十]条)"
)
_DANGLING_END = re.compile(r"[、和及与等的了着对在把被将从向为，：]$")
_NUMBER = re.compile(r"([0-9]+(?:\.[0-9]+)?)(?:%|[\u4e00-\u9fa5])?")
_CLAIM = re.compile(r"(见成效|取得新进展|取得新成效|成效明显|成效显著|取得实效)")
_MEETING = re.compile(
    r"(召开|举行|举办|启动仪式|开幕式|签约仪式|揭牌仪式|座谈会|推进会|调度会|动员会|培训班|工作会议|会议$)"
)
_PUNCT_INSIDE = re.compile(r"[，。；！？,;!?]")
# 「A局会同B局…」: two units joined by a verb are not one acting unit (a broken subject)
_JOINT = re.compile(r"(局|委|办|中心|政府|会)(会同|联合|协同|牵头|配合)")
_FIRST_PERSON = re.compile(r"(我县|我市|我区|我镇|我乡|我省|我们|我局|我委)")


def _numbers_from_text(candidate: str, text: str) -> bool:
    """Each number, with the character after it (its unit), occurs in the text as written."""
    for m in _NUMBER.finditer(candidate):
        if m.group(0)[: len(m.group(1)) + 1] not in text:
            return False
    return True


def _verb_led(text: str) -> bool:
    """The first word (by jieba's dictionary tag) is a verb, adverb, preposition or the like."""
    for n in (4, 3, 2, 1):
        tag = pos_tag(text[:n])
        if tag:
            return tag in _NOT_NOUN
    return False


def _balanced(text: str) -> bool:
    pairs = [("“", "”"), ("（", "）"), ("(", ")"), ("《", "》"), ("‘", "’")]
    return all(text.count(a) == text.count(b) for a, b in pairs) and text.count('"') % 2 == 0


def reject_reason(candidate: str, text: str, *, has_results: bool, subject: str = "") -> str | None:
    """Why the candidate fails the gate, or None when it passes."""
    if not MIN_CHARS <= len(candidate) <= MAX_CHARS:
        return "length"
    head = candidate.removeprefix("关于")
    if head[:1] in _FUNCTION_START:
        return "bad_start"
    framed = candidate.startswith("关于") or bool(subject and head.startswith(subject))
    if not framed and (_VERB_START.match(head) or _verb_led(head)):
        return "bad_start"
    if subject and candidate.count(subject) > 1:
        return "repeated_word"
    if _REPEAT.search(candidate):
        return "repeated_word"
    if _ENUMERATOR.search(candidate) or _DANGLING_END.search(candidate):
        return "dangling"
    if not _numbers_from_text(candidate, text):
        return "number_not_in_text"
    if _CLAIM.search(candidate) and not has_results:
        return "unsupported_claim"
    if _MEETING.search(candidate):
        return "meeting_style"
    if _PUNCT_INSIDE.search(candidate) or not _balanced(candidate):
        return "punctuation"
    if _FIRST_PERSON.search(candidate):
        return "first_person"
    if _JOINT.search(candidate):
        return "broken_subject"
    return None
