"""Views of the policies app."""
