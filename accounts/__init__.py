"""Accounts, their root users and IAM identities; console sign-in."""
