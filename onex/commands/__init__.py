"""One module per command: option declarations and a few lines that call library code."""
