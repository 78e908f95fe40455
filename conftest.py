"""Settings for the whole test suite."""

import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashing is slow on purpose; tests only need passwords to check."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def private_storage_folder(settings, tmp_path_factory):
    """Each test keeps its held uploads and rendered PDFs in a folder of its own (STORAGES["private"])."""
    folder = tmp_path_factory.mktemp("private")
    private = settings.STORAGES["private"]
    if private["BACKEND"] == "django.core.files.storage.FileSystemStorage":
        options = private["OPTIONS"] | {"location": str(folder)}
        settings.STORAGES = settings.STORAGES | {"private": private | {"OPTIONS": options}}
    return folder
