"""``repready zensical``: the whole portal built with Zensical (no MkDocs plugin) into a folder."""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from generator.problems import EXIT_OK, OutputError

DESCRIPTION = (
    "Build the whole portal with Zensical into --out (replaced whole): the site config's docs plus "
    "the quiz pages, assets and quiz navigation generated from the banks, without the MkDocs plugin."
)
MARKER = ".repready-zensical"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config", type=Path, default=Path("mkdocs.yml"), help="site config (default: mkdocs.yml)"
    )
    parser.add_argument("--out", type=Path, required=True, help="folder for the built site (replaced whole)")
    parser.add_argument("--site-url", help="the portal's address (default: site_url of the config)")


def run(args: argparse.Namespace) -> int:
    from generator.folders import replace_folder
    from generator.lrs.client import statements_url
    from generator.render.options import PageOptions
    from generator.site.config import load_site_config
    from generator.site.files import write_into
    from generator.site.generate import generate
    from generator.site.zensical import run_zensical, stage, write_config, zensical_config

    if not args.config.is_file():
        raise OutputError(f"{args.config}: no such site config")
    config = load_site_config(args.config)
    theme = config.data.get("theme") or {}
    custom_dir = (
        config.root / str(theme["custom_dir"])
        if isinstance(theme, dict) and theme.get("custom_dir")
        else None
    )
    banks = config.root / config.plugin_option("banks", "assessments")
    site_url = args.site_url if args.site_url is not None else str(config.data.get("site_url") or "")
    # The plugin's lrs option too (an LrsError is an OutputError: exit 2 with its message).
    lrs_option = config.plugin_option("lrs", "")
    lrs = statements_url(lrs_option) if lrs_option else ""
    options = PageOptions(home=site_url, quiz_dir=config.plugin_option("quiz_dir", "quizzes"), lrs=lrs)
    generated = generate(banks, config.docs_dir, [custom_dir] if custom_dir else [], options)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".repready-zensical-", dir=args.out.resolve().parent))
    try:
        docs = stage(config.docs_dir, custom_dir, work)
        write_into(docs, generated.pages, custom_dir)

        def build(staging: Path) -> None:
            # Zensical keeps site_dir inside the project, so it builds beside the staged docs.
            data = zensical_config(
                config, docs, work / "site", generated.quizzes, args.site_url, lrs=bool(lrs)
            )
            write_config(data, work / "mkdocs.yml")
            run_zensical(work / "mkdocs.yml")
            for built in (work / "site").iterdir():
                built.rename(staging / built.name)

        replace_folder(args.out, {}, command="repready zensical", marker=MARKER, fill=build)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"built the portal with Zensical in {args.out}")
    return EXIT_OK
