"""Online linking (opt-in): candidates for unlinked entities from the Wikidata API, checked
by type (a person must be a human, a country a sovereign state ...) and by context (the
candidate's description names the entity's country), scored; links at or above the
threshold are written to the KG's ``links.tsv`` (read by the next build), the rest are
suggestions in ``link-suggestions.tsv`` for a curator.

>>> c = WikidataCandidate("Q1", "Jane Roe", "Prime Minister of Ruritania", "label", frozenset({"Q5"}))
>>> score_candidate("Jane Roe", "Person", ["Ruritania"], c)
(1.0, 'label matches; type human; context Ruritania')
"""

from __future__ import annotations

import csv
import difflib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kg_builder.graph.links import FILE_NAME, QID, read_links
from kg_builder.linking.wikidata import WikidataCandidate, WikidataClient
from kg_builder.serve.queries import get_query, run_query, to_records
from kg_builder.store.local import KnowledgeGraph

# Accepted P31 (instance of) values per entity type; anything else is rejected.
ALLOWED_TYPES = {
    "Person": {"Q5": "human"},
    "Country": {"Q6256": "country", "Q3624078": "sovereign state", "Q7275": "state", "Q1763527": "constituent country"},
    "Organization": {
        "Q43229": "organization", "Q4830453": "business", "Q783794": "company", "Q891723": "public company",
        "Q6881511": "enterprise", "Q7278": "political party", "Q327333": "government agency",
        "Q2659904": "government organization", "Q1331793": "media company", "Q192283": "news agency",
        "Q484652": "international organization", "Q7188": "government", "Q1802419": "ministry",
        "Q192350": "ministry", "Q245065": "intergovernmental organization", "Q11032": "newspaper",
    },
    "Place": {
        "Q515": "city", "Q1549591": "big city", "Q5119": "capital", "Q1637706": "city with millions",
        "Q200250": "metropolis", "Q486972": "human settlement", "Q3957": "town", "Q82794": "region",
        "Q5107": "continent", "Q41176": "building", "Q16560": "palace", "Q15284": "municipality",
        "Q1093829": "city in the United States", "Q494721": "city of Japan", "Q1187811": "college town",
    },
    "Mineral": {"Q11344": "chemical element", "Q7946": "mineral", "Q12089225": "mineral species",
                "Q214609": "material", "Q19861951": "group of chemical elements"},
    "Sector": {"Q8148": "industry", "Q268592": "economic sector", "Q11862829": "academic discipline",
               "Q2424752": "product", "Q1047113": "specialty"},
}
DEFAULT_THRESHOLD = 0.9
CONTEXT_BONUS = 0.1
AMBIGUOUS = 0.6
SUGGESTIONS = "link-suggestions.tsv"
CONTEXT_QUERY = """
PREFIX cmkg: <https://w3id.org/cmkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?entity ?word WHERE {
  { ?entity cmkg:holdsPost/cmkg:postIn ?x } UNION { ?entity cmkg:country ?x } UNION { ?entity cmkg:governmentOf ?x }
  ?x rdfs:label ?l . BIND(STR(?l) AS ?word)
}"""


@dataclass(frozen=True)
class Proposal:
    """The best candidate for one unlinked entity, with its score and why."""

    entity: str
    key: str
    type: str
    label: str
    qid: str | None
    candidate: str
    description: str
    score: float
    reason: str
    accepted: bool


def score_candidate(label: str, kind: str, context: list[str], candidate: WikidataCandidate) -> tuple[float, str]:
    """Score one candidate: 0 if its type is wrong; else how well the name matches, plus context."""
    allowed = ALLOWED_TYPES.get(kind, {})
    types = [allowed[t] for t in sorted(candidate.types) if t in allowed]
    if not types:
        return 0.0, f"type {', '.join(sorted(candidate.types)) or 'unknown'} is not a {kind.lower()}"
    if candidate.label.casefold() == label.casefold():
        score, how = 1.0, "label matches"
    elif candidate.matched == "alias":
        score, how = 0.9, "alias matches"
    else:
        score = round(0.8 * difflib.SequenceMatcher(None, label.casefold(), candidate.label.casefold()).ratio(), 2)
        how = f"name similar ({candidate.label})"
    hits = [w for w in context if w and w.casefold() in candidate.description.casefold()]
    reason = f"{how}; type {types[0]}" + (f"; context {', '.join(hits)}" if hits else "")
    if hits:
        score = min(1.0, score + CONTEXT_BONUS)
    return score, reason


def propose(rows: list[dict[str, str]], client: WikidataClient, contexts: dict[str, list[str]],
            threshold: float = DEFAULT_THRESHOLD) -> list[Proposal]:
    """One proposal per unlinked entity (rows of the ``unlinked`` query)."""
    out = []
    for row in rows:
        entity, kind, label = row["entity"], row["type"], row["label"]
        key = _key(entity)
        context = contexts.get(entity, [])
        scored = sorted(((*score_candidate(label, kind, context, c), c) for c in client.search(label)),
                        key=lambda item: (-item[0], item[2].qid))
        scored = [s for s in scored if s[0] > 0]
        if not scored:
            out.append(Proposal(entity, key, kind, label, None, "", "", 0.0, "no candidate of the right type", False))
            continue
        score, reason, best = scored[0]
        if len(scored) > 1 and scored[1][0] >= score - 0.05:
            score, reason = min(score, AMBIGUOUS), f"ambiguous: {best.qid} or {scored[1][2].qid} ({reason})"
        out.append(Proposal(entity, key, kind, label, best.qid, best.label, best.description, score, reason,
                            score >= threshold and bool(QID.match(best.qid))))
    return out


def _key(iri: str) -> str:
    """``https://w3id.org/cmkg/id/person/jane-roe`` -> ``person/jane-roe``."""
    return "/".join(iri.rstrip("/").split("/")[-2:])


def contexts_of(graph) -> dict[str, list[str]]:
    """Words that place each entity: the countries of its posts, its country, the country it governs."""
    out: dict[str, list[str]] = {}
    for solution in graph.query(CONTEXT_QUERY):
        out.setdefault(solution["entity"].value, []).append(solution["word"].value)
    return out


def write_proposals(kg_dir: Path, proposals: list[Proposal]) -> tuple[int, int]:
    """Accepted links into ``links.tsv`` (kept rows stay), the rest into ``link-suggestions.tsv``."""
    links_path = kg_dir / FILE_NAME
    kept = {link.key: link for link in read_links(links_path)} if links_path.exists() else {}
    accepted = [p for p in proposals if p.accepted and p.key not in kept]
    today = date.today().isoformat()
    with links_path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("# Links for this knowledge graph; the next build reads them. Edit or delete rows freely.\n")
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["key", "wikidata", "geonames", "source", "note"])
        for link in kept.values():
            writer.writerow([link.key, link.wikidata or "", link.geonames or "", link.source, link.note])
        for p in accepted:
            writer.writerow([p.key, p.qid, "", f"wikidata-api {today} score {p.score:.2f}", p.reason])
    rest = [p for p in proposals if not p.accepted]
    with (kg_dir / SUGGESTIONS).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["key", "type", "label", "wikidata", "candidate", "description", "score", "reason"])
        for p in rest:
            writer.writerow([p.key, p.type, p.label, p.qid or "", p.candidate, p.description, f"{p.score:.2f}",
                             p.reason])
    return len(accepted), len(rest)


def read_suggestions(kg_dir: Path) -> dict[str, dict[str, str]]:
    path = kg_dir / SUGGESTIONS
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["key"]: row for row in csv.DictReader(handle, delimiter="\t")}



def unlinked_report(kg_dir: Path) -> list[dict[str, str]]:
    """The ``unlinked`` saved query's rows, each with the suggestion of the last online run (if any)."""
    with KnowledgeGraph.open(kg_dir) as graph:
        rows = to_records(run_query(graph, get_query("unlinked")))
    suggestions = read_suggestions(kg_dir)
    for row in rows:
        key = row["key"] = _key(row["entity"])
        hint = suggestions.get(key)
        row["suggestion"] = f"{hint['wikidata']} {hint['candidate']} ({hint['score']}: {hint['reason']})" \
            if hint and hint.get("wikidata") else ""
    return rows


def link_online(kg_dir: Path, *, api: str, threshold: float = DEFAULT_THRESHOLD,
                cache_dir: Path | None = None) -> tuple[int, int]:
    """Ask the Wikidata API about every unlinked entity; write accepted links and suggestions."""
    with KnowledgeGraph.open(kg_dir) as graph:
        rows = to_records(run_query(graph, get_query("unlinked")))
        contexts = contexts_of(graph)
    with WikidataClient(api, cache_dir=cache_dir or kg_dir / "link-cache") as client:
        proposals = propose(rows, client, contexts, threshold)
    return write_proposals(kg_dir, proposals)
