"""A change to the corpus (articles added, replaced or removed) carried through resolution, merging
and the corpus-wide graphs, touching only what the change can reach.

1. Resolution: the articles that name someone in part by a last name whose full names changed are
   resolved again (with the corpus's full names from the state).
2. Merging: the claims that share an actor with a changed claim are merged again (see
   :mod:`kg_builder.corpus.merge`: every decision looks only at claims that share an actor); claims
   whose key or label moved mark their article as changed.
3. The articles whose merged form changed (by fingerprint) get their graph written again, and the
   subjects of the corpus-wide graphs they contribute to are counted again.

A build is the same change made to an empty state, so both give the same graph.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg_builder.corpus import merge as merging
from kg_builder.corpus.resolve import full_names, last_word, partial_names, resolve_one
from kg_builder.graph.contributions import article_contributions, subject_quads
from kg_builder.model import Extraction, Kind
from kg_builder.namespaces import Iris
from kg_builder.pipeline.state import AGREEMENT, EVENT, CorpusState, Entry
from kg_builder.reference import Reference

Raw = Callable[[str], Extraction]  # article id -> its cached extraction (before resolution)


@dataclass
class CorpusChange:
    """What a change makes: the articles whose graph must be written (merged), those dropped, the new
    quads of each corpus-wide subject it touched, and the articles' entries."""

    write: dict[str, Extraction] = field(default_factory=dict)
    dropped: set[str] = field(default_factory=set)
    subjects: dict[tuple[str, str], list[ox.Quad]] = field(default_factory=dict)
    entries: dict[str, Entry] = field(default_factory=dict)


def fingerprint(merged: Extraction) -> str:
    """A hash of what resolution and merging decided for one article: when it is unchanged (and the
    article is), the article's graph is unchanged. Resolution only rewrites people, so only the
    mentions of people are hashed."""
    parts = (
        [(m.start, m.key, m.label) for m in merged.mentions if m.kind is Kind.PERSON],
        [(r.person, r.role, r.of) for r in merged.roles],
        [(m.person, m.organization) for m in merged.memberships],
        [(a.key, a.label, a.signatories) for a in merged.agreements],
        [(e.key, e.label, e.participants) for e in merged.events],
        [(f.about,) for f in merged.figures],
    )
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


def apply_change(state: CorpusState, new: dict[str, Extraction], removed: set[str], raw: Raw,
                 reference: Reference, iris: Iris) -> CorpusChange:
    """Carry a change through the state; ``new`` are the extractions of added or replaced articles."""
    touched = set(new) | removed
    # 1. resolution
    lasts = set()
    for article in sorted(touched):
        lasts |= state.names_lasts(article)
    for article in sorted(removed):
        state.put_names(article, {}, (), last_word)
    for article, extraction in sorted(new.items()):
        full = full_names(extraction)
        lasts |= {last_word(label) for label in full.values()}
        state.put_names(article, full, partial_names(extraction), last_word)
    again = (state.naming(lasts) | set(new)) - removed
    resolved = {a: resolve_one(new[a] if a in new else raw(a), state) for a in sorted(again)}
    # 2. merging
    before = {a: (state.records(AGREEMENT, a), state.records(EVENT, a)) for a in sorted(again | removed)}
    own_labels = {a: merging.local_labels([extraction]) for a, extraction in resolved.items()}
    label_keys = {k for a in sorted(again | removed) for k in state.labels_of(a)}
    label_keys |= {k for labels in own_labels.values() for k in labels}
    labels_before = state.labels(label_keys)
    parts = set()
    for article in sorted(removed):
        parts |= set(state.contributions(article))
        state.forget(article)
    for article, extraction in resolved.items():
        state.put_labels(article, own_labels[article])
        state.put_records(AGREEMENT, article, merging.agreement_records(extraction))
        state.put_records(EVENT, article, merging.event_records(extraction))
    labels_after = state.labels(label_keys)
    relabelled = {k for k, v in labels_after.items() if labels_before.get(k) != v}
    relabelled |= set(labels_before) - set(labels_after)
    after = {a: (state.records(AGREEMENT, a), state.records(EVENT, a)) for a in sorted(again)}
    moved = set()
    for index, (kind, assign) in enumerate(((AGREEMENT, _assign_agreements), (EVENT, _assign_events))):
        changed = [r for pair in (*before.values(), *after.values()) for r in pair[index]]
        moved |= _merge_again(state, kind, changed, relabelled, assign, reference)
    # 3. what to write
    out = CorpusChange(dropped=set(removed))
    entries = state.entries(again | moved)
    for article in sorted((again | moved) - removed):
        extraction = resolved.get(article) or resolve_one(raw(article), state)
        merged = merging.apply(extraction, state.assignments(AGREEMENT, article), state.assignments(EVENT, article))
        entry = Entry(extraction.article.sha256, extraction.article.source, fingerprint(merged))
        if article in new or entries.get(article) != entry:
            out.write[article] = merged
            out.entries[article] = entry
            state.put_entry(article, entry)
    for article, merged in out.write.items():
        made = article_contributions(merged, reference, iris)
        parts |= set(state.contributions(article)) | set(made)
        state.put_contributions(article, made)
    for part in sorted(parts):
        payloads = state.payloads(*part)
        out.subjects[part] = subject_quads(*part, payloads, iris) if payloads else []
    return out


REACH = 64  # up to this many signatures of changed claims, only the claims they reach are named again


def _assign_agreements(records, label, reference, reach):
    return merging.assign_agreements(records, label, reach)


def _assign_events(records, label, reference, reach):
    return merging.assign_events(records, label, merging.place_country(reference), reach)


def _merge_again(state: CorpusState, kind: str, changed: list, relabelled: set[str], assign,
                 reference: Reference) -> set[str]:
    """Merge again the claims the changed ones can reach (:class:`kg_builder.corpus.merge.Reach`); the
    articles whose claims moved.

    Every signature that holds another has all of its actors, so the claims that can move are among
    those with an actor of a changed claim or a relabelled actor, and every signature that holds one
    of them is loaded with it."""
    actors = {a for r in changed for a in r.actors} | relabelled
    if not actors and not changed:
        return set()
    records = _loaded(state, kind, actors, changed)
    keys = {k for r in records for k in r.actors}
    local = state.labels(keys)
    reach = merging.Reach(changed, relabelled)
    # a large change (a build) names every loaded claim: checking each against its reach costs more
    named = assign(records, merging.labeller(reference, local), reference,
                   reach if len(reach.changed) <= REACH else None)
    stored = state.assigned(kind, named)
    moved = {ref: value for ref, value in named.items() if stored.get(ref) != value}
    # a claim out of reach keeps its cluster, but the cluster's label may have changed with an actor's
    # label (its full signature's own claims are in reach: they have every actor the label names)
    labels = {key: label for key, label in named.values()}
    for ref, (key, label) in state.keyed(kind, labels).items():
        if ref not in named and label != labels[key]:
            moved[ref] = (key, labels[key])
    state.assign(kind, moved)
    return {article for article, _ in moved}


def _loaded(state: CorpusState, kind: str, actors: set[str], changed: list) -> list:
    """The stored claims with one of ``actors``, and the changed claims with none (each stands alone)."""
    records = {r.ref: r for r in state.records_with(kind, actors)}
    for record in changed:
        if not record.actors:
            for stored in state.records(kind, record.ref[0]):
                records.setdefault(stored.ref, stored)
    return [records[ref] for ref in sorted(records)]
