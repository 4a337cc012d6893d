"""REST API of the policies app: managed policies, versions, attachments, inline policies."""
