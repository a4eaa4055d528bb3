"""Agreements: the noun that names one ("a framework agreement", "the accord", "trade
agreements with Malaysia and Cambodia"), its kind, parties, signatories, date and place of
signing, and what the sentences about it say it covers, costs and commits the parties to.

A definite noun ("the agreement", "the minerals deal") refers back to the last agreement
of the article; a plural one ("the pacts") to the last group; sentences whose subject is
the parties together ("both countries pledged to ...") continue the last agreement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span

from kg_builder.extract.context import ArticleContext
from kg_builder.extract.quantities import WORDS, find_amounts
from kg_builder.extract.timex import FULL_MONTHS
from kg_builder.model import AgreementClaim, Amount, Commitment, DateValue, Evidence, Kind, Precision, Price
from kg_builder.read.dates import parse_date

HEADS = {"agreement": "Agreement", "deal": "Agreement", "accord": "Agreement", "pact": "Agreement",
         "treaty": "Agreement", "memorandum": "MemorandumOfUnderstanding", "mou": "MemorandumOfUnderstanding",
         "framework": "FrameworkAgreement", "truce": "Truce", "ceasefire": "Truce", "venture": "JointVenture",
         "partnership": "Partnership", "offtake": "SupplyAgreement", "loan": "Loan", "stake": "EquityStake",
         "acquisition": "Acquisition", "takeover": "Acquisition", "grant": "Grant", "investment": "InvestmentDeal",
         "plan": "ActionPlan", "declaration": "ActionPlan", "floor": "PriceFloor", "guarantee": "PriceFloor",
         "arrangement": "Agreement"}
PLURALS = {"agreements": "agreement", "deals": "deal", "accords": "accord", "pacts": "pact", "treaties": "treaty",
           "memoranda": "memorandum", "mous": "mou", "frameworks": "framework", "truces": "truce",
           "ventures": "venture", "partnerships": "partnership", "loans": "loan", "stakes": "stake",
           "acquisitions": "acquisition", "grants": "grant", "investments": "investment", "offtakes": "offtake",
           "arrangements": "arrangement"}
# Modifiers that give the kind only right before the head ("an offtake agreement", not "a supply chain deal").
NEXT_TO_HEAD = {"offtake", "off-take", "supply", "purchase", "financing", "cooperation"}
# Heads that name an agreement only after a given word ("joint venture", "action plan", "price floor").
NEEDS_BEFORE = {"venture": {"joint"}, "plan": {"action"}, "floor": {"price"}, "guarantee": {"price"}}
# Heads that are also ordinary words: they name an agreement only with a verb of agreeing, a money amount,
# or the parties ("a partnership with Lynas"), and only as nouns.
WEAK = {"partnership", "offtake", "loan", "stake", "acquisition", "takeover", "grant", "investment", "plan",
        "declaration", "floor", "guarantee", "arrangement"}
MODIFIER_KINDS = (("memorandum", "MemorandumOfUnderstanding"), ("mou", "MemorandumOfUnderstanding"),
                  ("truce", "Truce"), ("ceasefire", "Truce"), ("framework", "FrameworkAgreement"),
                  ("trade", "TradeAgreement"), ("free-trade", "TradeAgreement"), ("tariff", "TradeAgreement"),
                  ("offtake", "SupplyAgreement"), ("off-take", "SupplyAgreement"), ("supply", "SupplyAgreement"),
                  ("loan", "Loan"), ("financing", "Loan"), ("partnership", "Partnership"),
                  ("cooperation", "Partnership"), ("acquisition", "Acquisition"), ("purchase", "Acquisition"),
                  ("venture", "JointVenture"),
                  ("investment", "InvestmentDeal"), ("investments", "InvestmentDeal"))
NOT_BEFORE = {"to", "will", "would", "can", "could", "must", "should", "great", "good", "we", "they", "i"}
DEFINITE = {"the", "this", "that", "these", "those", "its", "their", "his", "her", "our", "both"}
INDEFINITE = {"a", "an"}
NP_STOP = {"with", "alongside", "including", "plus", "also", "he", "she", "they", "it", "we", "who", "on", "of",
           "for", "in", "at", "to", "from", "is", "was", "were",
           "are", "has", "have", "had", "or", "but", "that", "which", "under", "by", "and", "as", "about", "into"}
SIGN_CUES = {"sign", "signs", "signed", "signing", "ink", "inks", "inked", "seal", "seals", "sealed", "formalised",
             "formalized", "formalise", "formalize", "formalises", "formalizes"}
ANNOUNCE_CUES = {"announced", "announce", "announces", "unveiled", "unveil", "unveils", "reached", "reach", "reaches",
                 "struck", "strike", "strikes", "concluded", "conclude", "agreed", "agree", "agrees", "finalised",
                 "finalized", "finalise", "finalize", "clinched", "forged", "forge", "forges", "launched", "launch",
                 "launches", "approved", "approve", "approves", "entered", "enters", "secured", "secures", "won",
                 "wins", "awarded", "awards", "extended", "offered",
                 "offers", "acquire", "acquires", "acquired", "buy", "buys", "bought", "took", "take", "takes",
                 "adopted", "adopt", "adopts", "endorsed", "completed", "completes", "provide", "provides", "provided",
                 "lend", "lends", "lent", "invest", "invests", "invested", "formed", "form", "forms", "created",
                 "create", "creates", "established", "establish", "establishes"}
PERFECT = {"has", "have", "had"}
COMMITMENT = re.compile(
    r"\b(?:will|shall|would|pledged to|pledge to|pledges to|agreed to|agree to|aims? to|intends? to|plans? to"
    r"|promised? to|promises to|seeks? to|commits? (?:[\w-]+ ){0,3}to)\s+(?:[a-z]+ly\s+)?"
    r"(?P<what>(?!be\b)(?-i:[a-z])[^;]*)", re.I)
PURPOSE = re.compile(r"^\W*(?:(?:in|at)\s+[^,;]{1,40}?\s+)?to\s+(?:[a-z]+ly\s+)?"
                     r"(?P<what>(?!be\b)(?-i:[a-z])[^;]*)", re.I)
CUT = re.compile(r",\s+(?:as|a|an|which|while|according|marking|(?:the\s+)?[\w ]{1,30}\s+(?:said|reported|added))\b"
                 r"|,?\s+the \w+ (?:said|added)\b|\s+[–—-]\s", re.I)
MAX_COMMITMENT_WORDS = 30
NP_STOP |= SIGN_CUES | ANNOUNCE_CUES


@dataclass
class _Agreement:
    kind: str
    name: str
    parties: list[str]
    plural_group: int | None = None
    also: set[str] = field(default_factory=set)  # kinds it is also called: an MoU "for a partnership"
    signatories: list[str] = field(default_factory=list)
    signed: bool = False
    date: DateValue | None = None
    date_text: str | None = None
    places: list[str] = field(default_factory=list)
    minerals: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    prices: list[Price] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(frozen=True)
class _Trigger:
    head: int
    start: int  # first token of the noun phrase (after the determiner)
    kind: str
    name: str
    plural: bool
    definite: bool
    np_parties: tuple[str, ...]
    with_parties: tuple[str, ...]
    money: bool
    weak: bool = False


@dataclass
class _Attachment:
    """The agreements one trigger names, with the evidence, and for each agreement of an enumeration
    ("two deals, one on trade and another on rare earths") the tokens that describe it alone."""

    trigger: _Trigger
    targets: list[int]
    evidence: Evidence | None = None
    pieces: dict[int, tuple[int, int]] = field(default_factory=dict)


def find_agreements(ctx: ArticleContext) -> tuple[AgreementClaim, ...]:
    """The agreements one article speaks of (with at least one party)."""
    found: list[_Agreement] = []
    groups: list[list[int]] = []
    last_touched, previous = -2, []  # the last sentence that told of an agreement, and its agreements
    for index, sent in enumerate(ctx.sentences):
        if index in ctx.skip:
            continue
        touched: list[int] = []
        attached: list[_Attachment] = []
        for trigger in _triggers(ctx, sent):
            attachment = _apply(ctx, sent, trigger, found, groups, touched, attached[-1] if attached else None)
            if attachment.targets:
                attached.append(attachment)
                touched += attachment.targets
        for attachment, (lo, hi) in zip(attached, _segments(sent, attached), strict=True):
            for target in attachment.targets:
                piece = attachment.pieces.get(target, (lo, hi))
                _describe(ctx, sent, found[target], attachment.evidence, piece, attachment.trigger)
        if not touched and found and (ctx.is_group_subject(sent) or last_touched == index - 1
                                      and ctx.is_pronoun_subject(sent)):
            last = _last_singular(found) if ctx.is_group_subject(sent) else previous[-1]
            if last is not None:
                _describe(ctx, sent, found[last], ctx.evidence(sent.start, sent.start + 2,
                                                               "agreement:continuation", 0.6), (sent.start, sent.end))
                touched = [last]
        if touched:
            last_touched, previous = index, touched
    if ctx.sentences and (ctx.article.title and ctx.sentences[0].text.strip() == ctx.article.title.strip()
                          or _title_line(ctx.sentences[0])):
        _fold_headline(found)
    return tuple(_freeze(a) for a in found if a.parties)


def _segments(sent: Span, attached: list[_Attachment]) -> list[tuple[int, int]]:
    """The tokens that describe each attachment: the whole sentence when it tells of one agreement; when it
    tells of several ("a trade deal and a minerals framework"), each from its noun phrase to the next one's,
    the first from the start of the sentence."""
    if len({frozenset(a.targets) for a in attached}) <= 1:
        return [(sent.start, sent.end)] * len(attached)
    starts = [sent.start] + [a.trigger.start for a in attached[1:]]
    ends = starts[1:] + [sent.end]
    doc = sent.doc
    for k, a in enumerate(attached[:-1]):  # "the agreement includes a package of investments in a $550bn plan"
        if any(doc[i].lower_ in INCLUDES for i in range(a.trigger.head + 1, ends[k])):
            ends[k] = sent.end
    return list(zip(starts, ends, strict=True))


_MONTH_NAMES = "|".join(m.capitalize() for m in FULL_MONTHS if m != "sept")
NAMED_DATE = re.compile(rf"\b(?:(?:{_MONTH_NAMES})\s+)?(?:19|20)\d{{2}}\b")


def _date_in_name(ctx: ArticleContext, sent: Span, trigger: _Trigger) -> DateValue | None:
    """A month and year, or a year, inside the noun phrase that names the agreement: "their July 2024
    agreement", "the 2023 deal"."""
    m = NAMED_DATE.search(ctx.doc[trigger.start:trigger.head].text)
    if m is None:
        return None
    return parse_date(m.group(0)) or DateValue(m.group(0), Precision.YEAR, m.group(0))


def _title_line(sent: Span) -> bool:
    """A first line with no full stop that is short enough to be the headline."""
    return len(sent) <= TITLE_TOKENS and not sent.text.rstrip().endswith((".", "!", "?", "”", '"', ":"))


TITLE_TOKENS = 25


def _fold_headline(found: list[_Agreement]) -> None:
    """The agreement a headline names is the first one the body tells of, if their kinds agree."""
    if not found or any(e.sentence != 0 for e in found[0].evidence):
        return
    head = found[0]
    body = next((a for a in found[1:] if _compatible(a.kind, head.kind) and a.plural_group is None), None)
    if body is None:
        return
    _upgrade(body, head.kind)
    for name in ("parties", "signatories", "minerals", "sectors", "amounts", "prices", "commitments", "places"):
        getattr(body, name)[:0] = [x for x in getattr(head, name) if x not in getattr(body, name)]
    body.evidence[:0] = head.evidence
    body.signed = body.signed or head.signed
    found.pop(0)


def _triggers(ctx: ArticleContext, sent: Span) -> list[_Trigger]:
    doc = ctx.doc
    out = []
    for token in sent:
        word = token.lower_
        base = PLURALS.get(word, word)
        if base not in HEADS:
            continue
        before = doc[token.i - 1].lower_ if token.i > sent.start else ""
        after = doc[token.i + 1].lower_ if token.i + 1 < sent.end else ""
        if base == "deal" and before in NOT_BEFORE:
            continue
        if base in NEEDS_BEFORE and before not in NEEDS_BEFORE[base]:
            continue
        if base in WEAK and token.pos_ not in ("NOUN", "PROPN"):
            continue
        if PLURALS.get(after, after) in HEADS:
            continue  # a modifier of the next head ("framework agreement")
        of_understanding = base == "memorandum" and after == "of" and token.i + 2 < sent.end
        head = token.i + 2 if of_understanding else token.i
        start, definite = _np_start(ctx, sent, token.i)
        words = [t.lower_ for t in doc[start:token.i + 1]]
        kind = HEADS[base]
        for modifier, modifier_kind in MODIFIER_KINDS:
            near = words[-2:-1] if modifier in NEXT_TO_HEAD else words[:-1]
            if modifier in near and kind == "Agreement":
                kind = modifier_kind
        money = bool(find_amounts(doc[start:token.i + 1].text))
        if money and kind == "Agreement":
            kind = "InvestmentDeal"
        np_parties = ctx.parties_of(ctx.actors_in(start, token.i, persons=False))
        preps = RECIPIENT_PREPS if kind in MONEY_KINDS else ()
        out.append(_Trigger(head, start, kind, doc[start:head + 1].text, word != base, definite, tuple(np_parties),
                            tuple(_with_parties(ctx, sent, head, preps)), money, base in WEAK))
    return out


def _np_start(ctx: ArticleContext, sent: Span, head: int) -> tuple[int, bool | None]:
    """First token of the noun phrase ending at ``head``, and whether it is definite (None: no determiner)."""
    i = head
    while i - 1 >= sent.start and head - i < 7:
        token = ctx.doc[i - 1]
        if token.lower_ in DEFINITE:
            return i, True
        if token.lower_ in INDEFINITE:
            return i, False
        if token.lower_ in NP_STOP or (token.is_punct and token.text not in "-–$") or token.text in ("’s", "'s"):
            break
        i -= 1
    return i, None


def _with_parties(ctx: ArticleContext, sent: Span, head: int, preps: tuple[str, ...] = ()) -> list[str]:
    """Actors after "with" or "between" following the head: "deals with Thailand and Vietnam", "an MoU
    (worth $5m) with the US-based firm X", "with Saudi Arabia's mining company Ma'aden" (the company, not
    the country that owns it)."""
    i = head + 1
    partners = ("with", "between", *preps)
    doc = ctx.doc
    while i < sent.end and i - head <= WITH_WINDOW:
        word = doc[i].lower_
        money_next = i + 1 < sent.end and (doc[i + 1].like_num or doc[i + 1].is_currency
                                           or doc[i + 1].lower_ in ("up", "about", "some", "nearly"))
        if word in partners and not (word in preps and money_next):  # "a loan of $2bn with X"
            break
        if word in WITH_BREAKS and not (word == "to" and doc[i - 1].lower_ == "up"):
            return []  # "up to $2.3 billion with X" is a bound, not a recipient
        i += 1
    if i >= sent.end or ctx.doc[i].lower_ not in partners:
        return []
    mentions = {s: (e, m) for s, e, m in ctx.spans}
    found = []
    # "with" and "between" list the partners; "a stake in X", "a loan to X" name X soon after the preposition
    end = min(sent.end, i + (16 if ctx.doc[i].lower_ in ("with", "between") else 8))
    i += 1
    while i < end:
        token = ctx.doc[i]
        if token.lower_ in WITH_STOPS or token.text in (";", ":", ".", "(") or (token.text == "," and found):
            break
        if i in mentions:
            stop, mention = mentions[i]
            after = ctx.doc[stop].text if stop < len(ctx.doc) else ""
            modifier = after in ("-", "–") and stop + 1 < len(ctx.doc) and ctx.doc[stop + 1].lower_ in DESCRIPTORS
            if mention.kind in (Kind.COUNTRY, Kind.ORGANIZATION, Kind.PERSON) and not modifier \
                    and ctx.acts(i, mention):
                found.append(mention)
            i = stop
        else:
            i += 1
    return ctx.parties_of([a for a in (ctx.actor(m) for m in found) if a])


RECIPIENT_PREPS = ("to", "in", "into", "of", "for")  # "a loan to X", "a stake in X", "the acquisition of X"
MONEY_KINDS = {"Loan", "Grant", "EquityStake", "Acquisition", "InvestmentDeal"}
WITH_WINDOW = 8  # tokens between the head and "with": "(MoU) worth USD 500 million with"
WITH_BREAKS = {"and", "but", "which", "that", "who", "while", "as", "to", "by", "after", "before"}
WITH_STOPS = {"to", "on", "for", "which", "that", "who", "while", "as", "after", "before", "in", "at", "under",
              "from", "over", "worth", "valued", "signed", "was", "is", "will", "would", "has", "had", "have"}
DESCRIPTORS = {"based", "listed", "headquartered", "owned", "backed", "led", "registered"}


def _cue(ctx: ArticleContext, sent: Span, trigger: _Trigger, words: set[str]) -> int | None:
    """A cue word before the noun phrase in its clause (up to 12 tokens) or just after the head."""
    lo = max(sent.start, trigger.start - 12)
    for i in range(trigger.start - 1, lo - 1, -1):
        token = ctx.doc[i]
        if token.text in (";", ":") or (token.lower_ in CUE_BREAKS and i > sent.start):
            break  # "The signing comes after Trump reached deals", "speaking ahead of the signing, said the deal"
        if token.lower_ in words:
            return i
    for i in range(trigger.head + 1, min(sent.end, trigger.head + 4)):
        if ctx.doc[i].lower_ in words:
            return i
    return None


CUE_BREAKS = {"while", "although", "but", "after", "before", "following", "since", "because", "when", "amid",
              "despite", "said", "says", "told", "added"}


def _beneficiary(ctx: ArticleContext, sent: Span, trigger: _Trigger, parties: list[str]) -> list[str]:
    """The other side of "an agreement with X" that opens a sentence, named as the object of its verb: "A
    landmark agreement with the Department of Defense has positioned MP Materials ..."."""
    if trigger.start - sent.start > 2:
        return []
    end = ctx.clause_end(trigger.head + 1)
    for start, _, mention in ctx.spans:
        if trigger.head < start < end and mention.kind in (Kind.ORGANIZATION, Kind.COUNTRY) \
                and ctx.doc[start - 1].pos_ == "VERB":
            found = [p for p in ctx.parties_of([a for a in [ctx.actor(mention)] if a]) if p not in parties]
            return found[:1]
    return []


def _party_to(found: list[_Agreement], trigger: _Trigger, party: str) -> int | None:
    """The one agreement of the article, of a kind the trigger can name, that ``party`` is party to."""
    options = [i for i, a in enumerate(found) if party in a.parties and a.plural_group is None
               and len(a.parties) > 1 and _fits(a, trigger.kind)]
    return options[0] if len(options) == 1 else None


def _hard_start(ctx: ArticleContext, sent: Span, index: int) -> int:
    for i in range(index - 1, sent.start - 1, -1):
        if ctx.doc[i].text in (";", ":", "—"):
            return i + 1
    return sent.start


def _apply(ctx: ArticleContext, sent: Span, trigger: _Trigger, found: list[_Agreement],
           groups: list[list[int]], touched: list[int], prior: _Attachment | None = None) -> _Attachment:
    """Attach the trigger to the agreements it names or refers to."""
    sign = _cue(ctx, sent, trigger, SIGN_CUES)
    announce = _cue(ctx, sent, trigger, ANNOUNCE_CUES) if sign is None else None
    cue = sign if sign is not None else announce
    rule = "agreement:signed" if sign is not None else "agreement:announced" if announce is not None else None
    subject_lo = _hard_start(ctx, sent, trigger.start)
    pieces = _enumeration(ctx, sent, trigger) if trigger.plural else []
    if pieces:  # "signed two agreements, one on trade and another on rare earths"
        parties = list(trigger.np_parties) + list(trigger.with_parties)
        parties += [p for p in ctx.parties_of(ctx.actors_in(subject_lo, trigger.start)) if p not in parties]
        if not parties:
            return _Attachment(trigger, [])
        made = []
        head = PLURALS.get(ctx.doc[trigger.head].lower_, ctx.doc[trigger.head].lower_)
        for lo, hi in pieces:
            words = [t for t in ctx.doc[lo:hi] if t.lower_ not in ENUMERATORS]
            while words and (words[-1].is_punct or words[-1].lower_ in ("and", "while")):
                words.pop()
            kind = next((k for m, k in MODIFIER_KINDS if m in {t.lower_ for t in words}), trigger.kind)
            name = " ".join([head] + [t.text for t in words])  # "agreement on rare earths"
            found.append(_Agreement(kind, name, list(parties)))
            made.append(len(found) - 1)
        groups.append(made)
        targets, rule, confidence = made, rule or "agreement:enumerated", 0.8
    elif prior is not None and _another(ctx, prior.trigger, trigger):  # "this deal complements their 2024 deal"
        earlier = [i for i, a in enumerate(found) if i not in prior.targets and a.plural_group is None
                   and _fits(a, trigger.kind) and not (_title_line(ctx.sentences[0])
                                                       and all(e.sentence == 0 for e in a.evidence))]
        if trigger.definite and earlier:
            targets, rule, confidence = earlier[-1:], "agreement:anaphor", 0.6
        else:
            parties = list(trigger.np_parties) + list(trigger.with_parties)
            if not parties and ctx.doc[trigger.start - 1].lower_ in ("their", "its"):
                parties = list(found[prior.targets[0]].parties)
            if not parties:
                return _Attachment(trigger, [])
            found.append(_Agreement(trigger.kind, trigger.name, list(dict.fromkeys(parties))))
            targets, rule, confidence = [len(found) - 1], "agreement:related", 0.6
    elif prior is not None and trigger.weak and not trigger.plural and _names_content(ctx, prior.trigger, trigger):
        targets, rule, confidence = prior.targets[:1], "agreement:content", 0.8  # "an MoU for a partnership"
        found[targets[0]].also.add(trigger.kind)
    elif trigger.plural and trigger.with_parties:
        agents = ctx.parties_of(ctx.actors_in(subject_lo, trigger.start)[:1])
        made = []
        for party in trigger.with_parties:
            found.append(_Agreement(trigger.kind, trigger.name, list(dict.fromkeys(agents + [party])),
                                    plural_group=sent.start))
            made.append(len(found) - 1)
        if groups and found[groups[-1][0]].plural_group == sent.start:
            groups[-1] += made  # plural nouns of one sentence make one group ("the pacts")
        else:
            groups.append(made)
        targets, rule, confidence = made, rule or "agreement:with-parties", 0.8
    elif trigger.plural:
        if not groups or trigger.definite is not True:  # "the pacts" refers back, "investments" does not
            return _Attachment(trigger, [])
        targets, rule, confidence = groups[-1], "agreement:anaphor", 0.6
    elif touched and not trigger.np_parties and not trigger.with_parties and _compatible(found[touched[0]].kind,
                                                                                         trigger.kind):
        targets, rule, confidence = touched[:1], "agreement:same-sentence", 0.7
        _upgrade(found[touched[0]], trigger.kind)
    elif trigger.definite and not trigger.np_parties and not trigger.with_parties and found \
            and (last := _last_compatible(found, trigger.kind)) is not None:
        targets, confidence = [last], 0.7
        rule = rule or "agreement:anaphor"
        _upgrade(found[last], trigger.kind)
    else:
        if cue is None and not (trigger.np_parties or trigger.with_parties or trigger.money):
            return _Attachment(trigger, [])  # a passing mention ("talks toward a truce") names no agreement of its own
        if trigger.weak and cue is None and not (trigger.money or trigger.with_parties):
            return _Attachment(trigger, [])  # "a partnership of equals", "Japanese investment" name no agreement
        parties = list(trigger.np_parties) + list(trigger.with_parties)
        if cue is not None or not parties:
            parties += ctx.parties_of(ctx.actors_in(subject_lo, trigger.start))
        if len(set(parties)) == 1 and trigger.with_parties and not trigger.np_parties:
            parties += _beneficiary(ctx, sent, trigger, parties)
        existing = None if trigger.definite is False else _same_parties(found, trigger, parties)
        if existing is None and len(set(parties)) == 1 and cue is not None:
            existing = _party_to(found, trigger, parties[0])  # "MP Materials announced a partnership": its deal
        if existing is None and trigger.definite and (last := _last_compatible(found, trigger.kind)) is not None \
                and set(found[last].parties) & set(parties) and not trigger.np_parties:
            existing = last  # "the MoU was signed between X and Y" tells more of the MoU just named
            found[last].parties += [p for p in parties if p not in found[last].parties]
        if existing is not None:
            targets, confidence = [existing], 0.75
            _upgrade(found[existing], trigger.kind)
        elif trigger.weak and trigger.kind != "ActionPlan" and len(set(parties)) < 2:
            # "its partnership", "a stake" with one actor in sight: not enough to say who agreed
            return _Attachment(trigger, [])
        else:
            found.append(_Agreement(trigger.kind, trigger.name, list(dict.fromkeys(parties))))
            targets = [len(found) - 1]
            confidence = 0.9 if cue is not None else 0.75 if trigger.np_parties else 0.5
        rule = rule or ("agreement:named" if trigger.np_parties else "agreement:mentioned")
    evidence = ctx.evidence(trigger.start, trigger.head + 1, rule, confidence)
    if cue is not None:
        for index in targets:
            _occasion(ctx, sent, found[index], trigger, cue, signed=sign is not None)
    elif (when := _date_in_name(ctx, sent, trigger)) is not None:
        for index in targets:  # "their July 2024 agreement"
            if found[index].date is None:
                found[index].date, found[index].date_text = when, when.text
    return _Attachment(trigger, targets, evidence, dict(zip(targets, pieces, strict=False)) if pieces else {})


COUNTS = {word for word, n in WORDS.items() if 2 <= n <= 9} | {str(n) for n in range(2, 10)}
FIRST = {"one"}
NEXT = {"another", "other", "second", "third", "last"}
ENUMERATORS = FIRST | NEXT | {"the", "a", "and"}
TOPIC_PREPS = {"on", "covering", "for", "in", "about", "over", "with", "to"}


def _enumeration(ctx: ArticleContext, sent: Span, trigger: _Trigger) -> list[tuple[int, int]]:
    """The parts of "two deals, one on trade and another on rare earths": a count before a plural head,
    then "one ..." and "another / the other / a second ..." after it; each part's tokens."""
    doc = ctx.doc
    if not any(doc[i].lower_ in COUNTS for i in range(trigger.start, trigger.head)):
        return []
    i = trigger.head + 1
    while i < sent.end and i - trigger.head <= 3 and doc[i].lower_ not in FIRST:
        i += 1
    if i >= sent.end or doc[i].lower_ not in FIRST or i + 1 >= sent.end or doc[i + 1].lower_ not in TOPIC_PREPS:
        return []
    starts = [i]
    for j in range(i + 2, min(sent.end, i + 30)):
        if doc[j].lower_ in NEXT and doc[j - 1].lower_ in ("and", ",", "the", "a", "while", "with"):
            starts.append(j - 1 if doc[j - 1].lower_ in ("the", "a") else j)
    if len(starts) < 2:
        return []
    ends = starts[1:] + [next((k for k in range(starts[-1], sent.end) if doc[k].text in (";", ".", "—")), sent.end)]
    return list(zip(starts, ends, strict=True))


CONTENT_LINKS = {"for", "on", "of", "establishing", "creating", "launching", "forming", "setting", "towards",
                 "toward", "to"}


RELATIONS = {"complements", "complement", "complemented", "follows", "follow", "followed", "replaces", "replace",
             "replaced", "supersedes", "builds", "built", "extends", "expands", "mirrors", "resembles", "echoes",
             "succeeds", "amends", "amended", "like", "after", "than"}


def _another(ctx: ArticleContext, prior: _Trigger, trigger: _Trigger) -> bool:
    """The trigger names an agreement other than the one just named: "This arrangement complements their
    July 2024 agreement", "The deal follows a similar pact"."""
    return any(t.lower_ in RELATIONS for t in ctx.doc[prior.head + 1:trigger.start])


def _names_content(ctx: ArticleContext, prior: _Trigger, trigger: _Trigger) -> bool:
    """The trigger says what the agreement just named sets up: "an MoU for a bilateral partnership", "a deal
    establishing a joint venture"."""
    between = [t.lower_ for t in ctx.doc[prior.head + 1:trigger.start] if t.text not in "()"]
    while between and between[-1] in ("a", "an", "the", "new"):
        between.pop()
    words = [w for w in between if w not in ("mou", "mous", "up")]
    return 0 < len(between) <= 4 and bool(words) and words[0] in CONTENT_LINKS and len(words) <= 2


def _fits(agreement: _Agreement, kind: str) -> bool:
    return any(_compatible(k, kind) for k in (agreement.kind, *agreement.also))


# What an agreement sets up (a partnership, a joint venture) and the documents that set it up (an MoU,
# a framework): an article's "partnership" between the parties of its MoU is that MoU.
CONTENT_KINDS = {"Partnership", "JointVenture"}
DOCUMENT_KINDS = {"MemorandumOfUnderstanding", "FrameworkAgreement"}


def _compatible(a: str, b: str) -> bool:
    return a == b or "Agreement" in (a, b) or {a, b} <= CONTENT_KINDS | DOCUMENT_KINDS and bool(
        {a, b} & CONTENT_KINDS) and bool({a, b} & DOCUMENT_KINDS)


def _upgrade(agreement: _Agreement, kind: str) -> None:
    if agreement.kind == "Agreement":
        agreement.kind = kind
    elif agreement.kind in CONTENT_KINDS and kind in DOCUMENT_KINDS:
        agreement.also.add(agreement.kind)  # "the partnership" is set up by "the MoU"
        agreement.kind = kind
    elif agreement.kind != kind and _compatible(agreement.kind, kind):
        agreement.also.add(kind)


def _last_singular(found: list[_Agreement]) -> int | None:
    return _last_compatible(found, "Agreement")


def _last_compatible(found: list[_Agreement], kind: str) -> int | None:
    """The agreement a definite singular noun refers to: among those of a compatible kind, the one
    the article has said most about so far (the latest on a tie)."""
    options = [i for i, a in enumerate(found) if _fits(a, kind) and a.plural_group is None]
    return max(options, key=lambda i: (len(found[i].evidence), i)) if options else None


def _same_parties(found: list[_Agreement], trigger: _Trigger, parties: list[str]) -> int | None:
    """An agreement of the article between the same parties that the trigger can name; a name with a
    kind ("the US-Japan trade deal") only names an agreement of that kind."""
    for index in range(len(found) - 1, -1, -1):
        kind = found[index].kind
        fits = kind == trigger.kind if trigger.np_parties and trigger.kind != "Agreement" else \
            _compatible(kind, trigger.kind)
        if parties and set(found[index].parties) == set(parties) and fits:
            return index
    return None


def _describe(ctx: ArticleContext, sent: Span, agreement: _Agreement, evidence: Evidence,
              piece: tuple[int, int], trigger: _Trigger | None = None) -> None:
    """What the tokens ``piece`` of a sentence about an agreement say it covers, costs and commits to."""
    lo, hi = piece
    agreement.evidence.append(evidence)
    for _, m in ctx.mentions_in(lo, hi, (Kind.MINERAL,)):
        agreement.minerals.append(m.key)
    for _, m in ctx.mentions_in(lo, hi, (Kind.SECTOR,)):
        agreement.sectors.append(m.key)
    for money in find_amounts(sent.text):
        span = ctx.doc.char_span(sent.start_char + money.start, sent.start_char + money.end, alignment_mode="expand")
        if span is None or not lo <= span.start < hi or not _owns(ctx, sent, trigger, span.start, span.end):
            continue
        said = [(x.value, x.currency, x.evidence.sentence) for x in (*agreement.amounts, *agreement.prices)]
        if (money.value, money.currency, evidence.sentence) in said:
            continue  # two nouns of one sentence name the agreement: its money is said once
        if money.per is not None:  # "$110 per kilogram" is a price, not a sum of money
            agreement.prices.append(Price(money.value, money.currency, money.per, money.text, evidence))
            continue
        tail = sent.text[money.end:].lstrip(" -")
        purpose = " ".join(re.split(r"[,;.]", tail, maxsplit=1)[0].split()[:10]) or None
        agreement.amounts.append(Amount(money.value, money.currency, money.text, purpose, evidence, money.upper,
                                        money.qualifier))
    after = max(lo, trigger.head + 1) if trigger is not None else lo
    start_char = ctx.doc[after].idx if after < hi else ctx.doc[hi - 1].idx + len(ctx.doc[hi - 1])
    text = ctx.doc.text[start_char:ctx.doc[hi - 1].idx + len(ctx.doc[hi - 1])]
    m = PURPOSE.search(text) or COMMITMENT.search(text)
    if m is None:
        return
    words = CUT.split(m["what"], maxsplit=1)[0].strip().rstrip(".,”\"’ ").split()
    statement = " ".join(words[:MAX_COMMITMENT_WORDS])
    if len(words) >= 3 and statement not in {c.text for c in agreement.commitments}:
        deadline = ctx.time_near(sent.start, deadlines=True)
        agreement.commitments.append(Commitment(statement, deadline.value if deadline else None, evidence))


# Nouns a sum of money can belong to instead of the agreement a sentence is about ("a $550-billion plan").
OWNERS = set(HEADS) | set(PLURALS) | {
    "package", "packages", "programme", "programmes", "program", "programs", "fund", "funds", "facility",
    "facilities", "project", "projects", "plant", "plants", "mine", "mines", "refinery", "refineries",
    "initiative", "scheme", "budget", "stimulus", "bill", "order", "contract", "contracts", "purchases", "sale"}
INCLUDES = {"includes", "include", "included", "including", "comprises", "comprising", "covers", "contains"}


def _owns(ctx: ArticleContext, sent: Span, trigger: _Trigger | None, start: int, end: int) -> bool:
    """Whether the money at tokens [start, end) belongs to the agreement ``trigger`` names: not when it
    qualifies another noun ("follows a $550-billion plan"), unless the agreement is said to include it
    ("the agreement includes a $550-billion plan")."""
    if trigger is None or trigger.start <= start <= trigger.head:
        return True
    owner = next((i for i in range(end, min(sent.end, end + 3)) if ctx.doc[i].lower_ in OWNERS), None)
    if owner is None or owner == trigger.head or any(ctx.doc[i].is_punct and ctx.doc[i].text not in "-–"
                                                    for i in range(end, owner)):
        return True
    lo, hi = sorted((trigger.head, start))
    return any(ctx.doc[i].lower_ in INCLUDES for i in range(lo, hi))


def _occasion(ctx: ArticleContext, sent: Span, agreement: _Agreement, trigger: _Trigger, cue: int,
              signed: bool) -> None:
    """Signatories, date and place of a signing or announcement."""
    if signed:
        agreement.signed = True
        if cue > trigger.head:  # passive: "was signed in Tokyo by ..."
            by = next((i for i in range(cue, ctx.clause_end(cue)) if ctx.doc[i].lower_ == "by"), None)
            people = ctx.persons_in(by, ctx.clause_end(by + 1)) if by is not None else []
        else:
            people = ctx.persons_in(_hard_start(ctx, sent, cue), cue)
        agreement.signatories += people
        agreement.parties += [p for p in ctx.parties_of(people) if p not in agreement.parties]
    when = ctx.time_near(cue)
    if when is not None and TERM.search(ctx.doc.text[max(0, when.start - 40):when.start]):
        when = None  # "supply is to commence in 2027", "deliveries from 2027": the term, not the signing
    if when is not None and agreement.date_text is None:
        agreement.date, agreement.date_text = when.value, when.text
    elif when is None and agreement.date is None and signed and _perfect(ctx, cue) and _dated(ctx):
        published = ctx.article.published
        agreement.date, agreement.date_text = published, published.text  # "have signed" in an article of D is D
    places = ctx.places_in(trigger.head + 1, sent.end) + ctx.places_in(sent.start, min(sent.end, sent.start + 4))
    agreement.places += [p for p in places if p not in agreement.places]


TERM = re.compile(r"\b(?:commenc\w*|start\w*|begin\w*|deliver\w*|production|supply|expir\w*|runs?|running"
                  r"|lasts?|until|through|over|end\w*)\s+(?:\w+\s+){0,3}$"
                  r"|\b(?:from|starting|beginning|until|through)\s*$", re.I)


def _perfect(ctx: ArticleContext, cue: int) -> bool:
    """The verb is in the present perfect ("have signed", "has now signed")."""
    return any(ctx.doc[i].lower_ in PERFECT for i in range(max(0, cue - 3), cue))


def _dated(ctx: ArticleContext) -> bool:
    published = ctx.article.published
    return published is not None and published.precision is Precision.DAY


def _unique(items: list) -> tuple:
    return tuple(dict.fromkeys(items))


def _freeze(a: _Agreement) -> AgreementClaim:
    unique = _unique
    return AgreementClaim(
        kind=a.kind, name=a.name, parties=unique(a.parties), signatories=unique(a.signatories), signed=a.signed,
        date=a.date, date_text=a.date_text, places=unique(a.places), minerals=unique(a.minerals),
        sectors=unique(a.sectors), amounts=unique(a.amounts), commitments=unique(a.commitments),
        evidence=unique(a.evidence), prices=unique(a.prices))

