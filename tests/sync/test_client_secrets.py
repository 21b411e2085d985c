"""Device secrets: a 0600 file when there is no real keyring; fail/null keyrings never count."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from keyring.backends import chainer, fail, null

from app.sync.secrets import DeviceSecret, SecretStore, usable_backend


def test_secrets_round_trip_through_the_file(tmp_path: Path) -> None:
    store = SecretStore(tmp_path, use_keyring=False)
    store.save("dev-aaaaaaaaaaaa", DeviceSecret("token-1", "key-1"))
    store.save("dev-bbbbbbbbbbbb", DeviceSecret("token-2", "key-2"))
    assert SecretStore(tmp_path, use_keyring=False).load("dev-aaaaaaaaaaaa") == DeviceSecret(
        "token-1", "key-1"
    )
    store.forget("dev-aaaaaaaaaaaa")
    assert store.load("dev-aaaaaaaaaaaa") is None
    assert store.load("dev-bbbbbbbbbbbb") == DeviceSecret("token-2", "key-2")


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_secret_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        SecretStore(tmp_path, use_keyring=False).save("dev-a", DeviceSecret("t", "k"))
    finally:
        os.umask(old)
    mode = stat.S_IMODE((tmp_path / "sync-secret.json").stat().st_mode)
    assert mode == 0o600
    assert not list(tmp_path.glob(".*.part"))


def test_the_environment_switch_forces_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAYUNG_KEYRING", "off")
    SecretStore(tmp_path).save("dev-a", DeviceSecret("t", "k"))
    data = json.loads((tmp_path / "sync-secret.json").read_text(encoding="utf-8"))
    assert data == {"dev-a": {"token": "t", "bundle_key": "k"}}


def test_fail_null_and_empty_chainer_keyrings_are_not_used() -> None:
    assert not usable_backend(fail.Keyring())
    assert not usable_backend(null.Keyring())
    chain = chainer.ChainerBackend()
    assert usable_backend(chain) == any(usable_backend(b) for b in chain.backends)


def test_a_secret_never_shows_in_its_repr() -> None:
    assert "token" not in repr(DeviceSecret("token-xyz", "key-xyz"))
