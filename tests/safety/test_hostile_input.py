"""Strange and broken documents: a plan or a clear error, never a traceback, never a changed store."""

from __future__ import annotations

import os
import random
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govtui.domain.errors import DocumentError
from govtui.domain.text import DecodeError, decode_document
from govtui.importers import parse_text, read_plan
from govtui.store.parts import parts_dir
from govtui.store.storage import read_store

from ..conftest import PROSE_SAMPLE, TABLE_SAMPLE

SAMPLES = [TABLE_SAMPLE.read_text(encoding="utf-8"), PROSE_SAMPLE.read_text(encoding="utf-8")]
PIECES = ["一、", "(一)", "（二）", "1", "|", " |", "\n", "责任单位:", "(责任股室:办公室)", "牵头", "配合", "、", "，",
          "6月底前", "持续推进", "[bold]", "[/]", "\x1b[31m", "\x00", "2024年", "政务公开工作要点", "序号", "具体要求"]


def mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 8)):
        choice = rng.random()
        i = rng.randrange(len(lines)) if lines else 0
        if choice < 0.25 and lines:
            del lines[i]
        elif choice < 0.5:
            lines.insert(i, rng.choice(PIECES) * rng.randint(1, 3))
        elif choice < 0.75 and lines:
            lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)] + rng.choice(PIECES)
        elif lines:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


def outcome(text: str) -> None:
    try:
        imported = parse_text(text, "fuzz.txt")
    except DocumentError as exc:
        assert str(exc)
        return
    assert imported.tasks
    for task in imported.tasks:
        assert task.text.strip()
        assert "\x1b" not in task.text and "\x00" not in task.text


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), which=st.integers(0, 1))
def test_mutated_samples_give_a_plan_or_a_clear_error(seed: int, which: int) -> None:
    outcome(mutate(SAMPLES[which], random.Random(seed)))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES + list("办公室科股局完成公开政策。abc ")), max_size=120))
def test_random_documents_give_a_plan_or_a_clear_error(pieces: list[str]) -> None:
    outcome("".join(pieces))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=600))
def test_random_bytes_decode_or_fail_clearly(data: bytes) -> None:
    try:
        text = decode_document(data)
    except DecodeError as exc:
        assert str(exc)
        return
    assert "\ufffd" not in text or "\ufffd".encode() in data  # never silently replaced


@pytest.mark.slow
def test_fuzzed_imports_leave_the_store_byte_identical(seeded: Path, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(5)
    before = seeded.read_bytes()
    rejected = 0
    for n in range(12):
        doc = tmp_path / f"fuzz{n}.txt"
        kind = n % 3
        if kind == 0:
            doc.write_bytes(os.urandom(rng.randint(1, 3000)))
        elif kind == 1:
            doc.write_text("这是一份没有任务的说明。" * rng.randint(1, 50), encoding="utf-8")
        else:
            doc.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(100))
        result = run("import", str(doc))
        assert result.returncode == 2, result.stdout
        assert "Traceback" not in result.stderr and result.stderr.startswith("govtui: ")
        rejected += 1
    assert rejected == 12
    assert seeded.read_bytes() == before


def test_one_megabyte_single_line(tmp_path: Path) -> None:
    line = ("加强政务公开，" * 150_000)[:1_000_000]
    doc = tmp_path / "line.txt"
    doc.write_text("XX局2024年政务公开工作要点\n一、加强公开\n" + line + "(责任单位:办公室)\n", encoding="utf-8")
    imported = read_plan(doc)
    assert len(imported.tasks) == 1
    assert imported.tasks[0].unit_names() == ["办公室"]
    no_annotation = tmp_path / "bare.txt"
    no_annotation.write_text(line, encoding="utf-8")
    with pytest.raises(DocumentError, match="no plan found"):
        read_plan(no_annotation)


def test_fifty_megabyte_file_is_refused_with_a_message(seeded: Path, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    big = tmp_path / "big.txt"
    with big.open("wb") as out:
        block = ("一、加强公开\n做好公开。(责任单位:办公室)\n" * 2000).encode()
        while out.tell() < 50 * 1024 * 1024:
            out.write(block)
    before = seeded.read_bytes()
    result = run("import", str(big))
    assert result.returncode == 2
    assert "too large" in result.stderr and "MB" in result.stderr
    assert seeded.read_bytes() == before


def test_mixed_gbk_and_utf8_is_an_explicit_error(tmp_path: Path) -> None:
    doc = tmp_path / "mixed.txt"
    doc.write_bytes("XX局2024年政务公开工作要点\n一、加强公开\n".encode() + "做好公开。(责任单位:办公室)\n".encode("gbk")
                    + "二、强化解读\n做好解读工作。(责任单位:政策法规科)\n".encode())
    with pytest.raises(DocumentError, match="mixes encodings"):
        read_plan(doc)


def test_nul_bytes_and_controls(tmp_path: Path) -> None:
    doc = tmp_path / "nul.txt"
    doc.write_bytes("XX局2024年政务公开工作要点\n一、加强公开\n做好\x00公开。\n".encode())
    with pytest.raises(DocumentError, match="NUL"):
        read_plan(doc)
    doc.write_bytes("XX局2024年政务公开工作要点\n一、加强公开\n做好\x1b[2J\x1b]0;x\x07公开\x07\x08。(责任单位:办公\x9b1m室)\n"
                    .encode())
    task = read_plan(doc).tasks[0]
    assert task.text == "做好公开。"
    assert task.unit_names() == ["办公室"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path: Path) -> None:
    doc = tmp_path / "secret.txt"
    doc.write_text("x", encoding="utf-8")
    doc.chmod(0)
    with pytest.raises(DocumentError, match="permission denied"):
        read_plan(doc)


def test_markup_in_a_document_is_printed_literally_by_the_cli(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = tmp_path / "markup.txt"
    doc.write_text("XX局2024年政务公开工作要点\n一、加强[bold]公开[/]\n"
                   "公开[link=file:///etc/passwd]目录[/link][@click=app.quit]点[/]。(责任单位:办公室)\n",
                   encoding="utf-8")
    assert run("import", str(doc)).returncode == 0
    shown = run("show", "1-1")
    assert "公开[link=file:///etc/passwd]目录[/link][@click=app.quit]点[/]。" in shown.stdout
    assert "一、加强[bold]公开[/]" in shown.stdout


@pytest.mark.skipif(os.geteuid() != 0, reason="creating Unix users needs root")
def test_two_unix_users_of_one_group_alternate_writes(tmp_path: Path, seeded: Path) -> None:
    import grp
    import pwd
    import shutil


    group, users = "govtuitest", ["govtuia", "govtuib"]
    if shutil.which("useradd") is None or shutil.which("runuser") is None:
        pytest.skip("useradd/runuser missing")
    subprocess.run(["groupadd", "-f", group], check=True)
    for user in users:
        if subprocess.run(["id", user], capture_output=True).returncode != 0:
            subprocess.run(["useradd", "-M", "-N", "-g", group, "-s", "/bin/sh", user], check=True)
    shared = Path("/tmp") / f"govtui-shared-{os.getpid()}"
    shared.mkdir()
    try:
        os.chown(shared, 0, grp.getgrnam(group).gr_gid)
        os.chmod(shared, 0o2770)
        runner, extra_env = _runner_for(users[0])
        store = shared / "store.json"
        shutil.copy(seeded, store)
        shutil.copytree(parts_dir(seeded), parts_dir(store))
        for path in (store, parts_dir(store), *parts_dir(store).iterdir()):
            os.chown(path, pwd.getpwnam(users[0]).pw_uid, grp.getgrnam(group).gr_gid)
            os.chmod(path, 0o2770 if path.is_dir() else 0o660)
        for turn in range(4):
            user = users[turn % 2]
            result = subprocess.run(["runuser", "-u", user, "--", *runner, "--db", str(store), "set", "1-1", "--note",
                                     f"{user}-{turn}"], capture_output=True, text=True, env={
                                         "PATH": os.environ["PATH"], "HOME": str(shared), "GOVTUI_CACHE": str(shared),
                                         **extra_env})
            assert result.returncode == 0, result.stderr
        for path in (store, shared / "store.json.lock", *parts_dir(store).iterdir()):
            mode = path.stat().st_mode & 0o777
            assert mode & 0o060 == 0o060 and mode & 0o007 == 0, (path, oct(mode))
            assert path.stat().st_gid == grp.getgrnam(group).gr_gid
        notes = [n["text"] for t in read_store(store)["tasks"].values()
                 if t["id"] == "1-1" for n in t["notes"]]
        assert notes == [f"{users[t % 2]}-{t}" for t in range(4)]
    finally:
        shutil.rmtree(shared, ignore_errors=True)
        for user in users:
            subprocess.run(["userdel", user], capture_output=True)
        subprocess.run(["groupdel", group], capture_output=True)


def _runner_for(user: str) -> tuple[list[str], dict[str, str]]:
    """How another Unix user can run this govtui: the installed command, or (when this Python lives in a
    private home) the system's Python of the same version over the same packages; else skip."""
    import sys
    import sysconfig

    import govtui

    from ..conftest import GOVTUI

    if subprocess.run(["runuser", "-u", user, "--", GOVTUI, "--version"], capture_output=True).returncode == 0:
        return [GOVTUI], {}
    system_python = Path(f"/usr/bin/python{sys.version_info.major}.{sys.version_info.minor}")
    paths = os.pathsep.join([str(Path(govtui.__file__).resolve().parent.parent), sysconfig.get_paths()["purelib"],
                             sysconfig.get_paths()["platlib"]])
    runner = [str(system_python), "-c", "from govtui.cli.main import main; main()"]
    probe = subprocess.run(["runuser", "-u", user, "--", *runner, "--version"], capture_output=True, text=True,
                           env={"PATH": os.environ["PATH"], "PYTHONPATH": paths})
    if not system_python.exists() or probe.returncode != 0:
        pytest.skip(f"user {user} cannot run this Python installation ({probe.stderr.strip()[-120:]})")
    return runner, {"PYTHONPATH": paths}
