"""A contact sync: walk every contact, update it and attach its companies again."""

from intercom_sdk import Intercom

client = Intercom(access_token="tok")
for contact in client.contacts.list(per_page=150):
    client.contacts.update(contact.id, custom_attributes={"synced": True})
    companies = client.contacts.companies.list(contact.id)
    for company in companies.data:
        client.contacts.companies.attach(contact.id, company_id=company.id)
# Help center ids are strings wherever they are passed; the SDK sends the integer the API takes.
for center in client.help_center.help_centers.list().data:
    client.help_center.collections.create(name="Archive", help_center_id=center.id)
