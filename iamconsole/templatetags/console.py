"""Template tags for the console's frame."""

import re
from datetime import date, datetime
from functools import lru_cache
from urllib.parse import quote

from django import template
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.html import format_html

register = template.Library()

# Stands for the entity name while a detail URL is reversed once per view name: a valid name
# that no URL pattern contains, so the URL splits around it.
_NAME_MARK = "0name0mark0"
# What reverse() leaves unquoted in a path (django.urls.resolvers, RFC 3986 sub-delimiters).
_PATH_SAFE = "!$&'()*+,;=" + "/~:@"
_IAM_NAME = re.compile(r"^[\w+=,.@-]+$")


@lru_cache(maxsize=64)
def _url_around_name(view_name: str, script_prefix: str, urlconf: str | None) -> tuple[str, str]:
    before, _, after = reverse(view_name, args=[_NAME_MARK], urlconf=urlconf).partition(
        _NAME_MARK
    )
    return before, after


@register.simple_tag
def row_url(view_name: str, name: str) -> str:
    """{% url view_name name %} for the rows of a table, at a fraction of reverse()'s cost.

    The URL around the name is reversed once per view name (and script prefix); each row
    then only quotes its name. A name IAM would not accept goes through reverse() itself.
    """
    if not _IAM_NAME.match(name):
        return reverse(view_name, args=[name])
    before, after = _url_around_name(view_name, get_script_prefix(), get_urlconf())
    return before + quote(name, safe=_PATH_SAFE) + after


@register.simple_tag(takes_context=True)
def nav_item(context: template.Context, url_name: str, label: str) -> str:
    """A left-navigation link, marked current when the page belongs to it.

    A section whose pages do not exist yet is shown greyed out rather than as a dead link.
    """
    try:
        href = reverse(url_name)
    except NoReverseMatch:
        return format_html(
            '<span class="nav-link is-disabled" aria-disabled="true">{}</span>', label
        )
    request = context.get("request")
    current = False
    if request is not None and request.resolver_match is not None:
        match = request.resolver_match
        section = context.get("nav_section")
        current = section == url_name or match.view_name == url_name
    if current:
        return format_html(
            '<a class="nav-link is-current" href="{}" aria-current="page">{}</a>', href, label
        )
    return format_html('<a class="nav-link" href="{}">{}</a>', href, label)


@register.simple_tag(takes_context=True)
def sort_header(context: template.Context, key: str, label: str) -> str:
    """A sortable column header: a link that toggles ?sort=key / ?sort=-key, keeping filters."""
    request = context["request"]
    current = context.get("sort", "")
    ascending = current == key
    descending = current == f"-{key}"
    params = request.GET.copy()
    params["sort"] = f"-{key}" if ascending else key
    params.pop("page", None)
    state = "ascending" if ascending else "descending" if descending else "none"
    arrow = "▲" if ascending else "▼" if descending else ""
    return format_html(
        '<a class="sort-link" href="?{}" hx-get="?{}" hx-target="#list-results" hx-push-url="true"'
        ' aria-sort="{}">{} <span aria-hidden="true">{}</span></a>',
        params.urlencode(), params.urlencode(), state, label, arrow,
    )


@register.simple_tag(takes_context=True)
def page_url(context: template.Context, page: int) -> str:
    """The current URL's query string with another page number."""
    params = context["request"].GET.copy()
    params["page"] = page
    return "?" + params.urlencode()


@register.filter
def day(moment: date | datetime | None) -> str:
    """A table's date column: what date:"Y-m-d" shows (in the current time zone), without the
    format lookup that makes that filter the costliest cell of a row."""
    if not moment:
        return ""
    if isinstance(moment, datetime) and timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
