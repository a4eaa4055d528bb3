"""The corpus stage: claims of all articles resolved to entities and merged into facts."""
