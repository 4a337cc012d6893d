"""REST API plumbing shared by every app."""
