"""Typed values passed between the steps of the pipeline (all frozen).

>>> Mention(0, 5, "Japan", Kind.COUNTRY, "country/jp", 0, "gazetteer", 0.95).end
5
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class Kind(StrEnum):
    """Top-level kinds of entity; the value is the IRI path segment."""

    PERSON = "person"
    COUNTRY = "country"
    ORGANIZATION = "organization"
    PLACE = "place"
    MINERAL = "mineral"
    SECTOR = "sector"

    @property
    def type_name(self) -> str:
        """The name used in the ``entities`` query's ``type`` column."""
        return self.value.capitalize()


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    MONTH_DAY = "month-day"


XSD_BY_PRECISION = {
    Precision.DAY: "date",
    Precision.MONTH: "gYearMonth",
    Precision.YEAR: "gYear",
    Precision.MONTH_DAY: "gMonthDay",
}


@dataclass(frozen=True)
class DateValue:
    """A date with its precision and the words it came from.

    ``value`` is the XSD lexical form: ``2025-10-28``, ``2025-10``, ``2025`` or ``--10-28``.
    """

    value: str
    precision: Precision
    text: str
    qualifier: str | None = None

    @property
    def xsd_type(self) -> str:
        return XSD_BY_PRECISION[self.precision]


@dataclass(frozen=True)
class Article:
    """One cleaned news article and its metadata."""

    id: str
    source: str
    text: str
    sha256: str
    title: str | None = None
    published: DateValue | None = None
    publisher: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """A span of the article text that denotes an entity (``key`` such as ``country/jp``)."""

    start: int
    end: int
    text: str
    kind: Kind
    key: str
    sentence: int
    extractor: str
    confidence: float
    label: str = ""
    subtype: str | None = None


@dataclass(frozen=True)
class RoleClaim:
    """A person said to hold a post: ``role/prime-minister`` of ``country/jp``."""

    person: str
    role: str
    of: str | None
    start: int
    end: int
    sentence: int
    qualifier: str | None = None


@dataclass(frozen=True)
class Membership:
    """A person said to belong to an organisation, usually a political party."""

    person: str
    organization: str
    start: int
    end: int
    sentence: int


@dataclass(frozen=True)
class Evidence:
    """Where a fact is said: the words that triggered the rule, their sentence, the rule and its confidence."""

    start: int
    end: int
    text: str
    sentence: int
    rule: str
    confidence: float


@dataclass(frozen=True)
class Amount:
    """A money amount said of an agreement: value in units of ``currency`` (ISO 4217), and what it pays for.

    ``upper`` is the top of a range ("$100-150 million"); ``qualifier`` how the figure bounds the sum
    ("up to", "more than", "about")."""

    value: Decimal
    currency: str
    text: str
    purpose: str | None
    evidence: Evidence
    upper: Decimal | None = None
    qualifier: str | None = None


@dataclass(frozen=True)
class Price:
    """A price an agreement sets or guarantees: ``value`` in ``currency`` per ``unit`` ("$110 per kilogram")."""

    value: Decimal
    currency: str
    unit: str
    text: str
    evidence: Evidence


@dataclass(frozen=True)
class Commitment:
    """A short statement of what the parties to an agreement undertake, with its deadline if one is given."""

    text: str
    deadline: DateValue | None
    evidence: Evidence


@dataclass(frozen=True)
class AgreementClaim:
    """An agreement as one article tells it. ``kind`` is an ontology class (``FrameworkAgreement``);
    ``key`` is given when agreements are merged across articles."""

    kind: str
    name: str
    parties: tuple[str, ...]
    signatories: tuple[str, ...] = ()
    signed: bool = False
    date: DateValue | None = None
    date_text: str | None = None
    places: tuple[str, ...] = ()
    minerals: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    amounts: tuple[Amount, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    key: str = ""
    label: str = ""
    prices: tuple[Price, ...] = ()


@dataclass(frozen=True)
class EventClaim:
    """An event as one article tells it. ``status`` is ``occurred``, ``planned`` or ``threatened``;
    ``agreement`` is the index, in the same article, of the agreement a signing signs; ``unnamed`` says
    that some who take part are not named ("Trump will meet business leaders")."""

    kind: str
    status: str
    participants: tuple[str, ...]
    date: DateValue | None = None
    date_text: str | None = None
    places: tuple[str, ...] = ()
    agreement: int | None = None
    evidence: tuple[Evidence, ...] = ()
    key: str = ""
    label: str = ""
    unnamed: bool = False


@dataclass(frozen=True)
class FigureClaim:
    """A statement with a number about an actor: "China processes more than 90% of rare earths"."""

    about: str
    quantity: Decimal
    unit: str
    measure: str
    topics: tuple[str, ...]
    qualifier: str | None
    evidence: Evidence


@dataclass(frozen=True)
class Extraction:
    """Everything found in one article."""

    article: Article
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    roles: tuple[RoleClaim, ...] = ()
    memberships: tuple[Membership, ...] = ()
    agreements: tuple[AgreementClaim, ...] = ()
    events: tuple[EventClaim, ...] = ()
    figures: tuple[FigureClaim, ...] = ()


@dataclass(frozen=True)
class ReferenceEntity:
    """An entity known in advance, with its names and checked identifiers."""

    key: str
    kind: Kind
    label: str
    aliases: tuple[str, ...] = ()
    subtype: str | None = None
    wikidata: str | None = None
    geonames: str | None = None
    iso: tuple[str, str, str] | None = None
    official_name: str | None = None
    demonyms: tuple[str, ...] = ()
    country: str | None = None
    stands_for: str | None = None
    extra: tuple[tuple[str, str], ...] = field(default=())
