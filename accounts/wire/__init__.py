"""IAM's wire actions on users, groups, roles, credentials and the account (/aws)."""
