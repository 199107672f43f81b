"""The fast path for the shipped methodology: a JSON cache rebuilt into the very same objects."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import types
from pathlib import Path

import attrs
import pytest

import socialvalue
from socialvalue import _shipped_cache
from socialvalue._sha256 import sha256_hex
from socialvalue._shipped_cache import (
    CACHE_FORMAT,
    cache_path,
    cached_methodology,
    decode,
    encode,
    shipped_cache_names,
    source_digests,
)
from socialvalue.exceptions import SocialValueError, UnknownCodeError
from socialvalue.io import SHIPPED_METHODOLOGIES
from socialvalue.io._cache_writer import cache_text
from socialvalue.io._methodology import methodology_from_shipped_toml


@pytest.mark.parametrize("name", sorted(SHIPPED_METHODOLOGIES))
def test_the_fast_path_gives_the_object_the_slow_path_gives(name: str) -> None:
    fast = cached_methodology(name)
    slow = methodology_from_shipped_toml(name)
    assert fast is not None
    assert fast == slow
    assert fast.content_hash == slow.content_hash
    assert fast.framework == slow.framework
    assert fast.registries == slow.registries
    # outside equality, but cited by every explanation
    assert [r.origin for r in fast.registries] == [r.origin for r in slow.registries]
    assert all(r.origin for r in fast.registries)


@pytest.mark.parametrize("name", sorted(SHIPPED_METHODOLOGIES))
def test_the_committed_cache_is_the_one_the_shipped_toml_gives(name: str) -> None:
    committed = Path(cache_path(name)).read_text(encoding="utf-8")
    assert committed == cache_text(name), (
        "the shipped data changed: run python -m socialvalue.io._cache_writer"
    )


def test_every_shipped_methodology_has_a_cache() -> None:
    assert shipped_cache_names() == sorted(SHIPPED_METHODOLOGIES)


def test_one_function_one_object_at_every_door() -> None:
    assert socialvalue.default_methodology is socialvalue.io.default_methodology
    assert socialvalue.default_methodology() is socialvalue.io.default_methodology()


def test_an_unknown_name_is_refused_with_the_known_ones() -> None:
    with pytest.raises(UnknownCodeError, match="lcrca-default"):
        socialvalue.default_methodology("lcrca-defualt")


def test_a_tag_may_name_only_the_listed_classes() -> None:
    with pytest.raises(KeyError):
        decode('{"!c": "system", "command": "true"}')
    with pytest.raises(TypeError, match="no cache tag"):
        encode(Path())


def _write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, header: object, objects: object = None
) -> None:
    """A cache of the two lines the writer writes; the objects' digest is the right one."""
    target = tmp_path / "x.cache.json"
    payload = json.dumps(objects, ensure_ascii=False, separators=(",", ":"))
    if isinstance(header, dict):
        header = {"methodology_sha256": sha256_hex(payload.encode("utf-8")), **header}
    target.write_text(json.dumps(header) + "\n" + payload + "\n", encoding="utf-8")
    monkeypatch.setattr(_shipped_cache, "cache_path", lambda _name: str(target))


def test_a_cache_whose_hash_does_not_match_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    methodology = methodology_from_shipped_toml("lcrca-default")
    good = {
        "format": CACHE_FORMAT,
        "content_hash": methodology.content_hash,
        "sources": source_digests(),
    }
    objects = encode(methodology)
    _write(tmp_path, monkeypatch, good, objects)
    assert cached_methodology("x") == methodology
    _write(tmp_path, monkeypatch, {**good, "content_hash": "0" * 64}, objects)
    assert cached_methodology("x") is None
    _write(tmp_path, monkeypatch, {**good, "format": "socialvalue/shipped-cache/0"}, objects)
    assert cached_methodology("x") is None
    _write(tmp_path, monkeypatch, good, {"!c": "Nothing", "a": {}})
    assert cached_methodology("x") is None
    _write(tmp_path, monkeypatch, [1, 2])
    assert cached_methodology("x") is None


def _edited_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str) -> str:
    """The shipped cache with its first ``old`` made ``new``, as a reason it is not used."""
    text = Path(cache_path("lcrca-default")).read_text(encoding="utf-8")
    assert old in text
    target = tmp_path / "edited.cache.json"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    monkeypatch.setattr(_shipped_cache, "cache_path", lambda _name: str(target))
    found = _shipped_cache.read_cache("lcrca-default")
    assert isinstance(found, str), "an edited cache was used"
    return found


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # outside the content hash (which covers only what changes a value), yet every proxy
        # value must carry its licence and source, and a report shows the titles
        ('"licence":"', '"licence":"not '),
        ('"url":"https://', '"url":"https://example.invalid/'),
        ('"title":"', '"title":"Edited '),
    ],
)
def test_a_cache_edited_outside_the_content_hash_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str
) -> None:
    found = _edited_cache(tmp_path, monkeypatch, old, new)
    assert "SHA-256" in found


@pytest.mark.parametrize(
    ("objects", "said"),
    [
        ({"!d": "twelve"}, "InvalidOperation"),  # not a ValueError: an ArithmeticError
        ({"!c": "Methodology", "a": []}, "TypeError"),  # no argument "a"
        ({"!c": "Methodology"}, "TypeError"),  # its arguments missing
        ({"!c": "Source", "title": 1, "publisher": "p"}, "AttributeError"),  # not text
        ({"!t": [{"id": "x"}]}, "not a cache tag"),  # a JSON object with no tag
        ({"!c": "Source", "title": "t", "publisher": "p", "!origin": "x"}, "origin for a Source"),
        ("[" * 100_000 + "]" * 100_000, "RecursionError"),
    ],
)
def test_damaged_objects_are_a_reason_never_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, objects: object, said: str
) -> None:
    target = tmp_path / "x.cache.json"
    payload = objects if isinstance(objects, str) else json.dumps(objects)
    header = {
        "format": CACHE_FORMAT,
        "sources": source_digests(),
        "methodology_sha256": sha256_hex(payload.encode("utf-8")),
    }
    target.write_text(json.dumps(header) + "\n" + payload + "\n", encoding="utf-8")
    monkeypatch.setattr(_shipped_cache, "cache_path", lambda _name: str(target))
    found = _shipped_cache.read_cache("lcrca-default")
    assert isinstance(found, str)
    assert said in found


def test_a_missing_cache_is_not_used(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(_shipped_cache, "cache_path", lambda _name: str(tmp_path / "none.json"))
    assert cached_methodology("lcrca-default") is None


def _copy_of_the_shipped_data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    for relative in source_digests():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((Path(_shipped_cache.__file__).parent / "data" / relative).read_bytes())
    return folder


def test_a_stale_cache_is_not_used(tmp_path: Path) -> None:
    folder = _copy_of_the_shipped_data(tmp_path)
    assert cached_methodology("lcrca-default", data_folder=str(folder)) is not None
    # A shipped file edited after the cache was written (here: one value's price year comment
    # would do; any byte counts), or a file added: the cache is stale.
    registry = folder / "registries" / "dwp-swap.toml"
    registry.write_bytes(registry.read_bytes() + b"\n")
    assert cached_methodology("lcrca-default", data_folder=str(folder)) is None
    registry.write_bytes(registry.read_bytes()[:-1])
    assert cached_methodology("lcrca-default", data_folder=str(folder)) is not None
    (folder / "registries" / "new.toml").write_text("", encoding="utf-8")
    assert cached_methodology("lcrca-default", data_folder=str(folder)) is None


def test_a_stale_cache_is_refused_naming_the_changed_file_and_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _copy_of_the_shipped_data(tmp_path)
    registry = folder / "registries" / "dwp-swap.toml"
    registry.write_bytes(registry.read_bytes() + b"\n")
    reason = _shipped_cache.read_cache("lcrca-default", data_folder=str(folder))
    assert reason == "shipped data changed since it was written (registries/dwp-swap.toml)"
    cache = Path(cache_path("lcrca-default"))
    (folder / "methodologies" / cache.name).write_bytes(cache.read_bytes())
    monkeypatch.setattr(_shipped_cache, "_data_folder", lambda: str(folder))
    with pytest.raises(SocialValueError, match=r"dwp-swap\.toml.*_cache_writer"):
        _shipped_cache.default_methodology.__wrapped__("lcrca-default")
    with pytest.raises(UnknownCodeError, match="lcrca-default"):
        _shipped_cache.default_methodology.__wrapped__("nothing")


def test_the_classes_of_a_methodology_take_python_functions_as_converters() -> None:
    # attrs reads every converter's signature when it creates a class: a class (an enum) or a
    # built-in (tuple, Decimal) costs 0.1 to 2 ms there, on every first call. Keep them out of
    # the classes the shipped methodology is built from.
    slow = [
        f"{cls.__qualname__}.{field.name}: {field.converter!r}"
        for cls in _shipped_cache._CLASSES.values()
        for field in attrs.fields(cls)
        if field.converter is not None and not isinstance(field.converter, types.FunctionType)
    ]
    assert slow == []


@pytest.mark.parametrize("data", [b"", b"abc", bytes(range(256)) * 300])
def test_the_fast_path_hashes_as_hashlib_does(data: bytes) -> None:
    assert sha256_hex(data) == hashlib.sha256(data).hexdigest()


def test_the_fast_path_imports_neither_hashlib_nor_the_io_layer() -> None:
    # What the call itself imports (a coverage tool may have imported hashlib before it).
    code = (
        "import sys, socialvalue; before = set(sys.modules); socialvalue.default_methodology(); "
        "loaded = set(sys.modules) - before; "
        "print(sorted({'hashlib', '_hashlib', 'socialvalue.io', 'cattrs'} & loaded), "
        "'socialvalue.methodology' in loaded)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[] True"


def test_the_shipped_data_is_checked_out_byte_for_byte() -> None:
    """The cache records each shipped data file's SHA-256, so a checkout that turns line
    endings into CRLF (Git for Windows' default, core.autocrlf=true) made every cache stale and
    default_methodology() raise in a source checkout: git must not convert them."""
    root = Path(__file__).resolve().parent.parent
    if not (root / ".git").exists():  # pragma: no cover - an sdist has no git attributes
        pytest.skip("not a git checkout")
    data = root / "src" / "socialvalue" / "data"
    paths = [str(path.relative_to(root)) for path in sorted(data.rglob("*")) if path.is_file()]
    found = subprocess.run(
        ["git", "check-attr", "text", "--", *paths],  # noqa: S607 - git from PATH
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert len(found) == len(paths)
    assert all(line.endswith(": text: unset") for line in found), found[:3]


def test_files_in_a_folder_linked_into_the_data_are_digested_and_a_loop_is_a_reason(
    tmp_path: Path,
) -> None:
    """os.scandir follows a linked folder where os.walk (before) skipped it: a file read
    through the link is digested, so an edit to it makes the cache stale instead of being used
    silently; a link looping back is a reason the cache is not used, never a traceback."""
    folder = _copy_of_the_shipped_data(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "extra.toml").write_text("a = 1\n", encoding="utf-8")
    try:
        (folder / "linked").symlink_to(outside, target_is_directory=True)
    except OSError:  # pragma: no cover - no symbolic links here
        pytest.skip("no symbolic links on this system")
    assert "linked/extra.toml" in source_digests(str(folder))
    assert "linked/extra.toml" in str(
        _shipped_cache.read_cache("lcrca-default", data_folder=str(folder))
    )
    (folder / "linked").unlink()
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    found = _shipped_cache.read_cache("lcrca-default", data_folder=str(folder))
    assert isinstance(found, str)
    assert found.startswith("the shipped data cannot be read")
