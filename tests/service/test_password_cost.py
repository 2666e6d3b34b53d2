"""The argon2id cost of new password hashes is a setting; stored hashes keep verifying at any
cost and are upgraded to the configured cost at the next successful login."""

from __future__ import annotations

from service.core import security
from service.core.config import Settings
from service.tables import User
from tests.factories import PASSWORD, login


def test_default_cost_is_argon2s_own() -> None:
    fields = Settings.model_fields
    assert fields["password_hash_time_cost"].default == 3
    assert fields["password_hash_memory_kib"].default == 65536


def test_hashes_verify_across_costs_and_carry_their_parameters() -> None:
    try:
        security.configure_hashing(2, 2048)
        strong = security.hash_password("一个-secret-7")
        assert "m=2048,t=2,p=4" in strong
        security.configure_hashing(1, 1024)
        assert security.verify_password("一个-secret-7", strong)
        assert not security.verify_password("一个-secret-8", strong)
        assert security.needs_rehash(strong)
        assert not security.needs_rehash(security.hash_password("x-secret-1"))
        assert not security.needs_rehash("not a hash")
    finally:
        security.configure_hashing(1, 1024)


def test_login_upgrades_a_hash_made_at_another_cost(client, office, app) -> None:
    def stored() -> str:
        with app.state.session_factory() as s:
            return s.get(User, office.users["reviewer"]).password_hash

    security.configure_hashing(2, 2048)
    try:
        older = security.hash_password(PASSWORD)
    finally:
        security.configure_hashing(1, 1024)
    with app.state.session_factory() as s:
        s.get(User, office.users["reviewer"]).password_hash = older
        s.commit()
    login(client, "reviewer")
    upgraded = stored()
    assert upgraded != older and "m=1024,t=1,p=4" in upgraded
    login(client, "reviewer")  # the upgraded hash verifies, and is kept as it is
    assert stored() == upgraded
