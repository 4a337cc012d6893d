"""iamconsole: a self-hosted web console that models AWS Identity and Access Management."""
