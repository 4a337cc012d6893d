"""Calls to POST /api/v1/simulate/custom shared by its tests."""

from tests.helpers import post_json

URL = "/api/v1/simulate/custom"


def simulate(client, **body):
    """The evaluation results of a simulation that must succeed."""
    body.setdefault("policy_input_list", [])
    response = post_json(client, URL, body)
    assert response.status_code == 200, response.content
    return response.json()["evaluation_results"]


def error(client, body, status=400):
    """The error body of a simulation that must fail with `status`."""
    response = post_json(client, URL, body)
    assert response.status_code == status, response.content
    return response.json()


def only(results):
    """The one result of a simulation of one pair."""
    assert len(results) == 1
    return results[0]
