"""Helpers shared by the tests (on pytest's pythonpath; not collected as tests)."""
