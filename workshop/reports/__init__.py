"""The command line's reports: what the services hand back (frozen data), written out as
JSON-able dicts and as text tables for a terminal.

This sits beside ``workshop/cli.py``, above the services: it imports them, and no service imports
it. One module per report; ``text`` holds what they share.
"""
