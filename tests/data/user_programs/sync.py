"""A contact sync: walk every contact, update it and attach its companies again."""

from intercom_sdk import Intercom

client = Intercom(access_token="tok")
for contact in client.contacts.list(per_page=150):
    client.contacts.update(contact.id, custom_attributes={"synced": True})
    companies = client.contacts.companies.list(contact.id)
    for company in companies.data:
        client.contacts.companies.attach(contact.id, company_id=company.id)
