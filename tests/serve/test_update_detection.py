"""An update is told from a query by the SPARQL grammar, not by its first word."""

import pytest

from kg_builder.serve.sparql_service import ProtocolError, execute, is_update
from kg_builder.store.local import KnowledgeGraph


@pytest.mark.parametrize("text", [
    "INSERT DATA { <http://a> <http://b> <http://c> }",
    "prefix x: <http://x/>\n# a comment\ndelete where { ?s ?p ?o }",
    "WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "BASE <http://x/> LOAD <data.ttl>",
    "CLEAR ALL ; DROP GRAPH <http://g>",
])
def test_updates_are_updates(text):
    assert is_update(text)


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { ?s ?p ?o }",
    "# INSERT DATA { <http://a> <http://b> <http://c> }\nSELECT * WHERE { ?s ?p ?o }",
    'SELECT * WHERE { ?s ?p "DELETE" }',
    "", "PREFIX x: <http://x/>",  # empty updates are not updates worth refusing
    "INSERT DATA { <http://a> <http://b> ",  # broken: a syntax error, not an update
])
def test_queries_and_broken_text_are_not(text):
    assert not is_update(text)


def test_the_endpoint_refuses_updates_and_reports_broken_queries():
    graph = KnowledgeGraph.in_memory([])
    with pytest.raises(ProtocolError) as refused:
        execute(graph, "PREFIX x: <http://x/>\nINSERT DATA { x:a x:b x:c }")
    assert refused.value.status == 403
    with pytest.raises(ProtocolError) as broken:
        execute(graph, "# DELETE\nSELECT * WHERE { ?s ?p }")
    assert broken.value.status == 400
