"""Instance profiles: list, create, detail with the role (at most one), delete."""

from __future__ import annotations

import pytest

from accounts.models import InstanceProfile, Role
from tests.factories import InstanceProfileFactory, RoleFactory
from tests.helpers import is_fragment, user_client

pytestmark = pytest.mark.django_db
LIST = "/instance-profiles/"
CREATE = "/instance-profiles/create/"


def detail(name: str, rest: str = "") -> str:
    return f"/instance-profiles/details/{name}/{rest}"


def test_the_list_shows_each_profile_and_its_role(root_client, account):
    role = RoleFactory(account=account, name="web")
    InstanceProfileFactory(account=account, name="web", role=role, path="/app/")
    InstanceProfileFactory(account=account, name="spare")
    html = root_client.get(LIST).content.decode()
    assert 'Instance profiles <span class="count">(2)</span>' in html
    assert 'href="/roles/details/web/">web</a>' in html and "No role" in html
    assert "<code>/app/</code>" in html and "2 of 1000 instance profiles" in html


def test_search_matches_profile_or_role_names_in_a_fragment(root_client, account):
    role = RoleFactory(account=account, name="batch-role")
    InstanceProfileFactory(account=account, name="workers", role=role)
    InstanceProfileFactory(account=account, name="web")
    response = root_client.get(LIST, {"q": "batch"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert is_fragment(response)
    assert ">workers</a>" in html and ">web</a>" not in html
    html = root_client.get(LIST, {"path_prefix": "/none/"}).content.decode()
    assert "No instance profiles match these filters" in html


def test_sorting_by_role(root_client, account):
    InstanceProfileFactory(account=account, name="a", role=RoleFactory(account=account,
                                                                      name="zeta"))
    InstanceProfileFactory(account=account, name="b", role=RoleFactory(account=account,
                                                                      name="alpha"))
    html = root_client.get(LIST, {"sort": "role"}).content.decode()
    assert html.index(">b</a>") < html.index(">a</a>")


def test_an_empty_account_shows_the_empty_state(root_client):
    html = root_client.get(LIST).content.decode()
    assert "No instance profiles" in html and "<table" not in html


def test_other_accounts_profiles_are_never_listed_or_shown(root_client, other_account):
    InstanceProfileFactory(account=other_account, name="theirs")
    assert "theirs" not in root_client.get(LIST).content.decode()
    assert root_client.get(detail("theirs")).status_code == 404


@pytest.mark.parametrize("rows", [5, 500])
def test_the_list_runs_a_bounded_number_of_queries(root_client, account, rows,
                                                   django_assert_max_num_queries):
    for index in range(rows):
        role = RoleFactory(account=account, name=f"r{index}") if index % 2 else None
        InstanceProfileFactory(account=account, name=f"p{index:03d}", role=role)
    # +1: the root caller's generation (SCPs bind a member's root user)
    with django_assert_max_num_queries(7):
        assert root_client.get(LIST, {"per_page": 100}).status_code == 200


@pytest.mark.parametrize("rows", [5, 500])
def test_the_detail_runs_a_bounded_number_of_queries(root_client, account, rows,
                                                     django_assert_max_num_queries):
    role = RoleFactory(account=account, name="web")
    InstanceProfileFactory(account=account, name="web", role=role)
    for index in range(rows):
        RoleFactory(account=account, name=f"r{index}")
    # The page's lookup, then ListInstanceProfileTags's own for the tags section.
    # +1: the root caller's generation (SCPs bind a member's root user)
    with django_assert_max_num_queries(7):
        assert root_client.get(detail("web")).status_code == 200


def test_a_profile_is_created_with_its_role(root_client, account):
    role = RoleFactory(account=account, name="web")
    page = root_client.get(CREATE, {"role": "web", "name": "web"}).content.decode()
    assert 'value="web"' in page and '<option value="web">' in page
    response = root_client.post(CREATE, {"name": "web-profile", "path": "/app/",
                                         "role": "web"})
    assert response.status_code == 302
    assert response["Location"] == "/instance-profiles/details/web-profile/"
    profile = InstanceProfile.objects.get(account=account, name="web-profile")
    assert profile.role == role
    assert profile.arn == "arn:aws:iam::111111111111:instance-profile/app/web-profile"


def test_create_errors_keep_what_was_typed(root_client, account):
    InstanceProfileFactory(account=account, name="taken")
    response = root_client.post(CREATE, {"name": "bad name", "path": "x", "role": "ghost"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "may contain only letters" in html and "A path is / or" in html
    assert 'value="bad name"' in html
    response = root_client.post(CREATE, {"name": "TAKEN", "path": "/", "role": ""})
    assert "Instance Profile TAKEN already exists." in response.content.decode()
    response = root_client.post(CREATE, {"name": "fresh", "path": "/", "role": "ghost"})
    assert "The role with name ghost cannot be found." in response.content.decode()
    assert not InstanceProfile.objects.filter(name="fresh").exists()


def test_the_detail_shows_summary_and_role(root_client, account):
    role = RoleFactory(account=account, name="web")
    profile = InstanceProfileFactory(account=account, name="web", role=role)
    html = root_client.get(detail("web")).content.decode()
    assert f'data-copy="{profile.arn}"' in html and profile.unique_id in html
    assert "holds at most one role: remove web first" in html
    assert "Remove role" in html


def test_a_role_is_added_and_removed(root_client, account):
    role = RoleFactory(account=account, name="web")
    InstanceProfileFactory(account=account, name="spare")
    response = root_client.post(detail("spare", "role/add/"), {"role": "WEB"}, follow=True)
    assert "Role web added to instance profile spare." in response.content.decode()
    assert InstanceProfile.objects.get(name="spare").role == role
    response = root_client.post(detail("spare", "role/remove/"), follow=True)
    assert "Role web removed from instance profile spare." in response.content.decode()
    assert InstanceProfile.objects.get(name="spare").role is None
    assert Role.objects.filter(pk=role.pk).exists()


def test_a_second_role_is_refused_with_limit_exceeded_beside_the_field(root_client, account):
    first = RoleFactory(account=account, name="first")
    RoleFactory(account=account, name="second")
    InstanceProfileFactory(account=account, name="web", role=first)
    response = root_client.post(detail("web", "role/add/"), {"role": "second"})
    html = response.content.decode()
    assert response.status_code == 409
    assert "LimitExceeded: Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1" in html
    assert "remove first first" in html and 'value="second"' in html
    assert InstanceProfile.objects.get(name="web").role == first


def test_an_unknown_role_is_reported(root_client, account):
    InstanceProfileFactory(account=account, name="spare")
    response = root_client.post(detail("spare", "role/add/"), {"role": "ghost"})
    assert "The role with name ghost cannot be found." in response.content.decode()


def test_delete_takes_the_role_out_first_and_keeps_it(root_client, account):
    role = RoleFactory(account=account, name="web")
    InstanceProfileFactory(account=account, name="web", role=role)
    html = root_client.get(detail("web", "delete/")).content.decode()
    assert "Role: web" in html
    assert root_client.post(detail("web", "delete/"), {"confirm": "nope"}).status_code == 400
    response = root_client.post(detail("web", "delete/"), {"confirm": "web"}, follow=True)
    assert "Instance profile web deleted." in response.content.decode()
    assert not InstanceProfile.objects.filter(account=account).exists()
    assert Role.objects.filter(pk=role.pk).exists()


def test_an_empty_profile_is_deleted(root_client, account):
    InstanceProfileFactory(account=account, name="spare")
    root_client.post(detail("spare", "delete/"), {"confirm": "spare"})
    assert not InstanceProfile.objects.filter(account=account).exists()


def test_a_reader_cannot_create_or_delete(account, aws_policy):
    InstanceProfileFactory(account=account, name="spare")
    client = user_client(account, "reader", aws_policy("IAMReadOnlyAccess"))
    assert client.get(LIST).status_code == 200
    assert client.get(detail("spare")).status_code == 200
    assert client.get(CREATE).status_code == 403
    response = client.post(detail("spare", "delete/"), {"confirm": "spare"})
    assert response.status_code == 403 and b"iam:DeleteInstanceProfile" in response.content
    assert InstanceProfile.objects.filter(name="spare").exists()
