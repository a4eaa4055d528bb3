"""Checking graphs: SHACL engines, SPARQL constraints, the OWL check, shapes, one typed report."""
