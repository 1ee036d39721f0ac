"""Calls mypy must refuse: each line marked `# error` (the API refuses them too)."""

from intercom_sdk import Intercom
from intercom_sdk.types import SingleFilterSearchRequest

client = Intercom(access_token="tok")
client.conversations.reply(
    "1", message_type="comment", type="admin", body="x"
)  # error: an admin reply without admin_id
client.conversations.reply(
    "1", message_type="note", type="user", body="x", email="a@b.c"
)  # error: a user reply with a note
client.conversations.manage("1", message_type="close", admin_id="1")  # error: close without type
client.contacts.search(query={"field": "email", "operatr": "=", "value": "x"})  # error: misspelled dict key
SingleFilterSearchRequest(field="email")  # error: half-filled search model
client.contacts.tags.attach("1", id="2")  # error: the tag is tag_id
client.admins.retrieve(991267354)  # error: admin ids are strings
client.help_center.collections.create(name="x", help_center_id=123)  # error: help center ids are strings
