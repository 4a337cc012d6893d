"""The accounts app's operations: users, groups, roles, instance profiles, credentials and
account settings, each defined once (see iamconsole.operations)."""
