"""Federation: verifying OpenID Connect ID tokens and SAML 2.0 responses as STS does, and
the claims they carry as the condition keys of a role's trust policy."""
