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
from .certificates import (
    server_certificate_delete,
    server_certificate_update,
    server_certificate_upload,
    signing_certificate_upload,
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
from .owners import credential_delete, credential_update_status
from .password_policy import (
    password_policy_delete,
    password_policy_update,
    password_problems,
    password_validate,
)
from .roles import (
    role_create,
    role_delete,
    role_record_use,
    role_update,
    role_update_trust_policy,
)
from .tags import tag_resource, untag_resource
from .user_keys import (
    CreatedServiceSpecificCredential,
    service_specific_credential_check,
    service_specific_credential_create,
    service_specific_credential_reset,
    ssh_public_key_upload,
)
from .users import user_create, user_delete, user_update

__all__ = [
    "CreatedAccessKey",
    "CreatedMfaDevice",
    "CreatedServiceSpecificCredential",
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
    "credential_delete",
    "credential_update_status",
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
    "role_record_use",
    "role_update",
    "role_update_trust_policy",
    "server_certificate_delete",
    "server_certificate_update",
    "server_certificate_upload",
    "service_specific_credential_check",
    "service_specific_credential_create",
    "service_specific_credential_reset",
    "signing_certificate_upload",
    "ssh_public_key_upload",
    "tag_resource",
    "untag_resource",
    "user_create",
    "user_delete",
    "user_update",
]
