"""Reading the graph: saved queries, results, exports, entity views, the SPARQL service and the
HTTP app."""
