"""Account settings > Import and export: `get-account-authorization-details` files."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from iamconsole.exceptions import AccessDenied, IamError
from iamconsole.htmx import is_htmx_partial
from iamconsole.operations import caller_for

from ..authorization_details import FILTERS
from ..authorization_details.importer import ImportResult, authorization_details_import
from ..authorization_details.parse import parse_pages
from ..operations.account import GetAccountAuthorizationDetails
from .support import caller_account, page_or_partial, run

# Real accounts' files reach tens of megabytes; more is refused before it is read.
MAX_UPLOAD_BYTES = 64 * 1024 * 1024
FILTER_LABELS = {
    "User": "Users",
    "Group": "Groups",
    "Role": "Roles and instance profiles",
    "LocalManagedPolicy": "Customer managed policies",
    "AWSManagedPolicy": "AWS managed policies in use",
}
KINDS = ("policies", "groups", "users", "roles", "instance profiles", "user credentials",
         "account settings")


class MultipleFileInput(forms.ClearableFileInput):
    """A file input that accepts several files (the pages of a paginated export)."""

    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A list of uploaded files."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else [data]
        cleaned = [super(MultipleFileField, self).clean(f, initial) for f in files if f]
        if not cleaned and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return cleaned


class ImportForm(forms.Form):
    """The files to import."""

    files = MultipleFileField(
        label="Authorization details files",
        help_text="The JSON that aws iam get-account-authorization-details prints, or the "
                  "export of this console. Choose several files for several pages.",
        widget=MultipleFileInput(attrs={"accept": ".json,application/json"}),
    )

    def clean_files(self) -> list[Any]:
        files = self.cleaned_data["files"]
        if sum(f.size for f in files) > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The files together exceed {MAX_UPLOAD_BYTES // (1024 * 1024)} MB."
            )
        return files


class ExportForm(forms.Form):
    """What the export includes (AWS's Filter, and the x-console extension)."""

    filter = forms.MultipleChoiceField(
        label="Include", required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(value, FILTER_LABELS[value]) for value in FILTERS],
        help_text="None ticked means everything, as in AWS.",
    )
    extension = forms.BooleanField(
        label="Add the x-console block (alias, password policy, role settings, credential "
              "metadata without secrets)", required=False, initial=True,
    )


def _rows(result: ImportResult) -> list[dict[str, Any]]:
    kinds = [k for k in KINDS if k in result.created or k in result.updated
             or k in result.unchanged]
    return [{"kind": k, "created": result.created[k], "updated": result.updated[k],
             "unchanged": result.unchanged[k]} for k in kinds]


def _import(request: HttpRequest, form: ImportForm) -> tuple[int, dict[str, Any]]:
    """Run the import; (HTTP status, template context for the result panel)."""
    account = caller_account(request)
    files = form.cleaned_data["files"]
    names = [f.name for f in files]
    try:
        details = parse_pages([(f.name, f.read()) for f in files])
        # Every change is the operation it is, authorized as the caller: the first refused
        # refuses the whole import and nothing is written.
        result = authorization_details_import(account=account, details=details,
                                              caller=caller_for(request))
    except AccessDenied as exc:
        return 403, {"error": exc, "files": names}
    except IamError as exc:
        return 400, {"error": exc, "files": names}
    if is_htmx_partial(request):
        pass  # the result panel replaces the message
    elif result.changed_anything:
        messages.success(request, f"Imported {', '.join(names)} into {account.display_name}.")
    else:
        messages.info(request, f"{', '.join(names)}: the account already matches; nothing "
                      "changed.")
    return 200, {"result": result, "rows": _rows(result), "files": names}


@require_http_methods(["GET", "POST"])
def authorization_details_view(request: HttpRequest) -> HttpResponse:
    """Export the account as a GAAD file, or import such files (create or update, atomically).

    Both are authorized as GetAccountAuthorizationDetails (an import compares the file with
    everything the account holds); an import runs each operation the file implies as the
    caller.
    """
    GetAccountAuthorizationDetails(caller=caller_for(request)).preflight()
    account = caller_account(request)
    status, context = 200, {}
    posted = request.method == "POST"
    import_form = ImportForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and import_form.is_valid():
        status, context = _import(request, import_form)
    elif posted:
        status = 400
    context |= {"account": account, "import_form": import_form, "export_form": ExportForm()}
    if is_htmx_partial(request):
        # htmx swaps only successful responses; the fragment carries the error itself, the
        # form's own errors (no file, too large) included: the form is not redrawn.
        status = 200
        context["form_errors"] = import_form.errors.get("files", [])
    return page_or_partial(request, "accounts/authorization_details.html",
                           "accounts/partials/_authorization_details_result.html",
                           context, status=status)


@require_GET
def authorization_details_export_view(request: HttpRequest) -> HttpResponse:
    """Download GetAccountAuthorizationDetails of the account as a JSON file."""
    form = ExportForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    # A plain link (no form submitted) exports everything, extension included.
    submitted = bool(request.GET.get("submitted"))
    document = run(request, GetAccountAuthorizationDetails, filter=data.get("filter") or (),
                   include_extension=bool(data.get("extension")) if submitted else True)
    account = caller_account(request)
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    response = HttpResponse(json.dumps(document, indent=4) + "\n",
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{account.account_id}-authorization-details-{stamp}.json"'
    )
    return response


urlpatterns = [
    path("account/settings/authorization-details/", authorization_details_view,
         name="authorization_details"),
    path("account/settings/authorization-details/export/", authorization_details_export_view,
         name="authorization_details_export"),
]
