import os
import time

import pytest

from reporting.workbook import holding


@pytest.fixture
def own_folder(private_storage_folder):
    """Held files are in the private storage's folder (the root conftest gives each test its own)."""
    return private_storage_folder / holding.FOLDER


def test_a_held_file_comes_back_then_goes(own_folder):
    session = {}
    holding.hold(session, b"PK workbook", "plan.xlsx")

    assert holding.held(session) == (b"PK workbook", "plan.xlsx")
    assert oct(os.stat(next(own_folder.glob("*.xlsx"))).st_mode & 0o777) == "0o600"
    holding.release(session)
    assert holding.held(session) is None
    assert list(own_folder.glob("*.xlsx")) == []


def test_a_second_upload_replaces_the_first(own_folder):
    session = {}
    holding.hold(session, b"one", "one.xlsx")
    holding.hold(session, b"two", "two.xlsx")
    assert holding.held(session) == (b"two", "two.xlsx")
    assert len(list(own_folder.glob("*.xlsx"))) == 1


@pytest.mark.parametrize("token", ["../../etc/passwd", "", None, "A" * 32, "0" * 31])
def test_a_token_that_is_not_ours_names_no_file(token):
    assert holding.held({holding.SESSION_KEY: {"token": token, "filename": "x"}}) is None


def test_files_older_than_a_day_are_swept(own_folder):
    session = {}
    holding.hold(session, b"old", "old.xlsx")
    old = next(own_folder.glob("*.xlsx"))
    stale = time.time() - holding.MAX_AGE_SECONDS - 60
    os.utime(old, (stale, stale))

    holding.hold({}, b"new", "new.xlsx")

    assert not old.exists()
    assert holding.held(session) is None
