"""The audit trail: every call, sign-in and denial as an event in CloudTrail's format."""
