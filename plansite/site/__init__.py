"""The MkDocs site: the ``plan`` plugin and what only the site needs (pages, navigation, search)."""
