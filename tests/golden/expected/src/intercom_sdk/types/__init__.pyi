"""Models for every schema of the Intercom API 1.0, for type checkers.

At run time `__init__.py` imports each class on first use.
"""

from ._models.bolt import Bolt as Bolt
from ._models.bolt_list import BoltList as BoltList
from ._models.color import Color as Color
from ._models.cursor_pages import CursorPagesNext as CursorPagesNext
from ._models.cursor_pages import CursorPages as CursorPages
from ._models.deleted_object import DeletedObject as DeletedObject
from ._models.error import ErrorErrorsItem as ErrorErrorsItem
from ._models.error import Error as Error
from ._models.gadget import Gadget as Gadget
from ._models.gadget_list import GadgetList as GadgetList
from ._models.gadget_scroll import GadgetScroll as GadgetScroll
from ._models.list_widget_gadgets_response import (
    ListWidgetGadgetsResponse as ListWidgetGadgetsResponse,
)
from ._models.page_pages import PagePages as PagePages
from ._models.pages_link import PagesLink as PagesLink
from ._models.search_request_pagination import (
    SearchRequestPagination as SearchRequestPagination,
)
from ._models.search_request_query import SearchRequestQuery as SearchRequestQuery
from ._models.widget import Widget as Widget
from ._models.widget_list import WidgetList as WidgetList
from ._models.widget_ref import WidgetRef as WidgetRef
from ._params import SearchRequestPaginationParam as SearchRequestPaginationParam
from ._params import SearchRequestQueryParam as SearchRequestQueryParam
