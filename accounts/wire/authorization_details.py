"""GetAccountAuthorizationDetails on the wire: the export's four lists (users, groups, roles,
policies), paginated together by MaxItems and Marker as botocore's paginator expects."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

from iamconsole.wire import WireCall, action
from iamconsole.wire.pagination import page_lists

from ..operations.account import GetAccountAuthorizationDetails

LISTS = ("UserDetailList", "GroupDetailList", "RoleDetailList", "Policies")
# The members holding a policy document: the export writes them URL-encoded, as the AWS CLI
# prints them; the protocol encodes documents itself, so they are decoded first.
_DOCUMENTS = {"AssumeRolePolicyDocument", "PolicyDocument", "Document"}


def _decoded(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: (unquote(item) if key in _DOCUMENTS and isinstance(item, str)
                      else _decoded(item)) for key, item in value.items()}
    if isinstance(value, list):
        return [_decoded(item) for item in value]
    return value


@action("GetAccountAuthorizationDetails")
def get_account_authorization_details(call: WireCall) -> dict[str, Any]:
    details = call.run(GetAccountAuthorizationDetails, filter=call.get("Filter", []),
                       include_extension=False)
    return page_lists(call, {key: _decoded(details[key]) for key in LISTS})
