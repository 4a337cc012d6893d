"""Django admin for site operators; secrets are never shown and IAM writes run operations."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from iamconsole.admin_tools import ReadOnlyAdmin

from .kinds import GROUP, INSTANCE_PROFILE, ROLE, USER
from .models import (
    AccessKey,
    Account,
    GroupMembership,
    IamGroup,
    IamUser,
    InstanceProfile,
    LoginProfile,
    MfaDevice,
    PasswordPolicy,
    Role,
    SiteOperator,
    TemporaryCredential,
)
from .operations.groups import DeleteGroup
from .operations.instance_profiles import DeleteInstanceProfile
from .operations.roles import DeleteRole
from .operations.users import DeleteUser

_ENTITY_FIELDS = ["account", "name", "path", "unique_id", "arn", "created_at", "updated_at"]


@admin.register(SiteOperator)
class SiteOperatorAdmin(UserAdmin):
    """Site operators administer the installation through /admin only."""


@admin.register(Account)
class AccountAdmin(admin.ModelAdmin):
    """Accounts hosted here; the root password hash is never displayed or edited here.

    Deleting an account removes everything in it.
    """

    list_display = ["account_id", "alias", "name", "root_email", "created_at"]
    search_fields = ["account_id", "alias", "name", "root_email"]
    exclude = ["root_password"]
    readonly_fields = [
        "account_id",
        "created_at",
        "updated_at",
        "root_password_changed_at",
        "root_password_last_used_at",
    ]


@admin.register(IamUser)
class IamUserAdmin(ReadOnlyAdmin):
    """IAM users; deleting one removes its credentials, policies and memberships."""

    delete_operation = DeleteUser
    delete_kind = USER
    list_display = ["name", "account", "path", "unique_id", "created_at"]
    list_filter = ["account"]
    list_select_related = ["account"]
    search_fields = ["name", "unique_id", "arn"]
    fields = [*_ENTITY_FIELDS, "tags", "permissions_boundary", "password_last_used_at"]


@admin.register(LoginProfile)
class LoginProfileAdmin(ReadOnlyAdmin):
    """Console passwords: only their dates and flags (never the hash)."""

    list_display = ["user", "password_reset_required", "password_changed_at"]
    list_select_related = ["user"]
    exclude = ["password", "password_history"]


@admin.register(IamGroup)
class IamGroupAdmin(ReadOnlyAdmin):
    """IAM groups; deleting one removes its memberships and policies."""

    delete_operation = DeleteGroup
    delete_kind = GROUP
    list_display = ["name", "account", "path", "unique_id", "created_at"]
    list_filter = ["account"]
    list_select_related = ["account"]
    search_fields = ["name", "unique_id", "arn"]
    fields = _ENTITY_FIELDS


@admin.register(GroupMembership)
class GroupMembershipAdmin(ReadOnlyAdmin):
    """Who is in which group."""

    list_display = ["user", "group", "created_at"]
    list_select_related = ["user", "group"]


@admin.register(Role)
class RoleAdmin(ReadOnlyAdmin):
    """IAM roles with their trust policy; deleting one removes its policies."""

    delete_operation = DeleteRole
    delete_kind = ROLE
    list_display = ["name", "account", "path", "unique_id", "last_used_at"]
    list_filter = ["account"]
    list_select_related = ["account"]
    search_fields = ["name", "unique_id", "arn"]
    fields = [
        *_ENTITY_FIELDS,
        "description",
        "max_session_duration",
        "trust_policy",
        "tags",
        "permissions_boundary",
        "last_used_at",
        "last_used_region",
    ]


@admin.register(InstanceProfile)
class InstanceProfileAdmin(ReadOnlyAdmin):
    """Instance profiles and their role."""

    delete_operation = DeleteInstanceProfile
    delete_kind = INSTANCE_PROFILE
    list_display = ["name", "account", "role", "unique_id"]
    list_select_related = ["account", "role"]
    search_fields = ["name", "unique_id", "arn"]
    fields = [*_ENTITY_FIELDS, "role", "tags"]


@admin.register(AccessKey)
class AccessKeyAdmin(ReadOnlyAdmin):
    """Access keys: IDs, status and last use (never the secret)."""

    list_display = ["access_key_id", "account", "user", "status", "created_at", "last_used_at"]
    list_filter = ["status"]
    list_select_related = ["account", "user"]
    search_fields = ["access_key_id"]
    exclude = ["secret_encrypted"]


@admin.register(MfaDevice)
class MfaDeviceAdmin(ReadOnlyAdmin):
    """Virtual MFA devices (never the seed)."""

    list_display = ["serial_number", "user", "is_root", "enabled_at"]
    list_select_related = ["user"]
    search_fields = ["serial_number"]
    exclude = ["seed_encrypted", "last_used_step"]


@admin.register(PasswordPolicy)
class PasswordPolicyAdmin(ReadOnlyAdmin):
    """Account password policies."""

    list_display = ["account", "minimum_password_length", "max_password_age"]
    list_select_related = ["account"]


@admin.register(TemporaryCredential)
class TemporaryCredentialAdmin(ReadOnlyAdmin):
    """Temporary credentials issued by STS: who, until when (never the secret or token)."""

    list_display = ["access_key_id", "account", "kind", "issued_by", "role", "user",
                    "session_name", "issued_at", "expires_at"]
    list_filter = ["kind", "issued_by"]
    list_select_related = ["account", "role", "user"]
    search_fields = ["access_key_id", "session_name"]
    exclude = ["secret_encrypted", "token_encrypted"]
