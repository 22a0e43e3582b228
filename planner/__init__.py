"""planner: check SMART lifecycle-marketing plans and render them as a playbook site."""

__version__ = "0.1.0"
