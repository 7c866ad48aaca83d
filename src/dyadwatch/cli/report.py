"""``dyadwatch report A B``: the self-contained HTML report (the flagship job)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import Progress

from dyadwatch import countries

out = Console(stderr=True)


def report(
    ctx: typer.Context,
    a: Annotated[str, typer.Argument(help="First country (name or code).")],
    b: Annotated[str, typer.Argument(help="Second country.")],
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="HTML file (default: A-B.html).")] = None,
) -> None:
    """Write one self-contained HTML report for a pair (renders offline; data cited at the bottom).

    Example: dyadwatch report RUS PRK -o rus-prk.html
    """
    from dyadwatch.report import build_html
    from dyadwatch.store import Store

    ia, ib = countries.iso3(a), countries.iso3(b)
    target = output or Path(f"{ia.lower()}-{ib.lower()}.html")
    with Store(ctx.obj["db"]) as store, Progress(console=out, transient=True) as bar:
        task = bar.add_task("building report", total=None)
        page = build_html(ia, ib, store, progress=lambda step: bar.update(task, description=f"section: {step}"))
    tmp = target.with_suffix(target.suffix + ".tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(target)  # never leave a half-written report behind
    out.print(f"[green]wrote[/] {target} ({target.stat().st_size / 1e6:.1f} MB)")


def register(app: typer.Typer) -> None:
    app.command()(report)
