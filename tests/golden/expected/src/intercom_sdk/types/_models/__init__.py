"""One module per schema and the objects nested in it.

Import the models from `intercom_sdk.types`, which loads these modules on first use.
"""
