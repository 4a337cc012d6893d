"""Loading or resetting the demo with the sign-in details recorded outside the database."""

from __future__ import annotations

from . import DemoLoad, load_demo
from .credentials import demo_credentials_path, read_demo_credentials, write_demo_credentials


def load_demo_recorded(*, reset: bool = False, new_passwords: bool = False) -> DemoLoad:
    """`load_demo` with the recorded sign-in details, recorded again afterwards: what
    `manage.py load_demo` and the console's "Reset demo" do."""
    path = demo_credentials_path()
    result = load_demo(credentials=read_demo_credentials(path), reset=reset,
                       new_passwords=new_passwords)
    write_demo_credentials(path, result.credentials)
    return result
