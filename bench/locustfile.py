"""What bench/load.py's simulated clients do: a mix of SPARQL SELECTs, saved queries, entity pages
and ``/health`` in equal shares, each request drawn from many (a random country, person or node of
the graph), so that the server's answer cache meets new requests all along. The server is started
by bench/load.py."""

from __future__ import annotations

import os
import random

from locust import FastHttpUser, between, events, task

P = ("PREFIX cmkg: <https://w3id.org/cmkg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
     "PREFIX id: <https://w3id.org/cmkg/id/> ")
C = "<https://w3id.org/cmkg/id/{country}>"
SELECTS = [
    P + "SELECT ?agreement ?label WHERE {{ ?agreement cmkg:party " + C + " ; rdfs:label ?label }} LIMIT {limit}",
    P + "SELECT ?event ?label WHERE {{ ?event cmkg:participant " + C + " ; rdfs:label ?label }} LIMIT {limit}",
    P + "SELECT ?label WHERE {{ " + C + " rdfs:label ?label }}",
    P + "SELECT ?mineral (COUNT(?a) AS ?n) WHERE {{ ?a cmkg:party " + C + " ; cmkg:covers ?mineral }} "
        "GROUP BY ?mineral ORDER BY DESC(?n) LIMIT {limit}",
]
SAVED = ["/queries/roles?person={person}", "/queries/entity-facts?entity={node}", "/queries/mentions?entity={node}",
         "/queries/actor-facts?actor={country}", "/queries/entities?type={type}"]
TYPES = ["Country", "Person", "Company", "Organization", "Mineral", "GovernmentBody"]
NODES: dict[str, list[str]] = {}


@events.test_start.add_listener
def pick_nodes(environment, **_: object) -> None:
    """The graph's nodes, by kind, found before the run (so that every request names a real one)."""
    import httpx

    def keys(pattern: str) -> list[str]:
        query = (f"SELECT DISTINCT ?node WHERE {{ {pattern} FILTER(STRSTARTS(STR(?node), 'https://w3id.org/cmkg/id/') "
                 "&& !CONTAINS(STR(?node), '#')) } LIMIT 5000")
        answer = httpx.get(f"{environment.host}/sparql", params={"query": query}, timeout=60,
                           headers={"accept": "application/sparql-results+json"})
        answer.raise_for_status()
        return sorted(r["node"]["value"].removeprefix("https://w3id.org/cmkg/id/")
                      for r in answer.json()["results"]["bindings"])

    NODES["node"] = keys("?node a ?type .")
    NODES["country"] = keys("?node a <https://w3id.org/cmkg/ontology#Country> .")
    NODES["person"] = keys("?node a <https://w3id.org/cmkg/ontology#Person> .")


def some(kind: str) -> str:
    return random.choice(NODES[kind])


THINK = float(os.environ.get("KG_LOAD_THINK", "0.2"))  # mean seconds a client waits between requests


class Analyst(FastHttpUser):
    wait_time = between(THINK / 2, THINK * 1.5)

    @task
    def sparql_select(self) -> None:
        query = random.choice(SELECTS).format(country=some("country"), limit=random.choice([10, 20, 50, 100]))
        self.client.get("/sparql", params={"query": query}, headers={"accept": "application/sparql-results+json"},
                        name="/sparql SELECT")

    @task
    def saved_query(self) -> None:
        path = random.choice(SAVED).format(person=some("person"), node=some("node"), country=some("country"),
                                           type=random.choice(TYPES))
        self.client.get(path, headers={"accept": "application/json"}, name="/queries/{name}")

    @task
    def entity_page(self) -> None:
        self.client.get(f"/id/{some('node')}", headers={"accept": "text/html"}, name="/id/{key}")

    @task
    def health(self) -> None:
        self.client.get("/health", name="/health")
