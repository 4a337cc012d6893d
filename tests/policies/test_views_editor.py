"""The policy editor's live validation endpoint (htmx)."""

import json

import pytest

URL = "/policies/validate/"
GOOD = json.dumps(
    {"Version": "2012-10-17",
     "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]},
    indent=2,
)


def test_validation_fragment_lists_findings_with_positions(root_client):
    bad = GOOD.replace('"Allow"', '"Permit"')
    response = root_client.post(
        URL, {"document": bad, "policy_type": "identity"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html  # a fragment, not a page
    assert "1 error" in html
    assert "Statement 1 · Effect · Ln 5, Col 17" in html
    assert 'data-line="5" data-column="17"' in html
    assert "Effect must be exactly" in html


def test_a_valid_document_reports_no_findings_and_its_size(root_client):
    response = root_client.post(URL, {"document": GOOD, "policy_type": "identity"},
                                HTTP_HX_REQUEST="true")
    assert "No errors or warnings" in response.content.decode()
    assert f"{len(''.join(GOOD.split()))} characters" in response.content.decode()


def test_the_editor_names_its_own_field(root_client):
    response = root_client.post(
        URL,
        {"policy_document": '{"Statement": []}', "document_field": "policy_document",
         "policy_type": "identity"},
        HTTP_HX_REQUEST="true",
    )
    assert "Statement must contain at least one statement" in response.content.decode()


def test_the_policy_type_selects_the_rules(root_client):
    trust = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
         "Action": "sts:AssumeRole"}]})
    ok = root_client.post(URL, {"document": trust, "policy_type": "trust"})
    assert "No errors or warnings" in ok.content.decode()
    wrong = root_client.post(URL, {"document": trust, "policy_type": "identity"})
    assert "Principal is not allowed" in wrong.content.decode()


def test_an_unknown_policy_type_is_a_bad_request(root_client):
    response = root_client.post(URL, {"document": GOOD, "policy_type": "nonsense"})
    assert response.status_code == 400


@pytest.mark.django_db
def test_validation_requires_sign_in(client):
    response = client.post(URL, {"document": GOOD}, HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == "/signin/"


def test_a_lone_surrogate_escape_is_reported_not_a_server_error(root_client):
    text = GOOD.replace('"s3:GetObject"', '"s3:Get\\ud84bObject"')
    response = root_client.post(URL, {"document": text, "policy_type": "identity"},
                                HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "lone UTF-16 surrogate" in response.content.decode()


def test_a_document_over_the_length_limit_gets_findings_not_a_bad_request(root_client):
    """A long document (an AWS managed policy loaded into a simulator editor is ~146,000
    characters) is answered with the finding, not a 400 that leaves the editor without any
    (and that the debug page swaps in for the whole page)."""
    statements = [{"Effect": "Allow", "Action": f"s3:Get{'x' * 10}{n}", "Resource": "*"}
                  for n in range(3000)]
    long = json.dumps({"Version": "2012-10-17", "Statement": statements}, indent=4)
    assert len(long) > 131_072
    response = root_client.post(
        URL, {"policy-0": long, "document_field": "policy-0", "policy_type": "identity"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert f"The document has {len(long):,} characters; the maximum is 131,072." in html


def test_what_iam_accepts_but_matches_nothing_is_a_warning_in_the_editor(root_client):
    odd = GOOD.replace('"s3:GetObject"', '"service-prefix:action-name"')
    html = root_client.post(URL, {"document": odd, "policy_type": "identity"},
                            HTTP_HX_REQUEST="true").content.decode()
    assert "<strong>0 errors</strong>" in html
    assert "is not a usual action" in html
