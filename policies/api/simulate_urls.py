"""URLs of the simulate API, mounted at /api/v1/simulate/."""

from django.urls import path

from .simulate import (
    SimulateCustomPolicyView,
    SimulatePrincipalPolicyView,
    SimulationContextKeysView,
)

app_name = "simulate-api"

urlpatterns = [
    path("custom", SimulateCustomPolicyView.as_view(), name="custom"),
    path("principal", SimulatePrincipalPolicyView.as_view(), name="principal"),
    path("context-keys", SimulationContextKeysView.as_view(), name="context-keys"),
]
