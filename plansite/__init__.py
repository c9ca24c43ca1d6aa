"""The plan site: data/plan.yaml in, a site, PDFs and a diff out.

Its folders are its layers, and data flows one way through them:

* :mod:`plansite.data` reads the YAML (with positions), validates it, and resolves it into one
  :class:`~plansite.data.model.Plan`;
* :mod:`plansite.outputs` turns models into things people read: the document order, PDF handouts,
  the plan diff, the JSON export;
* :mod:`plansite.site` is the MkDocs plugin ``plan`` and what only the site needs: pages and
  navigation, titles, search terms.

No output reads the YAML again; every output takes a model.
"""
