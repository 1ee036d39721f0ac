"""Support ops: find a contact by email, tag it, note it, reply to its latest conversation
as an admin and close it (issue 15's first script)."""

from intercom_sdk import Intercom

client = Intercom(access_token="tok")
found = client.contacts.search(query={"field": "email", "operator": "=", "value": "ada@example.com"})
for contact in found:
    tag = client.tags.create(name="VIP")
    client.contacts.tags.attach(contact.id, tag_id=tag.id)
    client.contacts.notes.create(contact.id, body="Called about billing", admin_id="991267354")
    conversations = client.conversations.search(
        query={"operator": "AND", "value": [{"field": "contact_ids", "operator": "=", "value": contact.id}]}
    )
    for conversation in conversations:
        client.conversations.reply(
            conversation.id, message_type="comment", type="admin", admin_id="991267354", body="On it"
        )
        client.conversations.manage(conversation.id, message_type="close", type="admin", admin_id="991267354")
        break
    tags = client.contacts.tags.list(contact.id)
    for t in tags.data:
        print(t.name)
