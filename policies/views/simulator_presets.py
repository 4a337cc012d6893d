"""Saving the simulator's current input as a named preset, and deleting presets."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from iamconsole.exceptions import AccessDenied, IamError
from iamconsole.htmx import is_htmx_partial
from iamconsole.operations import caller_for

from ..operations.simulation import DeleteSimulatorPreset, PutSimulatorPreset, simulator_access
from ..simulation.page import form_to_json
from ..simulation.selectors import simulator_preset_list
from .simulator_support import render


def _panel(request: HttpRequest, *, error: str = "", name: str = "",
           description: str = "", saved: str = "") -> HttpResponse:
    return render(request, "policies/partials/_simulation_presets.html", {
        "presets": simulator_preset_list(account_pk=request.principal.account_pk),
        "preset_error": error, "preset_name": name, "preset_description": description,
        "preset_saved": saved,
    })


@require_POST
def simulator_preset_save_view(request: HttpRequest) -> HttpResponse:
    """Save the page's current simulation under a name (replacing a preset of that name)."""
    caller = caller_for(request)
    simulator_access(caller)
    data, _refs = form_to_json(request.POST)
    name = request.POST.get("preset_name", "").strip()
    description = request.POST.get("preset_description", "").strip()
    try:
        preset = caller.run(PutSimulatorPreset, name=name, description=description,
                            simulation=data)
    except AccessDenied:
        raise
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
    caller = caller_for(request)
    simulator_access(caller)
    preset = caller.run(DeleteSimulatorPreset, preset_id=pk)
    messages.success(request, f"Deleted the preset “{preset.name}”.")
    if is_htmx_partial(request):
        return HttpResponseClientRedirect(reverse("policies:simulator"))
    return redirect("policies:simulator")


urlpatterns = [
    path("simulator/presets/", simulator_preset_save_view, name="simulator_preset_save"),
    path("simulator/presets/<int:pk>/delete/", simulator_preset_delete_view,
         name="simulator_preset_delete"),
]
