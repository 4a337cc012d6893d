"""A role's trust policy in words: who may assume the role, and on which conditions
("Users and roles of account 210987654321 that send the external ID Unicorn-42 may assume
this role.")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

_ACTIONS = {
    "sts:assumerole": "assume this role",
    "sts:assumerolewithwebidentity": "assume this role with a web identity token",
    "sts:assumerolewithsaml": "assume this role with a SAML assertion",
    "sts:tagsession": "pass session tags",
    "sts:setsourceidentity": "set a source identity",
    "sts:*": "assume this role in any way",
    "*": "assume this role in any way",
}
_WEB_PROVIDERS = {"cognito-identity.amazonaws.com": "Amazon Cognito",
                  "accounts.google.com": "Google", "www.amazon.com": "Login with Amazon",
                  "graph.facebook.com": "Facebook"}
_ARN = re.compile(r"^arn:aws[\w-]*:(iam|sts)::(\d{12}|aws):(.+)$")
_VERBS = {"equals": "is", "like": "matches", "notequals": "is not", "notlike": "does not match",
          "lessthan": "is less than", "lessthanequals": "is at most",
          "greaterthan": "is more than", "greaterthanequals": "is at least",
          "ipaddress": "is in", "notipaddress": "is not in", "bool": "is", "null": "is absent:"}


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _one_of(values: list[str]) -> str:
    return values[0] if len(values) == 1 else "one of " + ", ".join(values)


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def aws_principal_words(value: str) -> str:
    """`"AWS": ...` in words: an account, a user, a role, a role session, anyone."""
    if value == "*":
        return "Any AWS principal"
    if value.isdigit():
        return f"Users and roles of account {value}"
    match = _ARN.match(value)
    if match is None:
        return value
    service, account, resource = match.groups()
    kind, _, rest = resource.partition("/")
    name = rest.rsplit("/", 1)[-1] if kind in ("user", "role") else rest
    if service == "iam" and resource == "root":
        return f"Users and roles of account {account}"
    if kind == "user":
        return f"IAM user {name} of account {account}"
    if kind == "role":
        return f"Sessions of role {name} of account {account}"
    if kind == "assumed-role":
        role, _, session = rest.partition("/")
        return f"Session {session} of role {role} of account {account}"
    return value


def federated_principal_words(value: str) -> str:
    """`"Federated": ...` in words: an OIDC or SAML provider of the account, a web one."""
    match = _ARN.match(value)
    if match is not None:
        _, account, resource = match.groups()
        kind, _, name = resource.partition("/")
        if kind == "oidc-provider":
            return f"Users of the OpenID Connect provider {name} (account {account})"
        if kind == "saml-provider":
            return f"Users of the SAML provider {name} (account {account})"
    return f"Users of {_WEB_PROVIDERS.get(value, value)}"


def _who(principal: Any) -> list[str]:
    if principal == "*":
        return ["Anyone"]
    if not isinstance(principal, Mapping):
        return []
    who = [f"The AWS service {s}" for s in _strings(principal.get("Service"))]
    who += [aws_principal_words(v) for v in _strings(principal.get("AWS"))]
    who += [federated_principal_words(v) for v in _strings(principal.get("Federated"))]
    return who


def _verb(operator: str) -> tuple[str, str]:
    """(words of the operator, a qualifier: "any of"/"every one of", "when present")."""
    qualifier = ""
    lowered = operator.lower()
    if lowered.startswith("foranyvalue:"):
        qualifier, lowered = "any of ", lowered.removeprefix("foranyvalue:")
    elif lowered.startswith("forallvalues:"):
        qualifier, lowered = "every one of ", lowered.removeprefix("forallvalues:")
    present = lowered.endswith("ifexists")
    lowered = lowered.removesuffix("ifexists")
    for prefix in ("string", "arn", "numeric", "date", "binary"):
        lowered = lowered.removeprefix(prefix)
    lowered = lowered.removesuffix("ignorecase")
    verb = _VERBS.get(lowered or "equals", operator)
    return verb, (qualifier, " (when present)" if present else "")


def condition_words(operator: str, key: str, values: list[str]) -> str:
    """One condition as a phrase that follows "that": "send the external ID X"."""
    verb, (qualifier, present) = _verb(operator)
    lowered = key.lower()
    listed = _one_of(values)
    if lowered == "sts:externalid" and verb == "is":
        return f"send the external ID {listed}"
    if lowered == "aws:multifactorauthpresent" and verb == "is":
        return ("signed in with MFA" if values == ["true"] else "did not sign in with MFA") \
            + present
    if lowered == "aws:multifactorauthage":
        return f"signed in with MFA and whose MFA age in seconds {verb} {listed}"
    if lowered == "aws:sourceip":
        return f"call from {listed}" if verb == "is in" else f"do not call from {listed}"
    if lowered == "sts:rolesessionname":
        return f"name their session {listed}" if verb == "is" else \
            f"use a session name that {verb} {listed}"
    if lowered.startswith("aws:principaltag/"):
        return f"carry the tag {key.split('/', 1)[1]} whose value {verb} {listed}"
    if lowered.endswith((":sub", ":aud", ":amr", ":namequalifier", ":iss")):
        claim = key.rsplit(":", 1)[1]
        source = "SAML assertion" if lowered.startswith("saml:") else "token"
        return f"present a {source} whose {claim} {verb} {qualifier}{listed}{present}"
    return f"send a request whose {key} {verb} {qualifier}{listed}{present}"


def _conditions(block: Any) -> list[str]:
    if not isinstance(block, Mapping):
        return []
    phrases = []
    for operator, keys in block.items():
        for key, values in (keys.items() if isinstance(keys, Mapping) else ()):
            strings = [str(v).lower() if isinstance(v, bool) else str(v)
                       for v in (values if isinstance(values, list) else [values])]
            phrases.append(condition_words(str(operator), str(key), strings))
    return phrases


def _statements(document: Mapping[str, Any] | None) -> Iterable[Mapping[str, Any]]:
    statements = (document or {}).get("Statement", [])
    if isinstance(statements, Mapping):
        statements = [statements]
    return [s for s in statements if isinstance(s, Mapping)] \
        if isinstance(statements, list) else []


def trust_sentences(document: Mapping[str, Any] | None) -> list[str]:
    """Each statement of a trust policy as a sentence, in the policy's order."""
    sentences = []
    for statement in _statements(document):
        who = _who(statement.get("Principal"))
        if not who and "NotPrincipal" in statement:
            who = ["Everyone except " + _and(_who(statement["NotPrincipal"]) or ["—"])]
        actions = [_ACTIONS.get(a.lower(), f"perform {a}") for a in
                   _strings(statement.get("Action"))] or ["act on this role"]
        deny = statement.get("Effect") == "Deny"
        conditions = _conditions(statement.get("Condition"))
        subject = _and(who or ["No one"])
        that = f" that {_and(conditions)}" if conditions else ""
        sentences.append(f"{subject}{that} {'may not' if deny else 'may'} {_and(actions)}.")
    return sentences
