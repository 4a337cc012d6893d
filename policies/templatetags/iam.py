"""Template tags that ask the authorization seam, so pages can disable what is not allowed."""

from django import template

from ..authorization import Decision, Requirement, check

register = template.Library()


@register.simple_tag(takes_context=True)
def authorized(context: template.Context, action: str, resource: str = "*") -> Decision:
    """`{% authorized "iam:DeleteUser" user.arn as can_delete %}`: a Decision for the caller.

    Use `can_delete.allowed` to enable a button and `can_delete.message` (AWS's denial
    sentence) as its title, so a person sees why it is disabled.
    """
    request = context.get("request")
    principal = getattr(request, "principal", None)
    return check(principal, Requirement(action=action, resource=resource))
