"""The console's template tags: table-row links must be the URLs reverse() builds."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse, set_script_prefix

from iamconsole.templatetags.console import row_url

NAMES = ["alice", "Dev.Ops+team=1,a@b-c_d", "émilie", "0name0mark0", "a" * 64]
VIEWS = ["accounts:iamuser_detail", "accounts:group_detail", "accounts:role_detail",
         "accounts:instanceprofile_detail"]


@pytest.mark.parametrize("view_name", VIEWS)
@pytest.mark.parametrize("name", NAMES)
def test_row_url_is_the_url_reverse_builds(view_name, name):
    assert row_url(view_name, name) == reverse(view_name, args=[name])


def test_row_url_follows_the_script_prefix():
    try:
        set_script_prefix("/console/")
        assert row_url("accounts:iamuser_detail", "bob") == "/console/users/details/bob/"
    finally:
        set_script_prefix("/")
    assert row_url("accounts:iamuser_detail", "bob") == "/users/details/bob/"


def test_a_name_iam_refuses_gets_reverses_answer():
    # A slash cannot be part of a user name: reverse() refuses it rather than build a
    # URL that would point elsewhere.

    with pytest.raises(NoReverseMatch):
        row_url("accounts:iamuser_detail", "a/b")


def test_the_tag_renders_in_templates():
    html = Template("{% load console %}<a href=\"{% row_url 'accounts:group_detail' n %}\">") \
        .render(Context({"n": "ops@example"}))
    assert html == '<a href="/groups/details/ops@example/">'


@pytest.mark.parametrize("zone", ["UTC", "Pacific/Auckland", "America/Los_Angeles"])
def test_day_shows_what_the_date_filter_shows_in_the_current_time_zone(zone, settings):
    settings.TIME_ZONE = zone
    template = Template('{% load console %}{{ t|day }}|{{ t|date:"Y-m-d" }}')
    for moment in (datetime(2026, 11, 23, 11, 30, tzinfo=UTC),
                   datetime(2026, 1, 1, 0, 5, tzinfo=UTC), date(2025, 2, 3), None):
        mine, django = template.render(Context({"t": moment})).split("|")
        assert mine == django
