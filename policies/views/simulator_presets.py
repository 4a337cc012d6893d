"""Saving the simulator's current input as a named preset, and deleting presets."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from accounts.selectors import account_get
from iamconsole.exceptions import IamError
from iamconsole.htmx import is_htmx_partial
from iamconsole.principal import Principal

from ..authorization import Operation, authorize
from ..services import simulator_preset_delete, simulator_preset_save
from ..simulation.page import form_to_json
from ..simulation.selectors import simulator_preset_get, simulator_preset_list
from .simulator_support import authorize_simulator, render


def preset_operation(simulation: dict) -> Operation:
    """A preset may be saved or deleted by whoever may run it: iam:SimulatePrincipalPolicy on
    its principal, or iam:SimulateCustomPolicy on *."""
    if simulation.get("mode") == "principal":
        return Operation("iam:SimulatePrincipalPolicy",
                         str(simulation.get("policy_source_arn") or "*"))
    return Operation("iam:SimulateCustomPolicy", "*")


def _panel(request: HttpRequest, *, error: str = "", name: str = "",
           description: str = "", saved: str = "") -> HttpResponse:
    caller: Principal = request.principal
    return render(request, "policies/partials/_simulation_presets.html", {
        "presets": simulator_preset_list(account_pk=caller.account_pk),
        "preset_error": error, "preset_name": name, "preset_description": description,
        "preset_saved": saved,
    })


@require_POST
def simulator_preset_save_view(request: HttpRequest) -> HttpResponse:
    """Save the page's current simulation under a name (replacing a preset of that name).

    Replacing a preset deletes what it held: that needs what deleting it needs, too.
    """
    caller: Principal = request.principal
    authorize_simulator(caller)
    data, _refs = form_to_json(request.POST)
    name = request.POST.get("preset_name", "").strip()
    description = request.POST.get("preset_description", "").strip()
    authorize(caller, preset_operation(data))
    with transaction.atomic():
        # Locked, so the preset checked is the preset replaced.
        replaced = (simulator_preset_list(account_pk=caller.account_pk)
                    .select_for_update().filter(name__iexact=name).first())
        if replaced is not None:
            authorize(caller, preset_operation(replaced.simulation))
        try:
            preset = simulator_preset_save(
                account=account_get(account_id_or_alias=caller.account_id), name=name,
                description=description, simulation=data,
            )
        except IamError as exc:
            if is_htmx_partial(request):
                # 200 so that htmx swaps the panel in with the error beside the name.
                return _panel(request, error=exc.message, name=name, description=description)
            messages.error(request, exc.message)
            return redirect("policies:simulator")
    url = f"{reverse('policies:simulator')}?preset={preset.pk}"
    if is_htmx_partial(request):
        response = _panel(request, saved=preset.name)
        response["HX-Push-Url"] = url
        return response
    messages.success(request, f"Saved the simulation as “{preset.name}”.")
    return redirect(url)


@require_POST
def simulator_preset_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete one of the account's presets."""
    caller: Principal = request.principal
    authorize_simulator(caller)
    preset = simulator_preset_get(account_pk=caller.account_pk, pk=pk)
    authorize(caller, preset_operation(preset.simulation))
    simulator_preset_delete(preset=preset)
    messages.success(request, f"Deleted the preset “{preset.name}”.")
    if is_htmx_partial(request):
        return HttpResponseClientRedirect(reverse("policies:simulator"))
    return redirect("policies:simulator")


urlpatterns = [
    path("simulator/presets/", simulator_preset_save_view, name="simulator_preset_save"),
    path("simulator/presets/<int:pk>/delete/", simulator_preset_delete_view,
         name="simulator_preset_delete"),
]
