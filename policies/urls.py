"""URLs of the policies app's console pages."""

from django.urls import path

from .views.editor import policy_validate_view

app_name = "policies"

urlpatterns = [
    path("policies/validate/", policy_validate_view, name="policy_validate"),
]
