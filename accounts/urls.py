"""URLs of the accounts app's console pages."""

from django.urls import path

from .views.auth import signin_view, signout_view
from .views.dashboard import dashboard_view

app_name = "accounts"

urlpatterns = [
    path("", dashboard_view, name="dashboard"),
    path("signin/", signin_view, name="signin"),
    path("signout/", signout_view, name="signout"),
]
