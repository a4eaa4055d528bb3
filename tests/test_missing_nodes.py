"""IRI parameters that name no node: found by a look-up that binds the IRI as a term, with the
closest node of the same kind."""

import pyoxigraph as ox
import pytest

from kg_builder.errors import QueryError
from kg_builder.namespaces import RDFS, SKOS, VOCAB_BASE
from kg_builder.serve.missing_nodes import MissingNode, missing_nodes
from kg_builder.serve.queries import get_query
from kg_builder.store.local import KnowledgeGraph

GRAPH = ox.NamedNode("https://w3id.org/cmkg/graph/vocabulary")


def graph() -> KnowledgeGraph:
    labels = {"mineral/rare-earth-elements": "rare-earth elements",
              "mineral/light-rare-earth-elements": "light rare-earth elements",
              "mineral/lithium": "lithium"}
    quads = [ox.Quad(ox.NamedNode(VOCAB_BASE + key), ox.NamedNode(SKOS + "prefLabel"), ox.Literal(label), GRAPH)
             for key, label in labels.items()]
    quads.append(ox.Quad(ox.NamedNode("https://w3id.org/cmkg/id/person/xi-jinping"), ox.NamedNode(RDFS + "label"),
                         ox.Literal("Xi Jinping"), GRAPH))
    return KnowledgeGraph.in_memory(quads)


def test_a_missing_node_gets_the_closest_of_its_kind():
    found = missing_nodes(graph(), get_query("agreements"), {"mineral": "mineral/rare-earth"})
    assert found == [MissingNode("mineral", "mineral/rare-earth", "mineral/rare-earth-elements")]
    assert found[0].message() == ("parameter 'mineral': the graph has no node mineral/rare-earth "
                                  "(did you mean mineral/rare-earth-elements?)")
    by_label = missing_nodes(graph(), get_query("agreements"), {"mineral": "mineral/lithum"})
    assert by_label[0].suggestion == "mineral/lithium"


def test_nothing_close_gives_no_suggestion_and_a_node_present_gives_nothing():
    assert missing_nodes(graph(), get_query("agreements"), {"mineral": "mineral/copper"}) == [
        MissingNode("mineral", "mineral/copper", None)]
    assert missing_nodes(graph(), get_query("agreements"), {"mineral": "mineral/lithium"}) == []
    assert missing_nodes(graph(), get_query("roles"), {"person": "person/xi-jinping"}) == []
    assert missing_nodes(graph(), get_query("roles"), {"person": "https://example.org/x"}) == [
        MissingNode("person", "https://example.org/x", None)]


def test_the_endpoint_of_a_federated_query_is_not_looked_up():
    assert missing_nodes(graph(), get_query("wikidata-countries"), {"service": "http://127.0.0.1:9/sparql"}) == []


def test_a_value_that_is_not_an_iri_is_refused_before_any_look_up():
    with pytest.raises(QueryError, match="not a valid iri"):
        missing_nodes(graph(), get_query("roles"), {"person": "x> } . ?s ?p ?o"})
