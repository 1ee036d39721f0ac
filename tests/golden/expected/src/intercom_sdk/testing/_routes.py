"""Every operation of the Intercom API 1.0 description with its example response.

Generated from the description (generator/runtime_data.py), read by `ExampleTransport`; loaded
only when `intercom_sdk.testing` is imported. One entry per operation, in the description's
order: HTTP method, path template, SDK method, success status, content type (None: no body) and
the body as JSON text. The body is the operation's first success example, or, for an operation
whose description has none, built from its response schema.
"""

ROUTES: tuple[tuple[str, str, str, int, str | None, str], ...] = (
    # example example
    (
        "GET",
        "/widgets",
        "widgets.list",
        200,
        "application/json",
        '{"type":"list","data":[{"type":"widget","id":"w_1","name":"Sprocket","color":"red","description":null}],"total_count":1,"pages":{"type":"pages","per_page":50,"total_pages":1}}',
    ),
    # schema
    (
        "POST",
        "/widgets",
        "widgets.create",
        200,
        "application/json",
        '{"type":"widget","id":"","name":"","color":"red","description":"","size":0,"created_at":0,"replaced_by":{"type":"widget","id":""},"labels":{}}',
    ),
    # schema
    (
        "POST",
        "/widgets/search",
        "widgets.search",
        200,
        "application/json",
        '{"type":"list","data":[{"type":"widget","id":"","name":"","color":"red","description":"","size":0,"created_at":0,"replaced_by":{"type":"widget","id":""},"labels":{}}],"total_count":0,"pages":{"type":"pages","page":0,"next":{"starting_after":""},"per_page":0,"total_pages":0}}',
    ),
    # example example
    (
        "GET",
        "/widgets/{id}",
        "widgets.retrieve",
        200,
        "application/json",
        '{"type":"widget","id":"w_1","name":"Sprocket","color":"red","description":"A small cog","size":3}',
    ),
    # schema
    (
        "PUT",
        "/widgets/{id}",
        "widgets.update",
        200,
        "application/json",
        '{"type":"widget","id":"","name":"","color":"red","description":"","size":0,"created_at":0,"replaced_by":{"type":"widget","id":""},"labels":{}}',
    ),
    # schema
    (
        "DELETE",
        "/widgets/{id}",
        "widgets.delete",
        200,
        "application/json",
        '{"type":"widget","id":"","deleted":false}',
    ),
    # schema
    (
        "POST",
        "/widgets/{id}/archive",
        "widgets.archive",
        200,
        "application/json",
        '{"type":"widget","id":"","name":"","color":"red","description":"","size":0,"created_at":0,"replaced_by":{"type":"widget","id":""},"labels":{}}',
    ),
    # empty application/octet-stream
    (
        "GET",
        "/widgets/{id}/photo",
        "widgets.photo.retrieve",
        200,
        "application/octet-stream",
        "",
    ),
    # no content
    ("GET", "/widgets/{id}/manual", "widgets.manual.retrieve", 302, None, ""),
    # schema
    (
        "GET",
        "/widgets/{widget_id}/bolts",
        "widgets.bolts.list",
        200,
        "application/json",
        '{"type":"list","data":[{"type":"bolt","id":0,"widget_id":"","label":"","weight":0}],"pages":{"page":0,"per_page":0,"total_pages":0}}',
    ),
    # schema
    (
        "POST",
        "/widgets/{widget_id}/bolts",
        "widgets.bolts.create",
        200,
        "application/json",
        '{"type":"bolt","id":0,"widget_id":"","label":"","weight":0}',
    ),
    # schema
    (
        "GET",
        "/widgets/{widget_id}/bolts/{id}",
        "widgets.bolts.retrieve",
        200,
        "application/json",
        '{"type":"bolt","id":0,"widget_id":"","label":"","weight":0}',
    ),
    # schema
    (
        "GET",
        "/widgets/{widget_id}/gadgets",
        "widgets.gadgets.list",
        200,
        "application/json",
        '{"type":"list","data":[{"type":"gadget","id":"","kind":"lever"}],"pages":{"type":"pages","next":""}}',
    ),
    # schema
    (
        "GET",
        "/gadgets",
        "gadgets.list",
        200,
        "application/json",
        '{"type":"list","data":[{"type":"gadget","id":"","kind":"lever"}],"pages":{"type":"pages","page":0,"next":{"starting_after":""},"per_page":0,"total_pages":0}}',
    ),
    # schema
    (
        "GET",
        "/gadgets/scroll",
        "gadgets.scroll",
        200,
        "application/json",
        '{"type":"gadget.list","data":[{"type":"gadget","id":"","kind":"lever"}],"scroll_param":""}',
    ),
)
