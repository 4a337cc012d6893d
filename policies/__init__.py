"""Managed and inline policies, their validation, the simulator and authorization."""
