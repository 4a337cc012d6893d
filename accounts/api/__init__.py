"""REST API of the accounts app: users, groups, roles, instance profiles, credentials."""
