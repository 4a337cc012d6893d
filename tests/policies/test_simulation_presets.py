"""Simulator presets: the services the demo uses, and saving, opening, deleting on the page."""

import json

import pytest

from iamconsole.exceptions import InvalidInput, NoSuchEntity
from policies.models import SimulatorPreset
from policies.services import simulator_preset_delete, simulator_preset_save
from policies.simulation.selectors import simulator_preset_get, simulator_preset_list
from tests.documents import allow, document

CUSTOM = {"mode": "custom", "policy_input_list": [document(allow("s3:GetObject"))],
          "action_names": ["s3:getobject", "s3:PutObject"]}


def test_saving_normalises_the_simulation_and_replaces_by_name(account):
    preset = simulator_preset_save(account=account, name="S3 reads", description="Why",
                                   simulation=CUSTOM)
    assert preset.simulation == {
        "mode": "custom", "action_names": ["s3:GetObject", "s3:PutObject"],
        "policy_input_list": [json.dumps(document(allow("s3:GetObject")), indent=4)],
    }
    again = simulator_preset_save(account=account, name="s3 READS", description="",
                                  simulation={**CUSTOM, "action_names": ["iam:GetUser"]})
    assert again.pk == preset.pk and again.name == "s3 READS"
    assert again.simulation["action_names"] == ["iam:GetUser"]
    assert SimulatorPreset.objects.count() == 1


@pytest.mark.parametrize("name, description, simulation, field", [
    ("", "", CUSTOM, "name"),
    ("x" * 129, "", CUSTOM, "name"),
    ("ok", "d" * 1001, CUSTOM, "description"),
    ("ok", "", [], "simulation"),
    ("ok", "", {**CUSTOM, "mode": "other"}, "simulation.mode"),
    ("ok", "", {**CUSTOM, "action_names": ["s3:Nope"]}, "action_names[0]"),
    ("ok", "", {"mode": "principal", "action_names": ["s3:GetObject"]}, "policy_source_arn"),
])
def test_invalid_presets_are_refused_naming_the_field(account, name, description, simulation,
                                                      field):
    with pytest.raises(InvalidInput) as caught:
        simulator_preset_save(account=account, name=name, description=description,
                              simulation=simulation)
    assert caught.value.field == field


def test_presets_belong_to_their_account(account, other_account):
    mine = simulator_preset_save(account=account, name="Mine", description="",
                                 simulation=CUSTOM)
    theirs = simulator_preset_save(account=other_account, name="Mine", description="",
                                   simulation=CUSTOM)
    assert list(simulator_preset_list(account_pk=account.pk)) == [mine]
    with pytest.raises(NoSuchEntity):
        simulator_preset_get(account_pk=account.pk, pk=theirs.pk)
    simulator_preset_delete(preset=mine)
    assert not SimulatorPreset.objects.filter(pk=mine.pk).exists()


def test_a_preset_opens_and_runs_on_the_page(root_client, account):
    preset = simulator_preset_save(account=account, name="S3 reads", description="Reads only",
                                   simulation=CUSTOM)
    page = root_client.get(f"/simulator/?preset={preset.pk}").content.decode()
    assert "S3 reads" in page and "Reads only" in page
    assert page.count('data-decision="allowed"') == 1
    assert page.count('data-decision="implicitDeny"') == 1


def test_another_accounts_preset_does_not_open(root_client, other_account):
    theirs = simulator_preset_save(account=other_account, name="Theirs", description="",
                                   simulation=CUSTOM)
    page = root_client.get(f"/simulator/?preset={theirs.pk}").content.decode()
    assert "cannot be found" in page and 'data-decision="' not in page
    response = root_client.post(f"/simulator/presets/{theirs.pk}/delete/")
    assert response.status_code == 404
    assert SimulatorPreset.objects.filter(pk=theirs.pk).exists()


def test_saving_from_the_page_keeps_the_form_as_the_preset(root_client, account):
    response = root_client.post("/simulator/presets/", {
        "mode": "custom", "policy-0": json.dumps(document(allow("s3:*"))),
        "action": ["s3:GetObject"], "preset_name": "From the page",
        "preset_description": "Saved by a trainer",
    }, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    preset = SimulatorPreset.objects.get(account=account)
    assert "Saved the simulation as “From the page”" in response.content.decode()
    assert response["HX-Push-Url"] == f"/simulator/?preset={preset.pk}"
    assert preset.simulation["action_names"] == ["s3:GetObject"]
    failed = root_client.post("/simulator/presets/", {"mode": "custom", "action": ["s3:Get"],
                                                      "preset_name": "Bad"},
                              HTTP_HX_REQUEST="true")
    assert "The preset was not saved" in failed.content.decode()


def test_deleting_from_the_page(root_client, account):
    preset = simulator_preset_save(account=account, name="Old", description="",
                                   simulation=CUSTOM)
    response = root_client.post(f"/simulator/presets/{preset.pk}/delete/")
    assert response.status_code == 302
    assert not SimulatorPreset.objects.exists()
