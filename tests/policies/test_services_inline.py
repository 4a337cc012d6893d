"""Inline policies: names unique per entity, replace on put, aggregate size per entity type."""


import pytest

from iamconsole.exceptions import InvalidInput, LimitExceeded, MalformedPolicyDocument, NoSuchEntity
from policies.models import InlinePolicy
from policies.selectors import inline_policy_get, inline_policy_list
from policies.services import inline_policy_delete, inline_policy_put
from policies.validation import policy_size
from tests.documents import allow, document_text
from tests.factories import IamGroupFactory, IamUserFactory, RoleFactory

pytestmark = pytest.mark.django_db


def _document(resources: int) -> str:
    """A policy reading `resources` buckets, to reach a size."""
    return document_text(allow("s3:GetObject",
                               [f"arn:aws:s3:::b{n:05}/*" for n in range(resources)]))


def test_put_creates_then_replaces_by_name(account):
    user = IamUserFactory(account=account)
    first = inline_policy_put(entity=user, name="S3", policy_document=_document(1))
    again = inline_policy_put(entity=user, name="s3", policy_document=_document(2))
    assert first.pk == again.pk and again.name == "s3"
    assert again.document_text == _document(2)
    assert again.size == policy_size(_document(2))
    assert [p.name for p in inline_policy_list(user)] == ["s3"]
    assert inline_policy_get(entity=user, name="S3").pk == first.pk


def test_same_name_on_different_entities(account):
    user, role = IamUserFactory(account=account), RoleFactory(account=account)
    inline_policy_put(entity=user, name="S3", policy_document=_document(1))
    inline_policy_put(entity=role, name="S3", policy_document=_document(1))
    assert InlinePolicy.objects.count() == 2


@pytest.mark.parametrize(
    "factory, limit",
    [(IamUserFactory, 2048), (IamGroupFactory, 5120), (RoleFactory, 10240)],
)
def test_aggregate_size_per_entity(account, factory, limit):
    entity = factory(account=account)
    one = _document(40)
    per = policy_size(one)
    fits = limit // per
    for n in range(fits):
        inline_policy_put(entity=entity, name=f"p{n}", policy_document=one)
    with pytest.raises(LimitExceeded) as exc:
        inline_policy_put(entity=entity, name="one-too-many", policy_document=one)
    assert f"{limit}" in exc.value.message
    # Replacing an existing policy only counts the others.
    inline_policy_put(entity=entity, name="p0", policy_document=one)


def test_whitespace_does_not_count(account):
    user = IamUserFactory(account=account)
    padded = _document(1).replace("\n", "\n" + " " * 3000)
    assert len(padded) > 2048
    assert inline_policy_put(entity=user, name="padded", policy_document=padded).size < 200


def test_invalid_documents_and_names(account):
    user = IamUserFactory(account=account)
    with pytest.raises(MalformedPolicyDocument) as exc:
        inline_policy_put(entity=user, name="bad",
                          policy_document='{"Statement": [{"Effect": "Maybe"}]}')
    assert all("line" in d for d in exc.value.details)
    with pytest.raises(InvalidInput) as exc:
        inline_policy_put(entity=user, name="bad name", policy_document=_document(1))
    assert exc.value.field == "policy_name"


def test_delete(account):
    role = RoleFactory(account=account)
    inline_policy_put(entity=role, name="S3", policy_document=_document(1))
    inline_policy_delete(entity=role, name="s3")
    with pytest.raises(NoSuchEntity):
        inline_policy_delete(entity=role, name="S3")
