"""The demo's organization: Example Corp manages it; the Workloads OU holds the development
and partner accounts with the region-deny SCP and the data-perimeter RCP; loading again
changes nothing; --reset undoes what a class changed."""

from __future__ import annotations

import pytest

from accounts.demo import documents as docs
from accounts.demo import load_demo
from accounts.models import Organization, OrganizationMember
from accounts.organization_tree import organization_tree
from accounts.organizations_selectors import organization_controls

pytestmark = pytest.mark.django_db


def _picture() -> dict:
    organization = Organization.objects.get(management_account__account_id=docs.DEMO_ACCOUNT_ID)
    tree = organization_tree(organization)
    return {node.name: (node.kind, node.parent_id and tree.node(node.parent_id).name,
                        sorted(p.name for p in node.policies)) for node in tree.nodes}


def test_example_corp_manages_the_organization_of_the_demo():
    load_demo(credentials={})
    picture = _picture()
    assert picture["Workloads"] == ("ORGANIZATIONAL_UNIT", "Root", [
        "DataPerimeter", "DenyRegionsOutsideUsEast2AndEuWest1", "FullAWSAccess",
        "RCPFullAWSAccess"])
    assert picture["Example Corp Development"][:2] == ("ACCOUNT", "Workloads")
    assert picture["Example Partner (audit firm)"][:2] == ("ACCOUNT", "Workloads")
    assert picture["Example Corp"][:2] == ("ACCOUNT", "Root")
    partner = OrganizationMember.objects.get(account__account_id=docs.PARTNER_ACCOUNT_ID)
    controls = organization_controls(partner.account_id)
    assert len(controls.scp) == 3 and len(controls.rcp) == 3  # root, Workloads, the account
    assert any("aws:RequestedRegion" in content for _, content in controls.scp[1])
    assert organization_controls(
        Organization.objects.get().management_account_id).management


def test_loading_twice_changes_nothing_and_reset_restores_it():
    load_demo(credentials={})
    before = _picture()
    assert load_demo(credentials={}).presets_saved == 0
    assert _picture() == before
    partner = OrganizationMember.objects.get(account__account_id=docs.PARTNER_ACCOUNT_ID)
    OrganizationMember.objects.filter(pk=partner.pk).update(parent=None)  # a class moved it
    load_demo(credentials={}, reset=True)
    assert _picture()["Example Partner (audit firm)"][:2] == ("ACCOUNT", "Workloads")
    assert Organization.objects.count() == 1
