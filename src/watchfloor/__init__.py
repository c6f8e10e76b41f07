"""watchfloor: a multilingual news watch floor."""

__version__ = "0.1.0"
