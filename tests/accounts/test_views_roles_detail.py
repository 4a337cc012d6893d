"""A role's page: summary and its edits, tabs, trust policy, tags, instance profiles, delete."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from accounts import trust_templates as trust
from accounts.models import InstanceProfile, Role
from tests.factories import (
    InlinePolicyFactory,
    InstanceProfileFactory,
    ManagedPolicyFactory,
    PolicyAttachmentFactory,
    RoleFactory,
)
from tests.helpers import TRAIL_QUERIES, is_fragment, user_client

pytestmark = pytest.mark.django_db


def url(name: str = "web", rest: str = "") -> str:
    return f"/roles/details/{name}/{rest}"


@pytest.fixture
def role(account):
    return RoleFactory(account=account, name="web", description="Web tier",
                       max_session_duration=7200)


def test_the_summary_shows_arn_ids_profile_and_switch_role_link(root_client, role, account):
    InstanceProfileFactory(account=account, name="web", role=role)
    html = root_client.get(url()).content.decode()
    assert 'data-copy="arn:aws:iam::111111111111:role/web"' in html
    assert role.unique_id in html and "2 hours" in html and "Never used" in html
    assert "arn:aws:iam::111111111111:instance-profile/web" in html
    assert "/switch-role/?account=111111111111&amp;roleName=web" in html
    assert 'aria-selected="true">Permissions</a>' in html


def test_the_switch_role_link_fills_in_a_name_with_a_plus(root_client, account):
    """Role names may hold "+": the link encodes it, so Switch role gets the name, not a space."""
    RoleFactory(account=account, name="ci+deploy")
    html = root_client.get(url("ci+deploy")).content.decode()
    link = "/switch-role/?account=111111111111&amp;roleName=ci%2Bdeploy"
    assert link in html
    form = root_client.get(link.replace("&amp;", "&")).context["form"]
    assert form["role_name"].value() == "ci+deploy"


def test_the_permissions_tab_lists_managed_inline_and_boundary(root_client, role, aws_policy):
    PolicyAttachmentFactory(user=None, role=role, policy=aws_policy("ReadOnlyAccess"))
    InlinePolicyFactory(user=None, role=role, name="S3Write")
    Role.objects.filter(pk=role.pk).update(permissions_boundary=aws_policy("PowerUserAccess"))
    html = root_client.get(url()).content.decode()
    assert "Permissions policies <span class=\"count\">(2)</span>" in html
    assert "ReadOnlyAccess" in html and "AWS managed" in html
    assert "S3Write" in html and "Customer inline" in html
    assert "PowerUserAccess" in html and "Remove boundary" in html


def test_a_tab_answers_its_fragment_and_the_tab_bar_for_htmx(root_client, role):
    response = root_client.get(url(), {"tab": "trust"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and is_fragment(response)
    html = response.content.decode()
    assert 'hx-swap-oob="true"' in html and 'aria-selected="true">Trust relationships' in html
    assert "AWS service: ec2" in html and "ec2.amazonaws.com" in html
    assert "Summary" not in html


@pytest.mark.parametrize("tab, text", [
    ("tags", "No tags on this role."),
    ("instance_profiles", "This role is in no instance profile"),
    ("last_used", "This role has not been assumed"),
    ("nonsense", "Permissions policies"),
])
def test_every_tab_renders(root_client, role, tab, text):
    response = root_client.get(url(), {"tab": tab})
    assert response.status_code == 200 and text in response.content.decode()


def test_last_used_shows_date_and_region(root_client, account):
    RoleFactory(account=account, name="used", last_used_at=timezone.now(),
                last_used_region="eu-west-1")
    html = root_client.get(url("used"), {"tab": "last_used"}).content.decode()
    assert "eu-west-1" in html and "UTC" in html


def test_an_unknown_role_is_not_found(root_client):
    response = root_client.get(url("ghost"))
    assert response.status_code == 404
    assert b"The role with name ghost cannot be found." in response.content


def test_another_accounts_role_is_not_found(root_client, other_account):
    RoleFactory(account=other_account, name="theirs")
    assert root_client.get(url("theirs")).status_code == 404
    assert root_client.post(url("theirs", "delete/"), {"confirm": "theirs"}).status_code == 404
    assert Role.objects.filter(name="theirs").exists()


def test_a_reader_sees_the_role_with_changes_disabled(account, role, aws_policy):
    client = user_client(account, "reader", aws_policy("IAMReadOnlyAccess"))
    html = client.get(url()).content.decode()
    assert "arn:aws:iam::111111111111:role/web" in html
    assert 'disabled title="User: arn:aws:iam::111111111111:user/reader is not ' \
           'authorized to perform: iam:DeleteRole' in html
    response = client.post(url(rest="edit/"), {"description": "x",
                                                "max_session_duration": 3600})
    assert response.status_code == 403


def test_the_summary_edit_swaps_in_with_htmx_and_saves(root_client, role):
    form = root_client.get(url(rest="edit/"), HTTP_HX_REQUEST="true")
    assert is_fragment(form) and 'hx-post="/roles/details/web/edit/"' in form.content.decode()
    response = root_client.post(url(rest="edit/"), {"description": "Front end",
                                                    "max_session_duration": 43200},
                                HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and is_fragment(response)
    assert "Role web updated." in html and "12 hours" in html
    role.refresh_from_db()
    assert (role.description, role.max_session_duration) == ("Front end", 43200)


def test_a_rejected_summary_edit_keeps_what_was_typed(root_client, role):
    long = "d" * 1001
    response = root_client.post(url(rest="edit/"), {"description": long,
                                                    "max_session_duration": 99})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Select a valid choice" in html and long in html
    htmx = root_client.post(url(rest="edit/"), {"description": long,
                                                "max_session_duration": 3600},
                            HTTP_HX_REQUEST="true")
    assert htmx.status_code == 200 and "at most 1000 characters" in htmx.content.decode()
    role.refresh_from_db()
    assert role.description == "Web tier"


def test_the_summary_edit_without_htmx_redirects_with_a_message(root_client, role):
    response = root_client.post(url(rest="edit/"), {"description": "",
                                                    "max_session_duration": 3600},
                                follow=True)
    assert "Role web updated." in response.content.decode()


def test_a_duration_set_through_the_api_stays_selectable(root_client, account):
    RoleFactory(account=account, name="odd", max_session_duration=5400)
    html = root_client.get(url("odd", "edit/")).content.decode()
    assert '<option value="5400" selected>1 h 30 min</option>' in html
    assert "1 hour 30 minutes" in root_client.get(url("odd")).content.decode()


def test_the_trust_policy_is_edited_and_saved_exactly(root_client, role):
    text = trust.to_text(trust.aws_account_trust("444455556666", external_id="Partner-1"))
    page = root_client.get(url(rest="trust/edit/")).content.decode()
    assert '"policy_type": "trust"' in page
    response = root_client.post(url(rest="trust/edit/"), {"trust_policy": text})
    assert response.status_code == 302 and response["Location"].endswith("?tab=trust")
    role.refresh_from_db()
    assert role.trust_policy == text


def test_a_failed_trust_save_keeps_the_text_and_lists_errors_by_position(root_client, role):
    bad = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
         "Action": "sts:AssumeRole", "Resource": "*"}]}, indent=2)
    response = root_client.post(url(rest="trust/edit/"), {"trust_policy": bad})
    html = response.content.decode()
    assert response.status_code == 400
    assert "The trust policy was not saved." in html
    assert "Statement 1 · Ln 10, Col 7: Resource is not allowed in a role trust policy" in html
    assert "&quot;Resource&quot;: &quot;*&quot;" in html
    role.refresh_from_db()
    assert "Resource" not in role.trust_policy


def test_the_tabs_of_a_page_drawn_for_a_rejected_form_open_the_roles_page(root_client, role):
    """Drawn at the form's URL, the page's tabs still load the role's own page, not that URL."""
    response = root_client.post(url(rest="instance-profiles/add/"), {"instance_profile": "nope"})
    html = response.content.decode()
    assert response.status_code in (400, 404)  # the form's error: invalid, or no such profile
    for tab in ("permissions", "trust", "tags", "instance_profiles", "last_used"):
        assert f'href="/roles/details/web/?tab={tab}"' in html
        assert f'hx-get="/roles/details/web/?tab={tab}"' in html
    assert 'href="?tab=' not in html


def test_the_role_is_added_to_and_removed_from_an_instance_profile(root_client, role,
                                                                   account):
    InstanceProfileFactory(account=account, name="spare")
    page = root_client.get(url(), {"tab": "instance_profiles"}).content.decode()
    assert '<option value="spare">' in page
    response = root_client.post(url(rest="instance-profiles/add/"), {"instance_profile": "spare"})
    assert response.status_code == 302
    assert InstanceProfile.objects.get(name="spare").role == role
    root_client.post(url(rest="instance-profiles/remove/"), {"instance_profile": "spare"})
    assert InstanceProfile.objects.get(name="spare").role is None


def test_a_profile_that_already_has_a_role_shows_limit_exceeded(root_client, role, account):
    other = RoleFactory(account=account, name="other")
    InstanceProfileFactory(account=account, name="busy", role=other)
    response = root_client.post(url(rest="instance-profiles/add/"), {"instance_profile": "busy"})
    html = response.content.decode()
    assert response.status_code == 409
    assert "LimitExceeded: Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1" in html
    assert "remove other first" in html and 'value="busy"' in html


def test_an_unknown_profile_is_reported_beside_its_name(root_client, role):
    response = root_client.post(url(rest="instance-profiles/add/"), {"instance_profile": "nope"})
    assert response.status_code == 404
    assert "Instance Profile nope cannot be found." in response.content.decode()


def test_delete_lists_blockers_and_needs_the_typed_name(root_client, role, account,
                                                       aws_policy):
    PolicyAttachmentFactory(user=None, role=role, policy=aws_policy("ReadOnlyAccess"))
    InlinePolicyFactory(user=None, role=role, name="S3Write")
    InstanceProfileFactory(account=account, name="web", role=role)
    InstanceProfileFactory(account=account, name="shared", role=role)
    html = root_client.get(url(rest="delete/")).content.decode()
    for line in ("Instance profile: web (deleted too", "Inline policy: S3Write",
                 "Instance profile: shared (the role is taken out; the profile stays)",
                 "Attached policy: arn:aws:iam::aws:policy/ReadOnlyAccess"):
        assert line in html
    wrong = root_client.post(url(rest="delete/"), {"confirm": "WEB"})
    assert wrong.status_code == 400 and Role.objects.filter(pk=role.pk).exists()
    response = root_client.post(url(rest="delete/"), {"confirm": "web"}, follow=True)
    assert "Role web deleted." in response.content.decode()
    assert not Role.objects.filter(pk=role.pk).exists()
    assert list(InstanceProfile.objects.filter(account=account).values_list(
        "name", "role")) == [("shared", None)]


def test_a_role_without_dependents_is_deleted_plainly(root_client, role):
    assert "still has these" not in root_client.get(url(rest="delete/")).content.decode()
    root_client.post(url(rest="delete/"), {"confirm": "web"})
    assert not Role.objects.filter(pk=role.pk).exists()


# Session, account, role, profile ARNs, then what the tab lists (policies: attached and
# inline; instance profiles: the role's and the empty ones offered; tags: ListRoleTags looks
# the role up again until the page's GetRole is an operation whose lookup it reuses).
# Each counts the root caller's account generation (SCPs bind a member account's root user);
# the last-used tab reads the role's policies and its sessions' trail (Access Advisor).
TAB_QUERIES = {"permissions": 8, "trust": 6, "tags": 7, "instance_profiles": 8, "last_used": 12}


@pytest.mark.parametrize("rows", [5, 500])
@pytest.mark.parametrize("tab", list(TAB_QUERIES))
def test_each_tab_runs_a_bounded_number_of_queries(root_client, account, rows, tab,
                                                   django_assert_max_num_queries):
    role = RoleFactory(account=account, name="big",
                       tags={f"k{i}": "v" for i in range(min(rows, 50))})
    for index in range(rows):
        PolicyAttachmentFactory(user=None, role=role,
                                policy=ManagedPolicyFactory(account=account))
        InlinePolicyFactory(user=None, role=role, name=f"inline{index}")
        InstanceProfileFactory(account=account, name=f"p{index}", role=role)
        InstanceProfileFactory(account=account, name=f"empty{index}")
    with django_assert_max_num_queries(TAB_QUERIES[tab] + TRAIL_QUERIES):
        response = root_client.get(url("big"), {"tab": tab})
    assert response.status_code == 200
