"""The URL patterns of the managed-policy pages (list, detail, create, edit, builder...)."""

from . import authoring, builder, delete, detail, entities, managed, summary, tags, versions

urlpatterns = [
    *managed.urlpatterns,
    *authoring.urlpatterns,
    *delete.urlpatterns,
    *detail.urlpatterns,
    *summary.urlpatterns,
    *versions.urlpatterns,
    *entities.urlpatterns,
    *tags.urlpatterns,
    *builder.urlpatterns,
]

# A customer-managed policy of the demo account (accounts/demo), for the screenshots.
DEMO_POLICY = "arn:aws:iam::123456789012:policy/operators/SSMOperator-RestrictedRunCommand"


def screenshot_pages() -> list[tuple[str, str, str | None]]:
    """The policy pages `manage.py screenshots` takes: (file name, path, selector to click)."""
    detail = f"/policies/details/{DEMO_POLICY}"
    return [
        ("policies", "/policies/", None),
        ("policies-customer", "/policies/?type=customer", None),
        ("policy-detail", detail, None),
        ("policy-summary-service", detail, ".summary-service summary"),
        ("policy-json", f"{detail}?tab=permissions&view=json", None),
        ("policy-entities", f"{detail}?tab=entities", None),
        ("policy-versions", f"{detail}?tab=versions&version=v1", None),
        ("policy-compare", f"{detail}?tab=compare", None),
        ("policy-aws-managed", "/policies/details/arn:aws:iam::aws:policy/PowerUserAccess", None),
        ("policy-read-only", "/policies/details/arn:aws:iam::aws:policy/ReadOnlyAccess", None),
        ("policy-create", "/policies/create/", None),
        ("policy-create-visual", "/policies/create/", "#mode-visual"),
        ("policy-edit", f"/policies/edit/{DEMO_POLICY}", None),
    ]
