"""Party membership where the text states it: "Xi Jinping (Chinese Communist Party, left)",
"Sanae Takaichi, of the Liberal Democratic Party", "Jane Roe, a member of the Labour Party".
"""

from __future__ import annotations

from kg_builder.extract.context import ArticleContext
from kg_builder.model import Kind, Membership

LINKS = (("(",), (",", "of", "the"), (",", "a", "member", "of", "the"), (",", "member", "of", "the"))


def find_memberships(ctx: ArticleContext) -> tuple[Membership, ...]:
    """Memberships: a person's name followed by a party in brackets or by "of the ..." party."""
    out = []
    starts = {s: m for s, _, m in ctx.spans}
    for start, end, person in ctx.spans:
        if person.kind is not Kind.PERSON:
            continue
        for link in LINKS:
            words = [t.lower_ for t in ctx.doc[end:end + len(link)]]
            party = starts.get(end + len(link))
            if words == list(link) and party is not None and party.kind is Kind.ORGANIZATION \
                    and party.subtype == "PoliticalParty":
                last = ctx.doc[start:end + len(link) + len(party.text.split())]
                out.append(Membership(person.key, party.key, person.start, last.end_char,
                                      ctx.sentence_number(start)))
                break
    return tuple(dict.fromkeys(out))
