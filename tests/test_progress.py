"""Progress as a command works: readers and value_many report counts; the command line draws them.

The readers call ``progress`` with increasing counts as they read (not after); the command
line draws a bar only on a terminal (a pseudo-terminal here), never into redirected output.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

import socialvalue as sv
from socialvalue.cli import _inputs, main
from socialvalue.io import iter_returns, read_returns, shipped_framework, write_returns

ROWS = 2_500


def _returns_csv(path: Path, rows: int = ROWS, *, bad_every: int = 0) -> Path:
    lines = ["measure,quantity,unit,period,project"]
    for i in range(rows):
        quantity = "lots" if bad_every and i % bad_every == 0 else f"{i % 97}.5"
        lines.append(f"LCR-ENV-2,{quantity},tCO2e,2024/25 Q{i % 4 + 1},P{i % 7}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _increasing_to(counts: list[int], total: int) -> None:
    assert counts, "progress was never called"
    assert counts == sorted(set(counts)), counts
    assert counts[-1] == total
    assert len(counts) >= 2  # more than once: as it reads, not only at the end


@pytest.mark.parametrize("bad_every", [0, 10])
def test_read_returns_reports_rows_checked_as_it_reads(tmp_path, bad_every):
    path = _returns_csv(tmp_path / "returns.csv", bad_every=bad_every)
    counts: list[int] = []
    result = read_returns(path, framework=shipped_framework(), progress=counts.append)
    _increasing_to(counts, ROWS)
    assert len(result.accepted) + len(result.rejected) == ROWS
    assert counts[:2] == [1000, 2000]


def test_the_callback_is_called_while_rows_stream_not_after(tmp_path):
    path = _returns_csv(tmp_path / "returns.csv")
    counts: list[int] = []
    with iter_returns(path, framework=shipped_framework(), progress=counts.append) as rows:
        taken = [next(rows) for _ in range(1500)]
        assert counts == [1000]  # the first thousand reported before the rest are read
        assert len(taken) == 1500
        rest = list(rows)
    assert counts == [1000, 2000, ROWS]
    assert len(rest) == ROWS - 1500


def test_json_lines_and_workbooks_report_too(tmp_path):
    pytest.importorskip("openpyxl")
    source = read_returns(_returns_csv(tmp_path / "returns.csv"), framework=shipped_framework())
    for suffix in (".jsonl", ".xlsx"):
        path = tmp_path / f"returns{suffix}"
        write_returns(source.accepted, path)
        counts: list[int] = []
        result = read_returns(path, framework=shipped_framework(), progress=counts.append)
        _increasing_to(counts, ROWS)
        assert len(result.accepted) == ROWS


def test_value_many_reports_deliveries_summed(tmp_path):
    result = read_returns(_returns_csv(tmp_path / "r.csv", 25_000), framework=shipped_framework())
    counts: list[int] = []
    batch = sv.value_many(result.accepted, sv.default_methodology(), progress=counts.append)
    assert counts == [10_000, 20_000, 25_000]
    assert batch == sv.value_many(result.accepted, sv.default_methodology())


def _run(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "socialvalue", *argv],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


def test_redirected_output_holds_no_progress_text(tmp_path):
    _returns_csv(tmp_path / "returns.csv")
    piped = _run(["value", "returns.csv"], tmp_path)
    quiet = _run(["value", "returns.csv", "--no-progress"], tmp_path)
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout == quiet.stdout
    assert piped.stderr == quiet.stderr == ""
    assert "\x1b" not in piped.stdout


def _on_a_terminal(argv: list[str], cwd: Path) -> str:
    """What the command writes to a pseudo-terminal on standard error."""
    pty = pytest.importorskip("pty")
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "socialvalue", *argv],
            stdout=subprocess.DEVNULL,
            stderr=follower,
            cwd=cwd,
            env={**os.environ, "COLUMNS": "120", "TERM": "xterm"},
            check=False,
            timeout=300,
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the follower end is closed: everything is read
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(leader)
    assert done.returncode == 0
    return b"".join(chunks).decode("utf-8", errors="replace")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_a_terminal_is_shown_the_rows_read_and_the_rate(tmp_path):
    _returns_csv(tmp_path / "returns.csv", 6_000)
    drawn = _on_a_terminal(["value", "returns.csv"], tmp_path)
    assert "reading and checking returns.csv" in drawn
    assert "6,000 rows" in drawn
    assert "rows/s" in drawn
    assert "valuing" not in drawn  # 6,000 deliveries are valued before the first report
    quiet = _on_a_terminal(["value", "returns.csv", "--no-progress"], tmp_path)
    assert "reading and checking" not in quiet


def test_a_large_toml_delivery_set_gets_a_suggestion(tmp_path, monkeypatch, capsys):
    deliveries = tmp_path / "deliveries.toml"
    sv.io.save_deliveries(
        sv.DeliverySet(
            title="t",
            deliveries=[sv.Delivery(measure="LCR-ENV-2", quantity="1", period="2024/25 Q1")],
        ),
        deliveries,
    )
    assert main(["value", str(deliveries)]) == 0
    assert "TOML" not in capsys.readouterr().err
    monkeypatch.setattr(_inputs, "TOML_NOTE_FROM", deliveries.stat().st_size)
    assert main(["value", str(deliveries)]) == 0
    err = capsys.readouterr().err
    assert "of TOML is slow to read" in err
    assert "CSV returns" in err
    assert "Parquet" in err
