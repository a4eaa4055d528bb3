"""News outlets named as the source of what an article says are not actors of its story.

"Bloomberg reported", "told Reuters", "according to a report by Bloomberg News", "(Reuters) -" and a
photo credit ("Pool via Reuters") say where a statement comes from; the outlet neither signs, invests
nor restricts anything. A news organisation named so is no mention of an actor. Named otherwise
("Reuters agreed to buy ...") it stays one.
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg_builder.extract.candidates import Candidate
from kg_builder.reference import Reference

MEDIA = "MediaOrganization"
# words just before an outlet that make it the source: "told Reuters", "according to Bloomberg",
# "seen by Reuters", "reported Reuters", "Pool via Reuters", "(Reuters"
BEFORE = {"told", "to", "by", "via", "reported", "reports", "said", "says", "citing", "cited", "(", "/"}
# words just after: "Bloomberg reported", "Reuters)", "Reuters /", "Bloomberg News", "Reuters calculations"
AFTER = {"reported", "reports", "report", "reporting", "said", "says", "news", "calculations", "analysis",
         "citing", "cited", ")", "/", ".", ","}


def drop_attributions(doc: Doc, candidates: list[Candidate], reference: Reference) -> list[Candidate]:
    """The candidates without news organisations named as a source."""
    return [c for c in candidates if not (c.subtype_in(reference) == MEDIA and _as_source(doc, c))]


def _as_source(doc: Doc, cand: Candidate) -> bool:
    before = doc[cand.start - 1].lower_ if cand.start > 0 else ""
    after = doc[cand.end].lower_ if cand.end < len(doc) else ""
    alone = cand.start == doc[cand.start].sent.start and cand.end >= doc[cand.start].sent.end - 1  # a credit line
    return alone or before in BEFORE or after in AFTER
