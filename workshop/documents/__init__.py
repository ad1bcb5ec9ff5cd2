"""Documents: gather a record through the services, render it through ``workshop.printing``.

This glue sits above both, so printing stays plain-data-in, bytes-out, and services never
import ReportLab. The window and the command line both print through here.
"""
