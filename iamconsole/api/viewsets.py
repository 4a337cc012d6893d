"""Base classes of the API's views: IAM operations, the caller's account, pages and ETags."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.db import transaction
from django.db.models import Model, QuerySet
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView
from rest_framework.viewsets import GenericViewSet

from accounts.models import Account
from iamconsole.principal import Principal

from ..operations import Operation
from .etags import check_if_match, etag_for
from .operations import IamOperationMixin
from .pagination import ListPagination, MarkerPagination
from .schema import IamAutoSchema

# AWS's name pattern ([\w+=,.@-]+): what a path segment naming an entity may hold.
NAME_REGEX = r"[\w+=,.@-]+"
E = TypeVar("E", bound=Model)


class IamApiMixin(IamOperationMixin):
    """What every endpoint shares: the caller, its account, input parsing, pages and ETags."""

    schema = IamAutoSchema()
    metadata_class = None  # OPTIONS answers 405: the OpenAPI document describes the API.

    @property
    def principal(self) -> Principal:
        """The caller (authentication guarantees one)."""
        return self.request.principal  # type: ignore[attr-defined]

    @property
    def account(self) -> Account:
        """The caller's account: every entity is looked up inside it."""
        return self.caller.account

    def arn(self, resource_type: str, path: str, name: str) -> str:
        """`arn:aws:iam::<caller's account>:<type><path><name>`."""
        return f"arn:aws:iam::{self.principal.account_id}:{resource_type}{path}{name}"

    def input(self, serializer_class: type[serializers.Serializer], **kwargs: Any) -> Any:
        """Validate the request body with an input serializer and return its data."""
        serializer = serializer_class(data=self.request.data, **kwargs)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def page(
        self,
        queryset: QuerySet[Any],
        serializer_class: type[serializers.Serializer],
        *,
        ordering: tuple[str, ...] | None = None,
    ) -> Response:
        """One page of `queryset`: {"results", "is_truncated", "marker"}.

        Without `ordering` the view's ?ordering= applies (the main list endpoints); with it,
        the order is fixed (sub-collections).
        """
        paginator = MarkerPagination(ordering, use_view_ordering=ordering is None)
        rows = paginator.paginate_queryset(queryset, self.request, view=self)
        data = serializer_class(rows, many=True, context={"request": self.request}).data
        return paginator.get_paginated_response(data)

    def page_list(self, items: list[Any], serializer_class: type[serializers.Serializer]
                  ) -> Response:
        """One page of a list an operation returned whole, in the same body as `page`."""
        paginator = ListPagination()
        rows = paginator.paginate_list(items, self.request)
        data = serializer_class(rows, many=True, context={"request": self.request}).data
        return paginator.get_paginated_response(data)

    def represent(self, serializer_class: type[serializers.Serializer], instance: Any) -> Any:
        """The output representation of `instance`."""
        return serializer_class(instance, context={"request": self.request}).data

    def represent_many(
        self, serializer_class: type[serializers.Serializer], instances: Any
    ) -> Any:
        """The output representations of `instances`."""
        return serializer_class(instances, many=True, context={"request": self.request}).data

    def etag(self, serializer_class: type[serializers.Serializer], instance: Any) -> str:
        """The ETag of `instance` as `serializer_class` represents it."""
        data = self.represent(serializer_class, instance)
        return etag_for(data, exclude=getattr(serializer_class, "etag_exclude", ()))

    def check_if_match(
        self, serializer_class: type[serializers.Serializer], instance: Any | None
    ) -> None:
        """PreconditionFailed unless If-Match is absent or matches `instance`'s ETag now."""
        current = None if instance is None else self.etag(serializer_class, instance)
        check_if_match(self.request, current)

    def run_if_match(
        self,
        operation: Operation,
        serializer_class: type[serializers.Serializer],
        current: Callable[[Any], Any] | None = None,
    ) -> Any:
        """Run an operation on one entity only if If-Match (when given) is still the ETag of
        the entity, or of `current(entity)` (what the handler answers with); else 412.

        The operation is authorized and its entity found first (a denied caller gets
        AccessDenied, not a hint about the ETag); the entity's row stays locked from the
        check to the write, so no other writer slips in between.
        """
        with transaction.atomic():
            entity = operation.preflight().entity
            entity = type(entity)._default_manager.select_for_update().get(pk=entity.pk)
            self.check_if_match(serializer_class, entity if current is None else current(entity))
            result = operation.run()
        self.ran()
        return result

    def respond(
        self,
        serializer_class: type[serializers.Serializer],
        instance: Any,
        *,
        status: int = 200,
    ) -> Response:
        """A single entity's representation, with its ETag."""
        data = self.represent(serializer_class, instance)
        tag = etag_for(data, exclude=getattr(serializer_class, "etag_exclude", ()))
        return Response(data, status=status, headers={"ETag": tag})

    def query_list(self, name: str) -> list[str]:
        """A repeated query parameter (?key=a&key=b)."""
        return [value for value in self.request.query_params.getlist(name) if value]

    def query_flag(self, name: str) -> bool:
        """A boolean query parameter: true/1/yes."""
        return self.request.query_params.get(name, "").lower() in ("true", "1", "yes")


class IamViewSet(IamApiMixin, GenericViewSet):
    """A viewset over entities addressed by name within the caller's account.

    Subclasses set `entity_type` (the ARN's resource type) and `model`, implement
    `lookup_entity(name)` with a selector, and run each handler's operation.
    """

    lookup_field = "name"
    lookup_value_regex = NAME_REGEX
    entity_type = ""
    model: type[Model]

    @property
    def filter_backends(self) -> list[Any]:  # type: ignore[override]
        """Filters and ?ordering= belong to the main list; sub-collections take neither."""
        return list(api_settings.DEFAULT_FILTER_BACKENDS) if self.action == "list" else []

    def lookup_entity(self, name: str) -> Any:
        """The entity named `name` in the caller's account, else NoSuchEntity."""
        raise NotImplementedError

    def get_queryset(self) -> QuerySet[Any]:
        # The schema generator builds views without a caller; it only needs the model.
        if getattr(self, "swagger_fake_view", False):
            return self.model.objects.none()
        return self.list_queryset()

    def list_queryset(self) -> QuerySet[Any]:
        """The selector's queryset the list endpoint filters, orders and pages."""
        raise NotImplementedError

    def filtered_page(
        self,
        serializer_class: type[serializers.Serializer],
        queryset: QuerySet[Any] | None = None,
    ) -> Response:
        """The list endpoint's answer: filters and ?ordering= applied to `queryset` (the list
        operation's rows, by default the view's queryset), then one page."""
        rows = self.get_queryset() if queryset is None else queryset
        return self.page(self.filter_queryset(rows), serializer_class)


class IamApiView(IamApiMixin, APIView):
    """A plain API view (the account's singletons), whose handlers run their operations."""
