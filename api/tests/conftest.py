import pytest

from api.services import api_token_create
from tests.builders import small_council


@pytest.fixture
def council(db):
    return small_council(size=2)


@pytest.fixture
def make_token(db):
    def make(name="Feeder", access="read_write", unit=None):
        token, key = api_token_create(name=name, access=access, unit=unit, created_by=None)
        return token, {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    return make
