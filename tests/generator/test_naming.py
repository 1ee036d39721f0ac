"""The naming rules: operationIds compared by their words, and name collisions resolved by rule."""

from __future__ import annotations

import pytest

from generator import naming
from generator.naming import Naming, operation_key, resolve_collisions
from generator.specdata import NamingData


def _resolve(items: list[tuple[str, str]]) -> tuple[dict[int, str], list[naming.Collision]]:
    return resolve_collisions(items, lambda i: i[0], lambda i: i[1])


def test_colliding_operations_are_named_by_the_words_that_tell_them_apart() -> None:
    renames, [collision] = _resolve(
        [
            ("visitors.retrieve", "retrieveVisitorWithUserId"),
            ("visitors.retrieve", "retrieveVisitor"),
            ("visitors.update", "updateVisitor"),
        ]
    )
    assert renames == {0: "retrieve_by_user_id", 1: "retrieve"}
    assert collision.method == "visitors.retrieve"
    warning = collision.warning()
    assert "retrieveVisitorWithUserId -> retrieve_by_user_id" in warning and "spec/naming.yaml" in warning


def test_every_collider_with_extra_words_gets_them() -> None:
    renames, _ = _resolve(
        [
            ("companies.list", "listAllCompanies"),
            ("companies.list", "listCompaniesByTag"),
            ("companies.list", "listCompanies"),
        ]
    )
    assert renames == {0: "list_all", 1: "list_by_tag", 2: "list"}


def test_collisions_the_words_cannot_resolve_are_an_error() -> None:
    with pytest.raises(ValueError, match="do not tell them apart"):
        _resolve([("tags.create", "createTag"), ("tags.create", "CreateTag")])


def test_no_collision_no_rename() -> None:
    assert _resolve([("a.list", "listA"), ("b.list", "listB")]) == ({}, [])


def test_operation_ids_are_compared_by_their_words() -> None:
    """Revision 62108ba of 2.9 spells operationIds with spaces (`create data export`)."""
    assert operation_key("create data export") == operation_key("createDataExport") == "create_data_export"
    table = Naming.from_data(
        NamingData(actions={}, singular={}, operations={"createDataExport": "data_exports.create"})
    )
    assert table.method("POST", "/export/content/data", "create data export") == (("data_exports",), "create")


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("GET", "/contacts", (("contacts",), "list")),
        ("GET", "/contacts/{id}", (("contacts",), "retrieve")),
        ("POST", "/contacts/{id}/archive", (("contacts",), "archive")),
        ("DELETE", "/contacts/{contact_id}/tags/{id}", (("contacts", "tags"), "delete")),
        ("PATCH", "/tickets/{id}", (("tickets",), "update")),
    ],
)
def test_the_path_rule(method: str, path: str, expected: tuple[tuple[str, ...], str]) -> None:
    table = Naming.from_data(NamingData(actions={"archive": "archive"}, singular={}, operations={}))
    assert table.method(method, path, "anything") == expected


def test_path_arguments_are_named_after_their_resource() -> None:
    assert naming.path_arguments("/contacts/{id}/tags/{tag_id}", {}) == [("id", "contact_id"), ("tag_id", "tag_id")]
    assert naming.path_arguments("/news/{id}", {"news": "news"}) == [("id", "news_id")]
