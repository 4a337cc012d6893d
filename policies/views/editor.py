"""The policy editor's live validation: findings by line, column and statement, as you type."""

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_POST

from iamconsole.operations import caller_for

from ..forms import PolicyValidateForm
from ..operations.validation import ValidatePolicy


@require_POST
def policy_validate_view(request: HttpRequest) -> HttpResponse:
    """Validate the posted document (ValidatePolicy) and answer the findings fragment (htmx)."""
    # The editor posts its textarea under the form's own field name, which it tells us.
    field_name = request.POST.get("document_field") or "document"
    document = request.POST.get(field_name, "")
    policy_type = request.POST.get("policy_type") or "identity"
    form = PolicyValidateForm({"document": document, "policy_type": policy_type})
    if not form.is_valid():
        return HttpResponseBadRequest("Invalid validation request: " + form.errors.as_text())
    report = caller_for(request).run(ValidatePolicy,
                                     policy_document=form.cleaned_data["document"],
                                     policy_type=form.cleaned_data["policy_type"])
    return render(request, "policies/partials/_lint_findings.html", {"report": report})


urlpatterns = [
    path("policies/validate/", policy_validate_view, name="policy_validate"),
]
