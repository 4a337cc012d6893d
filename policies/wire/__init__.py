"""IAM's wire actions on policies, their attachments and versions, and the simulator (/aws)."""
