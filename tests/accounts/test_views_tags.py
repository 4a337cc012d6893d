"""Tags in the console behave alike for users, roles, instance profiles and managed policies:
the Tags tab, and the Manage tags page (add and remove rows keeping what was typed, errors
beside the rows with nothing changed, saving untags and tags at once)."""

from __future__ import annotations

import pytest

from accounts.services import instance_profile_create, role_create, user_create
from policies.services import policy_create
from tests.factories import EC2_TRUST
from tests.policies.policy_views_support import S3_READ

pytestmark = pytest.mark.django_db
POLICY_ARN = "arn:aws:iam::111111111111:policy/Reports"
# kind: (create the resource with these tags, its page on the Tags tab, its Manage tags page)
KINDS = {
    "user": (lambda account, tags: user_create(account=account, name="alice", tags=tags),
             "/users/details/alice/?tab=tags", "/users/details/alice/tags/"),
    "role": (lambda account, tags: role_create(account=account, name="web",
                                               trust_policy=EC2_TRUST, tags=tags),
             "/roles/details/web/?tab=tags", "/roles/details/web/tags/"),
    "instance profile": (
        lambda account, tags: instance_profile_create(account=account, name="web", tags=tags),
        "/instance-profiles/details/web/", "/instance-profiles/details/web/tags/"),
    "policy": (lambda account, tags: policy_create(account=account, name="Reports",
                                                   policy_document=S3_READ, tags=tags),
               f"/policies/details/{POLICY_ARN}?tab=tags", f"/policies/tags/{POLICY_ARN}"),
}


@pytest.fixture(params=list(KINDS))
def tagged(request, account):
    """(kind, the resource tagged team=red and old=x, its tab URL, its Manage tags URL)."""
    create, tab, manage = KINDS[request.param]
    return request.param, create(account, {"team": "red", "old": "x"}), tab, manage


def tags_of(resource) -> dict:
    resource.refresh_from_db()
    return resource.tags


def test_the_tab_lists_the_tags_and_links_to_manage_them(root_client, tagged):
    _, _, tab, manage = tagged
    html = root_client.get(tab).content.decode()
    assert "<td>team</td><td>red</td>" in html and "<td>old</td><td>x</td>" in html
    assert f'href="{manage}">Manage tags</a>' in html


def test_rows_are_added_and_removed_keeping_what_was_typed(root_client, tagged):
    _, resource, _, manage = tagged
    page = root_client.get(manage).content.decode()
    assert 'value="team"' in page and 'value="red"' in page
    rows = {"tag_key": ["team", "old", "env"], "tag_value": ["blue", "x", "prod"]}
    more = root_client.post(manage, {**rows, "nav": "add_tag"}).content.decode()
    assert more.count('name="tag_key"') == 4 and 'value="prod"' in more
    fewer = root_client.post(manage, {**rows, "nav": "remove_tag-1"}).content.decode()
    assert 'value="old"' not in fewer and 'value="env"' in fewer
    assert tags_of(resource) == {"team": "red", "old": "x"}


def test_saving_untags_the_removed_keys_and_tags_the_rest(root_client, tagged):
    _, resource, tab, manage = tagged
    response = root_client.post(manage, {"tag_key": ["team", "env", ""],
                                         "tag_value": ["blue", "prod", ""], "nav": "save"})
    assert response.status_code == 302 and response["Location"] == tab
    assert tags_of(resource) == {"team": "blue", "env": "prod"}
    # A key whose case changes is replaced by the new spelling.
    root_client.post(manage, {"tag_key": ["Team", "env"], "tag_value": ["blue", "prod"]})
    assert tags_of(resource) == {"Team": "blue", "env": "prod"}


@pytest.mark.parametrize(("rows", "message"), [
    ({"tag_key": ["team", "aws:x"], "tag_value": ["blue", "1"]}, "reserved prefix aws:"),
    ({"tag_key": ["Env", "env"], "tag_value": ["a", "b"]}, "used twice"),
    ({"tag_key": [f"k{n}" for n in range(51)], "tag_value": [""] * 51}, "at most 50 tags"),
])
def test_a_bad_row_is_shown_beside_the_rows_and_changes_nothing(root_client, tagged, rows,
                                                                message):
    _, resource, _, manage = tagged
    response = root_client.post(manage, {**rows, "nav": "save"})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and f'value="{rows["tag_key"][-1]}"' in html
    assert tags_of(resource) == {"team": "red", "old": "x"}


def test_a_reader_sees_the_tags_with_manage_disabled(reader_client, tagged):
    kind, resource, tab, manage = tagged
    html = reader_client.get(tab).content.decode()
    assert "<td>team</td>" in html and f'href="{manage}"' not in html
    assert "is not authorized to perform: iam:Tag" in html  # the disabled button says why
    response = reader_client.post(manage, {"tag_key": ["team"], "tag_value": ["red"]})
    assert response.status_code == 403 and "iam:Untag" in response.content.decode()
    assert tags_of(resource) == {"team": "red", "old": "x"}


def test_aws_managed_policies_cannot_be_tagged(root_client):
    arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
    html = root_client.get(f"/policies/details/{arn}?tab=tags").content.decode()
    assert "AWS managed policies cannot be tagged." in html and "/policies/tags/" not in html
    # As through the API: the policy is AWS's, not the account's, so TagPolicy is refused.
    response = root_client.post(f"/policies/tags/{arn}", {"tag_key": ["a"], "tag_value": ["b"]})
    assert response.status_code == 403
    assert f"iam:TagPolicy on resource: {arn}" in response.content.decode()
