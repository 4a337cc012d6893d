"""The console's landing page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path

from policies.authorization import Operation, authorize

from ..models import Account


def dashboard_view(request: HttpRequest) -> HttpResponse:
    """Show the signed-in principal's account at a glance (GetAccountSummary)."""
    authorize(request.principal, Operation("iam:GetAccountSummary"))
    account = get_object_or_404(Account, pk=request.principal.account_pk)
    return render(request, "accounts/dashboard.html", {"account": account})


urlpatterns = [
    path("", dashboard_view, name="dashboard"),
]
