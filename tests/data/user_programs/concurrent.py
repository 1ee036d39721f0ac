"""Concurrent async fetches, and an async raw response."""

import asyncio
from intercom_sdk import AsyncIntercom
from intercom_sdk.types import Contact


async def main(ids: list[str]) -> list[Contact]:
    async with AsyncIntercom(access_token="tok") as client:
        contacts = await asyncio.gather(*(client.contacts.retrieve(i) for i in ids))
        conversation = await client.conversations.retrieve("123")
        raw = await client.contacts.with_raw_response.retrieve(ids[0])
        parsed = await raw.parse()
        print(parsed.id, conversation.id)
        return list(contacts)


asyncio.run(main(["1", "2"]))
