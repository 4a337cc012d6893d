"""Take screenshots of the console's main pages with Chromium, for the README and for review."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.management.base import BaseCommand, CommandError
from django.test.testcases import LiveServerThread

from accounts.demo.credentials import read_demo_credentials
from accounts.demo.screenshot_flows import FLOWS, clean_up
from policies.simulation.examples import screenshot_pages
from policies.views.pages import screenshot_pages as policy_screenshot_pages

# (file name, path, optional CSS selector to click first) on the demo account; extend as pages land.
PAGES: list[tuple[str, str, str | None]] = [
    ("dashboard", "/", None),
    ("identity-menu", "/", ".identity-menu summary"),
    ("users", "/users/", None),
    ("users-columns", "/users/", ".column-prefs summary"),
    ("user-create", "/users/create/", None),
    ("user-detail", "/users/details/bob/", None),
    ("user-security-credentials", "/users/details/bob/?tab=security_credentials", None),
    ("security-credentials", "/security-credentials/", None),
    ("demo-reset", "/demo/reset/", None),
    ("user-groups", "/users/details/alice/?tab=groups", None),
    ("user-inline-policy", "/users/details/bob/inline-policies/create/", None),
    ("groups", "/groups/", None),
    ("group-detail", "/groups/details/Developers/?tab=permissions", None),
    ("group-create", "/groups/create/", None),
    ("account-settings", "/account/settings/", None),
    ("credential-report", "/reports/credential-report/", None),
    ("authorization-details", "/account/settings/authorization-details/", None),
    ("roles", "/roles/", None),
    ("role-create", "/roles/create/", "input[name=entity_type][value=aws_service]"),
    ("role-create-account", "/roles/create/", "input[name=entity_type][value=aws_account]"),
    ("role-detail", "/roles/details/SSMInstanceProfile/", None),
    ("role-trust", "/roles/details/SSMInstanceProfile/?tab=trust", None),
    ("role-instance-profiles", "/roles/details/SSMInstanceProfile/?tab=instance_profiles", None),
    ("role-trust-edit", "/roles/details/KeyAdministrator/trust/edit/", None),
    ("role-service-linked", "/roles/details/AWSServiceRoleForAmazonSSM/", None),
    # STS in the console (issue 16): a federated role's trust in words, its sessions.
    ("role-trust-federated", "/roles/details/CIDeployRole/?tab=trust", None),
    ("role-sessions", "/roles/details/CIDeployRole/?tab=sessions", None),
    ("role-revoke-sessions", "/roles/details/CIDeployRole/sessions/revoke/", None),
    ("instance-profiles", "/instance-profiles/", None),
    ("instance-profile-detail", "/instance-profiles/details/SSMInstanceProfile/", None),
    ("identity-providers", "/identity-providers/", None),
    ("identity-provider-create", "/identity-providers/create/", None),
    ("identity-provider-saml", "/identity-providers/details/"
     "arn:aws:iam::123456789012:saml-provider/ExampleCorpOkta", None),
    ("identity-provider-oidc", "/identity-providers/details/"
     "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com", None),
    # Policy simulator (issue 8): bob's policies and results, the statement viewer, SCP levels.
    *screenshot_pages(),
    # Policies (console part C): list, detail tabs, versions, create with the visual editor.
    *policy_screenshot_pages(),
    # Organizations (issue 17): the management account's tree, and an SCP in the editor.
    ("organization", "/organization/", None),
    ("organization-policy-create", "/organization/policies/new/", None),
    # Access analysis (issue 21): the account graph, escalation paths, who can do what.
    ("account-graph", "/analysis/graph/", None),
    ("account-graph-focus", "/analysis/graph/?focus=arn:aws:iam::123456789012:user/frank",
     None),
    ("escalation-paths", "/analysis/escalation/", None),
    ("who-can", "/analysis/who-can/?action=iam:CreatePolicyVersion&resource="
     "arn:aws:iam::123456789012:policy/DeveloperTools", None),
]
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


class Command(BaseCommand):
    help = "Screenshot the main pages of the demo account into docs/screenshots/."

    def add_arguments(self, parser):
        parser.add_argument("--out", default=str(settings.BASE_DIR / "docs" / "screenshots"))
        parser.add_argument("--chromium", default="/usr/bin/chromium")
        parser.add_argument("--width", type=int, default=1280)
        parser.add_argument("--only", nargs="*", help="file names of the pages to take")

    def handle(self, *args, **options):
        # Playwright is a development requirement: only this command, never the site, needs it.
        from playwright.sync_api import sync_playwright

        credentials = read_demo_credentials()
        if not credentials:
            raise CommandError("Load the demo first (`make run` or `manage.py load_demo`).")
        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)
        server = LiveServerThread("127.0.0.1", StaticFilesHandler)
        server.daemon = True
        server.start()
        server.is_ready.wait()
        if server.error:
            raise CommandError(f"Could not start the server: {server.error}")
        base = f"http://127.0.0.1:{server.port}"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=options["chromium"], headless=True, args=CHROMIUM_ARGS
                )
                page = browser.new_page(viewport={"width": options["width"], "height": 800})
                if not options["only"] or "signin" in options["only"]:
                    page.goto(f"{base}/signin/")  # signed out: the demo panel
                    self.take(page, out / "signin.png")
                self.sign_in(page, base, credentials)
                for name, path, click in PAGES:
                    if options["only"] and name not in options["only"]:
                        continue
                    page.goto(base + path)
                    page.wait_for_load_state("networkidle")
                    if click:
                        page.click(click)
                        # What the click started with htmx: wait until no request is in flight.
                        page.wait_for_function("!document.querySelector('.htmx-request')")
                    self.take(page, out / f"{name}.png")
                for name, flow in FLOWS:
                    if not options["only"] or name in options["only"]:
                        flow(page, base, credentials)
                        self.take(page, out / f"{name}.png")
                browser.close()
        finally:
            server.terminate()
            clean_up()  # what the flows created, so the demo stays as loaded (no event loop)

    def take(self, page, target: Path) -> None:
        page.screenshot(path=str(target), full_page=True)
        self.stdout.write(f"{target}")

    @staticmethod
    def sign_in(page, base: str, credentials: dict[str, str]) -> None:
        page.goto(f"{base}/signin/?as=root")
        page.fill("#id_email", credentials["root_email"])
        page.fill("#id_password", credentials["root_password"])
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/")
