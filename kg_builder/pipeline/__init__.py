"""The pipeline: build, add and remove, worker processes, the extraction cache."""
