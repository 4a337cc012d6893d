"""`{resource}/tags/`: list, add or overwrite, and remove tags of a taggable entity.

Mixed into the users, roles, instance profiles, policies and MFA devices viewsets, which declare
the IAM actions (ListUserTags, TagUser, UntagUser...).
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from iamconsole.exceptions import InvalidInput
from policies.authorization import tag_context

from ..services import tag_resource, untag_resource
from .serializers import TagsSerializer

_KEYS = OpenApiParameter(
    "key", str, OpenApiParameter.QUERY, many=True, required=True,
    description="A tag key to remove (repeat for several; absent keys are ignored).",
    examples=[OpenApiExample("One key", value=["team"])],
)


class TagsMixin:
    """Tags as {key: value}; AWS's rules (50 per resource, reserved `aws:` prefix) apply.

    Tagging is authorized with aws:RequestTag/<key> and aws:TagKeys, untagging with
    aws:TagKeys, as AWS does, so tag-based guardrails apply to the API as to the console.
    """

    def authorize_create(self, arn: str, tags: dict[str, str],
                         context: dict[str, str] | None = None) -> None:
        """The create handler's action on `arn` with the tags' condition keys (and `context`),
        then, when tags are given, the resource's Tag* action: AWS requires both."""
        self.authorize(arn, context={**tag_context(tags), **(context or {})})
        if tags:
            self.authorize(arn, actions=self.iam_actions["tag"], context=tag_context(tags))

    @extend_schema(responses=TagsSerializer, summary="List the tags")
    @action(detail=True, methods=["get"], url_path="tags")
    def tags(self, request: Request, **kwargs: str) -> Response:
        return Response({"tags": self.entity().tags})

    @extend_schema(request=TagsSerializer, responses=TagsSerializer,
                   summary="Add or overwrite tags")
    @tags.mapping.post
    def tag(self, request: Request, **kwargs: str) -> Response:
        data = self.input(TagsSerializer)
        entity = tag_resource(resource=self.entity(context=tag_context(data["tags"])),
                              tags=data["tags"])
        return Response({"tags": entity.tags})

    @extend_schema(parameters=[_KEYS], responses={200: TagsSerializer}, summary="Remove tags")
    @tags.mapping.delete
    def untag(self, request: Request, **kwargs: str) -> Response:
        keys = self.query_list("key")
        if not keys:
            raise InvalidInput("Give the tag keys to remove as ?key=...", field="key")
        entity = untag_resource(resource=self.entity(context={"aws:TagKeys": keys}), keys=keys)
        return Response({"tags": entity.tags})
