"""Facts about the API release this package was generated for."""

API_VERSION = "1.0"  # sent as Intercom-Version
PACKAGE_VERSION = "1.0.0.dev0"
REGIONS: dict[str, str] = {"us": "https://api.widgets.example"}
DEFAULT_REGION = "us"
