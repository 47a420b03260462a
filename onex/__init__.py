"""onex: keeps a vocational college's 1+X certificate pilot honest."""

__version__ = "0.1.0"
