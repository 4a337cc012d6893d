"""Settings by environment: `base` holds everything, `dev`, `test` and `prod` adjust defaults."""
