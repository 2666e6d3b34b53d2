"""The acting unit of a draft: a place (gazetteer or repeated in the text) plus an organisation.

A name is built from whole jieba tokens ending in a place suffix; every token before the suffix
must be nominal by jieba's dictionary tag (not a verb, preposition, pronoun, numeral, time word
…), so fragments such as 坚持市/完成村/位居全市/时期是某区 are never produced. When no clean
name exists the subject is empty and the forms go without one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, takewhile

from models.headline.gazetteer import is_place
from models.headline.lead import Clause, Lead
from models.tokenize import pos_tag, tokenize

# patterns of inline re calls, compiled once (the re module's cache lookup per call cost more)
_LEADS_END = re.compile(r"(带领|率领|带队)$")
_LEVEL_END = re.compile(r"[省市县区]$")
_NARRATION_WORD = re.compile(r"(了|我们|大家)")
_NUMBERED = re.compile(r"[0-9]|第.{1,3}届")
_OWN_PLACE_HEAD = re.compile(r"^(我[省市县区镇乡]|本[省市县区镇乡])")
_PERFECTIVE_LE = re.compile(r"(?<=[\u4e00-\u9fa5])了(?![解结])")
_PERSON_CHAR = re.compile(r"[者员]")
_PREPOSITION_CHAR = re.compile(r"[由被把将对向从]")

PLACE_SUFFIXES = (
    "自治州",
    "自治县",
    "开发区",
    "经开区",
    "高新区",
    "新区",
    "新城",
    "工业园",
    "街道",
    "社区",
    "省",
    "市",
    "州",
    "盟",
    "县",
    "旗",
    "区",
    "镇",
    "乡",
    "村",
)
# jieba dictionary tags that never start or sit inside a place name
_BAD_TAGS = {"v", "vd", "p", "c", "u", "uj", "ul", "ud", "ug", "uv", "uz", "d", "r", "m", "q"}
_BAD_TAGS |= {"mq", "f", "t", "tg", "y", "e", "o", "nt", "j", "ad", "an", "vg", "dg", "rr", "rz"}
_BAD_START = set(
    "全各我该本某每其此这那辖在对从由向把被为将于以及和与等的了着是到部个几多已曾还又再并均也"
)
_ONE_CHAR = set("省市州县旗区镇乡村")
_GENERIC = {
    "山区",
    "库区",
    "矿区",
    "林区",
    "牧区",
    "老区",
    "片区",
    "街区",
    "校区",
    "灾区",
    "城区",
    "市区",
    "社区",
    "街道",
    "农村",
    "乡村",
    "城镇",
    "小区",
    "园区",
    "景区",
    "辖区",
    "全市",
    "全县",
    "全区",
    "全省",
    "全镇",
    "全乡",
    "县区",
    "区县",
    "市县",
    "城市",
    "镇村",
    "乡镇",
    "村组",
    "镇街",
    "县乡",
    "村居",
    "旗区",
    "旗县",
    "服务区",
    "保护区",
    "示范区",
    "功能区",
    "核心区",
    "风景区",
    "工业区",
    "商业区",
    "居住区",
}
# words that link two places (某镇地处某县, 流经某县, 某局会同县…): never inside one name
_LINK_WORDS = {"地处", "位于", "流经", "途经", "毗邻", "地跨", "会同", "联合", "协同", "配合"}
# an organisation's head noun before a place suffix (县住建局会同县): a clause, not a name
_ORG_INSIDE = re.compile(r"(局|委|办|政府|中心|公司|集团)")
_ORG = re.compile(
    r"^((?:[\u4e00-\u9fa5]{1,9}?)(?:人大常委会|常委会|委员会|管委会|联合会|工作部|办公室|政协|人大|"
    r"支部|协会|商会|中心|集团|公司|银行|总工会|工会|妇联|残联|科协|侨联|文联|工商联|团委|"
    r"厅|局|委|办))(?![\u4e00-\u9fa5]{0,1}(?:员|会议|书记|主任))"
)
_PARTY = re.compile(
    r"^(民革|民盟|民建|民进|农工党|致公党|九三学社|台盟)[\u4e00-\u9fa5]{0,6}?(委会|委员会)"
)
_LEVEL_ORG = re.compile(
    r"^(省|市|县|区|镇|乡)(?:人大常委会|[\u4e00-\u9fa5]{1,9}?(?:政协|人大|局|委|办|中心))"
    r"(?!常委|代表|委员|主席)"
)
_ADVERBIAL = re.compile(
    r"^(今年以来|近年来|近期|近日|日前|目前|去年以来|今年|去年|当前|(?:截至|截止)(?:目前|今年|[0-9]{4}年)?(?:[0-9]{1,2}月)?(?:[0-9]{1,2}日|底|末|上旬|中旬|下旬)?|"
    r"[0-9]{4}(?:年(以来)?|届)|[0-9一二三四上下前]{1,4}(季度|半年|月份|月)?(以来)?)"
)


# words ending in 办 that are not an office (新增公办幼儿园, 交办, 帮办代办)
_NOT_OFFICE = re.compile(
    r"(公|民|承|举|创|开|督|交|代|帮|领|包|操|主|合|协|兴|查|转|催|批|待|专|快|上|好)办$"
)
_ORG_VERB = re.compile(
    r"(作为|成为|是|在|对|把|被|将|向|从|由|通过|围绕|开展|组织|召开|成立|设立|依托|推进|"
    r"会同|协同|配合|联合(?!会))"
)


@dataclass(frozen=True)
class Subject:
    place: str = ""
    actor: str = ""  # place + organisation, or the organisation when it names its level

    @property
    def best(self) -> str:
        return self.actor or self.place


def _nominal(word: str) -> bool:
    return pos_tag(word) not in _BAD_TAGS


# the last character of every suffix above (and of START_PLACE's): a name ends on one of them
_SUFFIX_CHARS = frozenset("".join(s[-1] for s in PLACE_SUFFIXES) + "".join(_ONE_CHAR))


def _places_in(clause: Clause, body: str = "") -> tuple[tuple[str, int], ...]:
    """(name, index of the clause char where it starts) for clean names in the clause.

    A clause without a level character holds no name (most clauses): no word is read and
    the cache below is not asked (its key hashes the clause's words)."""
    if _SUFFIX_CHARS.isdisjoint(clause.text):
        return ()
    return _places_in_clause(clause, body)


@lru_cache(maxsize=2048)
def _places_in_clause(clause: Clause, body: str) -> tuple[tuple[str, int], ...]:
    """`_places_in`, kept per (clause, body): the subject search asks about the same clause ~2x
    per draft."""
    found = [(n, at) for n, at in _raw_places(clause) if n[:2] not in _VERB_PREFIX]
    lead = _clause_start_place(clause, body)
    if lead:
        found = [(n, at) for n, at in found if n != lead[0]] + [lead]
    return tuple(found)


START_PLACE = re.compile(r"([\u4e00-\u9fa5]{2,3}?)(街道|自治县|新区|新城|工业园|县|区|市|镇|乡|旗)")


def _clause_start_place(clause: Clause, body: str) -> tuple[str, int] | None:
    """A made-up or unlisted name at the very start of a clause (丰|林区, 博望|县, 梧桐|街道).

    The name must end on a jieba word boundary (never 完成|村级), must not be a generic area
    (城区/山区) or start with 全/各/该/我…, and a prefix that jieba reads as a verb (博望) is
    accepted only when the name recurs in the draft.
    """
    text = strip_adverbial(clause.text)
    at = len(clause.text) - len(text)
    m = START_PLACE.match(text)
    if not m:
        return None
    name, prefix = m.group(0), m.group(1)
    if name in _GENERIC or prefix[0] in _BAD_START or prefix[-1] in "全各本该我":
        return None
    if prefix[0] in "年月日号":  # 2025|年双峰县: the tail of a date
        return None
    if at and clause.text[at - 1].isdigit():
        return None  # 97|所乡镇卫生院: a count of something, no name
    if _PREPOSITION_CHAR.search(prefix):
        return None  # 分别由|区: a preposition inside is no name
    if prefix in _VERB_PREFIX or not _GENERIC_ORG_OK(name):
        return None
    if not is_place(name) and (
        pos_tag(prefix[0]) == "p" or any(pos_tag(w) == "v" for w in tokenize(prefix) if len(w) > 1)
    ):
        return None  # 自|城镇…, 据|洪桥村, 共吸引|县: a preposition or a verb, no name
    bounds, pos = set(), 0
    for w in clause.words:
        pos += len(w)
        bounds.add(pos)
    if at + len(name) not in bounds:
        return None
    if pos_tag(prefix) in ("v", "p", "d", "c", "r", "m", "t") and body.count(name) < 2:
        return None
    return name, at


def _GENERIC_ORG_OK(name: str) -> bool:
    return not re.search(
        r"(社区|小区|园区|景区|片区|城区|市区|辖区|老区|山区|街区|服务区|校区)$",
        name,
    )


# real county names that read as a verb in running text (县住建局会同县城建局…)
_VERB_PREFIX = {"会同", "联合", "协同", "共同", "同时", "配合", "组织", "带领"}


def _raw_places(clause: Clause) -> list[tuple[str, int]]:
    words = clause.words
    out: list[tuple[str, int]] = []
    offsets = [0, *accumulate(map(len, words))]
    for j, last in enumerate(words):
        if not last.endswith(PLACE_SUFFIXES) or last in _GENERIC:
            continue
        bare = last in PLACE_SUFFIXES
        alone = bare or pos_tag(last) in ("", "ns") or is_place(last)
        if alone and len(last) == 2 and not pos_tag(last) and not is_place(last):
            alone = pos_tag(last[0]) not in ("v", "p", "d")  # 回|县, 进|村: a verb, no name
        best = last if alone and not bare else ""
        best_at = offsets[j]
        for i in range(j - 1, max(-1, j - 4), -1):
            if not _nominal(words[i]) or not _HAN_WORD.fullmatch(words[i]):
                break
            if words[i][0] in _BAD_START and not is_place(words[i]):
                break  # 调研报告|已报|县: an untagged word led by an adverb is no part of a name
            if i < j - 1 and pos_tag(words[i]) == "a":
                break  # 扎实|评议|区: an adjective before other words starts no name
            name = "".join(words[i : j + 1])
            if len(name) > 10:
                break
            best, best_at = name, offsets[i]
        if _PREPOSITION_CHAR.search(best[:-1]):
            continue  # 分别由|区: a preposition inside is no name
        inner = words[max(0, j - 3) : j]
        if best != last and (
            any(w in _LINK_WORDS for w in inner if w in best)
            or _ORG_INSIDE.search(best[:-1])
            or pos_tag(_first_word(best)) in ("v", "vn")
        ):
            continue  # 棉镇地处榕川县 / 县住建局会同县 / 调研乡村振兴示范村: a clause, no name
        if pos_tag(best[:1]) == "p" and not is_place(best):
            continue  # 据县|财政局: a preposition glued to the level, no name
        if (len(best) >= 3 or alone) and len(best) >= 2 and best[0] not in _BAD_START:
            out.append((best, best_at))
        elif is_place(best):
            out.append((best, best_at))
    # jieba glues the suffix to the next word (云岭|县非|煤矿, 江阳|市为): a place-tagged word
    # (or a noun at the clause start) followed by a word that starts with a one-char suffix
    for j, (word, nxt) in enumerate(zip(words, words[1:], strict=False)):
        suffix = nxt[:1]
        if len(nxt) < 2 or suffix not in _ONE_CHAR or word[0] in _BAD_START:
            continue
        tag = pos_tag(word)
        if len(word) >= 2 and (tag == "ns" or (j == 0 and tag in ("n", "nr", "nz", ""))):
            if nxt in _GENERIC:
                continue  # 福州|县区: a level list, not a county
            if _HAN_WORD.fullmatch(word) and word + suffix not in _GENERIC:
                out.append((word + suffix, offsets[j]))
    return out


def _first_word(name: str) -> str:
    words = tokenize(name)
    return words[0] if words else ""


@lru_cache(maxsize=8192)
def strip_adverbial(text: str) -> str:
    """The clause without its leading time adverbials (asked ~200 times a draft, of ~30 texts)."""
    prev = None
    while prev != text:
        prev, text = text, _ADVERBIAL.sub("", text)
    return text


# the place's own 政协/人大 (彬州市政协在…): the unit, unless a member or post follows
_BARE_ORG = re.compile(r"^(?:人大常委会|政协|人大)(?!代表|委员|会议|常委|[\u4e00-\u9fa5]?员)")


def _org_after(text: str) -> str:
    m = _PARTY.match(text) or _BARE_ORG.match(text) or _ORG.match(text)
    if not m:
        return ""
    org = m.group(0)
    if text[len(org) : len(org) + 1] in ("办", "局") and org.endswith(("委", "委会")):
        org = text[: len(org) + 1]  # 安委|办, 市委|办: the office of the committee
    if _cuts_word(org, text):
        return ""
    if org[0] in _BAD_START or _NUMBERED.search(org) or _ORG_VERB.search(org):
        return ""
    if _NOT_OFFICE.search(org) or _stance_inside(org):
        return ""
    return org


# words that start a clause's stance, never sit inside a unit's name (常德市坚持以人民为中心)
STANCE = {"坚持", "着力", "打造", "聚焦", "紧扣", "始终", "持续", "深化", "积极", "主动", "大力"}
STANCE |= {"全力", "全面", "切实", "扎实", "努力", "不断", "进一步", "牢固", "树立", "秉持"}


@lru_cache(maxsize=4096)
def _stance_inside(org: str) -> bool:
    """A preposition or a stance word as a word of the name: a clause, not an organisation."""
    return any(pos_tag(w) == "p" or w in STANCE for w in tokenize(org))


# a democratic party's committee (民革某市委会, 致公党某省某市委会): the unit, never its city
_PARTY_UNIT = re.compile(
    r"(民革|民盟|民建|民进|农工党|致公党|九三学社|台盟)([\u4e00-\u9fa5]{2,9}?)(委员会|委会|工委)"
)


def party_unit(lead: Lead, sentences: int = 3) -> str:
    """The party committee named in the opening sentences ("" when none)."""
    text = "".join(lead.sentences[:sentences])
    m = _PARTY_UNIT.search(text)
    if not m or not _LEVEL_END.search(m.group(2)):
        return ""
    return m.group(0).replace("委员会", "委会")


# an actor that holds a verb or names a post (副市长某某率市民政局, 通报了县河长办, 县委常委):
# a clause or a person, never a unit; the place alone stays
_NOT_ACTOR = re.compile(r"(了|率|带领|通报|陪同|会同|(?<!人大)常委$)")


def find_subject(lead: Lead, sentences: int = 3) -> Subject:
    """The acting unit from the first sentences; a bare 县财政局 gets the draft's own place.

    When a democratic party's committee is named in the opening, it is the unit: its city is
    not (民革某市委会 reflects opinions; the city does not). An actor that holds a verb or names
    a post is dropped (the place stays). Found once per lead (the headline forms ask again).
    """
    key = ("subject", sentences)
    found: Subject | None = lead.memo.get(key)
    if found is None:
        found = lead.memo[key] = _find_subject_once(lead, sentences)
    return found


def _find_subject_once(lead: Lead, sentences: int) -> Subject:
    found = _find_actor(lead, sentences)
    if found.actor and _NOT_ACTOR.search(found.actor):
        place = found.place if found.place and not _NOT_ACTOR.search(found.place) else ""
        found = Subject(place, "")
    return found if found.place else _published(found, lead)


_SOURCE_PLACE = re.compile(r"^([\u4e00-\u9fa5]{2,4}?(?:自治县|县|市|区|旗))")


def _published(found: Subject, lead: Lead) -> Subject:
    """A draft that names its place only as 全县/我县/县… gets the place of its publisher
    (来源：某县信访局 → 某县), and a unit named by level (县信访局) the publisher's full name."""
    m = _SOURCE_PLACE.match(lead.source)
    if not m or m.group(1) in _GENERIC:
        return found
    place = m.group(1)
    level = place[-1]
    if not re.search(rf"(全|我|本|该){level}|^{level}|[，。\n]{level}", lead.text):
        return found  # the draft never speaks of its own place at the publisher's level
    actor = found.actor
    if actor and actor[0] == level and lead.source.endswith(actor[1:]):
        actor = place + actor[1:]
    elif actor and actor[0] in "省市县区镇乡":
        return found  # a unit of another level: the publisher's place is not its place
    return Subject(place, actor)


def _find_actor(lead: Lead, sentences: int) -> Subject:
    party = party_unit(lead, sentences)
    if party:
        return Subject("", party)
    found = _full_name(_find_subject(lead, sentences), lead.text)
    if found.place or sentences >= len(lead.sentences):
        return found
    place, _ = _best_place(lead, len(lead.sentences))  # the wider search names a place only
    actor = found.actor
    if not place or not is_place(place) and lead.text.count(place) < 2:
        return found
    if actor and actor[0] in "省市县区镇乡" and place.endswith(actor[0]):
        return Subject(place, place + actor[1:])
    return Subject(place, actor if actor and actor[0] not in "省市县区镇乡" else "")


def _named_short(actor: str, text: str) -> bool:
    """`actor` occurs in `text` not followed by 会 (as re.search(re.escape(actor) + "(?!会)")
    without compiling a pattern per draft)."""
    at = text.find(actor)
    while at >= 0:
        if not text.startswith("会", at + len(actor)):
            return True
        at = text.find(actor, at + 1)
    return False


def _full_name(found: Subject, text: str) -> Subject:
    """区人大常委 written short (区人大常委按照…) for the committee the draft also names in full."""
    if (
        found.actor.endswith("常委")
        and _named_short(found.actor, text)
        and found.actor + "会" in text
    ):
        return Subject(found.place, found.actor + "会")
    return found


# a place followed by a person's post (某市副市长, 某村党总支第一书记): the speaker's job, not the unit
_POST = re.compile(
    r"^(?:(?!组织|带领|带队|开展|召开|率)[\u4e00-\u9fa5]){0,16}?(?:副?(?:省长|市长|县长|区长|镇长|乡长|"
    r"村长|书记|主任|主席|局长|厅长|部长|校长|院长|委员|代表|社长|经理|董事长)|村民|居民|"
    r"群众|先生|女士|老人|网友|家长|学生)"
    r"[\u4e00-\u9fa5]{0,3}(?:建议|表示|说|认为|指出|介绍|坦言)?$"
)
# the draft speaks of its own unit as 我县/我市…: another place is not the acting unit
_OWN_UNIT = re.compile(r"我([省市县区镇乡])")


def _find_subject(lead: Lead, sentences: int) -> Subject:
    place, rest = _best_place(lead, sentences)
    inner = _inner_place(rest, lead.text) if place.endswith(("市", "县", "区", "旗")) else ""
    if inner:  # 某县|某乡在…: the township acts, named with its county
        return Subject(place, place + inner + _org_after(rest[len(inner) :]))
    org = _org_after(rest)
    if not org:
        org = _level_org(lead, sentences)
        if org and place and place.endswith(org[0]):
            return Subject(place, place + org[1:])
        return Subject(place, "" if place else org)
    return Subject(place, place + org)


def _best_place(lead: Lead, sentences: int) -> tuple[str, str]:
    """The best-scored place of the first sentences, and what follows it in the clause it
    opens ("" when it opens none)."""
    scores: dict[str, float] = {}
    actor_clause: dict[str, str] = {}
    own = {m.group(1) for m in _OWN_UNIT.finditer(lead.text)}
    for clause in lead.clauses:
        if clause.sentence >= sentences:
            break
        for name, at in _places_in(clause, lead.text):
            known = is_place(name)
            count = lead.text.count(name)
            after = clause.text[at + len(name) :]
            citizen = after.startswith("民") and not pos_tag(after[:2])
            if count < 3 and _POST.match(after) or citizen:
                continue  # the speaker's post, or a citizen (乌鲁木齐市民): not the unit
            if own and not name.endswith(tuple(own)) and count < 3:
                continue
            lead_start = strip_adverbial(clause.text).startswith(name)
            if not known and count < 2 and (not lead_start or len(name) < 3):
                continue
            rest = strip_adverbial(clause.text)
            at_start = rest.startswith(name)
            score = 1.0 * known + 0.5 * min(count, 4) + 2.0 * at_start - 0.7 * clause.sentence
            if score > scores.get(name, -9):
                scores[name] = score
                if at_start:
                    actor_clause[name] = rest[len(name) :]
    place = max(scores, key=lambda n: scores[n]) if scores else ""
    return place, actor_clause.get(place, "")


_INNER = re.compile(r"([\u4e00-\u9fa5]{2,3}?)(街道|镇|乡)")


def _inner_place(rest: str, body: str) -> str:
    """A township or street named right after its county (某县|双河乡|在…), or ""."""
    m = _INNER.match(rest)
    if not m or m.group(0) in _GENERIC or m.group(1)[0] in _BAD_START:
        return ""
    if pos_tag(m.group(1)) in ("v", "p", "d", "c", "r", "m", "t", "a"):
        return ""
    nxt = rest[m.end() : m.end() + 1]
    if nxt and pos_tag(m.group(2) + nxt) and pos_tag(m.group(2) + nxt) != "ns":
        return ""  # 某县城|乡村: the suffix begins another word
    return m.group(0) if body.count(m.group(0)) >= 1 else ""


def _cuts_word(org: str, text: str) -> bool:
    """The name ends inside a word (市残联委|托): its last char and the next form a word."""
    nxt = text[len(org) : len(org) + 1]
    return bool(nxt) and bool(pos_tag(org[-1] + nxt)) and not pos_tag(org[-2:])


def _level_org(lead: Lead, sentences: int) -> str:
    """An organisation that names its level (县财政局, 区政协) at a clause start in the lead."""
    for clause in lead.clauses:
        if clause.sentence >= sentences:
            break
        text = strip_adverbial(clause.text)
        m = _LEVEL_ORG.match(text)
        if m and _ORG_VERB.search(m.group(0)):
            continue  # 市妇联在市委…: a clause, not one unit
        if m and not _cuts_word(m.group(0), text):
            org = _org_after(text[: m.end()])
            if org and len(org) < m.end() and m.group(0).startswith(org):
                return m.group(0)  # 区人大|常委: the longer name as written
            return org or m.group(0)
    return ""


# the unit itself in other words: 全县/我县/该局/各乡镇/县里 …
_OWN_GENERIC = re.compile(
    r"^(全[省市县区镇乡]|我[省市县区镇乡局委办]|该[省市县区镇乡局委办]|本[省市县区镇乡局委办]|"
    r"各[级乡镇部门单位县市区村]|[省市县区镇乡]里|[省市县区镇乡](?:委|政府|人大|政协))"
)
TIME_HEAD = re.compile(
    r"^(?:[0-9一二三四五六七八九十]{1,4}[年月日号时]|上午|下午|晚上|当天|同日|此前|随后|今年|去年|"
    r"初|底|中旬|上旬|下旬|份|以来|期间|[至到—\-])+"
)
_INHERIT_TAGS = {"v", "vn", "vd", "vi", "d", "ad", "p", "c", "a", "m", "t", "mq", "q", "f", "u"}


def _start_word(clause: Clause, at: int) -> str:
    pos = 0
    for w in clause.words:
        if pos == at:
            return w
        pos += len(w)
        if pos > at:
            break
    return ""


_MANNER_WORDS: tuple[str, ...] = ("全面", "着力", "全力", "大力", "扎实", "切实", "积极", "深入")
_MANNER_WORDS += ("持续", "不断", "努力", "主动", "认真", "狠抓", "进一步", "强力", "精准", "高位")
_MANNER_WORDS += ("利用", "通过", "借助", "依托", "结合")  # an adjunct: the actor stays


# work verbs and manner words jieba tags as nouns (拓宽 nr, 选派 n, 入户 n): a clause that opens
# with one goes on with the actor before it, it names no other actor (verbs that also head a
# noun phrase, 办理时间/试点取得/通报指出, and a visitor's 实地/现场 are left out)
_VERB_AS_NOUN = frozenset(
    "印发 指导 植树 清淤 资助 选派 造林 深化 拓宽 专题 入户 上门 全程".split()
)


_RANK = {"省": 4, "市": 3, "县": 2, "区": 2, "镇": 1, "乡": 1}


def place_level(place: str) -> int:
    """The rank of a place by its last level character (市 3, 县/区 2, 镇/乡 1), 0 unknown."""
    return _RANK.get(place[-1:], 0) if place else 0


@lru_cache(maxsize=8192)
def actor_head(text: str) -> str:
    """The clause from where its actor would stand: time adverbials and a date head out."""
    return strip_adverbial(TIME_HEAD.sub("", strip_adverbial(text)))


def _clause_actor(clause: Clause, names: tuple[str, ...], level: int = 0) -> bool | None:
    """True: the clause opens with the unit; False: with another actor; None: no stated actor.

    A generic opening of a higher level than the subject's place (我市/市政府 in a piece about a
    district or a town) is another actor: the city acts, not the area under discussion.
    """
    text = actor_head(clause.text)
    if not text:
        return None
    if any(text.startswith(n) for n in names):
        return True
    generic = _OWN_GENERIC.match(text)
    if generic:
        ranks = [_RANK[c] for c in generic.group(0) if c in _RANK]
        return not (level and ranks and ranks[0] > level)
    if text[0] in '“”"「':
        return False  # a quotation: somebody else speaks
    if text.startswith(_MANNER_WORDS):
        return None  # 全面推行…/着力推进…: jieba tags some manner adverbs as nouns
    word = _start_word(clause, len(clause.text) - len(text)) or text[:2]
    if word in _VERB_AS_NOUN:
        return None  # 拓宽渠道… / 选派专家…: the unit goes on acting
    tag = pos_tag(word) or pos_tag(text[:2]) or pos_tag(text[:1])
    if not tag or tag in _INHERIT_TAGS or word[:1] in _BAD_START - set("全各我该本其此这那"):
        return None
    return False if tag[0] in "nrj" or tag in ("ns", "nt", "nz") else None


# a purpose (为/为了/旨在), a basis (按照/根据) or a background (随着) opens a run of clauses
# that lasts until a clause states its actor: 「为…，扎实推进…，某局开展…」 — only the last is
# the unit's action
_ASIDE = re.compile(r"^(为了|为(?![主此])|旨在|目的是|按照|根据|依据|随着|鉴于|基于|贯彻落实)")


_CONNECTIVE = re.compile(r"^(也|还|并|同时|主要)")

# 为…建言献策 is the advice itself, not a purpose
_ADVICE_END = re.compile(r"(建言献策|建言|献策|鼓与呼)$")


def _benefactive(text: str) -> bool:
    """为 + whom (为2877户发放…, 为企业办理…): done for someone, unlike 为进一步加强… (a purpose)."""
    if not text.startswith("为") or text.startswith("为了"):
        return False
    nxt = text[1:]
    if nxt.startswith(_MANNER_WORDS + ("更好", "有效", "加快", "推动", "确保")):
        return False  # 为全面研究… / 为进一步…: a purpose (jieba tags 全面 as a noun)
    if nxt[:1].isdigit():
        return True
    tag = pos_tag(nxt[:2]) or pos_tag(nxt[:1])
    return tag.startswith("n") or tag in ("r", "j", "m")


def acting_clauses(lead: Lead, subject: Subject, sentences: int = 3) -> list[bool]:
    """`_acting_clauses` for the clauses of the first `sentences` sentences (a prefix of
    lead.clauses: every form reads only those), computed once per lead and subject (topics and
    phrases both ask)."""
    key = ("acting", subject, sentences)
    acting: list[bool] | None = lead.memo.get(key)
    if acting is None:
        acting = lead.memo[key] = _acting_clauses(lead, subject, sentences)
    return list(acting)


@lru_cache(maxsize=8192)
def _opens_aside(text: str) -> bool:
    """The clause opens a purpose or background run (为了…/按照…/随着…)."""
    opening = strip_adverbial(_CONNECTIVE.sub("", TIME_HEAD.sub("", text)))
    # 为2877户发放… / 为…建言献策: done for someone, not a purpose
    return (
        bool(_ASIDE.match(opening))
        and not _ADVICE_END.search(opening)
        and not _benefactive(opening)
    )


def _acting_clauses(lead: Lead, subject: Subject, sentences: int) -> list[bool]:
    """For each clause of the first `sentences` sentences: may the subject be named as the
    actor of its predicate?

    A clause's actor is the unit stated at its start, else the last one stated earlier in the
    same sentence, else (a clause that opens a sentence with a verb) the unit stated in the next
    clause (谈起经历，某市民某某…). A predicate whose actor is someone else — a person, a 委员 or
    代表, a party committee, a thing (硕果化为…) — is never given to the draft's place, and
    neither is a purpose or background run (为…/按照…/随着… and the clauses after it that state
    no actor).

    A clause's answer depends on its own sentence only, so the first sentences' answers are
    the same whether or not the later clauses are read.
    """
    clauses = list(takewhile(lambda c: c.sentence < sentences, lead.clauses))
    names = [n for n in (subject.actor, subject.place) if n]
    actor = subject.actor
    names += [actor[-k:] for k in range(3, len(actor))]  # 县财政局 / 市委会 for the full name
    names += _delegations(lead.text, subject.best)
    level = place_level(subject.place) if subject.place else 0
    heads = tuple(names)
    stated = [_clause_actor(c, heads, level) for c in clauses]
    out: list[bool] = []
    state: bool | None = None
    aside = False  # inside a purpose or background run (为…，扎实推进…，)
    for i, clause in enumerate(clauses):
        if i == 0 or clause.sentence != clauses[i - 1].sentence:
            state, aside = None, False
        if _opens_aside(clause.text):
            if state is not None:  # 「某局，为了…，开展…」: the actor came first, one clause
                out.append(False)
                continue
            aside = True  # 「为…，扎实推进…，某局开展…」: a run until an actor is stated
        elif stated[i] is not None:
            aside = False
        if aside:
            out.append(False)  # the purpose or background is not the unit's action
            continue
        if stated[i] is not None:
            state = stated[i]
        elif state is None:
            nxt = i + 1 < len(stated) and clauses[i + 1].sentence == clause.sentence
            if nxt and stated[i + 1] is False:
                out.append(False)
                continue
        out.append(state is not False)
    return out


_SESSION = re.compile(
    r"^[\u4e00-\u9fa5]{0,4}?[一二三四五六七八九十]+届[一二三四五六七八九十]+次(?:会议|全会|大会)"
)
PERSON_POST = re.compile(r"(主任|书记|主席|局长|厅长|部长|县长|市长|区长|镇长|乡长|委员|代表)")
_UNIT_VERB_TAGS = {"v", "vd", "vi", "d", "ad"}
# an organisation named by its level alone (市政协, 县民政局, 区人大常委会)
_LEVEL_UNIT = re.compile(
    r"^[省市县区镇乡](?:委|政府|人大常委会|人大|政协|纪委监委|妇联|总工会|工商联|团委|残联|科协|"
    r"侨联|文联|[^在对把被将向从由为与和及，。、\s]{1,7}?(?:局|委员会|委|办|中心))"
)
# what a unit's clause may not go on with: a copula, a frame, a plan, speech, a joint action,
# setting up a team (组成督查组), a meeting; 全市/全县 only with a count (累计/共/新增/实现…)
_BAD_REST = re.compile(
    r"^(是|为|在|对|把|将|还|也|已|仍|要|拟|计划|采用|通过|利用|介绍|表示|指出|强调|认为|称|说|"
    r"会议|作|作为)|^共?(组成|组建|组织|抽调|成立|分成)[^，]{0,24}(组|队伍|队)$|会同|联合|开幕|闭幕|这里"
    r"|^(坚持|秉持|始终坚持)以|^以[^，]{1,10}为"
)
# 全县/全市… (a tally's subject), or a national body named without a place (全国政协)
_NATIONAL = re.compile(
    r"全国(?:人大常委会|人大|政协|妇联|总工会|工商联)(?!代表|委员|常委)|全[省市县区镇乡]"
)
_TALLY = re.compile(r"^(累计|共|新增|实现|完成|开展|排查|检查|受理|办理|发放|投入|查处|整改)")


def unit_at_start(clause: Clause, text: str, lead: Lead) -> str:
    """The acting unit that opens `text` (a suffix of the clause), or ""."""
    m = _PARTY_UNIT.match(text) or _LEVEL_UNIT.match(text) or _NATIONAL.match(text)
    unit = m.group(0) if m else ""
    if (
        unit.endswith("委")
        and text.startswith("会", len(unit))
        and text[len(unit) + 1 : len(unit) + 2] != "议"
    ):
        unit += "会"  # 县安委|会: the committee named whole (never 县安委开展…), not 市委|会议
    at = len(clause.text) - len(text)
    places = {i: n for n, i in sorted(_places_in(clause, lead.text), key=lambda p: len(p[0]))}
    while not m and at + len(unit) in places:  # 某县|某街道: a place inside a place
        unit += places[at + len(unit)]
    inner = START_PLACE.match(text[len(unit) :]) if unit and not m else None
    if inner and inner.group(0) not in _GENERIC and inner.group(1)[0] not in _BAD_START:
        unit += inner.group(0)
    if not m and unit:
        unit += _org_after(text[len(unit) :])
    session = _SESSION.match(text[len(unit) :])
    return unit + session.group(0) if session else unit


def unit_clause(lead: Lead, sentences: int = 3) -> str:
    """The first clause that states a unit and its action (某街道狠抓落实, 县民政局立足保障…).

    Time words and adverbials before the unit are dropped and 了 after the verb is removed; the
    clause is the draft's own wording, offered when no other form survives.
    """
    for clause in lead.clauses:
        if clause.sentence >= sentences:
            break
        text = actor_head(clause.text)
        unit = unit_at_start(clause, text, lead) if text else ""
        rest = text[len(unit) :]
        visit = _led_visit(rest) if unit else ""
        if visit:
            return unit + visit  # the head leads the unit's members: the unit visits
        if not unit or len(rest) < 2 or PERSON_POST.search(rest[:8]):
            continue  # 某市人大常委会某工委主任某某带领…: a person acts
        if _BAD_REST.search(rest) or _PERSON_CHAR.search(unit):
            continue
        if unit.startswith("全") and not _TALLY.match(rest):
            continue
        nxt = _next_clause(lead, clause)
        if VAGUE_VERB.fullmatch(rest):  # 某街道狠抓落实: the object, in the next clause, or none
            obj = strip_adverbial(nxt.text) if nxt else ""
            if obj and _verb_next(nxt, obj) and not _BAD_REST.search(obj):  # type: ignore[arg-type]
                return unit + obj
            continue
        if not _verb_next(clause, rest):
            continue
        amount = _AMOUNT.match(rest)
        growth = _GROWTH.match(nxt.text) if nxt and amount else None
        if amount and growth:  # the change is the headline result, the amount a side number
            return unit + amount.group(1) + growth.group(0)
        return _PERFECTIVE_LE.sub("", text)
    return ""


# a verb phrase with no object: 狠抓落实 says nothing an editor could send upward
VAGUE_VERB = re.compile(
    r"(?:狠抓|抓|抓好|推动|强化|全力|扎实|真抓|多措并举)?(?:落实|实干|作为|担当|尽责)"
    r"|多措并举|真抓实干|攻坚克难|主动作为|积极作为|担当作为|履职尽责|齐抓共管|见行动"
)
# 实现/完成 + an amount (实现X额35亿元), then 同比增长N% in the next clause
_AMOUNT = re.compile(
    r"^(?:累计)?(?:实现|完成)([\u4e00-\u9fa5]{2,12}?(?:额|值|收入|总量|量))[0-9]+(?:\.[0-9]+)?[万亿]*元?$"
)
_GROWTH = re.compile(r"^(?:同比|比上年|较上年|比去年同期)?(?:增长|下降)[0-9]+(?:\.[0-9]+)?%$")


def _next_clause(lead: Lead, clause: Clause) -> Clause | None:
    """The clause after `clause` in the same sentence, or None."""
    for i, c in enumerate(lead.clauses[:-1]):
        if c is clause:
            nxt = lead.clauses[i + 1]
            return nxt if nxt.sentence == clause.sentence else None
    return None


_LED = re.compile(
    r"^[^，]{0,12}?(?:带领|率领|带队)([^，]{0,16}?(?:委员|代表|人员|成员|干部|专家|同志|一行|组)"
    r"(?:[0-9]+人)?)?"
)
_VISIT = re.compile(r"^(调研|视察|检查|督查|察看)([^，]{4,24})$")
_VISIT_ON = re.compile(r"^[就对]([^，]{4,22}?)(?:开展|进行)了?(?:专题|实地)?(调研|视察|检查|督查)$")


def _led_visit(rest: str) -> str:
    """「(unit)某工委主任某某带领部分代表就X开展调研」 → 「调研X」 (the unit's visit), or ""."""
    m = _LED.match(rest)
    if not m or not _LEADS_END.search(rest[: m.start(1) if m.group(1) else m.end()]):
        return ""
    after = rest[m.end() :]
    v = _VISIT.match(after)
    verb, obj = (v.group(1), v.group(2)) if v else ("", "")
    on = _VISIT_ON.match(after) if not v else None
    if on:
        verb, obj = on.group(2), on.group(1)
    obj = _OWN_PLACE_HEAD.sub("", obj)
    if not verb or len(obj) < 4 or _NARRATION_WORD.search(obj):
        return ""
    return verb + obj


def _verb_next(clause: Clause, rest: str) -> bool:
    """`rest` opens with a verb, or a two-character modifier and a verb (强力推进, 积极开展)."""
    at = len(clause.text) - len(rest)
    word = _start_word(clause, at) or rest[:2]
    tag = pos_tag(word) or pos_tag(rest[:1])
    if tag in _UNIT_VERB_TAGS or tag in ("i", "l", "z") and len(word) >= 4 and len(rest) <= 8:
        return True  # a verb, or a four-character verb phrase (狠抓落实)
    nxt = _start_word(clause, at + len(word)) if len(word) == 2 else ""
    return bool(nxt) and pos_tag(nxt) in ("v", "vd", "vi")


_HAN_WORD = re.compile(r"[\u4e00-\u9fa5]+")
_HEAD_POST = r"(?:主任|局长|书记|主席|部长|厅长|县长|市长|区长|镇长|乡长|主委)"
_HEAD_ORG = r"[\u4e00-\u9fa5]{0,10}?(?:办|局|委|中心|政府|人大常委会|政协)"
# what follows the unit's name in 「某办主任某某一行」; compiled once (a pattern built around
# each draft's unit name cost a fresh compilation of its character classes per check)
_DELEGATION = re.compile(rf"(?:{_HEAD_ORG})?{_HEAD_POST}([\u4e00-\u9fa5]{{2,3}}?)一行")


def _delegations(text: str, unit: str) -> list[str]:
    """「某办主任某某一行」: the head's delegation acts for the unit (某某一行深入…).

    The unit's name, then _DELEGATION; matches do not overlap, left to right."""
    if not unit:
        return []
    found, at = [], text.find(unit)
    while at >= 0:
        m = _DELEGATION.match(text, at + len(unit))
        if m:
            found.append(m.group(1) + "一行")
        at = text.find(unit, m.end() if m else at + 1)
    return found
