"""Where graphs are kept: the embedded Oxigraph store and its builds, a remote SPARQL 1.1 server, one
writer at a time."""
