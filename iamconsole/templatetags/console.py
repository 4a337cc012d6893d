"""Template tags for the console's frame."""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

register = template.Library()


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
