"""Forms of the accounts app."""

from django import forms


class RootSignInForm(forms.Form):
    """Sign in as an account's root user with its email address and password."""

    email = forms.EmailField(label="Root user email address", max_length=254)
    password = forms.CharField(label="Password", strip=False, widget=forms.PasswordInput)
