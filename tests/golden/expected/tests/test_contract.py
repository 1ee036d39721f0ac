"""Contract tests: every operation of the Intercom API 1.0, called through the SDK
against a Prism mock of ``openapi.yaml`` (see conftest.py for how to run them).

Each test sends a realistic request (arguments from the description's examples, or built
from its schemas), which Prism must accept as valid, and checks that the answer parses
into the declared model. ``test_declared_error_status`` asks Prism for each error status
an operation declares and checks the SDK raises the matching exception.
"""

from __future__ import annotations

from typing import Any, Callable

import pytest
from conftest import ContractViolation, Expect

import intercom_sdk
from intercom_sdk import Intercom, types


@pytest.mark.operation("listWidgets")
def test_list_widgets(client: Intercom, expect: Expect) -> None:
    """List widgets: `GET /widgets` (listWidgets)."""
    result = client.widgets.list()
    expect.page(result, types.WidgetList)


@pytest.mark.operation("createWidget")
def test_create_widget(client: Intercom, expect: Expect) -> None:
    """Create a widget: `POST /widgets` (createWidget).

    Body: request example "from_scratch".
    """
    result = client.widgets.create(name="Sprocket", color="red")
    expect.model(result, types.Widget)


@pytest.mark.operation("searchWidgets")
def test_search_widgets(client: Intercom, expect: Expect) -> None:
    """Search widgets: `POST /widgets/search` (searchWidgets).

    Body: built from the request schema, which has no request example.
    """
    result = client.widgets.search(
        query={"field": "example", "operator": "=", "value": "example"}
    )
    expect.page(result, types.WidgetList)


@pytest.mark.operation("retrieveWidget")
def test_retrieve_widget(client: Intercom, expect: Expect) -> None:
    """Retrieve a widget: `GET /widgets/{id}` (retrieveWidget)."""
    result = client.widgets.retrieve("123", accept_language="en")
    expect.model(result, types.Widget)


@pytest.mark.operation("updateWidget")
def test_update_widget(client: Intercom, expect: Expect) -> None:
    """Update a widget: `PUT /widgets/{id}` (updateWidget).

    Body: built from the request schema, which has no request example.
    """
    result = client.widgets.update("123")
    expect.model(result, types.Widget)


@pytest.mark.operation("deleteWidget")
def test_delete_widget(client: Intercom, expect: Expect) -> None:
    """Delete a widget: `DELETE /widgets/{id}` (deleteWidget)."""
    result = client.widgets.delete("123")
    expect.model(result, types.DeletedObject)


@pytest.mark.operation("archiveWidget")
def test_archive_widget(client: Intercom, expect: Expect) -> None:
    """Archive a widget: `POST /widgets/{id}/archive` (archiveWidget)."""
    result = client.widgets.archive("123")
    expect.model(result, types.Widget)


@pytest.mark.operation("downloadWidgetPhoto")
def test_download_widget_photo(client: Intercom, expect: Expect) -> None:
    """Download a widget's photo: `GET /widgets/{id}/photo` (downloadWidgetPhoto)."""
    result = client.widgets.photo.retrieve("123")
    expect.content(result)


@pytest.mark.operation("showWidgetManual")
def test_show_widget_manual(client: Intercom, expect: Expect) -> None:
    """Get the link to a widget's manual: `GET /widgets/{id}/manual` (showWidgetManual)."""
    result = client.widgets.manual.retrieve("123")
    expect.location(result)


@pytest.mark.operation("listBolts")
def test_list_bolts(client: Intercom, expect: Expect) -> None:
    """List a widget's bolts: `GET /widgets/{widget_id}/bolts` (listBolts)."""
    result = client.widgets.bolts.list("123")
    expect.page(result, types.BoltList)


@pytest.mark.operation("createBolt")
def test_create_bolt(client: Intercom, expect: Expect) -> None:
    """Add a bolt to a widget: `POST /widgets/{widget_id}/bolts` (createBolt).

    Body: built from the request schema, which has no request example.
    """
    result = client.widgets.bolts.create("123", label="example")
    expect.model(result, types.Bolt)


@pytest.mark.operation("retrieveBolt")
def test_retrieve_bolt(client: Intercom, expect: Expect) -> None:
    """Retrieve a bolt: `GET /widgets/{widget_id}/bolts/{id}` (retrieveBolt)."""
    result = client.widgets.bolts.retrieve("123", 1)
    expect.model(result, types.Bolt)


@pytest.mark.operation("listWidgetGadgets")
def test_list_widget_gadgets(client: Intercom, expect: Expect) -> None:
    """List the gadgets fitted to a widget: `GET /widgets/{widget_id}/gadgets` (listWidgetGadgets)."""
    result = client.widgets.gadgets.list("123")
    expect.page(result, types.ListWidgetGadgetsResponse)


@pytest.mark.operation("listGadgets")
def test_list_gadgets(client: Intercom, expect: Expect) -> None:
    """List gadgets: `GET /gadgets` (listGadgets)."""
    result = client.gadgets.list()
    expect.page(result, types.GadgetList)


@pytest.mark.operation("scrollGadgets")
def test_scroll_gadgets(client: Intercom, expect: Expect) -> None:
    """Scroll through every gadget: `GET /gadgets/scroll` (scrollGadgets)."""
    result = client.gadgets.scroll()
    expect.page(result, types.GadgetScroll)


ERROR_CASES = [
    pytest.param(
        test_create_widget,
        409,
        intercom_sdk.ConflictError,
        id="createWidget-409",
        marks=[pytest.mark.operation("createWidget")],
    ),
    pytest.param(
        test_retrieve_widget,
        404,
        intercom_sdk.NotFoundError,
        id="retrieveWidget-404",
        marks=[pytest.mark.operation("retrieveWidget")],
    ),
    pytest.param(
        test_update_widget,
        404,
        intercom_sdk.NotFoundError,
        id="updateWidget-404",
        marks=[pytest.mark.operation("updateWidget")],
    ),
    pytest.param(
        test_download_widget_photo,
        404,
        intercom_sdk.NotFoundError,
        id="downloadWidgetPhoto-404",
        marks=[pytest.mark.operation("downloadWidgetPhoto")],
    ),
    pytest.param(
        test_show_widget_manual,
        404,
        intercom_sdk.NotFoundError,
        id="showWidgetManual-404",
        marks=[pytest.mark.operation("showWidgetManual")],
    ),
]


@pytest.mark.parametrize(("case", "status", "error"), ERROR_CASES)
def test_declared_error_status(
    client: Intercom,
    expect: Expect,
    case: Callable[..., Any],
    status: int,
    error: type[Exception],
) -> None:
    erring = client.with_options(default_headers={"Prefer": f"code={status}"})
    with pytest.raises(intercom_sdk.APIStatusError) as raised:
        case(erring, expect)
    assert (
        type(raised.value) is error
    ), f"{status} raised {type(raised.value).__name__}, not {error.__name__}"
    assert raised.value.status_code == status
