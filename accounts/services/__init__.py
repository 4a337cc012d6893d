"""Services of the accounts app: every write goes through one of these functions."""

from .access_keys import (
    CreatedAccessKey,
    access_key_authenticate,
    access_key_create,
    access_key_delete,
    access_key_record_use,
    access_key_update_status,
)
from .accounts import (
    account_alias_delete,
    account_alias_set,
    account_create,
    account_root_password_change,
    account_root_password_set,
)
from .groups import (
    group_add_user,
    group_create,
    group_delete,
    group_remove_user,
    group_update,
)
from .instance_profiles import (
    instance_profile_add_role,
    instance_profile_create,
    instance_profile_delete,
    instance_profile_remove_role,
)
from .login_profiles import (
    login_profile_change_password,
    login_profile_create,
    login_profile_delete,
    login_profile_record_use,
    login_profile_update,
)
from .mfa import (
    CreatedMfaDevice,
    mfa_device_create_virtual,
    mfa_device_deactivate,
    mfa_device_delete,
    mfa_device_enable,
    mfa_device_resync,
    mfa_device_setup_uri,
    mfa_device_verify_code,
)
from .password_policy import (
    password_policy_delete,
    password_policy_update,
    password_problems,
    password_validate,
)
from .roles import (
    role_create,
    role_delete,
    role_deletion_finish,
    role_deletion_start,
    role_record_use,
    role_update,
    role_update_trust_policy,
)
from .tags import tag_resource, untag_resource
from .users import user_create, user_delete, user_update

__all__ = [
    "CreatedAccessKey",
    "CreatedMfaDevice",
    "access_key_authenticate",
    "access_key_create",
    "access_key_delete",
    "access_key_record_use",
    "access_key_update_status",
    "account_alias_delete",
    "account_alias_set",
    "account_create",
    "account_root_password_change",
    "account_root_password_set",
    "group_add_user",
    "group_create",
    "group_delete",
    "group_remove_user",
    "group_update",
    "instance_profile_add_role",
    "instance_profile_create",
    "instance_profile_delete",
    "instance_profile_remove_role",
    "login_profile_change_password",
    "login_profile_create",
    "login_profile_delete",
    "login_profile_record_use",
    "login_profile_update",
    "mfa_device_create_virtual",
    "mfa_device_deactivate",
    "mfa_device_delete",
    "mfa_device_enable",
    "mfa_device_resync",
    "mfa_device_setup_uri",
    "mfa_device_verify_code",
    "password_policy_delete",
    "password_policy_update",
    "password_problems",
    "password_validate",
    "role_create",
    "role_delete",
    "role_deletion_finish",
    "role_deletion_start",
    "role_record_use",
    "role_update",
    "role_update_trust_policy",
    "tag_resource",
    "untag_resource",
    "user_create",
    "user_delete",
    "user_update",
]
