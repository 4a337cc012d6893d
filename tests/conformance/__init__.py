"""moto's IAM tests run against our live server: the conformance suite (README.md)."""
