"""A data export: create it, check its status, download it."""

from intercom_sdk import Intercom

client = Intercom(access_token="tok")
job = client.data_exports.create(created_at_after=1719474967, created_at_before=1719492967)
status = client.data_exports.retrieve(job.job_identifier)
if status.status == "completed":
    data: bytes = client.data_exports.download(job.job_identifier)
