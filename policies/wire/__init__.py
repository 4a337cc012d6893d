"""IAM's wire actions on managed policies and their versions, and on the policies of users,
groups and roles (attached, inline, permissions boundaries) (/aws)."""
