"""`{resource}/tags/`: list, add or overwrite, and remove tags of a taggable entity.

Mixed into the users, roles, instance profiles, policies and MFA devices viewsets, each naming
its `kind`: the handlers run that kind's List*Tags, Tag* and Untag* operations.
"""

from __future__ import annotations

from typing import Any, ClassVar

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from iamconsole.exceptions import NoSuchEntity

from ..kinds import Kind
from ..operations.tags import TagOperations, tag_operations
from .serializers import TagsSerializer

_KEYS = OpenApiParameter(
    "key", str, OpenApiParameter.QUERY, many=True, required=True,
    description="A tag key to remove (repeat for several; absent keys are ignored).",
    examples=[OpenApiExample("One key", value=["team"])],
)


class TagsMixin:
    """Tags as {key: value}; AWS's rules (50 per resource, reserved `aws:` prefix) apply.

    Tagging is authorized with aws:RequestTag/<key> and aws:TagKeys, untagging with
    aws:TagKeys, by the operations, as in the console.
    """

    kind: ClassVar[Kind]
    kwargs: dict[str, Any]
    lookup_field: str
    entity_type: str

    @property
    def tag_operations(self) -> TagOperations:
        """The viewset's kind's List*Tags, Tag* and Untag* operations."""
        return tag_operations(self.kind)

    def tagged(self) -> dict[str, str]:
        """The operation input naming the URL's resource: its name (user_name...), or the
        ARN of a resource AWS names by ARN and the URL by name or ID (an MFA device's serial
        number, a policy's ARN), the ARN the URL implies when there is no such resource."""
        identifier = self.kwargs[self.lookup_field]
        if not self.kind.named_by_arn:
            return {self.kind.name_field: identifier}
        try:
            arn = self.kind.arn_of(self.lookup_entity(identifier))
        except NoSuchEntity:
            arn = self.arn(self.entity_type, "/", identifier)
        return {self.kind.name_field: arn}

    @extend_schema(responses=TagsSerializer, summary="List the tags (List*Tags)")
    @action(detail=True, methods=["get"], url_path="tags")
    def tags(self, request: Request, **kwargs: str) -> Response:
        tags = self.run(self.tag_operations.list, **self.tagged())
        return Response({"tags": tags})

    @extend_schema(request=TagsSerializer, responses=TagsSerializer,
                   summary="Add or overwrite tags (Tag*)")
    @tags.mapping.post
    def tag(self, request: Request, **kwargs: str) -> Response:
        data = self.input(TagsSerializer)
        entity = self.run(self.tag_operations.tag, tags=data["tags"],
                          **self.tagged())
        return Response({"tags": entity.tags})

    @extend_schema(parameters=[_KEYS], responses={200: TagsSerializer},
                   summary="Remove tags (Untag*)")
    @tags.mapping.delete
    def untag(self, request: Request, **kwargs: str) -> Response:
        keys = self.query_list("key")
        entity = self.run(self.tag_operations.untag, tag_keys=keys,
                          **self.tagged())
        return Response({"tags": entity.tags})
