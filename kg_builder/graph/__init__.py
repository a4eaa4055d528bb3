"""RDF of the build: article graphs, fact descriptions, terms, corpus graphs, statistics, links,
VoID and vocabulary."""
