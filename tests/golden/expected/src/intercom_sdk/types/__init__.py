"""Models for every schema of the Intercom API 1.0.

The 19 classes live in `_models/`, one module per schema, and the
2 `...Param` TypedDicts (the objects a method takes, as plain dicts) in `_params`.
A class is imported on first use, together with the classes it references, so `import
intercom_sdk` stays fast and a process holds only the models it uses. This module maps each
name to its module; type checkers read the names from `__init__.pyi` beside it.
"""

from __future__ import annotations

import importlib
from typing import Any

_MODULES = {
    "Bolt": "_models.bolt",
    "BoltList": "_models.bolt_list",
    "Color": "_models.color",
    "CursorPagesNext": "_models.cursor_pages",
    "CursorPages": "_models.cursor_pages",
    "DeletedObject": "_models.deleted_object",
    "ErrorErrorsItem": "_models.error",
    "Error": "_models.error",
    "Gadget": "_models.gadget",
    "GadgetList": "_models.gadget_list",
    "GadgetScroll": "_models.gadget_scroll",
    "ListWidgetGadgetsResponse": "_models.list_widget_gadgets_response",
    "PagePages": "_models.page_pages",
    "PagesLink": "_models.pages_link",
    "SearchRequestPagination": "_models.search_request_pagination",
    "SearchRequestQuery": "_models.search_request_query",
    "Widget": "_models.widget",
    "WidgetList": "_models.widget_list",
    "WidgetRef": "_models.widget_ref",
    "SearchRequestPaginationParam": "_params",
    "SearchRequestQueryParam": "_params",
}

__all__ = sorted(_MODULES)


def __getattr__(name: str) -> Any:
    if name in _MODULES:
        module = importlib.import_module(f"{__name__}.{_MODULES[name]}")
        value = globals()[name] = getattr(module, name)  # later lookups skip this hook
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
