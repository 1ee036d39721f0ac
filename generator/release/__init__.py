"""Release tooling: following upstream (check-update, update-lock, add-release), the drift check,
the semantic diff, changelogs and the surface snapshot. Reads the pipeline's output; the
pipeline never imports it, except its composition root for the changelog text."""
