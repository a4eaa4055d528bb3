"""Reading articles: files and folders, encodings, cleaning, metadata and dates."""
