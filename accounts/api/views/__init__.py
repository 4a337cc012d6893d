"""Viewsets and views of the accounts API."""
