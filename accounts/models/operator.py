"""The site operator: Django's auth user, for /admin only and never an IAM identity."""

from django.contrib.auth.models import AbstractUser


class SiteOperator(AbstractUser):
    """A person who administers the installation through /admin (not an IAM principal)."""

    class Meta:
        verbose_name = "site operator"
        verbose_name_plural = "site operators"
