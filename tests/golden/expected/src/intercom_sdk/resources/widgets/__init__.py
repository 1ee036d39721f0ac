"""`client.widgets` and its sub-resources, one module each.

Nothing is imported here: each module loads when the client first reaches its resource.
"""
