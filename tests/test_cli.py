import json
import subprocess
import sys

import pytest

from socialvalue.cli import main


def test_framework_tree_of_the_shipped_default(capsys):
    assert main(["framework"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Liverpool City Region Combined Authority Social Value Framework")
    assert "├── LCR-JOBS  Good local jobs and skills  [pillar:stronger]" in out
    assert "LCR-COM-1  Volunteering hours given to community organisations  (hour; proxy)" in out


def test_framework_tree_of_a_file(tmp_path, capsys):
    from socialvalue.io import save_framework, shipped_framework

    path = tmp_path / "mine.json"
    save_framework(shipped_framework(), path)
    assert main(["framework", str(path)]) == 0
    assert "27 measures" in capsys.readouterr().out


def test_validate_ok(tmp_path, capsys):
    from socialvalue.io import save_framework, shipped_framework

    path = tmp_path / "mine.toml"
    save_framework(shipped_framework(), path)
    assert main(["validate", str(path)]) == 0
    assert (
        capsys.readouterr().out == f"{path}: OK — framework 'lcrca' version 2023.1, 27 measures\n"
    )


def test_validate_bad_file_prints_every_problem_without_traceback(tmp_path, capsys):
    path = tmp_path / "bad.toml"
    path.write_text(
        'schema = "socialvalue/framework/1"\nid = "x"\ntitle = ""\nversion = "1"\n'
        'publisher = "p"\nlicence = "MIT"\ncolor = 1\n'
    )
    assert main(["validate", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"error: {path}: 2 problems:")
    assert "title: must not be empty" in captured.err
    assert "color: unknown key" in captured.err
    assert "Traceback" not in captured.err


def test_missing_file(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "missing.toml")]) == 1
    assert "cannot read the file: No such file or directory" in capsys.readouterr().err


def test_usage_errors_exit_2(capsys):
    assert main(["nonsense"]) == 2
    assert "No such command 'nonsense'" in capsys.readouterr().err
    assert main(["value", "--by", "colour"]) == 2
    assert "Invalid value for '--by'" in capsys.readouterr().err


def test_no_command_shows_usage(capsys):
    assert main([]) in (0, 2)
    captured = capsys.readouterr()
    assert "Usage: socialvalue" in captured.out + captured.err


def test_help_shows_examples(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "socialvalue report -o report.html" in out
    assert main(["report", "--help"]) == 0
    assert "--locale" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["report", "value", "explain", "template", "import"])
def test_each_command_shows_its_own_examples_only(capsys, command):
    assert main([command, "--help"]) == 0
    examples = capsys.readouterr().out.split("Examples:", 1)[1]
    lines = [
        line.strip() for line in examples.splitlines() if line.strip().startswith("socialvalue ")
    ]
    assert lines
    assert all(line.split()[1] == command for line in lines)


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("socialvalue, version ")


def test_python_dash_m_entry_point():
    result = subprocess.run(
        [sys.executable, "-m", "socialvalue", "framework"],
        capture_output=True,
        text=True,
        check=False,
        encoding="utf-8",
    )
    assert result.returncode == 0, result.stderr
    assert "LCR-ENV-2" in result.stdout


def test_validate_registry_against_a_framework(tmp_path, capsys):
    path = tmp_path / "values.csv"
    path.write_text(
        "code,unit,value,price_year,valid_from,source_title,source_publisher,licence\n"
        "LCR-EDI-1,hour,100,2022/23,2022-04-01,Synthetic,Tests,public domain\n"
    )
    assert main(["validate", str(path)]) == 0
    assert "registry 'values' version csv, 1 values for 1 measures" in capsys.readouterr().out
    assert main(["validate", str(path), "--framework", "lcrca"]) == 1
    assert (
        "values.csv: row 2, column unit: LCR-EDI-1 is counted in 'person', but this value is per 'hour'"
        in capsys.readouterr().err
    )


def test_validate_shipped_data_files(capsys):
    from importlib import resources

    data = resources.files("socialvalue") / "data"
    for folder, kind in (
        ("registries/desnz-carbon.toml", "registry 'desnz-carbon'"),
        ("registries/ons-ashe-earnings.toml", "registry 'ons-ashe-earnings'"),
        ("prices/gdp-deflator-ons-ybgb-2025-06.toml", "price index"),
        ("prices/gdp-deflator-hmt-2026-03.toml", "price index 'gdp-deflator-hmt-2026-03'"),
        ("discounting/green-book-2022.toml", "discount schedules standard, health"),
    ):
        assert main(["validate", str(data / folder), "--framework", "lcrca"]) == 0
        assert kind in capsys.readouterr().out


def test_validate_unknown_document(tmp_path, capsys):
    path = tmp_path / "x.toml"
    path.write_text('name = "x"\n')
    assert main(["validate", str(path)]) == 1
    assert "cannot tell what this document is: add a 'schema' key" in capsys.readouterr().err
    path.write_text('schema = "socialvalue/other/1"\n')
    assert main(["validate", str(path)]) == 1
    assert "unknown schema 'socialvalue/other/1'" in capsys.readouterr().err


def test_value_the_shipped_example_with_the_default_methodology(capsys):
    assert main(["value"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "Social Value Annual Report 2023, reproduced from its published figures: 25 deliveries"
    )
    assert (
        "methodology: Open default methodology for the LCRCA framework — lcrca-default 2026.2"
        in out
    )
    assert "total" in out
    assert "not valued (" in out
    assert "no value for LCR-EMP-1 in registry desnz-carbon, ons-ashe, dwp-swap" in out
    assert "recorded, never monetised:" in out


def test_value_with_a_layered_registry_and_explanations(capsys):
    from pathlib import Path

    csv = Path(__file__).parent.parent / "examples" / "partner-values.csv"
    assert main(["value", "--registry", str(csv), "--by", "project", "--explain"]) == 0
    out = capsys.readouterr().out
    assert "lcrca-default+partner-values 2026.2" in out
    assert "EmbRACE" in out
    assert "how each figure was obtained:" in out
    assert "layer partner-values from" in out


def test_value_strict_fails_on_gaps(capsys):
    assert main(["value", "--strict"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: deliveries that cannot be valued:")
    assert "Traceback" not in err


def test_value_a_deliveries_file(tmp_path, capsys):
    from socialvalue import Delivery, DeliverySet
    from socialvalue.io import save_deliveries

    path = tmp_path / "returns.json"
    save_deliveries(
        DeliverySet(
            title="Q3 returns",
            deliveries=[Delivery(measure="LCR-COM-2", quantity="250.50", period="2024/25 Q3")],
        ),
        path,
    )
    assert main(["value", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Q3 returns: 1 delivery" in out
    assert "250.50" in out


def test_value_bad_deliveries_file(tmp_path, capsys):
    path = tmp_path / "returns.toml"
    path.write_text(
        'title = "x"\n[[deliveries]]\nmeasure = "LCR-COM-2"\nquantity = "-5"\nperiod = "2022/23"\n'
    )
    assert main(["value", str(path)]) == 1
    assert "deliveries entry 1, key quantity: -5 is negative" in capsys.readouterr().err


def test_commitments_summary_for_the_executive_leadership_team(capsys):
    from pathlib import Path

    examples = Path(__file__).parent.parent / "examples"
    assert (
        main(
            [
                "commitments",
                str(examples / "lcrca-progress.toml"),
                "--deliveries",
                str(examples / "hr3-returns.toml"),
                "--quarter",
                "2025/26 Q1",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert out.startswith("Social value commitments — 2025/26 Q1 (assessed on 2025-06-30)")
    assert "commissioner / contractual: 2 amber, 1 complete" in out
    assert "HR3-EXAMPLE/LCR-EMP-1 red → amber" in out
    assert "promised 20,000.00" in out


def test_commitments_quarter_must_be_a_quarter(capsys):
    assert main(["commitments", "--quarter", "2025/26"]) == 2
    assert "is not a quarter such as '2024/25 Q2'" in capsys.readouterr().err
    assert main(["commitments", "--quarter", "2025/26 Q9"]) == 1
    assert "cannot read '2025/26 Q9' as a period" in capsys.readouterr().err


def test_commitments_default_quarter_runs(capsys):
    assert main(["commitments", "--no-values"]) == 0
    out = capsys.readouterr().out
    assert "By role and kind:" in out
    # The commitment met on the evidence of its record shows green, with that evidence cited
    # (as words: the terminal colour is dropped when the output is not a terminal).
    assert "1 complete (green)" in out
    assert "[GREEN: MET] D1-PRC-01 " in out
    assert "met: evidence on its record: Annual Report 2023, Commissioner" in out
    assert "\x1b[" not in out
    assert main(["commitments", "--no-values", "--format", "json"]) == 0
    listed = {c["id"]: c for c in json.loads(capsys.readouterr().out)["commitments"]}
    assert (listed["D1-PRC-01"]["rag"], listed["D1-PRC-01"]["colour"]) == ("complete", "green")


def test_template_and_import_commands(tmp_path, capsys):
    from pathlib import Path

    examples = Path(__file__).parent.parent / "examples"
    template = tmp_path / "returns.xlsx"
    assert (
        main(
            [
                "template",
                str(template),
                "--contract",
                "HR3-EXAMPLE",
                "--commitments",
                str(examples / "lcrca-progress.toml"),
                "--rows",
                "5",
            ]
        )
        == 0
    )
    assert "with 3 commitments listed" in capsys.readouterr().out
    assert main(["import", str(template)]) == 0
    assert "0 accepted, 0 rejected" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("measure,quantity,period\nLCR-COM-1,ten,2022/23\nLCR-COM-1,12,2022/23\n")
    rejected = tmp_path / "fix.csv"
    assert main(["import", str(bad), "--rejected", str(rejected)]) == 1
    out = capsys.readouterr().out
    assert "2 rows — 1 accepted, 1 rejected" in out
    assert "row 2, column quantity" in out
    assert rejected.exists()


@pytest.mark.parametrize("package", ["click", "rich"])
def test_a_missing_cli_extra_is_one_message_not_a_traceback(monkeypatch, capsys, package):
    monkeypatch.setitem(sys.modules, package, None)  # as if not installed
    assert main(["--help"]) == 1
    assert 'pip install "socialvalue[cli]"' in capsys.readouterr().err


def test_report_to_a_bad_path_is_an_error_not_a_traceback(tmp_path, capsys):
    assert main(["report", "-o", str(tmp_path / "missing" / "r.html")]) == 1
    err = capsys.readouterr().err
    assert "cannot write the file" in err
    assert "Traceback" not in err


def test_explain_period_selects_deliveries_within_it(capsys):
    assert main(["explain", "LCR-COM-2", "--period", "2022/23"]) == 0
    out = capsys.readouterr().out
    assert "LCR-COM-2: 10000 in 2022/23" in out  # Housing Retrofit Programme
    assert "× 300 →" in out  # Headbolt Lane Station
    assert "2021-08-01..2023-07-31" not in out  # AEB's two years are not within 2022/23


def test_value_by_an_empty_attribute_or_correction_shows_words_not_python(tmp_path, capsys):
    # The --by columns printed Python's None and False for a delivery without a role and a
    # delivery that is not a correction.
    deliveries = tmp_path / "d.toml"
    deliveries.write_text(
        'schema = "socialvalue/deliveries/1"\ntitle = "t"\n\n[[deliveries]]\n'
        'measure = "LCR-COM-1"\nquantity = "10"\nperiod = "2022/23"\n',
        encoding="utf-8",
    )
    args = ["value", str(deliveries), "--by", "role", "--by", "contract", "--by", "correction"]
    assert main(args) == 0
    row = next(line for line in capsys.readouterr().out.splitlines() if "LCR-COM-1" in line)
    cells = [cell.strip() for cell in row.split("│")[1:-1]]
    assert cells[:4] == ["LCR-COM-1", "(none)", "(none)", "no"]


def test_value_lists_possible_overlaps_and_marks_an_unvalued_target(capsys):
    """`socialvalue value` on the shipped example: Kindred's LCR-INV-1 jobs may be the LCR-EMP-1
    jobs on other projects (outside the default overlap scope), and the EmbRACE roll-out is a
    target, not 21,000 completions."""
    assert main(["value"]) == 0
    out = capsys.readouterr().out
    assert "possible overlaps" in out
    assert "LCR-INV-1  77 FTE-year in 2022/23: may overlap LCR-EMP-1" in out
    assert "LCR-EDI-1  21,000 person in 2022/23 (a target):" in out


#: What ``--help`` must not load: the models, the io layer, rich's console, Babel (they load
#: when a command runs; ``import rich`` alone, which checks the extra is installed, is small).
#: Checked in a fresh interpreter, by module name, not by time.
_NOT_FOR_HELP = (
    "attrs",
    "cattrs",
    "rich.console",
    "rich.progress",
    "babel",
    "socialvalue.io",
    "socialvalue.methodology",
)


@pytest.mark.parametrize("argv", [["--help"], ["value", "--help"], ["registry", "import", "-h"]])
def test_help_loads_neither_the_models_nor_rich(argv):
    import subprocess

    code = (
        "import sys, contextlib, io\n"
        "from socialvalue.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        f"    code = main({argv!r})\n"
        "assert code == 0 and 'Usage:' in out.getvalue(), (code, out.getvalue())\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {_NOT_FOR_HELP!r}"
        f" or m.startswith({_NOT_FOR_HELP!r})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_commands_module_still_offers_format_framework_tree():
    import socialvalue.cli

    assert socialvalue.cli.format_framework_tree.__module__ == "socialvalue.cli._tree"
    with pytest.raises(AttributeError, match="nothing"):
        socialvalue.cli.nothing  # noqa: B018


def test_the_command_lines_default_language_is_the_displays():
    # Written twice so that --help need not import _display (and attrs); kept equal here.
    from socialvalue import _display
    from socialvalue.cli import _commands

    assert _commands._ENGLISH == _display.DEFAULT_LOCALE
    assert _display.DEFAULT_LOCALE in _commands.SUPPORTED_LANGUAGES
