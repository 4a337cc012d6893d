"""Print a sample ID token or SAML assertion signed by the demo's test IdP (test only), for
the demo's providers: what the README pipes into `aws sts assume-role-with-...`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.demo.federation import CI_HOST, SAML_PROVIDER_ARN
from accounts.demo.test_idp import CI_SUBJECT, ENGINEER, sample_assertion, sample_token
from accounts.models import OidcProvider, SamlProvider

ENGINEER_ROLE = "arn:aws:iam::123456789012:role/EngineerRole"


class Command(BaseCommand):
    help = ("Print a sample signed by the demo's test IdP: `token` (an ID token of the demo's "
            "CI provider, token.actions.example-ci.com) or `assertion` (a SAML response of "
            "ExampleCorpOkta for a role). Load the demo first (load_demo).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["token", "assertion"])
        parser.add_argument("--subject", help="the token's sub, or the assertion's NameID "
                                              "and session name")
        parser.add_argument("--role-arn", default=ENGINEER_ROLE,
                            help="the role the assertion names (assertion only)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["kind"] == "token":
            provider: Any = OidcProvider.objects.filter(url=CI_HOST).first()
            if provider is None:
                raise CommandError(f"No provider {CI_HOST}: run load_demo first.")
            self.stdout.write(sample_token(provider, subject=options["subject"] or CI_SUBJECT))
            return
        provider = SamlProvider.objects.filter(arn=SAML_PROVIDER_ARN).first()
        if provider is None:
            raise CommandError(f"No provider {SAML_PROVIDER_ARN}: run load_demo first.")
        self.stdout.write(sample_assertion(provider, role_arn=options["role_arn"],
                                           subject=options["subject"] or ENGINEER))
