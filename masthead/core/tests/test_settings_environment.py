"""Numbers read from the environment at start-up: a value that is not one stops the process with one line that says
which variable and what it must be, not a ValueError traceback through Django's settings loader."""

import os

import pytest

from masthead.core.testing import run_django

PRODUCTION = {"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "news.example", "MASTHEAD_BASE_URL": "https://news.example"}


def start(settings, tmp_path, code="", **environment):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("MASTHEAD_", "DJANGO_"))}
    env |= {"DJANGO_SETTINGS_MODULE": settings, "MASTHEAD_VAR_DIR": str(tmp_path)}
    if settings.endswith("production"):
        env |= PRODUCTION
    env |= environment
    return run_django(code, env)


@pytest.mark.parametrize(
    "settings, name, value, what",
    [
        ("masthead.settings.dev", "MASTHEAD_PAGE_PASSWORD_WINDOW", "15m", "a whole number of seconds, such as "),
        ("masthead.settings.dev", "MASTHEAD_PAGE_PASSWORD_WINDOW", "-900", "a whole number of seconds, such as "),
        ("masthead.settings.dev", "EMAIL_PORT", "smtp", "a whole number, such as "),
        ("masthead.settings.production", "MASTHEAD_BACKUP_KEEP_DAYS", "2.5", "a whole number of days, such as "),
        ("masthead.settings.production", "SECURE_HSTS_SECONDS", "1 year", "a whole number of seconds, such as "),
    ],
)
def test_a_setting_that_is_not_a_number_stops_start_up_with_one_line_that_says_what_to_set(
    tmp_path, settings, name, value, what
):
    result = start(settings, tmp_path, **{name: value})
    assert result.returncode == 3  # gunicorn's "worker failed to boot": its master stops too
    default = {"MASTHEAD_PAGE_PASSWORD_WINDOW": 900, "EMAIL_PORT": 25, "MASTHEAD_BACKUP_KEEP_DAYS": 14}
    default |= {"SECURE_HSTS_SECONDS": 31536000}
    assert result.stderr.splitlines() == [
        f"Masthead cannot start: {name} is {value!r}; it must be {what}{name}={default[name]}."
    ]


def test_a_time_of_day_that_is_not_one_says_so_in_one_line_too(tmp_path):
    result = start("masthead.settings.dev", tmp_path, MASTHEAD_BACKUP_TIME="3am")
    assert result.returncode == 3
    assert result.stderr.splitlines() == [
        "Masthead cannot start: MASTHEAD_BACKUP_TIME is '3am'; it must be a time of day, hours and minutes on the "
        "24-hour clock, such as MASTHEAD_BACKUP_TIME=03:15."
    ]


def test_numbers_are_read_and_an_empty_value_keeps_the_default(tmp_path):
    code = "from django.conf import settings as s; "
    code += "print(s.MASTHEAD_PAGE_PASSWORD_WINDOW, s.EMAIL_PORT, s.AXES_COOLOFF_TIME)"
    result = start("masthead.settings.dev", tmp_path, code, MASTHEAD_PAGE_PASSWORD_WINDOW=" 120 ", EMAIL_PORT="")
    assert result.stdout.split() == ["120", "25", "0:15:00"], result.stderr[-2000:]
