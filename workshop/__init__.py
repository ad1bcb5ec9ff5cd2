"""Workshop: job cards, routing, inspection and costing for a bespoke workshop."""

__version__ = "0.1.0"
