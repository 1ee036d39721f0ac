"""One module per API area; `Intercom` creates these on first use."""
