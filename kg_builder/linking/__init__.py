"""Links to open data: the linker and the Wikidata client."""
