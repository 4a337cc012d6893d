"""Import and export of `aws iam get-account-authorization-details` documents."""

from .export import FILTERS, export_authorization_details

__all__ = ["FILTERS", "export_authorization_details"]
