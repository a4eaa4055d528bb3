from kg_builder import paths


def test_paths_resource_folders_exist():
    for folder in (paths.ontology_dir(), paths.shapes_dir(), paths.queries_dir(), paths.reference_dir()):
        assert folder.is_dir(), folder
    assert len(list(paths.sample_articles_dir().glob("*.txt"))) == 5
